//! Finding the typed place names in a text's tokens ("phường Bách Quang", "TP. Sông Công",
//! "Tỉnh ủy Lạng Sơn").
//!
//! A place is only read where a type word announces it: a bare name is too often a person,
//! a street or a common word ("Hòa Bình", "Quang Trung"). Names are found by hash lookups of
//! the n-grams right after a type word, never by scanning the gazetteer.

use super::gazetteer::{Kind, Place, Structure, Tier, GAZETTEER};
use super::scan::{Tokens, Zone};
use crate::text::letters::classify;

/// What the word in front of a name says the name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeWord {
    /// "tỉnh", "Tỉnh ủy"
    Province,
    /// "thành phố", "TP", "Thành ủy": a province-level or a district-level city
    City,
    /// "thị xã", "Thị ủy"
    Town,
    /// "quận", "Quận ủy"
    UrbanDistrict,
    /// "huyện", "Huyện ủy"
    RuralDistrict,
    /// "phường"
    Ward,
    /// "xã"
    Commune,
    /// "thị trấn"
    Township,
    /// "đặc khu"
    SpecialZone,
}

impl TypeWord {
    /// Kinds the word names, and kinds it is accepted for when none of those matches
    /// (units change kind over the years: "xã Gia Sàng" became a phường, "thị xã Sông
    /// Công" a city, "thị xã Đồ Sơn" a quận). A district rises more often than a commune
    /// and its name is shared far less: "huyện" and "thị xã" also name what such a unit
    /// has become, beside a namesake of the written kind ("huyện Phong Điền" of 2005 is
    /// Huế's thị xã as much as Cần Thơ's huyện, so it alone decides neither).
    fn kinds(self) -> (&'static [Kind], &'static [Kind]) {
        const DISTRICTS: &[Kind] = &[
            Kind::City,
            Kind::Town,
            Kind::UrbanDistrict,
            Kind::RuralDistrict,
        ];
        const WARDS: &[Kind] = &[Kind::Ward, Kind::Commune, Kind::Township];
        match self {
            TypeWord::Province => (&[Kind::Province, Kind::Municipality], &[]),
            TypeWord::City => (&[Kind::Municipality, Kind::City], &[Kind::Town]),
            // "thị xã Đồ Sơn", now a quận of Hải Phòng.
            TypeWord::Town => (&[Kind::Town, Kind::City, Kind::UrbanDistrict], &[]),
            TypeWord::UrbanDistrict => (&[Kind::UrbanDistrict], DISTRICTS),
            TypeWord::RuralDistrict => (DISTRICTS, &[]),
            TypeWord::Ward => (&[Kind::Ward], WARDS),
            TypeWord::Commune => (&[Kind::Commune], WARDS),
            TypeWord::Township => (&[Kind::Township], WARDS),
            TypeWord::SpecialZone => (&[Kind::SpecialZone], &[Kind::RuralDistrict]),
        }
    }

    /// The lower-case Vietnamese word, for unit names ("TP." reads "thành phố").
    pub fn word(self) -> &'static str {
        match self {
            TypeWord::Province => "tỉnh",
            TypeWord::City => "thành phố",
            TypeWord::Town => "thị xã",
            TypeWord::UrbanDistrict => "quận",
            TypeWord::RuralDistrict => "huyện",
            TypeWord::Ward => "phường",
            TypeWord::Commune => "xã",
            TypeWord::Township => "thị trấn",
            TypeWord::SpecialZone => "đặc khu",
        }
    }
}

/// How a place is named: by its type word ("tỉnh"), by its Party committee ("Tỉnh ủy"),
/// or placed by the province after it ("Hội An (Quảng Nam)").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Unit,
    Committee,
    /// No type word: an untyped place followed by its province ("Hội An (Quảng Nam)").
    Placed,
}

/// Type words, longest first so "thị xã" wins over "xã" and "Thành ủy" over "thành".
const TYPE_WORDS: &[(&[&str], TypeWord, Form)] = &[
    // "Đại hội tỉnh Đảng bộ Bến Tre lần thứ VIII", the older style.
    (&["tỉnh", "đảng", "bộ"], TypeWord::Province, Form::Committee),
    (&["tỉnh", "ủy"], TypeWord::Province, Form::Committee),
    (&["thành", "ủy"], TypeWord::City, Form::Committee),
    (&["thị", "ủy"], TypeWord::Town, Form::Committee),
    (&["quận", "ủy"], TypeWord::UrbanDistrict, Form::Committee),
    (&["huyện", "ủy"], TypeWord::RuralDistrict, Form::Committee),
    (&["thành", "phố"], TypeWord::City, Form::Unit),
    (&["thị", "xã"], TypeWord::Town, Form::Unit),
    (&["thị", "trấn"], TypeWord::Township, Form::Unit),
    (&["đặc", "khu"], TypeWord::SpecialZone, Form::Unit),
    (&["tỉnh"], TypeWord::Province, Form::Unit),
    (&["tp"], TypeWord::City, Form::Unit),
    (&["tx"], TypeWord::Town, Form::Unit),
    (&["quận"], TypeWord::UrbanDistrict, Form::Unit),
    (&["huyện"], TypeWord::RuralDistrict, Form::Unit),
    (&["phường"], TypeWord::Ward, Form::Unit),
    (&["xã"], TypeWord::Commune, Form::Unit),
];

/// A type word at token `i`: the word, its form and how many tokens it takes.
pub fn type_word_at(tokens: &Tokens, i: usize) -> Option<(TypeWord, Form, usize)> {
    let first = tokens.tokens.get(i)?;
    // Cheap pre-filter on the folded first syllable before comparing phrases.
    if !matches!(
        first.folded.as_str(),
        "tinh" | "thanh" | "thi" | "quan" | "huyen" | "dac" | "tp" | "tx" | "phuong" | "xa"
    ) {
        return None;
    }
    TYPE_WORDS
        .iter()
        .find(|(words, _, _)| tokens.phrase_at(i, words))
        .map(|&(words, word, form)| (word, form, words.len()))
}

/// The commonest Vietnamese family names, folded: a capitalized run starting with one is
/// a person's name far more often than a place's.
pub fn is_surname(folded: &str) -> bool {
    const SURNAMES: &[&str] = &[
        "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do",
        "ho", "ngo", "duong", "ly",
    ];
    SURNAMES.contains(&folded)
}

/// A typed place name found in a text.
#[derive(Debug, Clone)]
pub struct Mention {
    pub form: Form,
    /// Token range of the type word and the name together.
    pub start: usize,
    pub end: usize,
    /// Places the name may be, after spelling and chain filtering (may be empty: a name
    /// the gazetteer does not know).
    pub candidates: Vec<u32>,
    /// The candidates were narrowed by a place named next to this one.
    pub narrowed: bool,
    /// A province's bare name closing a chain ("huyện Vĩnh Cửu, Đồng Nai"): it confirms
    /// the place before it more than it adds a mention of its own.
    pub chained: bool,
    pub zone: Zone,
}

impl Mention {
    /// Distinct new provinces among the candidates.
    pub fn new_provinces(&self) -> Vec<u8> {
        let g = &*GAZETTEER;
        let mut out: Vec<u8> = self
            .candidates
            .iter()
            .map(|&id| g.place(id).new_province)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Distinct old provinces among the candidates of the old structure; `None` when every
    /// candidate belongs to the new structure only (a ward created in 2025 names no old
    /// province).
    pub fn old_provinces(&self) -> Option<Vec<u8>> {
        let g = &*GAZETTEER;
        let mut out: Vec<u8> = self
            .candidates
            .iter()
            .filter_map(|&id| g.place(id).old_province)
            .collect();
        out.sort_unstable();
        out.dedup();
        (!out.is_empty()).then_some(out)
    }

    /// Whether every candidate is a unit of the old structure only (a district, or a ward
    /// or province name that no longer exists), so the text names the old structure.
    pub fn names_old_structure(&self) -> bool {
        let g = &*GAZETTEER;
        !self.candidates.is_empty()
            && self.candidates.iter().all(|&id| {
                let p = g.place(id);
                p.structure == Structure::Old
                    && !(p.kind.tier() == Tier::Province
                        && p.old_province
                            .is_some_and(|o| g.same_name(o, p.new_province)))
                    && !self.candidates.iter().any(|&other| {
                        let q = g.place(other);
                        q.structure == Structure::New && q.name == p.name
                    })
            })
    }
}

/// Every typed place name in `tokens`, with candidates narrowed by spelling and by the
/// places named next to it ("phường Chi Lăng, thành phố Lạng Sơn").
pub fn mentions(tokens: &Tokens) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some((word, form, len)) = type_word_at(tokens, i) else {
            i += 1;
            continue;
        };
        // "Thành ủy TP. HCM", "Huyện ủy huyện Cầu Ngang": the place is typed again after
        // the committee; read it from there.
        if form == Form::Committee && type_word_at(tokens, i + len).is_some() {
            i += len;
            continue;
        }
        match read_name(tokens, i + len, word) {
            Some((end, mut candidates)) => {
                let province = province_closing_chain(tokens, end, &candidates)
                    .or_else(|| province_after_district(tokens, end, &candidates));
                // "xã An Ninh Đông (Tuy An, Phú Yên)": the places inside that province.
                let mut narrowed = false;
                if let Some(p) = province.as_ref().filter(|p| p.start > end) {
                    let g = &*GAZETTEER;
                    let kept: Vec<u32> = candidates
                        .iter()
                        .copied()
                        .filter(|&c| {
                            p.candidates
                                .iter()
                                .any(|&o| contains(g.place(o), g.place(c)))
                        })
                        .collect();
                    narrowed = !kept.is_empty() && kept.len() < candidates.len();
                    if !kept.is_empty() {
                        candidates = kept;
                    }
                }
                out.push(Mention {
                    form,
                    start: i,
                    end,
                    candidates,
                    narrowed,
                    chained: false,
                    zone: tokens.tokens[i].zone,
                });
                i = end;
                if let Some(p) = province {
                    i = p.end;
                    out.push(p);
                }
            }
            None => i += len,
        }
    }
    let bare = bare_places_with_province(tokens, &out);
    out.extend(bare);
    out.sort_by_key(|m| m.start);
    narrow_chains(tokens, &mut out);
    out
}

/// An untyped place followed by its province in brackets or after a comma, the press's way
/// of placing a name: "Chùa Cầu - Hội An (Quảng Nam)", "Phú Vang, Thừa Thiên - Huế". Read as
/// one typed mention of the province, in the title or lead, when the gazetteer has a place of
/// that name inside it; a person's or a company's name before a bracketed province is no
/// place, and no evidence.
fn bare_places_with_province(tokens: &Tokens, typed: &[Mention]) -> Vec<Mention> {
    let g = &*GAZETTEER;
    let covered = |k: usize| typed.iter().any(|m| (m.start..m.end).contains(&k));
    let mut out = Vec::new();
    // In the body such pairs list the places of a roundup (weather, floods) as often as they
    // place the news: the title and lead only.
    for at in tokens.head_range().skip(1) {
        if !tokens.tokens[at].capital
            || !matches!(tokens.gap_after(at - 1).trim(), "(" | ",")
            || covered(at - 1)
        {
            continue;
        }
        // The place: the capitalized run ending before the separator, up to 4 syllables.
        let mut from = at - 1;
        while from > 0
            && at - from < 4
            && tokens.tokens[from - 1].capital
            && tokens.gap_after(from - 1) == " "
        {
            from -= 1;
        }
        // Part of a typed chain ("xã Thuận Hóa, Tuyên Hóa, Quảng Bình"): the typed place
        // votes already.
        let chained = from > 0
            && (covered(from - 1) && matches!(tokens.gap_after(from - 1).trim(), "," | "("));
        if !tokens.tokens[from].capital || covered(from) || chained {
            continue;
        }
        let places: Vec<u32> = g
            .lookup(&tokens.folded_span(from, at))
            .iter()
            .copied()
            .filter(|&id| g.place(id).kind.tier() != Tier::Province)
            .collect();
        if places.is_empty() {
            continue;
        }
        let Some(province) = province_closing_chain(tokens, at, &places) else {
            continue;
        };
        // The province's name must end there: ")" or "," after it.
        let after = tokens.gap_after(province.end - 1).trim_start();
        let closes = after.starts_with(')') || after.starts_with(',');
        if closes {
            out.push(Mention {
                form: Form::Placed,
                start: from,
                chained: false,
                ..province
            });
        }
    }
    out
}

/// A province's bare name closing a chain after a typed place it contains: "huyện Vĩnh Cửu,
/// Đồng Nai", "thị xã Tam Kỳ (Quảng Nam)". Read as if typed; a bare name elsewhere is as often
/// a person's home or a company's seat, and is no evidence.
fn province_closing_chain(tokens: &Tokens, at: usize, lower: &[u32]) -> Option<Mention> {
    let g = &*GAZETTEER;
    // "TPHCM" votes on its own, wherever it stands.
    let first = tokens.tokens.get(at)?;
    if lower.is_empty() || at == 0 || !first.capital || first.folded == "tphcm" {
        return None;
    }
    let gap = tokens.gap_after(at - 1).trim();
    if !matches!(gap, "," | "(" | "-" | "–") || tokens.sentence_break_after(at - 1) {
        return None;
    }
    let mut run = 1;
    while run < 4 && at + run < tokens.len() {
        let gap = tokens.gap_after(at + run - 1);
        let joined = gap.len() <= 3 && gap.chars().all(|c| matches!(c, ' ' | '-'));
        if !joined || !tokens.tokens[at + run].capital {
            break;
        }
        run += 1;
    }
    (1..=run).rev().find_map(|n| {
        let provinces: Vec<u32> = g
            .lookup(&tokens.folded_span(at, at + n))
            .iter()
            .copied()
            .filter(|&id| g.place(id).kind.tier() == Tier::Province)
            .filter(|&id| lower.iter().any(|&l| contains(g.place(id), g.place(l))))
            .collect();
        (!provinces.is_empty()).then(|| Mention {
            form: Form::Unit,
            start: at,
            end: at + n,
            candidates: provinces,
            narrowed: false,
            chained: true,
            zone: tokens.tokens[at].zone,
        })
    })
}

/// "xã An Ninh Đông (Tuy An, Phú Yên)": the province closing a chain after the untyped
/// district between, which must lie in it and hold one of the `lower` places.
fn province_after_district(tokens: &Tokens, at: usize, lower: &[u32]) -> Option<Mention> {
    let g = &*GAZETTEER;
    let first = tokens.tokens.get(at)?;
    if lower.is_empty() || at == 0 || !first.capital || tokens.gap_after(at - 1).trim() != "(" {
        return None;
    }
    let mut end = at + 1;
    while end < tokens.len().min(at + 4)
        && tokens.tokens[end].capital
        && tokens.gap_after(end - 1) == " "
    {
        end += 1;
    }
    if tokens.gap_after(end - 1).trim() != "," {
        return None;
    }
    let districts: Vec<u32> = g
        .lookup(&tokens.folded_span(at, end))
        .iter()
        .copied()
        .filter(|&id| g.place(id).kind.tier() == Tier::District)
        .filter(|&id| lower.iter().any(|&l| contains(g.place(id), g.place(l))))
        .collect();
    let province = province_closing_chain(tokens, end, &districts)?;
    let after = tokens.gap_after(province.end - 1).trim_start();
    after.starts_with(')').then_some(province)
}

/// Reads the name after a type word ending before token `at`: the longest run of
/// capitalized syllables the gazetteer knows for that word. Returns the end token and the
/// candidates. A run the gazetteer does not know gives an empty candidate list (the name
/// still ends the mention, for unit names).
pub fn read_name(tokens: &Tokens, at: usize, word: TypeWord) -> Option<(usize, Vec<u32>)> {
    let first = tokens.tokens.get(at)?;
    let gap = tokens.gap_after(at.checked_sub(1)?);
    if !first.capital || !gap.chars().all(|c| c == ' ' || c == '.') || gap.len() > 3 {
        return None;
    }
    // A body's acronym is the next organization, not a name ("Huyện ủy UBND huyện X").
    if ["ubnd", "hdnd", "mttq", "bch", "bchtu"].contains(&first.folded.as_str()) {
        return None;
    }
    // The run of syllables that may belong to one name.
    let max = GAZETTEER.max_name_syllables;
    let mut run = 1;
    while run < max && at + run < tokens.len() {
        let gap = tokens.gap_after(at + run - 1);
        let joined = gap.len() <= 3 && gap.chars().all(|c| matches!(c, ' ' | '-' | '\''));
        if !joined {
            break;
        }
        run += 1;
    }
    let mut folded = String::new();
    for n in (1..=run).rev() {
        folded.clear();
        for (k, t) in tokens.tokens[at..at + n].iter().enumerate() {
            if k > 0 {
                folded.push(' ');
            }
            folded.push_str(&t.folded);
        }
        let ids = GAZETTEER.lookup(&folded);
        if ids.is_empty() {
            continue;
        }
        let candidates = filter_candidates(tokens, at, n, word, ids);
        // "huyện Chư Pả": a name the gazetteer does not have ("Chư Păh") may begin with one
        // it has only spelt otherwise ("Chũ"). Matched by its folded form and cut short of
        // its capitalized run, it is that unknown place.
        let cut_short = || {
            tokens
                .tokens
                .get(at + n)
                .is_some_and(|next| next.capital && tokens.gap_after(at + n - 1) == " ")
        };
        let alike = || !cut_short() || spelled_alike(tokens, at, n, &candidates);
        if !candidates.is_empty() && alike() {
            return Some((at + n, candidates));
        }
    }
    // Unknown name: a capitalized run that only continues through capitalized syllables.
    let mut end = at + 1;
    while end < at + run && tokens.tokens[end].capital {
        end += 1;
    }
    Some((end, Vec::new()))
}

/// Whether tokens `at..at + n` spell one of `candidates` with the gazetteer's letters, tones
/// aside ("Đăk Lăk" is "Đắk Lắk"; "Chư" is not "Chũ"), or carry no marks to compare.
fn spelled_alike(tokens: &Tokens, at: usize, n: usize, candidates: &[u32]) -> bool {
    let slice = &tokens.tokens[at..at + n];
    if slice.iter().all(|t| t.exact == t.folded) {
        return true;
    }
    let letters = |s: &str| -> String { s.chars().map(|c| classify(c).base).collect() };
    let exact: Vec<&str> = slice.iter().map(|t| t.exact.as_str()).collect();
    let written = letters(&exact.join(" "));
    let g = &*GAZETTEER;
    candidates
        .iter()
        .any(|&id| letters(&g.place(id).exact) == written)
}

/// Keeps the places of the kinds `word` names (or, if none, of its fallback kinds) and,
/// when the text spells the name with diacritics, those spelled the same way (tone
/// placement aside); a spelling nobody matches falls back to the folded match.
fn filter_candidates(
    tokens: &Tokens,
    at: usize,
    n: usize,
    word: TypeWord,
    ids: &[u32],
) -> Vec<u32> {
    let g = &*GAZETTEER;
    let (kinds, fallback) = word.kinds();
    let of_kinds = |kinds: &[Kind]| -> Vec<u32> {
        ids.iter()
            .copied()
            .filter(|&id| kinds.contains(&g.place(id).kind))
            .collect()
    };
    let mut candidates = of_kinds(kinds);
    if candidates.is_empty() {
        candidates = of_kinds(fallback);
    }
    let slice = &tokens.tokens[at..at + n];
    let typed_with_marks = slice.iter().any(|t| t.exact != t.folded);
    if typed_with_marks {
        let exact: Vec<&str> = slice.iter().map(|t| t.exact.as_str()).collect();
        return g.prefer_spelling(candidates, &exact.join(" "));
    }
    candidates
}

/// Narrows the candidates of places named one after the other, lower tier first, with only
/// separators between them ("phường Bách Quang (TP. Sông Công)", "xã X, huyện Y, tỉnh Z"):
/// a ward must lie in the district or province named next, and the other way round. A pair
/// that no candidate satisfies is left alone (the text may be loose, the data dated).
fn narrow_chains(tokens: &Tokens, mentions: &mut [Mention]) {
    let g = &*GAZETTEER;
    for _ in 0..2 {
        for k in 1..mentions.len() {
            let (left, right) = mentions.split_at_mut(k);
            let (lower, upper) = (&mut left[k - 1], &mut right[0]);
            if !adjacent(tokens, lower.end, upper.start) {
                continue;
            }
            let inside = |a: &Place, b: &Place| contains(b, a);
            let lower_kept: Vec<u32> = lower
                .candidates
                .iter()
                .copied()
                .filter(|&a| {
                    upper
                        .candidates
                        .iter()
                        .any(|&b| inside(g.place(a), g.place(b)))
                })
                .collect();
            let upper_kept: Vec<u32> = upper
                .candidates
                .iter()
                .copied()
                .filter(|&b| {
                    lower
                        .candidates
                        .iter()
                        .any(|&a| inside(g.place(a), g.place(b)))
                })
                .collect();
            if !lower_kept.is_empty() && !upper_kept.is_empty() {
                lower.narrowed |= lower_kept.len() < lower.candidates.len();
                upper.narrowed |= upper_kept.len() < upper.candidates.len();
                lower.candidates = lower_kept;
                upper.candidates = upper_kept;
            } else if placed_elsewhere(&lower.candidates, &upper.candidates) {
                // "xã Anh Dũng, huyện Kiến Thụy, thành phố Hải Phòng": the text puts the
                // commune in Hải Phòng; the gazetteer's only Anh Dũng commune is elsewhere
                // (renamed or merged since). The commune is then a place it does not know.
                lower.candidates.clear();
            }
        }
    }
}

/// Whether every place `lower` may be lies outside the one province of `upper`, a higher
/// tier: the text names the unit above and the gazetteer has the name only elsewhere.
fn placed_elsewhere(lower: &[u32], upper: &[u32]) -> bool {
    let g = &*GAZETTEER;
    let Some(&first) = upper.first() else {
        return false;
    };
    let province = g.place(first).new_province;
    let one_province = upper.iter().all(|&b| g.place(b).new_province == province);
    let lowest_above = upper.iter().map(|&b| g.place(b).kind.tier()).min();
    !lower.is_empty()
        && one_province
        && lower.iter().all(|&a| {
            let a = g.place(a);
            a.new_province != province && lowest_above.is_some_and(|t| t > a.kind.tier())
        })
}

/// Whether `outer` contains `inner` (a ward in its district or province, a district in its
/// province).
fn contains(outer: &Place, inner: &Place) -> bool {
    if outer.kind.tier() <= inner.kind.tier() {
        return false;
    }
    match outer.kind.tier() {
        Tier::District => inner.district.is_some_and(|d| u32::from(d) == outer.code),
        Tier::Province => match outer.structure {
            Structure::Old => {
                inner.old_province.is_some() && inner.old_province == outer.old_province
            }
            Structure::New => inner.new_province == outer.new_province,
        },
        Tier::Ward => false,
    }
}

/// Whether mention tokens `end` and `start` are next to each other with only separators
/// (commas, brackets, dashes, spaces) or the word "thuộc" between.
pub fn adjacent(tokens: &Tokens, end: usize, start: usize) -> bool {
    let separators =
        |s: &str| s.len() <= 4 && s.chars().all(|c| matches!(c, ' ' | ',' | '(' | '-'));
    match start.checked_sub(end) {
        Some(0) => end > 0 && separators(tokens.gap_after(end - 1)),
        Some(1) => {
            tokens.tokens[end].is("thuộc")
                && separators(tokens.gap_after(end - 1))
                && separators(tokens.gap_after(end))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Vec<(String, Vec<String>)> {
        let tokens = Tokens::new(text, Zone::Body, (0, 0));
        let g = &*GAZETTEER;
        mentions(&tokens)
            .iter()
            .map(|m| {
                let provinces = m
                    .new_provinces()
                    .iter()
                    .filter_map(|&c| g.new_province(c))
                    .map(|p| p.name.to_string())
                    .collect();
                (tokens.span_text(m.start, m.end).to_string(), provinces)
            })
            .collect()
    }

    /// Mentions each in one province, as `scan` prints them.
    fn s(v: &[(&str, &str)]) -> Vec<(String, Vec<String>)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), vec![b.to_string()]))
            .collect()
    }

    fn one(text: &str) -> Vec<String> {
        let found = scan(text);
        assert_eq!(found.len(), 1, "{found:?}");
        found.into_iter().next().map(|(_, p)| p).unwrap_or_default()
    }

    #[test]
    fn a_province_s_bare_name_closes_a_chain_after_a_place_it_contains() {
        assert_eq!(
            scan("tại THPT Trị An (huyện Vĩnh Cửu, Đồng Nai) vào chiều 1/12"),
            s(&[("huyện Vĩnh Cửu", "Đồng Nai"), ("Đồng Nai", "Đồng Nai")])
        );
        assert_eq!(
            scan("làng Long Sơn, thị xã Tam Kỳ (Quảng Nam) thiếu nước"),
            s(&[("thị xã Tam Kỳ", "Đà Nẵng"), ("Quảng Nam", "Đà Nẵng")])
        );
        // A province that does not contain the place, or a bare name after a person, is
        // no chain.
        assert_eq!(
            scan("huyện Vĩnh Cửu, Bình Phước"),
            s(&[("huyện Vĩnh Cửu", "Đồng Nai")])
        );
        assert_eq!(scan("ông Nguyễn Văn A (Bình Phước) cho biết"), []);
    }

    #[test]
    fn an_untyped_district_between_a_place_and_its_province_narrows_the_place() {
        // "xã An Ninh Đông" alone is in two provinces.
        assert_eq!(scan("xã An Ninh Đông").len(), 1);
        assert!(scan("xã An Ninh Đông")[0].1.len() > 1);
        assert_eq!(
            scan("Chủ tịch xã An Ninh Đông (Tuy An, Phú Yên), ông Long"),
            s(&[("xã An Ninh Đông", "Đắk Lắk"), ("Phú Yên", "Đắk Lắk")])
        );
        // A district not in that province, or no bracket closing the chain, proves nothing.
        assert_eq!(
            scan("xã An Ninh Đông (Tuy An, Bình Phước)")[0].1.len(),
            scan("xã An Ninh Đông")[0].1.len()
        );
        assert_eq!(
            scan("xã An Ninh Đông (Tuy An, Phú Yên và Bình Định)")[0]
                .1
                .len(),
            scan("xã An Ninh Đông")[0].1.len()
        );
    }

    #[test]
    fn an_untyped_place_with_its_province_in_the_lead_is_read_as_one_mention() {
        let lead = |text: &str| -> Vec<String> {
            let tokens = Tokens::new(text, Zone::Body, (0, text.len()));
            let g = &*GAZETTEER;
            mentions(&tokens)
                .iter()
                .map(|m| {
                    let p: Vec<String> = m
                        .new_provinces()
                        .iter()
                        .filter_map(|&c| g.new_province(c))
                        .map(|p| p.name.to_string())
                        .collect();
                    format!("{}: {}", tokens.span_text(m.start, m.end), p.join("/"))
                })
                .collect()
        };
        assert_eq!(
            lead("Tối 26/3, tại Chùa Cầu - Hội An (Quảng Nam), Thời Báo đã trao giải."),
            ["Hội An (Quảng Nam: Đà Nẵng"]
        );
        // A typed chain votes once, through its typed place.
        assert_eq!(
            lead("tại xã Thuận Hóa, Tuyên Hóa, Quảng Bình đã xảy ra sụt lún"),
            ["xã Thuận Hóa: Quảng Trị"]
        );
        // A person, or a place the province does not hold: nothing.
        assert_eq!(
            lead("ông Nguyễn Văn Hòa (Bình Phước) cho biết"),
            Vec::<String>::new()
        );
        assert_eq!(
            lead("tại Hội An (Bình Phước) hôm qua"),
            Vec::<String>::new()
        );
        // In the body it is no evidence: roundups list places this way.
        assert_eq!(scan("tại Chùa Cầu - Hội An (Quảng Nam), hôm qua"), []);
    }

    #[test]
    fn the_older_tinh_dang_bo_is_a_province_s_committee() {
        let tokens = Tokens::new(
            "Đại hội tỉnh Đảng bộ Bến Tre lần thứ VIII",
            Zone::Body,
            (0, 0),
        );
        let found = mentions(&tokens);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].form, Form::Committee);
        assert_eq!(
            tokens.span_text(found[0].start, found[0].end),
            "tỉnh Đảng bộ Bến Tre"
        );
        assert_eq!(
            one("Đại hội tỉnh Đảng bộ Bến Tre lần thứ VIII"),
            ["Vĩnh Long"]
        );
    }

    #[test]
    fn type_words_and_names() {
        assert_eq!(
            scan("Đảng bộ phường Bách Quang (TP. Sông Công) tổ chức"),
            [
                (
                    "phường Bách Quang".to_string(),
                    vec!["Thái Nguyên".to_string()]
                ),
                ("TP. Sông Công".to_string(), vec!["Thái Nguyên".to_string()])
            ]
        );
        assert_eq!(one("Ban Thường vụ Tỉnh ủy Lạng Sơn"), ["Lạng Sơn"]);
        assert_eq!(one("Ban Thường vụ Tỉnh uỷ Lạng Sơn"), ["Lạng Sơn"]);
        assert_eq!(one("UBND tỉnh Bắc Kạn"), ["Thái Nguyên"]);
        assert_eq!(one("Tp Sông Công"), ["Thái Nguyên"]);
        assert_eq!(one("TP Sông Công"), ["Thái Nguyên"]);
        assert_eq!(one("thành phố Sông Công"), ["Thái Nguyên"]);
        assert_eq!(one("Thành ủy Sông Công"), ["Thái Nguyên"]);
        assert_eq!(one("tinh Bac Kan"), ["Thái Nguyên"]);
    }

    #[test]
    fn a_huyen_or_thi_xa_may_since_have_risen() {
        // Huế's huyện Phong Điền is a thị xã since 2025; Cần Thơ's is still a huyện.
        let mut both = one("huyện Phong Điền");
        both.sort();
        assert_eq!(both, ["Cần Thơ", "Huế"]);
        assert_eq!(
            scan("huyện Phong Điền, Thừa Thiên Huế")[0],
            ("huyện Phong Điền".to_string(), vec!["Huế".to_string()])
        );
        // A name only one province has keeps its province, whatever it has become.
        assert_eq!(one("thị xã Đồ Sơn"), ["Hải Phòng"]);
    }

    #[test]
    fn tone_placement_and_missing_marks() {
        for text in [
            "tỉnh Hoà Bình",
            "tỉnh Hòa Bình",
            "tinh Hoa Binh",
            "TỈNH HÒA BÌNH",
        ] {
            assert_eq!(one(text), ["Phú Thọ"], "{text}");
        }
    }

    #[test]
    fn lower_case_words_are_no_names() {
        assert!(scan("xã hội, thành phố văn minh, tỉnh ủy viên").is_empty());
        assert!(scan("Bí thư Thành ủy Dương Tất Thắng")[0].1.is_empty());
    }

    #[test]
    fn shared_names_stay_ambiguous_until_a_neighbour_decides() {
        assert!(one("phường Quang Trung").len() > 5);
        assert_eq!(
            scan("phường Chi Lăng, thành phố Lạng Sơn"),
            [
                ("phường Chi Lăng".to_string(), vec!["Lạng Sơn".to_string()]),
                (
                    "thành phố Lạng Sơn".to_string(),
                    vec!["Lạng Sơn".to_string()]
                )
            ]
        );
        // Not adjacent: no narrowing.
        let found = scan("phường Chi Lăng. Ở thành phố Lạng Sơn");
        assert!(found[0].1.len() > 1);
    }
}
