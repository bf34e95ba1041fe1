"""API views: thin. They read through the querysets' ``for_user(user, action)`` (the same scope as the
pages), call the use cases for what is computed and the services for what changes, and say refusals
as JSON with a Chinese ``detail``."""

from __future__ import annotations

import hashlib

import django_filters
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from jixiao.api import serializers as s
from jixiao.documents.registry import report_form
from jixiao.domain.findings import describe
from jixiao.domain import workflow
from jixiao.domain.workflow import Action
from jixiao.evaluations import services
from jixiao.evaluations.models import Evaluation, FundLine, Indicator, Task
from jixiao.evaluations.selectors import earlier_documents
from jixiao.evaluations.store import document_for
from jixiao.events.models import Event
from jixiao.jobs import services as job_services
from jixiao.jobs.models import Job, JobKind, result_content_type
from jixiao.jobs.selectors import jobs_for
from jixiao.orgs.models import Region

FILE = OpenApiResponse(OpenApiTypes.BINARY, description="文件")
REFUSED = OpenApiResponse(s.ErrorSerializer, description="拒绝（原因见 detail）")


def finding_json(finding) -> dict:
    return {**finding.to_json(), "where": describe(finding.location)}


def file_response(produced) -> HttpResponse:
    response = HttpResponse(produced.data, content_type=produced.content_type)
    response["Content-Disposition"] = _disposition(produced.name)
    return response


def _disposition(name: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename*=UTF-8''{quote(name)}"


class EvaluationFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter()
    status = django_filters.CharFilter()
    kind = django_filters.CharFilter()
    department = django_filters.CharFilter(field_name="department__code", label="部门编码")
    region = django_filters.CharFilter(field_name="department__region__code", label="行政区划代码")
    grade = django_filters.CharFilter(field_name="score_grade", label="等级（规则计算）")

    class Meta:
        model = Evaluation
        fields = ["year", "status", "kind", "department", "region", "grade"]


def _member(user, evaluation) -> bool:
    """Review findings are for the department's people and its reviewers, not for the public."""
    return user.is_authenticated and (user.is_superuser or bool(user.roles_on(evaluation.department)))


@extend_schema_view(list=extend_schema(summary="绩效自评列表（按权限范围）"), retrieve=extend_schema(summary="一份绩效自评"))
class EvaluationViewSet(viewsets.ReadOnlyModelViewSet):
    """绩效自评: the evaluations the caller may see (published ones for everybody)."""

    serializer_class = s.EvaluationSerializer
    filterset_class = EvaluationFilter
    ordering_fields = ["year", "score_total", "department__code", "updated_at"]
    ordering = ["-year", "department__code"]

    def get_queryset(self):
        return Evaluation.objects.for_user(self.request.user).select_related("department__region")

    def _document(self):
        return document_for(self.get_object())

    def _part(self, model, *, related=()):
        evaluation = self.get_object()
        rows = model.objects.for_user(self.request.user)
        rows = rows.filter(**{rows.evaluation_path: evaluation})
        return rows.select_related(*related) if related else rows

    @extend_schema(summary="资金", responses=s.FundLineSerializer(many=True))
    @action(detail=True, pagination_class=None)
    def funds(self, request, pk=None):
        rows = self._part(FundLine)
        return Response(s.FundLineSerializer(rows, many=True).data)

    @extend_schema(summary="工作任务（含项目）", responses=s.TaskSerializer(many=True))
    @action(detail=True, pagination_class=None)
    def tasks(self, request, pk=None):
        rows = self._part(Task).prefetch_related("projects")
        return Response(s.TaskSerializer(rows, many=True).data)

    @extend_schema(summary="绩效指标", responses=s.IndicatorSerializer(many=True),
                   parameters=[OpenApiParameter("level1", str, description="一级指标代码（output/benefit/satisfaction）")])
    @action(detail=True)
    def indicators(self, request, pk=None):
        rows = self._part(Indicator, related=("task",))
        if request.query_params.get("level1"):
            rows = rows.filter(level1=request.query_params["level1"])
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(s.IndicatorSerializer(page, many=True).data)

    @extend_schema(summary="评分结果与每一分的说明", responses=s.AssessmentSerializer)
    @action(detail=True, pagination_class=None)
    def assessment(self, request, pk=None):
        from jixiao.usecases.scoring import score

        evaluation = self.get_object()
        scored = score(document_for(evaluation))
        result = scored.assessment.result
        execution = result.to_json()["execution"] if result else None
        return Response({
            "scored": result is not None, "reason": scored.assessment.reason,
            "rule_pack": result.rules if result else evaluation.rule_pack,
            "total": str(result.total) if result else None, "grade": result.grade if result else "",
            "stated_total": evaluation.stated_total, "execution": execution,
            "items": [{"path": list(i.path), "indicator_code": i.indicator_code or i.leaf_key, "target": i.target,
                       "actual": i.actual, "weight": i.weight, "score": i.score, "self_score": i.self_score,
                       "met": i.met, "explanation": i.explanation} for i in (result.items if result else ())],
            "findings": [finding_json(f) for f in scored.findings],
        })

    @extend_schema(summary="审核意见（错误在前）", responses={200: s.FindingSerializer(many=True), 403: REFUSED})
    @action(detail=True, pagination_class=None)
    def findings(self, request, pk=None):
        from jixiao.usecases.review import review_document

        evaluation = self.get_object()
        if not _member(request.user, evaluation):
            raise PermissionDenied("审核意见仅供本部门和本辖区财政审核人查看")
        findings = review_document(document_for(evaluation), history=earlier_documents(evaluation))
        return Response([finding_json(f) for f in findings])

    @extend_schema(summary="操作记录（时间线）", responses={200: s.EventSerializer(many=True), 403: REFUSED})
    @action(detail=True, pagination_class=None)
    def events(self, request, pk=None):
        evaluation = self.get_object()
        if not _member(request.user, evaluation):
            raise PermissionDenied("操作记录仅供本部门和本辖区财政审核人查看")
        rows = (Event.objects.for_user(request.user).filter(evaluation=evaluation).select_related("actor")
                .order_by("at", "id"))
        return Response([{"at": e.at, "actor": str(e.actor or "系统"), "verb": e.verb, "verb_label": e.get_verb_display(),
                          "from_state": e.from_state, "to_state": e.to_state, "reason": e.reason} for e in rows])

    @extend_schema(summary="下载自评报告", responses={(200, "application/octet-stream"): FILE},
                   parameters=[OpenApiParameter("format", str, enum=["docx", "pdf", "html"], default="docx")])
    @action(detail=True, pagination_class=None)
    def report(self, request, pk=None):
        from jixiao.documents.registry import UnsupportedFile
        from jixiao.usecases.reports import produce_report

        try:
            fmt = report_form(request.query_params.get("format", "docx")).key
        except UnsupportedFile as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        return file_response(produce_report(self._document(), fmt))

    @extend_schema(summary="下载自评工作簿（.xlsx）", responses={(200, "application/octet-stream"): FILE})
    @action(detail=True, pagination_class=None)
    def workbook(self, request, pk=None):
        from jixiao.usecases.workbooks import export_document

        evaluation = self.get_object()
        if not _member(request.user, evaluation):  # the public reads it; only members import it back
            return file_response(export_document(document_for(evaluation), ".xlsx"))
        document, stamp = services.record_export(evaluation=evaluation, acting_user=request.user)
        return file_response(export_document(document, ".xlsx", stamp=stamp))

    @extend_schema(methods=["get"], summary="指标批注（部门和本辖区财政审核人）",
                   responses={200: s.CommentSerializer(many=True), 403: REFUSED},
                   parameters=[OpenApiParameter("indicator", str, description="只列出该指标编号的批注")])
    @extend_schema(methods=["post"], summary="批注一个指标", request=s.CommentSerializer,
                   responses={201: s.CommentSerializer, 400: REFUSED, 401: REFUSED, 403: REFUSED})
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def comments(self, request, pk=None):
        from jixiao.bureau.comments import comment_on_indicator
        from jixiao.bureau.models import IndicatorComment
        from jixiao.bureau.services import AdministrationNotPermitted, AdministrationRefused

        evaluation = self.get_object()
        if not request.user.is_authenticated:
            return Response({"detail": "请先登录或提供令牌"}, status=status.HTTP_401_UNAUTHORIZED)
        if not _member(request.user, evaluation):
            raise PermissionDenied("批注仅供本部门和本辖区财政审核人查看")

        def row(c):
            return {"id": c.pk, "indicator_code": c.indicator_code, "indicator_name": c.indicator_name,
                    "author": str(c.author or "系统"), "text": c.text, "created_at": c.created_at}

        if request.method == "POST":
            serializer = s.CommentSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            try:
                comment = comment_on_indicator(evaluation=evaluation, acting_user=request.user,
                                               indicator_code=serializer.validated_data["indicator_code"],
                                               text=serializer.validated_data["text"])
            except AdministrationNotPermitted as exc:
                return Response({"detail": str(exc)}, status=status.HTTP_403_FORBIDDEN)
            except AdministrationRefused as exc:
                return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
            return Response(row(comment), status=status.HTTP_201_CREATED)
        comments = IndicatorComment.objects.for_user(request.user).filter(evaluation=evaluation).select_related("author")
        if request.query_params.get("indicator"):
            comments = comments.filter(indicator_code=request.query_params["indicator"])
        return Response([row(c) for c in comments])

    def _transition(self, request, service, action: Action):
        """401 without a user, 403 for a role that may never take the action here, 409 from a status it
        cannot be taken in, 400 without a required reason; the service decides (and checks) all the same."""
        evaluation = self.get_object()
        serializer = s.TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reason = serializer.validated_data["reason"]
        step = workflow.transition(action)
        user = request.user
        if not user.is_authenticated:
            return Response({"detail": "请先登录或提供令牌"}, status=status.HTTP_401_UNAUTHORIZED)
        if not set(user.roles_on(evaluation.department)) & set(step.roles):
            allowed = "、".join(role.label for role in step.roles)
            return Response({"detail": f"只有本部门（本辖区）的{allowed}可以{action.label}"},
                            status=status.HTTP_403_FORBIDDEN)
        if step.needs_reason and not reason.strip():
            return Response({"detail": f"{action.label}须填写原因"}, status=status.HTTP_400_BAD_REQUEST)
        extra = {"reason": reason} if step.needs_reason else {}
        try:
            changed = service(evaluation=evaluation, acting_user=user, **extra)
        except services.TransitionNotAllowed as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
        changed = Evaluation.objects.select_related("department__region").get(pk=changed.pk)
        return Response(s.EvaluationSerializer(changed, context={"request": request}).data)

    @extend_schema(summary="提交（单位负责人）", request=None,
                   responses={200: s.EvaluationSerializer, 400: REFUSED, 401: REFUSED, 403: REFUSED, 409: REFUSED})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._transition(request, services.submit_evaluation, Action.SUBMIT)

    @extend_schema(summary="退回（财政审核人，须写明原因）", request=s.TransitionSerializer,
                   responses={200: s.EvaluationSerializer, 400: REFUSED, 401: REFUSED, 403: REFUSED, 409: REFUSED})
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        return self._transition(request, services.return_evaluation, Action.RETURN)

    @extend_schema(summary="审核通过（财政审核人）", request=None,
                   responses={200: s.EvaluationSerializer, 400: REFUSED, 401: REFUSED, 403: REFUSED, 409: REFUSED})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._transition(request, services.accept_evaluation, Action.ACCEPT)

    @extend_schema(summary="公开（财政审核人）", request=None,
                   responses={200: s.EvaluationSerializer, 400: REFUSED, 401: REFUSED, 403: REFUSED, 409: REFUSED})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._transition(request, services.publish_evaluation, Action.PUBLISH)


class ImportViewSet(viewsets.GenericViewSet):
    """导入自评工作簿: the whole workbook is checked first; any problem refuses all of it, with every
    problem at its cell; otherwise one transaction creates or updates the evaluation."""

    parser_classes = [MultiPartParser, FormParser]
    serializer_class = s.ImportSerializer
    pagination_class = None

    @extend_schema(summary="导入自评工作簿（全部无误才写入）", request=s.ImportSerializer,
                   responses={201: s.ImportedSerializer, 400: s.ImportRefusedSerializer, 401: REFUSED, 403: REFUSED,
                              413: OpenApiResponse(s.ErrorSerializer, description="文件超过大小上限"),
                              409: OpenApiResponse(s.ErrorSerializer, description="已锁定；或将删除已保存的行（deletions，"
                                                   "确认请加 allow_delete=true）；或与他人导出后的修改冲突（conflicts）")})
    def create(self, request):
        from jixiao.documents.workbook import WorkbookError, WorkbookLimits
        from jixiao.documents.workbook.reader import read_workbook_file

        if not request.user.is_authenticated:
            return Response({"detail": "请先登录或提供令牌"}, status=status.HTTP_401_UNAUTHORIZED)
        serializer = s.ImportSerializer(data=request.data)
        if not serializer.is_valid():  # no file, an empty one, a bad flag: said as the schema documents
            said = "；".join(f"{name}：{'、'.join(map(str, messages))}" for name, messages in serializer.errors.items())
            return Response({"detail": f"未导入：{said}", "errors": []}, status=status.HTTP_400_BAD_REQUEST)
        upload = serializer.validated_data["file"]
        limits = WorkbookLimits.from_env()
        if upload.size > limits.max_file_bytes:  # refused before it is read into memory
            return Response({"detail": f"{upload.name} 未导入：文件过大（{upload.size / 1024 / 1024:.1f} MB），"
                                       f"超过上限 {limits.max_file_bytes // (1024 * 1024)} MB"},
                            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
        data = upload.read()
        try:
            read = read_workbook_file(data, limits=limits)
        except WorkbookError as exc:
            return Response({"detail": f"{upload.name} 未导入：工作簿有 {len(exc.problems)} 处问题",
                             "errors": [{"location": p.location, "sheet": p.sheet, "row": p.row, "column": p.column,
                                         "value": p.value, "message": p.message} for p in exc.problems]},
                            status=status.HTTP_400_BAD_REQUEST)
        try:
            evaluation = services.import_document(
                document=read.document, acting_user=request.user, file_name=upload.name,
                file_sha256=hashlib.sha256(data).hexdigest(), stamp=read.stamp, places=read.places,
                allow_delete=serializer.validated_data["allow_delete"])
        except services.DeletionNotConfirmed as exc:
            return Response({"detail": f"{upload.name} 未导入：{exc}；确认删除请以 allow_delete=true 重新上传",
                             "deletions": {part: labels for part, labels in exc.plan.changes.deleted.items() if labels}},
                            status=status.HTTP_409_CONFLICT)
        except services.StaleWorkbook as exc:
            return Response({"detail": f"{upload.name} 未导入：{exc}",
                             "conflicts": [{"location": read.places.cell(c.part, c.key, c.field), "sheet": c.part,
                                            "row": c.label, "mine": c.mine, "stored": c.stored,
                                            "message": c.describe(read.places.cell(c.part, c.key, c.field))}
                                           for c in exc.plan.conflicts]},
                            status=status.HTTP_409_CONFLICT)
        except services.EvaluationLocked as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
        except services.NotPermitted as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_403_FORBIDDEN)
        except services.DocumentRefused as exc:
            return Response({"detail": str(exc), "errors": []}, status=status.HTTP_400_BAD_REQUEST)
        event = Event.objects.filter(evaluation=evaluation).order_by("-id").first()
        evaluation = Evaluation.objects.select_related("department__region").get(pk=evaluation.pk)
        return Response({"evaluation": s.EvaluationSerializer(evaluation, context={"request": request}).data,
                         "counts": event.data.get("counts", {}) if event else {},
                         "review_errors": event.data.get("errors", []) if event else []},
                        status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary="后台任务列表"), retrieve=extend_schema(summary="后台任务的进度"))
class JobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """后台任务: a region's batch of reports, its open data, re-scoring; progress and the result file."""

    serializer_class = s.JobSerializer
    filterset_fields = ["kind", "status", "year"]
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return jobs_for(self.request.user).order_by("-created_at", "-id")

    @extend_schema(summary="启动后台任务（本辖区财政审核人）", request=s.JobStartSerializer,
                   responses={201: s.JobSerializer, 400: REFUSED, 401: REFUSED, 403: REFUSED})
    def create(self, request):
        if not request.user.is_authenticated:
            return Response({"detail": "请先登录或提供令牌"}, status=status.HTTP_401_UNAUTHORIZED)
        serializer = s.JobStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        region = Region.objects.filter(code=data["region_code"]).first()
        if region is None:
            return Response({"detail": f"找不到行政区划“{data['region_code']}”"}, status=status.HTTP_400_BAD_REQUEST)
        archive = data.get("archive")
        try:
            job = job_services.start_job(kind=data["kind"], region=region, year=data.get("year"),
                                         params=JobKind(data["kind"]).params_from(data), acting_user=request.user,
                                         upload=archive, upload_name=archive.name if archive else "")
        except job_services.JobNotPermitted as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_403_FORBIDDEN)
        except job_services.JobRefused as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(s.JobSerializer(job, context={"request": request}).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="取消后台任务", request=None, responses={200: s.JobSerializer, 409: REFUSED})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        job = self.get_object()
        try:
            job = job_services.cancel_job(job=job, acting_user=request.user)
        except job_services.JobRefused as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
        return Response(s.JobSerializer(job, context={"request": request}).data)

    @extend_schema(summary="下载后台任务的结果文件", responses={(200, "application/octet-stream"): FILE, 404: REFUSED})
    @action(detail=True)
    def download(self, request, pk=None):
        job = self.get_object()
        if not job.result:
            raise NotFound(f"后台任务 #{job.pk} 还没有结果文件（{job.get_status_display()}）")
        with job.result.open("rb") as handle:
            response = HttpResponse(handle.read(), content_type=result_content_type(job.result_name))
        response["Content-Disposition"] = _disposition(job.result_name)
        return response


@extend_schema(summary="区域看板（本辖区财政审核人）：每个部门一行与各项统计", responses={200: s.DashboardSerializer,
               401: REFUSED, 403: REFUSED, 404: REFUSED},
               parameters=[OpenApiParameter("region", str, required=True, description="行政区划代码"),
                           OpenApiParameter("year", int, required=True, description="年度")])
@api_view(["GET"])
def dashboard(request):
    """The region dashboard's figures (the same aggregation as the page, a fixed number of queries)."""
    from jixiao.bureau.selectors import region_dashboard
    from jixiao.domain.enums import Role

    user = request.user
    if not user.is_authenticated:
        return Response({"detail": "请先登录或提供令牌"}, status=status.HTTP_401_UNAUTHORIZED)
    if not (user.is_superuser or user.has_role(Role.FINANCE_REVIEWER)):
        return Response({"detail": "区域看板仅供财政审核人查看"}, status=status.HTTP_403_FORBIDDEN)
    code, year = request.query_params.get("region", ""), request.query_params.get("year", "")
    if not (year.isascii() and year.isdigit() and 2000 <= int(year) <= 2100):  # "²", or past the column
        return Response({"detail": "请以 year 指定年度（2000–2100）"}, status=status.HTTP_400_BAD_REQUEST)
    regions = Region.objects.all() if user.is_superuser else Region.objects.filter(pk__in=user.reviewed_region_ids())
    region = regions.filter(code=code).first()
    if region is None:
        raise NotFound(f"您审核的行政区划中没有“{code}”")
    board = region_dashboard(user, region, int(year))
    return Response(s.DashboardSerializer(board).data)
