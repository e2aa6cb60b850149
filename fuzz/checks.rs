#![allow(dead_code)] // Each fuzz target uses one of these checks.
//! What the fuzz targets assert. Shared with `tests/fuzz_corpus.rs` in the main crate, which
//! replays the committed inputs of `fuzz/regressions/<target>/` through these same functions,
//! so CI runs the corpus as a regression test without fuzzing.
//!
//! Every check takes arbitrary bytes and must never panic unless an invariant is broken.

use tracuu::corpus::{Article, Limits, Origin, Problem};
use tracuu::fuzzing::{
    build_query, highlight, is_overlong, read_jsonl, read_text, snippets, suggestions, understand,
    Mark, Matching, Vocabulary, MAX_QUERY_SYLLABLES,
};
use tracuu::search::{parse, Ranking, Snippet, SnippetOptions};
use tracuu::text::{has_diacritics, key, normalize, syllables, Level};
use unicode_normalization::UnicodeNormalization;

/// `text`: the normalizer and the tokenizer at both levels.
pub fn text(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let once = normalize(s);
    assert_eq!(normalize(&once), once, "normalize is idempotent");
    let nfd: String = s.nfd().collect();
    assert_eq!(normalize(&nfd), once, "NFD input normalizes like NFC input");
    tokens_agree(s);
    tokens_agree(&once);
    let _ = key(s, Level::Folded);
    let _ = has_diacritics(s);
    let _ = tracuu::fuzzing::is_chrome_line(s);
    let _ = tracuu::fuzzing::parse_dateline(&once);
    let _ = tracuu::extract::Date::parse_iso(s);
}

/// Both levels give the same spans and positions, on character boundaries, in order.
fn tokens_agree(t: &str) {
    let exact = syllables(t, Level::Exact);
    let folded = syllables(t, Level::Folded);
    assert_eq!(
        exact.len(),
        folded.len(),
        "same number of tokens at both levels"
    );
    let mut last_end = 0;
    let mut last_position = None;
    for (e, f) in exact.iter().zip(&folded) {
        assert_eq!(
            (e.from, e.to, e.position),
            (f.from, f.to, f.position),
            "offsets and positions equal across levels"
        );
        assert!(e.from < e.to && e.to <= t.len(), "span inside the text");
        assert!(t.is_char_boundary(e.from) && t.is_char_boundary(e.to));
        assert!(!is_overlong(&t[e.from..e.to]), "no overlong token");
        assert!(e.from >= last_end, "spans in order, not overlapping");
        assert!(
            last_position.is_none_or(|p| e.position > p),
            "positions increase"
        );
        assert!(!e.text.is_empty() && !f.text.is_empty(), "no empty token");
        last_end = e.to;
        last_position = Some(e.position);
    }
}

/// `query`: the query parser never panics, NFD and NFC queries parse alike, and a parsed
/// query plans and highlights without panicking.
pub fn query(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = parse(s);
    let nfd: String = s.nfd().collect();
    assert_eq!(parse(&nfd), parsed, "NFD query parses like the original");
    let nfc: String = s.nfc().collect();
    assert_eq!(parse(&nfc), parsed, "NFC query parses like the original");
    let Ok(q) = parsed else {
        return;
    };
    assert!(q.positive().next().is_some(), "something to search for");
    assert!(q.clauses.iter().all(|c| !c.terms.is_empty()));
    let count: usize = q.clauses.iter().map(|c| c.terms.len()).sum();
    assert!(count <= MAX_QUERY_SYLLABLES);
    let fields = &tracuu::fuzzing::embedded_schema()
        .expect("the embedded schema")
        .fields;
    // Reading the query against a made-up vocabulary that knows some syllables and not
    // others, so that repair, correction, expansion and suggestions all run.
    for short in [true, false] {
        let understood = understand(&q, &Pseudo, short);
        assert!(understood
            .units
            .iter()
            .all(|u| !u.alternatives.is_empty()
                && u.alternatives.iter().all(|a| !a.terms.is_empty())));
        let matching = match short {
            true => Matching::Keywords { at_least: None },
            false => Matching::Soft { at_least: 1 },
        };
        let _ = build_query(&understood, matching, fields, &Ranking::default(), 1000);
        let _ = understood.searching_for();
    }
    for suggestion in suggestions(&q, &Pseudo) {
        let _ = parse(&suggestion);
    }
    // The query text as an article body: snippets and highlights stay inside it.
    let mut terms: Vec<Mark> = q.positive_terms().map(|t| Mark::any(&t.folded)).collect();
    terms.extend(q.positive_terms().map(|t| Mark {
        folded: t.folded.clone(),
        exact: Some(t.exact.clone()),
    }));
    let body = normalize(s);
    for snippet in snippets(&body, &terms, &SnippetOptions::default()) {
        highlights_inside(&snippet);
    }
    highlights_inside(&highlight(&body, &terms));
}

/// A vocabulary that knows a syllable when its length and first byte say so.
struct Pseudo;

impl Pseudo {
    fn count(s: &str) -> u64 {
        let b = s.bytes().next().unwrap_or(0) as u64;
        if (b + s.len() as u64).is_multiple_of(3) {
            0
        } else {
            b % 50
        }
    }
}

impl Vocabulary for Pseudo {
    fn exact(&self, s: &str) -> u64 {
        Pseudo::count(s)
    }
    fn folded(&self, s: &str) -> u64 {
        Pseudo::count(s) * 2
    }
    fn exact_phrase(&self, s: &[&str]) -> u64 {
        s.iter().map(|w| Pseudo::count(w)).min().unwrap_or(0)
    }
}

fn highlights_inside(snippet: &Snippet) {
    let chars = snippet.text.chars().count();
    let mut last = 0;
    for &[from, to] in &snippet.highlights {
        assert!(from >= last && from < to && to <= chars, "{snippet:?}");
        last = to;
    }
}

/// `readers`: decoding, the text and JSON Lines parsers, and the streaming readers. The first
/// byte chooses small limits, so cutting and skipping are exercised on small inputs.
pub fn readers(data: &[u8]) {
    let Some((&knob, bytes)) = data.split_first() else {
        return;
    };
    // Clean input (valid UTF-8, or valid UTF-16 with a BOM) must never be reported as badly
    // encoded, however the limits cut it.
    let clean = tracuu::fuzzing::decode(bytes).is_ok_and(|d| d.warning.is_none());
    let _ = tracuu::fuzzing::looks_binary(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        let origin = Origin {
            path: "d/f.jsonl".into(),
            line: Some(1),
        };
        if let Ok(l) = tracuu::fuzzing::parse_line(s, origin) {
            article_ok(&l.article);
        }
        let _ = tracuu::fuzzing::parse_text(s);
        let _ = tracuu::fuzzing::parse_text(&normalize(s));
    }
    let small = Limits {
        max_text_bytes: 1 + usize::from(knob & 0x0F) * 97,
        max_line_bytes: 1 + usize::from(knob >> 4) * 61,
        batch_lines: 3,
        batch_files: 1,
        batch_bytes: 1 + usize::from(knob) * 13,
    };
    for limits in [small, Limits::default()] {
        let read = read_text("d/f.txt", "d/f.txt", bytes, &limits);
        let (article, problems) = (read.article, read.problems);
        if let Some(a) = &article {
            article_ok(a);
        }
        problems.iter().for_each(problem_ok);
        if clean {
            problems.iter().for_each(not_an_encoding_problem);
        }
        let mut articles = Vec::new();
        let mut problems = Vec::new();
        let _hash = read_jsonl(
            "d/f.jsonl",
            "d/f.jsonl",
            bytes,
            &limits,
            &mut |batch| articles.extend(batch),
            &mut problems,
        );
        articles.iter().for_each(article_ok);
        problems.iter().for_each(problem_ok);
        if clean {
            problems.iter().for_each(not_an_encoding_problem);
        }
    }
}

fn not_an_encoding_problem(p: &Problem) {
    // Reasons quote the input ("`published` \"202UTF-816\" is not a date"): only the words
    // outside quotes are the reader's own.
    let own = outside_quotes(&p.reason);
    assert!(
        !own.contains("UTF-8") && !own.contains("UTF-16"),
        "clean input reported as badly encoded: {p:?}"
    );
}

/// `text` without its double-quoted parts (Rust debug quoting: `\"` and `\\` escaped).
pub fn outside_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut quoted = false;
    let mut escaped = false;
    for c in text.chars() {
        if quoted {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => quoted = false,
                _ => {}
            }
        } else if c == '"' {
            quoted = true;
        } else {
            out.push(c);
        }
    }
    out
}

fn article_ok(a: &Article) {
    assert!(!a.id.is_empty(), "every article has an id: {a:?}");
    assert_eq!(normalize(&a.title), a.title, "titles are normalized");
    assert_eq!(normalize(&a.body), a.body, "bodies are normalized");
}

fn problem_ok(p: &Problem) {
    assert!(p.line != Some(0), "lines are 1-based");
    assert!(!p.reason.is_empty());
}
