"""Stage 7, events: PLOVER events with roles, status, date, place, sources and quotes.

`coder.EventFinder` reads an article sentence by sentence: `triggers` finds trigger words,
`clauses` keeps the main ones, `assign`/`roles` choose actor and recipients, `frame` adds
status, date, place and contexts, `attribution` and `quotes` who said it; `merge` fuses reports
of the same event within the article and `series` numbers sessions of a body.
"""
