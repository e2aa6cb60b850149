//! Searching an index: parse the query, plan it, collect ranked hits, make snippets for the
//! hits shown.

mod article;
mod by_date;
pub(crate) mod facets;
pub(crate) mod filter;
mod pair_walk;
pub(crate) mod parallel;
pub(crate) mod plan;
pub(crate) mod prune;
pub(crate) mod query;
pub(crate) mod rank;
pub(crate) mod snippet;
mod statistics;
mod tier;
pub(crate) mod understand;
mod vocabulary;

pub use article::Lines;
pub use by_date::Sort;
pub use filter::{FilterError, Filters};
pub use parallel::Threads;
pub use plan::Ranking;
pub use query::{parse, ParsedQuery, QueryError};
pub use snippet::{Snippet, SnippetOptions};
pub use understand::{Note, Understood};

use crate::index::document::{embedded_body, StoredArticle, StoredValues};
use crate::index::{IndexError, OpenIndex};
use std::path::Path;
use tantivy::collector::{Count, TopDocs};
use tantivy::{IndexReader, ReloadPolicy};
use thiserror::Error;
use vocabulary::IndexVocabulary;

#[derive(Debug, Error)]
pub enum SearchError {
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error(transparent)]
    Filter(#[from] FilterError),
    #[error("search failed: {0}")]
    Engine(#[from] tantivy::TantivyError),
}

/// How many hits, from where, and how to show them.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    pub limit: usize,
    pub offset: usize,
    /// Make snippets (costs reading and tokenizing each shown body).
    pub snippets: bool,
    pub snippet: SnippetOptions,
    pub ranking: Ranking,
    pub filters: Filters,
    /// How the best hits are found; the hits are the same every way (see [`TopK`]).
    pub top_k: TopK,
    /// Count matches up to this many, or up to `offset + limit` if that is more (`None`:
    /// all of them). Counting every match of a common word costs more than finding the best
    /// ten. When fewer than `offset + limit` match, the count is exact whatever this says;
    /// `Some(0)` counts nothing else (for output that does not show the count).
    pub count_limit: Option<usize>,
    /// How many threads the search uses (see [`Threads`]).
    pub threads: Threads,
    /// The order of the hits.
    pub sort: Sort,
}

/// How the best hits are found. Only checks want anything but the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TopK {
    /// Skip the documents that cannot reach the top (`prune`).
    #[default]
    Pruned,
    /// Score every match, the same way.
    Exhaustive,
    /// Score every match with tantivy's own scorers and collector.
    Tantivy,
}

/// Matches are counted up to this many unless asked for all.
pub const DEFAULT_COUNT_LIMIT: usize = 1000;

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            offset: 0,
            snippets: true,
            snippet: SnippetOptions::default(),
            ranking: Ranking::default(),
            filters: Filters::default(),
            top_k: TopK::Pruned,
            count_limit: Some(DEFAULT_COUNT_LIMIT),
            threads: Threads::Auto,
            sort: Sort::Relevance,
        }
    }
}

/// One ranked hit.
#[derive(Debug, Clone)]
pub struct Hit {
    /// 1-based rank in the whole result list.
    pub rank: usize,
    pub score: f32,
    pub article: StoredArticle,
    /// The title with matched syllables highlighted.
    pub title: Snippet,
    pub snippets: Vec<Snippet>,
}

/// The hits of one query.
#[derive(Debug, Clone)]
pub struct Results {
    /// How many documents match: exactly, or when `total_is_exact` is false, more than
    /// this many (the count stopped there). With `count_limit: Some(0)` nothing is counted
    /// and an inexact `total` is the hits found, a lower bound.
    pub total: usize,
    /// Whether `total` counts every match (see [`SearchOptions::count_limit`]).
    pub total_is_exact: bool,
    pub hits: Vec<Hit>,
    /// How the query was read (Telex repaired, a typo corrected, an abbreviation expanded).
    pub notes: Vec<Note>,
    /// The query as searched, when it was read differently from how it was typed.
    pub searching_for: Option<String>,
    /// With no hits, or none that holds every word: a query that finds something whole.
    pub did_you_mean: Option<String>,
    /// With a date filter or a date order: how many matching articles have no date, and
    /// were left out by the filter or put last by the order. Not counted for a date filter
    /// when nothing else is (`count_limit: Some(0)`).
    pub undated: Option<Undated>,
}

/// Undated articles among the matches ([`Results::undated`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undated {
    /// Left out by `--since`/`--until`: this many would match without the date filter.
    LeftOut(usize),
    /// Put after every dated hit by a date order.
    Last(usize),
}

/// An opened index ready for many queries.
pub struct Engine {
    open: OpenIndex,
    reader: IndexReader,
}

impl Engine {
    pub fn open(root: &Path) -> Result<Engine, SearchError> {
        let open = crate::index::open(root)?;
        let reader = open
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| damaged(root, e))?;
        // What this reader opened: a file changed since it was written, a wrong count.
        crate::index::integrity::verify_for_search(
            root,
            &open.layout.generation_dir(&open.generation),
            open.info.files.as_ref(),
            &open.index,
            &reader.searcher(),
        )?;
        Ok(Engine { open, reader })
    }

    pub fn index(&self) -> &OpenIndex {
        &self.open
    }

    pub fn searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// What a parsed query means against this index (see `understand`).
    pub fn understand(&self, parsed: &ParsedQuery, options: &SearchOptions) -> Understood {
        let vocabulary = IndexVocabulary::new(self.reader.searcher(), &self.open.fields);
        let soft = plan::is_soft(parsed, &options.ranking);
        understand::understand(parsed, &vocabulary, !soft)
    }

    /// The tantivy query for a parsed query (`None`: every document) with filters applied.
    pub fn query(
        &self,
        parsed: Option<&ParsedQuery>,
        options: &SearchOptions,
    ) -> Result<Box<dyn tantivy::query::Query>, SearchError> {
        let understood = parsed.map(|p| (self.understand(p, options), p));
        self.query_for(
            understood
                .as_ref()
                .map(|(u, p)| (u, plan::is_soft(p, &options.ranking))),
            options,
        )
    }

    fn query_for(
        &self,
        understood: Option<(&Understood, bool)>,
        options: &SearchOptions,
    ) -> Result<Box<dyn tantivy::query::Query>, SearchError> {
        let docs = self.reader.searcher().num_docs();
        let plan = understood.map(|(u, soft)| {
            let weights = match soft {
                true => self.word_weights(u, docs),
                false => Vec::new(),
            };
            let matching = matching(soft, &weights, &options.ranking);
            plan::build_query(u, matching, &self.open.fields, &options.ranking, docs)
        });
        let filters = filter::filter_queries(&options.filters, &self.open.fields)?;
        Ok(filtered(plan.as_ref(), &filters))
    }

    /// Parses and runs a query.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<Results, SearchError> {
        let parsed = parse(query)?;
        self.search_parsed(&parsed, options)
    }

    pub fn search_parsed(
        &self,
        parsed: &ParsedQuery,
        options: &SearchOptions,
    ) -> Result<Results, SearchError> {
        self.run(parsed, options).map_err(|e| match e {
            SearchError::Engine(e) => damaged(self.open.layout.root(), e),
            e => e,
        })
    }

    fn run(&self, parsed: &ParsedQuery, options: &SearchOptions) -> Result<Results, SearchError> {
        let fields = &self.open.fields;
        let soft = plan::is_soft(parsed, &options.ranking);
        let mut understood = self.understand(parsed, options);
        let searcher = self.reader.searcher();
        let docs = searcher.num_docs();
        let words = coordination_groups(&understood);
        // What each word tells weighs only in a long query.
        let weights = match soft {
            true => self.word_weights(&understood, docs),
            false => Vec::new(),
        };
        let matching = matching(soft, &weights, &options.ranking);
        let plan_for =
            |m: plan::Matching| plan::build_query(&understood, m, fields, &options.ranking, docs);
        let plan = plan_for(matching);
        let filters = filter::filter_queries(&options.filters, fields)?;
        // No more hits than documents: a huge --offset or --limit allocates nothing huge.
        let wanted = (options.offset.saturating_add(options.limit))
            .min(usize::try_from(docs).unwrap_or(usize::MAX));
        let coordinate = soft && options.ranking.coordination_power > 0.0;
        let folded = [fields.title_folded, fields.body_folded];
        let coordination = coordinate.then(|| prune::Coordination {
            words: &words,
            weights: &weights,
            fields: &folded,
            power: options.ranking.coordination_power,
        });
        let coordination = coordination.as_ref();
        let find = |plan: &plan::Node, wanted: usize| {
            best_matches(&searcher, plan, &filters, coordination, wanted, options)
        };
        let cap = count_cap(options, wanted);
        let count = |plan: &plan::Node, cap: usize| {
            parallel::count_up_to(&searcher, filtered(Some(plan), &filters).as_ref(), cap)
        };
        // With threads to spare the count runs beside the search, although it is wasted
        // when fewer than `wanted` match: then the hits are the count.
        let (mut best, mut counted) = match cap {
            Some(cap) if options.threads.to_spare() => {
                let (best, counted) = rayon::join(|| find(&plan, wanted), || count(&plan, cap));
                (best?, Some(counted))
            }
            _ => (find(&plan, wanted)?, None),
        };
        let mut plan = plan;
        if !soft {
            if let Some((wider, note)) =
                fill_with_most_words(&mut best, wanted, &understood, plan_for, find)?
            {
                plan = wider;
                counted = None;
                understood.notes.push(note);
            }
        }
        // Fewer than asked for: that is every match, and nothing is left to count.
        let total = match (cap, counted) {
            _ if best.len() < wanted => (best.len(), true),
            (None, _) => (best.len(), false),
            (Some(_), Some(counted)) => counted?,
            (Some(cap), None) => count(&plan, cap)?,
        };
        let mut undated = self.left_out_undated(&searcher, &plan, options)?;
        if options.sort != Sort::Relevance {
            let query = filtered(Some(&plan), &filters);
            let (by_date, last) = by_date::top(&searcher, query.as_ref(), options.sort, wanted)?;
            best = by_date;
            if !options.filters.by_date() {
                undated = Some(Undated::Last(last));
            }
        }
        let hits = self.load_hits(&searcher, best, &understood, options)?;
        self.results(parsed, options, understood, hits, total, undated)
    }

    /// The results of a search, with a query to try instead when nothing, or nothing that
    /// holds every word, was found.
    fn results(
        &self,
        parsed: &ParsedQuery,
        options: &SearchOptions,
        understood: Understood,
        hits: Vec<Hit>,
        (total, total_is_exact): (usize, bool),
        undated: Option<Undated>,
    ) -> Result<Results, SearchError> {
        let mut results = Results {
            total,
            total_is_exact,
            hits,
            searching_for: understood
                .notes
                .iter()
                .any(|n| matches!(n, Note::Typing { .. } | Note::Typo { .. }))
                .then(|| understood.searching_for()),
            notes: understood.notes,
            did_you_mean: None,
            undated,
        };
        // Nothing found, or nothing that holds every word: a query that does is worth a try.
        let none_whole = results
            .notes
            .iter()
            .any(|n| matches!(n, Note::MostWords { all: 0, .. }));
        if total == 0 || none_whole {
            results.did_you_mean = self.did_you_mean(parsed, options)?;
        }
        Ok(results)
    }

    /// With a date filter, how many matches it left out for having no date. Counting them
    /// costs a count of every match: only where counts are shown (`count_limit: Some(0)` is
    /// output that shows none, as batch mode).
    fn left_out_undated(
        &self,
        searcher: &tantivy::Searcher,
        plan: &plan::Node,
        options: &SearchOptions,
    ) -> Result<Option<Undated>, SearchError> {
        if !options.filters.by_date() || options.count_limit == Some(0) {
            return Ok(None);
        }
        let without_date = Filters {
            since: None,
            until: None,
            ..options.filters.clone()
        };
        let filters = filter::filter_queries(&without_date, &self.open.fields)?;
        let left_out = by_date::undated(searcher, filtered(Some(plan), &filters).as_ref())?;
        Ok(Some(Undated::LeftOut(left_out)))
    }

    /// The stored articles of the hits shown (`best` from the offset on), with their title
    /// highlighted and, if asked for, snippets.
    fn load_hits(
        &self,
        searcher: &tantivy::Searcher,
        best: Vec<(tantivy::Score, tantivy::DocAddress)>,
        understood: &Understood,
        options: &SearchOptions,
    ) -> Result<Vec<Hit>, SearchError> {
        let fields = &self.open.fields;
        let terms = &understood.highlight_terms();
        let shown = best.into_iter().skip(options.offset).take(options.limit);
        let mut hits = Vec::with_capacity(options.limit.min(64));
        for (i, (score, address)) in shown.enumerate() {
            let values = match options.snippets || Some(fields.body) != embedded_body() {
                true => searcher.doc::<StoredValues<true>>(address)?.0,
                false => searcher.doc::<StoredValues<false>>(address)?.0,
            };
            let article = StoredArticle::from_values(fields, values);
            let snippets = if options.snippets {
                snippet::snippets(&article.body, terms, &options.snippet)
            } else {
                Vec::new()
            };
            hits.push(Hit {
                rank: options.offset + i + 1,
                score,
                title: snippet::highlight(&article.title, terms),
                article,
                snippets,
            });
        }
        Ok(hits)
    }

    /// The first suggestion that finds something, when a query found nothing.
    fn did_you_mean(
        &self,
        parsed: &ParsedQuery,
        options: &SearchOptions,
    ) -> Result<Option<String>, SearchError> {
        let vocabulary = IndexVocabulary::new(self.reader.searcher(), &self.open.fields);
        let searcher = self.reader.searcher();
        for suggestion in understand::suggestions(parsed, &vocabulary)
            .into_iter()
            .take(6)
        {
            let Ok(p) = parse(&suggestion) else {
                continue;
            };
            let q = self.query(Some(&p), options)?;
            if parallel::count_up_to(&searcher, q.as_ref(), 1)?.0 > 0 {
                return Ok(Some(suggestion));
            }
        }
        Ok(None)
    }
}

/// The planned query (`None`: every document) within the filters, which add nothing to
/// the score.
fn filtered(
    plan: Option<&plan::Node>,
    filters: &[Box<dyn tantivy::query::Query>],
) -> Box<dyn tantivy::query::Query> {
    use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query};
    let query: Box<dyn Query> = match plan {
        Some(p) => p.to_query(),
        None => Box::new(tantivy::query::AllQuery),
    };
    if filters.is_empty() {
        return query;
    }
    let mut clauses = vec![(Occur::Must, query)];
    for f in filters {
        let unscored: Box<dyn Query> = Box::new(ConstScoreQuery::new(f.box_clone(), 0.0));
        clauses.push((Occur::Must, unscored));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// The hits of a keyword query that too few articles hold whole, filled up to `wanted`
/// with those that hold the most of its `content` words, one word fewer at a time. Each
/// step finds every article with that many words (the step before found all with more),
/// so the tiers of word counts stay in order. The plan of the last step that added hits,
/// if any did.
/// How far to count matches, `None` for not at all. Never below the hits found: a count that
/// stops then means more match.
fn count_cap(options: &SearchOptions, wanted: usize) -> Option<usize> {
    match options.count_limit {
        Some(0) => None,
        limit => Some(limit.map_or(usize::MAX, |l| l.max(wanted))),
    }
}

/// The best `wanted` matches of `plan` within `filters`, best first, found the way
/// `options.top_k` says (the hits are the same every way).
fn best_matches(
    searcher: &tantivy::Searcher,
    plan: &plan::Node,
    filters: &[Box<dyn tantivy::query::Query>],
    coordination: Option<&prune::Coordination>,
    wanted: usize,
    options: &SearchOptions,
) -> Result<Vec<(tantivy::Score, tantivy::DocAddress)>, SearchError> {
    if wanted == 0 {
        return Ok(Vec::new());
    }
    Ok(match options.top_k {
        TopK::Pruned | TopK::Exhaustive => prune::top_k(
            searcher,
            plan,
            filters,
            coordination,
            wanted,
            options.top_k == TopK::Exhaustive,
            options.threads,
        )?,
        TopK::Tantivy => {
            // Every match, so that coordination can reorder all of them.
            let query = filtered(Some(plan), filters);
            let all = searcher.search(&query, &Count)?;
            let mut top =
                searcher.search(&query, &TopDocs::with_limit(all.max(1)).order_by_score())?;
            if let Some(c) = coordination {
                rank::coordinate(searcher, &mut top, c)?;
            }
            top.truncate(wanted);
            top
        }
    })
}

/// A keyword query that found fewer than `wanted` articles holding every content word: fills
/// the page with those holding most of them, one word fewer at a time. Gives the widest plan
/// that added hits (what is counted from then on) and the note that says so.
fn fill_with_most_words(
    best: &mut Vec<(tantivy::Score, tantivy::DocAddress)>,
    wanted: usize,
    understood: &Understood,
    plan_for: impl Fn(plan::Matching) -> plan::Node,
    find: impl Fn(&plan::Node, usize) -> Result<Vec<(tantivy::Score, tantivy::DocAddress)>, SearchError>,
) -> Result<Option<(plan::Node, Note)>, SearchError> {
    let content = plan::content_units(understood).count();
    if best.len() >= wanted || content < 2 {
        return Ok(None);
    }
    let all = best.len();
    let mut widest = None;
    for at_least in (1..content).rev() {
        let plan = plan_for(plan::Matching::Keywords {
            at_least: Some(at_least),
        });
        let seen: std::collections::HashSet<_> = best.iter().map(|(_, a)| *a).collect();
        let more = find(&plan, wanted + seen.len())?;
        let before = best.len();
        best.extend(more.into_iter().filter(|(_, a)| !seen.contains(a)));
        if best.len() > before {
            widest = Some(plan);
        }
        if best.len() >= wanted {
            best.truncate(wanted);
            break;
        }
    }
    Ok(widest.map(|plan| (plan, most_words_note(understood, all))))
}

/// What stderr says when a page was filled: the content words, and how many articles hold
/// them all.
fn most_words_note(understood: &Understood, all: usize) -> Note {
    let words: Vec<String> = plan::content_units(understood)
        .map(|u| {
            let syllables: Vec<&str> = u.primary().iter().map(|t| t.exact.as_str()).collect();
            syllables.join(" ")
        })
        .collect();
    Note::MostWords {
        words: words.join(" "),
        all,
    }
}

/// How a query matches: a long one by the share of its information, a keyword query with
/// every content word first (see [`plan::Matching`]).
fn matching(soft: bool, weights: &[f32], ranking: &Ranking) -> plan::Matching {
    match soft {
        true => plan::Matching::Soft {
            at_least: required_for_share(weights, ranking.min_match_ratio),
        },
        false => plan::Matching::Keywords { at_least: None },
    }
}

/// The smallest number of content words that can hold `share` of the query's information:
/// the rarest words first. A long query requires that many, so an article that has its
/// rare words (names, numbers, terms) is never dropped for missing its common ones;
/// coordination by the same weights then ranks it.
fn required_for_share(weights: &[f32], share: f32) -> usize {
    let mut sorted = weights.to_vec();
    sorted.sort_by(|a, b| b.total_cmp(a));
    let needed = sorted.iter().sum::<f32>() * share;
    let mut held = 0.0;
    for (n, w) in sorted.iter().enumerate() {
        held += w;
        if held >= needed {
            return n + 1;
        }
    }
    sorted.len().max(1)
}

/// Per positive, non-stop unit, its alternatives as folded syllables: a unit counts as
/// matched when any alternative's syllables all occur.
fn coordination_groups(understood: &Understood) -> Vec<Vec<Vec<String>>> {
    understood
        .units
        .iter()
        .filter(|u| !u.excluded && !u.stop)
        .map(|u| {
            u.alternatives
                .iter()
                .map(|a| a.terms.iter().map(|t| t.folded.clone()).collect())
                .collect()
        })
        .collect()
}

/// An engine error, said as a damaged index when it comes from reading damaged files (a
/// truncated segment, a bad checksum, garbage where a structure should be).
fn damaged(root: &Path, e: tantivy::TantivyError) -> SearchError {
    use tantivy::TantivyError as T;
    let corrupt = match &e {
        T::OpenReadError(_)
        | T::DataCorruption(_)
        | T::IncompatibleIndex(_)
        | T::DeserializeError(_) => true,
        T::IoError(io) => {
            matches!(
                io.kind(),
                std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof
            )
            // tantivy's readers say a garbled format word ("Unsupported sstable version",
            // "Unsupported dictionary type") as an I/O error of kind Other that no system
            // call raised.
            || (io.kind() == std::io::ErrorKind::Other && io.raw_os_error().is_none())
        }
        // The index was opened with the embedded schema, whose text fields all keep norms:
        // a field missing from the norms file means the file's table of fields is garbage.
        T::SchemaError(message) => message.contains("norm not found"),
        _ => false,
    };
    if corrupt {
        SearchError::Index(IndexError::Corrupt {
            path: root.to_path_buf(),
            reason: e.to_string(),
        })
    } else {
        SearchError::Engine(e)
    }
}

#[cfg(test)]
mod tests;
