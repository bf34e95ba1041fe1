"""The bureau's pages: a region with a published 2022 evaluation (the reference) and its 2023
successor submitted for review, beside the personas."""

import pytest

from jixiao.domain.enums import EvaluationStatus
from jixiao.evaluations import services
from jixiao.orgs.models import SYSTEM


@pytest.fixture
def region_world(personas, reference_document, load_evaluation):
    published = load_evaluation(reference_document)
    submitted = load_evaluation(reference_document.with_changes(year=2023, status=EvaluationStatus.SUBMITTED))
    draft = services.import_document(
        document=reference_document.with_changes(year=2023, department_code="440112-114",
                                                 department_name="广州市黄埔区司法局", status=EvaluationStatus.DRAFT),
        acting_user=SYSTEM)
    return {**personas, "published": published, "submitted": submitted, "draft": draft}


@pytest.fixture
def login(client):
    def as_(user):
        client.force_login(user)
        return client
    return as_
