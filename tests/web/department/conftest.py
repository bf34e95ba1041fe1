import pytest

from jixiao.domain.enums import EvaluationStatus
from jixiao.evaluations import services
from jixiao.orgs.models import SYSTEM


@pytest.fixture
def draft(personas, reference_document):
    """The reference department's 2022 evaluation as a draft (编制中), beside the personas."""
    return services.import_document(document=reference_document.with_changes(status=EvaluationStatus.DRAFT),
                                    acting_user=SYSTEM)
