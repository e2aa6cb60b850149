//! Running a query set through tracuu itself, to evaluate it.

use super::queries::Queries;
use super::run::{Hit, Run};
use crate::search::{Engine, SearchOptions};
use std::time::{Duration, Instant};

/// What running a query set produced.
pub struct EngineRun {
    pub run: Run,
    /// Queries that could not be run (malformed), with the reason.
    pub failed: Vec<(String, String)>,
    /// Time spent searching, excluding reading files.
    pub elapsed: Duration,
}

/// Runs every query with `depth` hits, no snippets (they do not change the ranking).
pub fn run_engine(
    engine: &Engine,
    queries: &Queries,
    depth: usize,
    base: &SearchOptions,
) -> EngineRun {
    let options = SearchOptions {
        limit: depth,
        offset: 0,
        snippets: false,
        // A run file has no place for the count.
        count_limit: Some(0),
        ..base.clone()
    };
    let mut run = Run::new();
    let mut failed = Vec::new();
    let started = Instant::now();
    for q in queries {
        match engine.search(&q.text, &options) {
            Ok(results) => {
                let hits = results
                    .hits
                    .into_iter()
                    .map(|h| Hit {
                        doc: h.article.id,
                        score: f64::from(h.score),
                    })
                    .collect();
                run.set_ranking(q.id.clone(), hits);
            }
            Err(e) => failed.push((q.id.clone(), e.to_string())),
        }
    }
    EngineRun {
        run,
        failed,
        elapsed: started.elapsed(),
    }
}
