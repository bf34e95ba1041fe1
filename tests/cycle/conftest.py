import pytest
from importlib import resources

from jixiao.documents.datafile import load_document

DATA = resources.files("jixiao.demo") / "data"


@pytest.fixture
def cycle(personas, load_evaluation):
    """The personas, and the reference department's 2021 and 2022 years stored (2022 in draft)."""
    from jixiao.domain.enums import EvaluationStatus

    earlier = load_evaluation(load_document(DATA / "440112-gsl-2021.yaml"))
    current = load_evaluation(load_document(DATA / "440112-gsl-2022.yaml").with_changes(status=EvaluationStatus.DRAFT))
    return {**personas, "evaluation": current, "earlier": earlier, "region": current.department.region}
