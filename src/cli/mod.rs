//! The terminal edge: parse flags, run a command, print, choose the exit code.
//!
//! Exit codes, like grep: 0 found something (or indexed everything), 1 no hits (or some
//! input was skipped), 2 an error.

pub(crate) mod args;
pub(crate) mod output;
pub(crate) mod progress;
pub(crate) mod signals;

use crate::corpus::Problem;
use crate::index::{self, BuildOptions, BuildReport, Layout, Sources};
use crate::search::{Engine, SearchOptions};
use anyhow::{Context, Result};
use args::{BuildArgs, Cli, ColorChoice, Command, EvalArgs, IndexArgs, SearchArgs};
use clap::Parser;
use output::Style;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub const EXIT_FOUND: u8 = 0;
pub const EXIT_NOT_FOUND: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// Runs the program; never panics on user input.
pub fn main() -> ExitCode {
    install_panic_hook();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_FOUND
            });
        }
    };
    let result = run(cli);
    if index::stop::stopping() {
        // A stop signal came: its thread removes what the run left and exits with the
        // signal's code; whatever failed here failed because of that.
        loop {
            std::thread::park();
        }
    }
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // A closed pipe (`tracuu search … | head`) is not an error worth a message.
            if e.chain().any(|c| {
                c.downcast_ref::<serde_json::Error>()
                    .and_then(|j| j.io_error_kind())
                    == Some(io::ErrorKind::BrokenPipe)
                    || c.downcast_ref::<io::Error>()
                        .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::from(EXIT_FOUND);
            }
            eprintln!("tracuu: {}", output::sanitize(&one_line(&e)));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// An error and its causes on one line, each cause said once: many errors repeat their
/// source in their own message.
fn one_line(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

fn run(cli: Cli) -> Result<u8> {
    let root = cli.index.clone().unwrap_or_else(default_index_dir);
    let writes = matches!(cli.command, Command::Index(_) | Command::Reindex(_));
    signals::handle_stop_signals(writes.then(|| root.clone()));
    let color = use_color(cli.color);
    match cli.command {
        Command::Index(a) => index_command(&root, &a, None),
        Command::Reindex(a) => index_command(&root, &a.index, Some(a.max_remove)),
        Command::Search(a) => search_command(&root, &a, color),
        Command::Eval(a) => eval_command(&root, &a),
        Command::Facets(a) if a.values.is_some() => values_command(&root, &a),
        Command::Facets(a) => {
            let options = SearchOptions {
                filters: filters(&a.filters),
                ..SearchOptions::default()
            };
            let query = a.query.join(" ");
            let parsed = (!query.trim().is_empty())
                .then(|| crate::search::parse(&query))
                .transpose()?;
            facets_command(&root, parsed.as_ref(), &options, a.json, color)
        }
        Command::Count(a) => count_command(&root, &a),
        Command::Completions(a) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(a.shell, &mut command, "tracuu", &mut io::stdout());
            Ok(EXIT_FOUND)
        }
        Command::Man => {
            let command = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(command).render(&mut io::stdout())?;
            Ok(EXIT_FOUND)
        }
        Command::Show(a) => show_command(&root, &a, color),
        Command::Export(a) => export_command(&root, a.with_body),
        Command::Explain(a) => explain_command(&root, &a.id),
        Command::Check => check_command(&root),
    }
}

/// `$XDG_DATA_HOME/tracuu/index`, else `~/.local/share/tracuu/index`, else `./tracuu-index`.
pub fn default_index_dir() -> PathBuf {
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".local/share"))
        });
    match data {
        Some(d) => d.join("tracuu").join("index"),
        None => PathBuf::from("tracuu-index"),
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
                && io::stdout().is_terminal()
        }
    }
}

fn build_options(a: &BuildArgs) -> BuildOptions {
    let mut options = BuildOptions {
        memory_budget: (a.memory as usize) << 20,
        ..BuildOptions::default()
    };
    if let Some(t) = a.threads {
        options.threads = t as usize;
    }
    options
}

/// `index`, or with `max_remove` (percent) `reindex`.
fn index_command(root: &Path, a: &IndexArgs, max_remove: Option<f64>) -> Result<u8> {
    let layout = Layout::new(root);
    let mut options = build_options(&a.build);
    let report = match max_remove {
        Some(max_remove) => {
            options.max_remove = max_remove;
            index::reindex(&layout, &a.paths, &options, &mut progress::Bar::new())
        }
        None => index::build_with_progress(
            &layout,
            &Sources::Paths(a.paths.clone()),
            &options,
            &mut progress::Bar::new(),
        ),
    };
    let report = report.map_err(|e| {
        // Say why each input was skipped before saying that the run failed.
        use index::IndexError::{NothingIndexed, TooManyRemoved};
        if matches!(e, NothingIndexed { .. } | TooManyRemoved { .. }) {
            if let Err(report) = report_problems(e.problems(), a.build.errors.as_deref()) {
                return report;
            }
        }
        anyhow::Error::from(e)
    })?;
    report_problems(&report.problems, a.build.errors.as_deref())?;
    output::print_build_summary(&mut io::stdout().lock(), &report, a.build.json)?;
    Ok(build_exit_code(&report))
}

fn build_exit_code(report: &BuildReport) -> u8 {
    if report.problems.is_empty() {
        EXIT_FOUND
    } else {
        EXIT_NOT_FOUND
    }
}

/// Every skipped input on stderr, and as JSON Lines in `errors` if asked.
fn report_problems(problems: &[Problem], errors: Option<&Path>) -> Result<()> {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for p in problems {
        output::print_problem(&mut err, p)?;
    }
    // Appended, each line with its run's time: a malformed line reported one night is
    // still there the next, beside that night's report, while its article stays missing.
    if let Some(path) = errors {
        let mut file = io::BufWriter::new(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .with_context(|| format!("cannot write {}", path.display()))?,
        );
        let run = crate::index::lock::now_utc();
        for p in problems {
            let mut line = serde_json::to_value(p)?;
            if let Some(fields) = line.as_object_mut() {
                fields.insert("run".to_owned(), serde_json::Value::from(run.as_str()));
            }
            serde_json::to_writer(&mut file, &line)?;
            writeln!(file)?;
        }
        file.flush()?;
    }
    Ok(())
}

/// At the default location, builds the bundled sample corpus when there is no index there
/// yet, so the first search on a fresh machine works; a search that finds that first build
/// in progress (another search's, or an `index`) waits for it. An index named by `--index`
/// or `TRACUU_INDEX` must exist: a mistyped path answered from the sample would pass for
/// real hits in a script that drops stderr.
fn ensure_index(root: &Path) -> Result<()> {
    let mut waiting = |busy: &index::IndexError| {
        if let index::IndexError::Busy { pid, since, .. } = busy {
            eprintln!(
                "tracuu: the index at {} is being built by process {pid} since {since}; waiting for it…",
                root.display()
            );
        }
    };
    if root != default_index_dir() {
        let layout = Layout::new(root);
        // A first `tracuu index` at work there: its index is read once it is done.
        if layout.is_unbuilt() && !layout.is_empty() {
            drop(index::lock::WriterLock::wait(&layout, &mut waiting)?);
        }
        if layout.is_empty() {
            anyhow::bail!(
                "no index at {}; build one with `tracuu index --index {} PATH...`",
                root.display(),
                root.display()
            );
        }
        return Ok(()); // Opening will explain what is wrong with it, if anything.
    }
    let mut building = || {
        eprintln!(
            "tracuu: no index at {}: building one from the bundled sample corpus…",
            root.display()
        );
    };
    let built = index::build_sample_if_unbuilt(
        &Layout::new(root),
        &BuildOptions::default(),
        &mut waiting,
        &mut building,
    )?;
    if let Some(report) = built {
        report_problems(&report.problems, None)?;
        eprintln!(
            "tracuu: indexed {} sample articles in {:.1}s; index your own with `tracuu index PATH...`",
            report.counts.added,
            report.elapsed.as_secs_f64()
        );
    }
    Ok(())
}

fn search_command(root: &Path, a: &SearchArgs, color: bool) -> Result<u8> {
    if a.facets && (a.json || a.queries.is_some()) {
        anyhow::bail!(
            "--facets does not mix with a stream of JSON hits: run `tracuu facets QUERY --json` for the counts"
        );
    }
    ensure_index(root)?;
    let engine = reading_index(root, || Ok(Engine::open(root)?))?;
    let options = SearchOptions {
        limit: a.limit,
        offset: a.offset,
        snippets: !a.no_snippets,
        filters: filters(&a.filters),
        // JSON Lines show no count: count only what the hits tell.
        count_limit: if a.count_all {
            None
        } else if a.json || a.queries.is_some() {
            Some(0)
        } else {
            Some(crate::search::DEFAULT_COUNT_LIMIT)
        },
        sort: a.sort.into(),
        ..SearchOptions::default()
    };
    if let Some(file) = &a.queries {
        return batch_command(&engine, file, &options);
    }
    let query = a.query.join(" ");
    let results = reading_index(root, || Ok(engine.search(&query, &options)?))?;
    output::print_reading(&mut io::stderr().lock(), &results)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if a.json {
        output::print_hits_json(&mut out, &results, &crate::search::Lines::as_stored())?;
    } else {
        output::print_hits_text(&mut out, &results, &Style::new(color))?;
    }
    if a.facets {
        // The counts below are a section of their own, not the hits' last line.
        writeln!(out)?;
    }
    out.flush()?;
    drop(out);
    if a.facets {
        let parsed = crate::search::parse(&query)?;
        facets_command(root, Some(&parsed), &options, a.json, color)?;
    }
    Ok(if results.total == 0 {
        EXIT_NOT_FOUND
    } else {
        EXIT_FOUND
    })
}

/// What `--province`, `--unit` and `--term` accept.
fn values_command(root: &Path, a: &args::FacetsArgs) -> Result<u8> {
    use crate::extract::facets::{names, UnitType};
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match a.values {
        Some(args::FilterKind::Province) => {
            output::print_provinces(&mut out, &names::provinces(), a.json)?;
        }
        Some(args::FilterKind::Unit) => {
            let units: Vec<(&str, &str)> = UnitType::ALL
                .iter()
                .map(|u| (u.as_str(), unit_words(*u)))
                .chain([("grassroots", "cấp cơ sở: commune, ward, township and cell")])
                .collect();
            output::print_units(&mut out, &units, a.json)?;
        }
        Some(args::FilterKind::Term) | None => {
            ensure_index(root)?;
            let engine = reading_index(root, || Ok(Engine::open(root)?))?;
            let all = engine.query(None, &SearchOptions::default())?;
            let counts = crate::search::facets::count(&engine, all.as_ref())?;
            output::print_terms(&mut out, &counts.term, a.json)?;
        }
    }
    out.flush()?;
    Ok(EXIT_FOUND)
}

/// The Vietnamese words `--unit` also takes for each type.
fn unit_words(unit: crate::extract::facets::UnitType) -> &'static str {
    use crate::extract::facets::UnitType;
    match unit {
        UnitType::National => "toàn quốc, trung ương",
        UnitType::Province => "tỉnh",
        UnitType::District => "huyện, quận, thị xã",
        UnitType::Commune => "xã",
        UnitType::Ward => "phường",
        UnitType::Township => "thị trấn",
        UnitType::Cell => "chi bộ",
        UnitType::PartyCommitteeOther => "đảng bộ khối, cơ quan, doanh nghiệp, quân sự, công an",
    }
}

fn filters(f: &args::FilterArgs) -> crate::search::Filters {
    crate::search::Filters {
        province: f.province.clone(),
        unit: f.unit.clone(),
        term: f.term.clone(),
        since: f.since,
        until: f.until,
    }
}

/// The exact number of matches, for scripts: `search` stops counting common words.
fn count_command(root: &Path, a: &args::CountArgs) -> Result<u8> {
    ensure_index(root)?;
    let engine = reading_index(root, || Ok(Engine::open(root)?))?;
    let options = SearchOptions {
        limit: 0,
        snippets: false,
        count_limit: None,
        filters: filters(&a.filters),
        ..SearchOptions::default()
    };
    let query = a.query.join(" ");
    let count = if query.trim().is_empty() {
        let q = engine.query(None, &options)?;
        reading_index(root, || {
            Ok(engine
                .searcher()
                .search(q.as_ref(), &tantivy::collector::Count)?)
        })?
    } else {
        reading_index(root, || Ok(engine.search(&query, &options)?.total))?
    };
    let mut out = io::stdout().lock();
    if a.json {
        writeln!(out, "{}", serde_json::json!({ "count": count }))?;
    } else {
        writeln!(out, "{count}")?;
    }
    Ok(if count == 0 {
        EXIT_NOT_FOUND
    } else {
        EXIT_FOUND
    })
}

fn facets_command(
    root: &Path,
    parsed: Option<&crate::search::ParsedQuery>,
    options: &SearchOptions,
    json: bool,
    color: bool,
) -> Result<u8> {
    ensure_index(root)?;
    let engine = Engine::open(root)?;
    let query = engine.query(parsed, options)?;
    let counts = crate::search::facets::count(&engine, query.as_ref())?;
    output::print_facet_counts(&mut io::stdout().lock(), &counts, json, &Style::new(color))?;
    Ok(if counts.total == 0 {
        EXIT_NOT_FOUND
    } else {
        EXIT_FOUND
    })
}

/// Every stored document, for audits and for feeding another engine.
fn export_command(root: &Path, with_body: bool) -> Result<u8> {
    use tantivy::collector::DocSetCollector;
    let engine = Engine::open(root)?;
    let searcher = engine.searcher();
    let fields = engine.index().fields;
    let mut addresses: Vec<_> = searcher
        .search(&tantivy::query::AllQuery, &DocSetCollector)?
        .into_iter()
        .collect();
    addresses.sort();
    let lines = engine.lines();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for address in addresses {
        let doc: tantivy::TantivyDocument = searcher.doc(address)?;
        let a = crate::index::document::StoredArticle::read(&fields, &doc);
        serde_json::to_writer(&mut out, &output::JsonArticle::new(&a, &lines, with_body))?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(EXIT_FOUND)
}

/// Whole articles by id, for reading or citing one.
fn show_command(root: &Path, a: &args::ShowArgs, color: bool) -> Result<u8> {
    let engine = reading_index(root, || Ok(Engine::open(root)?))?;
    let lines = engine.lines();
    let stdout = io::stdout();
    let width = terminal_width().unwrap_or(80).clamp(20, 100);
    let mut out = io::BufWriter::new(stdout.lock());
    let mut missing = 0;
    for (n, id) in a.ids.iter().enumerate() {
        let Some(article) = reading_index(root, || Ok(engine.article(id)?))? else {
            report_unknown_article(id);
            missing += 1;
            continue;
        };
        if a.json {
            serde_json::to_writer(&mut out, &output::JsonArticle::new(&article, &lines, true))?;
            writeln!(out)?;
        } else {
            if n > 0 {
                writeln!(out, "\n{}\n", "─".repeat(width.min(40)))?;
            }
            output::print_article_text(&mut out, &article, &lines, width, &Style::new(color))?;
        }
    }
    out.flush()?;
    Ok(if missing == 0 {
        EXIT_FOUND
    } else {
        EXIT_NOT_FOUND
    })
}

/// Says on stderr that no article has this id or came from this file, and where ids are.
fn report_unknown_article(id: &str) {
    eprintln!(
        "tracuu: no article with id or file {:?} (ids are printed by `tracuu search` and `tracuu export`)",
        output::sanitize(id)
    );
}

/// The terminal's width in columns, when stdout is one.
fn terminal_width() -> Option<usize> {
    if !io::stdout().is_terminal() {
        return None;
    }
    terminal_size::terminal_size().map(|(w, _)| usize::from(w.0))
}

/// Verifies the whole index; a damaged one is an error whose advice repairs it.
fn check_command(root: &Path) -> Result<u8> {
    let report = index::integrity::check(&Layout::new(root))?;
    output::print_check(&mut io::stdout().lock(), &report)?;
    if report.damage.is_empty() {
        return Ok(EXIT_FOUND);
    }
    let n = report.damage.len();
    Err(index::IndexError::Corrupt {
        path: root.to_path_buf(),
        reason: format!("{n} problem{} listed above", if n == 1 { "" } else { "s" }),
    }
    .into())
}

/// The evidence behind each facet value of one article.
fn explain_command(root: &Path, id: &str) -> Result<u8> {
    let engine = Engine::open(root)?;
    let Some(a) = engine.article(id)? else {
        report_unknown_article(id);
        return Ok(EXIT_NOT_FOUND);
    };
    output::print_explanation(&mut io::stdout().lock(), &a)?;
    Ok(EXIT_FOUND)
}

/// Batch mode: many queries against one opened index, JSON Lines out.
fn batch_command(engine: &Engine, file: &Path, options: &SearchOptions) -> Result<u8> {
    let text = if file == Path::new("-") {
        io::read_to_string(io::stdin().lock()).context("cannot read queries from standard input")?
    } else {
        std::fs::read_to_string(file)
            .with_context(|| format!("cannot read queries from {}", file.display()))?
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut any_hits = false;
    for (line_no, line) in text.lines().enumerate() {
        let Some((qid, query)) = batch_line(line, line_no + 1) else {
            continue;
        };
        let started = std::time::Instant::now();
        match engine.search(query, options) {
            Ok(results) => {
                let took_us = started.elapsed().as_micros() as u64;
                any_hits |= results.total > 0;
                output::print_batch_hits(&mut out, &qid, query, &results, took_us)?;
            }
            Err(e) => eprintln!(
                "tracuu: {}:{}: query skipped: {}",
                file.display(),
                line_no + 1,
                output::sanitize(&e.to_string())
            ),
        }
    }
    out.flush()?;
    Ok(if any_hits { EXIT_FOUND } else { EXIT_NOT_FOUND })
}

/// `qid<TAB>query`, or a bare query whose qid is its line number. Blank lines are skipped.
fn batch_line(line: &str, line_no: usize) -> Option<(String, &str)> {
    let line = line.trim_end_matches('\r');
    if line.trim().is_empty() {
        return None;
    }
    Some(match line.split_once('\t') {
        Some((qid, query)) => (qid.trim().to_owned(), query),
        None => (line_no.to_string(), line),
    })
}

fn eval_command(root: &Path, a: &EvalArgs) -> Result<u8> {
    use crate::eval::{evaluate, run_engine, Qrels, Queries};
    let qrels = Qrels::read(&a.qrels)?;
    let queries = Queries::read(&a.queries)?;
    let engine = Engine::open(root)?;
    let done = run_engine(&engine, &queries, 100, &SearchOptions::default());
    for (qid, reason) in &done.failed {
        eprintln!("tracuu: query {qid} skipped: {}", output::sanitize(reason));
    }
    if let Some(path) = &a.run_out {
        let file = std::fs::File::create(path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        done.run.write_tsv(io::BufWriter::new(file))?;
    }
    let mut report = evaluate(&qrels, &done.run, Some(&queries));
    if !a.per_query {
        report.per_query.clear();
    }
    let qps = queries.len() as f64 / done.elapsed.as_secs_f64().max(1e-9);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if a.json {
        writeln!(out, "{}", report.to_json())?;
    } else {
        write!(out, "{report}")?;
        writeln!(
            out,
            "{} queries in {:.2}s ({qps:.0} queries/s)",
            queries.len(),
            done.elapsed.as_secs_f64()
        )?;
    }
    Ok(EXIT_FOUND)
}

/// How many reads of the index are running ([`reading_index`]). A panic on any thread while
/// one runs is caught, not printed: a search shares its work among rayon's workers, and
/// tantivy's panic on a damaged file happens on whichever of them reads it.
static CATCHING: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
/// The message of the panic caught last.
static CAUGHT: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if CATCHING.load(std::sync::atomic::Ordering::SeqCst) > 0 {
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".to_owned());
            *CAUGHT.lock().unwrap_or_else(|e| e.into_inner()) = Some(message);
        } else {
            default(info);
        }
    }));
}

/// Runs a read of the index. tantivy panics on some damaged files (a flipped byte in the
/// middle of a segment, with its footer intact) instead of returning an error: such a panic
/// becomes the "damaged index" error, one line and exit code 2, instead of a crash.
fn reading_index<T>(root: &Path, read: impl FnOnce() -> Result<T>) -> Result<T> {
    use std::sync::atomic::Ordering;
    CATCHING.fetch_add(1, Ordering::SeqCst);
    // A worker's panic reaches this thread through rayon, which resumes it here.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    CATCHING.fetch_sub(1, Ordering::SeqCst);
    result.unwrap_or_else(|_| {
        let message = CAUGHT
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .unwrap_or_default();
        Err(index::IndexError::Corrupt {
            path: root.to_path_buf(),
            reason: format!("reading it failed ({message})"),
        }
        .into())
    })
}
