"""One event from many reports: fuse the events that different articles report.

A report is one article's event. Reports are grouped by `fusion_key` (type, status and parties:
for symmetric types the union of actors and recipients, otherwise actors and recipients each
as a set). Inside a group, `cluster_reports` decides which reports are the same event:

- no two reports of the same article (the article's own fusion kept them apart);
- compatible dates: equal, one unknown (or only carried over / the publication date), or a
  month or year that contains the other's day or month; undated reports only fuse with reports
  published within `UNDATED_WINDOW_DAYS`;
- compatible places: equal, or one unknown (a place taken from the dateline counts as unknown,
  since each outlet writes its own dateline).

Order independence: the clusters are a pure function of the set of reports in a group. The
reports are sorted by (publication date, id), each joins the first cluster all of whose members
it is compatible with (complete linkage, so an undated report never chains two dated meetings
together), and a cluster's canonical event id is the id of its first report: the earliest
published, ties by id. Recomputing a group whenever a report joins it gives the same events
whatever order or however many runs the articles came in.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field, replace

from newsevents.lang.lexicons import ontology
from newsevents.records import Article, Event

UNDATED_WINDOW_DAYS = 7  # reports without a stated date fuse only if published this close
_PRECISION = {"year": 0, "month": 1, "day": 2}


@dataclass(slots=True)
class Report:
    """One article's event as fusion sees it: the event as coded, and where it was reported."""

    event: Event  # its parties deduplicated (recipients exclude actors), its evidence as `spans`
    article_id: str
    key: str  # the fusion key of its group
    published: dt.date | None = None
    spans: list[tuple[int, int, int | None]] = field(default_factory=list)  # start, end, sentence
    canonical_id: str | None = None  # the stored event it is fused into, when read back

    @property
    def id(self) -> str:
        """The event's id."""
        return self.event.id

    @property
    def stated_date(self) -> bool:
        """Whether the report's date is one its text states for the event."""
        return self.event.date is not None and self.event.date.explicit

    @property
    def stated_place(self) -> bool:
        """Whether the place is named for the event, not taken from the article's dateline."""
        return self.event.location is not None and "place: dateline" not in self.event.explanation

    def order(self) -> tuple[bool, dt.date, str]:
        """Sort key: earliest published first (unknown last), ties by id."""
        return (self.published is None, self.published or dt.date.max, self.id)


@dataclass(slots=True)
class FusedEvent:
    """A cluster of reports as one event: the canonical report's event with what the others add
    (the best date, a stated place, every context, participant, source and explanation)."""

    event: Event
    reports: list[Report]  # the canonical report first
    date: Report  # the report whose date the event takes

    @property
    def canonical(self) -> Report:
        """The report whose event id and parties the fused event keeps."""
        return self.reports[0]


def fusion_key(
    event_type: str, status: str, symmetric: bool, actors: list[str], recipients: list[str]
) -> str:
    """The group of reports that can be the same event: type, status and parties.

    The parties of a symmetric type (the ontology's `symmetric`, or the event's own flag) are
    one set: "A met B" and "B received A" are the same meeting.
    """
    if symmetric or event_type in _symmetric_types():
        parties = ",".join(sorted(set(actors) | set(recipients)))
        return f"{event_type}|{status}|sym|{parties}"
    return (
        f"{event_type}|{status}|{','.join(sorted(set(actors)))}>{','.join(sorted(set(recipients)))}"
    )


@functools.cache
def _symmetric_types() -> frozenset[str]:
    return frozenset(t for t, entry in ontology().items() if entry.get("symmetric"))


def report_from_event(article: Article, event: Event) -> Report:
    """The report of one processed article's event."""
    return Report(
        event=replace(
            event,
            actors=list(dict.fromkeys(event.actors)),
            recipients=[r for r in dict.fromkeys(event.recipients) if r not in event.actors],
            participants=list(dict.fromkeys(event.participants)),
            sources=list(dict.fromkeys(event.sources)),
            context=list(event.context),
            explanation=list(event.explanation),
        ),
        article_id=article.id,
        key=fusion_key(event.type, event.status, event.symmetric, event.actors, event.recipients),
        published=article.published,
        spans=list(
            dict.fromkeys((s.start, s.end, _sentence(article, s.start)) for s in event.evidence)
        ),
    )


def _sentence(article: Article, offset: int) -> int | None:
    sentence = article.sentence_at(offset)
    return sentence.index if sentence else None


def dates_compatible(first: tuple[dt.date, str] | None, second: tuple[dt.date, str] | None) -> bool:
    """Equal dates, one unknown, or a month/year that contains the other's day or month."""
    if first is None or second is None:
        return True
    (a, pa), (b, pb) = first, second
    coarse = min(_PRECISION.get(pa, 2), _PRECISION.get(pb, 2))
    if coarse == 0:
        return a.year == b.year
    if coarse == 1:
        return (a.year, a.month) == (b.year, b.month)
    return a == b


def compatible(a: Report, b: Report) -> bool:
    """Whether two reports of the same group can be one event."""
    if a.article_id == b.article_id:
        return False
    if a.stated_place and b.stated_place and a.event.location != b.event.location:
        return False
    da = _stated(a)
    db = _stated(b)
    undated = da is None or db is None
    if undated:
        # Without a stated date only publication dates tie two reports to one event; with
        # either publication date missing nothing does (same parties and type alone are
        # not enough: Russia and Ukraine clash every week).
        if a.published and b.published:
            return abs((a.published - b.published).days) <= UNDATED_WINDOW_DAYS
        return False
    return dates_compatible(da, db)


def _stated(report: Report) -> tuple[dt.date, str] | None:
    """The report's stated date and its precision, None when the text states none."""
    d = report.event.date
    return (d.value, d.precision or "day") if d is not None and report.stated_date else None


def cluster_reports(reports: list[Report]) -> list[list[Report]]:
    """Reports of one group as clusters, each sorted with its canonical report first."""
    clusters: list[list[Report]] = []
    for report in sorted(reports, key=Report.order):
        for members in clusters:
            if all(compatible(report, member) for member in members):
                members.append(report)
                break
        else:
            clusters.append([report])
    return clusters


def fuse(cluster: list[Report]) -> FusedEvent:
    """The event a cluster stands for: the canonical report, the best date, every source."""
    canonical = cluster[0].event
    stated = [r for r in cluster if r.stated_date]
    # The most precise stated date, earliest report first among equals.
    best = max(stated, key=_precision, default=cluster[0])
    places = [r.event.location for r in cluster if r.stated_place] or [
        r.event.location for r in cluster
    ]
    explanation = list(canonical.explanation)
    if len(cluster) > 1:
        others = ", ".join(r.article_id for r in cluster[1:])
        explanation.append(f"fused across articles: {len(cluster)} reports (also in {others})")
        if best is not cluster[0] and best.event.date is not None:
            explanation.append(
                f"date: {best.event.date.value} from the report in article {best.article_id}"
            )
    events = [r.event for r in cluster]
    event = replace(
        canonical,
        date=best.event.date,
        location=next((p for p in places if p), None),
        context=list(dict.fromkeys(c for e in events for c in e.context)),
        participants=list(dict.fromkeys(p for e in events for p in e.participants)),
        sources=list(dict.fromkeys(s for e in events for s in e.sources)),
        explanation=explanation,
        # The earliest report that names the session (one may only say "the meeting").
        series_body=next((e.series_body for e in events if e.series_body), None),
        series_session=next((e.series_session for e in events if e.series_session), None),
    )
    return FusedEvent(event=event, reports=cluster, date=best)


def _precision(report: Report) -> int:
    d = report.event.date
    return _PRECISION.get((d.precision if d else None) or "", 0)
