"""Writing a processed article: one transaction for the article and all that is attached to it.

An article already stored (same content hash) adds nothing, so ingesting the same input twice
never duplicates a row. Every row is built by its table in store/tables.py, from the record's
dataclass fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

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
            self._insert([article])
            if then is not None:
                then(article)
        return True

    def add_many(
        self,
        articles: Sequence[Article],
        ledger: ActorLedger,
        then: Callable[[Sequence[Article]], None] | None = None,
    ) -> None:
        """Store processed articles, none of them stored yet, in one transaction with one
        INSERT per table; `ledger` holds their actors, staged in article order.

        The rows are those `add` would write for each article in turn (the batch writer of
        `newsevents.scale` relies on it); `then(articles)` runs inside the transaction.
        """
        with self.transaction(f"cannot store {len(articles)} articles"):
            self._insert(articles, ledger)
            if then is not None:
                then(articles)

    def _insert(self, articles: Sequence[Article], ledger: ActorLedger | None = None) -> None:
        if ledger is None:
            ledger = ActorLedger(self)
            for a in articles:
                ledger.stage(a.actors.values())
        every = list(articles)
        self._write(
            ARTICLES, [ARTICLES.row(a, [list(p) for p in a.duplicate_pairs()]) for a in every]
        )
        self._write(PARAGRAPHS, [PARAGRAPHS.row(p, a.id) for a in every for p in a.paragraphs])
        self._write(SENTENCES, [SENTENCES.row(s, a.id) for a in every for s in a.sentences])
        self._write(
            MENTIONS, [MENTIONS.row(m, a.id, i) for a in every for i, m in enumerate(a.mentions)]
        )
        ledger.write()
        self._write(ACTOR_ROLES, [r for a in every for r in role_history(a)], "OR IGNORE")
        self._write(ARTICLE_ACTORS, [r for a in every for r in mention_counts(a)])
        self._write(EVENTS, [EVENTS.row(e, a.id) for a in every for e in a.events])
        self._write(
            EVENT_ACTORS, [r for a in every for e in a.events for r in party_rows(e)], "OR IGNORE"
        )
        self._write(
            EVENT_SOURCES,
            [r for a in every for e in a.events for r in evidence_rows(a, e)],
            "OR IGNORE",
        )
        self._write(QUOTES, [QUOTES.row(q, a.id, i) for a in every for i, q in enumerate(a.quotes)])


class ActorLedger:
    """The actors of articles about to be stored, merged as storing the articles one by one
    merges them: a new actor is stored as it is; a stored one gains the aliases and roles it
    lacks, and, when it gained any, the country and code it lacked.

    `stage(actors)` merges one article's actors (reading the stored rows of ids it has not
    seen yet, in one query); `get(id)` is an actor's row as the store will hold it; `write()`
    inserts the new actors and updates the changed ones.
    """

    def __init__(self, store: StoreConnection) -> None:
        self.store = store
        self.state: dict[str, Actor] = {}
        self.new: dict[str, None] = {}  # ids not in the store, in the order they came
        self.changed: set[str] = set()  # ids in the store whose row changed

    def stage(self, actors: Iterable[Actor]) -> None:
        """Merge one article's actors into the ledger."""
        actors = list(actors)
        unseen = [a.id for a in actors if a.id not in self.state]
        if unseen:
            marks = ", ".join("?" * len(unseen))
            for row in self.store._rows(f"SELECT * FROM actors WHERE id IN ({marks})", unseen):
                self.state[row["id"]] = Actor(**ACTORS.values(row))
        for actor in actors:
            old = self.state.get(actor.id)
            if old is None:
                self.state[actor.id] = replace(
                    actor, roles=list(actor.roles), aliases=list(actor.aliases)
                )
                self.new[actor.id] = None
                continue
            aliases = list(dict.fromkeys(old.aliases + actor.aliases))
            roles = list(dict.fromkeys(old.roles + actor.roles))
            if aliases == old.aliases and roles == old.roles:
                continue
            old.aliases, old.roles = aliases, roles
            old.country = old.country if old.country is not None else actor.country
            old.code = old.code if old.code is not None else actor.code
            if actor.id not in self.new:
                self.changed.add(actor.id)

    def get(self, actor_id: str) -> Actor | None:
        """An actor as the store will hold it once the ledger is written (None: not staged)."""
        return self.state.get(actor_id)

    def write(self) -> None:
        """Insert the new actors and update the changed ones; the ledger is then empty."""
        self.store._write(ACTORS, [ACTORS.row(self.state[i]) for i in self.new])
        changed = [self.state[i] for i in sorted(self.changed)]
        if changed:
            self.store.db.execute(
                "UPDATE actors SET aliases = m.aliases, roles = m.roles, country = m.country,"
                " code = m.code FROM (SELECT unnest(?::VARCHAR[]) AS id,"
                " unnest(?::VARCHAR[][]) AS aliases, unnest(?::VARCHAR[][]) AS roles,"
                " unnest(?::VARCHAR[]) AS country, unnest(?::VARCHAR[]) AS code) m"
                " WHERE actors.id = m.id",
                [
                    [a.id for a in changed],
                    [a.aliases for a in changed],
                    [a.roles for a in changed],
                    [a.country for a in changed],
                    [a.code for a in changed],
                ],
            )
        self.state.clear()
        self.new.clear()
        self.changed.clear()


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
