"""Subcommands of the ``jixiao`` command, one module each (see :mod:`jixiao.cli`)."""
