"""Static files that live outside the app's ``static/`` folder: the bundled Chinese fonts.

The fonts ship once, in :mod:`jixiao.fonts` (for the PDF and LibreOffice); the pages get the same
files at ``static/fonts/`` through this finder, so a browser on a machine without any Chinese font
shows Chinese, and no copy of 6 MB of fonts is kept in the repository twice. Only the font files and
their licence are served, never the package's code.
"""

from __future__ import annotations

from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

from jixiao.fonts import FONT_DIR, LICENSE_FILE, bundled_font_files

PREFIX = "fonts"


class BundledFontFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=str(FONT_DIR))
        self.storage.prefix = PREFIX
        self.files = {path.name: path for path in (*bundled_font_files(), LICENSE_FILE)}

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        prefix = f"{PREFIX}/"
        if path.startswith(prefix) and path[len(prefix):] in self.files:
            found = str(self.files[path[len(prefix):]])
            return [found] if find_all else found
        return [] if find_all else None

    def list(self, ignore_patterns):
        for name in self.files:
            yield name, self.storage
