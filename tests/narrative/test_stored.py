"""Stored section text (as people write it) read into items and paragraphs, numbers regenerated."""

from __future__ import annotations

from jixiao.narrative.model import Paragraph
from jixiao.narrative.stored import outline_text, parse_outline, split_lead


def test_plain_lines_are_paragraphs():
    intro, items = parse_outline("第一段。\n\n第二段。", key="k", level=2)
    assert [p.text for p in intro] == ["第一段。", "第二段。"]
    assert items == ()


def test_numbered_headings_take_the_following_lines_as_their_paragraphs():
    text = "1、踔厉奋发新征程，思想引领有特色\n围绕党的二十大精神。\n2、实干担当促成效\n一是创机制。"
    intro, items = parse_outline(text, key="achievements", level=3)
    assert intro == ()
    assert [(i.title, i.run_in) for i in items] == [("踔厉奋发新征程，思想引领有特色", False), ("实干担当促成效", False)]
    assert items[1].blocks == (Paragraph("一是创机制。"),)
    assert [i.key for i in items] == ["achievements.1", "achievements.2"]


def test_numbered_sentences_become_run_in_items_with_the_first_sentence_as_heading():
    text = "（一）由于疫情影响，支出执行较慢。\n（三）部分绩效指标未完成目标值。在监控方面有待提高。"
    _, items = parse_outline(text, key="problems", level=2)
    assert [i.title for i in items] == ["由于疫情影响，支出执行较慢。", "部分绩效指标未完成目标值。"]
    assert all(i.run_in for i in items)
    assert items[0].blocks == ()
    assert items[1].blocks == (Paragraph("在监控方面有待提高。"),)


def test_typed_numbers_are_replaced_so_duplicates_disappear():
    """The reference report numbers two sections （三）; generated numbering cannot."""
    _, items = parse_outline("（一）甲。\n（三）乙。\n（三）丙。", key="k", level=2)
    assert len(items) == 3  # numbers are given again when the report is numbered


def test_list_mode_makes_every_line_an_item():
    _, items = parse_outline("提高完成率。加强监控。\n提高编制水平。", key="m", level=2, list_mode=True)
    assert [i.title for i in items] == ["提高完成率。", "提高编制水平。"]
    assert items[0].blocks == (Paragraph("加强监控。"),)


def test_outline_text_round_trips_through_parse():
    _, items = parse_outline("（一）甲。说明甲。\n（二）乙。", key="k", level=2)
    text = outline_text((), items, 1)
    assert text == "（一）甲。说明甲。\n（二）乙。"
    _, again = parse_outline(text, key="k", level=2)
    assert again == items


def test_split_lead():
    assert split_lead("标题。正文。") == ("标题。", "正文。")
    assert split_lead("只有一句。") == ("只有一句。", "")
