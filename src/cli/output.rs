//! Printers: how hits and summaries look on a terminal and as JSON. No search logic here.

use crate::corpus::Problem;
use crate::index::document::StoredArticle;
use crate::index::BuildReport;
use crate::search::{Hit, Lines, Results, Snippet, Undated};
use serde::Serialize;
use std::borrow::Cow;
use std::io::{self, Write};

/// Replaces characters that could drive a terminal (control characters, including ESC, and
/// bidirectional overrides) with U+FFFD, one for one, so highlight offsets stay valid.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    fn unsafe_char(c: char) -> bool {
        c.is_control()
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
    }
    if text.chars().any(unsafe_char) {
        Cow::Owned(
            text.chars()
                .map(|c| if unsafe_char(c) { '\u{FFFD}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// ANSI styles, or nothing when colour is off.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    color: bool,
}

impl Style {
    pub fn new(color: bool) -> Style {
        Style { color }
    }
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
    fn bold(&self, t: &str) -> String {
        self.paint("1", t)
    }
    fn dim(&self, t: &str) -> String {
        self.paint("2", t)
    }
    fn mark(&self, t: &str) -> String {
        self.paint("1;31", t)
    }
}

/// Renders a snippet, marking its highlights with colour, or with «» when colour is off so
/// the matches still show in a pipe or a log.
fn render(snippet: &Snippet, style: &Style, base: impl Fn(&str) -> String) -> String {
    let text = sanitize(&snippet.text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    for &[from, to] in &snippet.highlights {
        let (from, to) = (from.min(chars.len()), to.min(chars.len()));
        if from < at {
            continue;
        }
        out.push_str(&base(&chars[at..from].iter().collect::<String>()));
        let marked: String = chars[from..to].iter().collect();
        if style.color {
            out.push_str(&style.mark(&marked));
        } else {
            out.push_str(&format!("«{marked}»"));
        }
        at = to;
    }
    out.push_str(&base(&chars[at..].iter().collect::<String>()));
    out
}

/// Writes hits for a person.
pub fn print_hits_text(out: &mut impl Write, results: &Results, style: &Style) -> io::Result<()> {
    for hit in &results.hits {
        let title = if hit.article.title.is_empty() {
            style.bold(&sanitize(&hit.article.id))
        } else {
            render(&hit.title, style, |t| style.bold(t))
        };
        writeln!(out, "{}. {title}", hit.rank)?;
        let mut meta: Vec<String> = Vec::new();
        if let Some(d) = hit.article.published {
            meta.push(d.to_string());
        }
        // The id where there is no URL: it is what `tracuu show` takes.
        match (&hit.article.url, &hit.article.source) {
            (Some(url), _) => meta.push(sanitize(url).into_owned()),
            (None, Some(source)) => {
                meta.push(sanitize(&hit.article.id).into_owned());
                meta.push(sanitize(source).into_owned());
            }
            (None, None) => meta.push(sanitize(&hit.article.id).into_owned()),
        }
        meta.push(format!("score {:.2}", hit.score));
        let a = &hit.article;
        let place = match (&a.province, &a.province_old) {
            (Some(p), Some(o)) if o != p => Some(format!("{p} (trước 2025: {o})")),
            (Some(p), _) => Some(p.clone()),
            (None, Some(o)) => Some(format!("trước 2025: {o}")),
            (None, None) => None,
        };
        let facets: Vec<String> = [
            place,
            a.unit_name.clone().or(a.unit_type.clone()),
            a.term.as_ref().map(|t| format!("nhiệm kỳ {t}")),
        ]
        .into_iter()
        .flatten()
        .map(|s| sanitize(&s).into_owned())
        .collect();
        if !facets.is_empty() {
            meta.push(facets.join(", "));
        }
        writeln!(out, "   {}", style.dim(&meta.join(" · ")))?;
        for s in &hit.snippets {
            writeln!(out, "   {}", render(s, style, str::to_owned))?;
        }
        writeln!(out)?;
    }
    let shown = results.hits.len();
    let total = if results.total_is_exact {
        results.total.to_string()
    } else {
        format!("more than {}", results.total)
    };
    let summary = match (shown, results.total) {
        (_, 0) => "no hits".to_owned(),
        (0, _) => format!("{total} hits; none on this page"),
        (_, _) => {
            let first = results.hits.first().map(|h| h.rank).unwrap_or(1);
            format!("hits {first}–{} of {total}", first + shown - 1)
        }
    };
    writeln!(out, "{}", style.dim(&summary))
}

/// How the query was read, on stderr so that stdout stays hits: "searching for …" when a
/// word was repaired or corrected, the other forms searched, and a suggestion when nothing
/// was found.
pub fn print_reading(out: &mut impl Write, results: &Results) -> io::Result<()> {
    if let Some(s) = &results.searching_for {
        writeln!(out, "tracuu: searching for “{}”", sanitize(s))?;
    }
    for note in &results.notes {
        writeln!(out, "tracuu: {}", sanitize(&note.to_string()))?;
    }
    match (&results.did_you_mean, results.total) {
        (Some(s), 0) => writeln!(out, "tracuu: no hits; did you mean “{}”?", sanitize(s))?,
        (Some(s), _) => writeln!(out, "tracuu: did you mean “{}”?", sanitize(s))?,
        (None, _) => {}
    }
    let articles = |n: usize| match n {
        1 => "1 undated article".to_owned(),
        n => format!("{n} undated articles"),
    };
    match results.undated {
        Some(Undated::LeftOut(n)) if n > 0 => writeln!(
            out,
            "tracuu: the date filter left out {} that match otherwise",
            articles(n)
        )?,
        Some(Undated::Last(n)) if n > 0 => {
            writeln!(out, "tracuu: {} match, after the dated ones", articles(n))?
        }
        _ => {}
    }
    Ok(())
}

/// One hit as JSON (the format documented in the README): its rank and score, the
/// article's fields as [`JsonArticle`] gives them (without the body), and the highlights.
#[derive(Debug, Serialize)]
pub struct JsonHit<'a> {
    pub rank: usize,
    pub score: f32,
    #[serde(flatten)]
    pub article: JsonArticle<'a>,
    pub title_highlights: &'a [[usize; 2]],
    pub snippets: &'a [Snippet],
}

impl<'a> JsonHit<'a> {
    pub fn new(hit: &'a Hit, lines: &Lines) -> Self {
        JsonHit {
            rank: hit.rank,
            score: hit.score,
            article: JsonArticle::new(&hit.article, lines, false),
            title_highlights: &hit.title.highlights,
            snippets: &hit.snippets,
        }
    }
}

pub fn print_hits_json(out: &mut impl Write, results: &Results, lines: &Lines) -> io::Result<()> {
    for hit in &results.hits {
        serde_json::to_writer(&mut *out, &JsonHit::new(hit, lines))?;
        writeln!(out)?;
    }
    Ok(())
}

/// Facet counts as aligned bars, or as one JSON object.
pub fn print_facet_counts(
    out: &mut impl Write,
    counts: &crate::search::facets::FacetCounts,
    json: bool,
    style: &Style,
) -> io::Result<()> {
    if json {
        serde_json::to_writer(&mut *out, counts)?;
        return writeln!(out);
    }
    writeln!(out, "{}", style.bold(&format!("{} articles", counts.total)))?;
    if counts.total == 0 {
        return Ok(());
    }
    for (title, rows) in [
        ("province", &counts.province),
        ("unit type", &counts.unit_type),
        ("term", &counts.term),
    ] {
        writeln!(out, "\n{}", style.bold(title))?;
        let width = rows
            .iter()
            .map(|(n, _)| n.chars().count())
            .max()
            .unwrap_or(0);
        let max = rows.iter().map(|(_, c)| *c).max().unwrap_or(1).max(1);
        let known: usize = rows.iter().map(|(_, c)| *c).sum();
        for (name, count) in rows {
            let bar = "█".repeat((count * 30).div_ceil(max));
            let pad = " ".repeat(width - name.chars().count());
            writeln!(out, "  {}{pad}  {count:>7}  {bar}", sanitize(name))?;
            // The grassroots units under their sum, as a tree: nothing counted twice.
            if title == "unit type" && name == "grassroots" {
                for (unit, n) in &counts.grassroots {
                    let bar = "█".repeat((n * 30).div_ceil(max));
                    let pad = " ".repeat(width.saturating_sub(unit.chars().count() + 2));
                    writeln!(out, "    {}{pad}  {n:>7}  {bar}", sanitize(unit))?;
                }
            }
        }
        // Every facet says how much of the result it leaves out, so that a filter on it is
        // read against what it can find: each article counts once per facet.
        writeln!(
            out,
            "  {}",
            style.dim(&format!(
                "{} without a known {title}",
                counts.total.saturating_sub(known)
            ))
        )?;
    }
    Ok(())
}

/// One line of batch output.
#[derive(Debug, Serialize)]
struct BatchHit<'a> {
    qid: &'a str,
    query: &'a str,
    /// `None` on the one line of a query without hits.
    rank: Option<usize>,
    id: Option<&'a str>,
    score: Option<f32>,
    took_us: u64,
}

/// The hits of one batch query, one JSON line each.
pub fn print_batch_hits(
    out: &mut impl Write,
    qid: &str,
    query: &str,
    results: &Results,
    took_us: u64,
) -> io::Result<()> {
    for hit in &results.hits {
        let line = BatchHit {
            qid,
            query,
            rank: Some(hit.rank),
            id: Some(&hit.article.id),
            score: Some(hit.score),
            took_us,
        };
        serde_json::to_writer(&mut *out, &line)?;
        writeln!(out)?;
    }
    if results.hits.is_empty() {
        // Still one line: the query ran, and its time counts.
        let line = BatchHit {
            qid,
            query,
            rank: None,
            id: None,
            score: None,
            took_us,
        };
        serde_json::to_writer(&mut *out, &line)?;
        writeln!(out)?;
    }
    Ok(())
}

/// Reports one skipped input on stderr.
pub fn print_problem(err: &mut impl Write, problem: &Problem) -> io::Result<()> {
    writeln!(err, "tracuu: {}", sanitize(&problem.to_string()))
}

/// The closing summary of a build or reindex, as data.
#[derive(Debug, Serialize)]
struct JsonBuild<'a> {
    added: u64,
    updated: u64,
    removed: u64,
    unchanged: u64,
    skipped: usize,
    duplicates: u64,
    files: usize,
    files_read: usize,
    ignored_files: usize,
    input_bytes: u64,
    elapsed_secs: f64,
    generation: &'a str,
    rebuilt: Option<&'a str>,
}

/// The closing line of a build or reindex.
pub fn print_build_summary(
    out: &mut impl Write,
    report: &BuildReport,
    json: bool,
) -> io::Result<()> {
    let c = &report.counts;
    let secs = report.elapsed.as_secs_f64();
    let skipped = report
        .problems
        .iter()
        .filter(|p| p.severity == crate::corpus::Severity::Skipped)
        .count();
    if json {
        let j = JsonBuild {
            added: c.added,
            updated: c.updated,
            removed: c.removed,
            unchanged: c.unchanged,
            skipped,
            duplicates: c.duplicates,
            files: c.files,
            files_read: c.files_read,
            ignored_files: c.ignored,
            input_bytes: c.input_bytes,
            elapsed_secs: secs,
            generation: &report.generation,
            rebuilt: report.rebuilt.as_deref(),
        };
        serde_json::to_writer(&mut *out, &j)?;
        return writeln!(out);
    }
    if let Some(reason) = &report.rebuilt {
        writeln!(out, "rebuilt the whole index ({reason})")?;
    }
    let mb = c.input_bytes as f64 / 1e6;
    writeln!(
        out,
        "{} added, {} updated, {} removed, {} unchanged, {skipped} skipped with errors ({} duplicate ids); \
         {} of {} files read ({mb:.1} MB in all), {} other files ignored; {secs:.1}s",
        c.added, c.updated, c.removed, c.unchanged, c.duplicates, c.files_read, c.files, c.ignored
    )
}

/// The findings of `tracuu check`: each damaged file with what is wrong with it, or that the
/// index is sound. The advice for a damaged index is its error, printed by the caller.
pub fn print_check(
    out: &mut impl Write,
    report: &crate::index::integrity::CheckReport,
) -> io::Result<()> {
    for damage in &report.damage {
        writeln!(out, "damaged: {}", sanitize(&damage.to_string()))?;
    }
    if report.damage.is_empty() {
        writeln!(
            out,
            "the index at {} is sound: {}, {} segment(s), {} article(s); every byte of {} file(s) ({:.1} MB) verified",
            sanitize(&report.root.display().to_string()),
            report.generation.as_deref().unwrap_or("?"),
            report.segments,
            report.documents,
            report.files,
            report.bytes as f64 / 1e6
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_sequences_cannot_reach_the_terminal() {
        assert_eq!(
            sanitize("a\u{1b}[2Jb\u{9b}c\u{202E}d"),
            "a\u{FFFD}[2Jb\u{FFFD}c\u{FFFD}d"
        );
        assert!(matches!(sanitize("Đại hội"), Cow::Borrowed(_)));
    }

    #[test]
    fn highlights_render_with_and_without_colour() {
        let s = Snippet {
            text: "phường Chi Lăng, TP".into(),
            highlights: vec![[7, 15]],
        };
        assert_eq!(
            render(&s, &Style::new(false), str::to_owned),
            "phường «Chi Lăng», TP"
        );
        assert_eq!(
            render(&s, &Style::new(true), str::to_owned),
            "phường \x1b[1;31mChi Lăng\x1b[0m, TP"
        );
    }

    #[test]
    fn a_count_that_stopped_says_more_than() {
        let results = |total, total_is_exact| Results {
            total,
            total_is_exact,
            hits: Vec::new(),
            notes: Vec::new(),
            searching_for: None,
            did_you_mean: None,
            undated: None,
        };
        let text = |r: &Results| {
            let mut out = Vec::new();
            print_hits_text(&mut out, r, &Style::new(false)).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(
            text(&results(1000, false)),
            "more than 1000 hits; none on this page\n"
        );
        assert_eq!(text(&results(7, true)), "7 hits; none on this page\n");
        assert_eq!(text(&results(0, true)), "no hits\n");
    }
}

/// A whole article as JSON: `tracuu show --json` and `tracuu export` (the body only when
/// asked for).
#[derive(Debug, Serialize)]
pub struct JsonArticle<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: Option<&'a str>,
    pub published: Option<String>,
    pub source: Option<&'a str>,
    pub origin: String,
    pub province: Option<&'a str>,
    pub province_old: Option<&'a str>,
    pub unit_type: Option<&'a str>,
    pub unit_name: Option<&'a str>,
    pub term: Option<&'a str>,
    pub congress_number: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<&'a str>,
}

impl<'a> JsonArticle<'a> {
    pub fn new(a: &'a StoredArticle, lines: &Lines, with_body: bool) -> Self {
        JsonArticle {
            id: &a.id,
            title: &a.title,
            url: a.url.as_deref(),
            published: a.published.map(|d| d.to_string()),
            source: a.source.as_deref(),
            origin: lines.origin(a),
            province: a.province.as_deref(),
            province_old: a.province_old.as_deref(),
            unit_type: a.unit_type.as_deref(),
            unit_name: a.unit_name.as_deref(),
            term: a.term.as_deref(),
            congress_number: a.congress_number,
            body: with_body.then_some(a.body.as_str()),
        }
    }
}

/// One article for reading in a terminal: its title, where it is from, its facets, and its
/// body wrapped to `width` columns, paragraph by paragraph.
pub fn print_article_text(
    out: &mut impl Write,
    a: &StoredArticle,
    lines: &Lines,
    width: usize,
    style: &Style,
) -> io::Result<()> {
    let title = if a.title.is_empty() { &a.id } else { &a.title };
    for line in textwrap::wrap(&sanitize(title), width) {
        writeln!(out, "{}", style.bold(&line))?;
    }
    let unknown = || "unknown".to_owned();
    let rows = [
        ("id", Some(a.id.clone())),
        ("published", a.published.map(|d| d.to_string())),
        ("url", a.url.clone()),
        ("source", a.source.clone()),
        ("origin", Some(lines.origin(a))),
    ];
    for (name, value) in rows.into_iter().chain(facet_rows(a)) {
        let value = value.unwrap_or_else(unknown);
        writeln!(
            out,
            "{}",
            style.dim(&format!("{name:<13}{}", sanitize(&value)))
        )?;
    }
    for paragraph in a.body.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
        writeln!(out)?;
        for line in textwrap::wrap(&sanitize(paragraph), width) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// The provinces `--province` takes, one per line, or one JSON object.
pub fn print_provinces(
    out: &mut impl Write,
    provinces: &[crate::extract::facets::names::ProvinceNames],
    json: bool,
) -> io::Result<()> {
    if json {
        serde_json::to_writer(&mut *out, &serde_json::json!({ "province": provinces }))?;
        return writeln!(out);
    }
    for p in provinces {
        let mut line = p.name.clone();
        if !p.aliases.is_empty() {
            line.push_str(&format!(" (also {})", p.aliases.join(", ")));
        }
        let merged: Vec<&String> = p.old.iter().filter(|o| !o.starts_with(&p.name)).collect();
        if !merged.is_empty() {
            let merged: Vec<&str> = merged.iter().map(|s| s.as_str()).collect();
            line.push_str(&format!("; before July 2025 also {}", merged.join("; ")));
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The unit types `--unit` takes, with the Vietnamese words it also reads.
pub fn print_units(out: &mut impl Write, units: &[(&str, &str)], json: bool) -> io::Result<()> {
    if json {
        let list = units
            .iter()
            .map(|(name, words)| serde_json::json!({ "unit": name, "words": words }));
        return print_json_list(out, "unit", list);
    }
    let width = units.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
    for (name, words) in units {
        writeln!(out, "{name:<width$}  {words}")?;
    }
    Ok(())
}

/// The terms of office in the index, with their article counts.
pub fn print_terms(out: &mut impl Write, terms: &[(String, usize)], json: bool) -> io::Result<()> {
    if json {
        let list = terms
            .iter()
            .map(|(term, n)| serde_json::json!({ "term": term, "articles": n }));
        return print_json_list(out, "term", list);
    }
    for (term, n) in terms {
        writeln!(out, "{term}  {n}")?;
    }
    Ok(())
}

/// An article's facets by name, in the order `show` and `explain` print them.
fn facet_rows(a: &StoredArticle) -> [(&'static str, Option<String>); 6] {
    [
        ("province", a.province.clone()),
        ("province_old", a.province_old.clone()),
        ("unit_type", a.unit_type.clone()),
        ("unit_name", a.unit_name.clone()),
        ("term", a.term.clone()),
        ("congress", a.congress_number.map(|n| n.to_string())),
    ]
}

/// An article's facets and the evidence behind each (`tracuu explain`).
pub fn print_explanation(out: &mut impl Write, a: &StoredArticle) -> io::Result<()> {
    writeln!(out, "{}", sanitize(&a.title))?;
    let show =
        |v: Option<String>| sanitize(&v.unwrap_or_else(|| "unknown".to_owned())).into_owned();
    let published = ("published", a.published.map(|d| d.to_string()));
    for (name, value) in facet_rows(a).into_iter().chain([published]) {
        writeln!(out, "  {:<15}{}", format!("{name}:"), show(value))?;
    }
    writeln!(out, "evidence:")?;
    let evidence: Vec<serde_json::Value> = a
        .evidence
        .as_deref()
        .and_then(|e| serde_json::from_str(e).ok())
        .unwrap_or_default();
    for e in evidence {
        let get = |k: &str| sanitize(e[k].as_str().unwrap_or_default()).into_owned();
        writeln!(
            out,
            "  {} [{}] {} «{}»: {}",
            get("facet"),
            get("rule"),
            get("source"),
            get("text"),
            get("note")
        )?;
    }
    Ok(())
}

/// `{"KEY": [ITEMS]}` on one line.
fn print_json_list(
    out: &mut impl Write,
    key: &str,
    items: impl Iterator<Item = serde_json::Value>,
) -> io::Result<()> {
    let list: Vec<serde_json::Value> = items.collect();
    serde_json::to_writer(&mut *out, &serde_json::json!({ key: list }))?;
    writeln!(out)
}
