"""The workbook commands on files (no database): template, export, import --dry-run, forms, opendata."""

from __future__ import annotations

import yaml

from jixiao.cli import main
from jixiao.documents.datafile import document_to_dict
from jixiao.documents.workbook import read_workbook

REFERENCE = "src/jixiao/demo/data/440112-gsl-2022.yaml"


def test_template_and_export_from_a_file(tmp_path, capsys, reference_document):
    assert main(["template", "-o", str(tmp_path / "blank.xlsx")]) == 0
    assert (tmp_path / "blank.xlsx").stat().st_size > 0
    assert main(["template", "-o", str(tmp_path / "blank.xls")]) == 2
    assert main(["export", REFERENCE, "-o", str(tmp_path / "gsl.xlsx")]) == 0
    assert document_to_dict(read_workbook(tmp_path / "gsl.xlsx")) == document_to_dict(reference_document)
    assert main(["export", str(tmp_path / "gsl.xlsx"), "-o", str(tmp_path / "gsl.yaml")]) == 0
    data = yaml.safe_load((tmp_path / "gsl.yaml").read_text(encoding="utf-8"))
    assert data == document_to_dict(reference_document)
    assert "已导出：2022 年度 广州市黄埔区工商业联合会" in capsys.readouterr().out


def test_import_dry_run_checks_without_a_database(tmp_path, capsys, reference_document, xlsx):
    assert main(["export", REFERENCE, "-o", str(tmp_path / "gsl.xlsx")]) == 0
    assert main(["import", str(tmp_path / "gsl.xlsx"), "--dry-run"]) == 0
    assert "检查通过：2022 年度 广州市黄埔区工商业联合会" in capsys.readouterr().out
    sheets = xlsx.sheets((tmp_path / "gsl.xlsx").read_bytes())
    sheets["指标"][11][5] = "≥约30场"
    (tmp_path / "bad.xlsx").write_bytes(xlsx.build(sheets))
    assert main(["import", str(tmp_path / "bad.xlsx"), "--dry-run"]) == 2
    assert capsys.readouterr().err.strip() == "错误：bad.xlsx 未导入，问题：指标!F12：“≥约30场”无法识别为数值"


def test_forms_out_and_back_in(tmp_path, capsys):
    assert main(["forms", "department", REFERENCE, "-o", str(tmp_path / "dept.xlsx")]) == 0
    assert main(["forms", "project", REFERENCE, "-o", str(tmp_path / "proj.xlsx"), "--project", "非公党委工作经费"]) == 0
    out = capsys.readouterr().out
    assert "注意：项目“非公党委工作经费”：本项目的绩效指标沿用任务2" in out and "已生成项目支出绩效自评表（1 个项目）" in out
    assert main(["forms", "read", str(tmp_path / "proj.xlsx"), "-o", str(tmp_path / "back.xlsx"),
                 "--department-code", "440112-107", "--region-code", "440112"]) == 0
    back = read_workbook(tmp_path / "back.xlsx")
    assert back.kind.value == "project" and back.projects[0].name == "非公党委工作经费"
    assert len(back.indicators) == 5 and back.department_code == "440112-107"
    assert sum(i.weight for i in back.indicators) == 90  # the rescaled 分值 the form was scored with


def test_open_data_from_files(tmp_path, capsys):
    assert main(["opendata", REFERENCE, "-o", str(tmp_path / "open.zip")]) == 0
    assert "评价 1 个、指标 19 个、资金 2 条" in capsys.readouterr().out
    assert main(["opendata", REFERENCE, "-o", str(tmp_path / "x"), "--year", "2022"]) == 2


def test_reading_a_form_names_the_rows_it_could_not_read(worked_project, tmp_path, capsys):
    import io
    from dataclasses import replace

    from jixiao.documents.forms import write_project_forms
    from jixiao.domain.document import Indicator

    first = worked_project.indicators[0]
    unread = Indicator.unreadable(code=first.code, level1=first.level1, level2=first.level2, name=first.name,
                                  target="市级保护单位", actual="程度较高", weight=first.weight, reason="")
    task = worked_project.tasks[0]
    buffer = io.BytesIO()
    write_project_forms(worked_project.with_changes(tasks=(replace(task, indicators=(unread, *task.indicators[1:])),)),
                        buffer)
    (tmp_path / "forms.xlsx").write_bytes(buffer.getvalue())
    assert main(["forms", "read", str(tmp_path / "forms.xlsx"), "-o", str(tmp_path / "back.xlsx")]) == 0
    out = capsys.readouterr().out
    assert f"提示：指标“{first.name}”的指标值“市级保护单位”无法识别为数值或定性完成情况" in out
