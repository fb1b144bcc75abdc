"""Stages 1-4 and dates: read inputs, clean, detect the language, split sentences, find dates.

`read` turns files and records into articles; `clean`, `language` and `sentences` are pipeline
stages; `dates` finds and resolves date expressions for the mentions and events stages.
"""
