"""Whether two stores hold the same rows: every table, sorted, without ingest timestamps.

Usage: python scripts/compare_stores.py A.duckdb B.duckdb [--tables T,...] [--skip-columns C,...]

Prints, per table, the row count of each store and whether the rows are identical (and the
first differing rows when they are not); exits 1 if any table differs. Used to check that a
Dask run (`ingest --cluster`) and a single-machine ingest of the same articles give the same
store (docs/PERFORMANCE.md, section 6). `--skip-columns origin` leaves out the input path, for
runs that named the same input file by different paths.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

SKIPPED_COLUMNS = ("ingested_at", "applied_at")


def dump(
    path: Path, only: set[str] | None = None, skipped: tuple[str, ...] = SKIPPED_COLUMNS
) -> dict[str, list[str]]:
    """Every base table's rows as sorted reprs, without the columns that record when."""
    db = duckdb.connect(str(path), read_only=True)
    try:
        tables = [
            str(r[0])
            for r in db.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY 1"
            ).fetchall()
        ]
        rows: dict[str, list[str]] = {}
        for table in tables:
            if only and table not in only:
                continue
            columns = [
                f'"{r[0]}"'
                for r in db.execute(
                    "SELECT column_name FROM information_schema.columns"
                    " WHERE table_name = ? AND table_schema = 'main' ORDER BY ordinal_position",
                    [table],
                ).fetchall()
                if r[0] not in skipped
            ]
            fetched = db.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            rows[table] = sorted(repr(row) for row in fetched)
    finally:
        db.close()
    return rows


def main() -> int:
    """Compare the two stores table by table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("--tables", help="comma-separated tables to compare (default: all)")
    parser.add_argument("--skip-columns", default="", help="comma-separated columns to leave out")
    args = parser.parse_args()
    only = set(args.tables.split(",")) if args.tables else None
    skipped = SKIPPED_COLUMNS + tuple(c for c in args.skip_columns.split(",") if c)
    first, second = dump(args.first, only, skipped), dump(args.second, only, skipped)
    differ = False
    for table in sorted(first.keys() | second.keys()):
        a, b = first.get(table), second.get(table)
        if a is None or b is None:
            print(f"{table:24} only in {'the second' if a is None else 'the first'} store")
            differ = True
            continue
        same = a == b
        differ |= not same
        print(f"{table:24} {len(a):8} {len(b):8}  {'same' if same else 'DIFFERENT'}")
        if not same:
            for row in sorted(set(a) ^ set(b))[:3]:
                print(f"    {'first ' if row in set(a) else 'second'}: {row[:200]}")
    print("identical" if not differ else "the stores differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
