"""The HTTP API through the ASGI test client: formats, filters, paging, validation, safety."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import TOKEN, XSS_TITLE
from fastapi.testclient import TestClient

from newsevents.store import Store

SQL_PAYLOADS = [
    "' OR 1=1 --",
    "'; DROP TABLE events; --",
    '" OR ""="',
    "%' OR '%'='",
    "x') UNION SELECT id, text FROM articles --",
    "\\'; SELECT 1; --",
]
# Every filter that takes free text, on every route that takes it.
TEXT_FILTERS = [
    ("/events.json", "actor"),
    ("/events.json", "country"),
    ("/events.json", "text"),
    ("/counts.json", "actor"),
    ("/counts.json", "country"),
    ("/counts.json", "text"),
    ("/actors.json", "q"),
    ("/actors.json", "kind"),
    ("/articles.json", "q"),
    ("/search.json", "q"),
]
# Filters with a closed set of values: injection is refused before any query runs.
CLOSED_FILTERS = [
    ("/events.json", "type"),
    ("/events.json", "status"),
    ("/events.json", "since"),
    ("/events.json", "until"),
    ("/events.json", "sort"),
    ("/events.json", "order"),
    ("/events.json", "limit"),
    ("/events.json", "page"),
    ("/counts.json", "interval"),
    ("/counts.json", "by"),
]


def events(client: TestClient, **params: Any) -> dict[str, Any]:
    """GET /events.json with params; assert 200 and return the body."""
    response = client.get("/events.json", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


# -- formats ------------------------------------------------------------------------------


def test_one_route_two_formats(client: TestClient) -> None:
    html = client.get("/events")
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "<table" in html.text
    as_json = client.get("/events.json")
    by_accept = client.get("/events", headers={"Accept": "application/json"})
    assert as_json.headers["content-type"] == "application/json"
    assert as_json.json() == by_accept.json()
    assert client.get("/", follow_redirects=False).headers["location"] == "/events"


def test_every_route_answers_in_both_formats(client: TestClient) -> None:
    body = events(client, limit=1)
    event = body["events"][0]
    actor = event["actors"][0]["id"]
    for path in (
        "/events",
        f"/events/{event['id']}",
        "/actors",
        f"/actors/{actor}",
        "/articles",
        f"/articles/{event['article_id']}",
        "/counts",
        "/search?q=Berlin",
    ):
        base, _, query = path.partition("?")
        html = client.get(path)
        assert html.status_code == 200, (path, html.text[:300])
        assert "text/html" in html.headers["content-type"]
        as_json = client.get(base + ".json" + (f"?{query}" if query else ""))
        assert as_json.status_code == 200 and as_json.headers["content-type"] == "application/json"
        assert "X-Newsevents-Snapshot" in as_json.headers


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/events").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_static_assets_are_served_locally(client: TestClient) -> None:
    page = client.get("/events").text
    assert "/static/style.css" in page and "/static/app.js" in page
    assert "http://" not in page.split("<main>")[0] and "https://" not in page.split("<main>")[0]
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/app.js").status_code == 200


# -- events: filters, paging, sorting -------------------------------------------------------


def test_events_paging(client: TestClient) -> None:
    whole = events(client, limit=1000)
    first, second = events(client, limit=3, page=1), events(client, limit=3, page=2)
    assert first["total"] == whole["total"] == len(whole["events"])
    assert first["pages"] == -(-whole["total"] // 3)
    ids = [e["id"] for e in whole["events"]]
    assert [e["id"] for e in first["events"] + second["events"]] == ids[:6]
    beyond = events(client, limit=3, page=1000)
    assert beyond["events"] == [] and beyond["total"] == whole["total"]


def test_events_sorting(client: TestClient) -> None:
    by_type = [e["type"] for e in events(client, sort="type", order="asc", limit=1000)["events"]]
    assert by_type == sorted(by_type)
    dates = [e["date"] for e in events(client, sort="date", order="asc", limit=1000)["events"]]
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and dates[: len(dated)] == dated


def test_events_filters(client: TestClient) -> None:
    consult = events(client, type="consult")["events"]
    assert consult and {e["type"] for e in consult} == {"CONSULT"}
    planned = events(client, status="planned")["events"]
    assert planned and {e["status"] for e in planned} == {"planned"}
    since = events(client, since="2024-03-10")["events"]
    assert since and all(e["date"] >= "2024-03-10" for e in since)
    until = events(client, until="2024-03-08")["events"]
    assert until and all(e["date"] <= "2024-03-08" for e in until)
    kenya = events(client, country="Kenya")["events"]
    assert kenya and all(
        "KEN" in {p["country"] for p in e["actors"] + e["recipients"]} for e in kenya
    )
    assert events(client, country="KEN")["total"] == len(kenya)
    iran = events(client, actor="Iran")["events"]
    assert iran and all("Iran" in {p["name"] for p in e["actors"] + e["recipients"]} for e in iran)
    munition = events(client, text="munition")["events"]
    assert munition and all("munition" in e["evidence"][0]["text"].lower() for e in munition)


def test_seed_working_group_session_found_by_pakistan(client: TestClient, seed: Path) -> None:
    found = events(client, country="Pakistan", type="CONSULT")["events"]
    session = [
        e
        for e in found
        if {p["id"] for p in e["actors"]} == {"country:PAK", "country:RUS"}
        and any("Arbeitsgruppe" in s["text"] for s in e["evidence"])
    ]
    assert len(session) == 1
    detail = client.get(f"/events/{session[0]['id']}.json").json()["event"]
    assert detail["explanation"] and detail["article"]["text"]
    for span in detail["evidence"]:
        assert detail["article"]["text"][span["start"] : span["end"]] == span["text"]
    page = client.get(f"/events/{session[0]['id']}").text
    assert '<mark class="evidence"' in page and 'id="evidence-0"' in page
    assert "Arbeitsgruppe" in page


def test_event_page_marks_evidence_actors_dates(client: TestClient) -> None:
    event = events(client, country="DEU", type="CONSULT", limit=1)["events"][0]
    page = client.get(f"/events/{event['id']}").text
    assert '<mark class="evidence"' in page
    assert '<span class="actor"' in page and '<span class="date"' in page
    assert '<span class="trigger"' in page
    assert "Why it was coded" in page


def test_unknown_ids_are_404(client: TestClient) -> None:
    for path in ("/events/nope", "/actors/nope", "/articles/nope"):
        assert client.get(path + ".json").status_code == 404
        page = client.get(path)
        assert page.status_code == 404 and "not found" in page.text


# -- actors, articles, counts, search -----------------------------------------------------


def test_actor_has_aliases_roles_events_timeline_network(client: TestClient) -> None:
    actor = client.get("/actors/country:DEU.json").json()["actor"]
    assert actor["aliases"] and actor["events"] and actor["articles"]
    assert actor["timeline"] and {"period", "type", "count"} <= set(actor["timeline"][0])
    partners = {p["id"]: p for p in actor["network"]}
    assert "country:FRA" in partners
    assert partners["country:FRA"]["relations"]["meets"] >= 1
    page = client.get("/actors/country:DEU").text
    assert 'class="chart timeline"' in page and 'class="chart network"' in page
    people = client.get("/actors.json", params={"kind": "person"}).json()
    assert people["actors"] and all(a["kind"] == "person" for a in people["actors"])
    assert any(a["roles"] for a in people["actors"])


def test_actor_search_by_alias(client: TestClient, seed: Path) -> None:
    found = client.get("/actors.json", params={"q": "Werschinin"}).json()["actors"]
    assert [a["id"] for a in found] == ["person:sergey-vershinin"]


def test_article_has_mentions_and_events(client: TestClient) -> None:
    listing = client.get("/articles.json").json()
    assert listing["total"] == len(listing["articles"]) >= 6
    article_id = next(a["id"] for a in listing["articles"] if a["events"])
    article = client.get(f"/articles/{article_id}.json").json()["article"]
    assert article["text"] and article["mentions"] and article["events"]
    assert client.get("/articles.json", params={"q": "Kharkiv"}).json()["total"] == 1


def test_counts_by_type_and_pair(client: TestClient) -> None:
    total = events(client, limit=1000)
    dated = sum(1 for e in total["events"] if e["date"])
    for interval in ("day", "week", "month", "year"):
        rows = client.get("/counts.json", params={"interval": interval}).json()["counts"]
        assert sum(r["count"] for r in rows) == dated
    pairs = client.get("/counts.json", params={"by": "pair", "country": "DEU"}).json()["counts"]
    assert any({r["actor"], r["recipient"]} == {"country:DEU", "country:FRA"} for r in pairs)
    consult = client.get("/counts.json", params={"type": "CONSULT"}).json()["counts"]
    assert {r["type"] for r in consult} == {"CONSULT"}


def test_search_finds_actors_events_articles(client: TestClient) -> None:
    body = client.get("/search.json", params={"q": "Kenya"}).json()
    assert any(a["id"] == "country:KEN" for a in body["actors"])
    texts = [" ".join(s["text"] for s in e["evidence"]).lower() for e in body["events"]]
    assert texts and all("kenya" in t for t in texts)
    assert client.get("/search.json").json()["actors"] == []


# -- validation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params", "says"),
    [
        ("/events.json", {"since": "2024-13-01"}, "since"),
        ("/events.json", {"until": "yesterday"}, "until"),
        ("/events.json", {"type": "PARTY"}, "unknown event type"),
        ("/events.json", {"status": "rumoured"}, "status"),
        ("/events.json", {"page": "-1"}, "page"),
        ("/events.json", {"page": "0"}, "page"),
        ("/events.json", {"limit": "0"}, "limit"),
        ("/events.json", {"limit": "100000"}, "limit"),
        ("/events.json", {"limit": "ten"}, "limit"),
        ("/events.json", {"sort": "evidence"}, "sort"),
        ("/events.json", {"since": "2024-03-12", "until": "2024-03-01"}, "after until"),
        ("/events.json", {"text": "x" * 500}, "text"),
        ("/counts.json", {"interval": "fortnight"}, "interval"),
        ("/counts.json", {"by": "colour"}, "by"),
        ("/actors.json", {"page": "-3"}, "page"),
        ("/articles.json", {"limit": "-1"}, "limit"),
    ],
)
def test_bad_parameters_get_422_with_a_message(
    client: TestClient, path: str, params: dict[str, str], says: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422
    assert says in json.dumps(response.json()["detail"])
    page = client.get(path.removesuffix(".json"), params=params)
    assert page.status_code == 422 and "invalid request" in page.text


# -- injection ------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "param"), TEXT_FILTERS)
@pytest.mark.parametrize("payload", SQL_PAYLOADS)
def test_sql_injection_in_text_filters_matches_nothing(
    client: TestClient, path: str, param: str, payload: str
) -> None:
    response = client.get(path, params={param: payload})
    assert response.status_code in (200, 422), response.text
    if response.status_code == 422:  # too long for this filter: refused before any query
        return
    body = response.json()
    rows = body.get("events") or body.get("counts") or body.get("actors") or body.get("articles")
    assert not rows, f"{param}={payload!r} matched {rows!r}"[:300]


@pytest.mark.parametrize(("path", "param"), CLOSED_FILTERS)
@pytest.mark.parametrize("payload", SQL_PAYLOADS[:3])
def test_sql_injection_in_closed_filters_is_refused(
    client: TestClient, path: str, param: str, payload: str
) -> None:
    assert client.get(path, params={param: payload}).status_code == 422


def test_sql_injection_in_path_ids(client: TestClient) -> None:
    for payload in SQL_PAYLOADS:
        for route in ("/events/", "/actors/", "/articles/"):
            assert client.get(route + payload.replace("/", "") + ".json").status_code == 404
    assert events(client)["total"] > 0  # and nothing was dropped


def test_script_in_title_and_text_is_escaped(hostile_client: TestClient) -> None:
    article = hostile_client.get("/articles.json").json()["articles"][0]
    assert article["title"] == XSS_TITLE  # stored as given, escaped on output
    event = hostile_client.get("/events.json").json()["events"][0]
    for path in (
        "/events",
        "/articles",
        f"/articles/{article['id']}",
        f"/events/{event['id']}",
        "/search?q=<script>",
        "/actors?q=<script>alert(1)</script>",
    ):
        page = hostile_client.get(path).text
        assert "<script>window" not in page and "<img src=x" not in page, path
        assert "<b onmouseover" not in page and "<script>alert" not in page, path
    page = hostile_client.get(f"/articles/{article['id']}").text
    assert "&lt;script&gt;window.__xss" in page


def test_missing_database_is_503_with_a_reason(tmp_path: Path) -> None:
    from newsevents.web import create_app

    with TestClient(create_app(tmp_path / "none.duckdb")) as missing:
        response = missing.get("/events.json")
        assert response.status_code == 503 and response.headers["retry-after"]
        assert "newsevents ingest" in response.json()["detail"]
        assert "newsevents ingest" in missing.get("/events").text


# -- rendering helpers ----------------------------------------------------------------------


def test_highlight_nests_and_escapes() -> None:
    from newsevents.web.highlight import Mark, paragraphs

    text = "A <b>&</b> met B.\n\nSecond"
    marks = [Mark(0, 17, "evidence", anchor="evidence-0"), Mark(0, 1, "actor", 'x"y')]
    first, second = paragraphs(text, marks)
    assert (first.number, second.number) == (1, 2) and first.marked and not second.marked
    assert str(first.html).startswith('<mark class="evidence" id="evidence-0">')
    assert '<span class="actor" title="x&#34;y">A</span>' in str(first.html)
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in str(first.html) and "<b>" not in str(first.html)


def test_charts_escape_names() -> None:
    import datetime as dt

    from newsevents.web.charts import fill_periods, network_svg, timeline_svg

    months = fill_periods([dt.date(2023, 11, 1), dt.date(2024, 2, 1)], "month")
    assert months == [
        dt.date(2023, 11, 1),
        dt.date(2023, 12, 1),
        dt.date(2024, 1, 1),
        dt.date(2024, 2, 1),
    ]
    rows = [{"period": dt.date(2024, 1, 1), "type": "<script>", "count": 2}]
    assert "<script>" not in str(timeline_svg(rows))
    partner = {"id": "x:<y>", "name": "<script>", "events": 1, "relations": {"meets": 1}}
    svg = str(network_svg({"id": "a", "name": "<i>"}, [partner]))
    assert "<script>" not in svg and "<i>" not in svg and "&lt;script&gt;" in svg


# -- writing over HTTP ----------------------------------------------------------------------

ARTICLE = {
    "text": "NAIROBI: Kenia und Äthiopien haben am Montag in Nairobi über die Grenze beraten.",
    "title": "Kenia und Äthiopien beraten",
    "published": "2024-05-06",
}


def test_post_is_off_without_a_token(client: TestClient) -> None:
    response = client.post("/articles", json=ARTICLE)
    assert response.status_code == 403 and "off" in response.json()["detail"]


def test_post_needs_the_token(writable_client: TestClient) -> None:
    assert writable_client.post("/articles", json=ARTICLE).status_code == 401
    wrong = {"Authorization": "Bearer nope"}
    assert writable_client.post("/articles", json=ARTICLE, headers=wrong).status_code == 401
    auth = {"Authorization": f"Bearer {TOKEN}"}
    created = writable_client.post("/articles", json=ARTICLE, headers=auth)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["stored"] and body["events"]
    # The poster reads its own write at once.
    assert writable_client.get(f"/events/{body['events'][0]}.json").status_code == 200
    again = writable_client.post("/articles", json=ARTICLE, headers=auth)
    assert again.status_code == 200 and not again.json()["stored"]
    bad = writable_client.post("/articles", json={"text": ""}, headers=auth)
    assert bad.status_code == 422


def test_a_posted_copy_is_recorded_as_a_copy_like_ingest_does(writable_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    first = writable_client.post("/articles", json=ARTICLE, headers=auth).json()
    syndicated = {**ARTICLE, "url": "https://other.example/kenia", "source": "Other"}
    copy = writable_client.post("/articles", json=syndicated, headers=auth)
    assert copy.status_code == 200, copy.text
    assert copy.json() == {
        "id": first["id"],
        "stored": False,
        "events": [],
        "copy_of": first["id"],
        "partial": None,
    }


def test_request_body_has_a_size_limit(writable_client: TestClient) -> None:
    from newsevents.web.app import MAX_BODY_BYTES

    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    big = b'{"text": "' + b"a" * (MAX_BODY_BYTES + 10) + b'"}'
    assert writable_client.post("/articles", content=big, headers=auth).status_code == 413


# -- the OpenAPI document ---------------------------------------------------------------------


def test_openapi_lists_every_endpoint_with_parameters(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in (
        "/events",
        "/events/{event_id}",
        "/actors",
        "/actors/{actor_id}",
        "/articles",
        "/articles/{article_id}",
        "/counts",
        "/search",
    ):
        assert "get" in paths[path] and "get" in paths[path + ".json"], path
    assert "post" in paths["/articles"]
    names = {p["name"] for p in paths["/events"]["get"]["parameters"]}
    assert names >= {"actor", "country", "type", "since", "until", "text", "status"}
    assert names >= {"limit", "page", "sort", "order"}
    counts = {p["name"] for p in paths["/counts.json"]["get"]["parameters"]}
    assert counts >= {"interval", "by", "actor", "country", "type"}


# -- concurrency with `newsevents ingest` -----------------------------------------------------


def test_server_keeps_serving_while_another_process_ingests(tmp_path: Path, web_db: Path) -> None:
    """The measured behaviour documented in newsevents/web/snapshot.py."""
    from newsevents.web import create_app, snapshot

    db = tmp_path / "live.duckdb"
    db.write_bytes(web_db.read_bytes())
    source = tmp_path / "more.jsonl"
    source.write_text(json.dumps(ARTICLE, ensure_ascii=False) + "\n", encoding="utf-8")
    with TestClient(create_app(db)) as live:
        before = live.get("/events.json").json()["total"]
        # A writer process that holds the file for a while, as a long ingest does.
        holder = subprocess.Popen(
            [sys.executable, "-c", _HOLD_AND_INGEST, str(db), str(source)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        statuses = []
        deadline = time.monotonic() + 60
        while holder.poll() is None and time.monotonic() < deadline:
            statuses.append(live.get("/events.json").status_code)
            time.sleep(0.05)
        _, err = holder.communicate(timeout=30)
        assert holder.returncode == 0, err
        assert statuses and set(statuses) == {200}, statuses  # never refused, never 5xx
        # After the writer ends the next refresh serves the new article.
        time.sleep(snapshot.REFRESH_S + 0.1)
        live.get("/events.json")  # starts the refresh
        deadline = time.monotonic() + 10
        after = before
        while after == before and time.monotonic() < deadline:
            time.sleep(0.1)
            after = live.get("/events.json").json()["total"]
        assert after > before
    with Store(db) as store:  # and the writer could always open the file
        assert store.counts()["articles"] >= 8


_HOLD_AND_INGEST = """
import sys, time, datetime as dt
import newsevents
from newsevents.text.read import ReadOptions
from newsevents.store import Store
with Store(sys.argv[1]) as store:
    time.sleep(1.5)
    report = newsevents.ingest([sys.argv[2]], store, ReadOptions(dt.date(2024, 5, 6)))
    assert report.stored, report
    time.sleep(1.0)
"""
