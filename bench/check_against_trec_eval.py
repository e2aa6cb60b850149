#!/usr/bin/env python3
"""Checks `fts5_baseline.py eval` against the real trec_eval code (via pytrec_eval).

Optional, for verifying the metric definitions; needs `pip install pytrec-eval-terrier`
(a wheel embedding trec_eval 9.x). The run's own rank order is imposed by giving trec_eval
the score -rank, and queries missing from the run are scored 0 (`trec_eval -c`). MRR@10 is
trec_eval's recip_rank on the run cut to its top 10.

    python3 bench/check_against_trec_eval.py --qrels Q --run R [--queries F]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pytrec_eval

sys.path.insert(0, str(Path(__file__).parent))
import fts5_baseline as fb  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--qrels", required=True)
    parser.add_argument("--run", required=True)
    parser.add_argument("--queries")
    args = parser.parse_args()

    qrels = fb.read_qrels(Path(args.qrels))
    run = fb.read_run(Path(args.run))
    qids = [q for q, _ in fb.read_queries(Path(args.queries))] if args.queries else None
    ours = fb.evaluate(qrels, run, qids)
    evaluated = [q["qid"] for q in ours.per_query]

    def trec(ranking_cut: int | None, measures: set[str]) -> dict:
        sub_qrels = {q: qrels[q] for q in evaluated}
        sub_run = {
            q: {d: -float(r) for r, d in enumerate(run[q][:ranking_cut], 1)}
            for q in evaluated
            if run.get(q)
        }
        results = pytrec_eval.RelevanceEvaluator(sub_qrels, measures).evaluate(sub_run)
        return results

    full = trec(None, {"ndcg_cut.10", "recall.10,100"})
    top10 = trec(10, {"recip_rank"})
    worst = 0.0
    for q in ours.per_query:
        qid = q["qid"]
        theirs = {
            "mrr_at_10": top10.get(qid, {}).get("recip_rank", 0.0),
            "ndcg_at_10": full.get(qid, {}).get("ndcg_cut_10", 0.0),
            "recall_at_10": full.get(qid, {}).get("recall_10", 0.0),
            "recall_at_100": full.get(qid, {}).get("recall_100", 0.0),
        }
        for metric, value in theirs.items():
            worst = max(worst, abs(value - q[metric]))
    print(f"{len(evaluated)} queries; largest per-query difference from trec_eval: {worst:.2e}")
    return 0 if worst < 1e-9 else 1


if __name__ == "__main__":
    sys.exit(main())
