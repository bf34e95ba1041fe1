"""What the API says about each thing: plain JSON, codes beside their Chinese labels, money and
scores as decimal strings (never floats)."""

from __future__ import annotations

from rest_framework import serializers

from jixiao.domain import workflow
from jixiao.evaluations.models import Evaluation, FundLine, Indicator, Project, Task
from jixiao.jobs.models import Job, JobKind


class EvaluationSerializer(serializers.ModelSerializer):
    department_code = serializers.CharField(source="department.code", read_only=True)
    department_name = serializers.CharField(source="department.name", read_only=True)
    region_code = serializers.CharField(source="department.region.code", read_only=True)
    region_name = serializers.CharField(source="department.region.name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    actions = serializers.SerializerMethodField(help_text="当前用户现在可以执行的审核流程操作（submit/return/accept/publish）")

    class Meta:
        model = Evaluation
        fields = ["id", "year", "kind", "kind_label", "project_code", "status", "status_label", "department_code",
                  "department_name", "region_code", "region_name", "rule_pack", "score_total", "score_grade",
                  "stated_total", "stated_grade", "scored_at", "updated_at", "actions"]
        read_only_fields = fields

    def get_actions(self, evaluation) -> list[str]:
        user = self.context["request"].user
        if not user.is_authenticated:
            return []
        return [t.action.value for t in workflow.available(evaluation.status, user.roles_on(evaluation.department))]


class FundLineSerializer(serializers.ModelSerializer):
    source_label = serializers.CharField(source="get_source_display", read_only=True)
    nature_label = serializers.CharField(source="get_nature_display", read_only=True)

    class Meta:
        model = FundLine
        fields = ["id", "source", "source_label", "nature", "nature_label", "initial_budget", "full_year_budget",
                  "executed", "carryover", "prior_year_carryover"]
        read_only_fields = fields


class ProjectSerializer(serializers.ModelSerializer):
    class Meta:
        model = Project
        fields = ["code", "name", "unit", "initial_budget", "budget", "executed", "prior_year_carryover",
                  "other_funds", "goal", "goal_result"]
        read_only_fields = fields


class TaskSerializer(serializers.ModelSerializer):
    projects = ProjectSerializer(many=True, read_only=True)

    class Meta:
        model = Task
        fields = ["id", "code", "name", "description", "responsible_unit", "funds", "summary", "projects"]
        read_only_fields = fields


class IndicatorSerializer(serializers.ModelSerializer):
    task_code = serializers.CharField(source="task.code", read_only=True)
    level1_label = serializers.CharField(source="get_level1_display", read_only=True)
    level2_label = serializers.CharField(source="get_level2_display", read_only=True)
    direction_label = serializers.CharField(source="get_direction_display", read_only=True)

    class Meta:
        model = Indicator
        fields = ["id", "task_code", "code", "level1", "level1_label", "level2", "level2_label", "name", "direction",
                  "direction_label", "unit", "target_text", "target_value", "actual_text", "actual_value", "weight",
                  "self_score", "score", "score_explanation", "deviation_reason", "improvement", "target_basis",
                  "applicable"]
        read_only_fields = fields


class FindingSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="稳定的审核意见代码，如 indicator.reason_missing")
    severity = serializers.CharField(help_text="错误 / 警告 / 提示")
    message = serializers.CharField()
    where = serializers.CharField(help_text="位置的中文说法，如 指标“会员企业满意率”（1-6）的偏差原因分析")
    location = serializers.DictField()
    evidence = serializers.DictField()


class ScoredItemSerializer(serializers.Serializer):
    path = serializers.ListField(child=serializers.CharField())
    indicator_code = serializers.CharField()
    target = serializers.CharField()
    actual = serializers.CharField()
    weight = serializers.DecimalField(max_digits=8, decimal_places=2)
    score = serializers.DecimalField(max_digits=8, decimal_places=2)
    self_score = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    met = serializers.BooleanField()
    explanation = serializers.CharField()


class AssessmentSerializer(serializers.Serializer):
    scored = serializers.BooleanField()
    reason = serializers.CharField(help_text="不能计分时的原因")
    rule_pack = serializers.CharField(allow_blank=True)
    total = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    grade = serializers.CharField(allow_blank=True)
    stated_total = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    execution = serializers.DictField(allow_null=True, help_text="预算执行率得分：rate, weight, score, explanation")
    items = ScoredItemSerializer(many=True)
    findings = FindingSerializer(many=True, help_text="计分说明与得分引出的审核意见")


class EventSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    actor = serializers.CharField()
    verb = serializers.CharField()
    verb_label = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    reason = serializers.CharField()


class TransitionSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="",
                                   help_text="退回时必填，会显示给部门")


class CommentSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    indicator_code = serializers.CharField(help_text="指标编号，如 1-5")
    indicator_name = serializers.CharField(read_only=True)
    author = serializers.CharField(read_only=True)
    text = serializers.CharField(help_text="批注内容（部门和本辖区财政审核人可见）")
    created_at = serializers.DateTimeField(read_only=True)


class CellProblemSerializer(serializers.Serializer):
    location = serializers.CharField(help_text="表!单元格，如 指标!F12")
    sheet = serializers.CharField()
    row = serializers.IntegerField(allow_null=True)
    column = serializers.CharField(allow_null=True)
    value = serializers.CharField()
    message = serializers.CharField()


class ImportRefusedSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = CellProblemSerializer(many=True)


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="自评工作簿（.xlsx）")
    allow_delete = serializers.BooleanField(
        default=False, help_text="确认删除：导入会删除已保存的行时须为 true（否则 409，deletions 列出将删除的行）")


class ImportedSerializer(serializers.Serializer):
    evaluation = EvaluationSerializer()
    counts = serializers.DictField(help_text="各表新增、修改、删除的行数")
    review_errors = serializers.ListField(child=serializers.CharField(),
                                          help_text="审核错误（如执行数超过预算数）：改正前不能提交")


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class JobSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    region_code = serializers.CharField(source="region.code", read_only=True)
    done = serializers.SerializerMethodField()
    percent = serializers.SerializerMethodField()
    seconds_left = serializers.SerializerMethodField()
    time_left = serializers.SerializerMethodField()
    download = serializers.SerializerMethodField()
    params = serializers.DictField(source="shown_params", read_only=True)

    class Meta:
        model = Job
        fields = ["id", "kind", "kind_label", "region_code", "year", "params", "status", "status_label", "total",
                  "done", "percent", "seconds_left", "time_left", "cancel_requested", "created_at", "started_at",
                  "finished_at", "result_name", "download", "error", "summary"]
        read_only_fields = fields

    def get_done(self, job) -> int:
        return job.progress().done

    def get_percent(self, job) -> int:
        return job.progress().percent

    def get_seconds_left(self, job) -> int | None:
        return job.progress().seconds_left

    def get_time_left(self, job) -> str:
        return job.progress().time_left

    def get_download(self, job) -> str | None:
        if not job.result:
            return None
        return self.context["request"].build_absolute_uri(f"/api/jobs/{job.pk}/download/")


class JobStartSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=JobKind.choices())
    region_code = serializers.CharField()
    year = serializers.IntegerField(required=False, allow_null=True, min_value=2000, max_value=2100)
    format = serializers.ChoiceField(choices=[("docx", "Word"), ("pdf", "PDF"), ("html", "网页")], required=False,
                                     default="docx", help_text="批量报告的格式")
    rule_pack = serializers.CharField(required=False, allow_blank=True, default="",
                                      help_text="重新评分：只处理使用该规则包的自评")
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    explain_all = serializers.BooleanField(required=False, default=False,
                                           help_text="重新评分：每份自评都重写评分说明和审核计数（得分不变时也重写）")
    date = serializers.DateField(required=False, allow_null=True, help_text="监控预警：按哪一天计算（默认今天）")
    archive = serializers.FileField(required=False, help_text="批量导入（系统管理员）：各部门自评工作簿打包的 .zip（multipart 上传）")
    allow_delete = serializers.BooleanField(required=False, default=False,
                                            help_text="批量导入：工作簿删去了已保存的行时仍导入")


class DashboardRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField(allow_null=True, help_text="得分排名（未评分为空）")
    evaluation_id = serializers.IntegerField()
    department_code = serializers.CharField()
    department_name = serializers.CharField()
    region_code = serializers.CharField()
    region_name = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    score = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    grade = serializers.CharField(allow_blank=True)
    stated = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True, help_text="自评得分（单位填报）")
    gap = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True, help_text="自评得分 − 规则得分")
    last_score = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    change = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True, help_text="较上年得分的变化")
    budget = serializers.DecimalField(max_digits=18, decimal_places=2, help_text="全年预算数（万元）")
    executed = serializers.DecimalField(max_digits=18, decimal_places=2, help_text="执行数（万元）")
    execution_rate = serializers.DecimalField(max_digits=8, decimal_places=4, allow_null=True, help_text="执行率（0–1）")
    errors = serializers.IntegerField(allow_null=True)
    warnings = serializers.IntegerField(allow_null=True)
    red_warnings = serializers.IntegerField()
    yellow_warnings = serializers.IntegerField()


class DashboardSerializer(serializers.Serializer):
    region_code = serializers.CharField(source="region.code")
    region_name = serializers.CharField(source="region.name")
    year = serializers.IntegerField()
    time_progress = serializers.DecimalField(max_digits=6, decimal_places=4, help_text="序时进度（0–1）")
    status_counts = serializers.DictField(child=serializers.IntegerField())
    not_started = serializers.IntegerField(help_text="未开始自评的部门数")
    grade_counts = serializers.DictField(child=serializers.IntegerField())
    warnings = serializers.DictField(child=serializers.IntegerField(), help_text="运行监控预警数（按颜色）")
    totals = serializers.DictField(help_text="自评份数、平均得分、有错误的份数、自评与规则得分平均差、预算与执行合计")
    by_region = serializers.ListField(child=serializers.DictField(), help_text="按下级行政区划的份数、平均得分、有错误的份数")
    rows = DashboardRowSerializer(many=True)
