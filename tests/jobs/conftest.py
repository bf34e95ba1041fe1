import pytest


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run what the services queue for after the commit (the in-process backend runs the job then)."""
    def call(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)
    return call


@pytest.fixture
def demo_reviewer(demo_db):
    from jixiao.orgs.models import User

    return User.objects.get(username="hp_reviewer")


@pytest.fixture
def region(demo_db):
    from jixiao.orgs.models import Region

    return Region.objects.get(code="440112")
