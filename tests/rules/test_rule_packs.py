"""The shipped rule packs say what the regulations say (regulations.md §1, §2, §6)."""

from decimal import Decimal

import pytest

from jixiao.domain.enums import Level1, QualitativeGrade
from jixiao.rules import ExecutionMethod, list_packs, load_pack

D = Decimal


@pytest.mark.parametrize("name", [name for name, _ in list_packs()])
def test_every_shipped_pack_loads_and_adds_up(name):
    pack = load_pack(name)
    assert pack.total == D(100)
    assert sum(node.weight for node in pack.tree) == pack.total
    assert [g.label for g in pack.grades] == ["优", "良", "中", "差"]
    assert [g.minimum for g in pack.grades] == [D(90), D(80), D(60), D(0)]
    assert pack.execution_leaf is not None
    covered = {level for leaf in pack.leaves for level in leaf.indicators}
    assert covered == set(Level1)


def test_mof_2020_project_is_10_50_30_10():
    pack = load_pack("mof-2020-project")
    assert pack.kind == "project" and not pack.illustrative
    assert [(n.name, n.weight) for n in pack.tree] == [("预算执行率", D(10)), ("产出指标", D(50)),
                                                        ("效益指标", D(30)), ("满意度指标", D(10))]
    assert pack.indicator_weights == "document"
    bands = pack.indicator_methods.qualitative
    assert bands.bands[QualitativeGrade.ACHIEVED] == (D("0.80"), D("1.00"))
    assert bands.bands[QualitativeGrade.PARTIAL] == (D("0.50"), D("0.80"))


def test_mof_2013_department_has_the_53_framework():
    pack = load_pack("mof-2013-department")
    assert [n.name for n in pack.tree] == ["投入", "过程", "产出", "效果"]
    process = pack.tree[1]
    assert [c.name for c in process.children] == ["预算执行", "预算管理", "资产管理"]
    assert pack.illustrative


def test_gd_2022_department_is_management_plus_performance_and_marked_illustrative():
    pack = load_pack("gd-2022-department")
    assert [n.name for n in pack.tree] == ["管理效率", "履职效能"]
    assert pack.illustrative and "示例" in pack.title and "示例值" in pack.notes
    text = (pack.path and open(pack.path, encoding="utf-8").read()) or ""
    assert "ILLUSTRATIVE WEIGHTS" in text
    performance = pack.tree[1]
    assert [(c.name, c.indicators) for c in performance.children] == [
        ("产出指标", (Level1.OUTPUT,)), ("效益指标", (Level1.BENEFIT,)), ("满意度指标", (Level1.SATISFACTION,))]
    leaf = pack.execution_leaf
    assert isinstance(leaf.method, ExecutionMethod) and leaf.path == ("管理效率", "预算执行", "预算执行率")
    assert pack.indicator_weights == "rescale"
