"""The layout of the self-evaluation workbook (自评工作簿): its sheets, columns, headers and hints.

Defined once here and used by the writer (headers, widths, formats, drop-downs, input hints, the
说明 sheet) and by the reader (which finds columns by header text, so reordered or extra columns and
added title rows are accepted). Changing a header here changes both.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from jixiao.domain import limits
from jixiao.domain.enums import (
    AdjustmentKind,
    AdjustmentStatus,
    Direction,
    EvaluationKind,
    EvaluationStatus,
    FundNature,
    FundSource,
    LabeledEnum,
    Level1,
    Level2,
    WarningLevel,
)

FORMAT_VERSION = "1"


class Kind(Enum):
    """How a cell is written and read."""

    TEXT = "text"  # short free text
    LONG_TEXT = "long_text"  # paragraphs (wrapped)
    CODE = "code"  # identifiers: kept as text (a typed 1-1 must not turn into a date)
    MONEY = "money"  # 万元, two places
    NUMBER = "number"  # points and scores
    INTEGER = "integer"  # the year
    DATE = "date"
    CHOICE = "choice"  # one of a fixed list (an enum's labels)
    BOOL = "bool"  # 是 / 否
    VALUE = "value"  # an indicator value as written (≥4场, 91%, 效果明显): text, parsed on import
    UNIT = "unit"  # 度量单位: suggested list, any text accepted
    RATE = "rate"  # computed by a formula in the sheet; ignored on import


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: Kind
    width: float
    required: bool = False
    choices: type[LabeledEnum] | None = None
    hint: str = ""
    aliases: tuple[str, ...] = ()
    rate_of: tuple[str, str] = ()  # RATE: (numerator key, denominator key)


@dataclass(frozen=True)
class TableSheet:
    """A sheet holding one table: a header row, then one record per row."""

    name: str
    purpose: str
    columns: tuple[Column, ...]
    freeze_columns: int = 0

    def index(self, key: str) -> int:
        return self._positions[key]

    def column(self, key: str) -> Column:
        return self.columns[self._positions[key]]

    # Pure functions of the layout, worked out once per sheet rather than once per workbook read.
    @cached_property
    def _positions(self) -> dict[str, int]:
        # the first column of each key, as a scan from the left finds it
        return {column.key: index for index, column in reversed(tuple(enumerate(self.columns)))}

    @cached_property
    def header_keys(self) -> dict[str, str]:
        """Each header text and alias, as :func:`header_key` reads it → its column's key."""
        wanted: dict[str, str] = {}
        for column in self.columns:
            for text in (column.header,) + column.aliases:
                wanted.setdefault(header_key(text), column.key)
        return wanted


@dataclass(frozen=True)
class InfoField:
    """One row of the 基本信息 sheet (label in column A, value in column B)."""

    key: str
    label: str
    kind: Kind
    required: bool = False
    choices: type[LabeledEnum] | None = None
    hint: str = ""
    aliases: tuple[str, ...] = ()
    optional_row: bool = False  # the row may be missing (older workbooks, the blank template)
    read_only: bool = False  # information from the system: no drop-down; imports do not apply it


INSTRUCTIONS = "说明"
INFO = "基本信息"
UNITS = "单位"
FUNDS = "资金"
TASKS = "任务"
PROJECTS = "项目"
INDICATORS = "指标"
MONITORING = "监控"
ADJUSTMENTS = "调整"
FACTS = "评价要点"
SECTIONS = "报告"
LISTS = "选项"  # hidden: the drop-down lists (二级指标 by 一级指标)

YES, NO = "是", "否"

COMMON_UNITS = ("场", "场次", "次", "人", "人次", "名", "个", "家", "项", "件", "户", "所", "篇", "期", "份",
                "天", "个月", "%", "‰", "万元", "元", "公里", "平方米", "吨")

INFO_FIELDS: tuple[InfoField, ...] = (
    InfoField("region_code", "行政区划代码", Kind.CODE, True, hint="如 440112（黄埔区）"),
    InfoField("region_name", "行政区划名称", Kind.TEXT, hint="如 广州市黄埔区"),
    InfoField("department_code", "部门代码", Kind.CODE, True, hint="预算部门编码；再次导入时按部门代码和年度更新同一评价"),
    InfoField("department_name", "部门名称", Kind.TEXT, True, hint="预算部门全称"),
    InfoField("self_name", "报告中的自称", Kind.TEXT, hint="报告中对本部门的称呼，如 本会、本局；留空为“本部门”"),
    InfoField("year", "年度", Kind.INTEGER, True, hint="评价的预算年度，如 2022"),
    InfoField("kind", "评价类型", Kind.CHOICE, choices=EvaluationKind, hint="部门整体支出绩效自评 或 项目支出绩效自评"),
    InfoField("rule_pack", "评分规则", Kind.CODE, hint="规则包代码，如 gd-2022-department（部门整体）、mof-2020-project（项目支出）；"
              "留空时不计分，评分时再指定"),
    InfoField("status", "状态", Kind.CHOICE, choices=EvaluationStatus, optional_row=True, read_only=True,
              hint="只读：导出时的状态；状态只能通过提交、审核、公开改变，导入时不读此格"),
    InfoField("self_total", "自评总分", Kind.NUMBER, hint="部门自报的总分（如 95.91）；系统另行按规则计算得分"),
    InfoField("self_grade", "自评等级", Kind.TEXT, hint="部门自报的等级（优、良、中、差）"),
    InfoField("stamp", "导出版本", Kind.CODE, optional_row=True,
              hint="系统导出时填写，请勿修改：导入时据此只写入您改动的单元格，并保留他人在导出后所做的修改"),
)

_MONEY_HINT = "单位：万元，保留两位小数"

UNIT_SHEET = TableSheet(UNITS, "本部门及所属单位（部门本身也列为一个单位）。", (
    Column("code", "单位代码", Kind.CODE, 18),
    Column("name", "单位名称", Kind.TEXT, 36, required=True),
    Column("duties", "主要职责", Kind.LONG_TEXT, 80),
))

FUND_SHEET = TableSheet(FUNDS, "资金按来源和支出性质逐行填写，金额单位为万元；执行率自动计算。", (
    Column("source", "资金来源", Kind.CHOICE, 26, True, FundSource, "从下拉列表选择资金来源"),
    Column("nature", "支出性质", Kind.CHOICE, 12, True, FundNature, "基本支出 或 项目支出"),
    Column("initial_budget", "年初预算数（万元）", Kind.MONEY, 16, hint=_MONEY_HINT),
    Column("full_year_budget", "全年预算数（万元）", Kind.MONEY, 16, hint="调整后的全年预算数，含上年结转；单位：万元"),
    Column("prior_year_carryover", "其中：上年结转（万元）", Kind.MONEY, 16, hint="全年预算数中的上年结转资金；单位：万元"),
    Column("executed", "执行数（万元）", Kind.MONEY, 16, hint=_MONEY_HINT),
    Column("carryover", "结转结余（万元）", Kind.MONEY, 16, hint="年末结转和结余；单位：万元"),
    Column("execution_rate", "执行率（自动）", Kind.RATE, 12, rate_of=("executed", "full_year_budget")),
))

TASK_SHEET = TableSheet(TASKS, "部门年度工作任务（任务1、任务2…），指标和项目按任务编号归属。", (
    Column("code", "任务编号", Kind.CODE, 10, True, hint="如 1、2、3；指标和项目表按此编号归属到任务"),
    Column("name", "任务名称", Kind.TEXT, 30, True),
    Column("responsible_unit", "主要实施单位", Kind.TEXT, 24),
    Column("funds", "涉及资金（万元）", Kind.MONEY, 14, hint=_MONEY_HINT),
    Column("description", "任务内容", Kind.LONG_TEXT, 60),
    Column("summary", "绩效目标完成情况", Kind.LONG_TEXT, 60),
), freeze_columns=2)

PROJECT_SHEET = TableSheet(PROJECTS, "项目支出：每个项目一行，按任务编号归属；金额单位为万元。", (
    Column("task", "任务编号", Kind.CODE, 10, True, hint="项目所属任务的编号（见“任务”表）"),
    Column("code", "项目编码", Kind.CODE, 24),
    Column("name", "项目名称", Kind.TEXT, 30, True),
    Column("unit", "实施单位", Kind.TEXT, 24),
    Column("initial_budget", "年初预算数（万元）", Kind.MONEY, 14, hint=_MONEY_HINT),
    Column("budget", "全年预算数（万元）", Kind.MONEY, 14, hint="调整后的全年预算数，含上年结转；单位：万元"),
    Column("prior_year_carryover", "其中：上年结转资金（万元）", Kind.MONEY, 14, hint=_MONEY_HINT),
    Column("other_funds", "其中：其他资金（万元）", Kind.MONEY, 14, hint=_MONEY_HINT),
    Column("executed", "全年执行数（万元）", Kind.MONEY, 14, hint=_MONEY_HINT),
    Column("execution_rate", "执行率（自动）", Kind.RATE, 10, rate_of=("executed", "budget")),
    Column("goal", "年度总体目标", Kind.LONG_TEXT, 40),
    Column("goal_result", "实际完成情况", Kind.LONG_TEXT, 40),
), freeze_columns=3)

INDICATOR_SHEET = TableSheet(INDICATORS, "绩效指标：每个三级指标一行，按任务编号归属。", (
    Column("task", "任务编号", Kind.CODE, 9, True, hint="指标所属任务的编号（见“任务”表）"),
    Column("level1", "一级指标", Kind.CHOICE, 12, True, Level1, "产出指标、效益指标 或 满意度指标"),
    Column("level2", "二级指标", Kind.CHOICE, 18, True, Level2, "须属于所选一级指标，如 产出指标→数量指标"),
    Column("name", "三级指标", Kind.TEXT, 32, True, aliases=("指标名称",)),
    Column("direction", "指标性质", Kind.CHOICE, 9, choices=Direction,
           hint="≥ 越大越好；≤ 越小越好；= 等于；定性 用文字评价。留空时按年度指标值中的符号判断"),
    Column("target", "年度指标值", Kind.VALUE, 14, hint="如 ≥4场、≤90万元、100%、有效发挥；符号和单位也可分列填写",
           aliases=("指标值", "年度目标值")),
    Column("unit", "度量单位", Kind.UNIT, 9, hint="如 场、人次、%、万元；可从列表选择或直接填写", aliases=("计量单位", "单位")),
    Column("actual", "实际完成值", Kind.VALUE, 14, hint="如 4场、91%；定性指标填 达成年度指标 / 部分达成 / 未达成 或描述"),
    Column("weight", "分值", Kind.NUMBER, 7, hint="该指标的分值（权重）"),
    Column("self_score", "自评得分", Kind.NUMBER, 9, hint="定性指标由单位在分档内自评的得分；定量指标可留空由系统计算"),
    Column("deviation_reason", "偏差原因分析", Kind.LONG_TEXT, 36, hint="未完成或偏离目标较大时必须说明原因"),
    Column("improvement", "改进措施", Kind.LONG_TEXT, 30),
    Column("target_basis", "指标值确定依据", Kind.TEXT, 22, hint="计划标准、行业标准、历史标准或其他标准，并写明出处"),
    Column("applicable", "是否适用", Kind.BOOL, 9, hint="不适用的指标填“否”，评分时剔除；留空为“是”"),
    Column("code", "指标编码", Kind.CODE, 10, hint="唯一编码，如 1-1；留空时按“任务编号-序号”自动生成；监控表按此编码引用"),
), freeze_columns=4)

MONITORING_SHEET = TableSheet(MONITORING, "运行监控：某日某指标（或资金）的完成情况与全年预计。", (
    Column("as_of", "监控日期", Kind.DATE, 12, True, hint="如 2022-07-31"),
    Column("indicator", "指标编码", Kind.CODE, 10, hint="“指标”表中的指标编码；留空表示资金执行情况"),
    Column("value", "已完成值", Kind.VALUE, 14),
    Column("executed", "已执行资金（万元）", Kind.MONEY, 16, hint=_MONEY_HINT),
    Column("projected", "全年预计完成", Kind.VALUE, 14),
    Column("warning", "预警等级", Kind.CHOICE, 10, choices=WarningLevel, hint="绿灯、黄灯 或 红灯"),
    Column("likelihood", "完成目标可能性", Kind.TEXT, 14, hint="确定能、有可能 或 完全不可能"),
    Column("reason", "偏差原因", Kind.LONG_TEXT, 36),
    Column("note", "备注", Kind.TEXT, 24),
))

ADJUSTMENT_SHEET = TableSheet(ADJUSTMENTS, "年度中绩效目标或预算的调整申请及审批情况。", (
    Column("kind", "调整类型", Kind.CHOICE, 14, True, AdjustmentKind),
    Column("subject", "调整对象", Kind.TEXT, 20, True, hint="指标编码，或资金、项目名称"),
    Column("before", "调整前", Kind.VALUE, 14),
    Column("after", "调整后", Kind.VALUE, 14),
    Column("reason", "调整原因", Kind.LONG_TEXT, 36),
    Column("status", "审批状态", Kind.CHOICE, 10, choices=AdjustmentStatus),
    Column("requested_on", "申请日期", Kind.DATE, 12),
    Column("decided_on", "审批日期", Kind.DATE, 12),
))

FACT_SHEET = TableSheet(FACTS, "评分规则中管理类要点的答复：每个要点一行，取值填“是”“否”“不适用”或数值（如 在职人员控制率 103.5%）。", (
    Column("key", "评价要点", Kind.TEXT, 28, True, aliases=("要点代码",),
           hint="评分规则中的要点名称（如 管理制度健全性），导出的工作簿已列出全部要点"),
    Column("value", "取值", Kind.TEXT, 12),
    Column("note", "说明", Kind.LONG_TEXT, 50),
))

SECTION_SHEET = TableSheet(SECTIONS, "自评报告的各章节正文；“人工编辑”为“是”的章节，重新生成报告时不会被覆盖。", (
    Column("key", "章节代码", Kind.CODE, 22, True),
    Column("title", "标题", Kind.TEXT, 26),
    Column("text", "正文", Kind.LONG_TEXT, 100),
    Column("edited", "人工编辑", Kind.BOOL, 9),
))

TABLE_SHEETS: tuple[TableSheet, ...] = (
    UNIT_SHEET, FUND_SHEET, TASK_SHEET, PROJECT_SHEET, INDICATOR_SHEET, MONITORING_SHEET, ADJUSTMENT_SHEET,
    FACT_SHEET, SECTION_SHEET,
)
SHEET_ORDER: tuple[str, ...] = (INSTRUCTIONS, INFO) + tuple(sheet.name for sheet in TABLE_SHEETS)

# Excel stores at most this many characters in one cell (and so may any long text of the document).
MAX_CELL_TEXT = limits.MAX_CELL_TEXT

_BRACKETED = re.compile(r"[（(][^）)]*[）)]")
_NOISE = re.compile(r"[\s*＊:：]")


def header_key(text) -> str:
    """Normalise a header for matching: full-width folded, units in brackets, spaces, ``*`` and
    colons dropped (``年初预算数 (万元)*`` → ``年初预算数``)."""
    text = unicodedata.normalize("NFKC", str(text or ""))
    return _NOISE.sub("", _BRACKETED.sub("", text))


HEADER_SEARCH_ROWS = 10  # title rows people put above a table's header


def find_header(spec: TableSheet, rows: list[list]) -> tuple[int, dict[str, int]]:
    """The header row of a table sheet (0-based, -1 when none) and the column of each field found in
    it, matching header texts and aliases, so reordered columns and title rows above are followed."""
    wanted = spec.header_keys
    best_row, best = -1, {}
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        for col, value in enumerate(row):
            key = wanted.get(header_key(value)) if isinstance(value, str) else None
            if key and key not in found:
                found[key] = col
        if len(found) > len(best):
            best_row, best = index, found
            if len(best) == len(spec.columns):  # every column found: no row below can find more
                break
    return best_row, best


def instructions() -> list[tuple[str, str]]:
    """The 说明 sheet: (heading, text) rows, generated from the layout so they never drift."""
    rows = [
        ("jixiao 自评工作簿", f"格式版本 {FORMAT_VERSION}。本工作簿是部门绩效自评的交换文件：可在 Excel 或 WPS 中填写，"
                             "由 jixiao 导入、评分、检查并生成报告；导出的工作簿与导入的格式完全相同。"),
        ("填写要求", "表头不要修改；每个工作表第一行为表头，从第二行起每行一条记录。带 * 的为必填项（见各表说明）。"
                 "金额单位统一为万元。下拉列表中的选项请直接选择；其他内容按提示填写。"),
        ("导入检查", "导入前会检查全部工作表，发现的问题一次列出（如 指标!F12：“≥约30场”无法识别为数值），"
                 "全部改正后才会写入，不会只导入一部分。"),
        (INFO, "每行一项：A 列为项目，B 列填写内容。" + "；".join(
            f"{field.label}{'*' if field.required else ''}：{field.hint}" for field in INFO_FIELDS if field.hint)),
    ]
    for sheet in TABLE_SHEETS:
        columns = "；".join(
            f"{column.header}{'*' if column.required else ''}" + (f"：{column.hint}" if column.hint else "")
            for column in sheet.columns)
        rows.append((sheet.name, f"{sheet.purpose}列：{columns}。"))
    return rows


def fact_items(pack_name: str):
    """The facts a pack asks for (none for an unknown pack)."""
    from jixiao.rules import RulePackError, load_pack

    if not pack_name:
        return ()
    try:
        return load_pack(pack_name).fact_items()
    except RulePackError:
        return ()
