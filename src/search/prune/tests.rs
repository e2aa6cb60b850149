use super::*;

fn leaf(i: usize) -> Eval {
    Eval::Leaf(i)
}

fn bool(clauses: Vec<(Occur, Eval)>, at_least: Option<usize>) -> Eval {
    Eval::Bool { clauses, at_least }
}

/// `n` leaves, none a guarded phrase.
fn plain(n: usize) -> Vec<Leaf> {
    (0..n).map(|_| Leaf::new(Vec::new(), Some(1.0))).collect()
}

#[test]
fn a_leaf_the_others_cannot_replace_is_required_and_the_rest_propose_beside_it() {
    // Bounds 1, 2, 3 and 10 (a tier). At 12, no document without the tier can beat
    // the threshold (1 + 2 + 3), and one with it needs more than 2 from the others:
    // leaf 0 (bound 1) cannot lift it alone, so it does not propose.
    let mut leaves = plain(5);
    leaves[4].boost = None;
    let bounds = vec![1.0, 2.0, 3.0, 10.0, 0.0];
    let partition = Partition::new(&leaves, bounds, &[None, None, None, None, None]);
    let proposing = |required: &[usize], threshold: Score| {
        let mut into = Vec::new();
        partition
            .proposing(required, threshold, &mut into)
            .then_some(into)
    };
    assert_eq!(partition.required(&leaves, 12.0), vec![3]);
    assert_eq!(proposing(&[3], 12.0), Some(vec![1, 2]));
    // At 13 the leaf of bound 3 is required too (1 + 2 + 10), and a document with both
    // needs more than 0 from the rest: both propose.
    assert_eq!(partition.required(&leaves, 13.0), vec![3, 2]);
    assert_eq!(proposing(&[3, 2], 13.0), Some(vec![0, 1]));
    // At 16 nothing can beat it: nothing proposes.
    assert_eq!(proposing(&[3, 2, 1, 0], 16.0), Some(vec![]));
    // At 8 the tier is required (the others make 6) and alone may beat it: every
    // document with it is a candidate.
    assert_eq!(partition.required(&leaves, 8.0), vec![3]);
    assert_eq!(proposing(&[3], 8.0), None);
    // Below 6 nothing is required, and the essential leaves propose, as without.
    assert_eq!(partition.required(&leaves, 5.5), Vec::<usize>::new());
    assert_eq!(proposing(&[], 5.5), Some(vec![2, 3]));
    // A leaf that adds only beside a filter is never required: the plain partition
    // bounds it at 0 where the filter is absent.
    leaves[3].cond = Some(4);
    assert_eq!(partition.required(&leaves, 12.0), Vec::<usize>::new());
}

fn term(text: &str) -> Node {
    Node::Term {
        field: Field::from_field_id(0),
        text: text.to_owned(),
    }
}

/// A one-field index in memory (field 0, analysed as the folded level), one document
/// per text, in one segment.
fn folded_index<'a>(texts: impl IntoIterator<Item = &'a str>) -> Searcher {
    let texts: Vec<&str> = texts.into_iter().collect();
    folded_segments(&[texts.as_slice()])
}

/// Like [`folded_index`], one segment per batch of texts.
fn folded_segments(batches: &[&[&str]]) -> Searcher {
    use tantivy::schema::{Schema, TextFieldIndexing, TextOptions};
    let mut builder = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(crate::text::tokenize::FOLDED_TOKENIZER)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let f = builder.add_text_field("f", TextOptions::default().set_indexing_options(indexing));
    let index = tantivy::Index::create_in_ram(builder.build());
    crate::index::schema::register_analyzers(&index);
    let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    for batch in batches {
        for text in *batch {
            let mut doc = tantivy::TantivyDocument::default();
            doc.add_text(f, text);
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
    }
    index.reader().unwrap().searcher()
}

fn field_term(text: &str) -> Term {
    Term::from_field_text(Field::from_field_id(0), text)
}

fn phrase(texts: &[&str]) -> Node {
    Node::Phrase {
        field: Field::from_field_id(0),
        texts: texts.iter().map(|t| t.to_string()).collect(),
    }
}

#[test]
fn the_kth_best_score_is_exact_from_the_kth_push_on() {
    let mut kth = KthBest::new(3);
    for s in [5.0, 1.0] {
        kth.push(s);
        assert_eq!(kth.score(), None);
    }
    kth.push(3.0);
    assert_eq!(kth.score(), Some(1.0));
    kth.push(0.5);
    assert_eq!(kth.score(), Some(1.0));
    kth.push(4.0);
    assert_eq!(kth.score(), Some(3.0));
    // A tie with the k-th does not enter: it came later, so it loses the tie.
    kth.push(3.0);
    assert_eq!(kth.score(), Some(3.0));
    kth.push(9.0);
    assert_eq!(kth.score(), Some(4.0));
}

#[test]
fn the_shared_threshold_is_the_kth_best_of_every_workers_scores() {
    let shared = SharedKth::new(3);
    std::thread::scope(|s| {
        s.spawn(|| [5.0, 4.0, 0.5].into_iter().for_each(|x| shared.push(x)));
        s.spawn(|| [6.0, 1.0, 2.0].into_iter().for_each(|x| shared.push(x)));
    });
    // Each worker's own third best is 0.5 and 1.0; the third best of all six is 4.0.
    assert_eq!(shared.get(), Some(4.0));
    let few = SharedKth::new(3);
    few.push(2.0);
    few.push(1.0);
    assert_eq!(few.get(), None);
}

#[test]
fn a_phrase_beside_filters_on_all_its_pairs_is_guarded_by_them() {
    let filter = |t: &str| (Occur::Must, Node::Filter(Box::new(term(t))));
    let plan = Node::Bool {
        clauses: vec![
            (Occur::Must, phrase(&["ban", "chap", "hanh"])),
            filter("chap hanh"),
            filter("ban chap"),
            (Occur::Should, term("dang")),
        ],
        at_least: None,
    };
    let c = compile(&plan);
    assert_eq!(c.leaves[0].guards, [2, 1]);
    assert!(c.leaves[1].freqs && c.leaves[2].freqs && !c.leaves[3].freqs);
    // Candidates come from the pair tokens alone: no group reads the phrase.
    let cost = |g: &[usize]| g.len() as u64;
    let groups = c.root.required(&c.leaves, &cost);
    assert!(groups.iter().all(|g| !g.contains(&0)), "{groups:?}");
    assert!(groups.contains(&vec![1]) && groups.contains(&vec![2]));
}

#[test]
fn a_term_beside_a_filter_depends_on_it_and_a_filter_is_read_once() {
    let unaccented = || (Occur::Must, Node::Filter(Box::new(term("yes"))));
    let reading = |t: &str| Node::Bool {
        clauses: vec![(Occur::Must, term(t)), unaccented()],
        at_least: None,
    };
    let plan = Node::Bool {
        clauses: vec![
            (Occur::Should, reading("thi")),
            (Occur::Should, reading("chi")),
            (Occur::Should, term("dang")),
            (Occur::MustNot, term("xa")),
        ],
        at_least: None,
    };
    let c = compile(&plan);
    // thi, yes, chi, dang, xa: the second filter on "yes" is the first one's leaf.
    assert_eq!(c.leaves.len(), 5);
    assert_eq!(c.leaves[0].cond, Some(1));
    assert_eq!(c.leaves[2].cond, Some(1));
    assert_eq!(c.leaves[3].cond, None);
    assert_eq!(c.leaves[4].cond, None);
}

/// Documents with the rare filter a leaf depends on are bounded apart from the others:
/// in those without it, the leaf bounds nothing. The hits are the same, for every `k`,
/// with one worker or several, in one segment or three.
#[test]
fn documents_without_a_rare_filter_are_bounded_without_the_leaves_that_need_it() {
    let texts: Vec<String> = (0..900)
        .map(|n| match n % 150 {
            // "thi" beside "yes" scores far more than anything else can.
            17 => "thi thi thi yes".to_owned(),
            90 => "thi yes dang".to_owned(),
            // "thi" without "yes" adds nothing.
            5..=40 => format!("thi dang {}", "khac ".repeat(n % 7)),
            _ => format!("dang {}xa", "khac ".repeat(n % 5)),
        })
        .collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let reading = Node::Bool {
        clauses: vec![
            (Occur::Must, term("thi")),
            (Occur::Must, Node::Filter(Box::new(term("yes")))),
        ],
        at_least: None,
    };
    let plan = Node::Bool {
        clauses: vec![
            (Occur::Should, Node::Boost(Box::new(reading), 4.0)),
            (Occur::Should, term("dang")),
            (Occur::Should, term("xa")),
        ],
        at_least: None,
    };
    for searcher in [
        folded_index(texts.iter().copied()),
        folded_segments(&[&texts[..300], &texts[300..650], &texts[650..]]),
    ] {
        let prepared = Prepared::new(&searcher, &plan, &[], None, 10, false).unwrap();
        let plain = prepared.plain.as_ref().expect("the filter is rare");
        let thi = 0;
        assert_eq!(prepared.compiled.leaves[thi].cond, Some(1));
        assert!(prepared.full.bounds[thi] > 0.0);
        assert_eq!(plain.bounds[thi], 0.0);
        for k in [1, 3, 6, 12, 40, 1000] {
            let hits = |exhaustive, threads| {
                top_k(&searcher, &plan, &[], None, k, exhaustive, threads).unwrap()
            };
            let all = hits(true, Threads::Exactly(1));
            assert_eq!(all.len(), k.min(900));
            for n in [1, 2, 3] {
                assert_eq!(
                    hits(false, Threads::Exactly(n)),
                    all,
                    "k = {k}, {n} workers"
                );
            }
        }
    }
}

/// Two phrases share the pair guard "binh cao". Looking for the next candidate of the
/// first ("an binh cao") must not move that shared guard past a document that has the
/// second ("duong binh cao"): here the best one.
#[test]
fn a_shared_guard_is_not_moved_past_a_document_another_phrase_needs() {
    let searcher = folded_index([
        "an binh cao",
        "an binh cao",
        "duong binh cao duong binh cao",
        "an binh cao",
        "an xa",
        "an xa",
        "an xa",
        "an xa",
    ]);
    let guarded = |first: &str| {
        let filter = |a: &str, b: &str| (Occur::Must, Node::Filter(Box::new(term(&pair(a, b)))));
        Node::Bool {
            clauses: vec![
                (Occur::Must, phrase(&[first, "binh", "cao"])),
                filter(first, "binh"),
                filter("binh", "cao"),
            ],
            at_least: None,
        }
    };
    let plan = Node::Bool {
        clauses: vec![
            (Occur::Should, guarded("an")),
            (Occur::Should, guarded("duong")),
        ],
        at_least: None,
    };
    let docs = |exhaustive| {
        top_k(&searcher, &plan, &[], None, 2, exhaustive, Threads::Auto)
            .unwrap()
            .into_iter()
            .map(|(_, d)| d.doc_id)
            .collect::<Vec<_>>()
    };
    assert_eq!(docs(true)[0], 2);
    assert_eq!(docs(false), docs(true));
}

/// However many workers share the chunks of however many segments, the hits are those
/// of one scan in address order: the same documents, scores and order, ties to the
/// lower address. A small vocabulary makes ties common.
#[test]
fn workers_find_the_hits_of_one_scan() {
    let words = ["an", "binh", "cao", "dong", "xa", "yen", "phu", "tho"];
    let mut seed = 7u64;
    let mut text = |n: usize| {
        (0..n)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                words[(seed >> 33) as usize % words.len()]
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let texts: Vec<String> = (0..420).map(|i| text(1 + i % 9)).collect();
    let t: Vec<&str> = texts.iter().map(String::as_str).collect();
    let searcher = folded_segments(&[&t[..250], &t[250..260], &t[260..]]);
    assert_eq!(searcher.segment_readers().len(), 3);
    let should = |ts: &[&str]| Node::Bool {
        clauses: ts.iter().map(|t| (Occur::Should, term(t))).collect(),
        at_least: None,
    };
    let plans = [
        should(&["an", "binh", "cao"]),
        should(&["an", "tho", &pair("an", "binh"), &pair("yen", "phu")]),
        Node::Bool {
            clauses: vec![
                (Occur::Must, term("xa")),
                (Occur::Should, term("dong")),
                (Occur::Should, phrase(&["binh", "cao"])),
            ],
            at_least: None,
        },
        Node::Bool {
            clauses: ["an", "binh", "cao", "dong"]
                .iter()
                .map(|t| (Occur::Should, term(t)))
                .collect(),
            at_least: Some(3),
        },
    ];
    for (p, plan) in plans.iter().enumerate() {
        for k in [1, 4, 25, 1000] {
            let hits = |exhaustive, threads| {
                top_k(&searcher, plan, &[], None, k, exhaustive, threads).unwrap()
            };
            let one = hits(false, Threads::Exactly(1));
            assert!(!one.is_empty(), "plan {p}");
            assert_eq!(one, hits(true, Threads::Exactly(1)), "plan {p}, k = {k}");
            for n in [2, 3, 5] {
                for exhaustive in [false, true] {
                    assert_eq!(
                        hits(exhaustive, Threads::Exactly(n)),
                        one,
                        "plan {p}, k = {k}, {n} workers, exhaustive: {exhaustive}"
                    );
                }
            }
        }
    }
}

/// A shared length of field 0 over `terms`.
fn one_field(terms: Vec<(Term, Vec<SharedLeaf>)>) -> SharedLength {
    SharedLength {
        field: Field::from_field_id(0),
        terms,
        below: Vec::new(),
    }
}

/// The bound of `length`'s first `first` terms at field norm `id` is never below `best`,
/// the best split found by trying every one, and above it by no more than the margin.
fn assert_best_split(length: &SharedLength, first: usize, id: u8, best: Score) {
    let bound = length.upper_bound(first, id);
    assert!(bound >= best, "id {id}: {bound} < {best}");
    assert!(
        bound <= best * (1.0 + 2.0 * BOUND_MARGIN),
        "id {id}: {bound} > {best}"
    );
}

/// The greedy split of a field's tokens scores what the best split does, found here by
/// trying every split; a split never scores more.
#[test]
fn the_shared_length_bound_is_the_best_split_of_the_tokens() {
    let weights = [
        Bm25Weight::for_one_term(10, 1000, 8.0),
        Bm25Weight::for_one_term(100, 1000, 8.0).boost_by(2.0),
        Bm25Weight::for_one_term(500, 1000, 8.0),
    ];
    let length = one_field(
        ["a", "b", "c"]
            .iter()
            .zip(&weights)
            .enumerate()
            .map(|(i, (t, w))| (field_term(t), vec![(i, i, w.clone())]))
            .collect(),
    );
    for id in 0..=12u8 {
        let tokens = FieldNormReader::id_to_fieldnorm(id + 1) - 1;
        let mut best: Score = 0.0;
        for a in 0..=tokens {
            for b in 0..=tokens - a {
                for c in 0..=tokens - a - b {
                    let split = [a, b, c];
                    let total: Score = weights.iter().zip(split).map(|(w, f)| w.score(id, f)).sum();
                    best = best.max(total);
                }
            }
        }
        assert_best_split(&length, 3, id, best);
        // Only the terms before `first` are shared: the first alone here.
        let first = (0..=tokens)
            .map(|f| weights[0].score(id, f))
            .fold(0.0, Score::max);
        assert_best_split(&length, 1, id, first);
    }
    // No tokens, no score; a length the norm cannot bound is not bounded.
    assert_eq!(length.upper_bound(3, 0), 0.0);
    assert_eq!(length.upper_bound(3, u8::MAX), Score::INFINITY);
}

/// A term that stands in the plan twice has one frequency in a document, counted by
/// both its leaves: a title of one token "hai" scores for both.
#[test]
fn a_term_with_two_leaves_spends_its_tokens_once_for_both() {
    let weights = [
        Bm25Weight::for_one_term(10, 1000, 8.0),
        Bm25Weight::for_one_term(10, 1000, 8.0).boost_by(1.5),
        Bm25Weight::for_one_term(300, 1000, 8.0),
    ];
    let length = one_field(vec![
        (
            field_term("hai"),
            vec![(0, 0, weights[0].clone()), (1, 1, weights[1].clone())],
        ),
        (field_term("quan"), vec![(2, 2, weights[2].clone())]),
    ]);
    for id in 0..=12u8 {
        let tokens = FieldNormReader::id_to_fieldnorm(id + 1) - 1;
        let mut best: Score = 0.0;
        for a in 0..=tokens {
            for b in 0..=tokens - a {
                let total =
                    weights[0].score(id, a) + weights[1].score(id, a) + weights[2].score(id, b);
                best = best.max(total);
            }
        }
        assert_best_split(&length, 3, id, best);
    }
}

/// A term that counts only beside a rare filter, though common itself, proposes only
/// the documents that have both; the best hits are those of scoring every match.
#[test]
fn a_term_beside_a_rare_filter_proposes_only_documents_with_both() {
    let searcher = folded_index((0..600).map(|n| match n % 100 {
        7 => "nghe nghe nghe yes",
        50 => "nghe yes",
        3 | 60 | 61 | 10..=39 => "nghe khac",
        _ => "moc khac",
    }));
    let plan = Node::Bool {
        clauses: vec![
            (
                Occur::Should,
                Node::Bool {
                    clauses: vec![
                        (Occur::Must, term("nghe")),
                        (Occur::Must, Node::Filter(Box::new(term("yes")))),
                    ],
                    at_least: None,
                },
            ),
            (Occur::Should, term("moc")),
        ],
        at_least: None,
    };
    assert_eq!(compile(&plan).leaves[0].cond, Some(1));
    // Every match is found: "nghe" beside "yes", or "moc".
    let mut all: Vec<DocId> = top_k(&searcher, &plan, &[], None, 1000, true, Threads::Auto)
        .unwrap()
        .into_iter()
        .map(|(_, d)| d.doc_id)
        .collect();
    all.sort_unstable();
    let matching: Vec<DocId> = (0..600)
        .filter(|n| ![3, 60, 61].contains(&(n % 100)) && !(10..40).contains(&(n % 100)))
        .collect();
    assert_eq!(all, matching);
    // The best are the six with "nghe" three times beside "yes".
    for k in [1, 3, 6, 10] {
        let hits = |exhaustive, threads| {
            top_k(&searcher, &plan, &[], None, k, exhaustive, threads).unwrap()
        };
        let (pruned, all) = (hits(false, Threads::Auto), hits(true, Threads::Auto));
        assert_eq!(pruned.len(), k);
        assert_eq!(pruned, all, "k = {k}");
        for n in [2, 3] {
            assert_eq!(
                hits(false, Threads::Exactly(n)),
                pruned,
                "k = {k}, {n} threads"
            );
        }
        assert!(
            pruned.iter().take(6).all(|(_, d)| d.doc_id % 100 == 7),
            "{pruned:?}"
        );
    }
}

#[test]
fn a_phrase_missing_a_pair_filter_is_not_guarded() {
    let plan = Node::Bool {
        clauses: vec![
            (Occur::Must, phrase(&["ban", "chap", "hanh"])),
            (Occur::Must, Node::Filter(Box::new(term("ban chap")))),
            // A scoring term, not a filter, proves nothing about frequencies.
            (Occur::Must, term("chap hanh")),
        ],
        at_least: None,
    };
    let c = compile(&plan);
    assert!(c.leaves[0].guards.is_empty());
    assert!(!c.leaves[1].freqs);
    let cost = |g: &[usize]| g.len() as u64;
    assert!(c.root.required(&c.leaves, &cost).contains(&vec![0]));
}

#[test]
fn every_must_is_a_group_and_a_union_of_shoulds_is_one() {
    let sizes = [5u64, 100, 3, 50, 7];
    let cost = |g: &[usize]| g.iter().map(|&i| sizes[i]).sum::<u64>();
    // (0 ∧ (1 ∨ 2)) with a bonus 3 and an exclusion 4.
    let e = bool(
        vec![
            (
                Occur::Must,
                bool(
                    vec![
                        (Occur::Must, leaf(0)),
                        (
                            Occur::Must,
                            bool(
                                vec![(Occur::Should, leaf(1)), (Occur::Should, leaf(2))],
                                None,
                            ),
                        ),
                    ],
                    None,
                ),
            ),
            (Occur::Should, leaf(3)),
            (Occur::MustNot, leaf(4)),
        ],
        None,
    );
    assert_eq!(e.required(&plain(5), &cost), vec![vec![0], vec![2, 1]]);
}

#[test]
fn at_least_n_of_m_needs_one_of_the_m_minus_n_plus_1_cheapest() {
    let sizes = [40u64, 10, 30, 20];
    let cost = |g: &[usize]| g.iter().map(|&i| sizes[i]).sum::<u64>();
    let any = |n| bool((0..4).map(|i| (Occur::Should, leaf(i))).collect(), Some(n));
    // 3 of 4: any two of them cover every match; the two cheapest are 1 and 3.
    assert_eq!(any(3).required(&plain(5), &cost), vec![vec![1, 3]]);
    // 1 of 4: all of them.
    assert_eq!(any(1).required(&plain(5), &cost), vec![vec![1, 3, 2, 0]]);
    // 4 of 4: one alone covers.
    assert_eq!(any(4).required(&plain(5), &cost), vec![vec![1]]);
}
