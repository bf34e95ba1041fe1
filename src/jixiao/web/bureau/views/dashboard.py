"""区域看板: a region's year at a glance — submission status, grades and ranking, execution against
序时进度, error findings, self-score against rule score, year-over-year change, monitoring warnings —
as ECharts charts and Tabulator tables over one JSON payload, every table exportable to .xlsx.

Everything is aggregated in the database by :func:`jixiao.bureau.selectors.region_dashboard` (a fixed
number of queries); the view only shapes its rows for the page."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from jixiao.bureau.selectors import Dashboard, region_dashboard
from jixiao.domain.enums import EvaluationStatus, GradeBand
from jixiao.domain.numbers import round_half_up
from jixiao.web.bureau.common import default_year, reviewed_regions, reviewer_required, top_region
from jixiao.documents.tables import table_xlsx
from jixiao.web.bureau.export import xlsx_response

# The exportable tables: key → (title, the rows of the board it lists)
TABLES = {
    "departments": ("各部门自评情况", lambda board: board.rows),
    "ranking": ("得分排名", lambda board: board.ranking()),
    "lagging": ("执行进度落后于序时进度", lambda board: board.lagging()),
    "errors": ("有审核错误的部门", lambda board: board.with_errors()),
}
COLUMNS = (("rank", "排名"), ("department_code", "部门编码"), ("department_name", "预算部门"),
           ("region_name", "行政区划"), ("status", "状态"), ("score", "得分"), ("grade", "等级"),
           ("stated", "自评得分"), ("gap", "自评−规则"), ("last_score", "上年得分"), ("change", "同比变化"),
           ("budget", "全年预算数（万元）"), ("executed", "执行数（万元）"), ("execution_rate", "执行率（%）"),
           ("errors", "审核错误"), ("warnings", "审核警告"), ("red", "红灯预警"), ("yellow", "黄灯预警"))
LISTED = 20  # rows of the page's short lists (the whole list is in the table and its export)
CHANGE_BANDS = ((Decimal(-10), "下降 10 分以上"), (Decimal(-5), "下降 5–10 分"), (Decimal(0), "下降 0–5 分"),
                (Decimal(5), "上升 0–5 分"), (Decimal(10), "上升 5–10 分"), (None, "上升 10 分以上"))


def _pct(rate) -> Decimal | None:
    return None if rate is None else round_half_up(rate * 100, 2)


def row_values(row) -> dict:
    return {"rank": row.rank, "department_code": row.department_code, "department_name": row.department_name,
            "region_code": row.region_code, "region_name": row.region_name, "status": row.status_label,
            "status_code": row.status, "score": row.score, "grade": row.grade or "", "stated": row.stated,
            "gap": row.gap, "last_score": row.last_score, "change": row.change, "budget": row.budget,
            "executed": row.executed, "execution_rate": _pct(row.execution_rate), "errors": row.errors,
            "warnings": row.warnings, "red": row.red_warnings, "yellow": row.yellow_warnings,
            "evaluation_id": row.evaluation_id}


def _json_number(value):
    return None if value is None else float(value) if isinstance(value, Decimal) else value


def _change_band(change: Decimal) -> str:
    return next(label for limit, label in CHANGE_BANDS if limit is None or change < limit)


# The fields of a row the page's charts and table read (the export has them all).
PAGE_FIELDS = ("rank", "department_name", "region_name", "status", "score", "grade", "stated", "gap", "change",
               "execution_rate", "errors", "red", "evaluation_id")


def page_row(row) -> dict:
    """A row's :data:`PAGE_FIELDS` for the page (as :func:`row_values` has them, numbers as JSON numbers),
    computed alone: 2,000 rows of a province, on every view of the dashboard."""
    rate = row.execution_rate
    return {"rank": row.rank, "department_name": row.department_name, "region_name": row.region_name,
            "status": row.status_label, "score": _json_number(row.score), "grade": row.grade or "",
            "stated": _json_number(row.stated), "gap": _json_number(row.gap), "change": _json_number(row.change),
            "execution_rate": None if rate is None else float(round_half_up(rate * 100, 2)), "errors": row.errors,
            "red": row.red_warnings, "evaluation_id": row.evaluation_id}


def payload(board: Dashboard) -> dict:
    """What the charts and the tables read (numbers as JSON numbers for the charts)."""
    rows = [page_row(row) for row in board.rows]
    statuses = [{"code": s.value, "label": s.label, "count": board.status_counts.get(s.value, 0)}
                for s in EvaluationStatus]
    grades = [{"label": g.label, "code": g.value,
               "count": sum(n for label, n in board.grade_counts.items() if GradeBand.from_label(label) is g)}
              for g in GradeBand]
    changes = Counter(_change_band(row.change) for row in board.rows if row.change is not None)
    return {
        "year": board.year, "region": board.region.name, "time_progress": float(board.time_progress * 100),
        "rows": rows, "statuses": statuses, "not_started": board.not_started, "grades": grades,
        "ungraded": board.grade_counts.get("未评分", 0),
        "boxes": board.score_boxes(),
        "by_region": [{"code": r["code"], "name": r["name"], "evaluations": r["evaluations"],
                       "average": _json_number(round_half_up(r["average"], 2)) if r["average"] is not None else None,
                       "with_errors": r["with_errors"]} for r in board.by_region],
        "changes": [{"label": label, "count": changes.get(label, 0)} for _, label in CHANGE_BANDS],
        "warnings": board.warnings,
    }


def _board(request) -> Dashboard:
    region = top_region(request.user, request.GET.get("region", ""))
    if region is None:
        raise Http404("您没有审核的行政区划。")
    year = default_year(request.user, request.GET.get("year"))
    return region_dashboard(request.user, region, year)


@reviewer_required
def dashboard(request):
    board = _board(request)
    totals = board.totals
    return render(request, "web/bureau/dashboard.html", {
        "board": board, "payload": payload(board), "regions": reviewed_regions(request.user),
        "years": range(timezone.localdate().year, 2017, -1), "tables": TABLES,
        "execution_rate": _pct(round_half_up(totals["executed"] / totals["budget"], 4))
        if totals.get("budget") else None,
        "average": round_half_up(totals["average"], 2) if totals.get("average") is not None else None,
        "gap": round_half_up(totals["gap"], 2) if totals.get("gap") is not None else None,
        "time_progress": _pct(board.time_progress),
        "red": board.warnings.get("red", 0), "yellow": board.warnings.get("yellow", 0),
        "with_errors": board.with_errors()[:LISTED], "lagging": board.lagging()[:LISTED], "listed": LISTED,
    })


@reviewer_required
def export(request, table: str):
    """One of the dashboard's tables as .xlsx."""
    if table not in TABLES:
        raise Http404("没有这张表")
    board = _board(request)
    title, rows_of = TABLES[table]
    keys = [key for key, _ in COLUMNS]
    data = table_xlsx(title, [label for _, label in COLUMNS],
                      ([row_values(row)[key] for key in keys] for row in rows_of(board)))
    return xlsx_response(f"{board.region.name}-{board.year}年度-{title}.xlsx", data)
