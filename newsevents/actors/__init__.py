"""Stage 6, actors: canonical actors of an article, linked from its mentions (`link`)."""
