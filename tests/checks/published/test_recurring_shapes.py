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
