"""Stage 5, mentions: what each sentence names (`finder.MentionFinder`).

Knowledge-base names, role nouns and titles (`roles`), surnames and named bodies, dates,
"beide Seiten" and "hier", and names from the NER backend; English extras in `groups`,
`fuzzy_countries`, `context_countries` and `place_choice`.
"""
