#!/usr/bin/env python3
"""Makes tests/fixtures/eval/keyword_small/: keyword queries written by hand, as people type
them at the terminal (names, Party terms, everyday phrases; with and without diacritics),
over a small subset of the VNTC 'Chính trị Xã hội' articles.

For each query the corpus takes, in sorted id order, up to 5 articles that hold its
syllables adjacent and in order, and up to 8 that hold all of them but never together (the
articles a ranking by scattered words confuses with the right ones). Judgments follow the
rule of ../shared/eval/vntc_keyword: an article is relevant (grade 1) when its title or body
holds the query's syllables adjacent and in order, compared without diacritics, case and
punctuation; every article of the subset is judged so. Deterministic: rerunning it
reproduces the files byte for byte.

    python3 bench/make_keyword_fixture.py [--vntc /work/shared/corpus/vntc.jsonl.gz]
        [--out tests/fixtures/eval/keyword_small]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import unicodedata
from pathlib import Path

CATEGORY = "Chính trị Xã hội"
PER_QUERY_RELEVANT, PER_QUERY_SCATTERED = 5, 8

# Written by hand: what a newsroom archivist or a clerk types. Half without diacritics.
QUERIES = [
    "Ban Chấp hành", "ban chap hanh dang bo", "Bộ Chính trị", "bo chinh tri",
    "Thị Vải", "song thi vai", "hộ nghèo", "ho ngheo cua xa", "tai nạn giao thông",
    "tai nan giao thong", "công ty kinh doanh", "cong ty kinh doanh", "học sinh lớp",
    "hoc sinh lop 12", "Ủy ban nhân dân", "uy ban nhan dan tinh", "Quốc hội", "quoc hoi khoa",
    "cán bộ công chức", "can bo cong chuc", "giáo dục đào tạo", "giao duc dao tao",
    "nhiệm kỳ", "nhiem ky moi", "đại hội đại biểu", "dai hoi dai bieu", "xóa đói giảm nghèo",
    "xoa doi giam ngheo", "thành phố Hồ Chí Minh", "thanh pho ho chi minh", "nông thôn mới",
    "nong thon", "tham nhũng", "chong tham nhung", "bảo hiểm xã hội", "bao hiem y te",
    "giải phóng mặt bằng", "giai phong mat bang", "Mặt trận Tổ quốc", "mat tran to quoc",
]


def fold(text: str) -> list[str]:
    """Syllables without diacritics, case and punctuation."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn").lower()
    return re.findall(r"[0-9a-z]+", text)


def holds_phrase(tokens: list[str], phrase: list[str]) -> bool:
    n = len(phrase)
    return any(tokens[i : i + n] == phrase for i in range(len(tokens) - n + 1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vntc", type=Path, default=Path("/work/shared/corpus/vntc.jsonl.gz"))
    parser.add_argument("--out", type=Path, default=Path("tests/fixtures/eval/keyword_small"))
    args = parser.parse_args()
    articles = []
    with gzip.open(args.vntc, "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if a.get("category") == CATEGORY:
                articles.append(a)
    articles.sort(key=lambda a: a["id"])
    tokens = {a["id"]: fold(a.get("title", "") + " \n " + a.get("body", "")) for a in articles}
    phrases = [fold(q) for q in QUERIES]
    chosen: set[str] = set()
    for phrase in phrases:
        together, apart = [], []
        for a in articles:
            t = tokens[a["id"]]
            if holds_phrase(t, phrase):
                together.append(a["id"])
            elif set(phrase) <= set(t):
                apart.append(a["id"])
        chosen.update(together[:PER_QUERY_RELEVANT])
        chosen.update(apart[:PER_QUERY_SCATTERED])
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "corpus.jsonl", "w", encoding="utf-8") as f:
        for a in articles:
            if a["id"] in chosen:
                keep = {k: a[k] for k in ("id", "title", "body", "category") if k in a}
                f.write(json.dumps(keep, ensure_ascii=False) + "\n")
    with open(args.out / "queries.tsv", "w", encoding="utf-8") as q, open(
        args.out / "qrels.tsv", "w", encoding="utf-8"
    ) as r:
        for n, (query, phrase) in enumerate(zip(QUERIES, phrases), 1):
            qid = f"kw{n:02d}"
            q.write(f"{qid}\t{query}\n")
            for doc in sorted(chosen):
                if holds_phrase(tokens[doc], phrase):
                    r.write(f"{qid}\t{doc}\t1\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
