"""The fast way :func:`parse_value` reads plain values (``≥4场``, ``95%``, ``≤720元``) gives exactly
what the full parser gives, refusals included: on generated texts near that shape (signs, units,
multipliers, dates, endings, full-width digits, sign and unit columns) and on every short text of the
real and demo tables under tests/data and jixiao/demo/data. So does the one-step reading of a plain value with
its columns written in (:func:`written_plain`, which the workbook reader uses through read_target and read_actual)."""

from __future__ import annotations

import itertools
from importlib import resources
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain import values
from jixiao.domain.enums import Direction
from jixiao.domain.values import ValueParseError, _stated, normalize_text, normalize_unit, parse_value, read_direction

DATA = Path(__file__).resolve().parents[1] / "data"

SIGNS = ("", "≥", "≤", "≧", "≦", ">", "<", ">=", "≥=", "=", "不低于", "大于", "达到", "≥ ", "＞")
NUMBERS = ("0", "4", "95", "100", "1287", "0.5", "12", "2022", "1.25", "007", "1,291.73", "１２", "3O", "12.", "-5",
           "99999999999999999999")
UNITS = ("", "%", "％", "‰", "场", "家", "元", "万元", "万", "千", "亿元", "人次", "万人次", "个", "个百分点", "百分点", "月",
         "年", "月底前", "月底前完成", "年度", "日", "天", "以上", "及以上", "以内", "+", "（含）", "km", "个工作日", " 场", "場")
DIRECTIONS = (None, "≥", "≤", "=", "正向", "反向", "定性", "≧", Direction.GE, Direction.LE, Direction.EQ,
              Direction.QUALITATIVE, "")
COLUMN_UNITS = ("", "场", "%", "元", "万元", "人次", "月", "万", "km")


def full(text, *, direction=None, unit="", qualitative=None, target=False):
    """The full parser, as :func:`parse_value` calls it when the fast way does not apply."""
    original = "" if text is None else str(text)
    read = read_direction(str(direction)) if direction is not None and not isinstance(direction, Direction) \
        else direction
    return values._parse(original, direction, read, normalize_unit(unit), qualitative, target)


def outcome(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except ValueParseError as exc:
        return ("refused", str(exc), exc.text, getattr(exc, "column", None))


def assert_same(text, **kwargs):
    parse_value.cache_clear()
    assert outcome(parse_value.__wrapped__, text, **kwargs) == outcome(full, text, **kwargs), (text, kwargs)


def assert_stated_same(text):
    """``_stated`` (used by as_written) reads a plain text as its full steps do."""
    body = normalize_text(text)
    direction, _, start, end, _ = values._read_sign(body)
    match = values._NUMBER.match(body[start:end].replace(" ", ""))
    if match is None:
        return
    raw_unit = (match.group("unit") or "").strip()
    assert _stated(text) == (direction, values._written_unit(raw_unit, "") if raw_unit else ""), text


@pytest.mark.parametrize("direction, column_unit, qualitative, target", [
    (None, "", None, False), (None, "", None, True), ("≥", "场", None, False), ("≤", "元", None, True),
    ("正向", "%", False, False), ("=", "万", None, False), (Direction.LE, "月", None, True), ("定性", "", None, True)])
def test_every_sign_number_and_unit_reads_the_same_both_ways(direction, column_unit, qualitative, target):
    for sign, number, unit in itertools.product(SIGNS, NUMBERS, UNITS):
        text = f"{sign}{number}{unit}"
        assert_same(text, direction=direction, unit=column_unit, qualitative=qualitative, target=target)
        assert_stated_same(text)


@given(st.sampled_from(SIGNS), st.sampled_from(NUMBERS), st.sampled_from(UNITS), st.sampled_from(DIRECTIONS),
       st.sampled_from(COLUMN_UNITS), st.sampled_from((None, False, True)), st.booleans())
@settings(max_examples=1500, deadline=None)
def test_generated_values_read_the_same_both_ways(sign, number, unit, direction, column_unit, qualitative, target):
    text = f"{sign}{number}{unit}"
    assert_same(text, direction=direction, unit=column_unit, qualitative=qualitative, target=target)
    assert_stated_same(text)


@given(st.text(alphabet="≥≤0123456789.%场元万人次月年日底前以上内+（）", max_size=10), st.sampled_from(DIRECTIONS),
       st.sampled_from(COLUMN_UNITS))
@settings(max_examples=1500, deadline=None)
def test_random_texts_read_the_same_both_ways(text, direction, column_unit):
    assert_same(text, direction=direction, unit=column_unit)
    assert_same(text, direction=direction, unit=column_unit, target=True)
    assert_stated_same(text)


def corpus() -> list[str]:
    """Every short text of the YAML tables in tests/data and the demo departments."""
    files = [*DATA.rglob("*.yaml"), *(Path(str(p)) for p in (resources.files("jixiao.demo") / "data").iterdir()
                                       if str(p).endswith(".yaml"))]
    found: dict[str, None] = {}

    def walk(node):
        if isinstance(node, dict):
            for item in node.values():
                walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, (str, int, float)) and not isinstance(node, bool) and len(str(node)) <= 24:
            found.setdefault(str(node))

    for path in files:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return list(found)


def test_the_corpus_is_large_and_has_plain_values():
    texts = corpus()
    assert len(texts) > 500
    assert sum(values._plain_parts(text) is not None for text in texts) > 100


@pytest.mark.parametrize("direction, column_unit", [(None, ""), ("≥", ""), ("≤", "元"), ("正向", "%"), ("=", "场")])
def test_corpus_values_read_the_same_both_ways(direction, column_unit):
    for text in corpus():
        assert_same(text, direction=direction, unit=column_unit)
        assert_same(text, direction=direction, unit=column_unit, target=True)
        assert_stated_same(text)


@pytest.mark.parametrize(("text", "sign", "unit", "written"), [
    ("8家", Direction.GE, "家", "≥8家"),  # a plain value: the sign before it
    ("95", None, "%", "95%"),  # the unit at its end
    ("735", Direction.GE, "人次", "≥735人次"),
    ("1万", None, "人次", "1万人次"),  # a bare multiplier takes the column's unit
    ("≥82%", Direction.GE, "%", "≥82%"),  # said once, not doubled
    ("10以上", None, "场", "10场以上"),  # not plain: the unit before the ending
    ("不少于4", Direction.GE, "场", "不少于4场"),
    ("１２", Direction.LE, "场", "≤12场"),  # not plain: normalised first
])
def test_as_written_writes_the_columns_sign_and_unit_into_the_text(text, sign, unit, written):
    value = parse_value(text, direction=sign, unit=unit)
    result = values.as_written(value, sign=sign, unit=unit)
    assert result.text == written
    assert (result.direction, result.number, result.unit, result.grade) == (
        value.direction, value.number, value.unit, value.grade)
    assert parse_value(result.text, direction=sign, unit=unit).number == value.number


def assert_written_same(text, *, direction, column_unit, sign, unit):
    """:func:`values.written_plain` gives what as_written(parse_value(…)) gives, or defers (None)."""
    parse_value.cache_clear()
    fast = outcome(values.written_plain, text, direction, column_unit, sign, unit)
    if fast is None:
        assert values._plain_parts(text) is None or outcome(values._plain, text, direction,
                                                            normalize_unit(column_unit)) is None \
            or direction is Direction.QUALITATIVE, text
        return
    assert isinstance(fast, values.ParsedValue), (text, fast)
    expected = outcome(lambda: values.as_written(full(text, direction=direction, unit=column_unit), sign=sign,
                                                 unit=unit))
    assert fast == expected and fast.text == expected.text, (text, direction, column_unit, sign, unit)


MEMBERS = (None, Direction.GE, Direction.LE, Direction.EQ, Direction.QUALITATIVE)


@pytest.mark.parametrize("direction", MEMBERS)
@pytest.mark.parametrize("column_unit", COLUMN_UNITS)
def test_every_plain_value_is_written_the_same_in_one_step(direction, column_unit):
    # the shapes of read_target (the column's sign and unit) and of read_actual (no sign, another unit)
    for sign, number, unit in itertools.product(SIGNS, NUMBERS, UNITS):
        text = f"{sign}{number}{unit}"
        assert_written_same(text, direction=direction, column_unit=column_unit, sign=direction, unit=column_unit)
        assert_written_same(text, direction=None, column_unit=column_unit, sign=None, unit=unit.strip())


@given(st.sampled_from(SIGNS), st.sampled_from(NUMBERS), st.sampled_from(UNITS), st.sampled_from(MEMBERS),
       st.sampled_from(MEMBERS), st.sampled_from(COLUMN_UNITS), st.sampled_from(COLUMN_UNITS))
@settings(max_examples=1500, deadline=None)
def test_generated_plain_values_are_written_the_same_in_one_step(sign, number, unit, direction, column_sign,
                                                                 column_unit, written_unit):
    assert_written_same(f"{sign}{number}{unit}", direction=direction, column_unit=column_unit, sign=column_sign,
                        unit=written_unit)


@pytest.mark.parametrize("direction, column_unit", [(None, ""), (Direction.GE, ""), (Direction.LE, "元"),
                                                    (None, "%"), (Direction.EQ, "场")])
def test_corpus_values_are_written_the_same_in_one_step(direction, column_unit):
    texts = corpus()
    assert sum(values.written_plain(text, direction, column_unit, direction, column_unit) is not None
               for text in texts) > 50  # the fast way is taken, not only deferred
    for text in texts:
        assert_written_same(text, direction=direction, column_unit=column_unit, sign=direction, unit=column_unit)


def test_read_target_and_read_actual_agree_with_the_full_way():
    """The reader's two halves (document.read_target / read_actual) give what the full parser gives."""
    from jixiao.domain.document import read_actual, read_target
    for sign, number, unit in itertools.product(SIGNS, NUMBERS, UNITS):
        text = f"{sign}{number}{unit}"
        for direction, column_unit in ((None, ""), (Direction.GE, "场"), (Direction.LE, ""), (None, "%")):
            parse_value.cache_clear()
            got = outcome(read_target, text, direction, column_unit)
            want_value = outcome(full, text, direction=direction, unit=column_unit, target=True)
            if isinstance(want_value, values.ParsedValue):
                resolved = want_value.direction or Direction.GE
                want = (values.as_written(want_value, sign=direction, unit=column_unit), resolved,
                        column_unit or want_value.unit)
                assert got == want and got[0].text == want[0].text, (text, direction, column_unit)
                actual = outcome(read_actual, text, resolved, want[2], column_unit)
                full_actual = outcome(full, text, unit=want[2])
                if isinstance(full_actual, values.ParsedValue):
                    full_actual = values.as_written(full_actual, unit=column_unit)
                    assert actual.text == full_actual.text
                assert actual == full_actual, (text, direction, column_unit)
