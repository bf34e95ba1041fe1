"""Rebuild the bundled font subsets from the full Noto CJK collections.

The project ships subsets of Noto Serif CJK SC (Regular, Bold) and Noto Sans CJK SC (Regular)
covering GB 2312 (the 6,763 characters of official documents plus its symbols), ASCII, Latin-1,
CJK and full-width punctuation, circled numbers and the measurement symbols of indicator tables
(≥ ≤ ℃ ㎡ ‰). The subsets keep a few MB in the repository instead of 90 MB, and are renamed
("… GB") so that fontconfig never confuses them with a full Noto CJK installed on the machine.

Usage (needs the Debian package fonts-noto-cjk, or the .ttc files from the noto-cjk release)::

    python -m jixiao.fonts.build [--source /usr/share/fonts/opentype/noto] [--extra-text FILE]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

FONT_DIR = Path(__file__).resolve().parent
SC_INDEX = 2  # position of the SC face in the Noto CJK .ttc collections (JP, KR, SC, TC, HK)

# (collection file, bundled file, family name, style name, PostScript name)
FACES = (
    ("NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-GB-Regular.otf", "Noto Serif CJK SC GB", "Regular",
     "NotoSerifCJKscGB-Regular"),
    ("NotoSerifCJK-Bold.ttc", "NotoSerifCJKsc-GB-Bold.otf", "Noto Serif CJK SC GB", "Bold",
     "NotoSerifCJKscGB-Bold"),
    ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-GB-Regular.otf", "Noto Sans CJK SC GB", "Regular",
     "NotoSansCJKscGB-Regular"),
)

# Code point ranges kept beside GB 2312: ASCII, Latin-1, general punctuation (— … ‰ ※), letterlike
# (℃ №), Roman numerals, arrows, maths (≥ ≤ ≠ ≈), enclosed numbers (① ⑴), box drawing (═), shapes,
# CJK symbols and punctuation (、。〈〉《》「」【】〔〕), parenthesised ideographs, squared units
# (㎡ ㎏ ㎞), vertical forms, full-width forms.
EXTRA_RANGES = (
    (0x20, 0x7E), (0xA0, 0xFF), (0x2010, 0x2027), (0x2030, 0x203B), (0x2100, 0x2122),
    (0x2160, 0x216B), (0x2190, 0x2193), (0x2200, 0x22FF), (0x2460, 0x249B), (0x2500, 0x257F),
    (0x25A0, 0x25CF), (0x2605, 0x2606), (0x3000, 0x303F), (0x3220, 0x3229), (0x338E, 0x33A1),
    (0xFE30, 0xFE4F), (0xFF01, 0xFF5E), (0xFFE0, 0xFFE5),
)
# Layout features kept: kerning and proportional/half-width punctuation alternates. Dropping
# ``locl`` matters: it would pull in the JP/KR/TC glyph variants and triple the size.
LAYOUT_FEATURES = ["kern", "palt", "halt"]


def gb2312_characters() -> set[str]:
    """Every character of GB 2312 (rows 0xA1–0xF7, cells 0xA1–0xFE)."""
    found = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                found.add(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return found


def character_set(extra_text: str = "") -> str:
    chars = gb2312_characters()
    for low, high in EXTRA_RANGES:
        chars.update(chr(code) for code in range(low, high + 1))
    chars.update(ch for ch in extra_text if not ch.isspace())
    return "".join(sorted(chars))


def _rename(font, family: str, style: str, postscript: str) -> None:
    full = f"{family} {style}" if style != "Regular" else family
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16, 17, 21, 22):
            names.removeNames(nameID=record.nameID)
    for platform, encoding, language in ((3, 1, 0x409), (1, 0, 0)):
        names.setName(family, 1, platform, encoding, language)
        names.setName(style, 2, platform, encoding, language)
        names.setName(f"{postscript};jixiao-subset", 3, platform, encoding, language)
        names.setName(full, 4, platform, encoding, language)
        names.setName(postscript, 6, platform, encoding, language)
    cff = font["CFF "].cff
    cff.fontNames = [postscript]
    top = cff.topDictIndex[0]
    if hasattr(top, "FullName"):
        top.FullName = full
    if hasattr(top, "FamilyName"):
        top.FamilyName = family


def build(source: Path, out_dir: Path = FONT_DIR, extra_text: str = "") -> list[Path]:
    text = character_set(extra_text)
    options = subset.Options()
    options.layout_features = LAYOUT_FEATURES
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # CFF hints barely matter at print resolution and cost ~20%
    written = []
    for collection_name, out_name, family, style, postscript in FACES:
        font = TTCollection(str(source / collection_name), lazy=False).fonts[SC_INDEX]
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        _rename(font, family, style, postscript)
        target = out_dir / out_name
        font.save(str(target))
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="重新生成内置字体子集（GB 2312 + 常用符号）")
    parser.add_argument("--source", type=Path, default=Path("/usr/share/fonts/opentype/noto"),
                        help="Noto CJK .ttc 所在目录")
    parser.add_argument("--extra-text", type=Path, help="需额外包含的字符所在的文本文件")
    args = parser.parse_args(argv)
    extra = args.extra_text.read_text(encoding="utf-8") if args.extra_text else ""
    for path in build(args.source, extra_text=extra):
        print(f"{path.name}: {path.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
