//! Stopping a run part-way (Ctrl-C, SIGTERM) without leaving half of it behind.
//!
//! The CLI handles the stop signals on a thread of its own and calls [`stop`] there, then
//! exits. What a run changes goes live in one step, a full build's switch of `CURRENT` or a
//! reindex's commit, done through [`go_live`]: a stop comes either before it, and nothing
//! goes live, or after it. [`stop`] removes the generation a full build was writing (the
//! next run would, but it can be gigabytes); what an interrupted reindex wrote into the live
//! generation is removed by the next run (see `build::collect_garbage`).

use super::error::IndexError;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

struct RunState {
    /// The folder of the generation being built, not live yet.
    building: Option<PathBuf>,
    /// Whether a stop was asked for: nothing goes live after it.
    stopped: bool,
    /// Whether this run made something live.
    live: bool,
}

static STATE: Mutex<RunState> = Mutex::new(RunState {
    building: None,
    stopped: false,
    live: false,
});
static STOPPING: AtomicBool = AtomicBool::new(false);

fn state() -> MutexGuard<'static, RunState> {
    STATE.lock().unwrap_or_else(|e| e.into_inner())
}

/// What a run had done when it was stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// Nothing went live: the index is as it was before the run.
    Unchanged,
    /// The run had already made its result live.
    Updated,
}

/// Stops the run: removes the generation being built, if any, and lets nothing go live
/// from now on. The caller is expected to exit.
pub fn stop() -> Stopped {
    STOPPING.store(true, Ordering::SeqCst);
    let mut state = state();
    state.stopped = true;
    if let Some(dir) = state.building.take() {
        remove_partial(&dir);
    }
    if state.live {
        Stopped::Updated
    } else {
        Stopped::Unchanged
    }
}

/// Whether [`stop`] was called: a run that fails afterwards failed because of it.
pub fn stopping() -> bool {
    STOPPING.load(Ordering::SeqCst)
}

/// Creates the folder of a generation to build with `create` and records it, so that a stop
/// removes it; refused once stopping. Forgotten when `_run` is dropped.
pub(crate) fn start_building(
    _run: &Building,
    create: impl FnOnce() -> Result<PathBuf, IndexError>,
) -> Result<PathBuf, IndexError> {
    let mut state = state();
    if state.stopped {
        return Err(IndexError::Interrupted);
    }
    let dir = create()?;
    state.building = Some(dir.clone());
    Ok(dir)
}

/// Makes a run's result live with `make_live`, unless stopping: a stop waits for it.
pub(crate) fn go_live(
    make_live: impl FnOnce() -> Result<(), IndexError>,
) -> Result<(), IndexError> {
    let mut state = state();
    if state.stopped {
        return Err(IndexError::Interrupted);
    }
    let done = make_live();
    state.live |= done.is_ok();
    state.building = None;
    done
}

/// A full build under way: while it lives, a stop removes the generation it started (see
/// [`start_building`]).
pub(crate) struct Building(());

impl Building {
    pub(crate) fn new() -> Building {
        Building(())
    }
}

impl Drop for Building {
    fn drop(&mut self) {
        state().building = None;
    }
}

/// Removes a generation that tantivy's threads may still be writing into: once the folder
/// itself is gone they cannot create files in it, so removal is tried until it is.
fn remove_partial(dir: &Path) {
    for _ in 0..100 {
        match std::fs::remove_dir_all(dir) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound && dir.exists() => {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            _ => return,
        }
    }
}
