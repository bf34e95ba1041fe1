"""The reference department (广州市黄埔区工商业联合会 2022) scored with its pack: 95.91 分, 优."""

from decimal import Decimal

from jixiao.documents.datafile import load_document
from jixiao.scoring import score_document

D = Decimal


def test_reference_department_scores_95_91_excellent(reference_document):
    result = score_document(reference_document)
    assert result.rules == "gd-2022-department"
    assert result.total == D("95.91") == reference_document.self_total
    assert result.grade == "优" == reference_document.self_grade
    assert not [f for f in result.notes if f.code in ("self_total_differs", "self_grade_differs")]


def test_reference_execution_is_1288_38_of_1291_73(reference_document):
    execution = score_document(reference_document).execution
    assert (execution.executed, execution.budget) == (D("1288.38"), D("1291.73"))
    assert execution.score == D("9.97")
    assert "1,288.38 ÷ 全年预算数 1,291.73 = 99.74%" in execution.explanation


def test_only_the_unmet_indicator_loses_indicator_points(reference_document):
    result = score_document(reference_document)
    indicators = [item for item in result.items if item.indicator_code]
    assert len(indicators) == 19
    unmet = [item for item in indicators if not item.met]
    assert [item.name for item in unmet] == ["乡村振兴产业对接成功案例"]
    assert unmet[0].score == D("0.00")
    assert all(item.score == item.weight for item in indicators if item.met)
    assert result.indicator("1-1").path == ("履职效能", "产出指标", "数量指标", "基层商（协）会专题培训场次")


def test_every_leaf_is_explained_in_chinese(reference_document):
    result = score_document(reference_document)
    assert result.execution.explanation
    for item in result.items:
        assert item.explanation and ("得分" in item.explanation or "得满分" in item.explanation), item.path
    assert {item.leaf_key for item in result.items if not item.indicator_code} == {
        "project_execution_rate", "budget_adjustment_rate", "carryover_rate", "management_rules",
        "info_disclosure", "performance_monitoring", "asset_management_compliance"}


def test_breakdown_by_level1(reference_document):
    breakdown = score_document(reference_document).by_level1()
    assert list(breakdown) == ["管理效率", "履职效能"]
    assert breakdown["管理效率"] == (D(30), D("28.91"))
    assert breakdown["履职效能"] == (D(70), D("67.00"))


def test_every_demo_document_scores_under_its_pack_without_errors():
    from importlib import resources

    files = sorted(p for p in (resources.files("jixiao.demo") / "data").iterdir() if p.name.endswith(".yaml"))
    assert len(files) >= 2
    for file in files:
        result = score_document(load_document(file))
        assert result.weight_total == D(100), file.name
        assert result.total == sum((i.score for i in result.items), result.execution.score), file.name
        assert not [f for f in result.notes if f.severity == "error"], file.name


def test_a_demo_actual_written_as_a_negation_loses_its_points():
    # 440112-wgl-2022 indicator 3-5 (文旅品牌影响力, 3 points, self score 2) is 部分达成; written as
    # 效果不明显，未能达成 it was read as 达成 and scored 3 (88.47); it is 未达成: 0 points, 85.47
    from importlib import resources

    import yaml

    from jixiao.documents.datafile import document_from_dict

    text = (resources.files("jixiao.demo") / "data" / "440112-wgl-2022.yaml").read_text(encoding="utf-8")
    assert text.count("actual: 部分达成") == 1
    result = score_document(document_from_dict(yaml.safe_load(text)))
    assert (result.total, result.grade, result.indicator("3-5").score) == (D("87.47"), "良", D("2.00"))
    negated = document_from_dict(yaml.safe_load(text.replace("actual: 部分达成", "actual: 效果不明显，未能达成")))
    result = score_document(negated)
    assert (result.total, result.grade, result.indicator("3-5").score) == (D("85.47"), "良", D("0.00"))
    assert "未达成档" in result.indicator("3-5").explanation
