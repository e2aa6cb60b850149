"""The results as Markdown tables."""


def _f(x, digits=1, suffix=""):
    if x is None:
        return "—"
    if isinstance(x, (int,)) and not isinstance(x, bool):
        return "{:,}{}".format(x, suffix)
    return "{:,.{d}f}{}".format(x, suffix, d=digits)


def _status(sec):
    if sec is None:
        return "not run"
    if sec.get("status") == "ok":
        return None
    reason = sec.get("reason")
    return sec.get("status", "?") + (": " + reason if reason else "")


def _build_breakdown(rows, base):
    """Lines that say how tracuu's build speed compares with the baselines, and what the
    plain_tantivy variants say about where the difference goes."""
    by = {x.get("analyzer"): x for x in rows if x.get("analyzer") and x["ok"]}
    fts5 = next((x for x in rows if x["label"].startswith("SQLite") and x["ok"]), None)
    plain = by.get("default")
    if not base or not base["ok"] or not plain:
        return []
    out = []
    speed = plain["wall_s"] / base["wall_s"]
    line = "tracuu builds at %s the speed of plain tantivy" % _f(speed, 2, "×")
    if fts5:
        line += " and %s the speed of SQLite FTS5" % _f(fts5["wall_s"] / base["wall_s"], 2, "×")
    out.append(line + " (targets: 0.6× and 2×).")
    steps = [("folded", "tracuu's folded analyzer in place of the default tokenizer"),
             ("levels", "the exact level beside it"),
             ("levels-pairs", "the pair tokens")]
    parts, before = [], plain
    for key, what in steps:
        x = by.get(key)
        if not x:
            return out + [""]
        parts.append("%s: %s s → %s s" % (what, _f(before["wall_s"]), _f(x["wall_s"])))
        before = x
    parts.append("tracuu's reading pipeline (normalization, page chrome, facets) and its merge: "
                 "%s s → %s s" % (_f(before["wall_s"]), _f(base["wall_s"])))
    out.append("")
    out.append("Taken apart, same run (wall time of each build): " + "; ".join(parts) + ".")
    out.append("")
    return out


def markdown(r):
    s = r["sections"]
    out = []
    m = r.get("machine", {})
    c = r.get("corpus", {})
    out.append("Run %s on %s CPUs (%s), %s GiB RAM, load average at start %s; tracuu %s; %s."
               % (r.get("started"), m.get("nproc"), m.get("cpu", "?"), m.get("mem_total_gib"),
                  m.get("loadavg_at_start"), r.get("git"), r.get("rustc")))
    out.append("")
    out.append("Command: `%s`" % r.get("command"))
    out.append("")
    if c:
        out.append(
            "Corpus: %s articles, %s MB of title+body text (UTF-8), %s MB of JSON Lines, "
            "split into %s files." % (_f(c.get("docs")), _f(c.get("text_bytes", 0) / 1e6),
                                      _f(c.get("raw_bytes", 0) / 1e6), c.get("split_files"))
        )
        out.append("")

    # Builds
    out.append("### Full build")
    out.append("")
    rows = []
    for name in ("build", "plain", "fts5"):
        sec = s.get(name, {})
        st = _status(sec)
        if st:
            out.append("- %s: %s" % (name, st))
            continue
        rows.extend(sec.get("rows", []))
    base = next((x for x in rows if x["label"].startswith("tracuu") and "files" in x["label"]), None)
    if rows:
        if out[-1] != "":
            out.append("")
        out.append("| build | wall s | docs/s | text MB/s | raw MB/s | peak RSS MiB | peak anon MiB | CPU s | "
                   "index MiB | index / text | time vs tracuu | speed vs tracuu |")
        out.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
        for x in rows:
            ratio = x["wall_s"] / base["wall_s"] if base and base["ok"] else None
            out.append("| %s%s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                x["label"], "" if x["ok"] else " (FAILED)", _f(x["wall_s"]), _f(x["docs_per_s"], 0),
                _f(x["text_mb_per_s"], 2), _f(x["raw_mb_per_s"], 2), _f(x["max_rss_mib"], 0),
                _f(x.get("max_anon_mib"), 0), _f(x["cpu_s"]), _f(x["index_bytes"] / 2**20, 0),
                _f(x["index_over_text"], 2), _f(ratio, 2, "×"),
                _f(1 / ratio if ratio else None, 2, "×")))
        out.append("")
        out.extend(_build_breakdown(rows, base))
        out.append("Peak RSS is GNU time's, which counts the index files tantivy maps in (a merge "
                   "reads every segment through mmap); peak anon is the memory the process "
                   "allocated itself (RssAnon of its process tree, sampled every 0.2 s).")
        out.append("")

    # Analyzer
    a = s.get("analyzer", {})
    out.append("### Analyzer throughput (one thread)")
    out.append("")
    st = _status(a)
    if st:
        out.append("- " + st)
    else:
        mbs = a["mb_per_s"]
        cpu = a.get("mb_per_cpu_s") or {}
        stock = mbs.get("stock_simple_lower_asciifolding")
        stock_cpu = cpu.get("stock_simple_lower_asciifolding")
        out.append("On %s MB of normalized title and body text. MB/s over wall time, and over "
                   "the thread's CPU time (steady when other processes share the cores)."
                   % _f(a["text_bytes"] / 1e6))
        out.append("")
        out.append("| analyzer | MB/s (wall) | MB/s (CPU) | vs stock chain (CPU) |")
        out.append("|---|--:|--:|--:|")
        names = [
            ("tracuu_exact", "tracuu tokenizer, exact level"),
            ("tracuu_folded", "tracuu tokenizer, folded level"),
            ("tracuu_normalize", "tracuu normalizer (before tokenizing)"),
            ("stock_simple_lower_asciifolding", "tantivy SimpleTokenizer → LowerCaser → AsciiFoldingFilter"),
            ("stock_simple_only", "tantivy SimpleTokenizer alone"),
        ]
        for key, label in names:
            v, c = mbs.get(key), cpu.get(key)
            if c and stock_cpu:
                rel = c / stock_cpu
            else:
                rel = v / stock if v and stock else None
            out.append("| %s | %s | %s | %s |" % (label, _f(v), _f(c), _f(rel, 2, "×")))
    out.append("")

    # Queries
    q = s.get("queries", {})
    out.append("### Queries")
    out.append("")
    st = _status(q)
    if st:
        out.append("- " + st)
    else:
        qi = r.get("queries", {})
        out.append("%s generated queries (seed %s; %s), top 10 each." % (
            qi.get("count"), qi.get("seed"),
            ", ".join("%s %s" % (v, k) for k, v in sorted(qi.get("styles", {}).items()))))
        out.append("")
        out.append("| engine | p50 ms | p95 ms | p99 ms | queries/s (one at a time) | with hits |")
        out.append("|---|--:|--:|--:|--:|--:|")
        for key, label in [
            ("tracuu_snippets", "tracuu, with snippets"),
            ("tracuu_no_snippets", "tracuu, `--no-snippets`"),
            ("tracuu_no_snippets_one_thread", "tracuu, `--no-snippets`, one thread per search"),
            ("tracuu_filtered", "tracuu, `--no-snippets`, filtered (`%s`)"
             % q.get("tracuu_filtered", {}).get("filters", "")),
        ]:
            x = q.get(key, {})
            if x.get("status") and x.get("status") != "ok":
                out.append("| %s | %s | | | | |" % (label, x["status"]))
                continue
            out.append("| %s | %s | %s | %s | %s | %s |" % (
                label, _f(x.get("p50_ms"), 2), _f(x.get("p95_ms"), 2), _f(x.get("p99_ms"), 2),
                _f(x.get("qps_single_thread"), 0), _f(x.get("queries_with_hits"))))
        f5 = q.get("fts5", {})
        for key, label in [("snippets", "SQLite FTS5, with snippet()"),
                           ("no_snippets", "SQLite FTS5, no snippets")]:
            x = f5.get(key)
            if not x:
                continue
            out.append("| %s | %s | %s | %s | %s | %s |" % (
                label, _f(x.get("p50_ms"), 2), _f(x.get("p95_ms"), 2), _f(x.get("p99_ms"), 2),
                _f(x.get("qps_single_thread"), 0), _f(x.get("queries_with_hits"))))
        out.append("")
        for key in ("tracuu_snippets", "tracuu_no_snippets", "tracuu_filtered"):
            x = q.get(key, {})
            if x.get("note"):
                out.append("- %s: %s." % (key, x["note"]))
            if x.get("p50_ms_by_style"):
                out.append("- %s p50 / p99 by style (ms): %s." % (key, ", ".join(
                    "%s %s / %s" % (k, _f(v, 2), _f(x["p99_ms_by_style"].get(k), 2))
                    for k, v in x["p50_ms_by_style"].items())))
        for key, label in [("single_command", "with snippets"),
                           ("single_command_no_snippets", "`--no-snippets`")]:
            x = q.get(key)
            if x:
                out.append("- one `tracuu search` process, %s: median %s ms (min %s, max %s; %s runs, %s)." % (
                    label, _f(x["median_ms"]), _f(x["min_ms"]), _f(x["max_ms"]), x["runs"], x["tool"]))
    out.append("")

    # Reindex
    ri = s.get("reindex", {})
    out.append("### Reindex")
    out.append("")
    st = _status(ri)
    if st:
        out.append("- " + st)
    else:
        out.append("| run | wall s | vs full build | peak RSS MiB |")
        out.append("|---|--:|--:|--:|")
        out.append("| full build | %s | 1.00× | |" % _f(ri.get("full_build_s")))
        for key, label in [("no_change", "reindex, nothing changed"),
                           ("one_percent", "reindex, %s articles changed in %s files" % (
                               _f(ri.get("changed_articles")), ri.get("changed_files")))]:
            x = ri.get(key, {})
            out.append("| %s%s | %s | %s | %s |" % (label, "" if x.get("ok") else " (FAILED)",
                                                   _f(x.get("wall_s"), 2),
                                                   _f(x.get("ratio_to_full_build"), 3, "×"),
                                                   _f(x.get("max_rss_mib"), 0)))
        chk = ri.get("check")
        if chk:
            out.append("")
            out.append("- check: the marker word of the changed articles finds %s of %s." % (
                chk["marker_hits"], chk["expected"]))
    out.append("")

    # Scale
    sc = s.get("scale", {})
    out.append("### Scale")
    out.append("")
    st = _status(sc)
    if st:
        out.append("- " + st)
    else:
        b = sc["build"]
        out.append("| articles | wall s | docs/s | text MB/s | peak RSS MiB | peak anon MiB | index MiB | index / text | p50 ms | p99 ms | p99 ms no snippets |")
        out.append("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
        qs = sc.get("queries_snippets", {})
        qn = sc.get("queries_no_snippets", {})
        small = next((x for x in s.get("build", {}).get("rows", []) if "files" in x["label"]), None)
        qsmall = s.get("queries", {})
        if small:
            out.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                _f(small["docs"]), _f(small["wall_s"]), _f(small["docs_per_s"], 0),
                _f(small["text_mb_per_s"], 2), _f(small["max_rss_mib"], 0),
                _f(small.get("max_anon_mib"), 0),
                _f(small["index_bytes"] / 2**20, 0), _f(small["index_over_text"], 2),
                _f(qsmall.get("tracuu_snippets", {}).get("p50_ms"), 2),
                _f(qsmall.get("tracuu_snippets", {}).get("p99_ms"), 2),
                _f(qsmall.get("tracuu_no_snippets", {}).get("p99_ms"), 2)))
        out.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            _f(b["docs"]), _f(b["wall_s"]), _f(b["docs_per_s"], 0), _f(b["text_mb_per_s"], 2),
            _f(b["max_rss_mib"], 0), _f(b.get("max_anon_mib"), 0),
            _f(b["index_bytes"] / 2**20, 0), _f(b["index_over_text"], 2),
            _f(qs.get("p50_ms"), 2), _f(qs.get("p99_ms"), 2), _f(qn.get("p99_ms"), 2)))
    out.append("")
    return "\n".join(out)
