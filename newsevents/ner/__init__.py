"""Statistical named-entity recognition: spaCy backends (`backend`) and the German rules
that run after the model (`rules`, with `persons`, `orgs_places` and the word lists of `lexicon`).
"""
