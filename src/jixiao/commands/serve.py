"""``jixiao serve``: serve the web application (gunicorn, static files by WhiteNoise)."""

from __future__ import annotations

import argparse

from jixiao.cli import CommandError


def register(subparsers) -> None:
    parser = subparsers.add_parser("serve", help="启动网页服务（默认 http://127.0.0.1:8000）")
    parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    parser.add_argument("--workers", type=int, default=2, help="工作进程数（默认 2）")
    parser.add_argument("--no-migrate", action="store_true", help="启动前不自动迁移数据库")
    parser.set_defaults(func=run)


def static_files_are_current() -> bool:
    """Whether the collected static files (hashed and compressed for WhiteNoise) are newer than every
    source file: collecting again takes a minute (compressing the fonts), so a restart skips it."""
    from pathlib import Path

    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        return False
    collected_at = manifest.stat().st_mtime
    for finder in get_finders():
        for path, storage in finder.list([]):
            if Path(storage.path(path)).stat().st_mtime > collected_at:
                return False
    return True


def run(args: argparse.Namespace) -> int:
    from django.conf import settings
    from django.core.management import call_command

    from jixiao.site.bootstrap import setup_django

    if not 0 < args.port < 65536:
        raise CommandError(f"端口“{args.port}”无效（应为 1–65535）")
    setup_django(migrate=not args.no_migrate)
    if not static_files_are_current():
        print("正在整理静态文件（首次启动或升级后需要约一分钟）……", flush=True)
        call_command("collectstatic", interactive=False, verbosity=0)

    from gunicorn.app.base import BaseApplication

    from jixiao.site.wsgi import application

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{args.host}:{args.port}")
            self.cfg.set("workers", args.workers)
            self.cfg.set("accesslog", "-")

        def load(self):
            return application

    print(f"jixiao 已启动：http://{args.host}:{args.port}/  （数据库：{settings.DATABASES['default']['NAME']}；按 Ctrl+C 停止）",
          flush=True)
    Server().run()
    return 0
