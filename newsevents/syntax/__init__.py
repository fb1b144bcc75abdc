"""Stage `syntax`: dependency parses of the analysed sentences, for the event coder.

`backend.py` holds the parser backends (spaCy pipelines; a test double), `stage.py` the stage:
which sentences are parsed, batched per article, with token offsets into the article text.
"""

from newsevents.syntax.backend import MockSyntax, SpacySyntax, SyntaxBackend
from newsevents.syntax.stage import parse, parse_sentences

__all__ = ["MockSyntax", "SpacySyntax", "SyntaxBackend", "parse", "parse_sentences"]
