"""Start Django from the ``jixiao`` command (commands on files never call this)."""

from __future__ import annotations

import os


def setup_django(*, migrate: bool = False, verbosity: int = 0) -> None:
    """Configure Django with jixiao's settings; optionally apply pending migrations."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.site.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=verbosity)
