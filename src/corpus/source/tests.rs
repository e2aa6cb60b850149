use super::*;

fn collect_jsonl(input: &[u8], limits: &Limits) -> (Vec<Article>, Vec<Problem>) {
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    read_jsonl(
        "f.jsonl",
        "dir/f.jsonl",
        input,
        limits,
        &mut |b| articles.extend(b),
        &mut problems,
    );
    (articles, problems)
}

#[test]
fn jsonl_lines_are_numbered_and_bad_ones_reported() {
    let input = b"{\"id\":\"a\",\"title\":\"T\",\"body\":\"B\"}\n\n{broken\r\n{\"title\":\"x\",\"body\":\"y\"}";
    let (articles, problems) = collect_jsonl(input, &Limits::default());
    let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a", "f.jsonl:4"]);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, Some(3));
    assert!(problems[0].reason.starts_with("malformed JSON"));
}

#[test]
fn overlong_lines_are_skipped_without_buffering_them() {
    let limits = Limits {
        max_line_bytes: 64,
        batch_lines: 1,
        ..Limits::default()
    };
    let long = format!("{{\"body\":\"{}\"}}\n", "x".repeat(500));
    let input = format!("{long}{{\"id\":\"ok\",\"body\":\"b\"}}\n");
    let (articles, problems) = collect_jsonl(input.as_bytes(), &limits);
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].id, "ok");
    assert_eq!(problems[0].line, Some(1));
    assert!(problems[0].reason.contains("longer than"));
}

#[test]
fn utf16_jsonl_is_decoded() {
    let mut input = vec![0xFF, 0xFE];
    input.extend(
        "{\"id\":\"u\",\"body\":\"Đảng bộ\"}\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let (articles, problems) = collect_jsonl(&input, &Limits::default());
    assert_eq!(articles[0].body, "Đảng bộ");
    assert!(problems.is_empty());
}

#[test]
fn batches_are_bounded_in_bytes_too() {
    let limits = Limits {
        batch_bytes: 40,
        ..Limits::default()
    };
    let input = "{\"id\":\"a\",\"body\":\"0123456789012345678901234567890\"}\n".repeat(3);
    let mut batches = Vec::new();
    let mut problems = Vec::new();
    read_jsonl(
        "f.jsonl",
        "f.jsonl",
        input.as_bytes(),
        &limits,
        &mut |b| batches.push(b.len()),
        &mut problems,
    );
    assert_eq!(batches, [1, 1, 1]);
}

#[test]
fn binary_jsonl_is_skipped_whole() {
    let (articles, problems) =
        collect_jsonl(b"\x89PNG\r\n\x1a\n\x00\x00\n{}\n{}\n", &Limits::default());
    assert!(articles.is_empty());
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].reason,
        "binary file (NUL bytes), not JSON Lines"
    );
}

#[test]
fn a_file_that_vanishes_after_the_scan_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "T\nB").unwrap();
    std::fs::write(dir.path().join("b.jsonl"), "{\"body\":\"x\"}\n").unwrap();
    let found = scan(&[dir.path().to_path_buf()]);
    assert_eq!(found.files.len(), 2);
    for f in &found.files {
        std::fs::remove_file(&f.path).unwrap();
    }
    let mut read = 0;
    let mut problems = Vec::new();
    read_files(
        &found.files,
        &Limits::default(),
        &mut |_, b: Vec<Article>| read += b.len(),
        &mut problems,
    );
    assert_eq!(read, 0);
    assert_eq!(problems.len(), 2);
    for p in problems {
        assert_eq!(
            p.reason,
            "not found (was it moved or deleted during the scan?)"
        );
    }
}

#[test]
fn utf16_text_is_cut_between_characters() {
    let limits = Limits {
        max_text_bytes: 9,
        ..Limits::default()
    };
    // BOM, "T", "\n", then 😀 (a surrogate pair) cut after its high half.
    let mut bytes = vec![0xFF, 0xFE, b'T', 0, b'\n', 0];
    bytes.extend("😀x".encode_utf16().flat_map(u16::to_le_bytes));
    let TextRead {
        article, problems, ..
    } = read_text("u.txt", "u.txt", &bytes[..], &limits);
    assert_eq!(article.unwrap().title, "T");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].reason.starts_with("larger than"));
}

#[test]
fn articles_arrive_in_path_order_whatever_their_format() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "A\nx").unwrap();
    std::fs::write(dir.path().join("b.jsonl"), "{\"body\":\"b\"}\n").unwrap();
    std::fs::write(dir.path().join("c.txt"), "C\nx").unwrap();
    let found = scan(&[dir.path().to_path_buf()]);
    let mut order = Vec::new();
    read_files(
        &found.files,
        &Limits::default(),
        &mut |_, b: Vec<Article>| order.extend(b.into_iter().map(|a| a.origin.path)),
        &mut Vec::new(),
    );
    assert_eq!(order, ["a.txt", "b.jsonl", "c.txt"]);
}

#[test]
fn text_files_are_capped() {
    let limits = Limits {
        max_text_bytes: 1 << 20,
        ..Limits::default()
    };
    let big = format!("Tiêu đề\n{}", "Đảng bộ ".repeat(300_000));
    let TextRead {
        article,
        problems,
        hash,
    } = read_text("big.txt", "big.txt", big.as_bytes(), &limits);
    assert!(hash.is_some());
    assert!(article.unwrap().body.len() <= 1 << 20);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].reason.contains("only the first 1 MiB"));
}

#[test]
fn a_root_given_twice_or_inside_another_is_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d");
    std::fs::create_dir_all(d.join("sub")).unwrap();
    std::fs::write(d.join("a.txt"), "A\nx").unwrap();
    std::fs::write(d.join("sub/b.txt"), "B\nx").unwrap();
    let missing = dir.path().join("missing");
    let roots = [
        d.join("sub"),
        d.clone(),
        d.join("sub/../a.txt"),
        d.join("."),
        missing.clone(),
        missing.clone(),
    ];
    let kept: Vec<PathBuf> = distinct(&roots).into_iter().map(|(root, _)| root).collect();
    assert_eq!(kept, [d.clone(), missing]);
    let found = scan(&roots);
    let rels: Vec<&str> = found.files.iter().map(|f| f.rel.as_str()).collect();
    assert_eq!(rels, ["a.txt", "sub/b.txt"]);
}

#[test]
fn files_are_told_apart_by_root_and_path_under_it() {
    let dir = tempfile::tempdir().unwrap();
    for root in ["A", "B", "C/2024"] {
        std::fs::create_dir_all(dir.path().join(root)).unwrap();
        std::fs::write(dir.path().join(root).join("news.jsonl"), "{}\n").unwrap();
    }
    std::os::unix::fs::symlink("2024", dir.path().join("C/latest")).unwrap();
    let roots = ["A", "B", "C"].map(|r| dir.path().join(r));
    let found = scan(&roots);
    let real = std::fs::canonicalize(dir.path()).unwrap();
    let keys: Vec<String> = found.files.iter().map(|f| f.key.clone()).collect();
    let expected = [
        "C/2024/news.jsonl",
        "C/latest/news.jsonl",
        "A/news.jsonl",
        "B/news.jsonl",
    ]
    .map(|p| real.join(p).to_string_lossy().into_owned());
    assert_eq!(keys, expected);
}

#[test]
fn text_id_is_the_url_else_the_path() {
    let a = read_text(
        "x/y.txt",
        "x/y.txt",
        "T\nB\nNguồn: https://a.vn/1".as_bytes(),
        &Limits::default(),
    );
    assert_eq!(a.article.unwrap().id, "https://a.vn/1");
    let b = read_text("x/y.txt", "x/y.txt", "T\nB".as_bytes(), &Limits::default());
    assert_eq!(b.article.unwrap().id, "x/y.txt");
}
