"""The ``jixiao`` command.

Subcommands live in :mod:`jixiao.commands`, one module each, discovered at start-up: a module
defines ``register(subparsers)`` that adds its parser and sets ``func`` (a callable taking the parsed
arguments and returning an exit code). Commands that work on files (score, parse, check, report on a
workbook) never touch the database; those that do call :func:`jixiao.site.bootstrap.setup_django`.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import pkgutil
import sys
import unicodedata
from contextlib import contextmanager

from jixiao import __version__, commands
from jixiao.site.env import SettingError


class CommandError(Exception):
    """A user-facing failure: printed in Chinese, exit code 2, no traceback."""


# argparse's own messages, by the gettext message ids it looks them up with (Python 3.11–3.13).
ARGPARSE_MESSAGES = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "subcommands": "命令",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "one of the arguments %s is required": "必须指定以下参数之一：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多接受一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "ignored explicit argument %r": "不接受值 %r",
    "unexpected option string: %s": "意外的选项：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有命令“%(parser_name)s”（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}
TYPE_NAMES = {"int": "整数", "float": "数值"}


@contextmanager
def _chinese_argparse():
    """argparse looks its messages up through its module's ``_``/``ngettext`` when it writes them;
    for the duration of one of our parser's calls they answer in Chinese (other parsers in the
    process, pytest's for one, keep their own)."""
    saved = argparse._, argparse.ngettext
    argparse._ = lambda message: ARGPARSE_MESSAGES.get(message, message)
    argparse.ngettext = lambda one, many, n: ARGPARSE_MESSAGES.get(one if n == 1 else many, one if n == 1 else many)
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def _in_chinese(method):
    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        with _chinese_argparse():
            return method(*args, **kwargs)

    return wrapper


class ChineseHelpFormatter(argparse.HelpFormatter):
    """Help with full-width colons after headings, and usage lines aligned under a prefix (用法：)
    that is wider on screen than its three characters."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._headings: set[str] = set()

    def _format_usage(self, usage, actions, groups, prefix):
        text = super()._format_usage(usage, actions, groups, prefix)
        shown = prefix if prefix is not None else ARGPARSE_MESSAGES["usage: "]
        extra = " " * sum(1 for ch in shown if unicodedata.east_asian_width(ch) in "WF")  # two columns each
        lines = text.split("\n")
        return "\n".join([lines[0]] + [extra + line if line.strip() else line for line in lines[1:]])

    def start_section(self, heading):
        self._headings.add(heading)
        super().start_section(heading)

    def format_help(self):
        text = super().format_help()
        for heading in self._headings:  # argparse puts an ASCII colon after each heading
            text = text.replace(f"\n{heading}:\n", f"\n{heading}：\n")
        return text


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose usage, help and errors are Chinese (用法：…、错误：…); its
    subcommands' parsers are of the same class."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        with _chinese_argparse():
            super().__init__(*args, **kwargs)

    add_subparsers = _in_chinese(argparse.ArgumentParser.add_subparsers)
    add_argument_group = _in_chinese(argparse.ArgumentParser.add_argument_group)
    parse_known_args = _in_chinese(argparse.ArgumentParser.parse_known_args)
    parse_args = _in_chinese(argparse.ArgumentParser.parse_args)
    format_usage = _in_chinese(argparse.ArgumentParser.format_usage)
    format_help = _in_chinese(argparse.ArgumentParser.format_help)
    error = _in_chinese(argparse.ArgumentParser.error)

    def _check_value(self, action, value):
        if action.choices is not None and value not in action.choices:
            choices = "、".join(str(choice) for choice in action.choices)
            raise argparse.ArgumentError(action, f"无效的选择“{value}”（可选：{choices}）")

    def _get_value(self, action, arg_string):
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError as exc:
            if isinstance(exc.__context__, (TypeError, ValueError)):  # not a type's own ArgumentTypeError
                kind = TYPE_NAMES.get(getattr(action.type, "__name__", ""), "值")
                raise argparse.ArgumentError(action, f"“{arg_string}”不是有效的{kind}") from None
            raise


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="jixiao",
        description="jixiao 预算绩效管理：绩效自评、评分、报告、审核",
    )
    parser.add_argument("--version", action="version", version=f"jixiao {__version__}", help="显示版本号并退出")
    subparsers = parser.add_subparsers(dest="command", metavar="命令")
    for module_info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{module_info.name}")
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 1
    try:
        return int(args.func(args) or 0)
    except (CommandError, SettingError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # pragma: no cover - interactive
        return 130
    except BrokenPipeError:  # output piped into head, less…: stop quietly
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
