"""Scoring (评分): a document's scores under a rule pack, every point explained.

``score_document(doc, pack=None)`` returns a :class:`ScoreResult` (total, grade, the budget
execution score, one :class:`ItemScore` per leaf with its Chinese explanation, and the flags).
``indicator_met(indicator, pack)`` says whether one indicator reached its target.
For a whole province without explanations, :mod:`jixiao.scoring.bulk` (``build_table`` then
``score_table``) gives exactly the same scores with the indicator arithmetic vectorised.
"""

from jixiao.scoring.engine import allocate, comparable, indicator_met, pack_for, score_document  # noqa: F401
from jixiao.scoring.result import ExecutionScore, Flag, ItemScore, ScoreResult, ScoringError  # noqa: F401
