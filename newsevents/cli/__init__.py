"""The `newsevents` command: thin edges over the library (no SQL, no NLP here).

`main` registers the commands: `ingest`, `events`/`show`/`export`, `actors`/`actor`,
`stories`/`story`, `extract`/`eval` and `serve`; `render` formats their output.
"""
