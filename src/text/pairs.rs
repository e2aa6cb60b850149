//! Adjacent-pair tokens: every two consecutive syllables are also written as one token,
//! "đại hội", at the position of the first.
//!
//! Adjacency is what ranks a name ("Sông Công", "Ban Chấp hành") above articles that merely
//! contain its syllables. Checking it with a phrase query reads the positions of every
//! candidate article; a pair token turns the same check into one term lookup, and its
//! document frequency says how often the index has the phrase ("đại hội" against "đài hồi"),
//! which accent restoration needs. A pair token holds a space, which no syllable does, so
//! pairs and syllables never collide. Syllable positions are unchanged: phrase queries over
//! syllables work as before.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The separator inside a pair token.
pub const PAIR_SEPARATOR: char = ' ';

/// The pair token of two syllables as the analyzers write them.
pub fn pair(first: &str, second: &str) -> String {
    let mut s = String::with_capacity(first.len() + second.len() + 1);
    s.push_str(first);
    s.push(PAIR_SEPARATOR);
    s.push_str(second);
    s
}

/// Wraps a syllable tokenizer: each syllable, then the pair it ends.
#[derive(Clone)]
pub struct WithPairs<T> {
    inner: T,
    previous: Token,
    pair: Token,
}

impl<T> WithPairs<T> {
    pub fn new(inner: T) -> Self {
        WithPairs {
            inner,
            previous: Token::default(),
            pair: Token::default(),
        }
    }
}

/// The stream of [`WithPairs`].
pub struct WithPairsStream<'a, S> {
    inner: S,
    previous: &'a mut Token,
    pair: &'a mut Token,
    has_previous: bool,
    /// The next call returns the pair token.
    pair_pending: bool,
    /// The current token is the pair token.
    on_pair: bool,
}

impl<T: Tokenizer> Tokenizer for WithPairs<T> {
    type TokenStream<'a> = WithPairsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        WithPairsStream {
            inner: self.inner.token_stream(text),
            previous: &mut self.previous,
            pair: &mut self.pair,
            has_previous: false,
            pair_pending: false,
            on_pair: false,
        }
    }
}

impl<S: TokenStream> TokenStream for WithPairsStream<'_, S> {
    fn advance(&mut self) -> bool {
        if self.pair_pending {
            self.pair_pending = false;
            self.on_pair = true;
            return true;
        }
        self.on_pair = false;
        if !self.inner.advance() {
            return false;
        }
        let current = self.inner.token();
        if self.has_previous {
            self.pair.text.clear();
            self.pair.text.push_str(&self.previous.text);
            self.pair.text.push(PAIR_SEPARATOR);
            self.pair.text.push_str(&current.text);
            self.pair.position = self.previous.position;
            self.pair.offset_from = self.previous.offset_from;
            self.pair.offset_to = current.offset_to;
            self.pair.position_length = 1;
            self.pair_pending = true;
        }
        self.previous.text.clear();
        self.previous.text.push_str(&current.text);
        self.previous.position = current.position;
        self.previous.offset_from = current.offset_from;
        self.previous.offset_to = current.offset_to;
        self.has_previous = true;
        true
    }

    fn token(&self) -> &Token {
        if self.on_pair {
            self.pair
        } else {
            self.inner.token()
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        if self.on_pair {
            self.pair
        } else {
            self.inner.token_mut()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Level, VietnameseTokenizer};

    fn stream(text: &str, level: Level) -> Vec<(String, usize, usize, usize)> {
        let mut t = WithPairs::new(VietnameseTokenizer::new(level));
        let mut s = t.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            let k = s.token();
            out.push((k.text.clone(), k.position, k.offset_from, k.offset_to));
        }
        out
    }

    #[test]
    fn each_syllable_then_the_pair_it_ends() {
        let e = |t: &str, p, f, to| (t.to_owned(), p, f, to);
        assert_eq!(
            stream("Đại hội Đảng", Level::Exact),
            [
                e("đại", 0, 0, 6),
                e("hội", 1, 7, 12),
                e("đại hội", 0, 0, 12),
                e("đảng", 2, 13, 20),
                e("hội đảng", 1, 7, 20),
            ]
        );
        let folded: Vec<String> = stream("Đại hội Đảng", Level::Folded)
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(folded, ["dai", "hoi", "dai hoi", "dang", "hoi dang"]);
    }

    #[test]
    fn one_syllable_has_no_pair_and_a_reused_tokenizer_starts_afresh() {
        let mut t = WithPairs::new(VietnameseTokenizer::new(Level::Folded));
        for text in ["Sông Công", "xã"] {
            let mut s = t.token_stream(text);
            let mut texts = Vec::new();
            while s.advance() {
                texts.push(s.token().text.clone());
            }
            if text == "xã" {
                assert_eq!(texts, ["xa"]);
            } else {
                assert_eq!(texts, ["song", "cong", "song cong"]);
            }
        }
        assert!(stream("", Level::Exact).is_empty());
    }

    #[test]
    fn the_pair_helper_spells_pairs_as_the_stream_does() {
        assert_eq!(pair("đại", "hội"), "đại hội");
    }
}
