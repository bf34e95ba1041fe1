#!/usr/bin/env python3
"""Copy the front-end libraries jixiao serves from their npm packages into the static files.

Run only when upgrading a library (it needs Node's ``npm``; installing and running jixiao never do):
edit the version in ``src/jixiao/web/static/vendor/vendor.json``, run ``scripts/vendor_static.py``,
look at the pages, commit. Each package lands in ``static/vendor/<package>/`` with its licence, and
``static/vendor/README.md`` is written from the manifest (name, version, licence, integrity).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VENDOR = Path(__file__).resolve().parent.parent / "src" / "jixiao" / "web" / "static" / "vendor"


def fetch(package: str, version: str, workdir: Path) -> Path:
    """The npm tarball of ``package@version`` unpacked in ``workdir``; returns its ``package/`` folder."""
    out = subprocess.run(["npm", "pack", f"{package}@{version}", "--json"], cwd=workdir, check=True,
                         capture_output=True, text=True).stdout
    tarball = workdir / json.loads(out)[0]["filename"]
    target = workdir / package
    with tarfile.open(tarball) as archive:
        archive.extractall(target, filter="data")
    return target / "package"


def strip_source_map(path: Path) -> None:
    """Drop the ``sourceMappingURL`` comment of a minified file: the maps are not shipped, and the
    static files' manifest would refuse a reference to a file that is not there."""
    if path.suffix not in {".js", ".css"}:
        return
    text = path.read_text(encoding="utf-8")
    kept = [line for line in text.splitlines(keepends=True)
            if not line.lstrip().startswith(("//# sourceMappingURL=", "/*# sourceMappingURL="))]
    path.write_text("".join(kept), encoding="utf-8")


def main() -> int:
    manifest = json.loads((VENDOR / "vendor.json").read_text(encoding="utf-8"))
    lines = ["# Vendored front-end libraries", "",
             "Copied from npm by `scripts/vendor_static.py` from `vendor.json` (only the `sourceMappingURL` comment is",
             "removed, the maps are not shipped); do not edit by hand.", "",
             "| package | version | licence | file | sha256 |", "| --- | --- | --- | --- | --- |"]
    with tempfile.TemporaryDirectory() as tmp:
        for entry in manifest["packages"]:
            source = fetch(entry["package"], entry["version"], Path(tmp))
            target = VENDOR / entry["package"]
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            for path, name in entry["files"].items():
                shutil.copyfile(source / path, target / name)
                strip_source_map(target / name)
                digest = hashlib.sha256((target / name).read_bytes()).hexdigest()[:16]
                lines.append(f"| {entry['package']} | {entry['version']} | {entry['licence']} | {name} | {digest}… |")
    (VENDOR / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"vendored {len(manifest['packages'])} packages into {VENDOR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
