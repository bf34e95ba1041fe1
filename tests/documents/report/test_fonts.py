"""The fonts that ship with jixiao: small OFL subsets covering GB 2312, mapped from the official names."""

from __future__ import annotations

import shutil
import subprocess
from xml.etree import ElementTree

import pytest

from jixiao import fonts
from jixiao.fonts.build import gb2312_characters


def test_bundled_fonts_are_small_and_licensed():
    total = 0
    for path in fonts.bundled_font_files():
        assert path.is_file()
        total += path.stat().st_size
    assert total < 8_000_000  # a few MB, not the 90 MB of the full collections
    licence = fonts.LICENSE_FILE.read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Noto" in licence


def test_gb2312_and_report_symbols_are_covered():
    covered = fonts.covered_code_points()
    assert not [ch for ch in gb2312_characters() if ord(ch) not in covered]
    assert fonts.missing_characters("≥≤≧≦①（）《》“”、。—…%‰℃㎡ 1,291.73 万元 踔厉奋发") == []


def test_characters_outside_the_subset_are_reported():
    assert fonts.missing_characters("喆堃堃") == ["喆", "堃"]


def test_font_face_css_declares_each_file_once():
    css = fonts.font_face_css()
    assert css.count("@font-face") == 4
    assert fonts.SERIF_REGULAR.as_uri() in css and "http" not in css.replace("file://", "")


def test_fonts_conf_maps_the_official_names():
    tree = ElementTree.parse(fonts.FONTCONFIG_FILE)
    aliases = {alias.findtext("family"): alias.findtext("accept/family") for alias in tree.iter("alias")
               if alias.find("accept") is not None}
    for name in ("仿宋", "仿宋_GB2312", "宋体", "楷体", "方正小标宋简体"):
        assert aliases[name] == fonts.SERIF_FAMILY
    assert aliases["黑体"] == fonts.SANS_FAMILY
    assert fonts.fontconfig_env({})["FONTCONFIG_FILE"] == str(fonts.FONTCONFIG_FILE)


@pytest.mark.skipif(shutil.which("fc-scan") is None, reason="fontconfig tools are not installed")
def test_fontconfig_sees_the_renamed_families():
    families = subprocess.run(["fc-scan", "--format", "%{family}|", *map(str, fonts.bundled_font_files())],
                              capture_output=True, text=True, check=True).stdout
    assert families.count(fonts.SERIF_FAMILY) == 2 and families.count(fonts.SANS_FAMILY) == 1
