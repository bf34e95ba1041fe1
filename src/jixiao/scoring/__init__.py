"""Scoring (评分): a document's scores under a rule pack, every point explained.

``score_document(doc, pack=None)`` returns a :class:`ScoreResult` (total, grade, the budget
execution score, one :class:`ItemScore` per leaf with its Chinese explanation, and notes on how it
scored). Outside this package only :func:`jixiao.assessment.assess` calls it. The judgements that
scoring, checks and the report share (target met, overachieved, execution low, level balance) are
in :mod:`jixiao.scoring.judgements`.
For a whole province without explanations, :mod:`jixiao.scoring.bulk` (``build_table`` then
``score_table``) gives exactly the same scores with the indicator arithmetic vectorised.
"""

from jixiao.scoring.engine import allocate, pack_for, score_document  # noqa: F401
from jixiao.scoring.judgements import (  # noqa: F401
    Balance,
    achievement_ratio,
    comparable,
    execution_low,
    level_balance,
    overachieved,
    target_met,
)
from jixiao.scoring.result import ExecutionScore, ItemScore, ScoreResult, ScoringError  # noqa: F401
