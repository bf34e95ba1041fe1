"""Commands are thin: they parse arguments and print. They import no other command and build no
database query of their own (the selectors and services do), and the scoring engine is run from
one place outside scoring/ (the assessment). The pure core imports nothing from Django."""

import re
from pathlib import Path

import jixiao

SOURCE = Path(jixiao.__file__).parent
COMMANDS = sorted((SOURCE / "commands").glob("*.py"))


def test_no_command_imports_another_command():
    names = {path.stem for path in COMMANDS if not path.stem.startswith("_")}
    for path in COMMANDS:
        imported = set(re.findall(r"jixiao\.commands\.(\w+)", path.read_text(encoding="utf-8")))
        assert not imported & names, f"{path.name} imports the command(s) {imported & names}"


def test_no_command_builds_its_own_query():
    for path in COMMANDS:
        assert ".objects." not in path.read_text(encoding="utf-8"), f"{path.name} queries the database itself"


def test_the_scoring_engine_runs_from_one_place_outside_scoring():
    callers = sorted(str(path.relative_to(SOURCE)) for path in SOURCE.rglob("*.py")
                     if "scoring" not in path.relative_to(SOURCE).parts[:1]
                     and re.search(r"\bscore_document\(", path.read_text(encoding="utf-8")))
    assert callers == ["assessment.py"]


PURE_CORE = ("domain", "rules", "scoring", "assessment", "checks", "narrative", "documents", "published", "usecases",
             "progress")
IMPORT_ALL = """
import importlib, pkgutil, sys
for name in sys.argv[1:]:
    module = importlib.import_module("jixiao." + name)
    for info in pkgutil.walk_packages(getattr(module, "__path__", []), module.__name__ + "."):
        importlib.import_module(info.name)
print(sorted({m.split(".")[0] for m in sys.modules} & {"django", "rest_framework", "django_tasks"}))
"""


def test_the_pure_core_imports_nothing_from_django():
    """Every module of the engines imported in a fresh interpreter leaves Django unloaded (the CLI's
    engines, monitoring's projections included, run with no settings and no database)."""
    import subprocess
    import sys

    env = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home())}  # no DJANGO_SETTINGS_MODULE
    done = subprocess.run([sys.executable, "-c", IMPORT_ALL, *PURE_CORE], capture_output=True, text=True, env=env,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"
