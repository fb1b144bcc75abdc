"""Main text and metadata of an HTML page: trafilatura, with a plain fallback for deep pages.

trafilatura parses with lxml, whose HTML parser stops at a nesting depth of 255 (libxml2's
limit): a page nested deeper comes back empty. Such a page is read again with the standard
library's parser, which has no depth limit and costs time linear in the page, and the text of
its blocks (without scripts, styles and navigation) is taken as the article.
"""

from __future__ import annotations

import logging
from html.parser import HTMLParser
from typing import Any

log = logging.getLogger(__name__)

LXML_MAX_DEPTH = 255  # libxml2's HTML parser drops what is nested deeper than this
# Elements whose text is never article text.
SKIPPED = frozenset({"script", "style", "noscript", "template", "nav", "header", "footer", "aside"})
# Elements that end a line of text.
BLOCKS = frozenset(
    {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"}
)
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


def extract_html(html: str) -> dict[str, Any]:
    """The page's main text and metadata (title, url, date, sitename, language) as a dict;
    `text` is empty when the page has none."""
    import trafilatura  # imported here: loading it costs ~0.3 s and plain text needs none of it

    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, favor_precision=True
    )
    doc: dict[str, Any] = {}
    if result is not None:
        doc = result if isinstance(result, dict) else result.as_dict()
    if (doc.get("text") or "").strip():
        return doc
    fallback = _PlainText()
    fallback.feed(html)
    fallback.close()
    if fallback.max_depth <= LXML_MAX_DEPTH:
        return doc  # lxml read the whole page: it has no main text
    log.info(
        "HTML nested %d levels deep: text read without boilerplate removal", fallback.max_depth
    )
    return {**doc, "text": fallback.text(), "title": doc.get("title") or fallback.title or None}


class _PlainText(HTMLParser):
    """The text of a page's blocks, and how deep its elements nest."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.max_depth = 0
        self.skipping = 0  # open elements whose text is skipped
        self.in_title = False
        self.title = ""
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Count the depth; start skipping inside scripts and navigation."""
        if tag in VOID:
            if tag == "br":
                self.parts.append("\n")
            return
        self.depth += 1
        self.max_depth = max(self.max_depth, self.depth)
        if tag in SKIPPED:
            self.skipping += 1
        elif tag == "title":
            self.in_title = True
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        """Close an element."""
        if tag in VOID:
            return
        self.depth = max(0, self.depth - 1)
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "title":
            self.in_title = False
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        """Keep text outside skipped elements."""
        if self.in_title:
            self.title += data.strip()
        elif not self.skipping:
            self.parts.append(data)

    def text(self) -> str:
        """The kept text, one block per line, blank lines between none."""
        lines = (" ".join(line.split()) for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)
