"""The jixiao command: demo (idempotent), generate (reproducible bulk data), department lookup."""

import pytest

from jixiao.cli import main
from jixiao.evaluations.models import Evaluation, Indicator
from jixiao.evaluations.selectors import NotFound, find_evaluation


@pytest.mark.django_db(transaction=True)
def test_demo_command_loads_then_is_idempotent(capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "已载入：2022 年度 广州市黄埔区工商业联合会" in out and "hp_reviewer" in out
    count = Evaluation.objects.count()
    assert main(["demo"]) == 0
    assert "载入，未改动" in capsys.readouterr().out
    assert Evaluation.objects.count() == count


@pytest.mark.django_db(transaction=True)
def test_generate_is_reproducible_from_the_seed(capsys):
    assert main(["generate", "--departments", "3", "--years", "2021-2022", "--seed", "7"]) == 0
    assert "自评 6 份" in capsys.readouterr().out
    first = list(Indicator.objects.order_by("task__evaluation__department__code", "task__evaluation__year",
                                            "task__position", "position")
                 .values_list("name", "target_text", "actual_text", "weight"))
    assert main(["generate", "--departments", "3"]) == 2  # refuses to write twice
    Evaluation.objects.all().delete()
    assert main(["generate", "--departments", "3", "--years", "2021-2022", "--seed", "7"]) == 0
    again = list(Indicator.objects.order_by("task__evaluation__department__code", "task__evaluation__year",
                                            "task__position", "position")
                 .values_list("name", "target_text", "actual_text", "weight"))
    assert first == again and len(first) > 30


def test_generate_rejects_bad_years(capsys):
    with pytest.raises(SystemExit):
        main(["generate", "--years", "2021-20x3"])
    assert "年度“2021-20x3”无效" in capsys.readouterr().err


def test_department_by_code_or_full_name(demo_db):
    by_name = find_evaluation("广州市黄埔区工商业联合会", 2022)
    assert find_evaluation("440112-107", 2022) == by_name
    with pytest.raises(NotFound, match="找不到预算部门“不存在的局”"):
        find_evaluation("不存在的局", 2022)
    with pytest.raises(NotFound, match="没有 1999 年度"):
        find_evaluation("440112-107", 1999)


@pytest.mark.django_db(transaction=True)
def test_generated_evaluations_carry_the_engines_scores():
    from jixiao.evaluations.store import document_for
    from jixiao.scoring import score_document

    assert main(["generate", "--departments", "2", "--years", "2022", "--seed", "3"]) == 0
    for evaluation in Evaluation.objects.all():
        result = score_document(document_for(evaluation))
        assert (evaluation.score_total, evaluation.score_grade) == (result.total, result.grade)
        stored = dict(Indicator.objects.filter(task__evaluation=evaluation).values_list("code", "score"))
        assert stored == {item.indicator_code: item.score for item in result.items if item.indicator_code}


def test_a_bad_setting_is_a_clear_message_not_a_traceback(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "DATABASE_URL": "mysql://x@y/z", "JIXIAO_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "jixiao.cli", "demo"], env=env, capture_output=True, text=True)
    assert done.returncode == 2
    assert "错误：环境变量 DATABASE_URL=“mysql://x@y/z”" in done.stderr and "Traceback" not in done.stderr
