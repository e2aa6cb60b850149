//! The terminal edge: parse flags, run a command, print, choose the exit code.
//!
//! Exit codes, like grep: 0 found something (or indexed everything), 1 no hits (or some
//! input was skipped), 2 an error.

pub mod args;
pub mod output;

use crate::corpus::Problem;
use crate::index::{self, BuildOptions, BuildReport, Layout, Sources};
use crate::search::{Engine, SearchOptions};
use anyhow::{Context, Result};
use args::{BuildArgs, Cli, ColorChoice, Command, IndexArgs, SearchArgs};
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
    let color = use_color(cli.color);
    match cli.command {
        Command::Index(a) => index_command(&root, &a),
        Command::Search(a) => search_command(&root, &a, color),
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

fn index_command(root: &Path, a: &IndexArgs) -> Result<u8> {
    let report = index::build(
        &Layout::new(root),
        &Sources::Paths(a.paths.clone()),
        &build_options(&a.build),
    )
    .map_err(|e| {
        // Say why each input was skipped before saying that nothing was indexed.
        if let index::IndexError::NothingIndexed { problems, .. } = &e {
            if let Err(report) = report_problems(problems, a.build.errors.as_deref()) {
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
        report.added,
        report.elapsed.as_secs_f64()
    );
    Ok(())
}

fn search_command(root: &Path, a: &SearchArgs, color: bool) -> Result<u8> {
    ensure_index(root)?;
    let options = SearchOptions {
        limit: a.limit,
        offset: a.offset,
        snippets: !a.no_snippets,
        ..SearchOptions::default()
    };
    let query = a.query.join(" ");
    let results = reading_index(root, || Ok(Engine::open(root)?.search(&query, &options)?))?;
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

thread_local! {
    /// Set while [`reading_index`] runs: a panic then is caught, not printed.
    static CATCHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The message of the panic caught last.
    static CAUGHT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if CATCHING.with(|c| c.get()) {
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".to_owned());
            CAUGHT.with(|c| *c.borrow_mut() = Some(message));
        } else {
            default(info);
        }
    }));
}

/// Runs a read of the index. tantivy panics on some damaged files (a flipped byte in the
/// middle of a segment, with its footer intact) instead of returning an error: such a panic
/// becomes the "damaged index" error, one line and exit code 2, instead of a crash.
fn reading_index<T>(root: &Path, read: impl FnOnce() -> Result<T>) -> Result<T> {
    CATCHING.with(|c| c.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    CATCHING.with(|c| c.set(false));
    result.unwrap_or_else(|_| {
        let message = CAUGHT.with(|c| c.borrow_mut().take()).unwrap_or_default();
        Err(index::IndexError::Corrupt {
            path: root.to_path_buf(),
            reason: format!("reading it failed ({message})"),
        }
        .into())
    })
}
