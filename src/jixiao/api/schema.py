"""Names of the choice sets in the OpenAPI schema (two enums have a field called ``kind``)."""

from jixiao.domain.enums import EvaluationKind
from jixiao.jobs.models import JobKind

EVALUATION_KINDS = EvaluationKind.choices()
JOB_KINDS = JobKind.choices()

# Errors every operation can answer with, whether or not its view says so: a request the API cannot
# take (400: a bad filter, a bad page number's 404 …), no or a wrong credential (401), no right (403),
# nothing there (404), a method or media type it does not take (405, 415), too many requests (429),
# the database out of reach (503). Their body is an object with a Chinese ``detail`` (or, for a
# refused form, the fields and their messages).
ERROR_BODY = {"type": "object", "properties": {"detail": {"type": "string"}}, "additionalProperties": True}
COMMON_ERRORS = {"400": "请求无效", "401": "未登录或令牌无效", "403": "没有权限", "404": "不存在或无权查看",
                 "405": "不支持该请求方法", "406": "不支持所请求的格式", "415": "不支持该内容类型",
                 "429": "请求过于频繁", "503": "数据库暂时无法连接"}


def document_common_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: add :data:`COMMON_ERRORS` to every operation lacking them,
    so what the API answers is what its schema says (checked by schemathesis in the tests)."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for code, description in COMMON_ERRORS.items():
                operation["responses"].setdefault(code, {
                    "description": description, "content": {"application/json": {"schema": ERROR_BODY}}})
    return result
