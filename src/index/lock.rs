//! The single-writer lock: an OS file lock on `ROOT/LOCK`, which the kernel releases when
//! the process dies, so a killed writer never leaves the index locked. The file records who
//! holds it, for the error the next writer sees.

use super::error::IndexError;
use super::layout::Layout;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Held while a process writes the index; released on drop.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

impl WriterLock {
    /// Takes the lock without waiting, or says who holds it.
    pub fn acquire(layout: &Layout) -> Result<WriterLock, IndexError> {
        let path = layout.lock_path();
        let mut file = open_lock_file(&path)?;
        // A lock this process released can stay held for a moment by a child it is
        // spawning: the child has a copy of every descriptor until it execs. The lock is then
        // tried again for a short while instead of calling this process busy.
        let mut own_tries = 0;
        loop {
            match file.try_lock() {
                Ok(()) => return WriterLock::note_holder(file, &path),
                Err(std::fs::TryLockError::WouldBlock) => {
                    let error = busy(layout, &mut file);
                    let ours = matches!(&error, IndexError::Busy { pid, .. }
                        if *pid == std::process::id().to_string());
                    if !ours || own_tries >= 100 {
                        return Err(error);
                    }
                    own_tries += 1;
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(IndexError::io("cannot lock", path)(e))
                }
            }
        }
    }

    /// Takes the lock, waiting for the process that holds it to finish; `waiting` is told
    /// who that is (the error [`WriterLock::acquire`] would give) before the wait.
    pub fn wait(
        layout: &Layout,
        waiting: &mut dyn FnMut(&IndexError),
    ) -> Result<WriterLock, IndexError> {
        let path = layout.lock_path();
        let mut file = open_lock_file(&path)?;
        match file.try_lock() {
            Ok(()) => return WriterLock::note_holder(file, &path),
            Err(std::fs::TryLockError::WouldBlock) => waiting(&busy(layout, &mut file)),
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(IndexError::io("cannot lock", path)(e))
            }
        }
        file.lock().map_err(IndexError::io("cannot lock", &path))?;
        WriterLock::note_holder(file, &path)
    }

    /// Records who holds the lock, for the error the next writer sees. Written over the
    /// previous holder's note and then cut to length, so that a reader sees a whole note,
    /// the old one or the new, or an empty file only before the first holder wrote it.
    fn note_holder(mut file: File, path: &Path) -> Result<WriterLock, IndexError> {
        let note = format!("{}\n{}\n", std::process::id(), now_utc());
        let written = file
            .seek(SeekFrom::Start(0))
            .and_then(|_| file.write_all(note.as_bytes()))
            .and_then(|_| file.set_len(note.len() as u64));
        written.map_err(IndexError::io("cannot write the lock file", path))?;
        Ok(WriterLock { _file: file })
    }
}

fn open_lock_file(path: &Path) -> Result<File, IndexError> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(IndexError::io("cannot open the lock file", path))
}

/// The error for a lock another process holds, saying which process and since when.
fn busy(layout: &Layout, file: &mut File) -> IndexError {
    // The holder writes its note just after taking the lock: a new lock file can still be
    // empty for a moment, so an incomplete note is read again before giving up on it.
    let mut note = None;
    for _ in 0..50 {
        let mut text = String::new();
        let read = file
            .seek(SeekFrom::Start(0))
            .and_then(|_| file.read_to_string(&mut text));
        if read.is_ok() {
            note = parse_note(&text);
            if note.is_some() {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let (pid, since) = note.unwrap_or_else(|| ("?".to_owned(), "an unknown time".to_owned()));
    IndexError::Busy {
        path: layout.root().to_path_buf(),
        pid,
        since,
        lock: layout.lock_path(),
    }
}

/// The process id and time of a complete note (`PID\nTIME\n`).
fn parse_note(text: &str) -> Option<(String, String)> {
    let mut lines = text.strip_suffix('\n')?.split('\n');
    let pid = lines.next().filter(|p| p.parse::<u32>().is_ok())?;
    let since = lines.next().filter(|s| !s.is_empty())?;
    lines
        .next()
        .is_none()
        .then(|| (pid.to_owned(), since.to_owned()))
}

/// Seconds since the Unix epoch.
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// The current time as `YYYY-MM-DD HH:MM:SS UTC`.
pub fn now_utc() -> String {
    format_utc(unix_now())
}

/// `secs` after the Unix epoch as `YYYY-MM-DD HH:MM:SS UTC`; empty past the year 9999.
pub fn format_utc(secs: u64) -> String {
    let Ok(t) = time::OffsetDateTime::from_unix_timestamp(secs.try_into().unwrap_or(i64::MAX))
    else {
        return String::new();
    };
    let (hour, minute, second) = t.to_hms();
    format!("{} {hour:02}:{minute:02}:{second:02} UTC", t.date())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_told_who_holds_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout::new(dir.path());
        let held = WriterLock::acquire(&layout).unwrap();
        let err = WriterLock::acquire(&layout).unwrap_err().to_string();
        assert!(
            err.contains(&format!("process {}", std::process::id())),
            "{err}"
        );
        drop(held);
        WriterLock::acquire(&layout).unwrap();
    }

    #[test]
    fn a_note_is_read_only_when_whole() {
        assert_eq!(
            parse_note("42\n2025-09-15 10:04:00 UTC\n"),
            Some(("42".to_owned(), "2025-09-15 10:04:00 UTC".to_owned()))
        );
        for partial in ["", "42", "42\n", "42\n2025-09-15", "x\ny\n"] {
            assert_eq!(parse_note(partial), None, "{partial:?}");
        }
    }

    #[test]
    fn a_waiting_writer_gets_the_lock_when_it_is_released() {
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout::new(dir.path());
        let held = WriterLock::acquire(&layout).unwrap();
        let waiter = {
            let layout = layout.clone();
            std::thread::spawn(move || {
                let mut told = None;
                let lock = WriterLock::wait(&layout, &mut |e| told = Some(e.to_string()));
                (lock.is_ok(), told)
            })
        };
        std::thread::sleep(Duration::from_millis(100));
        drop(held);
        let (locked, told) = waiter.join().unwrap();
        assert!(locked);
        let told = told.expect("told who held it");
        assert!(
            told.contains(&format!("process {}", std::process::id())),
            "{told}"
        );
    }

    #[test]
    fn utc_formatting() {
        assert_eq!(format_utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(format_utc(1_757_930_640), "2025-09-15 10:04:00 UTC");
        assert_eq!(format_utc(253_402_300_799), "9999-12-31 23:59:59 UTC");
        assert_eq!(format_utc(253_402_300_800), "");
        assert_eq!(format_utc(u64::MAX), "");
    }
}
