//! Ctrl-C (SIGINT), SIGTERM and SIGHUP: the run stops cleanly (see `index::stop`) and the
//! process exits with 128 + the signal's number, 130 for Ctrl-C, as if killed by it.
//!
//! The signals are blocked in every thread and taken by one thread of ours with `sigwait`,
//! so what happens on a signal is ordinary code, not a signal handler: it may take locks,
//! remove files and print.

use std::io::IsTerminal;
use std::path::PathBuf;

/// Starts handling the stop signals; `index` is the index a stop is reported for, when the
/// command writes one. Must be called before any other thread starts: threads inherit the
/// blocked signals from the one that starts them.
#[cfg(unix)]
pub fn handle_stop_signals(index: Option<PathBuf>) {
    // SAFETY: plain libc calls on a local, initialised signal set.
    let set = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            libc::sigaddset(&mut set, signal);
        }
        if libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) != 0 {
            return; // The default action stays: killed, and the next run cleans up.
        }
        set
    };
    let spawned = std::thread::Builder::new()
        .name("signals".to_owned())
        .spawn(move || loop {
            let mut signal = 0;
            // SAFETY: `set` is an initialised signal set; `signal` is written on success.
            if unsafe { libc::sigwait(&set, &mut signal) } != 0 {
                continue;
            }
            let stopped = crate::index::stop::stop();
            if let Some(index) = &index {
                let what = match stopped {
                    crate::index::stop::Stopped::Unchanged => "the index was left as it was",
                    crate::index::stop::Stopped::Updated => "the index had already been updated",
                };
                // On a terminal, below the progress bar.
                let below = if std::io::stderr().is_terminal() {
                    "\n"
                } else {
                    ""
                };
                eprintln!("{below}tracuu: interrupted; {what} ({})", index.display());
            }
            std::process::exit(128 + signal);
        });
    if spawned.is_err() {
        // No thread to take them: unblock them, so that they still stop the process.
        // SAFETY: as above.
        unsafe {
            libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        }
    }
}

#[cfg(not(unix))]
pub fn handle_stop_signals(_index: Option<PathBuf>) {}
