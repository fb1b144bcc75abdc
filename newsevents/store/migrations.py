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
