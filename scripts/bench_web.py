"""Requests/s and latency of the events endpoint with concurrent clients, on loopback only.

Usage: python scripts/bench_web.py [JSONL] [--clients 20] [--requests 3000] [--seconds 60]

1. Ingests JSONL (default ../shared/data/10kgnad-test.text.jsonl) into build/bench-web.duckdb,
   unless that store already holds it.
2. Starts `uvicorn` with the app on 127.0.0.1 in a subprocess.
3. Runs N concurrent clients (httpx, asyncio) against /events.json until the request budget or
   the time budget is spent, then prints requests/s and p50/p95/p99 latency.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_JSONL = ROOT.parent / "shared" / "data" / "10kgnad-test.text.jsonl"
DEFAULT_DB = ROOT / "build" / "bench-web.duckdb"
HOST = "127.0.0.1"  # loopback only: this benchmark never sends traffic elsewhere
PUBLISHED = dt.date(2019, 1, 1)  # 10kGNAD texts carry no date; a fixed one keeps runs equal
SERVER = """
import sys, uvicorn
from newsevents.web import create_app
uvicorn.run(create_app(sys.argv[1]), host=sys.argv[2], port=int(sys.argv[3]),
            log_level="warning", access_log=False)
"""


def ensure_store(jsonl: Path, db: Path) -> int:
    """Ingest `jsonl` into `db` unless it is there already; return the number of articles."""
    import newsevents
    from newsevents.store import Store
    from newsevents.text.read import ReadOptions

    lines = sum(1 for line in jsonl.open(encoding="utf-8") if line.strip())
    db.parent.mkdir(parents=True, exist_ok=True)
    with Store(db) as store:
        have = store.counts()["articles"]
        if have < lines:
            print(f"ingesting {lines} articles of {jsonl} into {db} (once) ...", flush=True)
            started = time.perf_counter()
            report = newsevents.ingest([str(jsonl)], store, ReadOptions(published=PUBLISHED))
            print(
                f"  stored {len(report.stored)}, known {len(report.known)}, failed "
                f"{len(report.failed)} in {time.perf_counter() - started:.0f} s",
                flush=True,
            )
        counts = store.counts()
    print(f"store: {counts['articles']} articles, {counts['events']} events", flush=True)
    return counts["articles"]


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def distinct_url(url: str, i: int) -> str:
    """The i-th of 1,000 different pages of `url` (limit 20-69, page 1-20): no cache hits."""
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}limit={20 + i % 50}&page={1 + (i // 50) % 20}"


async def run_clients(
    url: str, clients: int, budget: int, seconds: float, distinct: bool = False
) -> tuple[list[float], int, float]:
    """Latencies (s) of successful requests, the error count and the wall time."""
    latencies: list[float] = []
    errors = 0
    issued = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(limits=limits, timeout=30) as client:

        async def one_client() -> None:
            nonlocal errors, issued
            while issued < budget and time.perf_counter() < deadline:
                target = distinct_url(url, issued) if distinct else url
                issued += 1
                started = time.perf_counter()
                try:
                    response = await client.get(target)
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                if ok:
                    latencies.append(time.perf_counter() - started)
                else:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(one_client() for _ in range(clients)))
        wall = time.perf_counter() - started
    return latencies, errors, wall


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def main() -> None:
    """Parse arguments, prepare the store, start the server, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jsonl", nargs="?", type=Path, default=DEFAULT_JSONL)
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=3000, help="request budget, same URL")
    parser.add_argument(
        "--distinct-requests", type=int, default=600, help="request budget, distinct URLs"
    )
    parser.add_argument("--seconds", type=float, default=45.0, help="time budget per run")
    parser.add_argument("--path", default="/events.json", help="path and query to request")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if not args.jsonl.exists():
        sys.exit(f"{args.jsonl} is missing (it lives in ../shared/data)")
    ensure_store(args.jsonl, args.db)

    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(args.db), HOST, str(port)])
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + args.path, timeout=10).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit("the server did not come up")
            time.sleep(0.2)
        # Warm-up: first requests pay for imports and the snapshot.
        asyncio.run(run_clients(base + args.path, args.clients, 50, 10))
        results = [
            summarise(
                "same URL (served from the response cache)",
                args,
                *asyncio.run(
                    run_clients(base + args.path, args.clients, args.requests, args.seconds)
                ),
            ),
            summarise(
                "distinct URLs (every request queries DuckDB)",
                args,
                *asyncio.run(
                    run_clients(
                        base + args.path, args.clients, args.distinct_requests, args.seconds, True
                    )
                ),
            ),
        ]
    finally:
        server.terminate()
        server.wait(timeout=10)
    if args.json:
        print(json.dumps(results))
        return
    for result in results:
        print(
            f"GET {result['path']} with {result['clients']} concurrent clients on loopback, "
            f"{result['run']}: {result['requests']} requests in {result['seconds']} s, "
            f"{result['errors']} errors"
        )
        print(
            f"  {result['requests_per_s']} requests/s   p50 {result['p50_ms']} ms   "
            f"p95 {result['p95_ms']} ms   p99 {result['p99_ms']} ms"
        )


def summarise(
    run: str, args: argparse.Namespace, latencies: list[float], errors: int, wall: float
) -> dict[str, object]:
    """Requests/s and latency percentiles of one run."""
    return {
        "run": run,
        "path": args.path,
        "clients": args.clients,
        "requests": len(latencies),
        "errors": errors,
        "seconds": round(wall, 2),
        "requests_per_s": round(len(latencies) / wall, 1) if wall else 0.0,
        "p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(1000 * percentile(latencies, 95), 1) if latencies else None,
        "p99_ms": round(1000 * percentile(latencies, 99), 1) if latencies else None,
    }


if __name__ == "__main__":
    main()
