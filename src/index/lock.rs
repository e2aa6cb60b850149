//! The single-writer lock: an OS file lock on `ROOT/LOCK`, which the kernel releases when
//! the process dies, so a killed writer never leaves the index locked. The file records who
//! holds it, for the error the next writer sees.

use super::error::IndexError;
use super::layout::Layout;
use crate::extract::Date;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::time::{SystemTime, UNIX_EPOCH};

/// Held while a process writes the index; released on drop.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

impl WriterLock {
    /// Takes the lock without waiting, or says who holds it.
    pub fn acquire(layout: &Layout) -> Result<WriterLock, IndexError> {
        let path = layout.lock_path();
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(IndexError::io("cannot open the lock file", &path))?;
        match file.try_lock() {
            Ok(()) => {
                let note = format!("{}\n{}\n", std::process::id(), now_utc());
                let written = file
                    .set_len(0)
                    .and_then(|_| file.seek(SeekFrom::Start(0)))
                    .and_then(|_| file.write_all(note.as_bytes()));
                written.map_err(IndexError::io("cannot write the lock file", &path))?;
                Ok(WriterLock { _file: file })
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let mut lines = holder.lines();
                Err(IndexError::Busy {
                    path: layout.root().to_path_buf(),
                    pid: lines.next().unwrap_or("?").to_owned(),
                    since: lines.next().unwrap_or("an unknown time").to_owned(),
                    lock: path,
                })
            }
            Err(std::fs::TryLockError::Error(e)) => Err(IndexError::io("cannot lock", path)(e)),
        }
    }
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

pub fn format_utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let date = Date::from_days_since_epoch(days)
        .map(|d| d.to_string())
        .unwrap_or_default();
    format!(
        "{date} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
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
    fn utc_formatting() {
        assert_eq!(format_utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(format_utc(1_757_930_640), "2025-09-15 10:04:00 UTC");
    }
}
