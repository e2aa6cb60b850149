//! The pruned search (MaxScore, `src/search/prune/`) finds exactly the hits of scoring
//! every match, and those are the hits tantivy's own scorers rank first.
//!
//! Queries come from the sample corpus's titles: every run of one to seven syllables, with
//! and without diacritics, plus quoted phrases, exclusions, abbreviations, filters and
//! pages. Small limits make the pruning start early on this small corpus.

mod common;

use common::{sample_index, tracuu};
use tracuu::search::{Engine, Filters, SearchOptions, Threads, TopK};
use tracuu::text::{key, Level};

fn titles() -> Vec<String> {
    let out = tracuu(sample_index())
        .arg("export")
        .output()
        .expect("tracuu export runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            v["title"].as_str().unwrap_or_default().to_owned()
        })
        .collect()
}

fn queries() -> Vec<String> {
    let mut qs = Vec::new();
    for (n, title) in titles().iter().enumerate() {
        let words: Vec<&str> = title
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .collect();
        for len in 1..=7 {
            // A few starting points per title keep the run short.
            for start in (n % 3..words.len().saturating_sub(len - 1)).step_by(5) {
                let q = words[start..start + len].join(" ");
                qs.push(key(&q, Level::Folded));
                qs.push(q);
            }
        }
    }
    qs.extend(
        [
            "\"Ban Chấp hành\" nhiệm kỳ",
            "đại hội -xã",
            "dai hoi dang bo -\"thanh pho\"",
            "UBND thanh pho",
            "Đ/c Bí thư Thành ủy",
            "dai hoi lan thu 24",
            "văn hoá văn hóa",
            "nhiệm kỳ 2020 – 2025",
            "những kết quả nổi bật trong công tác xây dựng Đảng của đảng bộ phường",
        ]
        .map(str::to_owned),
    );
    qs
}

fn hits(engine: &Engine, q: &str, options: &SearchOptions) -> Option<(Vec<(String, f32)>, usize)> {
    let r = engine.search(q, options).ok()?;
    Some((
        r.hits
            .into_iter()
            .map(|h| (h.article.id, h.score))
            .collect(),
        r.total,
    ))
}

/// Scores of independent sums of the same terms agree to float rounding.
fn close(a: f32, b: f32) -> bool {
    (a - b).abs() <= 1e-4 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn pruned_hits_are_the_hits_of_scoring_every_match() {
    let engine = Engine::open(sample_index()).expect("the sample index opens");
    let queries = queries();
    assert!(queries.len() > 300, "{} queries", queries.len());
    let filters = [
        Filters::default(),
        Filters {
            province: Some("Thái Nguyên".to_owned()),
            ..Filters::default()
        },
    ];
    let mut compared = 0;
    let mut pruned_away = 0;
    let (mut ties, mut ranked) = (0, 0);
    for (n, q) in queries.iter().enumerate() {
        let (limit, offset) = [(1, 0), (3, 0), (10, 0), (2, 2)][n % 4];
        let base = SearchOptions {
            limit,
            offset,
            snippets: false,
            filters: filters[n % 2].clone(),
            count_limit: None,
            ..SearchOptions::default()
        };
        let with = |top_k| SearchOptions {
            top_k,
            ..base.clone()
        };
        let Some(pruned) = hits(
            &engine,
            q,
            &SearchOptions {
                threads: Threads::Exactly(1),
                ..with(TopK::Pruned)
            },
        ) else {
            continue;
        };
        // However many threads share the scan, the hits are the same.
        for n in [2, 3] {
            let options = SearchOptions {
                threads: Threads::Exactly(n),
                ..with(TopK::Pruned)
            };
            let parallel = hits(&engine, q, &options).expect("same query");
            assert_eq!(parallel, pruned, "{n} threads against one for {q:?}");
        }
        let exhaustive = hits(&engine, q, &with(TopK::Exhaustive)).expect("same query");
        let tantivy = hits(&engine, q, &with(TopK::Tantivy)).expect("same query");
        assert_eq!(pruned, exhaustive, "pruned against exhaustive for {q:?}");
        assert_eq!(exhaustive.1, tantivy.1, "count for {q:?}");
        let (ours, theirs) = (&exhaustive.0, &tantivy.0);
        assert_eq!(ours.len(), theirs.len(), "hits for {q:?}");
        for (i, ((id, s), (tid, ts))) in ours.iter().zip(theirs).enumerate() {
            // Where the documents differ, the scores still agree: two documents tie to
            // rounding, and the sums, added in another order, broke the tie another way.
            assert!(close(*s, *ts), "score at {i} for {q:?}: {s} against {ts}");
            if id != tid {
                ties += 1;
            }
            ranked += 1;
        }
        if exhaustive.1 > limit + offset {
            pruned_away += 1;
        }
        compared += 1;
    }
    assert!(compared > 300, "{compared} queries compared");
    assert!(
        ties * 100 <= ranked,
        "{ties} of {ranked} ranks hold another document"
    );
    assert!(
        pruned_away > 100,
        "only {pruned_away} queries had more matches than hits"
    );
}

#[test]
fn counts_stop_at_the_limit_and_say_so() {
    let engine = Engine::open(sample_index()).expect("the sample index opens");
    let all = SearchOptions {
        count_limit: None,
        snippets: false,
        ..SearchOptions::default()
    };
    let full = engine.search("đảng bộ", &all).expect("searches");
    assert!(full.total > 20 && full.total_is_exact, "{}", full.total);
    let capped = engine
        .search(
            "đảng bộ",
            &SearchOptions {
                count_limit: Some(12),
                ..all.clone()
            },
        )
        .expect("searches");
    assert_eq!((capped.total, capped.total_is_exact), (12, false));
    // A limit below the hits asked for counts up to the hits: more than ten match.
    let below = engine
        .search(
            "đảng bộ",
            &SearchOptions {
                count_limit: Some(3),
                ..all.clone()
            },
        )
        .expect("searches");
    assert_eq!((below.total, below.total_is_exact), (10, false));
    assert_eq!(
        capped
            .hits
            .iter()
            .map(|h| &h.article.id)
            .collect::<Vec<_>>(),
        full.hits.iter().map(|h| &h.article.id).collect::<Vec<_>>()
    );
    // Fewer matches than hits asked for: the count is exact without counting.
    let rare = engine
        .search(
            "Bách Quang",
            &SearchOptions {
                count_limit: Some(0),
                limit: 50,
                ..all.clone()
            },
        )
        .expect("searches");
    let rare_all = engine
        .search("Bách Quang", &SearchOptions { limit: 50, ..all })
        .expect("searches");
    assert!(rare.total_is_exact);
    assert_eq!(rare.total, rare_all.total);
    assert!(rare.total > 0);
    // Exactly as many matches as hits asked for: the count goes one further and finds the
    // total exact, rather than saying "more than".
    let exact = engine
        .search(
            "Bách Quang",
            &SearchOptions {
                count_limit: Some(1),
                limit: rare_all.total,
                ..SearchOptions::default()
            },
        )
        .expect("searches");
    assert_eq!((exact.total, exact.total_is_exact), (rare_all.total, true));
}

#[test]
fn the_summary_says_when_the_count_stopped() {
    // The sample corpus has fewer than 1000 matches for anything: the count is exact and
    // --count-all gives the same line.
    let index = sample_index();
    let (code, out, _) = common::search(index, &["--no-snippets", "đảng"]);
    assert_eq!(code, 0);
    let (_, all, _) = common::search(index, &["--no-snippets", "--count-all", "đảng"]);
    let last = |s: &str| s.lines().last().unwrap_or_default().to_owned();
    assert_eq!(last(&out), last(&all));
    assert!(last(&out).starts_with("hits 1–10 of "), "{}", last(&out));
    assert!(!last(&out).contains("more than"));
}
