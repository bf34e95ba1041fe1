"""State changes of in-year monitoring (运行监控): rounds, indicator and fund reports, each one
transaction with its event. Colours, projections and possibilities come from the monitoring engine and
the round's rule pack; the warnings that follow from them are computed by :mod:`jixiao.monitoring.warnings`."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

from django.db import transaction

from jixiao.cycle.common import CycleRefused, NotPermitted, check_scope
from jixiao.cycle.scope import EDIT
from jixiao.domain.document import MonitoringSnapshot as SnapshotDoc
from jixiao.domain.enums import EventVerb, WarningLevel
from jixiao.domain.values import ValueParseError, parse_value
from jixiao.evaluations.models import Evaluation
from jixiao.evaluations.store import document_for
from jixiao.events.models import record_event
from jixiao.progress import engine
from jixiao.monitoring.models import FundReport, IndicatorReport, MonitoringRound
from jixiao.monitoring.selectors import indicator_profile
from jixiao.rules.model import RulePackError
from jixiao.rules.monitoring import DEFAULT_CODE, load_monitoring_pack


def default_cut_off(year: int) -> date:
    return date(year, 7, 31)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@transaction.atomic
def open_round(*, region, year: int, acting_user, cut_off: date | None = None, deadline: date | None = None,
               name: str = "", rules: str = DEFAULT_CODE) -> MonitoringRound:
    """发布监控轮次. By default one round on 1—7月 reported by the end of August."""
    if not (acting_user.is_superuser or region.pk in acting_user.reviewed_region_ids()):
        raise NotPermitted("只有本地区财政审核人才能发布监控轮次")
    cut_off = cut_off or default_cut_off(year)
    deadline = deadline or month_end(year, min(cut_off.month + 1, 12))
    if cut_off.year != year:
        raise CycleRefused(f"监控截止日期 {cut_off} 不在 {year} 年度内")
    if deadline < cut_off:
        raise CycleRefused("报送截止日期不能早于监控截止日期")
    try:
        load_monitoring_pack(rules)
    except RulePackError as exc:
        raise CycleRefused(str(exc)) from None
    name = name or f"1—{cut_off.month}月"
    if MonitoringRound.objects.filter(region=region, year=year, cut_off=cut_off).exists():
        raise CycleRefused(f"{region.name} {year} 年截至 {cut_off} 的监控轮次已存在")
    round_ = MonitoringRound.objects.create(region=region, year=year, cut_off=cut_off, deadline=deadline, name=name,
                                            rules=rules)
    record_event(actor=acting_user, verb=EventVerb.ROUND_OPEN, obj=round_, to_state=name,
                 data={"cut_off": cut_off.isoformat(), "deadline": deadline.isoformat(), "rules": rules})
    return round_


def _check_round(round_: MonitoringRound, evaluation: Evaluation, acting_user) -> None:
    check_scope(evaluation, acting_user, EDIT, "department")
    if evaluation.year != round_.year or evaluation.department.region_id != round_.region_id:
        raise CycleRefused(f"{evaluation} 不属于监控轮次“{round_}”")


@transaction.atomic
def report_indicator(*, round: MonitoringRound, evaluation: Evaluation, indicator_code: str, value_text: str,
                     acting_user, accumulation: str = "", possibility: str = "", reason_category: str = "",
                     analysis: str = "", measure: str = "") -> IndicatorReport:
    """填报一个指标截至监控截止日期的完成情况. The projection (linear, or seasonal from the department's
    earlier years), the colour and — when none is stated — the possibility are computed; a yellow or red
    indicator needs its deviation reason category, analysis and corrective measure."""
    round_ = round
    _check_round(round_, evaluation, acting_user)
    pack = load_monitoring_pack(round_.rules)
    doc = document_for(evaluation)
    indicator = next((i for i in doc.indicators if i.code == indicator_code), None)
    if indicator is None:
        raise CycleRefused(f"指标“{indicator_code}”不在 {evaluation} 中")
    try:
        value = parse_value(value_text, qualitative=True if indicator.direction.value == "qualitative" else None) \
            if value_text.strip() else None
    except ValueParseError as exc:
        raise CycleRefused(f"{indicator.name}：{exc}") from None
    if possibility and possibility not in pack.possibilities:
        raise CycleRefused(f"完成目标可能性“{possibility}”无效（可选：{'、'.join(pack.possibilities)}）")
    if reason_category and reason_category not in pack.reason_categories:
        raise CycleRefused(f"偏差原因类别“{reason_category}”无效（可选：{'、'.join(pack.reason_categories)}）")
    if accumulation and accumulation not in engine.Accumulation.LABELS:
        raise CycleRefused(f"完成值口径“{accumulation}”无效")
    how = engine.accumulation_of(indicator, pack, accumulation or _declared_accumulation(evaluation, indicator_code))
    if how == engine.Accumulation.PERIODIC and value is not None and value.number is not None:
        earlier = (IndicatorReport.objects.filter(evaluation=evaluation, indicator_code=indicator_code,
                                                  round__cut_off__lt=round_.cut_off, round__region=round_.region)
                   .values_list("value", flat=True))
        total = sum((v for v in earlier if v is not None), Decimal(0)) + value.number
        value = parse_value(f"{total.normalize():f}{indicator.unit}")
    snapshot = SnapshotDoc(as_of=round_.cut_off, indicator_code=indicator_code, value=value, likelihood=possibility,
                           reason=f"{reason_category}：{analysis}" if reason_category else analysis)
    profile = indicator_profile(evaluation, indicator, round_.cut_off, pack.seasonal_min_years)
    status = engine.assess_indicator(indicator, snapshot, pack, accumulation=how, profile=profile)
    if status.colour.level is not WarningLevel.GREEN:
        missing = [label for label, text in (("偏差原因类别", reason_category), ("偏差原因分析", analysis),
                                             ("纠偏措施", measure)) if not text.strip()]
        if missing:
            raise CycleRefused(f"{indicator.name}为{status.colour.label}灯（{status.colour.why}），请填写"
                               f"{'、'.join(missing)}")
    report, created = IndicatorReport.objects.update_or_create(
        round=round_, evaluation=evaluation, indicator_code=indicator_code,
        defaults=dict(indicator_name=indicator.name, target_text=indicator.target.text, accumulation=how,
                      value_text=value_text.strip(), value=value.number if value else None,
                      projected=status.projection.value, projection_method=status.projection.method,
                      projection_basis=status.projection.explanation[:300], completion=status.completion,
                      colour=status.colour.level.value, colour_why=status.colour.why[:200],
                      possibility=status.possibility, reason_category=reason_category or status.reason_category,
                      analysis=analysis, measure=measure,
                      reported_by=acting_user if getattr(acting_user, "pk", None) else None))
    if not evaluation.is_locked:  # the year's document (workbook, report) shows the latest report
        _mirror(evaluation, round_.cut_off, indicator_code, value_text=value_text.strip(),
                value=value.number if value else None, projected=status.projection.value, unit=indicator.unit,
                warning=status.colour.level.value, likelihood=status.possibility, reason=analysis)
    record_event(actor=acting_user, verb=EventVerb.MONITOR, obj=report, evaluation=evaluation,
                 to_state=status.colour.label, data={"round": round_.pk, "indicator": indicator_code,
                                                     "value": value_text, "created": created})
    return report


@transaction.atomic
def report_funds(*, round: MonitoringRound, evaluation: Evaluation, executed: dict[str, Decimal], acting_user,
                 analysis: dict[str, str] | None = None) -> list[FundReport]:
    """填报资金执行：``executed`` maps each fund line (``来源·性质``, see :func:`fund_subjects`) to the amount
    executed by the cut-off (万元); budget, rate, 序时进度 and colour are computed."""
    round_ = round
    _check_round(round_, evaluation, acting_user)
    pack = load_monitoring_pack(round_.rules)
    lines = fund_subjects(document_for(evaluation))
    unknown = sorted(set(executed) - set(lines))
    if unknown:
        raise CycleRefused(f"没有资金“{'、'.join(unknown)}”（可选：{'、'.join(lines)}）")
    reports = []
    for subject, amount in executed.items():
        line = lines[subject]
        amount = Decimal(amount)
        if amount < 0:
            raise CycleRefused(f"{subject}：执行数不能为负数")
        progress = engine.budget_progress(line.full_year_budget, amount, round_.cut_off, pack)
        report, _ = FundReport.objects.update_or_create(
            round=round_, evaluation=evaluation, subject=subject,
            defaults=dict(initial_budget=line.initial_budget, adjusted_budget=line.full_year_budget, executed=amount,
                          rate=progress.rate, time_progress=progress.time, behind=progress.behind,
                          colour=progress.colour.level.value, colour_why=progress.colour.why[:200],
                          analysis=(analysis or {}).get(subject, ""),
                          reported_by=acting_user if getattr(acting_user, "pk", None) else None))
        reports.append(report)
    if not evaluation.is_locked:
        total = sum((f.executed for f in FundReport.objects.filter(round=round_, evaluation=evaluation)), Decimal(0))
        _mirror(evaluation, round_.cut_off, "", executed=total, note=f"{round_.name}预算执行情况")
    record_event(actor=acting_user, verb=EventVerb.MONITOR, obj=evaluation, evaluation=evaluation,
                 to_state="资金", data={"round": round_.pk, "executed": {k: str(v) for k, v in executed.items()}})
    return reports


def fund_subjects(doc) -> dict:
    """The document's fund lines by the name a monitoring report uses (``一般公共预算财政拨款·项目支出``)."""
    return {f"{line.source.label}·{line.nature.label}": line for line in doc.fund_lines}


@transaction.atomic
def import_monitoring_form(*, round: MonitoringRound, evaluation: Evaluation, data: bytes, acting_user
                           ) -> list[IndicatorReport]:
    """A filled 绩效目标执行监控表 read back: each indicator row with a value is reported (matched by its
    三级指标 name); all rows or none (the first refusal names the row)."""
    from jixiao.documents.forms.monitoring import MonitoringFormError, read_monitoring_form
    from jixiao.progress.forms import split_note

    pack = load_monitoring_pack(round.rules)
    try:
        rows = read_monitoring_form(data, categories=pack.reason_categories, possibilities=pack.possibilities)
    except MonitoringFormError as exc:
        raise CycleRefused(str(exc)) from None
    codes = {i.name: i.code for i in document_for(evaluation).indicators}
    unknown = [r.name for r in rows if r.name not in codes]
    if unknown:
        raise CycleRefused(f"监控表中的指标不在 {evaluation} 中：{'、'.join(unknown[:5])}")
    reports = []
    for row in rows:
        if not row.value:
            continue
        analysis, measure = split_note(row.note)
        try:
            reports.append(report_indicator(round=round, evaluation=evaluation, indicator_code=codes[row.name],
                                            value_text=row.value, acting_user=acting_user, possibility=row.possibility,
                                            reason_category=row.reason_category, analysis=analysis, measure=measure))
        except CycleRefused as exc:
            raise CycleRefused(f"“{row.name}”：{exc}") from None
    return reports


def _mirror(evaluation, as_of, code, *, value_text="", value=None, projected=None, unit="", warning="", likelihood="",
            reason="", executed=None, note=""):
    """Keep the evaluation's own monitoring snapshot (its 监控 sheet) in step with the round's report."""
    from jixiao.monitoring.models import MonitoringSnapshot

    projected_text = f"{projected.normalize():f}{unit}" if projected is not None else ""
    MonitoringSnapshot.objects.update_or_create(
        evaluation=evaluation, as_of=as_of, indicator_code=code,
        defaults=dict(value_text=value_text, value=value, projected_text=projected_text, projected=projected,
                      warning=warning, likelihood=likelihood, reason=reason, executed=executed, note=note))


@transaction.atomic
def report_round(*, round: MonitoringRound, evaluation: Evaluation, rows: list[dict], acting_user,
                 executed: dict[str, Decimal] | None = None) -> list[IndicatorReport]:
    """填报一轮监控 at once (the entry page): every row with a value, and the funds; all or nothing, the
    first refusal naming its indicator. A row is ``{code, value, accumulation, possibility,
    reason_category, analysis, measure}``."""
    reports = []
    names = {i.code: i.name for i in document_for(evaluation).indicators}
    for row in rows:
        if not str(row.get("value") or "").strip():
            continue
        try:
            reports.append(report_indicator(
                round=round, evaluation=evaluation, indicator_code=row["code"], value_text=str(row["value"]),
                acting_user=acting_user, accumulation=row.get("accumulation", ""), possibility=row.get("possibility", ""),
                reason_category=row.get("reason_category", ""), analysis=row.get("analysis", ""),
                measure=row.get("measure", "")))
        except CycleRefused as exc:
            message = str(exc)
            name = names.get(row["code"], row["code"])
            raise CycleRefused(message if message.startswith(name) else f"{name}：{message}") from None
    if executed:
        report_funds(round=round, evaluation=evaluation, executed=executed, acting_user=acting_user)
    return reports


def _declared_accumulation(evaluation: Evaluation, code: str) -> str:
    """How the approved targets declare this indicator's monitoring value (累计 / 当期 / 水平), if they do."""
    from jixiao.cycle.models import TargetRow, TargetStatus

    return (TargetRow.objects.filter(declaration__department_id=evaluation.department_id,
                                     declaration__year=evaluation.year, declaration__project_code=evaluation.project_code,
                                     declaration__status=TargetStatus.APPROVED.value, code=code)
            .exclude(accumulation="").values_list("accumulation", flat=True).first() or "")
