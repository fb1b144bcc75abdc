"""newsevents: German and English news to a verifiable database of political events."""

from newsevents.api import Extraction, extract
from newsevents.errors import NewsEventsError
from newsevents.ingest import IngestReport, ingest
from newsevents.records import Actor, Article, Event, EventDate, Mention, Quote, Span
from newsevents.resources import Resources
from newsevents.store import EventFilter, Store

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "Event",
    "EventDate",
    "EventFilter",
    "Extraction",
    "IngestReport",
    "Mention",
    "NewsEventsError",
    "Quote",
    "Resources",
    "Span",
    "Store",
    "__version__",
    "extract",
    "ingest",
]
