//! The progress an index run reports advances within a file, by the articles read, and
//! adds up to the bytes to read: one large JSON Lines file moves the bar all the way, not
//! in one step at its end.

use tracuu::index::{build_with_progress, BuildOptions, Layout, Progress, Sources};

#[derive(Default)]
struct Recorded {
    total: u64,
    articles: usize,
    by_articles: Vec<u64>,
    by_files: Vec<u64>,
    finished: bool,
}

impl Progress for Recorded {
    fn start(&mut self, _files: usize, bytes: u64) {
        self.total = bytes;
    }
    fn articles_read(&mut self, articles: usize, bytes: u64) {
        self.articles += articles;
        self.by_articles.push(bytes);
    }
    fn file_read(&mut self, bytes: u64) {
        self.by_files.push(bytes);
    }
    fn finish(&mut self) {
        self.finished = true;
    }
}

/// A folder with one JSON Lines file of 6,000 articles; the file's text.
fn one_large_file(dir: &std::path::Path) -> (std::path::PathBuf, String) {
    let sources = dir.join("src");
    std::fs::create_dir(&sources).unwrap();
    let mut lines = String::new();
    for n in 0..6000 {
        lines.push_str(&format!(
            "{{\"id\":\"a{n}\",\"title\":\"Đại hội Chi bộ số {n}\",\"body\":\"Ban Chấp hành nhiệm kỳ 2025-2030 của chi bộ số {n} gồm năm đồng chí.\"}}\n"
        ));
    }
    std::fs::write(sources.join("news.jsonl"), &lines).unwrap();
    (sources, lines)
}

#[test]
fn a_large_json_lines_file_advances_the_progress_as_its_articles_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let (sources, lines) = one_large_file(dir.path());
    let mut recorded = Recorded::default();
    let report = build_with_progress(
        &Layout::new(dir.path().join("index")),
        &Sources::Paths(vec![sources]),
        &BuildOptions::default(),
        &mut recorded,
    )
    .unwrap();
    assert_eq!(report.counts.added, 6000);
    assert_eq!(recorded.total, lines.len() as u64);
    assert_eq!(recorded.articles, 6000);
    assert!(
        recorded.by_articles.len() >= 2,
        "{:?}",
        recorded.by_articles
    );
    let by_articles: u64 = recorded.by_articles.iter().sum();
    let by_files: u64 = recorded.by_files.iter().sum();
    assert_eq!(by_articles + by_files, recorded.total);
    // Most of the file is counted as its articles come, the JSON around them at its end.
    assert!(
        by_articles * 2 > recorded.total,
        "{by_articles} of {}",
        recorded.total
    );
    assert!(recorded.finished);
}

/// Through the binary on a terminal (`script` gives it one): one bar, which counts the
/// articles and moves within one large file before its end; none on a pipe. Skipped,
/// saying so, where `script` (util-linux) is missing.
#[test]
fn index_on_a_terminal_shows_a_bar_that_moves_within_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let (sources, _) = one_large_file(dir.path());
    let command = format!(
        "{} --index {} index {}",
        env!("CARGO_BIN_EXE_tracuu"),
        dir.path().join("on-a-terminal").display(),
        sources.display()
    );
    let run = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .output();
    let Ok(out) = run else {
        eprintln!("note: no `script` here to give tracuu a terminal; the bar is not tested");
        return;
    };
    assert!(out.status.success(), "{out:?}");
    let screen = String::from_utf8_lossy(&out.stdout).into_owned();
    let counts: Vec<usize> = screen
        .split(['\r', '\n'])
        .filter_map(|frame| {
            let (before, _) = frame.split_once(" articles, ")?;
            before.rsplit(' ').next()?.parse().ok()
        })
        .collect();
    assert!(
        counts.iter().any(|&n| n > 0 && n < 6000),
        "{counts:?}\n{screen}"
    );
    assert!(counts.contains(&6000), "{counts:?}");
    // On a pipe, nothing but the summary.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tracuu"))
        .arg("--index")
        .arg(dir.path().join("on-a-pipe"))
        .arg("index")
        .arg(&sources)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains(" articles, "), "{stderr}");
}
