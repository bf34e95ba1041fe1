"""Kinds of wrong findings batch 11 showed at its blind measurement (tests/data/published/corpus/README.md, "Batch 11
read (wrong findings)"): each kind is written as its shape in a few synthetic lines (no corpus document) and a variant
shape, and a guard that shows the real inconsistency of that kind still found."""

import pytest

from tests.checks.published.reviewing import codes as _codes, doubted as _doubted


# --- the body that passes the money on to the report's own unit is no neighbour's copied report -----------------------

_BUREAU = ("安平市经信局2022年度中小企业发展资金绩效自评报告\n一、基本情况\n省厅下达安平市经信局中小企业发展资金820.5万元。\n"
           "二、资金情况\n{body}\n")


@pytest.mark.parametrize("body", [
    # the finance bureau of the same city hands the report's money on to it
    "安平市财政局于2022年7月将资金820.5万元拨付给我局账户。",
    # variant: another bureau of the city, not a finance body, passing the money down to the report's own unit
    "安平市国资局将820.5万元下达至我局。",
])
def test_the_body_that_passes_the_money_on_is_no_copied_neighbour(body):
    assert "report.naming" not in _codes(_BUREAU.format(body=body))


def test_a_neighbouring_bureau_given_the_reports_own_money_is_still_a_naming_finding():
    # guard: another bureau of the same city, of the same kind, restating the report's money as its own
    body = "安平市商务局2022年度下达中小企业发展资金820.5万元,用于支持企业发展。"
    assert "report.naming" in _codes(_BUREAU.format(body=body))


# --- the name of an indicator (资金足额拨付率) is no claim that the money was paid in full --------------------------------

_LOANS = ("某县2024年普惠金融发展专项资金绩效自评报告\n一、绩效指标设定情况\n{body}\n二、自评情况\n"
          "预算共安排546.23万元,实际支付355.16万元,执行率65%。\n")


@pytest.mark.parametrize("body", [
    "产出指标主要考察创业担保贷款发放额、资金足额拨付率、地方配套资金到位率等要素。",
    # variant: the rate of money paid in full and arrived, named as an indicator
    "设置了项目资金全额拨付率、贷款回收率两项产出指标。",
])
def test_an_indicator_named_for_money_paid_in_full_contradicts_no_rate(body):
    assert "report.payment_contradiction" not in _codes(_LOANS.format(body=body))


def test_money_said_to_be_paid_in_full_against_a_rate_of_65_is_still_a_contradiction():
    # guard: the claim itself (资金已足额拨付) against the rate of 65%
    assert "report.payment_contradiction" in _codes(_LOANS.format(body="项目资金已足额拨付。"))


# --- headings the page ran in after a colon, or glued to the heading above them -----------------------------------------

_ESSAY = ("某省农田建设补助资金绩效评价报告\n根据通知要求,现将情况报告如下:一、绩效目标分解下达情况本年度共安排资金6258万元。\n"
          "二、绩效目标完成情况(一)资金投入情况分析1.资金分配情况。\n资金按任务分配。\n2.资金执行情况\n资金全部下达。\n")


def test_headings_run_in_after_a_colon_or_glued_to_their_heading_are_no_gap():
    # 一、 after 如下:, then (一) and 1. glued to 二、's title: neither 二、 nor 2. skips a number
    assert "report.section_gap" not in _codes(_ESSAY) and "report.section_gap" in _doubted(_ESSAY)


def test_variant_a_sub_heading_glued_after_a_line_of_its_own():
    text = ("某县2023年度道路养护项目绩效自评报告\n一、基本情况\n安排资金300万元。\n"
            "二、绩效目标实现情况(一)产出情况\n完成道路养护30公里。\n(二)效益情况\n群众满意度95%。\n")
    assert "report.section_gap" not in _codes(text) and "report.section_gap" in _doubted(text)


@pytest.mark.parametrize("text", [
    # guard: a gap the page did not glue anything into (一、 then 三、) is still found
    "某县道路养护项目绩效自评报告\n一、基本情况\n安排资金300万元。\n三、绩效情况\n完成道路养护30公里。\n",
    # guard: a glued sub-heading numbered 2 is not taken for the missing 1.
    "某县道路养护项目绩效自评报告\n一、基本情况\n安排资金300万元。\n二、绩效情况\n(一)产出情况\n完成养护。\n(三)效益情况\n"
    "满意度95%。\n",
])
def test_a_gap_with_nothing_glued_into_it_is_still_found(text):
    assert "report.section_gap" in _codes(text)
