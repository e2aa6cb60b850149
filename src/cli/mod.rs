//! The terminal edge: parse flags, run a command, print, choose the exit code.
//!
//! Exit codes, like grep: 0 found something (or indexed everything), 1 no hits (or some
//! input was skipped), 2 an error.

pub mod args;
pub mod output;
pub mod progress;

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
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // A closed pipe (`tracuu search … | head`) is not an error worth a message.
            if e.chain().any(|c| {
                c.downcast_ref::<io::Error>()
                    .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::from(EXIT_FOUND);
            }
            eprintln!("tracuu: {}", output::sanitize(&format!("{e:#}")));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    let root = cli.index.clone().unwrap_or_else(default_index_dir);
    let color = use_color(cli.color);
    match cli.command {
        Command::Index(a) => index_command(&root, &a, false),
        Command::Reindex(a) => index_command(&root, &a, true),
        Command::Search(a) => search_command(&root, &a, color),
        Command::Eval(a) => eval_command(&root, &a),
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

fn index_command(root: &Path, a: &IndexArgs, incremental: bool) -> Result<u8> {
    let layout = Layout::new(root);
    let options = build_options(&a.build);
    let report = if incremental {
        index::reindex(&layout, &a.paths, &options, &mut progress::Bar::new())?
    } else {
        index::build(&layout, &Sources::Paths(a.paths.clone()), &options)?
    };
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
    if let Some(path) = errors {
        let mut file = io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?,
        );
        for p in problems {
            serde_json::to_writer(&mut file, p)?;
            writeln!(file)?;
        }
        file.flush()?;
    }
    Ok(())
}

/// Builds the bundled sample corpus into `root` when there is no index there yet, so the
/// first search on a fresh machine works.
fn ensure_index(root: &Path) -> Result<()> {
    if index::exists(root) {
        return Ok(());
    }
    let missing_or_empty = !root.exists()
        || std::fs::read_dir(root)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
    if !missing_or_empty {
        return Ok(()); // Opening will explain what is wrong with it.
    }
    eprintln!(
        "tracuu: no index at {}: building one from the bundled sample corpus…",
        root.display()
    );
    let report = index::build(
        &Layout::new(root),
        &Sources::Sample,
        &BuildOptions::default(),
    )?;
    report_problems(&report.problems, None)?;
    eprintln!(
        "tracuu: indexed {} sample articles in {:.1}s; index your own with `tracuu index PATH...`",
        report.counts.added,
        report.elapsed.as_secs_f64()
    );
    Ok(())
}

fn search_command(root: &Path, a: &SearchArgs, color: bool) -> Result<u8> {
    ensure_index(root)?;
    let engine = Engine::open(root)?;
    let options = SearchOptions {
        limit: a.limit,
        offset: a.offset,
        snippets: !a.no_snippets,
        ..SearchOptions::default()
    };
    if let Some(file) = &a.queries {
        return batch_command(&engine, file, &options);
    }
    let query = a.query.join(" ");
    let results = engine.search(&query, &options)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if a.json {
        output::print_hits_json(&mut out, &results)?;
    } else {
        output::print_hits_text(&mut out, &results, &Style::new(color))?;
    }
    out.flush()?;
    Ok(if results.total == 0 {
        EXIT_NOT_FOUND
    } else {
        EXIT_FOUND
    })
}

/// Batch mode: many queries against one opened index, JSON Lines out.
fn batch_command(engine: &Engine, file: &Path, options: &SearchOptions) -> Result<u8> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read queries from {}", file.display()))?;
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
