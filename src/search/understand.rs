//! Reading a query the way Vietnamese people type it, against what the index holds.
//!
//! The parser gives the words as typed; this stage decides what they mean, in order:
//! 1. **Telex/VNI typed with the input method off** ("ddaij", "da9i"): a word that is no
//!    Vietnamese syllable but decodes to one that the index has is searched as that syllable.
//! 2. **Typos** in syllables the index does not know: the closest syllable it does know, one
//!    edit away, a wrong tone costing less than a wrong letter. Never for a known syllable.
//! 3. **Abbreviations** both ways ("UBND" also finds "Ủy ban nhân dân", and the long form
//!    also finds the short one), from `index_schema/abbreviations.tsv`.
//! 4. **Ordinals**: "lần thứ 24" also finds "lần thứ XXIV" and the other way round, only
//!    right after the words that number congresses, terms and plenums.
//! 5. **Stop words**: very frequent function syllables weigh little in long queries.
//! 6. **Accent restoration**: for a short query typed without marks, the most frequent
//!    accented reading of each pair of adjacent syllables earns a bonus, so articles that
//!    spell "dai hoi" as "đại hội" rank above rarer readings.
//!
//! Each rewrite is a [`Note`] the CLI shows ("searching for …").

use super::query::{analyze, Clause, ParseNote, ParsedQuery, QueryTerm};
use crate::text::abbrev::{entries, expansions_of, find_long_forms, find_short_forms};
use crate::text::readings::{is_folded_reading, other_tones, readings};
use crate::text::roman::{numbers_in_context, other_spelling};
use crate::text::typing::repair_candidates;
use std::collections::HashSet;
use std::fmt;
use std::sync::LazyLock;

/// How often syllables occur in the index.
pub trait Vocabulary {
    /// Articles with this syllable as the exact level writes it ("đảng").
    fn exact(&self, syllable: &str) -> u64;
    /// Articles with this syllable at the folded level ("dang").
    fn folded(&self, syllable: &str) -> u64;
    /// Articles with these exact syllables adjacent and in order.
    fn exact_phrase(&self, syllables: &[&str]) -> u64;
    /// For every `first[i]` and `second[j]`, row by row: articles with the two adjacent and
    /// in order.
    fn exact_pairs(&self, first: &[&str], second: &[&str]) -> Vec<u64> {
        first
            .iter()
            .flat_map(|x| second.iter().map(move |y| self.exact_phrase(&[x, y])))
            .collect()
    }
    /// Of the pairs `first[i]` `second[j]`, the one with the most articles (see
    /// `likeliest`); `None` when none has any.
    fn likeliest_pair<'a>(
        &self,
        first: &[&'a str],
        second: &[&'a str],
    ) -> Option<(&'a str, &'a str)> {
        likeliest(first, second, &self.exact_pairs(first, second))
    }
    /// Whether any article is written without diacritics (then an accented syllable also
    /// looks for its bare spelling there).
    fn has_unaccented_articles(&self) -> bool {
        true
    }
}

/// One way a unit of the query can match: its syllables, adjacent and in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    pub terms: Vec<QueryTerm>,
}

/// A word or phrase of the query with every way it can match; the first is the reading
/// the query stands for (as typed, or as repaired).
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub alternatives: Vec<Alternative>,
    pub quoted: bool,
    pub excluded: bool,
    /// A very frequent function syllable: it weighs little and is not required.
    pub stop: bool,
}

impl Unit {
    pub fn primary(&self) -> &[QueryTerm] {
        &self.alternatives[0].terms
    }
}

/// What the query was understood to mean.
#[derive(Debug, Clone, PartialEq)]
pub struct Understood {
    pub units: Vec<Unit>,
    /// Exact-level phrases (or single syllables) of the likeliest accented reading of an
    /// unaccented query: a bonus, never a requirement.
    pub accent_bonus: Vec<Vec<QueryTerm>>,
    pub notes: Vec<Note>,
    /// Whether the index has articles written without diacritics.
    pub unaccented_articles: bool,
}

impl Understood {
    /// The query as it is searched, in words.
    pub fn searching_for(&self) -> String {
        let mut out = Vec::new();
        for u in &self.units {
            let words: Vec<&str> = u.primary().iter().map(|t| t.exact.as_str()).collect();
            out.push(spell_word(&words, u.quoted, u.excluded));
        }
        out.join(" ")
    }

    /// Every syllable that can match, for snippets and highlights: one typed with
    /// diacritics as that spelling, one typed without as every spelling.
    pub fn highlight_terms(&self) -> Vec<super::snippet::Mark> {
        let mut seen = HashSet::new();
        self.units
            .iter()
            .filter(|u| !u.excluded)
            .flat_map(|u| u.alternatives.iter().flat_map(|a| a.terms.iter()))
            .map(|t| super::snippet::Mark {
                folded: t.folded.clone(),
                exact: t.accented.then(|| t.exact.clone()),
            })
            .filter(|m| seen.insert(m.clone()))
            .collect()
    }
}

/// A word or phrase of the query, written back as the query language spells it.
fn spell_word(syllables: &[&str], quoted: bool, excluded: bool) -> String {
    let mut w = syllables.join(" ");
    if quoted {
        w = format!("\"{w}\"");
    }
    if excluded {
        w = format!("-{w}");
    }
    w
}

/// A rewrite the user should be told about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Typed with Telex or VNI switched off.
    Typing { typed: String, meant: String },
    /// Not in the index; the closest syllable that is.
    Typo { typed: String, meant: String },
    /// Also searched under its other form.
    Abbreviation { typed: String, other: String },
    /// An ordinal also searched in its other numerals.
    Ordinal { typed: String, other: String },
    /// A quote that opens no phrase, read as punctuation.
    PlainQuote(char),
    /// Fewer articles than asked for hold every content word of a keyword query (`all` of
    /// them): the page is filled with those that hold most of them.
    MostWords { words: String, all: usize },
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::Typing { typed, meant } => {
                write!(f, "“{typed}” read as “{meant}” (typed with Telex/VNI off)")
            }
            Note::Typo { typed, meant } => {
                write!(f, "“{typed}” is not in the index: searching for “{meant}”")
            }
            Note::Abbreviation { typed, other } => write!(f, "“{typed}” also as “{other}”"),
            Note::Ordinal { typed, other } => write!(f, "“{typed}” also as “{other}”"),
            Note::PlainQuote(q) => write!(f, "the unbalanced quote {q} is read as punctuation"),
            Note::MostWords { words, all: 0 } => write!(
                f,
                "no article has all of “{words}”; showing those with most of them"
            ),
            Note::MostWords { words, all } => write!(
                f,
                "only {all} article(s) have all of “{words}”; then those with most of them"
            ),
        }
    }
}

/// Very frequent function syllables, from `index_schema/stopwords.txt`, and the syllables of
/// question words, from `index_schema/question_words.txt`, at the exact level.
static STOP_WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    include_str!("../../index_schema/stopwords.txt")
        .lines()
        .chain(include_str!("../../index_schema/question_words.txt").lines())
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .flat_map(|l| analyze(l).into_iter().map(|t| t.exact))
        .collect()
});

/// Folded forms of the stop words: an unaccented query syllable is a stop word only if every
/// reading the index has of it is one, which [`is_stop`] approximates by the most frequent.
static STOP_FOLDED: LazyLock<HashSet<String>> = LazyLock::new(|| {
    STOP_WORDS
        .iter()
        .map(|s| crate::text::key(s, crate::text::Level::Folded))
        .collect()
});

/// Whether a syllable is a stop word: typed with marks, by its spelling; without, when its
/// most frequent reading in the index is one ("cua" is của in Party news, not cua the crab).
pub fn is_stop(t: &QueryTerm, vocab: &dyn Vocabulary) -> bool {
    if t.accented || !STOP_FOLDED.contains(&t.folded) {
        return STOP_WORDS.contains(&t.exact);
    }
    best_readings(&t.folded, vocab, 1)
        .first()
        .is_some_and(|r| STOP_WORDS.contains(*r))
}

fn term(exact: &str) -> QueryTerm {
    let folded = crate::text::key(exact, crate::text::Level::Folded);
    QueryTerm {
        accented: exact != folded,
        exact: exact.to_owned(),
        folded,
    }
}

fn unaccented(folded: &str) -> QueryTerm {
    QueryTerm {
        exact: folded.to_owned(),
        folded: folded.to_owned(),
        accented: false,
    }
}

/// The readings of `folded` the index has, most frequent first, at most `n`.
fn best_readings<'a>(folded: &str, vocab: &dyn Vocabulary, n: usize) -> Vec<&'a str> {
    let mut found: Vec<(u64, &str)> = readings(folded)
        .iter()
        .map(|r| (vocab.exact(r), r.as_str()))
        .filter(|&(df, _)| df > 0)
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    found.into_iter().take(n).map(|(_, r)| r).collect()
}

/// Understands a parsed query against the index vocabulary.
pub fn understand(parsed: &ParsedQuery, vocab: &dyn Vocabulary, short: bool) -> Understood {
    let mut notes: Vec<Note> = parsed
        .notes
        .iter()
        .map(|n| match n {
            ParseNote::PlainQuote(q) => Note::PlainQuote(*q),
        })
        .collect();
    let clauses: Vec<Clause> = parsed
        .clauses
        .iter()
        .map(|c| repair_clause(c, vocab, &mut notes))
        .collect();
    let mut units = merge_long_forms(&clauses, &mut notes);
    for unit in &mut units {
        add_short_form_expansions(unit, &mut notes);
    }
    add_ordinals(&mut units, &mut notes);
    let searching = units.iter().filter(|u| !u.excluded).count();
    for unit in &mut units {
        let t = unit.primary();
        unit.stop = !unit.excluded && !unit.quoted && t.len() == 1 && is_stop(&t[0], vocab);
    }
    // A query made only of stop words still searches them all.
    if units.iter().filter(|u| u.stop).count() == searching {
        units.iter_mut().for_each(|u| u.stop = false);
    }
    let accent_bonus = if short {
        accent_bonus(&units, vocab)
    } else {
        Vec::new()
    };
    Understood {
        units,
        accent_bonus,
        notes,
        unaccented_articles: vocab.has_unaccented_articles(),
    }
}

/// Telex/VNI repair and typo correction, syllable by syllable.
/// Only what cannot be meant as typed: a syllable the index does not hold, and never one
/// typed in capitals or with digits ([`Clause::verbatim`]: "OR", "XIV", "APEC", "F35").
fn repair_clause(clause: &Clause, vocab: &dyn Vocabulary, notes: &mut Vec<Note>) -> Clause {
    let mut out = clause.clone();
    for (t, &verbatim) in out.terms.iter_mut().zip(&clause.verbatim) {
        if verbatim || held(t, vocab) {
            continue;
        }
        if let Some(meant) = repair_typing(t, vocab) {
            notes.push(Note::Typing {
                typed: t.exact.clone(),
                meant: meant.exact.clone(),
            });
            *t = meant;
        } else if let Some(meant) = correct_typo(t, vocab) {
            notes.push(Note::Typo {
                typed: t.exact.clone(),
                meant: meant.exact.clone(),
            });
            *t = meant;
        }
    }
    out
}

/// Whether the index holds a syllable as typed: with diacritics, that spelling; without,
/// any spelling of it.
fn held(t: &QueryTerm, vocab: &dyn Vocabulary) -> bool {
    match t.accented {
        true => vocab.exact(&t.exact) > 0,
        false => vocab.folded(&t.folded) > 0,
    }
}

/// The syllable a word typed with the input method off stands for, if the index has it more
/// often than the word as typed.
fn repair_typing(t: &QueryTerm, vocab: &dyn Vocabulary) -> Option<QueryTerm> {
    if t.accented {
        return None;
    }
    let as_typed = vocab.folded(&t.folded);
    repair_candidates(&t.exact)
        .into_iter()
        .map(|c| {
            let c = c.to_lowercase();
            (vocab.exact(&c), c)
        })
        .filter(|&(df, _)| df > as_typed)
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, c)| term(&c))
}

/// A syllable the index does not know: the closest one it does, or `None`.
fn correct_typo(t: &QueryTerm, vocab: &dyn Vocabulary) -> Option<QueryTerm> {
    let letters = t.folded.chars().count();
    let wordlike = (2..=7).contains(&letters) && t.folded.bytes().all(|b| b.is_ascii_lowercase());
    if !wordlike || !expansions_of(&t.folded).is_empty() {
        return None;
    }
    if t.accented {
        if vocab.exact(&t.exact) > 0 {
            return None;
        }
        // A wrong tone first: same letters, another tone.
        let tone = other_tones(&t.exact)
            .into_iter()
            .map(|r| (vocab.exact(r), r))
            .filter(|&(df, _)| df > 0)
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(a.1)));
        if let Some((_, r)) = tone {
            return Some(term(r));
        }
        // Else a wrong letter, then its likeliest reading.
        let folded = best_neighbour(&t.folded, vocab)?;
        let reading = best_readings(&folded, vocab, 1).first().copied()?;
        return Some(term(reading));
    }
    if vocab.folded(&t.folded) > 0 {
        return None;
    }
    best_neighbour(&t.folded, vocab).map(|f| unaccented(&f))
}

/// The most frequent folded syllable one edit away from `word` (a letter dropped, added,
/// changed, or two swapped) that the index has.
fn best_neighbour(word: &str, vocab: &dyn Vocabulary) -> Option<String> {
    let mut best: Option<(u64, String)> = None;
    for candidate in one_edit(word) {
        if !is_folded_reading(&candidate) {
            continue;
        }
        let df = vocab.folded(&candidate);
        if df > 0
            && best
                .as_ref()
                .is_none_or(|(b, s)| df > *b || (df == *b && candidate < *s))
        {
            best = Some((df, candidate));
        }
    }
    best.map(|(_, s)| s)
}

/// Every lower-case ASCII string one edit from `word` (which is lower-case ASCII).
fn one_edit(word: &str) -> HashSet<String> {
    let w = word.as_bytes();
    let mut out = HashSet::new();
    let push = |out: &mut HashSet<String>, bytes: Vec<u8>| {
        if let Ok(s) = String::from_utf8(bytes) {
            if s != word {
                out.insert(s);
            }
        }
    };
    for i in 0..=w.len() {
        for c in b'a'..=b'z' {
            let mut v = w.to_vec();
            v.insert(i, c);
            push(&mut out, v);
            if i < w.len() {
                let mut v = w.to_vec();
                v[i] = c;
                push(&mut out, v);
            }
        }
        if i < w.len() {
            let mut v = w.to_vec();
            v.remove(i);
            push(&mut out, v);
        }
        if i + 1 < w.len() {
            let mut v = w.to_vec();
            v.swap(i, i + 1);
            push(&mut out, v);
        }
    }
    out
}

fn unit_of(clause: &Clause) -> Unit {
    let or = clause.or.iter().map(|terms| Alternative {
        terms: terms.clone(),
    });
    Unit {
        alternatives: std::iter::once(Alternative {
            terms: clause.terms.clone(),
        })
        .chain(or)
        .collect(),
        quoted: clause.quoted,
        excluded: clause.excluded,
        stop: false,
    }
}

/// Consecutive one-syllable words that spell a long form ("Ủy ban nhân dân") become one unit
/// that also matches the short form ("UBND"); a quoted long form gets its short form too.
fn merge_long_forms(clauses: &[Clause], notes: &mut Vec<Note>) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut i = 0;
    while i < clauses.len() {
        let c = &clauses[i];
        if c.quoted {
            let mut unit = unit_of(c);
            let folded: Vec<&str> = c.terms.iter().map(|t| t.folded.as_str()).collect();
            if let Some(&(_, _, key)) = find_long_forms(&folded)
                .iter()
                .find(|&&(s, e, _)| s == 0 && e == folded.len())
            {
                add_short(&mut unit, key, notes);
            }
            units.push(unit);
            i += 1;
            continue;
        }
        // The run of plain one-syllable words starting here, of the same sign.
        let run_end = (i..clauses.len())
            .find(|&j| {
                let d = &clauses[j];
                d.quoted || d.terms.len() != 1 || d.excluded != c.excluded
            })
            .unwrap_or(clauses.len());
        let folded: Vec<&str> = clauses[i..run_end]
            .iter()
            .map(|d| d.terms[0].folded.as_str())
            .collect();
        // The longest long form starting at the first word, if any.
        let best = find_long_forms(&folded)
            .into_iter()
            .filter(|&(s, e, _)| s == 0 && e >= 2)
            .max_by_key(|&(_, e, _)| e);
        match best {
            Some((_, e, key)) => {
                let mut unit = Unit {
                    alternatives: vec![Alternative {
                        terms: clauses[i..i + e]
                            .iter()
                            .map(|d| d.terms[0].clone())
                            .collect(),
                    }],
                    quoted: false,
                    excluded: c.excluded,
                    stop: false,
                };
                add_short(&mut unit, key, notes);
                units.push(unit);
                i += e;
            }
            None => {
                units.push(unit_of(c));
                i += 1;
            }
        }
    }
    units
}

/// The table's printed short form of `key` ("d c" → "Đ/c").
fn printed_short(key: &str) -> String {
    entries()
        .iter()
        .find(|e| e.key == key)
        .map(|e| e.short.clone())
        .unwrap_or_else(|| key.to_uppercase())
}

/// The table's printed long form of `key` with these folded tokens ("đồng chí").
fn printed_long(key: &str, tokens: &[String]) -> String {
    entries()
        .iter()
        .find(|e| e.key == key && e.long_tokens == tokens)
        .map(|e| e.long.clone())
        .unwrap_or_else(|| tokens.join(" "))
}

fn add_short(unit: &mut Unit, key: &str, notes: &mut Vec<Note>) {
    let terms: Vec<QueryTerm> = key.split(' ').map(unaccented).collect();
    notes.push(Note::Abbreviation {
        typed: words(unit.primary()),
        other: printed_short(key),
    });
    unit.alternatives.push(Alternative { terms });
}

fn words(terms: &[QueryTerm]) -> String {
    terms
        .iter()
        .map(|t| t.exact.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A unit that is exactly a short form ("UBND", "Đ/c", "TP.") also matches its expansions.
fn add_short_form_expansions(unit: &mut Unit, notes: &mut Vec<Note>) {
    if unit.alternatives.len() > 1 {
        return;
    }
    let folded: Vec<&str> = unit.primary().iter().map(|t| t.folded.as_str()).collect();
    let Some(&(_, _, key)) = find_short_forms(&folded)
        .iter()
        .find(|&&(s, e, _)| s == 0 && e == folded.len())
    else {
        return;
    };
    let typed = printed_short(key);
    for expansion in expansions_of(key) {
        let terms: Vec<QueryTerm> = expansion.iter().map(|t| unaccented(t)).collect();
        notes.push(Note::Abbreviation {
            typed: typed.clone(),
            other: printed_long(key, expansion),
        });
        unit.alternatives.push(Alternative { terms });
    }
}

/// An ordinal after "lần thứ", "khóa", "Đại hội"… also matches its other numerals, written
/// right after the same word: "lần thứ 24" finds "thứ XXIV", and "khóa XIII" finds "khóa 13".
fn add_ordinals(units: &mut [Unit], notes: &mut Vec<Note>) {
    // The positive one-syllable units in order, with their folded text.
    let mut at: Vec<usize> = Vec::new();
    let mut tokens: Vec<String> = Vec::new();
    for (i, u) in units.iter().enumerate() {
        if u.excluded {
            continue;
        }
        for t in u.primary() {
            at.push(i);
            tokens.push(t.folded.clone());
        }
    }
    let refs: Vec<&str> = tokens.iter().map(String::as_str).collect();
    for (k, value) in numbers_in_context(&refs) {
        let i = at[k];
        if k == 0 || units[i].primary().len() != 1 || units[i].alternatives.len() > 1 {
            continue;
        }
        let Some(other) = other_spelling(refs[k], value) else {
            continue;
        };
        let before = unaccented(refs[k - 1]);
        let typed = units[i].primary()[0].exact.clone();
        let shown = if other.bytes().all(|b| b.is_ascii_digit()) {
            other.clone()
        } else {
            other.to_uppercase()
        };
        notes.push(Note::Ordinal {
            typed: typed.to_uppercase(),
            other: shown,
        });
        units[i].alternatives.push(Alternative {
            terms: vec![before, unaccented(&other)],
        });
    }
}

/// Of the pairs `first[i]` `second[j]` with `counts` row by row, the one counted most, ties
/// to the alphabetically first; `None` when every count is 0.
pub fn likeliest<'a>(
    first: &[&'a str],
    second: &[&'a str],
    counts: &[u64],
) -> Option<(&'a str, &'a str)> {
    first
        .iter()
        .flat_map(|x| second.iter().map(move |y| (*x, *y)))
        .zip(counts)
        .map(|((x, y), &n)| (n, x, y))
        .filter(|&(n, _, _)| n > 0)
        .max_by(|p, q| p.0.cmp(&q.0).then(q.1.cmp(p.1)).then(q.2.cmp(p.2)))
        .map(|(_, x, y)| (x, y))
}

/// For adjacent unaccented syllables, the likeliest accented reading of each pair (the one
/// the index has most often as a phrase, among the two likeliest readings of each syllable);
/// for a lone unaccented syllable, its likeliest reading.
fn accent_bonus(units: &[Unit], vocab: &dyn Vocabulary) -> Vec<Vec<QueryTerm>> {
    let plain: Vec<Option<&QueryTerm>> = units
        .iter()
        .map(|u| {
            let t = u.primary();
            (!u.excluded && u.alternatives.len() == 1 && t.len() == 1 && !t[0].accented)
                .then(|| &t[0])
        })
        .collect();
    let mut bonus = Vec::new();
    let mut paired = vec![false; plain.len()];
    for i in 0..plain.len().saturating_sub(1) {
        let (Some(a), Some(b)) = (plain[i], plain[i + 1]) else {
            continue;
        };
        let (ra, rb) = (
            best_readings(&a.folded, vocab, 2),
            best_readings(&b.folded, vocab, 2),
        );
        if let Some((x, y)) = vocab.likeliest_pair(&ra, &rb) {
            bonus.push(vec![term(x), term(y)]);
            paired[i] = true;
            paired[i + 1] = true;
        }
    }
    for (i, t) in plain.iter().enumerate() {
        if let (Some(t), false) = (t, paired[i]) {
            if let Some(r) = best_readings(&t.folded, vocab, 1).first() {
                if *r != t.folded {
                    bonus.push(vec![term(r)]);
                }
            }
        }
    }
    bonus
}

/// Other queries to offer when one finds nothing, likeliest first: each syllable replaced by
/// a much more frequent one a tone or a letter away, then the query without one word.
pub fn suggestions(parsed: &ParsedQuery, vocab: &dyn Vocabulary) -> Vec<String> {
    let terms: Vec<(usize, usize, &QueryTerm)> = parsed
        .clauses
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.excluded)
        .flat_map(|(i, c)| {
            c.terms
                .iter()
                .enumerate()
                // Typed in capitals: meant as typed ("XIV" is no slip for "xin").
                .filter(|&(j, _)| !c.verbatim.get(j).copied().unwrap_or(false))
                .map(move |(j, t)| (i, j, t))
        })
        .collect();
    let mut out = Vec::new();
    for &(i, j, t) in &terms {
        for r in likelier_syllables(t, vocab) {
            out.push(respell(parsed, Some((i, j, &r)), None));
        }
    }
    let positive = parsed.clauses.iter().filter(|c| !c.excluded).count();
    if positive > 1 {
        // Without its rarest word first: that is the one most likely to be wrong.
        let mut by_rarity: Vec<(u64, usize)> = parsed
            .clauses
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.excluded)
            .map(|(i, c)| {
                let df = c
                    .terms
                    .iter()
                    .map(|t| vocab.folded(&t.folded))
                    .min()
                    .unwrap_or(0);
                (df, i)
            })
            .collect();
        by_rarity.sort();
        for (_, i) in by_rarity {
            out.push(respell(parsed, None, Some(i)));
        }
    }
    let mut seen = HashSet::new();
    out.retain(|s| seen.insert(s.clone()));
    out
}

/// Syllables much more frequent than `t` (at least 5 articles, and 20 times as many) that
/// it may be a slip for: another tone of it, then a word a letter away.
fn likelier_syllables(t: &QueryTerm, vocab: &dyn Vocabulary) -> Vec<String> {
    let df = if t.accented {
        vocab.exact(&t.exact)
    } else {
        vocab.folded(&t.folded)
    };
    let better = |n: u64| n >= 5 && n >= df.saturating_mul(20);
    let mut out = Vec::new();
    if t.accented {
        let tone = other_tones(&t.exact)
            .into_iter()
            .map(|r| (vocab.exact(r), r))
            .filter(|&(n, _)| better(n))
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(a.1)));
        if let Some((_, r)) = tone {
            out.push(r.to_string());
        }
    }
    let letters = t.folded.chars().count();
    if (2..=7).contains(&letters) && t.folded.bytes().all(|b| b.is_ascii_lowercase()) {
        if let Some(n) = best_neighbour(&t.folded, vocab) {
            if better(vocab.folded(&n)) {
                let r = if t.accented {
                    best_readings(&n, vocab, 1)
                        .first()
                        .map(|r| r.to_string())
                        .unwrap_or(n)
                } else {
                    n
                };
                out.push(r);
            }
        }
    }
    out
}

/// The query as typed, with the syllable at (clause, term) replaced, or a clause dropped.
fn respell(
    parsed: &ParsedQuery,
    replace: Option<(usize, usize, &str)>,
    drop: Option<usize>,
) -> String {
    let mut words = Vec::new();
    for (i, c) in parsed.clauses.iter().enumerate() {
        if Some(i) == drop {
            continue;
        }
        let w: Vec<&str> = c
            .terms
            .iter()
            .enumerate()
            .map(|(j, t)| match replace {
                Some((ri, rj, r)) if ri == i && rj == j => r,
                _ => t.exact.as_str(),
            })
            .collect();
        words.push(spell_word(&w, c.quoted, c.excluded));
    }
    words.join(" ")
}

#[cfg(test)]
mod tests;
