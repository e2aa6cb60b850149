//! Bad input never loses data or crashes: hostile files, encodings, queries and index
//! directories, each through the real binary. Every input is generated here, in temporary
//! folders; nothing binary is committed.
//!
//! The rule under test: tracuu indexes everything it can, reports everything it cannot (one
//! stderr line `tracuu: PATH[:LINE]: skipped|partly read: REASON`, counted in the summary),
//! and never panics, hangs or damages the index.

mod common;

use common::{generations, project_dir, settle, tracuu};
use serde_json::Value;
use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What a run of the binary did.
#[derive(Debug)]
struct Out {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Out {
    fn of(output: std::process::Output) -> Out {
        let out = Out {
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        };
        assert!(!out.stderr.contains("panicked"), "{out:?}");
        out
    }

    /// The summary of `index --json`.
    fn summary(&self) -> Value {
        serde_json::from_str(self.stdout.trim()).unwrap_or_else(|e| panic!("{e}: {self:?}"))
    }

    /// Asserts that stderr has exactly this report line.
    fn reports(&self, line: &str) -> &Self {
        let wanted = format!("tracuu: {line}");
        assert!(
            self.stderr.lines().any(|l| l == wanted),
            "expected the line\n  {wanted}\nin stderr:\n{}",
            self.stderr
        );
        self
    }
}

/// A source folder and an index folder in a fresh temporary directory.
struct Case {
    dir: tempfile::TempDir,
}

impl Case {
    fn new() -> Case {
        let case = Case {
            dir: tempfile::tempdir().expect("a temporary folder"),
        };
        fs::create_dir(case.src()).unwrap();
        case
    }

    fn src(&self) -> PathBuf {
        self.dir.path().join("src")
    }

    fn index_dir(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// Writes a file under `src/` and returns its path.
    fn file(&self, name: impl AsRef<OsStr>, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.src().join(name.as_ref());
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap();
        path
    }

    /// `tracuu index --json PATHS...` (the source folder when no path is given).
    fn index(&self, paths: &[&Path]) -> Out {
        let mut cmd = tracuu(&self.index_dir());
        cmd.args(["index", "--json", "--threads", "1"]);
        if paths.is_empty() {
            cmd.arg(self.src());
        } else {
            cmd.args(paths);
        }
        Out::of(cmd.output().unwrap())
    }

    fn search(&self, args: &[&str]) -> Out {
        Out::of(
            tracuu(&self.index_dir())
                .arg("search")
                .args(args)
                .output()
                .unwrap(),
        )
    }

    /// The JSON hits of a search.
    fn hits(&self, query: &str) -> Vec<Value> {
        let out = self.search(&["--json", "--limit", "100", "--", query]);
        assert!(matches!(out.code, Some(0 | 1)), "{out:?}");
        out.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    fn ids(&self, query: &str) -> Vec<String> {
        self.hits(query)
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_owned())
            .collect()
    }
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

fn d(path: &Path) -> String {
    path.display().to_string()
}

// ---------------------------------------------------------------------------------------
// Encodings

#[test]
fn utf8_with_and_without_bom() {
    let case = Case::new();
    case.file("plain.txt", "Đại hội Chi bộ Bách Quang\nNội dung một.");
    case.file("bom.txt", "\u{FEFF}Hội nghị Ban Chấp hành\nNội dung hai.");
    case.file(
        "bom.jsonl",
        "\u{FEFF}{\"id\":\"j\",\"title\":\"Nghị quyết\",\"body\":\"Nội dung ba.\"}\n",
    );
    let out = case.index(&[]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.summary()["added"], 3);
    assert_eq!(out.stderr, "");
    let hit = &case.hits("Ban Chấp hành")[0];
    assert_eq!(
        hit["title"], "Hội nghị Ban Chấp hành",
        "no BOM in the title"
    );
    assert_eq!(case.ids("Nghị quyết"), ["j"]);
}

#[test]
fn utf16_with_bom_both_byte_orders() {
    let case = Case::new();
    case.file(
        "le.txt",
        utf16("Đại hội Đảng bộ Quang Trung\r\nNội dung.", false),
    );
    case.file("be.txt", utf16("Hội nghị Sông Công\nNội dung.", true));
    case.file(
        "le.jsonl",
        utf16(
            "{\"id\":\"le\",\"title\":\"Thành ủy Lạng Sơn\",\"body\":\"x\"}\r\n",
            false,
        ),
    );
    case.file(
        "be.jsonl",
        utf16(
            "{\"id\":\"be\",\"title\":\"Tỉnh ủy Thái Nguyên\",\"body\":\"y\"}\n",
            true,
        ),
    );
    let out = case.index(&[]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.summary()["added"], 4);
    assert_eq!(
        case.hits("Quang Trung")[0]["title"],
        "Đại hội Đảng bộ Quang Trung"
    );
    assert_eq!(case.hits("Sông Công")[0]["title"], "Hội nghị Sông Công");
    assert_eq!(case.ids("Lạng Sơn"), ["le"]);
    assert_eq!(case.ids("Thái Nguyên"), ["be"]);
}

#[test]
fn broken_utf16_is_read_and_reported() {
    let case = Case::new();
    let mut bytes = utf16(
        "{\"id\":\"a\",\"title\":\"Đảng bộ\",\"body\":\"b\"}\n",
        false,
    );
    bytes.extend([0x00, 0xD8]); // an unpaired high surrogate
    bytes.push(b'x'); // and an odd trailing byte
    let path = case.file("odd.jsonl", bytes);
    let out = case.index(&[]);
    assert_eq!(out.code, Some(1), "{out:?}");
    out.reports(&format!(
        "{}: partly read: invalid UTF-16: 1 unpaired surrogate(s) and a trailing odd byte dropped, the rest indexed",
        d(&path)
    ));
    assert_eq!(case.ids("Đảng bộ"), ["a"]);
}

#[test]
fn crlf_and_lone_cr_line_ends() {
    let case = Case::new();
    case.file("crlf.txt", "Tiêu đề CRLF\r\nDòng một.\r\nDòng hai.\r\n");
    case.file("cr.txt", "Tiêu đề CR\rDòng ba.\rDòng bốn.\r");
    case.file(
        "crlf.jsonl",
        "{\"id\":\"a\",\"title\":\"Một\",\"body\":\"x\"}\r\n{\"id\":\"b\",\"title\":\"Quảng Ninh\",\"body\":\"y\\r\\nz\"}\r\n",
    );
    let out = case.index(&[]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.summary()["added"], 4);
    assert_eq!(case.hits("CRLF")[0]["title"], "Tiêu đề CRLF");
    let cr = &case.hits("Dòng ba")[0];
    assert_eq!(cr["title"], "Tiêu đề CR", "a lone CR ends the title line");
    assert_eq!(cr["snippets"][0]["text"], "Dòng ba. Dòng bốn.");
    assert_eq!(case.ids("Quảng Ninh"), ["b"]);
}

#[test]
fn nfd_text_reads_like_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let case = Case::new();
    let nfd: String = "Đại hội Đảng bộ phường Chi Lăng\nThành uỷ nhiệm kỳ mới."
        .nfd()
        .collect();
    assert_ne!(nfd.len(), "Đại hội Đảng bộ phường Chi Lăng".len());
    case.file("nfd.txt", nfd);
    let out = case.index(&[]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let hits = case.hits("Chi Lăng");
    assert_eq!(
        hits[0]["title"], "Đại hội Đảng bộ phường Chi Lăng",
        "stored as NFC"
    );
    assert_eq!(case.hits("thành ủy").len(), 1);
    assert_eq!(case.hits("nhiem ky").len(), 1);
}

#[test]
fn invalid_utf8_keeps_the_valid_part_and_reports_the_file() {
    let case = Case::new();
    let path = case.file("bad.txt", b"Dai hoi Chi bo\nNoi dung \xff\xfe tot dep.");
    let line = case.file(
        "bad.jsonl",
        b"{\"id\":\"j\",\"title\":\"Quang \xc3\",\"body\":\"Trung\"}\n",
    );
    let out = case.index(&[]);
    assert_eq!(out.code, Some(1), "{out:?}");
    out.reports(&format!(
        "{}: partly read: invalid UTF-8 from byte 24: 2 bad sequence(s) dropped, the rest indexed",
        d(&path)
    ))
    .reports(&format!(
        "{}:1: partly read: invalid UTF-8 from byte 25: 1 bad sequence(s) dropped, the rest indexed",
        d(&line)
    ));
    assert_eq!(out.summary()["added"], 2);
    assert_eq!(out.summary()["skipped"], 0, "partly read is not skipped");
    assert_eq!(case.hits("tot dep").len(), 1);
    assert_eq!(case.ids("Quang Trung"), ["j"]);
}

#[test]
fn legacy_vietnamese_encodings_are_converted_or_named() {
    let case = Case::new();
    // "Đại hội Đảng bộ phường Bách Quang\nCủa tỉnh và các xã được nhân dân" in TCVN3 (ABC)…
    let tcvn3 = case.file(
        "tcvn3.txt",
        b"\xa7\xb9i h\xe9i \xa7\xb6ng b\xe9 ph\xad\xeang B\xb8ch Quang\nC\xf1a t\xd8nh v\xb5 c\xb8c x\xb7 \xae\xad\xeec nh\xa9n d\xa9n",
    );
    // … and "Đại hội Đảng bộ xã Tân Thành\nCủa tỉnh và các xã được" in VNI-Windows.
    let vni = case.file(
        "vni.txt",
        b"\xd1a\xefi ho\xe4i \xd1a\xfbng bo\xe4 xa\xf5 Ta\xe2n Tha\xf8nh\nCu\xfba t\xe6nh va\xf8 ca\xf9c xa\xf5 \xf1\xf6\xf4\xefc",
    );
    // Latin-1 French is neither: its ASCII is kept and the file named for what it may be.
    let latin1 = case.file(
        "latin1.txt",
        b"Le caf\xe9 de la r\xe9union\nTr\xe8s bon, \xe0 la fran\xe7aise.",
    );
    let out = case.index(&[]);
    assert_eq!(out.code, Some(1), "{out:?}");
    for (path, name) in [(&tcvn3, "TCVN3 (ABC)"), (&vni, "VNI-Windows")] {
        out.reports(&format!(
            "{}: partly read: not UTF-8: read as {name}, a legacy 8-bit Vietnamese encoding; convert it to UTF-8 to be sure",
            d(path)
        ));
    }
    out.reports(&format!(
        "{}: partly read: invalid UTF-8 from byte 6: 5 bad sequence(s) dropped, the rest indexed; it looks like a legacy 8-bit Vietnamese encoding (TCVN3/VNI); convert it to UTF-8",
        d(&latin1)
    ));
    assert_eq!(
        case.hits("Bách Quang")[0]["title"],
        "Đại hội Đảng bộ phường Bách Quang"
    );
    assert_eq!(
        case.hits("Tân Thành")[0]["title"],
        "Đại hội Đảng bộ xã Tân Thành"
    );
    assert_eq!(case.hits("réunion").len(), 0, "the bad bytes are dropped…");
    assert_eq!(case.hits("caf").len(), 1, "…and the rest indexed");
}

// ---------------------------------------------------------------------------------------
// Files with nothing to index

#[test]
fn empty_whitespace_and_binary_files_are_skipped_and_reported() {
    let case = Case::new();
    let empty = case.file("empty.txt", "");
    let blank = case.file("blank.txt", " \n\t\r\n\u{00A0}\u{200B}\n");
    let png = case.file("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00");
    let pdf = case.file("doc.jsonl", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00<<>>");
    let empty_jsonl = case.file("empty.jsonl", "\n\n   \n");
    let bomless = case.file("bomless.txt", &utf16("Đại hội\nNội dung.", false)[2..]);
    case.file("good.txt", "Đại hội\nNội dung.");
    case.file("photo.png", b"\x89PNG\r\n\x1a\n\x00");
    let out = case.index(&[]);
    assert_eq!(out.code, Some(1), "{out:?}");
    let no_text = "skipped: no article text (empty, or only page chrome)";
    out.reports(&format!("{}: {no_text}", d(&empty)))
        .reports(&format!("{}: {no_text}", d(&blank)))
        .reports(&format!(
            "{}: skipped: binary file (NUL bytes), not text",
            d(&png)
        ))
        .reports(&format!(
            "{}: skipped: binary file (NUL bytes), not JSON Lines",
            d(&pdf)
        ))
        .reports(&format!(
            "{}: skipped: UTF-16 without a byte-order mark (NUL bytes between the letters): save it as UTF-8, or as UTF-16 with a BOM",
            d(&bomless)
        ));
    assert!(
        !out.stderr.contains(&d(&empty_jsonl)),
        "blank lines are not articles, nor problems: {}",
        out.stderr
    );
    let summary = out.summary();
    assert_eq!(summary["added"], 1);
    assert_eq!(summary["skipped"], 5);
    assert_eq!(
        summary["ignored_files"], 1,
        "photo.png is not an article file"
    );
    assert_eq!(out.stderr.lines().count(), 5, "{}", out.stderr);
}

#[test]
fn a_folder_with_nothing_to_index_keeps_the_previous_index() {
    let case = Case::new();
    case.file("good.txt", "Đại hội Chi bộ\nNội dung.");
    assert_eq!(case.index(&[]).code, Some(0));
    let empty = case.dir.path().join("nothing");
    fs::create_dir(&empty).unwrap();
    fs::write(empty.join("notes.md"), "# notes").unwrap();
    let out = case.index(&[&empty]);
    assert_eq!(out.code, Some(2), "{out:?}");
    out.reports(&format!(
        "nothing was indexed (no .txt or .jsonl article files in the given paths); the index at {} was left as it was",
        d(&case.index_dir())
    ));
    let only_bad = case.file("bad/empty.txt", "");
    let out = case.index(&[&only_bad]);
    assert_eq!(out.code, Some(2), "{out:?}");
    out.reports(&format!(
        "{}: skipped: no article text (empty, or only page chrome)",
        d(&only_bad)
    ))
    .reports(&format!(
        "nothing was indexed (none of the 1 article files held an article that could be read); the index at {} was left as it was",
        d(&case.index_dir())
    ));
    assert_eq!(
        case.hits("Chi bộ").len(),
        1,
        "the previous index is still live"
    );
}

// ---------------------------------------------------------------------------------------
// Size

/// Peak resident memory of a command in KiB, when GNU time is installed.
fn peak_rss_kib(args: &[&OsStr], index: &Path) -> Option<(u64, Out)> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        eprintln!("note: /usr/bin/time is not installed; peak memory not measured");
        return None;
    }
    let output = Command::new(time)
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_tracuu"))
        .args(args)
        .env("TRACUU_INDEX", index)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let kib = stderr
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|v| v.parse().ok())?;
    let tracuu_stderr: String = stderr
        .lines()
        .filter(|l| l.starts_with("tracuu: "))
        .map(|l| format!("{l}\n"))
        .collect();
    let out = Out::of(std::process::Output {
        status: output.status,
        stdout: output.stdout,
        stderr: tracuu_stderr.into_bytes(),
    });
    Some((kib, out))
}

#[test]
fn huge_files_are_cut_or_skipped_in_bounded_memory() {
    let case = Case::new();
    // 200 MB files made in an instant: some text, then a hole that reads as NUL bytes.
    let mut head = String::from("Tiêu đề tệp khổng lồ\n");
    while head.len() < 16 << 10 {
        head.push_str("Đảng bộ tỉnh Thái Nguyên lãnh đạo phát triển kinh tế.\n");
    }
    let txt = case.file("huge.txt", &head);
    fs::File::options()
        .write(true)
        .open(&txt)
        .unwrap()
        .set_len(200 << 20)
        .unwrap();
    let mut lines = String::new();
    let mut n = 0;
    while lines.len() < 16 << 10 {
        n += 1;
        lines.push_str(&format!(
            "{{\"id\":\"line-{n}\",\"title\":\"Bài {n}\",\"body\":\"Hội nghị Ban Chấp hành\"}}\n"
        ));
    }
    let jsonl = case.file("huge.jsonl", &lines);
    fs::File::options()
        .write(true)
        .open(&jsonl)
        .unwrap()
        .set_len(200 << 20)
        .unwrap();
    let src = case.src();
    let args = [
        OsStr::new("index"),
        OsStr::new("--json"),
        OsStr::new("--threads"),
        OsStr::new("1"),
        src.as_os_str(),
    ];
    let out = match peak_rss_kib(&args, &case.index_dir()) {
        Some((kib, out)) => {
            eprintln!(
                "note: peak RSS indexing 2 × 200 MB files: {} MiB",
                kib >> 10
            );
            assert!(kib < 200 << 10, "peak RSS {kib} KiB: memory is not bounded");
            out
        }
        None => Out::of(tracuu(&case.index_dir()).args(args).output().unwrap()),
    };
    assert_eq!(out.code, Some(1), "{out:?}");
    out.reports(&format!(
        "{}: partly read: larger than 8 MiB: only the first 8 MiB indexed",
        d(&txt)
    ))
    .reports(&format!(
        "{}:{}: skipped: line of 199 MiB is longer than the 16 MiB limit",
        d(&jsonl),
        n + 1
    ));
    assert_eq!(out.summary()["added"], n + 1);
    assert_eq!(case.hits("tệp khổng lồ").len(), 1);
    assert_eq!(case.ids(&format!("Bài {n}"))[0], format!("line-{n}"));
}

#[test]
fn a_10_mb_json_line_is_indexed_and_a_17_mb_one_skipped() {
    let case = Case::new();
    let body = "Đại hội đại biểu Đảng bộ tỉnh nhiệm kỳ 2025 - 2030. ".repeat(10 << 20 >> 6);
    let big = format!(
        "{{\"id\":\"big\",\"title\":\"Dòng mười triệu byte\",\"body\":\"{body} Bách Quang\"}}\n"
    );
    assert!(big.len() > 10 << 20);
    let too_big = format!(
        "{{\"id\":\"too-big\",\"body\":\"{}\"}}\n",
        "x".repeat(17 << 20)
    );
    let path = case.file(
        "big.jsonl",
        format!("{big}{too_big}{{\"id\":\"after\",\"title\":\"Sau\",\"body\":\"Chi Lăng\"}}\n"),
    );
    let out = case.index(&[]);
    assert_eq!(out.code, Some(1), "{out:?}");
    out.reports(&format!(
        "{}:2: skipped: line of 17 MiB is longer than the 16 MiB limit",
        d(&path)
    ));
    assert_eq!(out.summary()["added"], 2);
    let hit = &case.hits("Bách Quang")[0];
    assert_eq!(hit["id"], "big");
    assert!(hit["snippets"][0]["text"]
        .as_str()
        .unwrap()
        .contains("Bách Quang"));
    assert_eq!(case.ids("Chi Lăng"), ["after"]);
}

// ---------------------------------------------------------------------------------------
// The file system

/// Whether this process can read a file it has no permission for (root can).
fn permissions_apply(path: &Path) -> bool {
    fs::read(path).is_err()
}

#[test]
fn an_unreadable_file_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let case = Case::new();
    case.file("good.txt", "Đại hội\nNội dung.");
    let locked = case.file("locked.txt", "Bí mật\nNội dung.");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let out = case.index(&[]);
    if !permissions_apply(&locked) {
        // Running as root (or with CAP_DAC_OVERRIDE): permissions do not apply, the file is
        // simply read. Say so rather than pretend the case was tested.
        eprintln!("note: running with permission to read any file (root?): chmod 000 does not apply here; the unreadable-file report is not tested");
        assert_eq!(out.code, Some(0), "{out:?}");
        return;
    }
    assert_eq!(out.code, Some(1), "{out:?}");
    out.reports(&format!(
        "{}: skipped: permission denied: check the file's read permission",
        d(&locked)
    ));
    assert_eq!(out.summary()["added"], 1);
}

#[test]
fn symlink_loops_and_broken_links_are_reported_not_followed_forever() {
    use std::os::unix::fs::symlink;
    let case = Case::new();
    case.file("a/good.txt", "Đại hội\nNội dung.");
    let src = case.src();
    symlink(&src, src.join("a/loop")).unwrap(); // back to an ancestor
    symlink(src.join("b/back"), src.join("b-link")).unwrap();
    fs::create_dir(src.join("b")).unwrap();
    symlink(src.join("b-link"), src.join("b/back")).unwrap(); // a cycle of two links
    symlink(src.join("gone.txt"), src.join("dangling.txt")).unwrap();
    symlink(src.join("a/good.txt"), src.join("alias.txt")).unwrap(); // a second name
    let out = case.index(&[]);
    assert_eq!(out.code, Some(1), "{out:?}");
    out.reports(&format!(
        "{}: skipped: symbolic link loop; not followed",
        d(&src.join("a/loop"))
    ))
    .reports(&format!(
        "{}: skipped: broken symbolic link: its target does not exist",
        d(&src.join("dangling.txt"))
    ));
    assert!(
        out.stderr.contains(&d(&src.join("b-link")))
            || out.stderr.contains(&d(&src.join("b/back"))),
        "the two-link cycle is reported: {}",
        out.stderr
    );
    // The same file under two names is two paths, two ids: both indexed.
    assert_eq!(out.summary()["added"], 2);
}

#[test]
fn missing_paths_are_reported_and_alone_are_an_error() {
    let case = Case::new();
    let good = case.file("good.txt", "Đại hội Chi bộ\nNội dung.");
    let missing = case.dir.path().join("no-such-file.txt");
    let out = case.index(&[&good, &missing]);
    assert_eq!(out.code, Some(1), "{out:?}");
    out.reports(&format!("{}: skipped: no such file or folder", d(&missing)));
    assert_eq!(out.summary()["added"], 1);
    // Only a missing path: an error, and the index is not replaced by an empty one.
    let out = case.index(&[&missing]);
    assert_eq!(out.code, Some(2), "{out:?}");
    out.reports(&format!("{}: skipped: no such file or folder", d(&missing)));
    assert!(out.stdout.is_empty());
    assert_eq!(case.hits("Chi bộ").len(), 1);
}

#[test]
fn non_utf8_file_names_are_indexed_and_shown_lossily() {
    let case = Case::new();
    let name = OsStr::from_bytes(b"b\xe0i vi\xeat.txt");
    let path = case.file(name, "Đại hội Đảng bộ Tân Cương\nNội dung.");
    let dir = OsStr::from_bytes(b"th\xffu m\xfcc");
    case.file(
        Path::new(dir).join("x.jsonl"),
        "{\"title\":\"Sông Công\",\"body\":\"x\"}\n{oops\n",
    );
    let out = case.index(&[]);
    assert_eq!(out.code, Some(1), "{out:?}");
    out.reports(&format!(
        "{}/th\u{FFFD}u m\u{FFFD}c/x.jsonl:2: skipped: malformed JSON: key must be a string at line 1 column 2",
        d(&case.src())
    ));
    assert_eq!(case.ids("Tân Cương"), ["b\u{FFFD}i vi\u{FFFD}t.txt"]);
    assert_eq!(case.ids("Sông Công"), ["th\u{FFFD}u m\u{FFFD}c/x.jsonl:1"]);
    // The file given by its own (non-UTF-8) name works too.
    let out = case.index(&[&path]);
    assert_eq!(out.code, Some(0), "{out:?}");
}

// ---------------------------------------------------------------------------------------
// JSON Lines

#[test]
fn json_lines_malformed_wrong_types_and_missing_body() {
    let case = Case::new();
    let path = case.file(
        "a.jsonl",
        concat!(
            "{\"id\":\"ok\",\"title\":\"Đại hội\",\"body\":\"Nội dung\"}\n",
            "{\"id\":\"num\",\"title\":2025,\"body\":\"Năm hai nghìn\"}\n",
            "{\"id\":\"arr\",\"title\":\"T\",\"body\":[\"a\",\"b\"]}\n",
            "{\"id\":\"nobody\",\"title\":\"Chỉ tiêu đề\"}\n",
            "{\"id\":\"open\",\"title\":\"Không đóng\"\n",
            "[\"not\",\"an\",\"object\"]\n",
            "\"a string\"\n",
            "{\"id\":\"date\",\"title\":\"Ngày\",\"body\":\"x\",\"published\":\"hôm qua\",\"url\":42}\n",
            "{\"id\":\"\",\"title\":\"Không id\",\"body\":\"Mã rỗng\"}\n",
            "{\"id\":\"null\",\"title\":null,\"body\":\"Chỉ nội dung\"}\n",
            "{\"id\":\"obj\",\"title\":{\"vi\":\"x\"},\"body\":\"y\"}\n",
            "{\"id\":\"empty\",\"title\":\" \",\"body\":\"\"}\n",
        ),
    );
    let out = case.index(&[]);
    assert_eq!(out.code, Some(1), "{out:?}");
    let p = d(&path);
    out.reports(&format!("{p}:2: partly read: `title` is a number; used as text"))
        .reports(&format!("{p}:3: skipped: `body` must be a string, found an array"))
        .reports(&format!("{p}:4: skipped: no `body` (nor `text`, `content`) field"))
        .reports(&format!("{p}:5: skipped: malformed JSON: EOF while parsing an object at line 1 column 36"))
        .reports(&format!("{p}:6: skipped: not a JSON object"))
        .reports(&format!("{p}:7: skipped: not a JSON object"))
        .reports(&format!("{p}:8: partly read: `url` is a number; used as text; `published` \"hôm qua\" is not an ISO 8601 date; ignored"))
        .reports(&format!("{p}:11: skipped: `title` must be a string, found an object"))
        .reports(&format!("{p}:12: skipped: empty `title` and `body`"));
    let summary = out.summary();
    assert_eq!(summary["added"], 5);
    assert_eq!(summary["skipped"], 7);
    assert_eq!(case.ids("2025"), ["num"]);
    assert_eq!(case.hits("2025")[0]["title"], "2025");
    assert_eq!(
        case.ids("Mã rỗng"),
        ["a.jsonl:9"],
        "an empty id falls back to the line"
    );
    // Quoted: a keyword query also fills its page with articles that hold most of its words.
    assert_eq!(case.ids("\"Chỉ nội dung\""), ["null"]);
}

#[test]
fn duplicate_ids_keep_the_first_in_path_order_and_report_the_rest() {
    let case = Case::new();
    // Written in an order that is not path order.
    case.file(
        "z/last.jsonl",
        "{\"id\":\"dup\",\"title\":\"Bản Z\",\"body\":\"z\"}\n",
    );
    case.file(
        "b.jsonl",
        "{\"id\":\"dup\",\"title\":\"Bản B\",\"body\":\"b\"}\n{\"id\":\"dup\",\"title\":\"Bản B hai\",\"body\":\"b\"}\n",
    );
    case.file(
        "a.jsonl",
        "{\"id\":\"other\",\"title\":\"Khác\",\"body\":\"a\"}\n",
    );
    case.file("c.txt", "Bản C\nNội dung.\nNguồn: https://x.vn/1");
    case.file(
        "d.jsonl",
        "{\"title\":\"Bản D\",\"body\":\"d\",\"url\":\"https://x.vn/1\"}\n",
    );
    for _ in 0..2 {
        let out = case.index(&[]);
        assert_eq!(out.code, Some(1), "{out:?}");
        let at = |name: &str| case.src().join(name).display().to_string();
        let (b, c, d, z) = (
            at("b.jsonl"),
            at("c.txt"),
            at("d.jsonl"),
            at("z/last.jsonl"),
        );
        out.reports(&format!(
            "{b}:2: skipped: duplicate id \"dup\": kept the article from {b}:1"
        ))
        .reports(&format!(
            "{d}:1: skipped: duplicate id \"https://x.vn/1\": kept the article from {c}"
        ))
        .reports(&format!(
            "{z}:1: skipped: duplicate id \"dup\": kept the article from {b}:1"
        ));
        let summary = out.summary();
        assert_eq!(summary["added"], 3);
        assert_eq!(summary["duplicates"], 3);
        let titles: Vec<String> = case
            .hits("Bản")
            .iter()
            .map(|h| h["title"].as_str().unwrap().to_owned())
            .collect();
        let mut sorted = titles.clone();
        sorted.sort();
        assert_eq!(sorted, ["Bản B", "Bản C"]);
    }
}

/// `tracuu reindex --json PATHS...`.
fn reindex(case: &Case, paths: &[&Path]) -> Out {
    reindex_with(case, &[], paths)
}

/// `tracuu reindex --json FLAGS... PATHS...`.
fn reindex_with(case: &Case, flags: &[&str], paths: &[&Path]) -> Out {
    Out::of(
        tracuu(&case.index_dir())
            .args(["reindex", "--json"])
            .args(flags)
            .args(paths)
            .output()
            .unwrap(),
    )
}

#[test]
fn reindexing_bad_sources_never_removes_what_was_indexed() {
    let case = Case::new();
    case.file(
        "a.jsonl",
        "{\"id\":\"a\",\"title\":\"Đại hội\",\"body\":\"Ban Chấp hành\"}\n",
    );
    let b = case.file("b.txt", "Tiêu đề\nNội dung Đảng bộ Sông Công.");
    assert_eq!(case.index(&[]).code, Some(0));
    let both = || {
        let mut ids = case.ids("Đại hội");
        ids.extend(case.ids("Sông Công"));
        ids
    };
    assert_eq!(both(), ["a", "b.txt"]);

    // A mistyped or unmounted source is an error, not "every article was deleted".
    let missing = case.dir.path().join("nope");
    let out = reindex(&case, &[&missing]);
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(
        out.stderr.contains("does not exist; the index at"),
        "{out:?}"
    );
    assert_eq!(both(), ["a", "b.txt"]);

    // A file that turned binary is reported, and its earlier article stays findable.
    fs::write(&b, b"\x00\x01\x02 not text any more").unwrap();
    let out = reindex(&case, &[&case.src()]);
    assert_eq!(out.code, Some(1), "{out:?}");
    out.reports(&format!(
        "{}: skipped: binary file (NUL bytes), not text; the 1 article(s) indexed from it earlier are kept",
        d(&b)
    ));
    assert_eq!(both(), ["a", "b.txt"]);
    // Fixed, it is read again.
    fs::write(&b, "Tiêu đề\nNội dung mới của Sông Công.").unwrap();
    assert_eq!(reindex(&case, &[&case.src()]).code, Some(0));
    assert_eq!(case.ids("mới"), ["b.txt"]);

    // A source folder emptied (a failed copy, an empty mount point) does not empty the index.
    fs::remove_file(case.src().join("a.jsonl")).unwrap();
    fs::remove_file(&b).unwrap();
    let out = reindex(&case, &[&case.src()]);
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(
        out.stderr.contains("every article would be removed"),
        "{out:?}"
    );
    assert_eq!(both(), ["a", "b.txt"]);

    // Malformed lines added to a file are reported with their line; the good ones land.
    case.file(
        "a.jsonl",
        "{\"id\":\"a\",\"title\":\"Đại hội\",\"body\":\"Ban Chấp hành\"}\n{oops\n{\"id\":\"c\",\"title\":\"Hội nghị Sông Công\",\"body\":\"x\"}\n",
    );
    // b.txt, deleted above, goes: one of two articles, more than --max-remove's default.
    let out = reindex_with(&case, &["--max-remove", "100%"], &[&case.src()]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(
        out.stderr
            .contains(&format!("{}:2: skipped:", d(&case.src().join("a.jsonl")))),
        "{out:?}"
    );
    assert_eq!(case.ids("Sông Công"), ["c"]);
}

// ---------------------------------------------------------------------------------------
// Queries

/// A small index for the query cases, built once.
fn query_case() -> &'static Case {
    static CASE: std::sync::OnceLock<Case> = std::sync::OnceLock::new();
    CASE.get_or_init(|| {
        let case = Case::new();
        case.file(
            "a.jsonl",
            "{\"id\":\"a\",\"title\":\"Đại hội Đảng bộ phường Chi Lăng\",\"body\":\"Ban Chấp hành nhiệm kỳ 2025 - 2030\"}\n",
        );
        assert_eq!(case.index(&[]).code, Some(0));
        case
    })
}

#[test]
fn malformed_queries_are_one_line_errors_with_exit_2() {
    let case = query_case();
    for (query, message) in [
        ("", "empty query: give one or more words to search for"),
        (" \t\n", "empty query: give one or more words to search for"),
        (
            "?!… «» ()",
            "the query has no words to search for, only punctuation or symbols",
        ),
        (
            "-",
            "the query has no words to search for, only punctuation or symbols",
        ),
        (
            "- -- ---",
            "the query has no words to search for, only punctuation or symbols",
        ),
        (
            "\"",
            "the query has no words to search for, only punctuation or symbols",
        ),
        (
            "” “",
            "the query has no words to search for, only punctuation or symbols",
        ),
        (
            "-đảng -\"chi lăng\"",
            "the query only excludes (-word): add at least one word to search for",
        ),
        (
            "\u{1b}[1;31m\u{7}\u{1b}]0;x\u{7}",
            "empty query: give one or more words to search for",
        ),
    ] {
        let out = case.search(&["--", query]);
        assert_eq!(out.code, Some(2), "{query:?}: {out:?}");
        assert_eq!(out.stderr, format!("tracuu: {message}\n"), "{query:?}");
        assert_eq!(out.stdout, "");
    }
}

#[test]
fn long_and_odd_queries_never_crash() {
    let case = query_case();
    let long = "đảng bộ ".repeat(1250); // 10,000 characters
    assert_eq!(long.chars().count(), 10_000);
    let unbroken = "a".repeat(10_000);
    for (query, found) in [
        (long.as_str(), true),
        (unbroken.as_str(), false),
        ("\u{1b}[31mChi Lăng\u{1b}[0m", true),
        ("\u{1b}]0;pwned\u{7} chi lang", true),
        ("Chi\u{1}Lăng\u{7f}", false),
        ("\u{202E}chi lăng\u{202C}", true),
        ("chi\u{200B}lăng", false),
        ("🇻🇳 đảng 👨‍👩‍👧", true),
        ("\u{0301}\u{0323} đảng", true),
        ("\u{FFFF}\u{FFFE}\u{10FFFF} đảng", true),
        ("ĐẢNG BỘ", true),
        ("Đ\u{0323}ảng", false),
        ("\"\"", false),
        ("\"chi lăng\" -\"\"", true),
        ("2025-2030", true),
        ("---đảng", false),
        ("đảng -", true),
        ("中文 العربية", false),
    ] {
        let out = case.search(&["--color", "never", "--", query]);
        assert!(matches!(out.code, Some(0..=2)), "{query:?}: {out:?}");
        if found {
            assert_eq!(out.code, Some(0), "{query:?}: {out:?}");
        }
        assert!(!out.stdout.contains('\u{1b}'), "{query:?}: {out:?}");
        assert!(!out.stderr.contains('\u{1b}'), "{query:?}: {out:?}");
        assert!(out.stderr.lines().count() <= 1, "{query:?}: {out:?}");
    }
}

#[test]
fn a_query_that_is_not_utf8_is_refused() {
    let case = query_case();
    let out = Out::of(
        tracuu(&case.index_dir())
            .arg("search")
            .arg(OsStr::from_bytes(b"\xff\xc4\x91\xc3"))
            .output()
            .unwrap(),
    );
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(out.stderr.contains("invalid UTF-8"), "{out:?}");
}

// ---------------------------------------------------------------------------------------
// The index directory

/// A small index with one article, and its live generation's folder.
fn small_index(case: &Case) -> PathBuf {
    case.file("a.jsonl", "{\"id\":\"a\",\"title\":\"Đại hội Chi bộ Bách Quang\",\"body\":\"Ban Chấp hành nhiệm kỳ mới\"}\n{\"id\":\"b\",\"title\":\"Hội nghị\",\"body\":\"Sông Công\"}\n");
    let out = case.index(&[]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let generation = fs::read_to_string(case.index_dir().join("CURRENT")).unwrap();
    case.index_dir().join(generation.trim())
}

#[test]
fn index_dir_missing_or_not_an_index() {
    let case = Case::new();
    // Missing: named explicitly, it is an error that says how to build one.
    let out = case.search(&["đảng bộ"]);
    assert_eq!(out.code, Some(2), "{out:?}");
    let index = d(&case.index_dir());
    out.reports(&format!(
        "no index at {index}; build one with `tracuu index --index {index} PATH...`"
    ));
    // A file, not a folder.
    let file = case.dir.path().join("file");
    fs::write(&file, "x").unwrap();
    let out = Out::of(tracuu(&file).args(["search", "đảng"]).output().unwrap());
    assert_eq!(out.code, Some(2), "{out:?}");
    out.reports(&format!(
        "{} is not a tracuu index (it is a file); point --index at a tracuu index directory or an empty one",
        d(&file)
    ));
    // Below a file: cannot be created.
    let below = file.join("index");
    let out = Out::of(
        tracuu(&below)
            .args(["index"])
            .arg(project_dir().join("sample_corpus/000_73331b18bb875419.txt"))
            .output()
            .unwrap(),
    );
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(
        out.stderr.starts_with(&format!(
            "tracuu: cannot create the index directory {}",
            d(&below)
        )),
        "{out:?}"
    );
    // A bare tantivy index.
    let bare = case.dir.path().join("bare");
    fs::create_dir(&bare).unwrap();
    fs::write(bare.join("meta.json"), "{}").unwrap();
    let out = Out::of(tracuu(&bare).args(["search", "đảng"]).output().unwrap());
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(out.stderr.contains("it is a bare tantivy index"), "{out:?}");
}

#[test]
fn an_older_schema_version_asks_for_a_rebuild_and_indexing_replaces_it() {
    let case = Case::new();
    let generation = small_index(&case);
    let info = generation.join("tracuu.json");
    let mut json: Value = serde_json::from_str(&fs::read_to_string(&info).unwrap()).unwrap();
    json["schema_version"] = 0.into();
    fs::write(&info, json.to_string()).unwrap();
    let out = case.search(&["Bách Quang"]);
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(
        out.stderr.contains("was built with schema version 0")
            && out.stderr.contains("to rebuild it"),
        "{out:?}"
    );
    assert_eq!(case.index(&[]).code, Some(0), "a new build replaces it");
    assert_eq!(case.ids("Bách Quang"), ["a"]);
}

#[test]
fn damaged_pointers_and_metadata_are_errors_not_panics() {
    let case = Case::new();
    let generation = small_index(&case);
    let current = case.index_dir().join("CURRENT");
    let pristine = fs::read(&current).unwrap();
    for (what, damage) in [
        (
            "CURRENT names no generation",
            Box::new(|| fs::write(&current, "../etc\n").unwrap()) as Box<dyn Fn()>,
        ),
        (
            "CURRENT names a missing one",
            Box::new(|| fs::write(&current, "gen-999999\n").unwrap()),
        ),
        (
            "CURRENT is empty",
            Box::new(|| fs::write(&current, "").unwrap()),
        ),
        (
            "CURRENT is binary",
            Box::new(|| fs::write(&current, [0xff, 0, 0xfe]).unwrap()),
        ),
        (
            "tracuu.json is garbage",
            Box::new(|| fs::write(generation.join("tracuu.json"), "{oops").unwrap()),
        ),
        (
            "tracuu.json is gone",
            Box::new(|| fs::remove_file(generation.join("tracuu.json")).unwrap()),
        ),
    ] {
        let info = fs::read(generation.join("tracuu.json")).ok();
        damage();
        let out = case.search(&["Bách Quang"]);
        assert_eq!(out.code, Some(2), "{what}: {out:?}");
        assert!(out.stderr.contains("damaged"), "{what}: {out:?}");
        assert_eq!(out.stderr.lines().count(), 1, "{what}: {out:?}");
        fs::write(&current, &pristine).unwrap();
        if let Some(info) = info {
            fs::write(generation.join("tracuu.json"), info).unwrap();
        }
        assert_eq!(
            case.search(&["Bách Quang"]).code,
            Some(0),
            "{what}: repaired"
        );
    }
}

#[test]
fn truncated_or_corrupt_index_files_are_errors_not_panics() {
    let case = Case::new();
    let generation = small_index(&case);
    let mut files: Vec<PathBuf> = fs::read_dir(&generation)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.file_name() != Some(OsStr::new("tracuu.json")))
        .collect();
    files.sort();
    assert!(files.len() > 5, "{files:?}");
    for file in &files {
        let pristine = fs::read(file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let damages: [(&str, Vec<u8>); 3] = [
            ("truncated to half", pristine[..pristine.len() / 2].to_vec()),
            ("emptied", Vec::new()),
            (
                "overwritten",
                pristine
                    .iter()
                    .enumerate()
                    .map(|(i, b)| b ^ (i as u8 | 1))
                    .collect(),
            ),
        ];
        for (what, bytes) in damages {
            fs::write(file, &bytes).unwrap();
            for query in ["Bách Quang", "\"Ban Chấp hành\" -\"Sông Công\""] {
                let out = case.search(&["--json", "--", query]);
                // Some files are only read when needed (a damaged document store when a hit
                // is shown): a search may still work without them. It never panics, and an
                // error is one clear line with exit 2.
                match out.code {
                    Some(0 | 1) => {}
                    Some(2) => {
                        assert_eq!(out.stderr.lines().count(), 1, "{name} {what}: {out:?}");
                        assert!(out.stderr.contains("damaged"), "{name} {what}: {out:?}");
                    }
                    _ => panic!("{name} {what}: {out:?}"),
                }
            }
        }
        fs::write(file, &pristine).unwrap();
    }
    assert_eq!(case.ids("Bách Quang"), ["a"]);
}

/// Unmounts a test mount when dropped.
struct Mount(PathBuf);

impl Mount {
    fn new(args: &[&str], target: &Path) -> Option<Mount> {
        let ok = Command::new("mount")
            .args(args)
            .arg(target)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Mount(target.to_owned()))
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_read_only_index_still_searches_and_a_build_into_it_is_a_clear_error() {
    let case = Case::new();
    small_index(&case);
    let root = case.index_dir();
    let _mount = match Mount::new(&["--bind", &d(&root)], &root) {
        Some(m) => {
            let remounted = Command::new("mount")
                .args(["-o", "remount,bind,ro"])
                .arg(&root)
                .status()
                .is_ok_and(|s| s.success());
            if !remounted {
                eprintln!("note: cannot remount read-only; read-only index not tested");
                return;
            }
            Some(m)
        }
        None => {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&root, fs::Permissions::from_mode(0o555)).unwrap();
            if !permissions_apply(&root.join("LOCK")) && fs::write(root.join("probe"), "").is_ok() {
                eprintln!("note: cannot mount and permissions do not apply (root?): read-only index not tested");
                return;
            }
            None
        }
    };
    assert_eq!(case.ids("Bách Quang"), ["a"], "search works read-only");
    let out = case.index(&[]);
    assert_eq!(out.code, Some(2), "{out:?}");
    assert_eq!(out.stderr.lines().count(), 1, "{out:?}");
    assert!(
        out.stderr.starts_with("tracuu: cannot open the lock file"),
        "{out:?}"
    );
    assert!(
        out.stderr.contains("Read-only file system") || out.stderr.contains("ermission denied"),
        "{out:?}"
    );
}

/// A corpus big enough that its index is several megabytes.
fn big_corpus(case: &Case) -> PathBuf {
    let mut lines = String::new();
    for i in 0..20_000 {
        lines.push_str(&format!(
            "{{\"id\":\"big-{i}\",\"title\":\"Bài số {i} về đại hội\",\"body\":\"Đảng bộ xã số {i} họp phiên thứ {} với {} đại biểu, bàn {} nghị quyết: mã {:x}.\"}}\n",
            i * 7,
            i % 311,
            i % 17,
            i * 2_654_435_761_u64 as usize
        ));
    }
    let dir = case.dir.path().join("big");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("big.jsonl"), lines).unwrap();
    dir
}

#[test]
fn a_build_that_cannot_write_its_files_keeps_the_previous_index() {
    // Files may grow to 256 KiB only (RLIMIT_FSIZE): writes past that fail with EFBIG, as
    // they would on a full disk, through the same code path. SIGXFSZ is ignored so the write
    // fails instead of killing the process.
    let case = Case::new();
    small_index(&case);
    let live = fs::read_to_string(case.index_dir().join("CURRENT")).unwrap();
    let big = big_corpus(&case);
    let output = Command::new("bash")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 256; exec \"$@\"")
        .arg("bash")
        .arg(env!("CARGO_BIN_EXE_tracuu"))
        .args(["--index"])
        .arg(case.index_dir())
        .args(["index", "--threads", "1"])
        .arg(&big)
        .output()
        .unwrap();
    let out = Out::of(output);
    assert_eq!(out.code, Some(2), "{out:?}");
    assert_eq!(out.stderr.lines().count(), 1, "{out:?}");
    assert!(
        out.stderr.starts_with(&format!(
            "tracuu: could not write the new index in {}: ",
            d(&case.index_dir())
        )) && out
            .stderr
            .trim_end()
            .ends_with("; the previous index, if any, is still live"),
        "{out:?}"
    );
    assert!(out.stderr.contains("File too large"), "{out:?}");
    assert_eq!(
        fs::read_to_string(case.index_dir().join("CURRENT")).unwrap(),
        live
    );
    assert_eq!(
        generations(&case.index_dir()),
        [live.trim()],
        "the partial generation is removed"
    );
    assert_eq!(case.ids("Bách Quang"), ["a"], "the previous index is live");
}

#[test]
fn a_build_killed_midway_keeps_the_previous_index() {
    // The same limit without ignoring SIGXFSZ: the kernel kills the process mid-build, like a
    // crash or a power cut.
    let case = Case::new();
    small_index(&case);
    let live = fs::read_to_string(case.index_dir().join("CURRENT")).unwrap();
    let big = big_corpus(&case);
    let status = Command::new("bash")
        .arg("-c")
        .arg("ulimit -f 256; exec \"$@\"")
        .arg("bash")
        .arg(env!("CARGO_BIN_EXE_tracuu"))
        .args(["--index"])
        .arg(case.index_dir())
        .args(["index", "--threads", "1"])
        .arg(&big)
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(!status.success(), "{status:?}");
    assert_eq!(
        fs::read_to_string(case.index_dir().join("CURRENT")).unwrap(),
        live
    );
    assert_eq!(case.ids("Bách Quang"), ["a"], "the previous index is live");
    // The next build works and clears the leftovers.
    let out = Out::of(
        tracuu(&case.index_dir())
            .args(["index", "--json"])
            .arg(&big)
            .output()
            .unwrap(),
    );
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(generations(&case.index_dir()).len(), 1);
    assert_eq!(case.ids("\"Bài số 12345\""), ["big-12345"]);
}

#[test]
fn a_full_disk_during_a_build_keeps_the_previous_index() {
    // A real full disk: a 2 MiB tmpfs. Needs the right to mount (root); said and skipped
    // otherwise, the RLIMIT_FSIZE test above covering the same path.
    let case = Case::new();
    let root = case.index_dir();
    fs::create_dir(&root).unwrap();
    let Some(_mount) = Mount::new(&["-t", "tmpfs", "-o", "size=2m", "tmpfs"], &root) else {
        eprintln!("note: cannot mount a tmpfs here (not root?); full-disk build not tested");
        return;
    };
    small_index(&case);
    let live = fs::read_to_string(root.join("CURRENT")).unwrap();
    let big = big_corpus(&case);
    let out = Out::of(
        tracuu(&root)
            .args(["index", "--threads", "1"])
            .arg(&big)
            .output()
            .unwrap(),
    );
    assert_eq!(out.code, Some(2), "{out:?}");
    assert_eq!(out.stderr.lines().count(), 1, "{out:?}");
    assert!(
        out.stderr
            .starts_with("tracuu: could not write the new index in "),
        "{out:?}"
    );
    assert!(out.stderr.contains("No space left on device"), "{out:?}");
    assert_eq!(fs::read_to_string(root.join("CURRENT")).unwrap(), live);
    assert_eq!(
        generations(&root),
        [live.trim()],
        "the partial generation is removed"
    );
    assert_eq!(case.ids("Bách Quang"), ["a"], "the previous index is live");
}

#[test]
fn scrambled_index_files_with_intact_footers_are_errors_not_panics() {
    // tantivy checks a file's footer when opening it, but not its contents: bytes changed in
    // the middle of a segment file made it panic (exit 101) on reading.
    let case = Case::new();
    let out = case.index(&[&project_dir().join("sample_corpus")]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let generation = case.index_dir().join(
        fs::read_to_string(case.index_dir().join("CURRENT"))
            .unwrap()
            .trim(),
    );
    let mut files: Vec<PathBuf> = fs::read_dir(&generation)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            p.is_file() && name.len() > 32 && !name.starts_with('.')
        })
        .collect();
    files.sort();
    assert!(files.len() >= 6, "{files:?}");
    let mut seed = 0x2545_F491_4F6C_DD1D_u64;
    let mut random = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let (mut errors, mut caught_panics) = (0, 0);
    for file in &files {
        let pristine = fs::read(file).unwrap();
        let written = fs::metadata(file).unwrap().modified().unwrap();
        let footer = u32::from_le_bytes(pristine[pristine.len() - 8..][..4].try_into().unwrap());
        let body = pristine.len().saturating_sub(footer as usize + 8);
        for one_in in [1000, 100, 10, 2] {
            let mut bytes = pristine.clone();
            for b in &mut bytes[..body] {
                if random() % one_in == 0 {
                    *b = random() as u8;
                }
            }
            fs::write(file, &bytes).unwrap();
            // Its time kept, as damage below the file system (a failing disk) leaves it: a
            // search verifies only files whose size or time changed (tests/damaged_index.rs),
            // so this damage reaches tantivy's readers.
            fs::File::options()
                .write(true)
                .open(file)
                .and_then(|f| f.set_modified(written))
                .unwrap();
            for query in [
                "Bách Quang",
                "\"Ban Chấp hành\" -\"Sông Công\"",
                "đại hội đảng bộ tỉnh thái nguyên nhiệm kỳ",
            ] {
                let out = case.search(&["--json", "--", query]);
                let name = file.file_name().unwrap().to_string_lossy();
                match out.code {
                    Some(0 | 1) => {}
                    Some(2) => {
                        errors += 1;
                        caught_panics += usize::from(out.stderr.contains("reading it failed"));
                        assert_eq!(out.stderr.lines().count(), 1, "{name} 1/{one_in}: {out:?}");
                        assert!(
                            out.stderr.contains("is damaged"),
                            "{name} 1/{one_in}: {out:?}"
                        );
                    }
                    _ => panic!("{name} 1/{one_in}: {out:?}"),
                }
            }
        }
        fs::write(file, &pristine).unwrap();
    }
    assert!(errors > 0, "some damage is noticed");
    eprintln!(
        "note: {errors} searches failed on damage, {caught_panics} of them by a caught panic"
    );
    assert!(caught_panics > 0, "the panic path is exercised");
    assert_eq!(case.search(&["Bách Quang"]).code, Some(0), "repaired");
}

/// `n` articles of about `words` words each, as JSON Lines, with ids `{tag}-N`: varied
/// enough that their index is about as large as their text.
fn wordy_articles(tag: &str, n: usize, words: usize) -> String {
    const SYLLABLES: [&str; 24] = [
        "đại",
        "hội",
        "đảng",
        "bộ",
        "nhiệm",
        "kỳ",
        "chi",
        "xã",
        "phường",
        "huyện",
        "tỉnh",
        "thành",
        "ủy",
        "ban",
        "chấp",
        "hành",
        "nghị",
        "quyết",
        "kinh",
        "tế",
        "dân",
        "cư",
        "phát",
        "triển",
    ];
    let mut state = 0x2545_f491_4f6c_dd1d_u64 ^ tag.len() as u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut out = String::new();
    for i in 0..n {
        let mut body = String::new();
        for _ in 0..words {
            let r = next();
            body.push_str(SYLLABLES[(r % 24) as usize]);
            // Numbers make most words rare, like names and figures in real articles.
            body.push_str(&format!("{} ", r % 5000));
        }
        out.push_str(
            &serde_json::json!({"id": format!("{tag}-{i}"), "title": format!("Đại hội {tag} số {i}"), "body": body})
                .to_string(),
        );
        out.push('\n');
    }
    out
}

/// Every path under `dir`, relative to it, sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap().flatten() {
            let path = e.path();
            out.push(path.strip_prefix(dir).unwrap().display().to_string());
            if e.file_type().unwrap().is_dir() {
                stack.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_full_disk_during_a_reindex_leaves_the_live_generation_as_it_was() {
    // An 8 MiB tmpfs holds an index of 100 articles but not of 2,100. The reindex that adds
    // the 2,000 used to leave their segment files in the live generation, where nothing
    // collected them: every later run then failed for lack of space.
    let case = Case::new();
    let root = case.index_dir();
    fs::create_dir(&root).unwrap();
    let Some(_mount) = Mount::new(&["-t", "tmpfs", "-o", "size=8m", "tmpfs"], &root) else {
        eprintln!(
            "note: cannot mount a tmpfs here (not root?); full disk during a reindex not tested"
        );
        return;
    };
    case.file("a.jsonl", wordy_articles("a", 100, 400));
    let out = case.index(&[]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let files = tree(&root);
    let hits = case.ids("đại hội");
    assert_eq!(hits.len(), 100);
    case.file("b.jsonl", wordy_articles("b", 2_000, 400));
    for _ in 0..2 {
        let out = reindex_with(&case, &["--threads", "1"], &[&case.src()]);
        assert_eq!(out.code, Some(2), "{out:?}");
        assert_eq!(out.stderr.lines().count(), 1, "{out:?}");
        assert!(
            out.stderr.starts_with(&format!(
                "tracuu: could not update the index at {}: the disk is full (",
                d(&root)
            )) && out.stderr.contains("No space left on device")
                && out.stderr.trim_end().ends_with(
                    "; it was left as it was: free some space on its disk and run it again"
                ),
            "{out:?}"
        );
        assert_eq!(tree(&root), files, "nothing is left beside the live index");
        assert_eq!(case.ids("đại hội"), hits, "the live index is unchanged");
    }
    // With room on the disk, the same reindex goes through.
    let grown = Command::new("mount")
        .args(["-o", "remount,size=64m"])
        .arg(&root)
        .status()
        .is_ok_and(|s| s.success());
    if !grown {
        fs::remove_file(case.src().join("b.jsonl")).unwrap();
    }
    let out = reindex_with(&case, &["--threads", "1"], &[&case.src()]);
    assert_eq!(out.code, Some(0), "{out:?}");
    if grown {
        assert_eq!(out.summary()["added"], 2_000, "{out:?}");
        assert_eq!(case.ids("\"Đại hội b số 1999\""), ["b-1999"]);
    }
    assert_eq!(case.ids("\"Đại hội a số 99\""), ["a-99"]);
}

#[test]
fn ctrl_c_during_a_build_keeps_the_previous_index_and_removes_the_partial_one() {
    let case = Case::new();
    small_index(&case);
    let root = case.index_dir();
    let live = fs::read_to_string(root.join("CURRENT")).unwrap();
    let files = tree(&root);
    let big = case.dir.path().join("big");
    fs::create_dir(&big).unwrap();
    fs::write(big.join("big.jsonl"), wordy_articles("big", 4_000, 300)).unwrap();
    for signal in ["INT", "TERM"] {
        let child = Command::new(env!("CARGO_BIN_EXE_tracuu"))
            .arg("--index")
            .arg(&root)
            .args(["index", "--threads", "1", "--memory", "16"])
            .arg(&big)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Once the new generation holds segment files.
        let partial = root.join("gen-000002");
        let started = std::time::Instant::now();
        let writing = || {
            fs::read_dir(&partial).is_ok_and(|d| {
                d.flatten()
                    .any(|e| e.file_name().to_string_lossy().ends_with(".idx"))
            })
        };
        while !writing() {
            assert!(
                started.elapsed().as_secs() < 120,
                "the build wrote no segment"
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let sent = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status()
            .unwrap();
        assert!(sent.success());
        let out = Out::of(child.wait_with_output().unwrap());
        let code = if signal == "INT" { 130 } else { 143 };
        assert_eq!(out.code, Some(code), "{out:?}");
        assert!(
            out.stderr.lines().any(|l| l
                == format!(
                    "tracuu: interrupted; the index was left as it was ({})",
                    d(&root)
                )),
            "{out:?}"
        );
        assert_eq!(fs::read_to_string(root.join("CURRENT")).unwrap(), live);
        assert_eq!(tree(&root), files, "the partial generation is removed");
        assert_eq!(case.ids("Bách Quang"), ["a"], "the previous index is live");
    }
}

#[test]
fn a_stopped_or_killed_reindex_leaves_nothing_once_the_next_run_is_done() {
    // A reindex writes its segments into the live generation; stopped (Ctrl-C) or killed
    // before its commit, it leaves them there. tantivy collects unused files only after a
    // commit, so a next run with nothing to commit used to keep them for good.
    let case = Case::new();
    small_index(&case);
    // Its sources settled, so that the runs below have nothing to read or commit.
    settle(&case.src());
    assert_eq!(reindex(&case, &[&case.src()]).code, Some(0));
    let root = case.index_dir();
    let files = tree(&root);
    let big = case.dir.path().join("big");
    fs::create_dir(&big).unwrap();
    fs::write(big.join("big.jsonl"), wordy_articles("big", 4_000, 300)).unwrap();
    for signal in ["INT", "KILL"] {
        let child = Command::new(env!("CARGO_BIN_EXE_tracuu"))
            .arg("--index")
            .arg(&root)
            .args(["reindex", "--threads", "1", "--memory", "16"])
            .arg(case.src())
            .arg(&big)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while !tree(&root)
            .iter()
            .any(|f| f.ends_with(".idx") && !files.contains(f))
        {
            assert!(
                started.elapsed().as_secs() < 120,
                "the reindex wrote no segment"
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let sent = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status()
            .unwrap();
        assert!(sent.success());
        let out = Out::of(child.wait_with_output().unwrap());
        if signal == "INT" {
            assert_eq!(out.code, Some(130), "{out:?}");
            assert!(
                out.stderr.lines().any(|l| l
                    == format!(
                        "tracuu: interrupted; the index was left as it was ({})",
                        d(&root)
                    )),
                "{out:?}"
            );
        } else {
            assert_eq!(out.code, None, "{out:?}");
        }
        assert_eq!(case.ids("Bách Quang"), ["a"], "the previous index is live");
        // The next run has nothing to commit, and still removes what the last one wrote.
        let out = reindex(&case, &[&case.src()]);
        assert_eq!(out.code, Some(0), "{out:?}");
        assert_eq!(out.summary()["unchanged"], 2, "{out:?}");
        assert_eq!(tree(&root), files, "{signal}: nothing is left");
    }
}
