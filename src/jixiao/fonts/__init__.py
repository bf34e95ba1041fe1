"""Fonts that ship with jixiao, so reports render in Chinese on a machine with no Chinese font.

Official documents (公文, GB/T 9704) name proprietary fonts: 方正小标宋 for the title, 黑体 and 楷体
for headings, 仿宋 for the body. The project bundles OFL subsets of Noto Serif CJK SC (Regular,
Bold) and Noto Sans CJK SC (Regular) covering GB 2312 (see :mod:`jixiao.fonts.build`) and maps
those names to them:

- for WeasyPrint through ``@font-face`` rules (:func:`font_face_css`);
- for LibreOffice and anything else using fontconfig through ``fonts.conf`` (:func:`fontconfig_env`).

A docx keeps the official names, so Word and WPS use the real fonts where they are installed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent
FONTCONFIG_FILE = FONT_DIR / "fonts.conf"
LICENSE_FILE = FONT_DIR / "OFL.txt"

SERIF_FAMILY = "Noto Serif CJK SC GB"
SANS_FAMILY = "Noto Sans CJK SC GB"
SERIF_REGULAR = FONT_DIR / "NotoSerifCJKsc-GB-Regular.otf"
SERIF_BOLD = FONT_DIR / "NotoSerifCJKsc-GB-Bold.otf"
SANS_REGULAR = FONT_DIR / "NotoSansCJKsc-GB-Regular.otf"


@dataclass(frozen=True)
class OfficialFont:
    """A font of the official document convention and the bundled face that stands in for it."""

    name: str  # the name written into documents (w:eastAsia, CSS font-family)
    aliases: tuple[str, ...]  # other names of the same font (English, _GB2312 variants)
    regular: Path
    bold: Path


# 字体: the GB/T 9704 fonts by role. The docx styles and the HTML/CSS use these names.
TITLE_FONT = OfficialFont("方正小标宋简体", ("方正小标宋_GBK", "FZXiaoBiaoSong-B05S"), SERIF_BOLD, SERIF_BOLD)
HEADING_FONT = OfficialFont("黑体", ("SimHei",), SANS_REGULAR, SANS_REGULAR)
SUBHEADING_FONT = OfficialFont("楷体", ("楷体_GB2312", "KaiTi", "KaiTi_GB2312"), SERIF_REGULAR, SERIF_BOLD)
BODY_FONT = OfficialFont("仿宋", ("仿宋_GB2312", "FangSong", "FangSong_GB2312"), SERIF_REGULAR, SERIF_BOLD)
TABLE_FONT = OfficialFont("宋体", ("SimSun",), SERIF_REGULAR, SERIF_BOLD)
OFFICIAL_FONTS = (TITLE_FONT, HEADING_FONT, SUBHEADING_FONT, BODY_FONT, TABLE_FONT)
LATIN_FONT = "Times New Roman"  # digits and Latin letters in official documents


def bundled_font_files() -> tuple[Path, ...]:
    return (SERIF_REGULAR, SERIF_BOLD, SANS_REGULAR)


def font_face_css() -> str:
    """``@font-face`` rules for the bundled faces (by file URL). Stylesheets list the official
    font names first and these families last: a machine with the licensed fonts uses them, any
    other machine the bundled faces. Each file is declared once, so a PDF embeds it once."""
    return "\n".join((
        _face(SERIF_FAMILY, SERIF_REGULAR, "normal"),
        _face(SERIF_FAMILY, SERIF_BOLD, "bold"),
        _face(SANS_FAMILY, SANS_REGULAR, "normal"),
        _face(SANS_FAMILY, SANS_REGULAR, "bold"),
    ))


def _face(family: str, path: Path, weight: str) -> str:
    return (f'@font-face {{ font-family: "{family}"; src: url("{path.as_uri()}"); '
            f"font-weight: {weight}; font-style: normal; }}")


def fontconfig_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """A copy of ``env`` (default: this process's) that makes fontconfig users (LibreOffice) see the
    bundled fonts and the official-name aliases."""
    result = dict(os.environ if env is None else env)
    result["FONTCONFIG_FILE"] = str(FONTCONFIG_FILE)
    return result


@lru_cache(maxsize=1)
def covered_code_points() -> frozenset[int]:
    """Code points the bundled body font can draw."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(SERIF_REGULAR), lazy=True)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


def missing_characters(text: str) -> list[str]:
    """Characters of ``text`` the bundled fonts cannot draw (they would show as empty boxes on a
    machine without other Chinese fonts), in order of first appearance."""
    covered = covered_code_points()
    seen: dict[str, None] = {}
    for ch in text:
        if not ch.isspace() and ord(ch) not in covered and ch not in seen:
            seen[ch] = None
    return list(seen)


__all__ = [
    "BODY_FONT", "FONTCONFIG_FILE", "FONT_DIR", "HEADING_FONT", "LATIN_FONT", "LICENSE_FILE",
    "OFFICIAL_FONTS", "OfficialFont", "SANS_FAMILY", "SANS_REGULAR", "SERIF_BOLD", "SERIF_FAMILY",
    "SERIF_REGULAR", "SUBHEADING_FONT", "TABLE_FONT", "TITLE_FONT", "bundled_font_files",
    "covered_code_points", "font_face_css", "fontconfig_env", "missing_characters",
]
