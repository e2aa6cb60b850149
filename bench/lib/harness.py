"""The benchmark run: sections, each measured and recorded, each failing on its own.

See bench/run --help. Results go to bench/results/latest.json and latest.md.
"""

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import time
import traceback

import corpus_prep
import measure
import queries as querygen
import report

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
REPO = os.path.dirname(BENCH)

SECTIONS = ["build", "plain", "fts5", "analyzer", "queries", "reindex", "scale"]
SINGLE_QUERY = "phát triển kinh tế"
# Facet and date filters for the filtered batch: the province with most VNTC articles.
FILTERS = ("--province", "Hồ Chí Minh", "--since", "2005-01-01")


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="bench/run",
        description="Benchmarks of tracuu on a JSON Lines corpus: build, baselines "
        "(plain tantivy, SQLite FTS5), analyzer throughput, query latency, reindex, "
        "and (with --scale) 1M articles.",
    )
    p.add_argument(
        "corpus",
        nargs="?",
        default=os.environ.get("TRACUU_CORPUS"),
        help="corpus .jsonl or .jsonl.gz (id, title, body per line) [default: $TRACUU_CORPUS]",
    )
    p.add_argument("--cache", help="cache dir [default: $TRACUU_BENCH_CACHE or ~/.cache/tracuu-bench]")
    p.add_argument("--out", default=os.path.join(BENCH, "results"), help="results dir [bench/results]")
    p.add_argument("--queries", type=int, default=1000, help="number of generated queries [1000]")
    p.add_argument("--runs", type=int, default=20, help="runs of the single search command [20]")
    p.add_argument("--scale", action="store_true", help="also build the corpus replicated to --scale-docs articles (long)")
    p.add_argument("--scale-docs", type=int, default=1_000_000, help="articles for --scale [1000000]")
    p.add_argument("--skip", default="", help="comma-separated sections to skip: " + ",".join(SECTIONS))
    p.add_argument("--no-build", action="store_true", help="do not run cargo build (use the binaries in target/release)")
    p.add_argument("--keep", action="store_true", help="keep the work indexes after the run")
    p.add_argument("--analyzer-mb", type=float, default=32, help="MB of text for the analyzer section [32]")
    a = p.parse_args(argv)
    if not a.corpus:
        p.error("give the corpus path as an argument or in $TRACUU_CORPUS")
    a.skip = {s.strip() for s in a.skip.split(",") if s.strip()}
    unknown = a.skip - set(SECTIONS)
    if unknown:
        p.error("unknown section(s) in --skip: " + ", ".join(sorted(unknown)))
    return a


def log(msg):
    print("[bench %s] %s" % (time.strftime("%H:%M:%S"), msg), flush=True)


class Run:
    def __init__(self, args):
        self.args = args
        self.tracuu = os.path.join(REPO, "target", "release", "tracuu")
        self.plain = os.path.join(REPO, "target", "release", "examples", "plain_tantivy")
        self.results = {"sections": {}}
        self.manifest = None
        self.work = None
        self.index_dir = None  # the tracuu index of the split corpus, once built
        self.src_dir = None  # the split corpus as indexed (hard links)
        self.fts5_db = None
        self.queries_tsv = None
        self.split_build_s = None

    # -- helpers ---------------------------------------------------------------------------

    def section(self, name, fn):
        if name in self.args.skip or (name == "scale" and not self.args.scale):
            self.results["sections"][name] = {"status": "skipped"}
            return
        log("== %s" % name)
        load = [round(x, 1) for x in os.getloadavg()]
        started = time.perf_counter()
        try:
            res = fn()
            if res is None:
                res = {}
            res.setdefault("status", "ok")
        except NotAvailable as e:
            res = {"status": "not available", "reason": str(e)}
            log("   not available: %s" % e)
        except Exception as e:  # a section fails alone
            res = {"status": "failed", "reason": "%s: %s" % (type(e).__name__, e)}
            log("   FAILED: %s" % e)
            traceback.print_exc()
        res["section_seconds"] = round(time.perf_counter() - started, 1)
        res["loadavg_at_start"] = load
        self.results["sections"][name] = res
        self.save()

    def save(self):
        os.makedirs(self.args.out, exist_ok=True)
        path = os.path.join(self.args.out, "latest.json")
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(self.results, f, indent=1, ensure_ascii=False)
        os.replace(path + ".tmp", path)

    def tracuu_has(self, *words):
        """Whether `tracuu WORDS --help` works (a subcommand or flag exists)."""
        if not os.access(self.tracuu, os.X_OK):
            return False, ""
        proc = subprocess.run([self.tracuu] + list(words) + ["--help"], capture_output=True, text=True)
        return proc.returncode == 0, proc.stdout

    def build_row(self, label, m, docs, text_bytes, raw_bytes, index_bytes, extra=None):
        row = {
            "label": label,
            "ok": m["returncode"] in (0, 1),
            "returncode": m["returncode"],
            "wall_s": m["wall_s"],
            "docs": docs,
            "docs_per_s": docs / m["wall_s"] if m["wall_s"] else None,
            "text_mb_per_s": text_bytes / 1e6 / m["wall_s"] if m["wall_s"] else None,
            "raw_mb_per_s": raw_bytes / 1e6 / m["wall_s"] if m["wall_s"] else None,
            "max_rss_mib": m["max_rss_kib"] / 1024 if m.get("max_rss_kib") else None,
            "max_anon_mib": m["max_anon_kib"] / 1024 if m.get("max_anon_kib") else None,
            "cpu_s": (m.get("user_s", 0) + m.get("sys_s", 0)) or None,
            "index_bytes": index_bytes,
            "index_over_text": index_bytes / text_bytes if text_bytes else None,
            "index_over_raw": index_bytes / raw_bytes if raw_bytes else None,
            "cmd": " ".join(m["cmd"]),
        }
        if not row["ok"]:
            row["stderr"] = m["stderr"][-1000:]
        if extra:
            row.update(extra)
        return row

    # -- set-up ----------------------------------------------------------------------------

    def setup(self):
        a = self.args
        self.results["started"] = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
        self.results["command"] = "bench/run " + " ".join(sys.argv[1:])
        self.results["machine"] = measure.machine_info()
        self.results["gnu_time"] = measure.gnu_time_available()
        if not self.results["gnu_time"]:
            log("GNU time not found at /usr/bin/time: peak RSS will be missing. "
                "Install it with: %s" % measure.INSTALL_TIME_HINT)
        self.results["git"] = _git(["rev-parse", "--short", "HEAD"]) + (
            " (dirty)" if _git(["status", "--porcelain", "--untracked-files=no"]) else ""
        )
        self.results["rustc"] = _cmd(["rustc", "--version"])
        self.results["hyperfine"] = _cmd(["hyperfine", "--version"]) or None
        if not a.no_build:
            log("cargo build --release (tracuu and the plain_tantivy example)")
            for cmd in (
                ["cargo", "build", "--release", "--quiet"],
                ["cargo", "build", "--release", "--quiet", "--example", "plain_tantivy"],
            ):
                proc = subprocess.run(["nice"] + cmd, cwd=REPO)
                if proc.returncode != 0:
                    log("   %s failed; sections needing it will say so" % " ".join(cmd))
        root = corpus_prep.cache_root(a.cache)
        self.manifest = corpus_prep.prepare(a.corpus, root, log=log)
        self.results["corpus"] = {
            k: self.manifest[k]
            for k in ("corpus", "corpus_file_bytes", "docs", "lines", "raw_bytes", "text_bytes", "split_files")
        }
        self.work = os.path.join(self.manifest["dir"], "work")
        if os.path.isdir(self.work):
            shutil.rmtree(self.work)
        os.makedirs(self.work)
        self.src_dir = os.path.join(self.work, "src")
        corpus_prep.link_tree(self.manifest["split_dir"], self.src_dir)
        corpus_prep.warm(self.src_dir)
        corpus_prep.warm(self.manifest["all"])

    # -- sections --------------------------------------------------------------------------

    def s_build(self):
        if not os.access(self.tracuu, os.X_OK):
            raise NotAvailable("no release binary at %s" % self.tracuu)
        man = self.manifest
        rows = []
        # The split corpus: the index kept for the query and reindex sections.
        idx = os.path.join(self.work, "tracuu-split")
        m = measure.run_measured([self.tracuu, "index", "--index", idx, "--json", self.src_dir])
        rows.append(self.build_row(
            "tracuu, %d files" % man["split_files"], m, man["docs"], man["text_bytes"],
            man["raw_bytes"], measure.dir_size(idx), {"summary": _json_line(m.get("stdout"))},
        ))
        if rows[-1]["ok"]:
            self.index_dir = idx
            self.split_build_s = m["wall_s"]
        log("   split: %.1fs" % m["wall_s"])
        # The single file.
        idx1 = os.path.join(self.work, "tracuu-single")
        m = measure.run_measured([self.tracuu, "index", "--index", idx1, "--json", man["all"]])
        rows.append(self.build_row(
            "tracuu, 1 file", m, man["docs"], man["text_bytes"], man["raw_bytes"],
            measure.dir_size(idx1), {"summary": _json_line(m.get("stdout"))},
        ))
        shutil.rmtree(idx1, ignore_errors=True)
        log("   single file: %.1fs" % m["wall_s"])
        return {"rows": rows}

    # What plain_tantivy's --analyzer variants index title and body with: the baseline, then
    # tracuu's analyzers adding what tracuu writes one piece at a time (see
    # examples/plain_tantivy.rs), so that the gap between tracuu and the baseline is taken
    # apart in the same run.
    PLAIN_VARIANTS = [
        ("default", "plain tantivy (default tokenizer)"),
        ("folded", "tantivy + tracuu folded analyzer (1 term per syllable)"),
        ("levels", "tantivy + tracuu exact and folded levels (2 terms)"),
        ("levels-pairs", "tantivy + both levels + pair tokens (3 terms, no facets)"),
    ]

    def s_plain(self):
        if not os.access(self.plain, os.X_OK):
            raise NotAvailable("no example binary at %s (cargo build --release --example plain_tantivy)" % self.plain)
        man = self.manifest
        rows = []
        for analyzer, label in self.PLAIN_VARIANTS:
            idx = os.path.join(self.work, "plain-" + analyzer)
            m = measure.run_measured([self.plain, "index", "--analyzer", analyzer, "--index", idx, self.src_dir])
            rows.append(self.build_row(
                label, m, man["docs"], man["text_bytes"], man["raw_bytes"],
                measure.dir_size(idx), {"summary": _json_line(m.get("stdout")), "analyzer": analyzer},
            ))
            shutil.rmtree(idx, ignore_errors=True)
            log("   plain tantivy, --analyzer %s: %.1fs" % (analyzer, m["wall_s"]))
        return {"rows": rows}

    def s_fts5(self):
        script = os.path.join(HERE, "fts5_build.py")
        import fts5_build

        if not fts5_build.fts5_available():
            raise NotAvailable("python3's sqlite3 has no FTS5")
        man = self.manifest
        db = os.path.join(self.work, "fts5.sqlite")
        m = measure.run_measured([sys.executable, script, "build", db, self.src_dir])
        summary = _json_line(m.get("stdout"))
        row = self.build_row(
            "SQLite FTS5 unicode61 remove_diacritics 2", m, man["docs"], man["text_bytes"],
            man["raw_bytes"], measure.dir_size(db), {"summary": summary},
        )
        if row["ok"] and m["returncode"] == 0:
            self.fts5_db = db
        log("   fts5: %.1fs" % m["wall_s"])
        return {"rows": [row]}

    def s_analyzer(self):
        if not os.access(self.plain, os.X_OK):
            raise NotAvailable("no example binary at %s" % self.plain)
        m = measure.run_measured(
            [self.plain, "analyze", "--mb", str(self.args.analyzer_mb), "--seconds", "3", self.manifest["split_dir"]]
        )
        if m["returncode"] != 0:
            raise RuntimeError("plain_tantivy analyze failed: %s" % m["stderr"][-500:])
        res = json.loads(m["stdout"])
        res["cmd"] = " ".join(m["cmd"])
        return res

    def make_queries(self):
        if self.queries_tsv:
            return self.queries_tsv
        qs = querygen.generate(self.manifest["all"], self.args.queries)
        tsv = os.path.join(self.work, "queries.tsv")
        meta = os.path.join(self.work, "queries.meta.jsonl")
        sha = querygen.write(qs, tsv, meta)
        os.makedirs(self.args.out, exist_ok=True)
        shutil.copy(tsv, os.path.join(self.args.out, "queries.tsv"))
        styles = {}
        for q in qs:
            styles[q["style"]] = styles.get(q["style"], 0) + 1
        self.results["queries"] = {
            "count": len(qs),
            "seed": querygen.SEED,
            "sha256": sha,
            "styles": styles,
            "sample": [q["query"] for q in qs[:12]],
        }
        self.queries_meta = {q["qid"]: q for q in qs}
        self.queries_tsv = tsv
        return tsv

    def batch(self, index_dir, tsv, snippets, filters=(), threads=None):
        """Runs tracuu's batch mode once; returns per-query took_us and a summary. With
        `threads`, each search uses at most that many (RAYON_NUM_THREADS)."""
        cmd = [self.tracuu, "search", "--index", index_dir, "--queries", tsv, "--json"]
        if not snippets:
            cmd.append("--no-snippets")
        cmd.extend(filters)
        out = os.path.join(self.work, "batch-%s.jsonl" % ("snip" if snippets else "nosnip"))
        env = None
        if threads:
            env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
        m = measure.run_measured(cmd, stdout_path=out, env=env)
        if m["returncode"] not in (0, 1):
            raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd), m["returncode"], m["stderr"][-500:]))
        took, hits = {}, {}
        with open(out, encoding="utf-8") as f:
            for line in f:
                try:
                    obj = json.loads(line)
                except ValueError:
                    continue
                qid = str(obj.get("qid"))
                if "took_us" in obj and qid not in took:
                    # A query without hits prints one line with a null id: timed all the same.
                    took[qid] = obj["took_us"]
                if obj.get("id") is not None:
                    hits[qid] = hits.get(qid, 0) + 1
        n = sum(1 for line in open(tsv, encoding="utf-8") if line.strip())
        lat = measure.latency_summary(list(took.values())) or {}
        by_style = {}
        meta = getattr(self, "queries_meta", {})
        for qid, us in took.items():
            style = meta.get(qid, {}).get("style")
            if style:
                by_style.setdefault(style, []).append(us)
        lat.update(
            {
                "queries": n,
                "queries_timed": len(took),
                "queries_with_hits": len(hits),
                "qps_single_thread": len(took) / (sum(took.values()) / 1e6) if took else None,
                "process_wall_s": m["wall_s"],
                "process_qps": n / m["wall_s"],
                "max_rss_mib": m["max_rss_kib"] / 1024 if m.get("max_rss_kib") else None,
                "p50_ms_by_style": {
                    s: measure.percentile(v, 50) / 1000 for s, v in sorted(by_style.items())
                },
                "p99_ms_by_style": {
                    s: measure.percentile(v, 99) / 1000 for s, v in sorted(by_style.items())
                },
                "cmd": " ".join(m["cmd"]),
            }
        )
        if len(took) < n:
            lat["note"] = (
                "%d queries printed no line (no hits), so they have no took_us; "
                "the percentiles are over the timed ones" % (n - len(took))
            )
        os.unlink(out)
        return lat

    def s_queries(self):
        if not self.index_dir:
            raise NotAvailable("no tracuu index (the build section failed or was skipped)")
        tsv = self.make_queries()
        res = {}
        ok, help_text = self.tracuu_has("search")
        if ok and "--queries" in help_text:
            # One untimed pass to warm the index's pages and the process's caches.
            self.batch(self.index_dir, tsv, snippets=False)
            res["tracuu_snippets"] = self.batch(self.index_dir, tsv, snippets=True)
            res["tracuu_no_snippets"] = self.batch(self.index_dir, tsv, snippets=False)
            # A search scans on every core when its query has enough work; on one, for
            # comparison with FTS5, which answers each query on one thread.
            res["tracuu_no_snippets_one_thread"] = self.batch(
                self.index_dir, tsv, snippets=False, threads=1)
            # The same queries within a facet and a date range, as a researcher narrows down.
            res["tracuu_filtered"] = self.batch(
                self.index_dir, tsv, snippets=False, filters=FILTERS)
            res["tracuu_filtered"]["filters"] = " ".join(FILTERS)
        else:
            res["tracuu_snippets"] = res["tracuu_no_snippets"] = {
                "status": "not available",
                "reason": "tracuu search has no --queries (batch mode) yet",
            }
        cmd = [self.tracuu, "search", "--index", self.index_dir, "--color", "never", SINGLE_QUERY]
        res["single_command"] = measure.time_repeated(cmd, runs=self.args.runs, warmup=3)
        res["single_command"]["cmd"] = " ".join(cmd)
        cmd_ns = cmd[:-1] + ["--no-snippets", SINGLE_QUERY]
        res["single_command_no_snippets"] = measure.time_repeated(cmd_ns, runs=self.args.runs, warmup=3)
        res["single_command_no_snippets"]["cmd"] = " ".join(cmd_ns)
        if self.fts5_db:
            m = measure.run_measured(
                [sys.executable, os.path.join(HERE, "fts5_build.py"), "query", self.fts5_db, tsv]
            )
            if m["returncode"] == 0:
                res["fts5"] = json.loads(m["stdout"])
            else:
                res["fts5"] = {"status": "failed", "reason": m["stderr"][-500:]}
        else:
            res["fts5"] = {"status": "not available", "reason": "no FTS5 database"}
        return res

    def s_reindex(self):
        if not self.index_dir:
            raise NotAvailable("no tracuu index (the build section failed or was skipped)")
        ok, _ = self.tracuu_has("reindex")
        if not ok:
            raise NotAvailable("tracuu has no `reindex` command yet")
        res = {"full_build_s": self.split_build_s}
        cmd = [self.tracuu, "reindex", "--index", self.index_dir, "--json", self.src_dir]
        m = measure.run_measured(cmd)
        res["no_change"] = _reindex_row(m, self.split_build_s)
        log("   no change: %.1fs" % m["wall_s"])
        changed, files = corpus_prep.modify_share(self.src_dir)
        res["changed_articles"] = changed
        res["changed_files"] = files
        res["changed_share"] = changed / self.manifest["docs"]
        m = measure.run_measured(cmd)
        res["one_percent"] = _reindex_row(m, self.split_build_s)
        log("   %d articles changed in %d files: %.1fs" % (changed, files, m["wall_s"]))
        # Check: the changed articles are found by the marker word after the reindex.
        check = subprocess.run(
            [self.tracuu, "search", "--index", self.index_dir, "--json", "--no-snippets",
             "--limit", str(changed + 100), corpus_prep.REINDEX_MARKER],
            capture_output=True, text=True,
        )
        found = sum(1 for line in check.stdout.splitlines() if line.strip())
        res["check"] = {"marker_hits": found, "expected": changed, "ok": found == changed}
        return res

    def s_scale(self):
        if not os.access(self.tracuu, os.X_OK):
            raise NotAvailable("no release binary at %s" % self.tracuu)
        info = corpus_prep.prepare_scale(self.manifest, self.args.scale_docs, log=log)
        corpus_prep.warm(info["dir"])
        idx = os.path.join(self.work, "tracuu-scale")
        m = measure.run_measured([self.tracuu, "index", "--index", idx, "--json", info["dir"]])
        res = {"replicas": info["replicas"]}
        res["build"] = self.build_row(
            "tracuu, %d articles" % info["lines"], m, info["lines"], info["text_bytes"],
            info["raw_bytes"], measure.dir_size(idx), {"summary": _json_line(m.get("stdout"))},
        )
        log("   scale build: %.1fs" % m["wall_s"])
        ok, help_text = self.tracuu_has("search")
        if res["build"]["ok"] and ok and "--queries" in help_text:
            tsv = self.make_queries()
            self.batch(idx, tsv, snippets=False)
            res["queries_snippets"] = self.batch(idx, tsv, snippets=True)
            res["queries_no_snippets"] = self.batch(idx, tsv, snippets=False)
        else:
            res["queries_snippets"] = {"status": "not available"}
        if not self.args.keep:
            shutil.rmtree(idx, ignore_errors=True)
        return res

    def finish(self):
        self.results["finished"] = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
        self.save()
        md = report.markdown(self.results)
        with open(os.path.join(self.args.out, "latest.md"), "w", encoding="utf-8") as f:
            f.write(md)
        print()
        print(md)
        if not self.args.keep and self.work:
            shutil.rmtree(self.work, ignore_errors=True)


class NotAvailable(Exception):
    """A command or feature the section needs does not exist (yet)."""


def _reindex_row(m, full_s):
    return {
        "ok": m["returncode"] in (0, 1),
        "returncode": m["returncode"],
        "wall_s": m["wall_s"],
        "ratio_to_full_build": m["wall_s"] / full_s if full_s else None,
        "max_rss_mib": m["max_rss_kib"] / 1024 if m.get("max_rss_kib") else None,
        "summary": _json_line(m.get("stdout")),
        "stderr": m["stderr"][-500:] if m["returncode"] not in (0, 1) else None,
    }


def _json_line(text):
    """The last JSON object printed, if any."""
    for line in reversed((text or "").splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                return None
    return None


def _git(args):
    return _cmd(["git", "-C", REPO] + args)


def _cmd(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def main(argv):
    args = parse_args(argv)
    run = Run(args)
    run.setup()
    run.section("build", run.s_build)
    run.section("plain", run.s_plain)
    run.section("fts5", run.s_fts5)
    run.section("analyzer", run.s_analyzer)
    run.section("queries", run.s_queries)
    run.section("reindex", run.s_reindex)
    run.section("scale", run.s_scale)
    run.finish()
    return 0
