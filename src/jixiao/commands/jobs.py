"""``jixiao jobs``: start, follow, cancel and download background jobs (后台任务) from the command line.

- ``jixiao jobs start reports --region 440112 --year 2022 --format pdf`` (also ``opendata``, ``rescore``,
  ``warnings [--date YYYY-MM-DD]``, and ``import --file 工作簿.zip [--allow-delete]``: a zip of departments'
  workbooks, each imported on its own, held to the region);
- ``jixiao jobs list`` · ``jixiao jobs show ID [--follow]`` · ``jixiao jobs cancel ID``;
- ``jixiao jobs download ID -o FILE``.

With the in-process backend (the default) ``start`` runs the job before it returns; with
``JIXIAO_TASK_BACKEND=database`` it queues it for ``jixiao worker`` processes and, with ``--follow``,
shows the progress (a bar on a terminal, plain lines otherwise).
"""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path

from jixiao.cli import CommandError
from jixiao.commands._common import database

KINDS = ("reports", "opendata", "rescore", "warnings", "import")


def register(subparsers) -> None:
    parser = subparsers.add_parser("jobs", help="后台任务：批量报告、开放数据、重新评分、监控预警、批量导入（启动、查看进度、取消、下载）")
    actions = parser.add_subparsers(dest="action", metavar="操作")
    start = actions.add_parser("start", help="启动后台任务")
    start.add_argument("kind", choices=KINDS,
                       help="reports 批量报告 · opendata 开放数据 · rescore 重新评分 · warnings 监控预警 · import 批量导入工作簿")
    start.add_argument("--region", required=True, metavar="CODE", help="行政区划编码")
    start.add_argument("--year", type=int, help="年度（重新评分时可不指定，即全部年度）")
    start.add_argument("--format", default="docx", choices=("docx", "pdf", "html"), help="报告格式（默认 docx）")
    start.add_argument("--rule-pack", default="", metavar="CODE", help="重新评分：只处理使用该评分规则包的自评")
    start.add_argument("--reason", default="", help="重新评分的原因（写入操作记录）")
    start.add_argument("--explain-all", action="store_true",
                       help="重新评分：每份自评都重写评分说明和审核计数（只改了规则包的说明文字或审核阈值、得分不变时用）")
    start.add_argument("--date", default="", metavar="YYYY-MM-DD", help="监控预警：按哪一天计算（默认今天）")
    start.add_argument("--file", metavar="ZIP", help="批量导入：各部门自评工作簿（.xlsx）打包的 .zip")
    start.add_argument("--allow-delete", action="store_true",
                       help="批量导入：确认删除（工作簿删去了已保存的行时仍导入）")
    start.add_argument("--user", metavar="USERNAME", help="以该用户身份启动（默认：系统）")
    start.add_argument("--follow", action="store_true", help="显示进度直到完成")
    start.set_defaults(func=run_start)
    listing = actions.add_parser("list", help="列出后台任务")
    listing.set_defaults(func=run_list)
    show = actions.add_parser("show", help="查看后台任务的进度")
    show.add_argument("id", type=int)
    show.add_argument("--follow", action="store_true", help="持续显示进度直到完成")
    show.set_defaults(func=run_show)
    cancel = actions.add_parser("cancel", help="取消后台任务")
    cancel.add_argument("id", type=int)
    cancel.set_defaults(func=run_cancel)
    download = actions.add_parser("download", help="下载后台任务的结果文件")
    download.add_argument("id", type=int)
    download.add_argument("-o", "--output", metavar="PATH", help="保存到（默认用结果文件名）")
    download.set_defaults(func=run_download)
    parser.set_defaults(func=lambda args: parser.print_help() or 1)


def _job(job_id: int):
    from jixiao.jobs.selectors import JobNotFound, find_job

    try:
        return find_job(job_id)
    except JobNotFound as exc:
        raise CommandError(str(exc)) from None


def _line(job) -> str:
    from jixiao.jobs.models import JobStatus

    progress = job.progress()
    return (f"#{job.pk} {job}：{JobStatus(job.status).label}，{progress.done}/{progress.total}"
            f"（{progress.percent}%），剩余时间 {progress.time_left}")


def _follow(job_id: int) -> int:
    from jixiao.commands._progress import ProgressPrinter

    printer = ProgressPrinter(sys.stderr)
    while True:
        job = _job(job_id)
        progress = job.progress()
        printer.show(progress.done, progress.total, f"剩余 {progress.time_left}")
        if job.finished:
            printer.close()
            return _result(job)
        time.sleep(1)


def _result(job) -> int:
    from jixiao.jobs.models import JobStatus

    print(_line(job))
    for name, error in job.summary.get("failures", []):
        print(f"失败：{name}：{error}", file=sys.stderr)
    if job.error:
        print(f"错误：{job.error}", file=sys.stderr)
    if job.result_name:
        print(f"结果文件：{job.result_name}（jixiao jobs download {job.pk}）")
    return 0 if job.status == JobStatus.DONE.value and not job.summary.get("failed") else 1


def run_start(args) -> int:
    database()
    from django.conf import settings

    from jixiao.evaluations.selectors import NotFound, find_region, find_user
    from jixiao.jobs.models import JobKind
    from jixiao.jobs.services import JobNotPermitted, JobRefused, start_job
    from jixiao.orgs.models import SYSTEM

    try:
        region = find_region(args.region)
        user = find_user(args.user) if args.user else SYSTEM
    except NotFound as exc:
        raise CommandError(str(exc)) from None
    with contextlib.ExitStack() as files:
        upload = None
        if args.kind == "import":
            if not args.file:
                raise CommandError("批量导入请用 --file 指定压缩包（.zip）")
            try:
                upload = files.enter_context(open(args.file, "rb"))
            except OSError as exc:
                raise CommandError(f"无法打开“{args.file}”：{exc.strerror or exc}") from None
        try:
            job = start_job(kind=args.kind, region=region, year=args.year,
                            params=JobKind(args.kind).params_from(vars(args)), acting_user=user,
                            upload=upload, upload_name=Path(args.file).name if upload else "")
        except (JobRefused, JobNotPermitted) as exc:
            raise CommandError(str(exc)) from None
    if settings.JIXIAO_TASK_BACKEND == "database" and not args.follow:
        what = "个工作簿" if job.kind == JobKind.IMPORT.value else "份自评"
        print(f"已排队：#{job.pk} {job}（共 {job.total} {what}）；由 jixiao worker 处理，"
              f"用 jixiao jobs show {job.pk} 查看进度")
        return 0
    return _follow(job.pk)


def run_list(args) -> int:
    database()
    from jixiao.jobs.selectors import recent_jobs

    jobs = recent_jobs()
    if not jobs:
        print("还没有后台任务。")
    for job in jobs:
        print(_line(job))
    return 0


def run_show(args) -> int:
    database()
    if args.follow:
        return _follow(args.id)
    return _result(_job(args.id))


def run_cancel(args) -> int:
    database()
    from jixiao.jobs.services import JobNotPermitted, JobRefused, cancel_job
    from jixiao.orgs.models import SYSTEM

    try:
        job = cancel_job(job=_job(args.id), acting_user=SYSTEM)
    except (JobRefused, JobNotPermitted) as exc:
        raise CommandError(str(exc)) from None
    print(f"已请求取消：{_line(job)}")
    return 0


def run_download(args) -> int:
    database()
    from pathlib import Path

    job = _job(args.id)
    if not job.result:
        raise CommandError(f"后台任务 #{job.pk} 没有结果文件（状态：{job.get_status_display()}）")
    path = Path(args.output or job.result_name)
    with job.result.open("rb") as handle:
        path.write_bytes(handle.read())
    print(f"已保存：{path}")
    return 0
