"""Who reports what: the source of each sentence's statements.

"heißt es in einer Erklärung des pakistanischen Außenministeriums", "laut Innenministerium",
"according to the U.N.", "X said": the named source. A bare "hieß es" or "In der russischen
Erklärung" refers back to the last statement of that source in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsevents.lang.lexicons import Grammar
from newsevents.records import Article, Mention, Sentence

SOURCE_KINDS = {"organization", "person", "country", "group", "body"}
SOURCE_WINDOW = 60  # characters between a statement noun and its source's name
WORDS = re.compile(r"\w+")
TRAILING_WORDS = 12  # ", Ukrainian officials said on Sunday." is short; a longer clause says more


@dataclass(slots=True)
class Attribution:
    """The source of a sentence's statements and the mentions that name it."""

    sources: list[str]
    cue: str
    explicit: bool
    spans: list[tuple[int, int]] = field(default_factory=list)


class AttributionTracker:
    """Walks an article's sentences in order, remembering the last statement source."""

    def __init__(self, article: Article, grammar: Grammar) -> None:
        self.article = article
        self.grammar = grammar
        self.last: Attribution | None = None
        self.by_country: dict[str, Attribution] = {}

    def _candidates(self, mentions: list[Mention]) -> list[Mention]:
        outer = [m for m in mentions if m.kind in SOURCE_KINDS and m.actor_id]
        return [
            m
            for m in outer
            if not any(
                o is not m
                and o.start <= m.start
                and m.end <= o.end
                and o.kind in SOURCE_KINDS
                and (o.end - o.start) > (m.end - m.start)
                for o in outer
            )
        ]

    def sentence(self, sentence: Sentence, mentions: list[Mention]) -> Attribution | None:
        """The attribution of one sentence, updating the memory."""
        text = self.article.text
        candidates = self._candidates(mentions)
        found: Attribution | None = None
        for match in self.grammar.regex("statement_nouns").finditer(
            text, sentence.start, sentence.end
        ):
            after = [m for m in candidates if match.end() < m.start <= match.end() + SOURCE_WINDOW]
            gap_ok = [
                m
                for m in after
                if text[match.end() : m.start].strip().lower().split()[:1]
                and text[match.end() : m.start].strip().lower().split()[0]
                in {"des", "der", "von", "vom", "of", "by", "from"}
            ]
            if gap_ok:
                source = gap_ok[0]
                found = Attribution(
                    [source.actor_id or ""], match.group(), True, [(source.start, source.end)]
                )
                break
            before = [
                m
                for m in mentions
                if m.kind == "country"
                and m.end <= match.start()
                and not text[m.end : match.start()].strip()
            ]
            if before and before[-1].country:
                country = before[-1].country
                earlier = self.by_country.get(country)
                if earlier is not None:
                    found = Attribution(
                        earlier.sources, match.group(), True, [(before[-1].start, before[-1].end)]
                    )
                else:
                    found = Attribution(
                        [before[-1].actor_id or ""],
                        match.group(),
                        True,
                        [(before[-1].start, before[-1].end)],
                    )
                break
        if found is None:
            for match in self.grammar.regex("source_prepositions").finditer(
                text, sentence.start, sentence.end
            ):
                near = [
                    m
                    for m in candidates
                    if (
                        0 <= m.start - match.end() <= SOURCE_WINDOW
                        and not self._closed_source(match.end(), m.start)
                    )
                    or 0 <= match.start() - m.end <= 3
                ]
                if near:
                    source = near[0]
                    found = Attribution(
                        [source.actor_id or ""], match.group(), True, [(source.start, source.end)]
                    )
                    break
        if found is None:
            found = self._trailing(sentence, candidates)
        if found is None and self.grammar.regex("attribution_verbs").search(
            text, sentence.start, sentence.end
        ):
            cue = self.grammar.regex("attribution_verbs").search(text, sentence.start, sentence.end)
            assert cue is not None
            if (
                cue.group().lower() in {"heißt es", "hieß es", "hiess es", "heisst es"}
                and self.last
            ):
                found = Attribution(self.last.sources, cue.group(), False)
        if found is not None and found.explicit and found.sources:
            self.last = found
            for actor_id in found.sources:
                actor = self.article.actors.get(actor_id)
                if actor and actor.country:
                    self.by_country[actor.country] = found
        return found

    def _closed_source(self, start: int, end: int) -> bool:
        """Whether the source phrase ends before a name: at a comma ("according to reports
        from Kabul, Pakistan ..."), or at a bare source noun not followed by a preposition that
        would lead on to the name ("according to reports the UK is ..."). Only for languages
        that list such nouns."""
        if not self.grammar.words.get("bare_source_nouns"):
            return False
        if "," in self.article.text[start:end]:
            return True
        words = [w.lower() for w in self._text_words(start, end)]
        return any(
            self.grammar.has("bare_source_nouns", w)
            and (i + 1 == len(words) or not self.grammar.has("source_links", words[i + 1]))
            for i, w in enumerate(words)
        )

    def _text_words(self, start: int, end: int) -> list[str]:
        """The words of the article text between two offsets."""
        return WORDS.findall(self.article.text, start, end)

    def _trailing(self, sentence: Sentence, candidates: list[Mention]) -> Attribution | None:
        """A closing ", officials said" / ", sagte Baerbock": its names report, they don't act."""
        text = self.article.text
        comma = text.rfind(",", sentence.start, sentence.end)
        if comma == -1:
            return None
        clause = text[comma + 1 : sentence.end]
        if len(clause.split()) > TRAILING_WORDS:
            return None
        cue = self.grammar.regex("attribution_verbs").search(clause)
        if cue is None or clause.strip().startswith(("„", '"', "“")):
            return None
        inside = sorted(
            (m for m in candidates if comma < m.start < sentence.end), key=lambda m: m.start
        )
        if not inside:
            return None  # a bare ", hieß es": the source is the one reported before
        # The speaker and those named with it ("X und Y"), not the interviewer after it ("so X
        # in einem Interview des Bayerischen Fernsehens").
        speakers = inside[:1]
        for mention in inside[1:]:
            link = text[speakers[-1].end : mention.start].strip().lower()
            if link not in {",", ""} and not self.grammar.has("coordination", link):
                break
            speakers.append(mention)
        spans = [(comma + 1, sentence.end)]
        return Attribution([m.actor_id or "" for m in speakers], cue.group(), True, spans)
