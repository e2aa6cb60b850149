#!/usr/bin/env python3
"""SQLite FTS5 baseline for tracuu's relevance sets, and a reference evaluator.

Subcommands:

  build   load a JSON Lines corpus (id, title, body) into an FTS5 table
          tokenized with unicode61 remove_diacritics 2, timing the load;
  search  run a query file against it the way a developer would (words quoted and OR-ed,
          ranked by bm25 with the title weighted 2:1) and write a run file, timing queries;
  eval    compute MRR@10, nDCG@10, Recall@10 and Recall@100 of a run with trec_eval's
          definitions -- the same ones as tracuu's `src/eval` module, so the two can be
          cross-checked (tests/fixtures/eval/tiny/).

Python 3 standard library only; needs an sqlite3 module built with FTS5 (CPython's usually
is; if not, `pip install pysqlite3-binary` is used automatically when present).
See bench/README.md for the commands and the recorded numbers.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

try:
    import sqlite3

    sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)")
except Exception:  # no FTS5 in the stdlib build: fall back to the PyPI wheel if installed
    try:
        import pysqlite3 as sqlite3  # type: ignore[no-redef]
    except ImportError:
        sys.exit(
            "error: this python's sqlite3 lacks FTS5; run `pip install pysqlite3-binary`"
        )

TOKENIZER = "unicode61 remove_diacritics 2"
TITLE_WEIGHT, BODY_WEIGHT = 2.0, 1.0
CUTOFFS = {"mrr_at_10": 10, "ndcg_at_10": 10, "recall_at_10": 10, "recall_at_100": 100}


class InputError(Exception):
    """A malformed input file; the message names the file and line."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {message}")


# --------------------------------------------------------------------------- input files


def open_text(path: Path):
    """Opens a UTF-8 text file, gunzipping `.gz` files."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8-sig")
    return open(path, encoding="utf-8-sig")


def numbered_lines(path: Path) -> Iterator[tuple[int, str]]:
    """The file's lines, 1-based, without line terminators."""
    try:
        with open_text(path) as f:
            for number, line in enumerate(f, start=1):
                yield number, line.rstrip("\r\n")
    except OSError as e:
        raise InputError(path, None, f"cannot read: {e.strerror or e}") from e


def read_queries(path: Path) -> list[tuple[str, str]]:
    """`qid<TAB>query` lines, or plain lines whose qid is the 1-based line number (decided by
    a tab in the first non-blank line). Same rules as tracuu's `eval::Queries`."""
    queries: list[tuple[str, str]] = []
    seen: set[str] = set()
    tabbed = None
    for number, line in numbered_lines(path):
        if not line.strip():
            continue
        if tabbed is None:
            tabbed = "\t" in line
        if tabbed:
            if "\t" not in line:
                raise InputError(path, number, "expected `qid<TAB>query`, found no tab")
            qid, text = line.split("\t", 1)
            qid, text = qid.strip(), text.strip()
        else:
            qid, text = str(number), line.strip()
        if not qid:
            raise InputError(path, number, "empty query id")
        if qid in seen:
            raise InputError(path, number, f"duplicate query id {qid}")
        seen.add(qid)
        queries.append((qid, text))
    return queries


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    """`qid docid grade` or TREC `qid iter docid grade` lines: qid -> {docid: grade}.
    Identical repeated judgments are accepted; conflicting grades are an error."""
    qrels: dict[str, dict[str, int]] = {}
    for number, line in numbered_lines(path):
        fields = line.split()
        if not fields:
            continue
        if len(fields) == 3:
            qid, doc, grade_text = fields
        elif len(fields) == 4:
            qid, _, doc, grade_text = fields
        else:
            raise InputError(path, number, f"expected 3 or 4 fields, found {len(fields)}")
        try:
            grade = int(grade_text)
        except ValueError:
            raise InputError(path, number, f"relevance grade {grade_text!r} is not an integer")
        judged = qrels.setdefault(qid, {})
        if judged.get(doc, grade) != grade:
            raise InputError(
                path, number, f"query {qid}, document {doc}: grade {grade} contradicts {judged[doc]}"
            )
        judged[doc] = grade
    return qrels


def read_run(path: Path) -> dict[str, list[str]]:
    """`qid docid rank score` or TREC `qid Q0 docid rank score tag` lines: qid -> doc ids
    ordered by the rank column (ties in file order)."""
    ranked: dict[str, list[tuple[int, int, str]]] = {}
    seen: set[tuple[str, str]] = set()
    for number, line in numbered_lines(path):
        fields = line.split()
        if not fields:
            continue
        if len(fields) == 4:
            qid, doc, rank_text, score_text = fields
        elif len(fields) == 6:
            qid, _, doc, rank_text, score_text, _ = fields
        else:
            raise InputError(path, number, f"expected 4 or 6 fields, found {len(fields)}")
        try:
            rank = int(rank_text)
            if rank <= 0:
                raise ValueError
        except ValueError:
            raise InputError(path, number, f"rank {rank_text!r} is not a positive integer")
        try:
            if not math.isfinite(float(score_text)):
                raise ValueError
        except ValueError:
            raise InputError(path, number, f"score {score_text!r} is not a finite number")
        if (qid, doc) in seen:
            raise InputError(path, number, f"query {qid}: document {doc} is listed twice")
        seen.add((qid, doc))
        ranked.setdefault(qid, []).append((rank, number, doc))
    return {qid: [doc for _, _, doc in sorted(hits)] for qid, hits in ranked.items()}


def read_corpus(path: Path, category: str | None) -> Iterator[tuple[str, str, str]]:
    """(id, title, body) of each JSON Lines document (body aliases: text, content), keeping
    only `category` when given. Ids must be unique."""
    seen: set[str] = set()
    for number, line in numbered_lines(path):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(path, number, f"invalid JSON: {e.msg}") from e
        if not isinstance(doc, dict):
            raise InputError(path, number, "expected a JSON object")
        if category is not None and doc.get("category") != category:
            continue
        doc_id = doc.get("id")
        if doc_id is None or str(doc_id) == "":
            raise InputError(path, number, "document without an `id`")
        if str(doc_id) in seen:
            raise InputError(path, number, f"duplicate document id {doc_id}")
        seen.add(str(doc_id))
        body = next((doc[k] for k in ("body", "text", "content") if doc.get(k) is not None), "")
        yield str(doc_id), doc.get("title") or "", body


# --------------------------------------------------------------------------- build


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# unicode61's remove_diacritics folds letters that decompose (ệ -> e) but keeps đ/Đ, which
# have no decomposition: "dang" does not match "Đảng". `build --fold-d` maps them itself.
FOLD_D = str.maketrans("đĐ", "dD")


def fold_setting(con) -> bool:
    """Whether the database was built with --fold-d."""
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'fold_d'").fetchone()
    except sqlite3.OperationalError:  # not built by this script
        return False
    return row is not None and row[0] == "1"


def cmd_build(args: argparse.Namespace) -> None:
    # Read (and filter) the corpus first, so the index timing covers only FTS5's work.
    t_read = (time.perf_counter(), time.process_time())
    rows = [
        (nfc(title), nfc(body), doc_id)
        for doc_id, title, body in read_corpus(Path(args.corpus), args.filter_category)
    ]
    if not rows:
        raise InputError(args.corpus, None, "no documents (check --filter-category)")
    n_docs = len(rows)
    mb = sum(len(title.encode()) + len(body.encode()) for title, body, _ in rows) / 1e6
    if args.fold_d:
        rows = [(t.translate(FOLD_D), b.translate(FOLD_D), i) for t, b, i in rows]

    db_path = Path(args.db)
    if db_path.exists():
        db_path.unlink()
    con = sqlite3.connect(db_path)
    con.execute(
        "CREATE VIRTUAL TABLE docs USING fts5("
        f"title, body, doc_id UNINDEXED, tokenize='{TOKENIZER}')"
    )
    con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    con.execute("INSERT INTO meta VALUES ('fold_d', ?)", ("1" if args.fold_d else "0",))
    con.commit()
    clocks = [(time.perf_counter(), time.process_time())]
    with con:
        con.executemany("INSERT INTO docs (title, body, doc_id) VALUES (?, ?, ?)", rows)
    clocks.append((time.perf_counter(), time.process_time()))
    with con:
        con.execute("INSERT INTO docs (docs) VALUES ('optimize')")
    clocks.append((time.perf_counter(), time.process_time()))
    con.close()
    read_wall, read_cpu = (clocks[0][i] - t_read[i] for i in (0, 1))
    print(f"built {db_path}: {n_docs} documents, {mb:.1f} MB of title+body text (UTF-8)")
    print(f"read + parse + filter the corpus: {read_wall:.2f} s wall, {read_cpu:.2f} s CPU")
    for label, end in (("index (insert, commit)", 1), ("index + optimize", 2)):
        wall, cpu = (clocks[end][i] - clocks[0][i] for i in (0, 1))
        print(
            f"{label}: {wall:.2f} s wall = {n_docs / wall:,.0f} docs/s, {mb / wall:.2f} MB/s; "
            f"{cpu:.2f} s CPU = {n_docs / cpu:,.0f} docs/s, {mb / cpu:.2f} MB/s"
        )
    print(f"database {db_path.stat().st_size / 1e6:.1f} MB")


# --------------------------------------------------------------------------- search

WORD = re.compile(r"[^\W_]+")


def match_expression(query: str, fold_d: bool = False) -> str:
    """The FTS5 MATCH expression of a free-text query: its words (runs of Unicode letters and
    digits, NFC, đ folded to d if `fold_d`), each quoted as a string, repeats dropped, joined
    with OR. Empty if the query has no words."""
    query = nfc(query).translate(FOLD_D) if fold_d else nfc(query)
    terms = dict.fromkeys(w.lower() for w in WORD.findall(query))
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def cmd_search(args: argparse.Namespace) -> None:
    if not Path(args.db).exists():
        raise InputError(args.db, None, "no such database (run `build` first)")
    queries = read_queries(Path(args.queries))
    con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    fold_d = fold_setting(con)
    sql = (
        f"SELECT doc_id, bm25(docs, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS s FROM docs "
        "WHERE docs MATCH ? ORDER BY s LIMIT ?"
    )
    wall_latencies: list[float] = []
    cpu_latencies: list[float] = []
    lines: list[str] = []
    empty = 0
    start_wall, start_cpu = time.perf_counter(), time.process_time()
    for qid, text in queries:
        t0, c0 = time.perf_counter(), time.thread_time()
        expression = match_expression(text, fold_d)
        rows = con.execute(sql, (expression, args.k)).fetchall() if expression else []
        wall_latencies.append(time.perf_counter() - t0)
        cpu_latencies.append(time.thread_time() - c0)
        empty += not rows
        # bm25() is lower-is-better; the run's score is its negation (higher is better).
        lines.extend(f"{qid}\t{doc}\t{rank}\t{-s:.6f}\n" for rank, (doc, s) in enumerate(rows, 1))
    wall, cpu = time.perf_counter() - start_wall, time.process_time() - start_cpu
    con.close()
    Path(args.out).write_text("".join(lines), encoding="utf-8")
    print(f"{len(queries)} queries -> {args.out} ({empty} without results)")
    for label, total, latencies in (("wall", wall, wall_latencies), ("CPU", cpu, cpu_latencies)):
        latencies.sort()
        p50, p95, p99 = (percentile(latencies, p) * 1000 for p in (50, 95, 99))
        print(
            f"{label:>4}: {len(queries) / total:,.1f} queries/s; latency p50 {p50:.2f} ms, "
            f"p95 {p95:.2f} ms, p99 {p99:.2f} ms"
        )


# --------------------------------------------------------------------------- eval


def reciprocal_rank(ranking: list[str], judged: dict[str, int], k: int) -> float:
    for i, doc in enumerate(ranking[:k]):
        if judged.get(doc, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def ndcg(ranking: list[str], judged: dict[str, int], k: int) -> float:
    """trec_eval's ndcg_cut.k: gain = grade, discount 1/log2(rank+1), ideal from all judged
    relevant documents."""
    dcg = sum(
        judged.get(doc, 0) / math.log2(i + 2)
        for i, doc in enumerate(ranking[:k])
        if judged.get(doc, 0) > 0
    )
    ideal_gains = sorted((g for g in judged.values() if g > 0), reverse=True)[:k]
    ideal = sum(g / math.log2(i + 2) for i, g in enumerate(ideal_gains))
    return dcg / ideal if ideal > 0 else 0.0


def recall(ranking: list[str], judged: dict[str, int], k: int) -> float:
    relevant = sum(1 for g in judged.values() if g > 0)
    if relevant == 0:
        return 0.0
    return sum(1 for doc in ranking[:k] if judged.get(doc, 0) > 0) / relevant


@dataclass
class Evaluation:
    per_query: list[dict] = field(default_factory=list)
    mean: dict[str, float] = field(default_factory=dict)
    queries_without_results: int = 0


def evaluate(
    qrels: dict[str, dict[str, int]], run: dict[str, list[str]], qids: list[str] | None
) -> Evaluation:
    """Means over the judged queries of `qids` (all judged queries if None); a query without
    results scores 0, like `trec_eval -c`."""
    evaluated = [q for q in qids if q in qrels] if qids is not None else sorted(qrels)
    result = Evaluation()
    for qid in evaluated:
        ranking, judged = run.get(qid, []), qrels[qid]
        result.queries_without_results += not ranking
        result.per_query.append(
            {
                "qid": qid,
                "mrr_at_10": reciprocal_rank(ranking, judged, 10),
                "ndcg_at_10": ndcg(ranking, judged, 10),
                "recall_at_10": recall(ranking, judged, 10),
                "recall_at_100": recall(ranking, judged, 100),
            }
        )
    n = len(result.per_query)
    result.mean = {m: (sum(q[m] for q in result.per_query) / n if n else 0.0) for m in CUTOFFS}
    return result


def cmd_eval(args: argparse.Namespace) -> None:
    qrels = read_qrels(Path(args.qrels))
    run = read_run(Path(args.run))
    qids = [q for q, _ in read_queries(Path(args.queries))] if args.queries else None
    result = evaluate(qrels, run, qids)
    m = result.mean
    headers = ["queries", "no results", "MRR@10", "nDCG@10", "R@10", "R@100"]
    values = [str(len(result.per_query)), str(result.queries_without_results)] + [
        f"{m[k]:.4f}" for k in CUTOFFS
    ]
    widths = [max(len(h), len(v)) for h, v in zip(headers, values)]
    print("  ".join(h.rjust(w) for h, w in zip(headers, widths)))
    print("  ".join(v.rjust(w) for v, w in zip(values, widths)))
    if args.json:
        report = {
            "queries": len(result.per_query),
            "queries_without_results": result.queries_without_results,
            "mean": result.mean,
            "per_query": result.per_query,
        }
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="load a JSON Lines corpus into an FTS5 database")
    p.add_argument("--corpus", required=True, help="JSON Lines file, optionally .gz")
    p.add_argument("--filter-category", help="keep only documents with this `category`")
    p.add_argument("--db", required=True, help="SQLite file to create (replaced if present)")
    p.add_argument(
        "--fold-d",
        action="store_true",
        help="also fold đ/Đ to d/D in documents and queries (unicode61 keeps them)",
    )
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("search", help="run a query file, write a run file")
    p.add_argument("--db", required=True)
    p.add_argument("--queries", required=True, help="qid<TAB>query lines, or one per line")
    p.add_argument("--out", required=True, help="run file: qid<TAB>docid<TAB>rank<TAB>score")
    p.add_argument("--k", type=int, default=100, help="results per query (default 100)")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("eval", help="MRR@10, nDCG@10, Recall@10/@100 of a run")
    p.add_argument("--qrels", required=True)
    p.add_argument("--run", required=True)
    p.add_argument("--queries", help="evaluate only the judged queries of this file")
    p.add_argument("--json", help="also write means and per-query values as JSON here")
    p.set_defaults(func=cmd_eval)

    args = parser.parse_args(argv)
    if getattr(args, "k", 1) < 1:
        parser.error("--k must be at least 1")
    try:
        args.func(args)
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except sqlite3.Error as e:
        print(f"error: sqlite: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
