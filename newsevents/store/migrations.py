"""Named schema migrations, applied in order and recorded in the `migrations` table."""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_initial",
        """
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY,          -- content hash (clean.content_hash)
            origin VARCHAR, title VARCHAR, url VARCHAR, source VARCHAR,
            published DATE, language VARCHAR, dateline VARCHAR,
            text VARCHAR NOT NULL,
            duplicate_paragraphs INTEGER[][],
            notes VARCHAR[],
            ingested_at TIMESTAMP DEFAULT current_timestamp
        );
        CREATE TABLE paragraphs (
            article_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER,
            duplicate_of INTEGER, PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE sentences (
            article_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER,
            paragraph INTEGER, PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE mentions (
            article_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER,
            text VARCHAR, kind VARCHAR, label VARCHAR, actor_id VARCHAR, country VARCHAR,
            sector VARCHAR, role VARCHAR, sentence INTEGER, PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE actors (
            id VARCHAR PRIMARY KEY, name VARCHAR, kind VARCHAR, code VARCHAR, sector VARCHAR,
            country VARCHAR, lat DOUBLE, lon DOUBLE,
            roles VARCHAR[], aliases VARCHAR[], members VARCHAR[]
        );
        CREATE TABLE article_actors (
            article_id VARCHAR, actor_id VARCHAR, mentions INTEGER,
            PRIMARY KEY (article_id, actor_id)
        );
        CREATE TABLE events (
            id VARCHAR PRIMARY KEY, article_id VARCHAR, type VARCHAR, mode VARCHAR,
            context VARCHAR[], is_symmetric BOOLEAN,
            date DATE, date_precision VARCHAR, date_text VARCHAR, date_reason VARCHAR,
            location VARCHAR, status VARCHAR, planned_type VARCHAR,
            trigger VARCHAR, rule VARCHAR, explanation VARCHAR[]
        );
        CREATE TABLE event_actors (
            event_id VARCHAR, actor_id VARCHAR,
            role VARCHAR,                    -- actor | recipient | participant | source
            PRIMARY KEY (event_id, actor_id, role)
        );
        CREATE TABLE event_sources (
            event_id VARCHAR, article_id VARCHAR, start_char INTEGER, end_char INTEGER,
            sentence INTEGER, PRIMARY KEY (event_id, article_id, start_char)
        );
        CREATE TABLE quotes (
            article_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER,
            text VARCHAR, paragraph INTEGER, speakers VARCHAR[], cue VARCHAR,
            PRIMARY KEY (article_id, idx)
        );
        CREATE INDEX events_type ON events(type);
        CREATE INDEX events_date ON events(date);
        CREATE INDEX event_actors_actor ON event_actors(actor_id);
        """,
    ),
]

MIGRATIONS.append(
    (
        "0002_actor_roles",
        """
        -- A person seen with a role: which role, for which country, when, and where it is said.
        CREATE TABLE actor_roles (
            actor_id VARCHAR, role VARCHAR, country VARCHAR, article_id VARCHAR,
            published DATE, start_char INTEGER, end_char INTEGER,
            PRIMARY KEY (actor_id, role, article_id)
        );
        """,
    )
)

MIGRATIONS.append(
    (
        "0003_corpus",
        """
        -- MinHash signature of every canonical article; `scheme` says how it was made, so a
        -- signature made another way is recomputed from the article's text, never compared.
        CREATE TABLE article_signatures (
            article_id VARCHAR PRIMARY KEY, scheme VARCHAR, signature BLOB
        );
        -- An exact or near copy of a stored (canonical) article, under its own source and URL.
        -- Its text is not stored and its events are not added: the canonical's stand for it.
        CREATE TABLE article_copies (
            article_id VARCHAR,              -- content hash of the copy's text
            canonical_id VARCHAR,            -- the stored article it copies
            similarity DOUBLE,               -- Jaccard of word 5-shingles (1.0: same text)
            source VARCHAR, url VARCHAR, origin VARCHAR, title VARCHAR, published DATE,
            ingested_at TIMESTAMP DEFAULT current_timestamp
        );
        CREATE INDEX article_copies_canonical ON article_copies(canonical_id);
        -- Every article's event as it was coded (a report); `canonical_id` is the stored event
        -- it was fused into. Fusion recomputes a group (same fusion_key) from these rows.
        CREATE TABLE event_reports (
            id VARCHAR PRIMARY KEY, canonical_id VARCHAR, fusion_key VARCHAR,
            article_id VARCHAR, published DATE,
            type VARCHAR, mode VARCHAR, context VARCHAR[], is_symmetric BOOLEAN,
            date DATE, date_precision VARCHAR, date_text VARCHAR, date_reason VARCHAR,
            location VARCHAR, status VARCHAR, planned_type VARCHAR,
            trigger VARCHAR, rule VARCHAR, explanation VARCHAR[],
            actors VARCHAR[], recipients VARCHAR[], participants VARCHAR[], sources VARCHAR[],
            spans INTEGER[][]                -- [start_char, end_char, sentence] per evidence span
        );
        CREATE INDEX event_reports_key ON event_reports(fusion_key);
        -- Every article reporting each event: the articles of its evidence and their copies.
        CREATE VIEW event_articles AS
            SELECT s.event_id, a.id AS article_id, CAST(NULL AS VARCHAR) AS copy_of,
                   a.source, a.url, a.published, 1.0 AS similarity
            FROM (SELECT DISTINCT event_id, article_id FROM event_sources) s
            JOIN articles a ON a.id = s.article_id
            UNION ALL
            SELECT s.event_id, c.article_id, c.canonical_id, c.source, c.url, c.published,
                   c.similarity
            FROM (SELECT DISTINCT event_id, article_id FROM event_sources) s
            JOIN article_copies c ON c.canonical_id = s.article_id;
        -- Per event: how many articles report it and from how many outlets (an article with
        -- no source counts as an outlet of its own).
        CREATE VIEW event_source_counts AS
            SELECT event_id, count(*) AS articles,
                   count(DISTINCT coalesce(source, url, article_id)) AS sources
            FROM event_articles GROUP BY event_id;
        """,
    )
)

MIGRATIONS.append(
    (
        "0004_stories",
        """
        -- The story vector of each canonical article (its title and lead); `model` names the
        -- model that made it, so a vector made by another one is recomputed, never compared.
        CREATE TABLE article_embeddings (
            article_id VARCHAR PRIMARY KEY, model VARCHAR, published DATE,
            embedding FLOAT[384]
        );
        -- Two articles about the same story: the cosine of their vectors is over the link
        -- threshold and they were published within the window. A story is a connected set.
        CREATE TABLE story_links (
            article_id VARCHAR, other_id VARCHAR, similarity DOUBLE,
            PRIMARY KEY (article_id, other_id)
        );
        -- Each canonical article's story, named by the smallest article id of its connected
        -- set, so that the same articles make the same stories in any order of ingestion.
        CREATE TABLE article_stories (article_id VARCHAR PRIMARY KEY, story_id VARCHAR);
        CREATE INDEX article_stories_story ON article_stories(story_id);
        """,
    )
)

MIGRATIONS.append(
    (
        "0005_series",
        """
        -- A meeting that is a numbered session of a body ("10. Sitzung der Arbeitsgruppe"):
        -- the body's actor id and the session number; the next session shares the body.
        ALTER TABLE events ADD COLUMN series_body VARCHAR;
        ALTER TABLE events ADD COLUMN series_session INTEGER;
        ALTER TABLE event_reports ADD COLUMN series_body VARCHAR;
        ALTER TABLE event_reports ADD COLUMN series_session INTEGER;
        """,
    )
)

MIGRATIONS.append(
    (
        "0006_typed_records",
        """
        -- How an event's date was found, as a field instead of the first word of its reason:
        -- stated in its own sentence, carried from an earlier one, or the publication date.
        ALTER TABLE events ADD COLUMN date_basis VARCHAR;
        ALTER TABLE event_reports ADD COLUMN date_basis VARCHAR;
        UPDATE events SET date_basis = CASE
            WHEN date IS NULL THEN NULL
            WHEN date_reason LIKE 'carried%' THEN 'carried'
            WHEN date_reason LIKE 'publication%' THEN 'publication' ELSE 'stated' END;
        UPDATE event_reports SET date_basis = CASE
            WHEN date IS NULL THEN NULL
            WHEN date_reason LIKE 'carried%' THEN 'carried'
            WHEN date_reason LIKE 'publication%' THEN 'publication' ELSE 'stated' END;
        -- A mention's role column holds titles only; how a name matched and whether the
        -- mention is the dateline have columns of their own (and member codes live on actors).
        ALTER TABLE mentions ADD COLUMN form VARCHAR;
        ALTER TABLE mentions ADD COLUMN is_dateline BOOLEAN DEFAULT false;
        UPDATE mentions SET is_dateline = (role = 'dateline');
        UPDATE mentions SET form = role
            WHERE role IN ('name', 'surname', 'adjective', 'demonym', 'abbreviation', 'title',
                           'org_head', 'ner');
        UPDATE mentions SET role = NULL
            WHERE is_dateline OR form IS NOT NULL OR (kind = 'body' AND role IS NOT NULL);
        """,
    )
)

MIGRATIONS.append(
    (
        "0007_article_budget_and_boilerplate",
        """
        -- Why an article was analysed only in part (over its character or time budget, see
        -- pipeline.py); NULL when it was analysed whole.
        ALTER TABLE articles ADD COLUMN partial VARCHAR;
        -- What page clutter a paragraph is ("link list", "portal phrase", "share prompt");
        -- such paragraphs stay in the text but are not analysed.
        ALTER TABLE paragraphs ADD COLUMN boilerplate VARCHAR;
        """,
    )
)

MIGRATIONS.append(
    (
        "0008_lsh_bands_and_lookups",
        """
        -- The LSH band keys of every canonical article's MinHash signature (corpus/dedupe.py):
        -- a new article's copy candidates are the articles sharing a key, found through the
        -- index, so the check costs the same in a store of any size. Filled in for older
        -- stores by the first ingest (corpus/step.py).
        CREATE TABLE article_bands (band_key BIGINT, article_id VARCHAR);
        CREATE INDEX article_bands_key ON article_bands(band_key);
        -- Lookups that every stored article makes, by index instead of a scan of a table that
        -- grows with the store: its copies, its actors' roles, its window of story vectors.
        CREATE INDEX article_copies_article ON article_copies(article_id);
        CREATE INDEX actor_roles_actor ON actor_roles(actor_id);
        CREATE INDEX article_embeddings_published ON article_embeddings(published);
        """,
    )
)

MIGRATIONS.append(
    (
        "0009_story_similarity",
        """
        -- The second story vector of each canonical article: its title and first 1,300
        -- characters (corpus/embed.py, body_text); `model` names the model and the input, so a
        -- vector made another way is recomputed, never compared. Filled in for older stores by
        -- the next ingest with stories.
        CREATE TABLE article_body_embeddings (
            article_id VARCHAR PRIMARY KEY, model VARCHAR, embedding FLOAT[384]
        );
        -- Links now come from the same-story model (corpus/similarity.py) and
        -- story_links.similarity holds its score (0.5 is the link). The links and stories of the
        -- cosine rule are dropped; the next ingest with stories makes them again from the
        -- stored articles, the same as storing them anew would.
        DELETE FROM story_links;
        DELETE FROM article_stories;
        """,
    )
)
