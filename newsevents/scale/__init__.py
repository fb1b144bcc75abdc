"""Ingest at scale: every core of one machine, or a Dask cluster, with one writer per store.

- `writer.py`: the one process that writes a store. It takes the processed articles in input
  order, checks for copies, stores them in batches (one transaction and one INSERT per table
  for many articles) and keeps the store's learned persons up to date.
- `persons.py`: the learned persons of a run as a log that worker processes replay, and the
  test that says when an article must be read again with persons learned after it was sent.
- `workers.py`: the pipeline in worker processes (`newsevents ingest --workers N`), each with
  its own resources, feeding the writer.
- `cluster.py`, `shards.py`: the same pipeline on Dask (`newsevents ingest --cluster`),
  writing Parquet shards (store/parquet_db.py) that a merge folds into the store.

Nothing here is imported by `newsevents ingest --workers 1` beyond the writer, and Dask only
by the cluster path.
"""
