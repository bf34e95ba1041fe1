"""The command's own usage, help and argument errors are Chinese: no English argparse message
("usage:", "error: the following arguments are required", "invalid choice", "show this help
message and exit") reaches a user, for every subcommand."""

from __future__ import annotations

import argparse

import pytest

from jixiao.cli import build_parser, main

# What argparse writes in English (its messages, or their fixed parts).
ENGLISH = ("usage:", "error:", "show this help", "positional arguments", "options:", "optional arguments",
           "the following arguments", "are required", "invalid choice", "choose from", "unrecognized arguments",
           "expected one argument", "expected at", "invalid int value", "argument ", "ambiguous option",
           "show program's version")


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command line that selects a parser: (), ("report",), ("forms", "project")…"""
    found = [prefix]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                found += _commands(child, (*prefix, name))
    return found


COMMANDS = _commands(build_parser())


def _run(capsys, argv: list[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def _english_in(text: str) -> list[str]:
    return [phrase for phrase in ENGLISH if phrase in text]


def test_every_command_is_tried():
    assert ("report",) in COMMANDS and ("forms", "read") in COMMANDS and len(COMMANDS) >= 15


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "jixiao")
def test_help_of_every_command_is_chinese(capsys, command):
    code, out, err = _run(capsys, [*command, "--help"])
    assert code == 0 and err == ""
    assert out.startswith(f"用法：jixiao{''.join(' ' + c for c in command)} ")
    assert "-h, --help" in out and "显示本帮助并退出" in out and "选项：" in out
    assert _english_in(out) == []


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "jixiao")
def test_an_unknown_option_is_refused_in_chinese(capsys, command):
    code, out, err = _run(capsys, [*command, "--no-such-option"])
    assert code == 2 and out == ""
    assert err.startswith("用法：jixiao")
    assert "错误：" in err and ("无法识别的参数：--no-such-option" in err or "缺少必需的参数" in err)
    assert _english_in(err) == []


@pytest.mark.parametrize("argv, message", [
    (["nosuch"], "jixiao：错误：参数 命令：无效的选择“nosuch”（可选：backup、check、demo、"),
    (["report", "--format", "xlsx"], "jixiao report：错误：参数 --format：无效的选择“xlsx”（可选：docx、pdf、html）"),
    (["report", "--year", "二〇二二"], "jixiao report：错误：参数 --year：“二〇二二”不是有效的整数"),
    (["report", "-o"], "jixiao report：错误：参数 -o/--output：需要一个值"),
    (["forms"], "jixiao forms：错误：缺少必需的参数：操作"),
    (["forms", "project"], "jixiao forms project：错误：缺少必需的参数：-o/--output"),
    (["export", "x.yaml"], "jixiao export：错误：缺少必需的参数：-o/--output"),
    (["check", "x.yaml", "--stage", "final"], "无效的选择“final”（可选：evaluation、targets）"),
    (["serve", "--port", "http"], "jixiao serve：错误：参数 --port：“http”不是有效的整数"),
    (["generate", "--years", "2021-20x3"], "jixiao generate：错误：参数 --years：年度“2021-20x3”无效"),
])
def test_bad_arguments_say_what_is_wrong_in_chinese(capsys, argv, message):
    code, out, err = _run(capsys, argv)
    assert code == 2 and message in err
    assert err.startswith("用法：") and _english_in(err) == []


def test_usage_lines_line_up_under_the_chinese_prefix(capsys):
    _, out, _ = _run(capsys, ["report", "--help"])
    usage = out.split("\n\n")[0].split("\n")
    assert len(usage) > 1
    # "用法：" is three characters but six columns wide: continuation lines start under "[-h]"
    first_option = usage[0].index("[-h]") + 3
    assert all(line.index("[") == first_option for line in usage[1:])


def test_version_and_no_command(capsys):
    code, out, _ = _run(capsys, ["--version"])
    assert code == 0 and out.startswith("jixiao ")
    assert main([]) == 1
    out = capsys.readouterr().out
    assert out.startswith("用法：jixiao") and "位置参数：" in out and _english_in(out) == []


def test_other_parsers_in_the_process_keep_their_own_language(capsys):
    """The Chinese messages are ours only: a plain argparse parser used after ours (pytest's, a
    library's) still speaks as it did."""
    _run(capsys, ["report", "--format", "xlsx"])
    plain = argparse.ArgumentParser(prog="other")
    assert "show this help message and exit" in plain.format_help()
    with pytest.raises(SystemExit):
        plain.parse_args(["--x"])
    assert "other: error: unrecognized arguments: --x" in capsys.readouterr().err
