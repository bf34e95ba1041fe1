"""Target reasonableness from history: set too low (below last year's actual), set too high."""

from decimal import Decimal

from jixiao.checks import PastValue, assess_target, check_document, history_from_documents
from jixiao.domain.enums import Direction
from jixiao.domain.values import parse_value


def past(year, actual, target=None):
    return PastValue(year, parse_value(target) if target else None, parse_value(actual))


def test_a_target_below_last_years_actual_is_set_too_low():
    result = assess_target(parse_value("≥200人次"), Direction.GE, [past(2020, "180人次"), past(2021, "260人次")],
                           year=2022, high_ratio=Decimal("1.5"))
    assert [r.code for r in result] == ["target_too_low"]
    assert "2021" in result[0].message and "260人次" in result[0].message
    assert result[0].evidence == {"target": Decimal(200), "last_year": 2021, "last_actual": Decimal(260)}


def test_only_earlier_years_count_and_last_year_decides():
    values = [past(2020, "300人次"), past(2021, "190人次"), past(2023, "500人次")]
    assert assess_target(parse_value("≥200人次"), Direction.GE, values, year=2022, high_ratio=None) == []


def test_a_target_far_above_anything_achieved_is_set_too_high():
    values = [past(2019, "8场"), past(2020, "10场"), past(2021, "9场")]
    result = assess_target(parse_value("≥16场"), Direction.GE, values, year=2022, high_ratio=Decimal("1.5"))
    assert [r.code for r in result] == ["target_too_high"]
    assert "2020" in result[0].message and "160%" in result[0].message
    assert assess_target(parse_value("≥15场"), Direction.GE, values, year=2022, high_ratio=Decimal("1.5")) == []


def test_reverse_indicators_and_units_are_converted():
    # a cost ceiling looser than last year's actual cost (in 元 against 万元)
    result = assess_target(parse_value("≤1.2万元"), Direction.LE, [past(2021, "9,800元")], year=2022,
                           high_ratio=Decimal("1.5"))
    assert [r.code for r in result] == ["target_too_low"]
    strict = assess_target(parse_value("≤5000元"), Direction.LE, [past(2021, "9,800元")], year=2022,
                           high_ratio=Decimal("1.5"))
    assert [r.code for r in strict] == ["target_too_high"]


def test_qualitative_targets_and_no_history_give_nothing():
    assert assess_target(parse_value("有效"), Direction.QUALITATIVE, [past(2021, "达成")], year=2022,
                         high_ratio=Decimal("1.5")) == []
    assert assess_target(parse_value("≥10场"), Direction.GE, [], year=2022, high_ratio=Decimal("1.5")) == []


def test_check_document_with_earlier_documents(build, codes, find):
    def last_year(data):
        data["year"] = 2021
        for item in data["tasks"][0]["indicators"]:
            item["actual"] = item["target"].lstrip("≥=")  # last year exactly on target…
        build.indicator(data, "1-1")["actual"] = "14场"  # …except 14 training sessions
    def renamed_code(data):
        build.indicator(data, "1-4")["code"] = "9-9"  # matched by name instead
    earlier = build.doc(last_year)
    findings = check_document(build.doc(renamed_code), history=[earlier])
    finding = find(findings, "indicator.target_too_low")
    assert finding.location["code"] == "1-1" and finding.location["field"] == "target"
    assert "14场" in finding.message
    assert codes(findings) == ["indicator.target_too_low"]


def test_history_as_a_mapping_and_the_reference_department(build, reference_document, codes):
    doc = build.doc()
    history = {"1-6": [past(2021, "99%")]}
    assert codes(check_document(doc, history=history)) == ["indicator.target_too_low"]
    built = history_from_documents([doc])
    assert set(built) >= {"1-1", "name:举办培训场次"}
