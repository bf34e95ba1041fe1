from decimal import Decimal

import pytest

from jixiao.documents.datafile import DocumentFormatError, document_from_dict, document_to_dict
from jixiao.domain.enums import FundNature, FundSource, Level1, Level2
from jixiao.domain.numbers import canonical, format_amount, format_percent, round_half_up


def test_reference_figures_are_derived_from_fund_lines(reference_document):
    doc = reference_document
    assert doc.budget_total == Decimal("1291.73")
    assert doc.executed_total == Decimal("1288.38")
    assert format_percent(doc.execution_rate) == "99.7%"
    assert doc.executed_by_source() == {
        FundSource.GENERAL_BUDGET: Decimal("1288.38"), FundSource.GOVERNMENT_FUND: 0,
        FundSource.STATE_CAPITAL: 0, FundSource.OTHER: 0,
    }
    assert doc.executed_by_nature() == {FundNature.BASIC: Decimal("815.05"), FundNature.PROJECT: Decimal("473.33")}
    assert doc.carryover_total == 0


def test_reference_tasks_and_indicator_split(reference_document):
    tasks = reference_document.tasks
    assert [t.funds for t in tasks] == [Decimal("42.52"), Decimal("52.61"), Decimal("290.17")]
    assert [len(t.indicators) for t in tasks] == [6, 5, 8]
    assert [tuple(t.count_by_level1().values()) for t in tasks] == [(3, 2, 1), (2, 1, 2), (5, 2, 1)]
    for indicator in reference_document.indicators:
        assert indicator.level2.level1 is indicator.level1


def test_mapping_round_trip(reference_document):
    data = document_to_dict(reference_document)
    assert document_to_dict(document_from_dict(data)) == data


def test_mapping_names_the_bad_field():
    data = {"region": {"code": "1"}, "department": {"code": "d"}, "year": 2022,
            "tasks": [{"code": "1", "indicators": [
                {"code": "1", "level1": "产出指标", "level2": "数量指标", "name": "场次", "target": "≥约30场"}]}]}
    with pytest.raises(DocumentFormatError, match=r"tasks\[1\]\.indicators\[1\].*“≥约30场”"):
        document_from_dict(data)
    data["tasks"][0]["indicators"][0].update(target="≥30场", level1="产出")
    assert document_from_dict(data).indicators[0].level1 is Level1.OUTPUT
    data["tasks"][0]["indicators"][0]["level2"] = "不存在的指标"
    with pytest.raises(DocumentFormatError, match="二级指标.*不存在的指标"):
        document_from_dict(data)
    assert Level2.from_label("社会效益指标") is Level2.SOCIAL


@pytest.mark.parametrize("value, text", [("1291.73", "1,291.73"), ("0", "0"), ("0.005", "0.01"), ("2.675", "2.68")])
def test_amounts_are_written_half_up(value, text):
    assert format_amount(Decimal(value)) == text


def test_half_up_and_canonical():
    assert round_half_up(Decimal("8.615")) == Decimal("8.62")
    assert str(canonical(Decimal("4.000000"))) == "4"
    assert str(canonical(Decimal("798.60"))) == "798.6"
    assert str(canonical(Decimal("100.00"))) == "100"


def test_a_checked_indicator_is_the_constructors_and_frozen(reference_document):
    """Indicator.checked (the workbook reader's loop) builds what the constructor builds, defaults
    included, and the result stays immutable."""
    import dataclasses

    from jixiao.domain.document import Indicator

    for indicator in reference_document.indicators:
        given = {f.name: getattr(indicator, f.name) for f in dataclasses.fields(Indicator)
                 if f.name not in ("unread", "target_basis")}
        built = Indicator.checked(**given)
        assert built == Indicator(**given) and hash(built) == hash(Indicator(**given))
        assert dataclasses.asdict(built) == dataclasses.asdict(Indicator(**given))
        with pytest.raises(dataclasses.FrozenInstanceError):
            built.name = "x"
