"""Realistic queries, generated deterministically from the corpus's titles.

Each query is a run of 1-5 consecutive words of a title chosen at random (fixed seed), in
one of three styles:

- `accented`: as written in the title (half of them lower-cased), as people type with a
  Vietnamese keyboard;
- `unaccented`: diacritics stripped (unicodedata NFD without combining marks, đ → d) and
  lower-cased, as people type without one;
- `phrase`: 2-4 words in double quotes, accented or not.

Facet filters are not part of the query text (they are command-line options): the harness
runs the whole set a second time with a province and a date filter (`FILTERS` in
harness.py). `facet_hook` is where per-query filters would go.
"""

import hashlib
import json
import random
import re
import unicodedata

SEED = 20250601
WORD = re.compile(r"\w+", re.UNICODE)

# (style, share)
STYLES = [("accented", 0.45), ("unaccented", 0.35), ("phrase", 0.20)]
# syllables per query: (count, share)
LENGTHS = [(1, 0.15), (2, 0.30), (3, 0.25), (4, 0.15), (5, 0.15)]


def strip_diacritics(text):
    """'Đại hội Đảng bộ' -> 'Dai hoi Dang bo'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    )


def has_diacritics(text):
    return strip_diacritics(text) != text


def facet_hook(query, article, rng):
    """Returns the query with a facet filter added, for a share of the queries. No facets
    exist in the query language yet: the query is returned unchanged (and `None` as the
    facet). When they land, e.g.: `if rng.random() < 0.1: return query + ' tinh:"…"', …`."""
    return query, None


def _weighted(rng, table):
    x = rng.random()
    acc = 0.0
    for value, share in table:
        acc += share
        if x < acc:
            return value
    return table[-1][0]


def _titles(all_jsonl):
    out = []
    with open(all_jsonl, encoding="utf-8") as f:
        for line in f:
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            title = obj.get("title") if isinstance(obj, dict) else None
            if isinstance(title, str):
                words = WORD.findall(title)
                # Words with a letter (bare numbers and ids are rarely typed alone).
                if sum(1 for w in words if any(c.isalpha() for c in w)) >= 2:
                    out.append((obj.get("id"), words))
    return out


def generate(all_jsonl, n, seed=SEED):
    """`n` queries as dicts: qid, query, style, syllables, source (the id of the title)."""
    rng = random.Random(seed)
    titles = _titles(all_jsonl)
    if not titles:
        return []
    queries = []
    seen = set()
    attempts = 0
    while len(queries) < n and attempts < n * 50:
        attempts += 1
        doc_id, words = titles[rng.randrange(len(titles))]
        style = _weighted(rng, STYLES)
        length = _weighted(rng, LENGTHS)
        if style == "phrase":
            length = min(max(length, 2), 4)
        length = min(length, len(words))
        start = rng.randrange(len(words) - length + 1)
        chosen = words[start:start + length]
        if not any(c.isalpha() for w in chosen for c in w):
            continue
        text = " ".join(chosen)
        if style == "unaccented":
            text = strip_diacritics(text).lower()
        elif style == "accented":
            if rng.random() < 0.5:
                text = text.lower()
        else:
            if rng.random() < 0.3:
                text = strip_diacritics(text)
            text = '"%s"' % text.lower()
        text, facet = facet_hook(text, doc_id, rng)
        if text.lower() in seen:
            continue
        seen.add(text.lower())
        queries.append(
            {
                "qid": "q%04d" % (len(queries) + 1),
                "query": text,
                "style": style,
                "syllables": length,
                "diacritics": has_diacritics(text),
                "facet": facet,
                "source": doc_id,
            }
        )
    return queries


def write(queries, tsv_path, meta_path):
    """Writes `qid<TAB>query` lines (the batch-mode input) and the metadata as JSON Lines;
    returns the sha256 of the TSV file."""
    with open(tsv_path, "w", encoding="utf-8") as f:
        for q in queries:
            f.write("%s\t%s\n" % (q["qid"], q["query"]))
    with open(meta_path, "w", encoding="utf-8") as f:
        for q in queries:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    with open(tsv_path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def fts5_match(query):
    """The query as an FTS5 MATCH expression: every word a quoted token (all must match),
    quoted phrases kept as phrases. FTS5's unicode61 tokenizer with remove_diacritics 2
    folds diacritics on both sides, so accents in the query do not narrow the match."""
    parts = []
    for m in re.finditer(r'"([^"]*)"|(\S+)', query):
        if m.group(1) is not None:
            words = WORD.findall(m.group(1))
            if words:
                parts.append('"%s"' % " ".join(words))
        else:
            parts.extend('"%s"' % w for w in WORD.findall(m.group(2)))
    return " ".join(parts)
