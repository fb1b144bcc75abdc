"""The country a passage of an article is about: for parties the text does not place.

"der Richter", "die Kanzlerin" or a person the knowledge base does not know belong to the country
the passage around them is about, not to the one the whole article names most: a report on
German refugee policy that ends with Turkey's part in it still places Seehofer in Germany. Each
country named near the sentence counts, the nearer the more (`DECAY`); the dateline counts
throughout. A country that does not clearly lead (`LEAD`) gives no code: none is better than a
wrong one.
"""

from __future__ import annotations

from collections import defaultdict

from newsevents.records import Article

COUNTED_KINDS = frozenset({"country", "place", "organization", "person"})
INTERNATIONAL = frozenset({"IGO", "NGO", "IMG"})
DECAY = 0.5  # a mention one sentence further away counts half as much
DATELINE_WEIGHT = 3.0  # the dateline, wherever the sentence is
SAME_SENTENCE_WEIGHT = 2.0  # a country named in the sentence itself
LEAD = 1.2  # the first country must outweigh the second this many times


class LocalCountry:
    """Scores of the countries named around each sentence of one article."""

    def __init__(self, article: Article) -> None:
        self.by_sentence: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for mention in article.mentions:
            country = mention.country
            counted = mention.kind in COUNTED_KINDS and not mention.is_dateline
            if counted and country and country not in INTERNATIONAL:
                self.by_sentence[mention.sentence][country] += 1
        dateline = article.actors.get(article.dateline or "")
        self.dateline = dateline.country if dateline is not None else None
        self._cache: dict[int, str | None] = {}

    def country(self, sentence: int) -> str | None:
        """The country the passage around `sentence` is about, or None when none leads."""
        if sentence not in self._cache:
            self._cache[sentence] = self._lead(sentence)
        return self._cache[sentence]

    def _lead(self, sentence: int) -> str | None:
        scores: dict[str, float] = defaultdict(float)
        if self.dateline:
            scores[self.dateline] += DATELINE_WEIGHT
        for index, counts in self.by_sentence.items():
            distance = abs(index - sentence)
            weight = SAME_SENTENCE_WEIGHT if distance == 0 else DECAY ** (distance - 1)
            for country, n in counts.items():
                scores[country] += weight * n
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        if not ranked:
            return None
        if len(ranked) > 1 and ranked[0][1] < LEAD * ranked[1][1]:
            return None
        return ranked[0][0]
