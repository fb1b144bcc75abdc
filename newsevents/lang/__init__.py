"""Language data: per-language profiles (`profile`) and the compiled lexicons (`lexicons`).

Everything a stage knows about a language is read from `newsevents/data/lang/<code>.yaml` and
`newsevents/data/lexicons/*.<code>.yaml`; the code has no `if language == ...` branches.
"""
