"""Targets (绩效目标申报 → 审核) and the indicator library (指标库).

A department declares its overall targets and each project's (年度总体目标, three-level indicators with
年度指标值, unit, direction, basis; for projects 项目属性, funds by source, 实施单位, 实施进度计划). Quality is
checked at entry with the review checks' ``targets`` stage (level-1 balance, missing units, inputs
written as targets, vague qualitative targets, a target below last year's actual; thresholds from the
rule pack). The finance bureau approves or returns it, with reasons per indicator where needed; an
approved department declaration is the baseline of the year: the year's evaluation is created from it
when there is none yet.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.urls import reverse_lazy
from django.utils import timezone

from jixiao.checks.advice import Advice, PeerValue, advise
from jixiao.checks.document import check_document
from jixiao.checks.document.history import PastValue
from jixiao.cycle.common import CycleRefused, NotPermitted, check_scope
from jixiao.cycle.models import LibraryIndicator, TargetDeclaration, TargetRow, TargetStatus
from jixiao.cycle.scope import EDIT, REVIEW
from jixiao.documents.datafile import document_from_dict
from jixiao.domain.document import EvaluationDocument
from jixiao.domain.enums import Direction, EvaluationKind, EvaluationStatus, EventVerb, Level1, Level2, Role
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.values import ValueParseError, parse_value
from jixiao.domain.workflow import DEPARTMENT_ROLES
from jixiao.evaluations.models import Evaluation
from jixiao.evaluations.models import Indicator as IndicatorRow
from jixiao.evaluations.selectors import earlier_documents
from jixiao.progress.engine import Accumulation
from jixiao.events.models import record_event
from jixiao.notifications.services import notify
from jixiao.orgs.models import SYSTEM
from jixiao.orgs.selectors import people_with_roles
from jixiao.rules import load_pack

LINK = reverse_lazy("web:cycle:targets")
DEFAULT_PACK = "gd-2022-department"
ROW_FIELDS = ("task_code", "task_name", "code", "level1", "level2", "name", "target", "unit", "direction", "basis",
              "accumulation", "weight", "library")
EDITABLE = (TargetStatus.DRAFT.value, TargetStatus.RETURNED.value)


def _clean_row(i: int, row: dict) -> dict:
    row = {k: row.get(k) for k in ROW_FIELDS if k in row}
    name = str(row.get("name") or "").strip()
    where = f"第 {i} 行" + (f"“{name}”" if name else "")
    if not name:
        raise CycleRefused(f"{where}：请填写三级指标名称")
    level1 = Level1.from_label(str(row.get("level1") or ""))
    level2 = Level2.from_label(str(row.get("level2") or ""))
    if level1 is None or level2 is None or level2.level1 is not level1:
        raise CycleRefused(f"{where}：一级指标“{row.get('level1')}”与二级指标“{row.get('level2')}”不匹配")
    target = str(row.get("target") or "").strip()
    if not target:
        raise CycleRefused(f"{where}：请填写年度指标值")
    try:
        parse_value(target, direction=row.get("direction") or None, unit=row.get("unit") or "", target=True)
    except ValueParseError as exc:
        raise CycleRefused(f"{where}：{exc}") from None
    row.update(name=name, level1=level1.value, level2=level2.value, target=target,
               code=str(row.get("code") or f"{row.get('task_code') or '1'}-{i}").strip(),
               task_code=str(row.get("task_code") or "1").strip())
    accumulation = str(row.get("accumulation") or "").strip()
    if accumulation:
        by_label = {label: value for value, label in Accumulation.LABELS.items()}
        accumulation = by_label.get(accumulation, accumulation)
        if accumulation not in Accumulation.LABELS:
            raise CycleRefused(f"{where}：监控口径“{row.get('accumulation')}”无效（可选：{'、'.join(by_label)}）")
        row["accumulation"] = accumulation
    if isinstance(row.get("library"), LibraryIndicator):
        row["library_id"] = row.pop("library").pk
    elif str(row.get("library") or "").isdigit() and LibraryIndicator.objects.filter(pk=int(row["library"])).exists():
        row["library_id"] = int(row.pop("library"))
    else:
        row.pop("library", None)
    if row.get("weight") in ("", None):
        row.pop("weight", None)
    return {k: ("" if v is None else v) for k, v in row.items()}


def declaration_document(declaration: TargetDeclaration) -> EvaluationDocument:
    """The declaration as an evaluation document (targets only): what the checks and the baseline read."""
    department = declaration.department
    tasks: dict[str, dict] = {}
    for row in declaration.rows.all():
        task = tasks.setdefault(row.task_code, {"code": row.task_code, "name": row.task_name or declaration.goal[:40] or "任务",
                                                "indicators": []})
        item = {"code": row.code, "level1": row.level1, "level2": row.level2, "name": row.name, "target": row.target,
                "unit": row.unit, "target_basis": row.basis}
        if row.direction:
            item["direction"] = row.direction
        if row.weight is not None:
            item["weight"] = str(row.weight)
        task["indicators"].append(item)
    kind = EvaluationKind.PROJECT if declaration.project_code else EvaluationKind.DEPARTMENT
    return document_from_dict({
        "region": {"code": department.region.code, "name": department.region.name},
        "department": {"code": department.code, "name": department.name, "self_name": department.self_name},
        "year": declaration.year, "kind": kind.value, "tasks": list(tasks.values()),
    })


def target_findings(declaration: TargetDeclaration) -> list[Finding]:
    """The quality checks of the targets being set (stage ``targets``), against the department's history."""
    doc = declaration_document(declaration)
    evaluation = Evaluation.objects.filter(department=declaration.department, year=declaration.year,
                                           kind=doc.kind.value, project_code=declaration.project_code).first()
    history = earlier_documents(evaluation) if evaluation else _earlier(declaration)
    return check_document(doc, history=history, stage="targets")


def _earlier(declaration: TargetDeclaration) -> list[EvaluationDocument]:
    from jixiao.evaluations.store import documents_for

    return list(documents_for(Evaluation.objects.filter(department=declaration.department, year__lt=declaration.year,
                                                        project_code=declaration.project_code).order_by("year")))


PROJECT_ATTRIBUTES = ("新增", "延续")


def _clean_project(project: dict) -> dict:
    """A project's declaration fields: 项目属性 新增 / 延续, funds by source as amounts in 万元."""
    if not project:
        return {}
    if not str(project.get("code") or "").strip() or not str(project.get("name") or "").strip():
        raise CycleRefused("请填写项目编码和项目名称")
    attribute = str(project.get("attribute") or "").strip()
    if attribute and attribute not in PROJECT_ATTRIBUTES:
        raise CycleRefused(f"项目属性“{attribute}”无效（可选：{'、'.join(PROJECT_ATTRIBUTES)}）")
    funds = {}
    for source, amount in (project.get("funds") or {}).items():
        text = str(amount if amount is not None else "").replace(",", "").strip()
        if not text:
            continue
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise CycleRefused(f"{source}：“{text}”不是有效的金额（万元）") from None
        if value < 0 or not value.is_finite():
            raise CycleRefused(f"{source}：金额不能为负数")
        funds[str(source)] = f"{value:.2f}"
    return {**project, "code": str(project["code"]).strip(), "attribute": attribute, "funds": funds}


@transaction.atomic
def save_declaration(*, department, year: int, goal: str, rows: list[dict], acting_user, project: dict | None = None
                     ) -> tuple[TargetDeclaration, list[Finding]]:
    """填报 (or change while 填报中 / 已退回) a declaration; returns it with the quality findings."""
    if not (acting_user.is_superuser or department.pk in acting_user.department_ids(DEPARTMENT_ROLES)):
        raise NotPermitted("只有本部门人员才能申报绩效目标")
    if not goal.strip():
        raise CycleRefused("请填写年度总体目标")
    cleaned = [_clean_row(i, row) for i, row in enumerate(rows, 1)]
    if not cleaned:
        raise CycleRefused("请至少填写一个绩效指标")
    duplicates = [c for c, n in Counter(r["code"] for r in cleaned).items() if n > 1]
    if duplicates:
        raise CycleRefused(f"指标编号重复：{'、'.join(duplicates)}")
    project = _clean_project(project or {})
    declaration, created = TargetDeclaration.objects.select_for_update().get_or_create(
        department=department, year=year, project_code=str(project.get("code") or ""), defaults={"goal": goal})
    if declaration.status not in EDITABLE:
        raise CycleRefused(f"{declaration}{TargetStatus(declaration.status).label}，不能修改")
    declaration.goal = goal.strip()
    for key, field in (("name", "project_name"), ("attribute", "project_attribute"), ("unit", "implementing_unit"),
                       ("schedule", "schedule")):
        if key in project:
            setattr(declaration, field, str(project[key] or ""))
    if "funds" in project:
        declaration.funds = project["funds"]
    declaration.save()
    old = {r.code: r for r in declaration.rows.all()}
    declaration.rows.all().delete()
    TargetRow.objects.bulk_create(TargetRow(declaration=declaration, position=i, review_note=old[r["code"]].review_note
                                            if r["code"] in old else "", **r) for i, r in enumerate(cleaned))
    record_event(actor=acting_user, verb=EventVerb.EDIT, obj=declaration, reason="填报绩效目标",
                 data={"rows": len(cleaned), "created": created})
    return declaration, target_findings(declaration)


@transaction.atomic
def submit_declaration(*, declaration: TargetDeclaration, acting_user) -> TargetDeclaration:
    """申报: errors of the quality checks block it; warnings go with it for the reviewer to see."""
    declaration = TargetDeclaration.objects.select_for_update().select_related("department__region").get(pk=declaration.pk)
    check_scope(declaration, acting_user, EDIT, "department")
    if declaration.status not in EDITABLE:
        raise CycleRefused(f"{declaration}{TargetStatus(declaration.status).label}，不能申报")
    errors = [f for f in target_findings(declaration) if f.severity is Severity.ERROR]
    if errors:
        raise CycleRefused("绩效目标有错误，不能申报：" + "；".join(f.message for f in errors[:5]))
    old = TargetStatus(declaration.status).label
    declaration.status, declaration.submitted_at = TargetStatus.SUBMITTED.value, timezone.now()
    declaration.save()
    event = record_event(actor=acting_user, verb=EventVerb.TARGET_DECLARE, obj=declaration, from_state=old,
                         to_state=TargetStatus.SUBMITTED.label)
    notify(recipients=people_with_roles(declaration.department, (Role.FINANCE_REVIEWER,)),
           title=f"绩效目标待审核：{declaration}", link=str(LINK), event=event, key=f"targets-submitted:{event.pk}")
    return declaration


@transaction.atomic
def review_declaration(*, declaration: TargetDeclaration, approve: bool, acting_user, reason: str = "",
                       row_notes: dict[str, str] | None = None) -> TargetDeclaration:
    """审核 by the finance bureau: 通过, or 退回 with a reason (overall, or per indicator in ``row_notes``)."""
    declaration = TargetDeclaration.objects.select_for_update().select_related("department__region").get(pk=declaration.pk)
    check_scope(declaration, acting_user, REVIEW, "department")
    if declaration.status != TargetStatus.SUBMITTED.value:
        raise CycleRefused(f"{declaration}{TargetStatus(declaration.status).label}，没有待审核的申报")
    notes = {code: note.strip() for code, note in (row_notes or {}).items() if note and note.strip()}
    unknown = set(notes) - set(declaration.rows.values_list("code", flat=True))
    if unknown:
        raise CycleRefused(f"没有指标“{'、'.join(sorted(unknown))}”")
    if not approve and not (reason.strip() or notes):
        raise CycleRefused("退回须写明原因（总体或逐个指标）")
    for row in declaration.rows.all():
        row.review_note = notes.get(row.code, "")
        row.save(update_fields=["review_note"])
    to = TargetStatus.APPROVED if approve else TargetStatus.RETURNED
    declaration.status, declaration.decision_reason = to.value, reason.strip()
    declaration.decided_by = acting_user if getattr(acting_user, "pk", None) else None
    declaration.decided_at = timezone.now()
    declaration.save()
    text = reason.strip() + "".join(f"；{code}：{note}" for code, note in notes.items())
    if approve:
        text += "；" + _baseline(declaration)
    event = record_event(actor=acting_user, verb=EventVerb.TARGET_APPROVE if approve else EventVerb.TARGET_RETURN,
                         obj=declaration, from_state=TargetStatus.SUBMITTED.label, to_state=to.label, reason=text.strip("；"))
    notify(recipients=people_with_roles(declaration.department, DEPARTMENT_ROLES),
           title=f"绩效目标{to.label}：{declaration}", body=text.strip("；"), link=str(LINK), event=event,
           key=f"targets-decision:{event.pk}")
    return declaration


def _baseline(declaration: TargetDeclaration) -> str:
    """The approved department targets become the year's evaluation: created from them when there is
    none, carried into it while it is still editable (each declared indicator's target, unit, direction
    and basis replace the stored ones by task and indicator code, new ones are added, values already
    entered are kept), and left alone once it is submitted or later. Returns what was done, in words."""
    if declaration.project_code:
        return ""
    from jixiao.evaluations.services import import_document
    from jixiao.evaluations.store import document_for

    evaluation = Evaluation.objects.filter(department=declaration.department, year=declaration.year,
                                           kind=EvaluationKind.DEPARTMENT.value, project_code="").first()
    declared = declaration_document(declaration)
    name = f"绩效目标申报 #{declaration.pk}"
    if evaluation is None:
        import_document(document=declared.with_changes(rule_pack=DEFAULT_PACK), acting_user=SYSTEM, file_name=name)
        return f"已据此建立{declaration.year}年度自评"
    if evaluation.is_locked:
        return (f"{evaluation}已{EvaluationStatus(evaluation.status).label}，审核通过的目标未写入该自评"
                "（如需改动请退回自评后再审核，或申请调整）")
    import_document(document=_with_targets(document_for(evaluation), declared), acting_user=SYSTEM,
                    file_name=name, verb=EventVerb.TARGET_APPROVE)
    return f"审核通过的目标已写入{evaluation}"


def _with_targets(stored: EvaluationDocument, declared: EvaluationDocument) -> EvaluationDocument:
    """``stored`` with the declared targets carried in (see :func:`_baseline`)."""
    tasks = {t.code: t for t in stored.tasks}
    for task in declared.tasks:
        if task.code not in tasks:
            tasks[task.code] = task
            continue
        indicators = {i.code: i for i in tasks[task.code].indicators}
        for i in task.indicators:
            old = indicators.get(i.code)
            indicators[i.code] = i if old is None else replace(
                old, level1=i.level1, level2=i.level2, name=i.name, target=i.target, direction=i.direction,
                unit=i.unit, target_basis=i.target_basis or old.target_basis,
                weight=old.weight if i.weight is None else i.weight)
        tasks[task.code] = replace(tasks[task.code], indicators=tuple(indicators.values()))
    return stored.with_changes(tasks=tuple(tasks.values()))


# --- target advice ------------------------------------------------------------------------------
def target_advice(*, department, year: int, name: str, unit: str = "", target: str = "", direction: str = "",
                  library: LibraryIndicator | None = None, pack_code: str = DEFAULT_PACK) -> Advice:
    """Advice for one indicator being set: own earlier years (same name), and comparable indicators of
    the region's other departments (same library indicator, or same name and unit)."""
    own_rows = (IndicatorRow.objects.filter(task__evaluation__department=department, task__evaluation__year__lt=year,
                                            name=name, task__evaluation__kind=EvaluationKind.DEPARTMENT.value)
                .values("task__evaluation__year", "target_text", "actual_text", "unit", "direction"))
    own = []
    for r in own_rows:
        try:
            actual = parse_value(r["actual_text"], unit=r["unit"])
            past_target = parse_value(r["target_text"], unit=r["unit"], target=True)
        except ValueParseError:
            continue
        own.append(PastValue(r["task__evaluation__year"], past_target, actual))
    names = {name}
    if library is not None:
        names |= set(library.rows.values_list("name", flat=True)) | {library.name}
    peer_rows = (IndicatorRow.objects.filter(task__evaluation__department__region=department.region, name__in=names,
                                             unit=unit or (library.unit if library else ""), actual_value__isnull=False,
                                             task__evaluation__year__lt=year)
                 .exclude(task__evaluation__department=department)
                 .values_list("task__evaluation__department__name", "task__evaluation__year", "actual_value"))
    peers = [PeerValue(d, y, v) for d, y, v in peer_rows]
    high = load_pack(pack_code).thresholds.get("target_history_high_ratio")
    return advise(target, direction=direction or None, unit=unit, year=year, own=own, peers=peers, high_ratio=high)


# --- the indicator library ----------------------------------------------------------------------
@transaction.atomic
def build_library(*, region, acting_user) -> tuple[int, int]:
    """Build (or refresh) the region's library from its stored indicators: one entry per name and unit,
    with the most common levels, direction and basis and the number of uses. Curated entries keep what
    the bureau wrote; only their count of uses changes. Returns (created, updated)."""
    if not (acting_user.is_superuser or region.pk in acting_user.reviewed_region_ids()):
        raise NotPermitted("只有本地区财政审核人才能维护指标库")
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in IndicatorRow.objects.filter(task__evaluation__department__region=region).values(
            "name", "unit", "level1", "level2", "direction", "target_basis"):
        groups[(r["name"].strip(), r["unit"].strip())].append(r)
    existing = {(e.name, e.unit): e for e in LibraryIndicator.objects.filter(region=region)}
    created = updated = 0
    for (name, unit), rows in groups.items():
        def common(key):
            values = Counter(r[key] for r in rows if r[key])
            return values.most_common(1)[0][0] if values else ""

        entry = existing.get((name, unit))
        if entry is None:
            LibraryIndicator.objects.create(region=region, name=name, unit=unit, level1=common("level1"),
                                            level2=common("level2"), direction=common("direction"),
                                            basis=common("target_basis")[:200], uses=len(rows))
            created += 1
        elif entry.uses != len(rows) or not entry.curated:
            entry.uses = len(rows)
            if not entry.curated:
                entry.level1, entry.level2 = common("level1"), common("level2")
                entry.direction, entry.basis = common("direction"), common("target_basis")[:200]
            entry.save()
            updated += 1
    record_event(actor=acting_user, verb=EventVerb.LIBRARY_EDIT, obj=region, reason="由已有数据生成指标库",
                 data={"created": created, "updated": updated})
    return created, updated


LIBRARY_FIELDS = ("name", "level1", "level2", "unit", "direction", "basis", "measurement", "retired")


@transaction.atomic
def curate_entry(*, entry: LibraryIndicator, acting_user, **changes) -> LibraryIndicator:
    """审定 an entry (the bureau): its definition as the region will use it."""
    if not LibraryIndicator.objects.for_user(acting_user, REVIEW).filter(pk=entry.pk).exists():
        raise NotPermitted("只有本地区财政审核人才能维护指标库")
    unknown = set(changes) - set(LIBRARY_FIELDS)
    if unknown:
        raise CycleRefused(f"未知的字段：{'、'.join(sorted(unknown))}")
    level1 = Level1.from_label(str(changes.get("level1", entry.level1)))
    level2 = Level2.from_label(str(changes.get("level2", entry.level2)))
    if level1 is None or level2 is None or level2.level1 is not level1:
        raise CycleRefused("一级指标与二级指标不匹配")
    before = {f: getattr(entry, f) for f in LIBRARY_FIELDS}
    for key, value in changes.items():
        setattr(entry, key, value)
    entry.level1, entry.level2, entry.curated = level1.value, level2.value, True
    entry.save()
    record_event(actor=acting_user, verb=EventVerb.LIBRARY_EDIT, obj=entry, reason="审定指标库条目",
                 data={k: [str(before[k]), str(getattr(entry, k))] for k in changes if before[k] != getattr(entry, k)})
    return entry


def library_row(entry: LibraryIndicator) -> dict:
    """What picking a library entry fills into a declaration row."""
    level1, level2 = Level1(entry.level1), Level2(entry.level2)
    direction = Direction(entry.direction) if entry.direction in Direction._value2member_map_ else None
    return {"level1": level1.label, "level2": level2.label, "name": entry.name, "unit": entry.unit,
            "direction": direction.label if direction else "", "basis": entry.basis, "library": entry.pk}
