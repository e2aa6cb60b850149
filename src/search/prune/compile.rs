//! The plan compiled for matching one document at a time: its leaves (terms, phrases,
//! filters, tiers), the tree that combines them, and the groups of leaves every match has.

use super::*;

/// A plan compiled for matching one document at a time.
pub(super) enum Eval {
    /// Index into the leaves.
    Leaf(usize),
    /// Matches like the inner node, scores 0.
    Filter(Box<Eval>),
    Bool {
        clauses: Vec<(Occur, Eval)>,
        at_least: Option<usize>,
    },
}

/// A term or phrase of the plan, or a filter.
pub(super) struct Leaf {
    /// The term, or the phrase's terms; none for a filter.
    pub(super) terms: Vec<Term>,
    /// Product of the boosts above it; `None` when it only matches (a filter or an
    /// exclusion).
    pub(super) boost: Option<Score>,
    /// For a phrase required beside filters on each of its pair tokens: those filters.
    /// Their frequencies bound how often the phrase occurs, so its positions are read only
    /// where that bound can still reach the top.
    pub(super) guards: Vec<usize>,
    /// A guard: read with frequencies.
    pub(super) freqs: bool,
    /// For a scoring leaf: a filter it is required beside (the nearest), so that it adds
    /// to a document's score only where that filter matches ("unaccented article", a pair
    /// token), however high its own bound.
    pub(super) cond: Option<usize>,
    /// For a tier ([`Node::Const`]): the terms or phrases any of which lets it score its
    /// boost, once; `terms` is then empty.
    pub(super) any: Vec<Vec<Term>>,
}

impl Leaf {
    pub(super) fn new(terms: Vec<Term>, boost: Option<Score>) -> Leaf {
        Leaf {
            terms,
            boost,
            guards: Vec::new(),
            freqs: false,
            cond: None,
            any: Vec::new(),
        }
    }
}

/// A compiled plan: its tree and its leaves.
pub(super) struct Compiled {
    pub(super) root: Eval,
    pub(super) leaves: Vec<Leaf>,
}

pub(super) fn compile(node: &Node) -> Compiled {
    let mut leaves = Vec::new();
    let root = compile_node(node, Some(1.0), &mut leaves);
    assign_conditions(&root, None, &mut leaves);
    Compiled { root, leaves }
}

/// Gives each scoring leaf the nearest filter a conjunction above it requires: the leaf
/// adds to a score only where every conjunction on its way to the root matches.
pub(super) fn assign_conditions(eval: &Eval, cond: Option<usize>, leaves: &mut [Leaf]) {
    match eval {
        Eval::Leaf(i) => {
            if leaves[*i].boost.is_some() {
                leaves[*i].cond = cond;
            }
        }
        Eval::Filter(_) => {}
        Eval::Bool { clauses, .. } => {
            let own = clauses
                .iter()
                .find_map(|(occur, c)| match (occur, c) {
                    (Occur::Must, Eval::Filter(inner)) => match **inner {
                        Eval::Leaf(g) => Some(g),
                        _ => None,
                    },
                    _ => None,
                })
                .or(cond);
            for (occur, c) in clauses {
                if *occur != Occur::MustNot {
                    assign_conditions(c, own, leaves);
                }
            }
        }
    }
}

/// The terms of a term or a phrase; `None` for any other node.
pub(super) fn leaf_terms(node: &Node) -> Option<Vec<Term>> {
    match node {
        Node::Term { field, text } => Some(vec![Term::from_field_text(*field, text)]),
        Node::Phrase { field, texts } => Some(
            texts
                .iter()
                .map(|t| Term::from_field_text(*field, t))
                .collect(),
        ),
        _ => None,
    }
}

pub(super) fn compile_node(node: &Node, boost: Option<Score>, leaves: &mut Vec<Leaf>) -> Eval {
    let mut leaf = |terms: Vec<Term>| {
        leaves.push(Leaf::new(terms, boost));
        Eval::Leaf(leaves.len() - 1)
    };
    match node {
        Node::Term { .. } | Node::Phrase { .. } => leaf(leaf_terms(node).unwrap_or_default()),
        // Boosts multiply down the tree, the order tantivy multiplies them in.
        Node::Boost(inner, b) => compile_node(inner, boost.map(|x| x * b), leaves),
        Node::Filter(inner) => {
            // One leaf per filtered term: the plan filters every unaccented reading on the
            // same "unaccented article" term, and a long phrase's pairs recur.
            if let Node::Term { field, text } = &**inner {
                let term = Term::from_field_text(*field, text);
                let same = |l: &Leaf| {
                    l.boost.is_none()
                        && l.guards.is_empty()
                        && l.terms.as_slice() == std::slice::from_ref(&term)
                };
                if let Some(g) = leaves.iter().position(same) {
                    return Eval::Filter(Box::new(Eval::Leaf(g)));
                }
            }
            Eval::Filter(Box::new(compile_node(inner, None, leaves)))
        }
        Node::Const { any, score } => {
            let any = any.iter().filter_map(leaf_terms).collect();
            leaves.push(Leaf {
                any,
                ..Leaf::new(Vec::new(), boost.map(|b| b * score))
            });
            Eval::Leaf(leaves.len() - 1)
        }
        Node::Bool { clauses, at_least } => {
            let compiled: Vec<(Occur, Eval)> = clauses
                .iter()
                .map(|(occur, n)| {
                    let b = if *occur == Occur::MustNot {
                        None
                    } else {
                        boost
                    };
                    (*occur, compile_node(n, b, leaves))
                })
                .collect();
            guard_phrases(clauses, &compiled, leaves);
            Eval::Bool {
                clauses: compiled,
                at_least: *at_least,
            }
        }
    }
}

/// Marks each phrase of a conjunction whose every pair token is also a required filter of
/// it (as [`super::plan`] writes phrases of three or more folded syllables) as guarded by
/// those filters.
pub(super) fn guard_phrases(
    nodes: &[(Occur, Node)],
    compiled: &[(Occur, Eval)],
    leaves: &mut [Leaf],
) {
    let filter_leaf = |want: &Term| {
        compiled.iter().find_map(|(occur, e)| match (occur, e) {
            (Occur::Must, Eval::Filter(inner)) => match **inner {
                Eval::Leaf(g) if leaves[g].terms.as_slice() == std::slice::from_ref(want) => {
                    Some(g)
                }
                _ => None,
            },
            _ => None,
        })
    };
    let mut found = Vec::new();
    for ((occur, node), (_, eval)) in nodes.iter().zip(compiled) {
        let (Occur::Must, Node::Phrase { field, texts }, Eval::Leaf(p)) = (occur, node, eval)
        else {
            continue;
        };
        let guards: Option<Vec<usize>> = texts
            .windows(2)
            .map(|w| filter_leaf(&Term::from_field_text(*field, &pair(&w[0], &w[1]))))
            .collect();
        if let Some(guards) = guards.filter(|g| !g.is_empty()) {
            found.push((*p, guards));
        }
    }
    for (p, guards) in found {
        for &g in &guards {
            leaves[g].freqs = true;
        }
        leaves[p].guards = guards;
    }
}

impl Eval {
    /// Groups of leaves such that every document this node matches has a leaf of each
    /// group. `cost` estimates how many documents a group has. A guarded phrase is stood
    /// for by its guards: finding candidates then reads no positions.
    pub(super) fn required(
        &self,
        leaves: &[Leaf],
        cost: &dyn Fn(&[usize]) -> u64,
    ) -> Vec<Vec<usize>> {
        match self {
            Eval::Leaf(i) if !leaves[*i].guards.is_empty() => {
                leaves[*i].guards.iter().map(|&g| vec![g]).collect()
            }
            Eval::Leaf(i) => vec![vec![*i]],
            Eval::Filter(inner) => inner.required(leaves, cost),
            Eval::Bool { clauses, at_least } => {
                let musts: Vec<Vec<usize>> = clauses
                    .iter()
                    .filter(|(o, _)| *o == Occur::Must)
                    .flat_map(|(_, c)| c.required(leaves, cost))
                    .collect();
                let has_must = clauses.iter().any(|(o, _)| *o == Occur::Must);
                let needed = match at_least {
                    Some(n) => *n,
                    None if has_must => 0,
                    None => 1,
                };
                if needed == 0 {
                    return musts;
                }
                // Of m should clauses of which n must match, a match has one of any
                // m - n + 1: take the cheapest, each by its cheapest group.
                let mut covers: Vec<Option<Vec<usize>>> = clauses
                    .iter()
                    .filter(|(o, _)| *o == Occur::Should)
                    .map(|(_, c)| c.required(leaves, cost).into_iter().min_by_key(|g| cost(g)))
                    .collect();
                if covers.len() < needed {
                    return musts;
                }
                covers.sort_by_key(|c| c.as_ref().map_or(u64::MAX, |g| cost(g)));
                let take = covers.len() - needed + 1;
                let mut union = Vec::new();
                for c in &covers[..take] {
                    match c {
                        Some(g) => union.extend_from_slice(g),
                        None => return musts,
                    }
                }
                let mut groups = musts;
                groups.push(union);
                groups
            }
        }
    }
}

impl Eval {
    /// The score of `doc`, or `None` when it does not match.
    pub(super) fn eval(&self, state: &mut Cursors, leaves: &[Leaf], doc: DocId) -> Option<Score> {
        match self {
            Eval::Leaf(i) => {
                if !state.has(*i, doc) {
                    return None;
                }
                Some(match leaves[*i].boost {
                    Some(_) => state.score(*i, doc),
                    None => 0.0,
                })
            }
            Eval::Filter(inner) => inner.eval(state, leaves, doc).map(|_| 0.0),
            Eval::Bool { clauses, at_least } => {
                let mut sum: Score = 0.0;
                let mut must = false;
                let mut should = 0;
                for (occur, clause) in clauses {
                    match occur {
                        Occur::Must => {
                            must = true;
                            sum += clause.eval(state, leaves, doc)?;
                        }
                        Occur::MustNot => {
                            if clause.eval(state, leaves, doc).is_some() {
                                return None;
                            }
                        }
                        Occur::Should => {
                            if let Some(s) = clause.eval(state, leaves, doc) {
                                sum += s;
                                should += 1;
                            }
                        }
                    }
                }
                let required = match at_least {
                    Some(n) => *n,
                    None if must => 0,
                    None => 1,
                };
                (should >= required && (must || should > 0)).then_some(sum)
            }
        }
    }
}
