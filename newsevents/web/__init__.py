"""The web interface: an ASGI app serving the event store as HTML pages and a JSON API."""

from newsevents.web.app import create_app

__all__ = ["create_app"]
