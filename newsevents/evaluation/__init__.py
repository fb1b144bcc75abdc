"""Scoring the system against gold data: load a gold file, score predictions, print a report.

Typical use: ``task, records = load_gold(path)``, then
``result = score(task, records, predictions_by_id)`` and ``format_report(result)``.
"""

from newsevents.evaluation.gold import GoldFileInvalid, load_gold
from newsevents.evaluation.metrics import PRF, Accuracy, pearson
from newsevents.evaluation.report import format_report
from newsevents.evaluation.scoring import SAME_STORY_THRESHOLD, score

__all__ = [
    "PRF",
    "SAME_STORY_THRESHOLD",
    "Accuracy",
    "GoldFileInvalid",
    "format_report",
    "load_gold",
    "pearson",
    "score",
]
