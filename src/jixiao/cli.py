"""The ``jixiao`` command.

Subcommands live in :mod:`jixiao.commands`, one module each, discovered at start-up: a module
defines ``register(subparsers)`` that adds its parser and sets ``func`` (a callable taking the parsed
arguments and returning an exit code). Commands that work on files (score, parse, check, report on a
workbook) never touch the database; those that do call :func:`jixiao.site.bootstrap.setup_django`.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from jixiao import __version__, commands
from jixiao.site.env import SettingError


class CommandError(Exception):
    """A user-facing failure: printed in Chinese, exit code 2, no traceback."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jixiao",
        description="jixiao 预算绩效管理：绩效自评、评分、报告、审核",
    )
    parser.add_argument("--version", action="version", version=f"jixiao {__version__}")
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
