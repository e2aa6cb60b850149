#!/usr/bin/env python3
"""Makes the small relevance fixtures in tests/fixtures/eval/ from the full sets.

Deterministic (no randomness; selection by sorted id and fixed strides), so rerunning it
on the same inputs reproduces the committed files byte for byte:

  known_item_small/  every 8th vntc_known_item query in qid order (k0, k8, ...): 63 queries,
                     both variants, their qrels; corpus = the target articles plus 600
                     other 'Chính trị Xã hội' articles taken at an even stride over the
                     remaining ids in sorted order.
  legal_small/       every 13th legal_qa question in file order: 98 questions, both
                     variants, their qrels; corpus = their relevant passages plus 300 other
                     passages at an even stride over the remaining ids in sorted order.

Corpus lines keep `id`, `title`, `body` (and `category` for VNTC), in id order.

    python3 bench/make_eval_fixtures.py [--eval-dir /work/shared/eval]
        [--vntc /work/shared/corpus/vntc.jsonl.gz] [--out tests/fixtures/eval]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

CATEGORY = "Chính trị Xã hội"
KNOWN_ITEM_STRIDE, KNOWN_ITEM_DISTRACTORS = 8, 600
LEGAL_STRIDE, LEGAL_DISTRACTORS = 13, 300


def read_tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\r\n").split("\t") for line in f if line.strip()]


def write_tsv(path: Path, rows: list[list[str]]) -> None:
    path.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")


def write_jsonl(path: Path, docs: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for doc in sorted(docs, key=lambda d: d["id"]):
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")


def natural_key(qid: str) -> tuple:
    """k10 after k9: digit runs compare as numbers."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", qid))


def stride_pick(ids: list[str], count: int) -> list[str]:
    """`count` ids spread evenly over the sorted `ids`."""
    ids = sorted(ids)
    if count >= len(ids):
        return ids
    return [ids[i * len(ids) // count] for i in range(count)]


def subset(
    src: Path, dst: Path, qids: list[str], variants: list[str], rel_docs_out: set[str]
) -> None:
    """Copies the chosen queries of each variant file and their qrels lines (deduplicated,
    in source order) from `src` to `dst`; adds the judged doc ids to `rel_docs_out`."""
    wanted = set(qids)
    for name in variants:
        rows = read_tsv(src / name)
        write_tsv(dst / name, [r for r in rows if r[0] in wanted])
    seen: set[tuple[str, ...]] = set()
    qrels = []
    for row in read_tsv(src / "qrels.tsv"):
        if row[0] in wanted and tuple(row) not in seen:
            seen.add(tuple(row))
            qrels.append(row)
            rel_docs_out.add(row[1])
    write_tsv(dst / "qrels.tsv", qrels)


def make_known_item(eval_dir: Path, vntc: Path, out: Path) -> None:
    src, dst = eval_dir / "vntc_known_item", out / "known_item_small"
    dst.mkdir(parents=True, exist_ok=True)
    qids = sorted((r[0] for r in read_tsv(src / "queries.tsv")), key=natural_key)
    chosen = qids[::KNOWN_ITEM_STRIDE]
    targets: set[str] = set()
    subset(src, dst, chosen, ["queries.tsv", "queries_accent.tsv"], targets)

    docs: dict[str, dict] = {}
    with gzip.open(vntc, "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            if doc.get("category") == CATEGORY:
                docs[doc["id"]] = {k: doc[k] for k in ("id", "title", "body", "category")}
    missing = targets - docs.keys()
    if missing:
        sys.exit(f"error: {len(missing)} judged articles not in {vntc}: {sorted(missing)[:3]}")
    others = stride_pick([d for d in docs if d not in targets], KNOWN_ITEM_DISTRACTORS)
    write_jsonl(dst / "corpus.jsonl", [docs[d] for d in sorted(targets) + others])
    print(f"{dst}: {len(chosen)} queries, {len(targets)} targets + {len(others)} distractors")


def make_legal(eval_dir: Path, out: Path) -> None:
    src, dst = eval_dir / "legal_qa", out / "legal_small"
    dst.mkdir(parents=True, exist_ok=True)
    chosen = [r[0] for r in read_tsv(src / "queries.tsv")][::LEGAL_STRIDE]
    relevant: set[str] = set()
    subset(src, dst, chosen, ["queries.tsv", "queries_noaccent.tsv"], relevant)

    with open(src / "corpus.jsonl", encoding="utf-8") as f:
        docs = {str(d["id"]): d for d in map(json.loads, f)}
    for doc in docs.values():
        doc["id"] = str(doc["id"])
    missing = relevant - docs.keys()
    if missing:
        sys.exit(f"error: {len(missing)} judged passages not in the corpus: {sorted(missing)[:3]}")
    others = stride_pick([d for d in docs if d not in relevant], LEGAL_DISTRACTORS)
    keep = sorted(relevant) + others
    write_jsonl(dst / "corpus.jsonl", [{k: docs[d][k] for k in ("id", "title", "body")} for d in keep])
    print(f"{dst}: {len(chosen)} queries, {len(relevant)} relevant + {len(others)} distractors")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=Path("/work/shared/eval"))
    parser.add_argument("--vntc", type=Path, default=Path("/work/shared/corpus/vntc.jsonl.gz"))
    parser.add_argument("--out", type=Path, default=Path("tests/fixtures/eval"))
    args = parser.parse_args()
    for path in (args.eval_dir / "legal_qa", args.eval_dir / "vntc_known_item", args.vntc):
        if not path.exists():
            parser.error(f"{path} does not exist")
    make_known_item(args.eval_dir, args.vntc, args.out)
    make_legal(args.eval_dir, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
