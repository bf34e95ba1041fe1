"""The normalised views of a report's text, mapped back to the original."""

from decimal import Decimal

from jixiao.published.text import SourceText, chinese_ordinal, decimals_of, read_number, read_percent


def test_prose_view_folds_full_width_and_closes_pdf_gaps():
    source = SourceText("全年预算数 １，２９１．７３ 万元\n（三）部门 整体支出")
    assert source.prose.text == "全年预算数1,291.73万元\n(三)部门整体支出"


def test_prose_positions_map_back_to_the_original():
    original = "全年预算数 １，２９１．７３ 万元"
    source = SourceText(original)
    start = source.prose.text.index("1,291.73")
    a, b = source.prose_span(start, start + len("1,291.73"))
    assert original[a:b] == "１，２９１．７３"


def test_tokens_split_cells_and_know_their_line():
    source = SourceText("标题\n| 年初预算数 | 全年预算数 |\n250000.00  215,457.6 10")
    assert [(t.text, t.line) for t in source.tokens] == [("标题", 1), ("年初预算数", 2), ("全年预算数", 2),
                                                         ("250000.00", 3), ("215,457.6", 3), ("10", 3)]
    assert [t.row_end for t in source.tokens] == [True, False, True, False, False, True]


def test_circled_numbers_stay_list_markers():
    assert SourceText("①完成②验收").prose.text == "①完成②验收"


def test_numbers_as_written():
    assert read_number("1,291.73") == Decimal("1291.73")
    assert read_number("215457.6") == Decimal("215457.6")
    assert read_number("1,29.1") is None and read_number("约10") is None
    assert read_percent("86.19%") == Decimal("86.19") and read_percent("86.19") is None
    assert decimals_of("99.7%") == 1 and decimals_of("1,288") == 0


def test_chinese_ordinals():
    assert [chinese_ordinal(t) for t in ("一", "十", "十二", "二十", "二十三", "三十")] == [1, 10, 12, 20, 23, 30]
    assert chinese_ordinal("百") is None and chinese_ordinal("") is None and chinese_ordinal("十十") is None


def test_line_numbers_of_offsets():
    source = SourceText("a\nbb\n\nccc")
    assert [source.line_of(i) for i in (0, 2, 4, 5, 6)] == [1, 2, 2, 3, 4]
