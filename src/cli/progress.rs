//! A progress bar with rate and ETA for long index runs, on a terminal only (indicatif hides
//! itself when stderr is not a terminal, so cron logs stay clean).

use crate::index::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

pub struct Bar {
    bar: ProgressBar,
    articles: usize,
    files: usize,
}

impl Bar {
    pub fn new() -> Bar {
        let bar = ProgressBar::hidden();
        if std::io::stderr().is_terminal() {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        Bar {
            bar,
            articles: 0,
            files: 0,
        }
    }
}

impl Default for Bar {
    fn default() -> Self {
        Bar::new()
    }
}

impl Progress for Bar {
    fn start(&mut self, files: usize, bytes: u64) {
        self.bar.set_length(bytes);
        self.bar.set_message(format!("0 articles, {files} files"));
        self.files = files;
        let style = ProgressStyle::with_template(
            "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        self.bar.set_style(style);
    }

    fn articles_read(&mut self, articles: usize, bytes: u64) {
        self.articles += articles;
        self.bar
            .set_message(format!("{} articles, {} files", self.articles, self.files));
        self.bar.inc(bytes);
    }

    fn file_read(&mut self, bytes: u64) {
        self.bar.inc(bytes);
    }

    fn finish(&mut self) {
        self.bar.finish_and_clear();
    }
}
