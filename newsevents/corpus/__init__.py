"""Stage 8, corpus: near-duplicate articles and one event from many reports.

`dedupe` finds exact and near copies of stored articles with MinHash LSH; `fusion` decides which
reports of different articles are the same event; `step` runs both against a store during an
ingest.
"""

from newsevents.corpus.dedupe import CopyMatch, DuplicateIndex, jaccard, shingles
from newsevents.corpus.fusion import Report, cluster_reports, fusion_key
from newsevents.corpus.step import CorpusStep

__all__ = [
    "CopyMatch",
    "CorpusStep",
    "DuplicateIndex",
    "Report",
    "cluster_reports",
    "fusion_key",
    "jaccard",
    "shingles",
]
