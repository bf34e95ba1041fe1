"""Enumerations of the domain, each carrying its Chinese label (and colour where it has one).

Defined once here; the Django shell derives its model choices from these classes
(``jixiao.common.choices``), so a label is never written twice.
"""

from __future__ import annotations

from enum import Enum


class LabeledEnum(str, Enum):
    """A string enum whose members carry a Chinese display label."""

    def __new__(cls, value: str, label: str, *extra: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label  # type: ignore[attr-defined]
        member.extra = extra  # type: ignore[attr-defined]
        return member

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]

    @property
    def colour(self) -> str:
        """The display colour of a member whose enum carries colours (``#rrggbb``), else ``""``.
        Colours are defined here once; the site's stylesheet of choices is generated from them."""
        return next((item for item in self.extra if item.startswith("#")), "")

    @classmethod
    def from_label(cls, text: str):
        """Find a member by its value or its Chinese label (or a short alias), else ``None``."""
        text = (text or "").strip()
        for m in cls:
            if text in (m.value, m.label) or text in m.extra:
                return m
        return None


class Level1(LabeledEnum):
    """一级指标: the first level of the indicator taxonomy."""

    OUTPUT = "output", "产出指标", "产出"
    BENEFIT = "benefit", "效益指标", "效益", "效果指标", "效果"
    SATISFACTION = "satisfaction", "满意度指标", "满意度"


class Level2(LabeledEnum):
    """二级指标, each belonging to exactly one level 1 (``level1``)."""

    QUANTITY = "quantity", "数量指标", "数量"
    QUALITY = "quality", "质量指标", "质量"
    TIMELINESS = "timeliness", "时效指标", "时效"
    COST = "cost", "成本指标", "成本"
    ECONOMIC = "economic", "经济效益指标", "经济效益", "经济效益指标", "经济"
    SOCIAL = "social", "社会效益指标", "社会效益", "社会"
    ECOLOGICAL = "ecological", "生态效益指标", "生态效益", "生态"
    SUSTAINABLE = "sustainable", "可持续影响指标", "可持续影响", "可持续"
    SATISFACTION = "satisfaction", "服务对象满意度指标", "服务对象满意度", "满意度"

    @property
    def level1(self) -> Level1:
        return LEVEL2_PARENT[self]


LEVEL2_PARENT: dict[Level2, Level1] = {
    Level2.QUANTITY: Level1.OUTPUT,
    Level2.QUALITY: Level1.OUTPUT,
    Level2.TIMELINESS: Level1.OUTPUT,
    Level2.COST: Level1.OUTPUT,
    Level2.ECONOMIC: Level1.BENEFIT,
    Level2.SOCIAL: Level1.BENEFIT,
    Level2.ECOLOGICAL: Level1.BENEFIT,
    Level2.SUSTAINABLE: Level1.BENEFIT,
    Level2.SATISFACTION: Level1.SATISFACTION,
}


class Direction(LabeledEnum):
    """指标性质: how an actual value is compared with its target."""

    GE = "ge", "≥", "正向", ">=", "≧", ">"
    LE = "le", "≤", "反向", "<=", "≦", "<"
    EQ = "eq", "=", "等于", "＝", "═"
    QUALITATIVE = "qualitative", "定性"


class QualitativeGrade(LabeledEnum):
    """Completion band of a qualitative (定性) indicator."""

    ACHIEVED = "achieved", "达成年度指标", "达成", "达成预期指标"
    PARTIAL = "partial", "部分达成年度指标并具有一定效果", "部分达成"
    NOT_ACHIEVED = "not_achieved", "未达成年度指标且效果较差", "未达成"


class EvaluationKind(LabeledEnum):
    """Kind of self-evaluation (自评): department overall or one project."""

    DEPARTMENT = "department", "部门整体支出绩效自评", "部门整体"
    PROJECT = "project", "项目支出绩效自评", "项目"


class EvaluationStatus(LabeledEnum):
    """Workflow status of an evaluation: 编制 → 已提交 → 已审核/退回 → 已公开 (colour last)."""

    DRAFT = "draft", "编制中", "编制", "#616e7c"
    SUBMITTED = "submitted", "已提交", "#1e429f"
    ACCEPTED = "accepted", "已审核", "#723b13"
    RETURNED = "returned", "已退回", "退回", "#9b1c1c"
    PUBLISHED = "published", "已公开", "#03543f"


class GradeBand(LabeledEnum):
    """等级 (优 / 良 / 中 / 差), by the grade codes rule packs use; the colour shows it on pages."""

    EXCELLENT = "excellent", "优", "优秀", "#2e7d32"
    GOOD = "good", "良", "良好", "#1565c0"
    FAIR = "fair", "中", "中等", "#ef6c00"
    POOR = "poor", "差", "较差", "#c62828"


class FundSource(LabeledEnum):
    """资金来源."""

    GENERAL_BUDGET = "general_budget", "一般公共预算财政拨款"
    GOVERNMENT_FUND = "government_fund", "政府性基金预算财政拨款"
    STATE_CAPITAL = "state_capital", "国有资本经营预算财政拨款"
    OTHER = "other", "其他资金"


class FundNature(LabeledEnum):
    """支出性质: basic (基本支出) or project (项目支出) expenditure."""

    BASIC = "basic", "基本支出"
    PROJECT = "project", "项目支出"


class WarningLevel(LabeledEnum):
    """预警等级 of a monitoring snapshot, with its display colour."""

    GREEN = "green", "绿灯", "#2e7d32"
    YELLOW = "yellow", "黄灯", "#f9a825"
    RED = "red", "红灯", "#c62828"


class Role(LabeledEnum):
    """Roles of users (用户角色)."""

    DEPARTMENT_STAFF = "department_staff", "单位填报人"
    DEPARTMENT_APPROVER = "department_approver", "单位负责人"
    FINANCE_REVIEWER = "finance_reviewer", "财政审核人"


class AdjustmentKind(LabeledEnum):
    """调整: what a requested change concerns."""

    TARGET = "target", "绩效目标调整"
    BUDGET = "budget", "预算调整"


class EventVerb(LabeledEnum):
    """操作: what an event row (操作记录) records; one member for each kind of state change."""

    IMPORT = "import", "导入"
    LOAD = "load", "载入演示数据"
    EDIT = "edit", "修改"
    RESCORE = "rescore", "重新评分"
    SUBMIT = "submit", "提交"
    RETURN = "return", "退回"
    ACCEPT = "accept", "审核通过"
    PUBLISH = "publish", "公开"
    UPLOAD = "upload", "上传"
    DOWNLOAD = "download", "下载"
    JOB_START = "job_start", "启动后台任务"
    JOB_CANCEL = "job_cancel", "取消后台任务"
    ACCOUNT_CREATE = "account_create", "创建账号"
    ROLE_GRANT = "role_grant", "授予角色"
    ROLE_REVOKE = "role_revoke", "撤销角色"
    PASSWORD_RESET = "password_reset", "重置密码"
    DEADLINE_SET = "deadline_set", "设置截止日期"
    ADMIN_EDIT = "admin_edit", "后台修改"
    COMMENT = "comment", "指标批注"
    ROUND_OPEN = "round_open", "发布监控轮次"
    MONITOR = "monitor", "填报运行监控"
    WARNING = "warning", "预警变化"
    ESCALATE = "escalate", "预警升级"
    ADJUST_REQUEST = "adjust_request", "申请调整"
    ADJUST_APPROVE = "adjust_approve", "批准调整"
    ADJUST_REJECT = "adjust_reject", "不予调整"
    RECTIFY_ISSUE = "rectify_issue", "下达整改要求"
    RECTIFY_REPLY = "rectify_reply", "整改反馈"
    RECTIFY_CONFIRM = "rectify_confirm", "整改验收"
    RECTIFY_RETURN = "rectify_return", "整改退回"
    TARGET_DECLARE = "target_declare", "申报绩效目标"
    TARGET_APPROVE = "target_approve", "绩效目标审核通过"
    TARGET_RETURN = "target_return", "绩效目标退回"
    LIBRARY_EDIT = "library_edit", "维护指标库"


class AdjustmentStatus(LabeledEnum):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "未批准"
