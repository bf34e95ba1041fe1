"""``jixiao demo`` loads the demo (a superuser with the README's public password, invented published
evaluations) only into an empty database: a database with other data is refused, saying what is
there and how to force it; a database that holds the demo already is left as it is (``./run`` calls
``jixiao demo`` at every start)."""

from __future__ import annotations

import pytest

from jixiao.cli import main
from jixiao.evaluations.models import Evaluation
from jixiao.orgs.models import Department, Region, User

pytestmark = pytest.mark.django_db(transaction=True)  # the command migrates and opens its own transactions


def _tables() -> dict[str, int]:
    from django.apps import apps

    return {model._meta.label: model.objects.count() for app in ("evaluations", "orgs", "events")
            for model in apps.get_app_config(app).get_models()}


def test_a_database_with_other_data_is_refused_and_left_as_it_was(capsys):
    region = Region.objects.create(code="510000", name="四川省")
    Department.objects.create(code="510000-001", region=region, name="四川省财政厅")
    User.objects.create_user("clerk", password="a-real-password")
    before = _tables()
    assert main(["demo"]) == 2
    err = capsys.readouterr().err
    assert "数据库中已有数据（用户 1 个、行政区划 1 个、预算部门 1 个）" in err
    assert "jixiao demo --force" in err and "公开密码" in err
    assert _tables() == before
    assert not User.objects.filter(username="admin").exists() and not Evaluation.objects.exists()


def test_force_loads_the_demo_beside_other_data(capsys):
    User.objects.create_user("clerk", password="a-real-password")
    assert main(["demo", "--force"]) == 0
    assert "已载入：2022 年度 广州市黄埔区工商业联合会" in capsys.readouterr().out
    assert User.objects.filter(username="admin", is_superuser=True).exists()
    assert User.objects.filter(username="clerk").exists()


def test_a_database_holding_the_demo_is_left_as_it_is(capsys):
    assert main(["demo"]) == 0
    capsys.readouterr()
    User.objects.filter(username="admin").delete()  # the administrator removed the public account
    User.objects.create_user("clerk", password="a-real-password")  # and works on
    before = _tables()
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "演示数据已于" in out and "载入，未改动" in out
    assert _tables() == before
    assert not User.objects.filter(username="admin").exists()  # never created again with the public password
