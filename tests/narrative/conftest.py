"""Fixtures of the narrative tests: the reference department and small documents built in memory."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.domain.document import (
    EvaluationDocument, Fact, FundLine, Indicator, Project, ReportSection, Task, Unit,
)
from jixiao.domain.enums import FundNature, FundSource


@pytest.fixture
def drafted_reference(reference_document):
    """The reference department without its stored 存在的主要问题/下一步改进措施, so both are drafted."""
    keep = tuple(s for s in reference_document.sections if s.key not in ("problems", "measures"))
    return reference_document.with_changes(sections=keep)


def indicator(code: str, level1: str, level2: str, name: str, target: str, actual: str, **rest) -> Indicator:
    return Indicator.from_text(code=code, level1=level1, level2=level2, name=name, target=target, actual=actual,
                               weight=rest.pop("weight", Decimal("10")), **rest)


@pytest.fixture
def small_document() -> EvaluationDocument:
    """A department with one task of three indicators (all met) and fully executed funds."""
    task = Task(
        code="1", name="法律服务工作", description="负责全区法律服务工作。", responsible_unit="法律服务科",
        funds=Decimal("100"),
        projects=(Project(code="P1", name="法律服务经费", budget=Decimal("100"), executed=Decimal("100")),),
        indicators=(
            indicator("1-1", "产出指标", "数量指标", "法律咨询场次", "≥10场", "12场"),
            indicator("1-2", "效益指标", "社会效益指标", "群众法律意识", "有效提升", "效果明显"),
            indicator("1-3", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%"),
        ),
        summary="开展法律咨询 12 场。",
    )
    return EvaluationDocument(
        region_code="440112", region_name="广州市黄埔区", department_code="440112-200",
        department_name="广州市黄埔区司法局", year=2022, rule_pack="gd-2022-department",
        units=(Unit(code="U1", name="广州市黄埔区司法局", duties="负责全区司法行政工作。"),),
        fund_lines=(
            FundLine(FundSource.GENERAL_BUDGET, FundNature.BASIC, Decimal("400"), Decimal("400"), Decimal("400")),
            FundLine(FundSource.GENERAL_BUDGET, FundNature.PROJECT, Decimal("100"), Decimal("100"), Decimal("100")),
        ),
        tasks=(task,),
        sections=(ReportSection("achievements", "主要工作成效", "1、服务群众有成效\n全年开展法律咨询 12 场。"),),
        facts=tuple(Fact(key, "是") for key in
                    ("management_rules", "info_disclosure", "performance_monitoring", "asset_management")),
        self_name="本局",
    )
