"""Writing a processed article: one transaction for the article and all that is attached to it.

An article already stored (same content hash) adds nothing, so ingesting the same input twice
never duplicates a row. Every row is built by its table in store/tables.py, from the record's
dataclass fields.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newsevents.records import Actor, Article, Event
from newsevents.store.connection import StoreConnection
from newsevents.store.tables import (
    ACTOR_ROLES,
    ACTORS,
    ARTICLE_ACTORS,
    ARTICLES,
    EVENT_ACTORS,
    EVENT_SOURCES,
    EVENTS,
    MENTIONS,
    PARAGRAPHS,
    QUOTES,
    SENTENCES,
    Row,
)


class ArticleWriter(StoreConnection):
    """The write half of `Store`: articles with their mentions, actors, events and quotes."""

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this content hash is stored."""
        row = self.db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone()
        return row is not None

    def add(self, article: Article, then: Callable[[Article], None] | None = None) -> bool:
        """Store a processed article with everything attached; False if it was already known.

        `then(article)` runs inside the same transaction (the corpus step's event fusion).
        """
        if self.has_article(article.id):
            return False
        with self.transaction(f"{article.origin}: cannot store article"):
            self._insert(article)
            if then is not None:
                then(article)
        return True

    def _insert(self, a: Article) -> None:
        self._write(ARTICLES, [ARTICLES.row(a, [list(p) for p in a.duplicate_pairs()])])
        self._write(PARAGRAPHS, [PARAGRAPHS.row(p, a.id) for p in a.paragraphs])
        self._write(SENTENCES, [SENTENCES.row(s, a.id) for s in a.sentences])
        self._write(MENTIONS, [MENTIONS.row(m, a.id, i) for i, m in enumerate(a.mentions)])
        self._upsert_actors(list(a.actors.values()))
        self._write(ACTOR_ROLES, role_history(a), "OR IGNORE")
        self._write(ARTICLE_ACTORS, mention_counts(a))
        self._write(EVENTS, [EVENTS.row(e, a.id) for e in a.events])
        self._write(EVENT_ACTORS, [r for e in a.events for r in party_rows(e)], "OR IGNORE")
        self._write(EVENT_SOURCES, [r for e in a.events for r in evidence_rows(a, e)], "OR IGNORE")
        self._write(QUOTES, [QUOTES.row(q, a.id, i) for i, q in enumerate(a.quotes)])

    def _upsert_actors(self, actors: Sequence[Actor]) -> None:
        """Insert new actors; merge aliases and roles into those already stored."""
        if not actors:
            return
        ids = [a.id for a in actors]
        existing = {
            row[0]: (row[1] or [], row[2] or [])
            for row in self.db.execute(
                "SELECT id, aliases, roles FROM actors WHERE list_contains(?, id)", [ids]
            ).fetchall()
        }
        self._write(ACTORS, [ACTORS.row(a) for a in actors if a.id not in existing])
        for actor in actors:
            if actor.id not in existing:
                continue
            old_aliases, old_roles = existing[actor.id]
            aliases = list(dict.fromkeys(old_aliases + actor.aliases))
            roles = list(dict.fromkeys(old_roles + actor.roles))
            if aliases == old_aliases and roles == old_roles:
                continue
            self.db.execute(
                "UPDATE actors SET aliases = ?, roles = ?, country = coalesce(country, ?),"
                " code = coalesce(code, ?) WHERE id = ?",
                [aliases, roles, actor.country, actor.code, actor.id],
            )


def role_history(a: Article) -> list[Row]:
    """The `actor_roles` rows of an article: each person seen with a role, once per role."""
    return list(
        {
            (m.actor_id, m.role): (m.actor_id, m.role, m.country, a.id, a.published, m.start, m.end)
            for m in a.mentions
            if m.kind == "person" and m.role and m.actor_id in a.actors
        }.values()
    )


def mention_counts(a: Article) -> list[Row]:
    """The `article_actors` rows of an article: how often it mentions each of its actors."""
    counts: dict[str, int] = {}
    for m in a.mentions:
        if m.actor_id in a.actors:
            counts[m.actor_id] = counts.get(m.actor_id, 0) + 1
    return [(a.id, actor_id, n) for actor_id, n in counts.items()]


def party_rows(e: Event) -> list[tuple[str, str, str]]:
    """The `event_actors` rows of an event."""
    return role_rows(e.id, e.actors, e.recipients, e.participants, e.sources)


def role_rows(
    event_id: str,
    actors: Sequence[str],
    recipients: Sequence[str],
    participants: Sequence[str],
    sources: Sequence[str],
) -> list[tuple[str, str, str]]:
    """The `event_actors` rows of one event, each (actor, role) once."""
    rows = [(event_id, x, "actor") for x in actors]
    rows += [(event_id, x, "recipient") for x in recipients if x not in actors]
    rows += [(event_id, x, "participant") for x in participants]
    rows += [(event_id, x, "source") for x in sources]
    return list(dict.fromkeys(rows))


def evidence_rows(a: Article, e: Event) -> list[Row]:
    """The `event_sources` rows of one event of an article, each span once."""
    return list(
        dict.fromkeys((e.id, a.id, s.start, s.end, sentence_index(a, s.start)) for s in e.evidence)
    )


def sentence_index(article: Article, offset: int) -> int | None:
    """The index of the sentence holding a character offset, None outside every sentence."""
    sentence = article.sentence_at(offset)
    return sentence.index if sentence else None
