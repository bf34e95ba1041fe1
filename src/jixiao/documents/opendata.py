"""Open data (公开数据): published evaluations as CSV and JSON, described by a ``datapackage.json``
(Frictionless Data, Data Package v1 with Table Schemas).

Resources:

- ``evaluations.csv``: one row per evaluation (department × year, or one project): funds totals,
  the rule score and grade, the department's stated score;
- ``indicators.csv``: one row per indicator, with the rule score and whether the target was met;
- ``funds.csv``: one row per fund line (source × nature);
- ``evaluations.json``: the same data nested, one object per evaluation, values exactly as stored.

Every row carries stable codes built from the codes of the data itself (``evaluation_id`` =
``<department code>:<year>:<kind>[:<project code>]``; ``indicator_id`` = ``<evaluation_id>:<indicator
code>``; enum columns carry the code beside the Chinese label), so the same evaluation exported
twice gives the same ids. Amounts are in 万元 with two places, rates are fractions. Text cells of
the CSV files that begin with ``=``, ``+``, ``-`` or ``@`` are prefixed with an apostrophe
(:func:`neutralise_formula`), so a spreadsheet never runs them; the JSON keeps the text unchanged.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from jixiao import __version__
from jixiao.domain.document import EvaluationDocument
from jixiao.domain.enums import EvaluationKind
from jixiao.domain.numbers import canonical, round_half_up
from jixiao.assessment import Assessment, assess

from jixiao.documents.workbook.cells import neutralise_formula

PACKAGE_NAME = "jixiao-performance-self-evaluations"
LICENSE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
           "title": "Creative Commons Attribution 4.0"}


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Table Schema type: string, number, integer, boolean
    title: str
    description: str = ""
    required: bool = False


_EVALUATION_ID = Field("evaluation_id", "string", "评价编号", "部门代码:年度:评价类型[:项目编码]，稳定不变", True)
_SCOPE = (
    Field("region_code", "string", "行政区划代码", required=True),
    Field("region_name", "string", "行政区划名称"),
    Field("department_code", "string", "部门代码", required=True),
    Field("department_name", "string", "部门名称"),
    Field("year", "integer", "年度", required=True),
)

EVALUATION_FIELDS = (_EVALUATION_ID, *_SCOPE,
    Field("kind", "string", "评价类型代码", "department 或 project"),
    Field("kind_label", "string", "评价类型"),
    Field("status", "string", "状态代码"),
    Field("rule_pack", "string", "评分规则包"),
    Field("budget_total", "number", "全年预算数（万元）"),
    Field("executed_total", "number", "执行数（万元）"),
    Field("execution_rate", "number", "预算执行率", "执行数 ÷ 全年预算数（小数，0.9974 即 99.74%）"),
    Field("score", "number", "得分", "按评分规则包计算的总分"),
    Field("grade", "string", "等级", "按评分规则包的等次"),
    Field("stated_score", "number", "自报得分", "部门自评报告中自报的总分"),
    Field("stated_grade", "string", "自报等级"),
    Field("indicator_count", "integer", "指标个数"),
    Field("scoring_note", "string", "计分说明", "不能计分时的原因"),
)

INDICATOR_FIELDS = (
    Field("indicator_id", "string", "指标编号", "评价编号:指标编码，稳定不变", True),
    _EVALUATION_ID, *_SCOPE,
    Field("task_code", "string", "任务编号"),
    Field("task_name", "string", "任务名称"),
    Field("indicator_code", "string", "指标编码", required=True),
    Field("level1", "string", "一级指标代码"),
    Field("level1_label", "string", "一级指标"),
    Field("level2", "string", "二级指标代码"),
    Field("level2_label", "string", "二级指标"),
    Field("name", "string", "三级指标"),
    Field("direction", "string", "指标性质代码", "ge、le、eq、qualitative"),
    Field("direction_label", "string", "指标性质"),
    Field("target", "string", "年度指标值（原文）"),
    Field("target_number", "number", "年度指标值（数值）"),
    Field("actual", "string", "实际完成值（原文）"),
    Field("actual_number", "number", "实际完成值（数值）"),
    Field("actual_grade", "string", "定性完成情况代码", "achieved、partial、not_achieved"),
    Field("unit", "string", "度量单位"),
    Field("weight", "number", "分值"),
    Field("score", "number", "得分", "按评分规则包计算"),
    Field("self_score", "number", "自评得分"),
    Field("met", "boolean", "是否达到目标"),
    Field("applicable", "boolean", "是否适用"),
    Field("deviation_reason", "string", "偏差原因分析"),
    Field("improvement", "string", "改进措施"),
    Field("target_basis", "string", "指标值确定依据"),
)

FUND_FIELDS = (
    Field("fund_id", "string", "资金编号", "评价编号:资金来源:支出性质[:序号]，稳定不变", True),
    _EVALUATION_ID, *_SCOPE,
    Field("source", "string", "资金来源代码"),
    Field("source_label", "string", "资金来源"),
    Field("nature", "string", "支出性质代码"),
    Field("nature_label", "string", "支出性质"),
    Field("initial_budget", "number", "年初预算数（万元）"),
    Field("full_year_budget", "number", "全年预算数（万元）"),
    Field("prior_year_carryover", "number", "其中：上年结转（万元）"),
    Field("executed", "number", "执行数（万元）"),
    Field("carryover", "number", "结转和结余（万元）"),
    Field("execution_rate", "number", "执行率"),
)

RESOURCES = (
    ("evaluations", "评价", "每个评价一行：部门、年度、资金合计、得分与等级。", EVALUATION_FIELDS, ("evaluation_id",)),
    ("indicators", "绩效指标", "每个绩效指标一行。", INDICATOR_FIELDS, ("indicator_id",)),
    ("funds", "资金", "每条资金（资金来源 × 支出性质）一行。", FUND_FIELDS, ("fund_id",)),
)


def evaluation_id(doc: EvaluationDocument) -> str:
    base = f"{doc.department_code}:{doc.year}:{doc.kind.value}"
    if doc.kind is EvaluationKind.PROJECT and doc.projects and doc.projects[0].code:
        base += f":{doc.projects[0].code}"
    return base


def open_data_tables(sources: Iterable[EvaluationDocument | Assessment]) -> tuple[dict[str, list[dict]], list[dict]]:
    """(rows per resource, nested JSON objects) for documents or their assessments (a document is
    assessed under its own pack)."""
    tables: dict[str, list[dict]] = {name: [] for name, *_ in RESOURCES}
    nested: list[dict] = []
    seen: set[str] = set()
    for source in sources:
        assessment = source if isinstance(source, Assessment) else assess(source)
        doc = assessment.document
        eid = evaluation_id(doc)
        if eid in seen:
            raise ValueError(f"评价“{eid}”重复出现")
        seen.add(eid)
        result, note = assessment.result, assessment.reason
        scope = {"region_code": doc.region_code, "region_name": doc.region_name, "department_code": doc.department_code,
                 "department_name": doc.department_name, "year": doc.year}
        evaluation = {
            "evaluation_id": eid, **scope, "kind": doc.kind.value, "kind_label": doc.kind.label,
            "status": doc.status.value, "rule_pack": doc.rule_pack, "budget_total": doc.budget_total,
            "executed_total": doc.executed_total, "execution_rate": _rate(doc.execution_rate),
            "score": result.total if result else None, "grade": result.grade if result else "",
            "stated_score": doc.self_total, "stated_grade": doc.self_grade, "indicator_count": len(doc.indicators),
            "scoring_note": note,
        }
        tables["evaluations"].append(evaluation)
        indicators = []
        for task in doc.tasks:
            for indicator in task.indicators:
                item = result.indicator(indicator.code) if result else None
                indicators.append({
                    "indicator_id": f"{eid}:{indicator.code}", "evaluation_id": eid, **scope,
                    "task_code": task.code, "task_name": task.name, "indicator_code": indicator.code,
                    "level1": indicator.level1.value, "level1_label": indicator.level1.label,
                    "level2": indicator.level2.value, "level2_label": indicator.level2.label, "name": indicator.name,
                    "direction": indicator.direction.value, "direction_label": indicator.direction.label,
                    "target": indicator.target.text, "target_number": indicator.target.number,
                    "actual": indicator.actual.text, "actual_number": indicator.actual.number,
                    "actual_grade": indicator.actual.grade.value if indicator.actual.grade else "",
                    "unit": indicator.unit, "weight": indicator.weight, "score": item.score if item else None,
                    "self_score": indicator.self_score, "met": item.met if item else None,
                    "applicable": indicator.applicable, "deviation_reason": indicator.deviation_reason,
                    "improvement": indicator.improvement, "target_basis": indicator.target_basis,
                })
        tables["indicators"].extend(indicators)
        funds = []
        counts: dict[str, int] = {}
        for line in doc.fund_lines:
            key = f"{eid}:{line.source.value}:{line.nature.value}"
            counts[key] = counts.get(key, 0) + 1
            funds.append({
                "fund_id": key if counts[key] == 1 else f"{key}:{counts[key]}", "evaluation_id": eid, **scope,
                "source": line.source.value, "source_label": line.source.label, "nature": line.nature.value,
                "nature_label": line.nature.label, "initial_budget": line.initial_budget,
                "full_year_budget": line.full_year_budget, "prior_year_carryover": line.prior_year_carryover,
                "executed": line.executed, "carryover": line.carryover, "execution_rate": _rate(line.execution_rate),
            })
        tables["funds"].extend(funds)
        nested.append({**{k: _json(v) for k, v in evaluation.items()},
                       "funds": [{k: _json(v) for k, v in row.items() if k not in scope and k != "evaluation_id"}
                                 for row in funds],
                       "indicators": [{k: _json(v) for k, v in row.items() if k not in scope and k != "evaluation_id"}
                                      for row in indicators]})
    return tables, nested


def datapackage(*, title: str = "预算绩效自评公开数据") -> dict:
    """The ``datapackage.json`` descriptor (Frictionless Data Package with Table Schemas)."""
    resources = []
    for name, resource_title, description, fields, key in RESOURCES:
        resources.append({
            "name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "title": resource_title,
            "description": description, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "dialect": {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True,
                        "lineTerminator": "\r\n"},
            "schema": {
                "fields": [{"name": f.name, "type": f.type, "title": f.title,
                            **({"description": f.description} if f.description else {}),
                            **({"constraints": {"required": True}} if f.required else {}),
                            **({"trueValues": ["true"], "falseValues": ["false"]} if f.type == "boolean" else {})}
                           for f in fields],
                "primaryKey": list(key),
                "missingValues": [""],
                **({"foreignKeys": [{"fields": ["evaluation_id"],
                                     "reference": {"resource": "evaluations", "fields": ["evaluation_id"]}}]}
                   if name != "evaluations" else {}),
            },
        })
    resources.append({"name": "evaluations-nested", "path": "evaluations.json", "profile": "data-resource",
                      "title": "评价（嵌套 JSON）", "format": "json", "mediatype": "application/json",
                      "encoding": "utf-8",
                      "description": "每个评价一个对象，含资金和指标；文本保持原样，数值为字符串形式的十进制数。"})
    return {
        "profile": "tabular-data-package", "name": PACKAGE_NAME, "title": title,
        "description": "部门（项目）支出绩效自评数据：评价、绩效指标、资金。金额单位万元；比率为小数。"
                       "CSV 中以 = + - @ 开头的文字前加了单引号以防公式注入，JSON 中为原文。",
        "licenses": [LICENSE], "sources": [{"title": f"jixiao {__version__}"}],
        "resources": resources,
    }


def write_open_data(sources, target, *,
                    title: str = "预算绩效自评公开数据") -> dict[str, int]:
    """Write the data package to ``target``: a folder, or a ``.zip`` path / binary file object.
    Returns the row count of each CSV resource."""
    files, counts = _build(sources, title)
    if isinstance(target, (str, Path)) and not str(target).endswith(".zip"):
        folder = Path(target)
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            (folder / name).write_bytes(content)
    else:
        with zipfile.ZipFile(str(target) if isinstance(target, (str, Path)) else target, "w",
                             zipfile.ZIP_DEFLATED) as package:
            for name, content in files.items():
                package.writestr(name, content)
    return counts


def open_data_files(sources, *,
                    title: str = "预算绩效自评公开数据") -> dict[str, bytes]:
    """File name → content of the data package (e.g. to serve or zip)."""
    return _build(sources, title)[0]


def _build(sources, title) -> tuple[dict[str, bytes], dict[str, int]]:
    return files_from_tables(*open_data_tables(sources), title=title)


def files_from_tables(tables: dict[str, list[dict]], nested: list[dict], *,
                      title: str = "预算绩效自评公开数据") -> tuple[dict[str, bytes], dict[str, int]]:
    """The package's files (and rows per resource) from tables made by :func:`open_data_tables`, also
    when those were made in parts (a batch job's chunks) and joined: rows as they were, or read back
    from JSON with :func:`tables_to_json` (numbers then come back as their canonical text)."""
    files = {"datapackage.json": _dumps(datapackage(title=title))}
    for name, _, _, fields, _ in RESOURCES:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([f.name for f in fields])
        for row in tables[name]:
            writer.writerow([_csv(row.get(f.name), f) for f in fields])
        # With a byte-order mark Excel and WPS open the Chinese text correctly on a double click;
        # UTF-8 readers (and Frictionless) skip it.
        files[f"{name}.csv"] = buffer.getvalue().encode("utf-8-sig")
    files["evaluations.json"] = _dumps(nested)
    return files, {name: len(rows) for name, rows in tables.items()}


def tables_to_json(tables: dict[str, list[dict]], nested: list[dict]) -> bytes:
    """Tables of :func:`open_data_tables` as JSON (decimals as canonical text), to join later."""
    return json.dumps({"tables": tables, "nested": nested}, ensure_ascii=False, default=_json).encode("utf-8")


def _rate(value: Decimal | None) -> Decimal | None:
    return None if value is None else round_half_up(value, 6)


def _csv(value, field: Field) -> str:
    if value is None:
        return ""
    if field.type == "boolean":
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(canonical(value), "f")
    if field.type in ("integer", "number"):
        return str(value)
    return neutralise_formula(str(value))


def _json(value):
    if isinstance(value, Decimal):
        return format(canonical(value), "f")
    return value


def _dumps(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
