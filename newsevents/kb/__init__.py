"""The knowledge base: countries, places, organisations, persons and role titles.

`base.KnowledgeBase` (lookups and matching) over `loading.KbTables` (the bundled files and
users' entries); `matcher` finds aliases in text, `forms` inflects names; `layer.PersonLayer`
holds the persons a store has learned, over the shared, read-only bundled knowledge base.
"""
