//! Every command-line flag, defined in one place.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Full-text search for Vietnamese party news.
#[derive(Debug, Parser)]
#[command(name = "tracuu", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    /// Index directory [default: $XDG_DATA_HOME/tracuu/index]
    #[arg(long, global = true, env = "TRACUU_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// When to colour the output; NO_COLOR in the environment turns `auto` off
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build a new index from .txt and .jsonl articles (files or folders, read recursively)
    Index(IndexArgs),
    /// Bring the index in line with its sources: add new, replace changed, remove deleted
    Reindex(ReindexArgs),
    /// Search the index; at the default location, builds one from the bundled sample first
    Search(SearchArgs),
    /// Measure search quality: MRR@10, nDCG@10, Recall@10/@100 on judged queries
    Eval(EvalArgs),
    /// Counts per province, unit type and term, over the matches of a query or the whole index
    Facets(FacetsArgs),
    /// Print the exact number of articles that match a query (all of them without one)
    Count(CountArgs),
    /// Print whole articles by id: title, date, URL, origin, facets and body
    Show(ShowArgs),
    /// Print every document as JSON Lines: id, title, url, origin and facets
    Export(ExportArgs),
    /// Show which evidence produced each facet value of an article
    Explain(ExplainArgs),
    /// Print a completion script: `tracuu completions bash > /etc/bash_completion.d/tracuu`
    Completions(CompletionsArgs),
    /// Print the manual page (roff): `tracuu man > /usr/local/share/man/man1/tracuu.1`
    Man,
    /// Verify every byte of the index and its records; exit 2, naming each damaged file, if
    /// it is damaged
    Check,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Article ids, as `search` prints them, or the files the articles were read from (their
    /// origin)
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,

    /// Print one JSON object per article (with its body) instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Also print each article's body
    #[arg(long)]
    pub with_body: bool,
}

#[derive(Debug, Args)]
pub struct FacetsArgs {
    /// Count over the matches of this query (every article without one)
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Instead of counting, list what a filter accepts: province (the 34 with their other
    /// names and the old 63), unit, or term (those in the index)
    #[arg(long, value_enum, value_name = "FILTER")]
    pub values: Option<FilterKind>,

    /// Print one JSON object instead of bars
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FilterKind {
    Province,
    Unit,
    Term,
}

#[derive(Debug, Args)]
pub struct CountArgs {
    /// The query, as `search` reads it (every article without one)
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Print {"count": N}
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Relevance judgments: `qid<TAB>doc id<TAB>grade` (or TREC's 4 columns)
    #[arg(long, value_name = "FILE")]
    pub qrels: PathBuf,

    /// Queries: `qid<TAB>query` per line
    #[arg(long, value_name = "FILE")]
    pub queries: PathBuf,

    /// Also print each query's figures
    #[arg(long)]
    pub per_query: bool,

    /// Print the report as JSON
    #[arg(long)]
    pub json: bool,

    /// Write the ranked results (TREC run format) to FILE
    #[arg(long, value_name = "FILE")]
    pub run_out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or folders of articles
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub build: BuildArgs,
}

#[derive(Debug, Args)]
pub struct ReindexArgs {
    #[command(flatten)]
    pub index: IndexArgs,

    /// Refuse a run that would remove more than this share of the indexed articles (sources
    /// half gone, a failed copy), leaving the index as it was; `100%` allows any
    #[arg(long, default_value = "10%", value_name = "PERCENT", value_parser = parse_percent)]
    pub max_remove: f64,
}

/// `60%` or `60`: a share from 0 to 100 percent.
fn parse_percent(s: &str) -> Result<f64, String> {
    let number = s.trim();
    let number = number.strip_suffix('%').unwrap_or(number).trim_end();
    match number.parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err(format!("{s:?} is not a percentage from 0% to 100%")),
    }
}

/// Flags shared by the commands that write an index.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Memory for the index writer's buffers, in MiB
    #[arg(long, default_value_t = 256, value_name = "MIB", value_parser = clap::value_parser!(u64).range(16..=16384))]
    pub memory: u64,

    /// Indexing threads [default: number of cores, at most 8]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=64))]
    pub threads: Option<u64>,

    /// Also write every skipped file or line as JSON Lines to FILE
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,

    /// Print the summary as one JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words, "quoted phrases", -word or NOT word to exclude, a OR b (in capitals:
    /// either word or phrase; each side of OR is a phrase). Up to 4 words rank the articles
    /// holding the most of them, then holding them together, first. (Quote the whole query,
    /// or put it after `--`, when it starts with -word)
    #[arg(required_unless_present = "queries", value_name = "QUERY")]
    pub query: Vec<String>,

    /// Run every query of FILE (`-`: standard input; one per line, or `qid<TAB>query`)
    /// against one opened index and print JSON Lines: qid, query, rank, id, score, took_us
    #[arg(long, value_name = "FILE", conflicts_with = "query")]
    pub queries: Option<PathBuf>,

    /// Number of hits to show
    #[arg(short = 'n', long, default_value_t = 10, value_name = "N")]
    pub limit: usize,

    /// Number of hits to skip (for paging)
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,

    /// Print JSON Lines, one hit per line
    #[arg(long)]
    pub json: bool,

    /// Do not make snippets (faster)
    #[arg(long)]
    pub no_snippets: bool,

    /// Order of the hits: relevance, newest or oldest first (undated articles last, and
    /// counted on stderr)
    #[arg(long, value_enum, default_value_t = SortOrder::Relevance, value_name = "ORDER")]
    pub sort: SortOrder,

    /// Count every match; without it, the count of a common word stops at 1000 ("hits 1–10
    /// of more than 1000"), which is faster
    #[arg(long)]
    pub count_all: bool,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Also print, for the whole result set, counts per province, unit type and term (for
    /// JSON, use `tracuu facets QUERY --json`)
    #[arg(long)]
    pub facets: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortOrder {
    Relevance,
    Newest,
    Oldest,
}

impl From<SortOrder> for crate::search::Sort {
    fn from(order: SortOrder) -> Self {
        match order {
            SortOrder::Relevance => crate::search::Sort::Relevance,
            SortOrder::Newest => crate::search::Sort::Newest,
            SortOrder::Oldest => crate::search::Sort::Oldest,
        }
    }
}

/// Facet and date filters; they combine.
#[derive(Debug, Args, Default)]
pub struct FilterArgs {
    /// Province, new (34) or old (63) name, with or without diacritics: "Thái Nguyên",
    /// "bac kan", hanoi, TP.HCM (`tracuu facets --values province` lists them)
    #[arg(long, value_name = "NAME")]
    pub province: Option<String>,

    /// Unit type: national, province, district, grassroots, commune, ward, township, cell,
    /// party_committee_other (grassroots = commune, ward, township and cell), or its
    /// Vietnamese word: phường, xã, chi bộ… (`tracuu facets --values unit`)
    #[arg(long, value_name = "TYPE")]
    pub unit: Option<String>,

    /// Term of office, e.g. 2025-2030
    #[arg(long, value_name = "YYYY-YYYY")]
    pub term: Option<String>,

    /// Published on or after this date: YYYY, YYYY-MM, YYYY-MM-DD or DD/MM/YYYY (a year or
    /// month from its first day). Undated articles are left out, and counted on stderr
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    pub since: Option<crate::extract::Date>,

    /// Published on or before this date, in the same forms (a year or month to its last day)
    #[arg(long, value_name = "DATE", value_parser = parse_until)]
    pub until: Option<crate::extract::Date>,
}

fn parse_since(s: &str) -> Result<crate::extract::Date, String> {
    parse_date(s, false)
}

fn parse_until(s: &str) -> Result<crate::extract::Date, String> {
    parse_date(s, true)
}

fn parse_date(s: &str, end: bool) -> Result<crate::extract::Date, String> {
    crate::extract::Date::parse_bound(s, end).ok_or_else(|| {
        format!("{s:?} is not a date: write 2025, 2025-03, 2025-03-15 or 15/03/2025")
    })
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The article's id (as printed by search or export), or the file it was read from
    #[arg(value_name = "ID")]
    pub id: String,
}

#[cfg(test)]
mod tests {
    use super::parse_percent;

    #[test]
    fn percentages_with_or_without_the_sign() {
        assert_eq!(parse_percent("60%"), Ok(60.0));
        assert_eq!(parse_percent("60"), Ok(60.0));
        assert_eq!(parse_percent("12.5 %"), Ok(12.5));
        assert_eq!(parse_percent("0"), Ok(0.0));
        for bad in ["101%", "-1", "x", "%", "NaN", ""] {
            assert!(parse_percent(bad).is_err(), "{bad}");
        }
    }
}
