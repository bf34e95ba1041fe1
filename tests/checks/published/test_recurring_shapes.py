"""Inconsistencies that recur across the corpus's batches (tests/data/published/corpus/README.md, "Recurring
inconsistencies"), each written as its shape in a few synthetic lines (no corpus document), a variant, and guards:
near-misses that must not be found."""

import pytest

from tests.checks.published.reviewing import codes as _codes

_PROJECT = "某县2023年农村供水维修养护项目绩效自评报告\n一、绩效目标分解下达情况\n{body}\n二、绩效目标完成情况分析\n项目均已完工。\n"


# --- one source's money given two amounts (same_figure) -------------------------------------------------------------

_SOURCE_FOUND = [
    # a source's part of a breakdown, the same source's money stated again with another amount
    "2023年度下达上级资金转移支付500万元。其中:中央级资金转移支付120万元,省级资金转移支付380万元。\n"
    "1.2023年度下达中央级资金转移支付500万元,均已拨付。",
    # variant: the other amount stated first, under other words of money (投入, a fund's name)
    "2023年地方投入农村供水补助资金80万元。\n共投入资金300万元,其中中央资金投入150万元,地方资金投入150万元。",
]


@pytest.mark.parametrize("body", _SOURCE_FOUND)
def test_one_sources_money_given_two_amounts_is_found(body):
    assert "report.same_amount" in _codes(_PROJECT.format(body=body))


_SOURCE_GUARDS = [
    # a breakdown of the money allocated and one of the money spent: two totals, each with its own 中央 part
    "共下达资金300万元,其中中央资金200万元,县级资金100万元。\n全年支出资金280万元,其中中央资金190万元,县级资金90万元。",
    # the same source's money of two notices (two batches)
    "下达资金300万元,其中中央资金200万元,县级资金100万元(某财农〔2023〕5号)。\n"
    "2023年8月以某财农〔2023〕88号下达中央资金60万元。",
    # the same source's money of another year
    "2023年下达资金300万元,其中中央资金200万元,县级资金100万元。\n2022年中央资金150万元已全部使用。",
    # the same source named in one sentence with another amount (a part moved to next year's budget)
    "计划投入资金300万元,其中中央资金200万元,县级资金100万元,县级资金20万元纳入下年预算。",
    # 中央补助地方资金: the locality receives, it is no source
    "下达资金300万元,其中中央资金200万元,县级资金100万元。\n提前下达中央补助地方供水专项资金50万元。",
    # a place's money (某某县资金) in a list of places, not the county's own share
    "下达资金300万元,其中中央资金200万元,县级资金100万元。\n分配给甲乡、乙镇和丙县资金40万元。",
]


@pytest.mark.parametrize("body", _SOURCE_GUARDS)
def test_guard_one_sources_money_of_another_kind_is_not_the_same_figure(body):
    assert "report.same_amount" not in _codes(_PROJECT.format(body=body))


# --- an amount and the list of what it is (sum) ---------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    # the items exceed the amount they are
    "2023年度下达资金300万元。省级资金120万元,为村道建设25万元,河堤维修80万元,改厕项目资金21.5万元。",
    # variant: 分别为, items short of the amount
    "一是本局专项业务经费282.80万元,分别为储备经费150.00万元,监管经费82.80万元,轮换费用40.00万元。",
])
def test_an_amount_and_the_list_of_what_it_is_that_do_not_add_up(body):
    found = _codes(_PROJECT.format(body=body))
    assert "report.parts_exceed_total" in found or "report.parts_sum" in found


@pytest.mark.parametrize("body", [
    # the list adds up
    "一是本局专项业务经费282.80万元,分别为储备经费150.00万元,监管经费82.80万元,轮换费用50.00万元。",
    # a list ending on 等 names some of the items only
    "市级资金260.3万元,为奖励督查10万元,水环境生态补偿资金250万元等。",
    # one item is no list of the whole
    "省级资金120万元,为村道建设100万元。",
])
def test_guard_a_list_that_adds_up_or_names_only_some_items_is_no_finding(body):
    found = _codes(_PROJECT.format(body=body))
    assert "report.parts_exceed_total" not in found and "report.parts_sum" not in found


# --- a share of an amount written in 元 for 万元 (sum: the 万 left out) --------------------------------------------

_INSURANCE = "某县2020年农业保险保费补贴项目绩效自评报告\n一、项目基本情况\n{body}\n二、绩效情况\n保费补贴均已拨付。\n"


@pytest.mark.parametrize("body", [
    "水稻保险总保费1293.45万元,中央财政补贴47.5%为614.39万元,省级财政补贴32.5%为420.37元。",
    # variant: 即, the slip on the first share
    "能繁母猪保险保费共200万元,省级补贴40%即80元,县级补贴30%即60万元,农户自缴30%即60万元。",
])
def test_a_share_written_in_yuan_that_is_the_share_in_wan_lost_its_wan(body):
    assert "report.amount_standard" in _codes(_INSURANCE.format(body=body))


@pytest.mark.parametrize("body", [
    # every share in 万元
    "水稻保险总保费1293.45万元,中央财政补贴47.5%为614.39万元,省级财政补贴32.5%为420.37万元。",
    # a share in 元 that is not the share of the amount (a premium per mu, not the lost 万)
    "水稻保险总保费1293.45万元,中央财政补贴47.5%为614.39万元,农户每亩自缴20%为12.5元。",
    # no share in 万元 agrees with the amount: it is not their base
    "水稻保险总保费1300万元,中央财政补贴47.5%为614.39万元,省级财政补贴32.5%为422.5元。",
])
def test_guard_a_share_in_yuan_that_is_not_the_lost_wan_is_no_finding(body):
    assert "report.amount_standard" not in _codes(_INSURANCE.format(body=body))
