//! Hits in order of publication (`--sort newest|oldest`), and the undated articles a date
//! filter or order leaves out or puts last: most articles of some sources carry no date,
//! and a search that drops them silently misleads.

use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, ExistsQuery, Occur, Query};
use tantivy::{DateTime, DocAddress, Order, Score, Searcher};

/// The order of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best first (`search::plan`).
    #[default]
    Relevance,
    /// Latest publication date first; undated articles last, best first among them.
    Newest,
    /// Earliest first; undated articles last.
    Oldest,
}

/// The field every dated article has a value in.
const PUBLISHED: &str = "published";

fn with_date(query: &dyn Query, dated: bool) -> BooleanQuery {
    let exists: Box<dyn Query> = Box::new(ExistsQuery::new(PUBLISHED.to_owned(), false));
    BooleanQuery::new(vec![
        (Occur::Must, query.box_clone()),
        (if dated { Occur::Must } else { Occur::MustNot }, exists),
    ])
}

/// The first `wanted` matches of `query` in `sort` order (not [`Sort::Relevance`]), ties
/// best first, and how many matches are undated. Undated matches come after every dated
/// one.
pub fn top(
    searcher: &Searcher,
    query: &dyn Query,
    sort: Sort,
    wanted: usize,
) -> tantivy::Result<(Vec<(Score, DocAddress)>, usize)> {
    let order = match sort {
        Sort::Oldest => Order::Asc,
        Sort::Newest | Sort::Relevance => Order::Desc,
    };
    let undated = undated(searcher, query)?;
    if wanted == 0 {
        return Ok((Vec::new(), undated));
    }
    let by_date = TopDocs::with_limit(wanted).order_by((
        (
            SortByStaticFastValue::<DateTime>::for_field(PUBLISHED),
            order,
        ),
        (SortBySimilarityScore, Order::Desc),
    ));
    let mut hits: Vec<(Score, DocAddress)> = searcher
        .search(&with_date(query, true), &by_date)?
        .into_iter()
        .map(|((_, score), address)| (score, address))
        .collect();
    if hits.len() < wanted && undated > 0 {
        let rest = TopDocs::with_limit(wanted - hits.len()).order_by_score();
        hits.extend(searcher.search(&with_date(query, false), &rest)?);
    }
    Ok((hits, undated))
}

/// How many matches of `query` have no publication date.
pub fn undated(searcher: &Searcher, query: &dyn Query) -> tantivy::Result<usize> {
    searcher.search(&with_date(query, false), &Count)
}
