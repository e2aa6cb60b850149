use super::*;
use crate::search::query::parse;
use std::collections::HashMap;

/// A vocabulary from a few texts, as the index would count them.
struct Texts {
    exact: HashMap<String, u64>,
    folded: HashMap<String, u64>,
    phrases: HashMap<String, u64>,
}

impl Texts {
    fn new(texts: &[(&str, u64)]) -> Texts {
        let mut v = Texts {
            exact: HashMap::new(),
            folded: HashMap::new(),
            phrases: HashMap::new(),
        };
        for &(text, times) in texts {
            let terms = analyze(text);
            let mut seen = HashSet::new();
            for t in &terms {
                if seen.insert(t.exact.clone()) {
                    *v.exact.entry(t.exact.clone()).or_default() += times;
                    *v.folded.entry(t.folded.clone()).or_default() += times;
                }
            }
            for w in terms.windows(2) {
                *v.phrases
                    .entry(format!("{} {}", w[0].exact, w[1].exact))
                    .or_default() += times;
            }
        }
        v
    }
}

impl Vocabulary for Texts {
    fn exact(&self, s: &str) -> u64 {
        self.exact.get(s).copied().unwrap_or(0)
    }
    fn folded(&self, s: &str) -> u64 {
        self.folded.get(s).copied().unwrap_or(0)
    }
    fn exact_phrase(&self, s: &[&str]) -> u64 {
        self.phrases.get(&s.join(" ")).copied().unwrap_or(0)
    }
}

fn party() -> Texts {
    Texts::new(&[
        ("Đại hội đại biểu Đảng bộ phường Bách Quang lần thứ XXIV", 3),
        (
            "Ủy ban nhân dân thành phố Sông Công; Chủ tịch UBND thành phố",
            2,
        ),
        ("Đ/c Nguyễn Văn A, đồng chí Bí thư Thành ủy, của các xã", 4),
        ("Hội nghị Ban Chấp hành khóa XIII đang bàn về văn hóa", 2),
        ("Cửa hàng đang bán cua", 1),
        ("Đảng bộ tỉnh chỉ ra vi phạm", 5),
    ])
}

fn searched(q: &str) -> String {
    let p = parse(q).unwrap();
    understand(&p, &party(), true).searching_for()
}

fn alternatives(q: &str) -> Vec<Vec<String>> {
    let p = parse(q).unwrap();
    understand(&p, &party(), true)
        .units
        .iter()
        .map(|u| {
            u.alternatives
                .iter()
                .map(|a| words(&a.terms))
                .collect::<Vec<_>>()
        })
        .map(|v| v.into_iter().collect())
        .collect()
}

#[test]
fn telex_and_vni_typed_with_the_input_method_off() {
    assert_eq!(searched("ddaij hooij ddangr booj"), "đại hội đảng bộ");
    assert_eq!(searched("da9i5 ho6i5"), "đại hội");
    // Forgotten dd: the reading the index has wins.
    assert_eq!(searched("dangr booj"), "đảng bộ");
    // A real syllable is never "repaired".
    assert_eq!(searched("dai hoi"), "dai hoi");
}

#[test]
fn typos_only_for_syllables_the_index_does_not_know() {
    let p = parse("Đảnh bộ").unwrap();
    let u = understand(&p, &party(), true);
    assert_eq!(u.searching_for(), "đảng bộ");
    assert!(
        matches!(&u.notes[0], Note::Typo { typed, meant } if typed == "đảnh" && meant == "đảng")
    );
    // A wrong tone costs less than a wrong letter: "hôị" is not Vietnamese, "hồi"…
    assert_eq!(searched("Đại hôi"), "đại hội");
    assert_eq!(searched("dang bo"), "dang bo");
    assert_eq!(searched("bachh quang"), "bach quang");
    // Known syllables are left alone, even rare ones.
    assert_eq!(searched("bán cua"), "bán cua");
}

#[test]
fn abbreviations_expand_both_ways() {
    assert_eq!(
        alternatives("UBND thanh pho"),
        vec![
            vec!["ubnd".to_owned(), "uy ban nhan dan".to_owned()],
            vec!["thanh pho".to_owned(), "tp".to_owned()],
        ]
    );
    assert_eq!(
        alternatives("Ủy ban nhân dân"),
        vec![vec!["ủy ban nhân dân".to_owned(), "ubnd".to_owned()]]
    );
    assert_eq!(
        alternatives("Đ/c"),
        vec![vec!["đ c".to_owned(), "dong chi".to_owned()]]
    );
    assert_eq!(alternatives("TP. Sông Công")[0], ["tp", "thanh pho"]);
}

#[test]
fn ordinals_only_after_the_words_that_number() {
    assert_eq!(alternatives("dai hoi lan thu 24")[4], ["24", "thu xxiv"]);
    assert_eq!(alternatives("khóa XIII")[1], ["xiii", "khoa 13"]);
    // Not a congress number: a quantity, or no context at all.
    assert_eq!(alternatives("24 xã")[0], ["24"]);
    assert_eq!(alternatives("vi phạm")[0], ["vi"]);
}

#[test]
fn stop_words_weigh_little_but_alone_still_search() {
    let p = parse("của các xã Đảng bộ").unwrap();
    let u = understand(&p, &party(), false);
    let stops: Vec<bool> = u.units.iter().map(|u| u.stop).collect();
    assert_eq!(stops, [true, true, false, false, false]);
    let p = parse("của các").unwrap();
    assert!(understand(&p, &party(), true).units.iter().all(|u| !u.stop));
    // Unaccented: "cua" is của here, far more often than the crab.
    assert!(is_stop(&analyze("cua")[0], &party()));
}

#[test]
fn accent_bonus_takes_the_likeliest_reading_of_each_pair() {
    let p = parse("dai hoi dang bo").unwrap();
    let u = understand(&p, &party(), true);
    let bonus: Vec<String> = u.accent_bonus.iter().map(|b| words(b)).collect();
    assert!(bonus.contains(&"đại hội".to_owned()), "{bonus:?}");
    assert!(bonus.contains(&"đảng bộ".to_owned()), "{bonus:?}");
}

#[test]
fn suggestions_offer_frequent_neighbours_then_fewer_words() {
    let p = parse("Đại hôi Bách Quang").unwrap();
    let s = suggestions(&p, &party());
    assert_eq!(s[0], "đại hội bách quang");
    let p = parse("Bách Quang Zanzibar").unwrap();
    assert!(suggestions(&p, &party()).contains(&"bách quang".to_owned()));
}

#[test]
fn one_edit_neighbours() {
    let e = one_edit("dang");
    for w in ["dan", "dangg", "danh", "adng", "ang"] {
        assert!(e.contains(w), "{w}");
    }
    assert!(!e.contains("dang"));
}
