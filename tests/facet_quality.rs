//! How well facets are read, on articles labelled by hand (`tests/fixtures/facets/`, whose
//! README gives the labelling rules): per facet, precision where an answer is given and
//! coverage (right answers over the articles labelled with a value), for the development
//! labels, the held-out set and a random sample of what the rules leave unanswered. Floors
//! keep the figures from falling; the table is printed (`cargo test --test facet_quality --
//! --nocapture`).

mod common;

use common::*;
use std::collections::HashMap;

const FACETS: [&str; 4] = ["province", "province_old", "unit_type", "term"];

struct Label {
    split: String,
    values: HashMap<&'static str, String>,
}

fn labels() -> HashMap<String, Label> {
    read_labels("labels.tsv")
}

/// A labels file of `tests/fixtures/facets/`, by id.
fn read_labels(file: &str) -> HashMap<String, Label> {
    let text = std::fs::read_to_string(project_dir().join("tests/fixtures/facets").join(file))
        .expect("the labels are committed");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    lines
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            let values = FACETS
                .iter()
                .map(|f| (*f, cells[column(f)].trim().to_owned()))
                .collect();
            let split = cells[column("split")].to_owned();
            (cells[column("id")].to_owned(), Label { split, values })
        })
        .collect()
}

/// What the index says of each labelled article: `tracuu export`, keyed by id and by the
/// file name of a text file (the labels name the seed files by file).
fn extracted() -> HashMap<String, serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir(&src).unwrap();
    std::fs::copy(
        project_dir().join("tests/fixtures/facets/articles.jsonl"),
        src.join("articles.jsonl"),
    )
    .unwrap();
    for entry in std::fs::read_dir(project_dir().join("sample_corpus")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, src.join(path.file_name().unwrap())).unwrap();
        }
    }
    let index = dir.path().join("index");
    tracuu(&index).arg("index").arg(&src).assert().success();
    let out = tracuu(&index).arg("export").output().unwrap();
    let mut by_id = HashMap::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let a: serde_json::Value = serde_json::from_str(line).unwrap();
        let origin = a["origin"].as_str().unwrap_or_default();
        let file = origin.rsplit('/').next().unwrap_or_default().to_owned();
        by_id.insert(a["id"].as_str().unwrap().to_owned(), a.clone());
        if file.ends_with(".txt") {
            by_id.insert(file, a);
        }
    }
    by_id
}

#[derive(Default, Clone, Copy)]
struct Tally {
    labelled: usize,
    answered: usize,
    right: usize,
}

impl Tally {
    fn precision(self) -> f64 {
        self.right as f64 / self.answered.max(1) as f64
    }
    fn coverage(self) -> f64 {
        self.right as f64 / self.labelled.max(1) as f64
    }
}

fn index_of_the_labelled() -> &'static HashMap<String, serde_json::Value> {
    static EXTRACTED: std::sync::OnceLock<HashMap<String, serde_json::Value>> =
        std::sync::OnceLock::new();
    EXTRACTED.get_or_init(extracted)
}

fn tally(split: Option<&str>) -> HashMap<&'static str, Tally> {
    let extracted = index_of_the_labelled();
    let mut tallies: HashMap<&'static str, Tally> = HashMap::new();
    for (id, label) in labels() {
        if split.is_some_and(|s| s != label.split) {
            continue;
        }
        let article = extracted
            .get(&id)
            .unwrap_or_else(|| panic!("labelled article {id} is not in the index"));
        for facet in FACETS {
            count(
                tallies.entry(facet).or_default(),
                &label.values[facet],
                article[facet].as_str().unwrap_or_default(),
            );
        }
    }
    tallies
}

fn count(t: &mut Tally, want: &str, got: &str) {
    t.labelled += usize::from(!want.is_empty());
    t.answered += usize::from(!got.is_empty());
    t.right += usize::from(!got.is_empty() && got == want);
}

#[test]
fn facets_are_right_where_they_answer_and_answer_most_labelled_articles() {
    let mut table = String::from(
        "| split | facet | labelled | answered | right | precision | coverage |\n|---|---|--:|--:|--:|--:|--:|\n",
    );
    let all = tally(None);
    for (split, tallies) in [
        ("dev", tally(Some("dev"))),
        ("heldout", tally(Some("heldout"))),
        ("rest", tally(Some("rest"))),
        ("probe", tally(Some("probe"))),
        ("all", all.clone()),
    ] {
        for facet in FACETS {
            let t = tallies[facet];
            table.push_str(&format!(
                "| {split} | {facet} | {} | {} | {} | {:.3} | {:.3} |\n",
                t.labelled,
                t.answered,
                t.right,
                t.precision(),
                t.coverage()
            ));
        }
    }
    println!("{table}");
    // Floors at the figures of the rules as they are (2026-12-07), per split, so that none
    // falls: the development labels (rounds 1-6, 8-14, 16, 17, 19, 22-25, 28), and the held-out set
    // labelled in round 7. Rounds 8 and 9 hold only articles the rules answered on, so they
    // lowered the development precision when they came (unit type 0.93 to 0.84 with the
    // rules of e3a5719); the rules of stop 33 brought it to 0.91. Round 11 holds articles
    // whose province the city-paper rule gave, mostly Hồ Chí Minh City's civic news: it
    // raised the development province coverage from 0.89 to 0.91. Round 12 holds the
    // articles whose province the hometown rule changed, many of them hard (the event where
    // the person comes from): with it the development province figures are 0.920 / 0.890;
    // without it 0.922 / 0.906. Round 14 holds 40 articles whose title is about a national
    // body and whose province is read below the title; 13 of those provinces are wrong, so
    // the development province precision with it is 0.899 (0.920 without), for the same
    // rules. Round 16 holds 30 articles whose province the Hà Tây alias changed (22 of the
    // 24 provinces given right, of 27 labelled), round 17 the 8 the aliases "HN", "TT Huế"
    // and "Daklak" changed (6 right, none wrong), round 19 the 10 the rule on risen
    // districts changed (9 right, none wrong); with the rules of stop 35 the development
    // province figures are 0.902 / 0.898. Rounds 22 and 23 hold 100 articles whose province
    // the headline rule of stop 36 changed (96 of the 97 given right, 96 labelled): with them
    // the development province figures are 0.916 / 0.916, and 0.902 / 0.900 on the rest.
    // Rounds 24 and 25 hold the 44 articles whose province the offices' rule changed (37 of
    // the 40 given right, 40 labelled); with them 0.917 / 0.920. Round 28 holds the 56 the
    // commune names in headlines changed (52 of the 55 given right): 0.919 / 0.923.
    // Rounds 15 and 18 (`rest`, 150 articles) are a random sample of the corpus's articles
    // that name the Party and that the rules give no unit type or term: every article they
    // answer has a label in another round. Their unit types and terms are the rules' misses
    // by construction (9 and 1), so only their province has floors, at the figures of the
    // 150 (0.933 / 0.840 with the headline rule of stop 36; 0.929 / 0.780 before).
    // Round 20 (`probe`, 33 articles) is where a rule not kept (a "xã" matching a phường)
    // would have changed the province: the rules give 11 provinces there, 5 right, of 24
    // labelled (10 and 4 before the headline rule). Rounds 21 and 26 joined it at stop 36,
    // where the dissolved districts and reading a long title as a lead (neither kept) would
    // have changed it: with them 35 of the 57 given right, of 81 labelled (38 of 60 with the
    // commune names in headlines). Round 29 joined it at stop 37, where reading the national
    // congress's coverage from the body (not kept) would have changed the unit type and
    // term: the rules answer none of its 4 unit types and 3 terms, and its one province
    // right. Its floors keep that from falling.
    let dev = tally(Some("dev"));
    let heldout = tally(Some("heldout"));
    let rest = tally(Some("rest"));
    let probe = tally(Some("probe"));
    for (split, tallies, facet, precision, coverage) in [
        ("dev", &dev, "province", 0.91, 0.91),
        ("dev", &dev, "province_old", 0.91, 0.90),
        ("dev", &dev, "unit_type", 0.90, 0.74),
        ("dev", &dev, "term", 0.90, 0.84),
        ("heldout", &heldout, "province", 0.91, 0.81),
        ("heldout", &heldout, "province_old", 0.93, 0.81),
        ("heldout", &heldout, "unit_type", 0.70, 0.47),
        ("heldout", &heldout, "term", 0.60, 0.40),
        ("rest", &rest, "province", 0.93, 0.84),
        ("rest", &rest, "province_old", 0.93, 0.84),
        ("probe", &probe, "province", 0.63, 0.46),
        ("probe", &probe, "province_old", 0.62, 0.45),
    ] {
        let t = tallies[facet];
        assert!(
            t.precision() >= precision && t.coverage() >= coverage,
            "{split} {facet}: precision {:.3} (floor {precision}), coverage {:.3} (floor {coverage})\n{table}",
            t.precision(),
            t.coverage()
        );
    }
}

/// A second reading of 120 development articles (80 labelled with a unit type or a term, 40
/// with neither), by four labellers who did not see the first labels, the extractor or its
/// code (`second_reading.tsv`; the README tells how it was drawn). Scored like the
/// extractor, against the first labels, it shows how far the labels are reproducible from
/// their written rules: the ceiling any extractor can be measured against. The extractor's
/// figures on the same articles are printed beside it.
#[test]
fn a_second_blind_reading_reproduces_the_labels() {
    let first = labels();
    let second = read_labels("second_reading.tsv");
    let extracted = index_of_the_labelled();
    assert_eq!(second.len(), 120);
    let mut reader: HashMap<&str, Tally> = HashMap::new();
    let mut extractor: HashMap<&str, Tally> = HashMap::new();
    for (id, again) in &second {
        let label = first
            .get(id)
            .unwrap_or_else(|| panic!("{id} of the second reading has no label"));
        assert_eq!(
            label.split, "dev",
            "{id}: the held-out set is not read twice"
        );
        for facet in FACETS {
            let want = &label.values[facet];
            count(reader.entry(facet).or_default(), want, &again.values[facet]);
            let got = extracted[id][facet].as_str().unwrap_or_default();
            count(extractor.entry(facet).or_default(), want, got);
        }
    }
    let mut table = String::from(
        "| facet | second reading: precision | coverage | extractor: precision | coverage |\n|---|--:|--:|--:|--:|\n",
    );
    for facet in FACETS {
        let (r, e) = (reader[facet], extractor[facet]);
        table.push_str(&format!(
            "| {facet} | {:.3} | {:.3} | {:.3} | {:.3} |\n",
            r.precision(),
            r.coverage(),
            e.precision(),
            e.coverage()
        ));
    }
    println!("{table}");
    // Floors at the agreement measured (2026-12-07): a label edited later must still agree
    // with an independent reading of its article.
    for (facet, precision, coverage) in [
        ("province", 0.95, 1.0),
        ("province_old", 0.95, 1.0),
        ("unit_type", 0.98, 0.97),
        ("term", 1.0, 0.96),
    ] {
        let r = reader[facet];
        assert!(
            r.precision() >= precision && r.coverage() >= coverage,
            "{facet}: the second reading agrees less with the labels than it did\n{table}"
        );
    }
}
