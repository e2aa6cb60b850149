#!/usr/bin/env python3
"""SQLite FTS5 baseline: build a full-text table of the same articles, or query it.

  fts5_build.py build DB PATH...      load id, title, body of every .jsonl under PATH
  fts5_build.py query DB QUERIES.tsv  run each query (bm25 order, LIMIT 10), with and
                                      without snippet(); prints a JSON summary

The table: fts5(id UNINDEXED, title, body, tokenize='unicode61 remove_diacritics 2'),
content stored (like tracuu's stored title and body), positions kept (FTS5's default
detail=full). Loading is one transaction with journal_mode=OFF and synchronous=OFF, then
FTS5's 'optimize' (merge into one b-tree, as tantivy's writer merges segments).
Single-threaded: SQLite has no parallel insert.
"""

import json
import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from measure import latency_summary  # noqa: E402
from queries import fts5_match  # noqa: E402


def fts5_available():
    try:
        con = sqlite3.connect(":memory:")
        con.execute(
            "CREATE VIRTUAL TABLE t USING fts5(a, tokenize='unicode61 remove_diacritics 2')"
        )
        con.close()
        return True
    except sqlite3.Error:
        return False


def jsonl_files(paths):
    out = []
    for p in paths:
        if os.path.isdir(p):
            for root, _d, files in os.walk(p):
                out.extend(os.path.join(root, n) for n in files if n.endswith(".jsonl"))
        else:
            out.append(p)
    return sorted(out)


def build(db, paths):
    started = time.perf_counter()
    if os.path.exists(db):
        os.unlink(db)
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute(
        "CREATE VIRTUAL TABLE articles USING fts5("
        "id UNINDEXED, title, body, tokenize='unicode61 remove_diacritics 2')"
    )
    docs = 0
    con.execute("BEGIN")
    for path in jsonl_files(paths):
        with open(path, encoding="utf-8") as f:
            rows = []
            for line in f:
                try:
                    obj = json.loads(line)
                except ValueError:
                    continue
                body = obj.get("body") or obj.get("text") or ""
                if not body:
                    continue
                title = obj.get("title") or ""
                rows.append((obj.get("id"), title, body))
            con.executemany("INSERT INTO articles(id, title, body) VALUES (?, ?, ?)", rows)
            docs += len(rows)
    con.execute("COMMIT")
    loaded = time.perf_counter() - started
    con.execute("INSERT INTO articles(articles) VALUES ('optimize')")
    con.commit()
    con.close()
    return {
        "docs": docs,
        "load_seconds": loaded,
        "seconds": time.perf_counter() - started,
        "sqlite_version": sqlite3.sqlite_version,
    }


def query(db, tsv):
    con = sqlite3.connect(db)
    queries = []
    with open(tsv, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line:
                qid, _, q = line.partition("\t")
                queries.append((qid, q))
    plain = "SELECT id FROM articles WHERE articles MATCH ? ORDER BY bm25(articles, 2.0, 1.0) LIMIT 10"
    snip = (
        "SELECT id, snippet(articles, 2, '«', '»', '…', 32) FROM articles "
        "WHERE articles MATCH ? ORDER BY bm25(articles, 2.0, 1.0) LIMIT 10"
    )
    out = {}
    for name, sql in [("no_snippets", plain), ("snippets", snip)]:
        con.execute(sql, ('"warm"',)).fetchall()
        times, errors, hits = [], 0, 0
        started = time.perf_counter()
        for _qid, q in queries:
            expr = fts5_match(q)
            if not expr:
                errors += 1
                continue
            t0 = time.perf_counter()
            try:
                rows = con.execute(sql, (expr,)).fetchall()
            except sqlite3.Error:
                errors += 1
                continue
            times.append((time.perf_counter() - t0) * 1e6)
            hits += bool(rows)
        wall = time.perf_counter() - started
        summary = latency_summary(times) or {}
        summary.update(
            {
                "errors": errors,
                "queries_with_hits": hits,
                "qps_single_thread": len(times) / (sum(times) / 1e6) if times else None,
                "wall_s": wall,
            }
        )
        out[name] = summary
    con.close()
    return out


def main(argv):
    if len(argv) < 3 or argv[0] not in ("build", "query"):
        print(__doc__, file=sys.stderr)
        return 2
    if not fts5_available():
        print("fts5_build: this Python's sqlite3 has no FTS5", file=sys.stderr)
        return 3
    if argv[0] == "build":
        print(json.dumps(build(argv[1], argv[2:])))
    else:
        print(json.dumps(query(argv[1], argv[2])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
