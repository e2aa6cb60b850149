use super::understand::Vocabulary;
use super::*;
use crate::index::{BuildOptions, Layout, Sources};

/// The sample corpus's index, and the directory that holds it.
fn sample_engine() -> (tempfile::TempDir, Engine) {
    let dir = tempfile::tempdir().unwrap();
    crate::index::build(
        &Layout::new(dir.path()),
        &Sources::Sample,
        &BuildOptions::default(),
    )
    .unwrap();
    let engine = Engine::open(dir.path()).unwrap();
    (dir, engine)
}

/// Readings of two adjacent syllables, as the accent bonus asks about them.
const PAIRS: [(&[&str], &[&str]); 5] = [
    (&["đại", "đài"], &["hội", "hồi"]),
    (&["ban", "bán"], &["chấp", "chắp"]),
    (&["nhiệm"], &["kỳ", "kỷ"]),
    (&["đảng", "dạng"], &["bộ"]),
    (&["đại"], &["hội", "biểu"]),
];

/// One walk of a pair token's postings counts what one intersection per combination of
/// readings counts, however many workers share it, and a combination of different pair
/// tokens falls back to that.
#[test]
fn exact_pairs_counts_what_each_phrase_count_does() {
    let (_dir, engine) = sample_engine();
    let vocab = IndexVocabulary::new(engine.searcher(), &engine.open.fields);
    for (first, second) in PAIRS {
        let each: Vec<u64> = first
            .iter()
            .flat_map(|x| second.iter().map(|y| vocab.exact_phrase(&[x, y])))
            .collect();
        for workers in 1..=3 {
            assert_eq!(
                vocab.pair_counts(first, second, None, Some(workers)),
                (each.clone(), false),
                "{first:?} {second:?}, {workers} workers"
            );
        }
        assert_eq!(vocab.exact_pairs(first, second), each);
        assert!(each[0] > 0, "{first:?} {second:?}: {each:?}");
    }
}

/// The walk that stops once one pair leads by more than the documents left picks the
/// pair the full counts pick, and does stop early on a pair most articles have.
#[test]
fn the_likeliest_pair_is_the_one_the_full_counts_pick() {
    let (_dir, engine) = sample_engine();
    let vocab = IndexVocabulary::new(engine.searcher(), &engine.open.fields);
    let mut stopped = 0;
    let cases = PAIRS
        .into_iter()
        .flat_map(|c| [(c, 1), (c, 3)])
        .flat_map(|c| [(c, 1), (c, 2), (c, 3)]);
    for (((first, second), every), workers) in cases {
        let full = vocab.exact_pairs(first, second);
        let (counts, early) = vocab.pair_counts(first, second, Some(every), Some(workers));
        assert_eq!(
            understand::likeliest(first, second, &counts),
            understand::likeliest(first, second, &full),
            "{first:?} {second:?} every {every}, {workers} workers"
        );
        assert_eq!(
            vocab.likeliest_pair(first, second),
            understand::likeliest(first, second, &full),
            "{first:?} {second:?}"
        );
        assert!(vocab.likeliest_pair(first, second).is_some());
        if early {
            assert!(counts.iter().zip(&full).all(|(a, b)| a <= b));
            // Where several workers stop depends on how they are scheduled.
            stopped += usize::from(workers == 1);
        } else {
            assert_eq!(counts, full);
        }
    }
    assert!(stopped >= 3, "{stopped} walks on one worker stopped early");
}

/// A pair that leads at first but not at the end is not taken: the walk stops only
/// when the lead exceeds the documents left.
#[test]
fn an_early_lead_is_not_taken_for_the_likeliest_pair() {
    let corpus = tempfile::tempdir().unwrap();
    let lines: Vec<String> = (0..40)
        .map(|n| {
            let body = if n < 10 {
                "Tiếng đài hồi chuông"
            } else {
                "Khai mạc đại hội"
            };
            format!(r#"{{"id":"t{n}","title":"Tin {n}","body":"{body} số {n}."}}"#)
        })
        .collect();
    std::fs::write(corpus.path().join("tin.jsonl"), lines.join("\n")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    crate::index::build(
        &Layout::new(dir.path()),
        &Sources::Paths(vec![corpus.path().to_path_buf()]),
        &BuildOptions {
            threads: 1,
            ..BuildOptions::default()
        },
    )
    .unwrap();
    let engine = Engine::open(dir.path()).unwrap();
    let vocab = IndexVocabulary::new(engine.searcher(), &engine.open.fields);
    let (first, second): (&[&str], &[&str]) = (&["đài", "đại"], &["hồi", "hội"]);
    assert_eq!(vocab.exact_pairs(first, second), vec![10, 0, 0, 30]);
    for (every, workers) in [1, 2, 5].into_iter().flat_map(|e| [(e, 1), (e, 2), (e, 4)]) {
        let (counts, early) = vocab.pair_counts(first, second, Some(every), Some(workers));
        // Where several workers stop depends on how they are scheduled; one must stop.
        assert!(early || workers > 1, "every {every}");
        let got = understand::likeliest(first, second, &counts);
        assert_eq!(
            got,
            Some(("đại", "hội")),
            "every {every}, {workers} workers"
        );
    }
}

#[test]
fn a_garbled_format_word_is_damage_and_a_failing_device_is_not_said_so() {
    use std::sync::Arc;
    let root = std::path::Path::new("/idx");
    let garbled = tantivy::TantivyError::IoError(Arc::new(std::io::Error::other(
        "Unsupported dictionary type, found 1084409249",
    )));
    assert!(matches!(
        damaged(root, garbled),
        SearchError::Index(IndexError::Corrupt { .. })
    ));
    let device = tantivy::TantivyError::IoError(Arc::new(std::io::Error::from_raw_os_error(5)));
    assert!(matches!(damaged(root, device), SearchError::Engine(_)));
}
