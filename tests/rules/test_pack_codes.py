"""A rule pack is chosen by its code from the registry (the shipped packs and a region's own directory),
never by a path written in a file: 评分规则 = /etc/passwd is refused by every command, with the
available codes, without reading the file or echoing what it holds, and nothing is stored."""

from __future__ import annotations

import json

import pytest
import yaml

from jixiao.cli import main
from jixiao.documents.datafile import document_to_dict
from jixiao.domain.enums import EvaluationStatus
from jixiao.rules import PACKS_DIR, RulePackError, list_packs, load_pack, load_pack_file
from jixiao.site.env import SettingError

SHIPPED = "gd-2022-department、mof-2013-department、mof-2020-project"
PASSWD_LINE = "root:x:0:0"


def refused(code) -> str:
    with pytest.raises(RulePackError) as error:
        load_pack(code)
    return str(error.value)


def test_a_path_is_an_unknown_code_and_the_file_is_never_read():
    message = refused("/etc/passwd")
    assert message == f"规则包“/etc/passwd”不存在（可用：{SHIPPED}）"
    assert "不存在" in refused("../rules/packs/gd-2022-department")
    assert "不存在" in refused(str(PACKS_DIR / "gd-2022-department.yaml"))  # a shipped pack, but by path
    assert "不存在" in refused("gd-2022-department.yaml")


def test_a_valid_pack_outside_the_registry_is_not_loaded_by_its_path(tmp_path):
    data = yaml.safe_load((PACKS_DIR / "gd-2022-department.yaml").read_text(encoding="utf-8"))
    data["name"] = "gz-huangpu-2022"
    file = tmp_path / "gz-huangpu-2022.yaml"
    file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert "不存在" in refused(str(file))
    assert "不存在" in refused("gz-huangpu-2022")
    assert load_pack_file(file).name == "gz-huangpu-2022"  # the operator's own file, named on the command line


def test_an_unknown_code_is_quoted_short_on_one_line():
    message = refused("x" * 500 + "\nsecret")
    assert message == f"规则包“{'x' * 40}…”不存在（可用：{SHIPPED}）"


def test_a_regions_own_packs_come_from_the_directory_the_administrator_names(tmp_path, monkeypatch):
    data = yaml.safe_load((PACKS_DIR / "gd-2022-department.yaml").read_text(encoding="utf-8"))
    data.update(name="gz-huangpu-2022", title="黄埔区部门整体支出绩效评价（本地）")
    (tmp_path / "gz-huangpu-2022.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    shadow = dict(data, name="mof-2020-project", title="冒名的规则包")
    (tmp_path / "mof-2020-project.yaml").write_text(yaml.safe_dump(shadow, allow_unicode=True), encoding="utf-8")
    (tmp_path / "Not A Code.yaml").write_text("name: x", encoding="utf-8")
    monkeypatch.setenv("JIXIAO_RULES_DIR", str(tmp_path))
    assert load_pack("gz-huangpu-2022").title == "黄埔区部门整体支出绩效评价（本地）"
    packs = dict(list_packs())
    assert set(packs) == {"gd-2022-department", "mof-2013-department", "mof-2020-project", "gz-huangpu-2022"}
    assert packs["mof-2020-project"] != "冒名的规则包"  # a shipped pack is never replaced
    monkeypatch.setenv("JIXIAO_RULES_DIR", str(tmp_path / "none"))
    with pytest.raises(SettingError, match="JIXIAO_RULES_DIR=.*不是已存在的目录"):
        load_pack("gd-2022-department")


# --- the commands -------------------------------------------------------------------------------

@pytest.fixture
def passwd_file(tmp_path, reference_document):
    path = tmp_path / "passwd.yaml"
    data = document_to_dict(reference_document.with_changes(rule_pack="/etc/passwd"))
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_score_refuses_the_cell_with_the_available_codes(passwd_file, capsys):
    assert main(["score", str(passwd_file)]) == 2
    err = capsys.readouterr().err
    assert f"规则包“/etc/passwd”不存在（可用：{SHIPPED}）" in err and PASSWD_LINE not in err


def test_score_rules_option_takes_a_code_or_the_operators_yaml_file(passwd_file, tmp_path, capsys):
    assert main(["score", str(passwd_file), "--rules", "gd-2022-department"]) == 0
    assert "合计：95.91" in capsys.readouterr().out
    assert main(["score", str(passwd_file), "--rules", "/etc/passwd"]) == 2
    err = capsys.readouterr().err
    assert "不存在（可用：" in err and PASSWD_LINE not in err
    hostile = tmp_path / "passwd.yaml.yaml"
    hostile.write_text("root:x:0:0:root:/root:/bin/bash\n" * 50, encoding="utf-8")
    assert main(["score", str(passwd_file), "--rules", str(hostile)]) == 2
    assert capsys.readouterr().err.count(PASSWD_LINE) <= 1  # a bad pack file is quoted short


def test_check_names_the_cell_without_echoing_the_file(passwd_file, capsys):
    assert main(["check", str(passwd_file), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    pack = next(f for f in findings if f["code"] == "document.rule_pack")
    assert f"规则包“/etc/passwd”不存在（可用：{SHIPPED}）" in pack["message"]
    assert PASSWD_LINE not in json.dumps(findings, ensure_ascii=False)


def _tables() -> dict[str, int]:
    from django.apps import apps

    return {model._meta.label: model.objects.count() for app in ("evaluations", "orgs", "events")
            for model in apps.get_app_config(app).get_models()}


@pytest.mark.django_db(transaction=True)
def test_import_refuses_the_cell_and_stores_nothing(reference_document, tmp_path, capsys):
    from jixiao.documents.workbook import workbook_bytes
    from jixiao.evaluations.models import Evaluation
    from jixiao.evaluations.services import import_document
    from jixiao.evaluations.store import document_for
    from jixiao.orgs.models import SYSTEM

    draft = reference_document.with_changes(status=EvaluationStatus.DRAFT)
    evaluation = import_document(document=draft, acting_user=SYSTEM)
    before_tables, before = _tables(), document_to_dict(document_for(evaluation))
    path = tmp_path / "passwd.xlsx"
    path.write_bytes(workbook_bytes(draft.with_changes(rule_pack="/etc/passwd")))
    assert main(["import", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"规则包“/etc/passwd”不存在（可用：{SHIPPED}）" in err and "基本信息!B" in err
    assert PASSWD_LINE not in err
    assert _tables() == before_tables
    assert document_to_dict(document_for(Evaluation.objects.get())) == before
    assert Evaluation.objects.get().rule_pack == "gd-2022-department"


@pytest.mark.django_db(transaction=True)
def test_import_of_forms_refuses_a_rules_option_that_is_no_code(tmp_path, capsys, reference_document):
    from jixiao.evaluations.models import Evaluation

    path = tmp_path / "forms.xlsx"
    from jixiao.usecases.forms import project_forms

    path.write_bytes(project_forms(reference_document).data)
    assert main(["import", str(path), "--form", "--department-code", "440112-107", "--rules", "/etc/passwd"]) == 2
    err = capsys.readouterr().err
    assert "规则包“/etc/passwd”不存在" in err and PASSWD_LINE not in err
    assert not Evaluation.objects.exists()
