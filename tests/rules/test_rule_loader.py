"""Loading rule packs: names and paths, caching, and refusal of invalid packs with Chinese messages
that name the pack, the key and the value."""

import copy
from decimal import Decimal

import pytest
import yaml

from jixiao.rules import PACKS_DIR, RulePackError, list_packs, load_pack, load_pack_file, pack_from_dict

D = Decimal


def data(name="gd-2022-department"):
    return copy.deepcopy(yaml.safe_load((PACKS_DIR / f"{name}.yaml").read_text(encoding="utf-8")))


def refused(pack_data) -> str:
    with pytest.raises(RulePackError) as error:
        pack_from_dict(pack_data)
    return str(error.value)


def test_list_packs_names_and_titles():
    packs = dict(list_packs())
    assert {"gd-2022-department", "mof-2020-project", "mof-2013-department"} <= set(packs)
    assert "财预〔2020〕10号" in packs["mof-2020-project"]
    assert [name for name, _ in list_packs()] == sorted(packs)


def test_load_by_code_is_cached_and_the_operators_file_by_path(tmp_path):
    assert load_pack("gd-2022-department") is load_pack("gd-2022-department")
    pack_data = data()
    pack_data["name"] = "gz-huangpu-2022"
    file = tmp_path / "gz-huangpu-2022.yaml"
    file.write_text(yaml.safe_dump(pack_data, allow_unicode=True), encoding="utf-8")
    pack = load_pack_file(str(file))
    assert pack.name == "gz-huangpu-2022" and pack.path == str(file.resolve())


def test_unknown_pack_lists_the_available_ones():
    with pytest.raises(RulePackError) as error:
        load_pack("xx-2099")
    assert "规则包“xx-2099”不存在" in str(error.value) and "gd-2022-department" in str(error.value)
    with pytest.raises(RulePackError, match="不存在"):
        load_pack_file("/nowhere/pack.yaml")
    with pytest.raises(RulePackError, match="未指定规则包"):
        load_pack("")


def test_file_name_must_match_the_pack_name(tmp_path):
    file = tmp_path / "other.yaml"
    file.write_text(yaml.safe_dump(data(), allow_unicode=True), encoding="utf-8")
    with pytest.raises(RulePackError, match="应与文件名“other”一致"):
        load_pack_file(file)


def test_yaml_syntax_error_is_named(tmp_path):
    file = tmp_path / "broken.yaml"
    file.write_text("name: [broken", encoding="utf-8")
    with pytest.raises(RulePackError, match="broken.yaml 不是有效的 YAML 文件"):
        load_pack_file(file)


def test_weights_adding_to_110_are_refused():
    pack_data = data("mof-2020-project")
    pack_data["tree"][1]["weight"] = 60
    assert refused(pack_data) == "规则包“mof-2020-project”：tree：权重合计 110，应为 100"


def test_children_that_do_not_add_up_to_their_parent_are_refused():
    pack_data = data()
    pack_data["tree"][0]["weight"] = 31
    assert "tree[0]（管理效率）：下级权重合计 30，应为 31" in refused(pack_data)


def test_bad_numbers_are_quoted():
    pack_data = data()
    pack_data["tree"][1]["children"][0]["weight"] = "四十"
    assert "tree[1]（履职效能）.children[0]（产出指标）.weight：“四十”不是有效的数值" in refused(pack_data)
    pack_data = data()
    pack_data["thresholds"]["overachievement_ratio"] = "-1"
    assert "thresholds.overachievement_ratio：“-1”不能小于 0" in refused(pack_data)


def test_required_thresholds():
    pack_data = data()
    del pack_data["thresholds"]["execution_reason_below"]
    assert "thresholds.execution_reason_below：缺少此项" in refused(pack_data)


def test_thresholds_are_decimals_from_the_yaml():
    pack = load_pack("gd-2022-department")
    assert pack.thresholds["execution_reason_below"] == D("0.90")
    assert pack.thresholds["overachievement_ratio"] == D("1.30")
    assert pack.thresholds["output_benefit_ratio_max"] == D(3)
    assert all(isinstance(v, Decimal) for v in pack.thresholds.values())


def test_unknown_method_type_and_measure():
    pack_data = data()
    leaf = pack_data["tree"][0]["children"][0]["children"][0]
    leaf["method"] = {"type": "magic"}
    assert "method.type：“magic”不是有效的取值（可选：execution、banded、deduction、checklist）" in refused(pack_data)
    leaf["method"] = {"type": "banded", "measure": "happiness", "bands": [{"points": 0}]}
    assert "method.measure：“happiness”不是可计算的指标" in refused(pack_data)


def test_band_points_over_the_weight_and_unordered_bands():
    pack_data = data()
    bands = pack_data["tree"][0]["children"][0]["children"][2]["method"]["bands"]
    bands[0]["points"] = 4
    assert "bands[0].points：得分 4 超过该项分值 3" in refused(pack_data)
    pack_data = data()
    bands = pack_data["tree"][0]["children"][0]["children"][2]["method"]["bands"]
    bands[2]["upto"] = "0.05"
    assert "bands[2].upto：“0.05”应大于上一档的上限 0.10" in refused(pack_data)
    pack_data = data()
    pack_data["tree"][0]["children"][0]["children"][2]["method"]["bands"][-1]["upto"] = "0.5"
    assert "最后一档应不写上限" in refused(pack_data)


def test_checklist_points_must_add_up_to_the_leaf():
    pack_data = data()
    pack_data["tree"][0]["children"][1]["children"][0]["method"]["items"][0]["points"] = 1
    assert "各项分值合计 1，应为该项分值 2" in refused(pack_data)


def test_qualitative_bands_must_meet_end_to_end():
    pack_data = data()
    pack_data["indicator_methods"]["qualitative"]["bands"]["部分达成"] = ["0.60", "0.75"]
    assert "各档应首尾相接" in refused(pack_data)
    pack_data = data()
    pack_data["indicator_methods"]["qualitative"]["default_share"]["达成"] = "0.70"
    assert "默认比例 0.70 不在该档区间 [0.80, 1.00] 内" in refused(pack_data)
    pack_data = data()
    pack_data["indicator_methods"]["qualitative"]["bands"]["很好"] = ["0", "1"]
    assert "“很好”不是定性完成情况" in refused(pack_data)


def test_grades_must_descend_to_zero():
    pack_data = data()
    pack_data["grades"][1]["min"] = 95
    assert "grades[1].min：95 应低于上一等次的 90" in refused(pack_data)
    pack_data = data()
    pack_data["grades"][-1]["min"] = 10
    assert "最低等次的下限应为 0" in refused(pack_data)


def test_node_shapes_keys_and_level1_selection():
    pack_data = data()
    pack_data["tree"][1]["children"][0]["method"] = {"type": "execution"}
    assert "每个节点应且只应有" in refused(pack_data)
    pack_data = data()
    pack_data["tree"][1]["children"][1]["key"] = "output"
    assert "key：“output”与其他节点重复" in refused(pack_data)
    pack_data = data()
    pack_data["tree"][1]["children"][1]["indicators"] = ["产出指标"]
    assert "一级指标“产出指标”被多个指标组选取" in refused(pack_data)
    pack_data = data()
    pack_data["tree"][1]["children"][1]["indicators"] = ["绩效"]
    assert "“绩效”不是一级指标" in refused(pack_data)


def test_variants_and_modes_are_checked():
    pack_data = data()
    pack_data["indicator_methods"]["le"] = "cubic"
    assert "indicator_methods.le：“cubic”不是有效的取值（可选：ratio、linear）" in refused(pack_data)
    pack_data = data()
    pack_data["indicator_weights"] = "free"
    assert "indicator_weights：“free”不是有效的取值" in refused(pack_data)
    pack_data = data()
    pack_data["rounding"]["mode"] = "bankers"
    assert "rounding.mode" in refused(pack_data)


def test_group_may_override_the_indicator_methods():
    pack_data = data()
    pack_data["tree"][1]["children"][0]["indicator_methods"] = {"le": "linear"}
    pack = pack_from_dict(pack_data)
    output = next(leaf for leaf in pack.leaves if leaf.key == "output")
    assert output.indicator_methods.le == "linear" and pack.indicator_methods.le == "ratio"


def test_misspelt_keys_are_refused_not_ignored():
    # A region editing its pack by hand: a misspelt key would otherwise be dropped silently and the
    # default used (here: not-applicable indicators rescaled although the region wrote "refuse").
    pack_data = data()
    pack_data["not_aplicable"] = "refuse"
    assert "未知的键“not_aplicable”（可选：" in refused(pack_data)
    pack_data = data()
    pack_data["tree"][1]["children"][0]["indicator_method"] = {"le": "linear"}
    assert "tree[1]（履职效能）.children[0]（产出指标）：未知的键“indicator_method”" in refused(pack_data)
    pack_data = data()
    pack_data["tree"][0]["children"][0]["children"][3]["method"]["flor"] = 1
    assert "method：未知的键“flor”（可选：type、measure、limit、step、deduct、floor、when、count）" in refused(pack_data)
    pack_data = data()
    pack_data["tree"][0]["children"][0]["children"][2]["method"]["bands"][1]["up_to"] = "0.10"
    assert "bands[1]：未知的键“up_to”" in refused(pack_data)
    pack_data = data()
    pack_data["grades"][0]["minimum"] = 90
    assert "grades[0]：未知的键“minimum”" in refused(pack_data)


def test_yes_no_switches_must_be_booleans():
    # bool("false") is True: a quoted "false" must not turn the absolute comparison on.
    pack_data = data()
    pack_data["tree"][0]["children"][0]["children"][2]["method"]["absolute"] = "false"
    assert "预算调整率）.method.absolute：“false”应为 true 或 false" in refused(pack_data)
    pack_data = data()
    pack_data["illustrative"] = "否"
    assert "illustrative：“否”应为 true 或 false" in refused(pack_data)


def test_a_missing_method_type_is_named_as_missing():
    pack_data = data()
    pack_data["tree"][0]["children"][0]["children"][0]["method"] = {"scope": "total"}
    assert "method.type：缺少此项（可选：execution、banded、deduction、checklist）" in refused(pack_data)
