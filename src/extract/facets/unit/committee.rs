//! Where a Party unit is named: a post ("Bí thư Huyện ủy Cầu Ngang"), a committee ("Tỉnh
//! ủy Lạng Sơn", "Đảng bộ phường Bách Quang", "Đảng bộ Công ty Liksin"), a cell ("Chi bộ
//! khu 5B"), a place after the event word ("Đại hội đại biểu phường X"); and the unit's
//! level and name, read from the gazetteer.

use super::super::gazetteer::{Kind, Tier, GAZETTEER};
use super::super::places::{is_surname, read_name, type_word_at, Form, TypeWord};
use super::super::scan::Tokens;
use super::super::term::parse_number;
use super::{acts_after, Anchor, UnitType};
use crate::text::phonotactics::is_vietnamese_syllable;

/// Words that end a unit's name ("Chi bộ khu 5B tổ chức ...", "Đảng bộ Khối ... lần thứ").
const NAME_STOPS: &[&str] = &[
    "tổ", "tiến", "lần", "nhiệm", "khóa", "đại", "hội", "đã", "được", "có", "là", "với", "và",
    "trực", "thuộc", "tại", "ra", "xác", "hiện", "đạt", "bầu", "gồm", "họp", "sinh", "năm",
    "trong", "về", "cho", "của", "để", "thực", "triển", "quán", "khai", "bế", "nhằm", "đề", "bị",
    "kiêm", "sẽ",
];

/// The end of a name starting at token `at`: up to `max` tokens, stopping at punctuation,
/// a sentence break or a function word (only after the first token).
fn name_end(tokens: &Tokens, at: usize, max: usize) -> usize {
    let mut end = at;
    while end < tokens.len() && end < at + max {
        let t = &tokens.tokens[end];
        let stop = NAME_STOPS.iter().any(|w| t.is(w)) && !(end == at && t.capital);
        if stop {
            break;
        }
        end += 1;
        let gap = tokens.gap_after(end - 1);
        if !gap.chars().all(|c| c == ' ' || c == '-') || gap.len() > 3 {
            break;
        }
    }
    end
}

/// The end of a sector or agency committee's name from token `at` ("Khối các cơ quan
/// tỉnh", "cơ quan LĐLĐ TPHCM"): as [`name_end`], and once a proper name has begun after
/// the kind of committee (ending before `after_kind`), a lower-case word other than a unit
/// word or the second syllable of a capitalized word ends it ("... LĐLĐ TPHCM tặng bằng
/// khen", but "Bộ Ngoại giao", "Tổng cục Cảnh sát", "Công an Trung ương").
fn committee_name_end(tokens: &Tokens, at: usize, after_kind: usize, max: usize) -> usize {
    let end = name_end(tokens, at, max);
    let mut seen_name = false;
    for k in after_kind.min(end)..end {
        let t = &tokens.tokens[k];
        if t.capital {
            seen_name = true;
        } else if seen_name && !second_syllable_at(tokens, k) && type_word_at(tokens, k).is_none() {
            return k;
        }
    }
    end
}

/// Whether the lower-case token at `k` is the second syllable of a word whose first is
/// capitalized, as Vietnamese writes the words of an agency's name ("Bộ Ngoại giao",
/// "Tổng cục Cảnh sát"). Both must be Vietnamese syllables, so a brand or an acronym
/// ("Liksin", "TPHCM") is a whole word and the verb after it is not taken in; and the
/// capitalized one must open a word, after a lower-case one or an agency's head word, since
/// a place's name capitalizes every syllable ("Công ty Sông Đà phát động").
fn second_syllable_at(tokens: &Tokens, k: usize) -> bool {
    const HEADS: &[&str] = &["bộ", "ban", "sở", "cục", "viện", "khối"];
    let Some(first) = k.checked_sub(1).map(|j| &tokens.tokens[j]) else {
        return false;
    };
    let opens_a_word = k
        .checked_sub(2)
        .map(|j| &tokens.tokens[j])
        .is_some_and(|t| !t.capital || HEADS.iter().any(|h| t.is(h)));
    let raw = |t: &super::super::scan::Token| tokens.text.get(t.from..t.to).unwrap_or("");
    let first_raw = raw(first);
    let acronym = first_raw.chars().filter(|c| c.is_alphabetic()).count() > 1
        && !first_raw.chars().any(char::is_lowercase);
    first.capital
        && !HEADS.iter().any(|h| first.is(h))
        && opens_a_word
        && !acronym
        && tokens.gap_after(k - 1) == " "
        && is_vietnamese_syllable(first_raw)
        && is_vietnamese_syllable(raw(&tokens.tokens[k]))
}

/// "(Phó) Bí thư Huyện ủy Cầu Ngang", "bí thư Đảng ủy xã Cát Thịnh", "bí thư thị trấn Mỹ
/// Phước", "Bí thư chi bộ ấp 3": a Party post, with the unit it leads.
pub(super) fn office_at(tokens: &Tokens, i: usize, municipality: Option<bool>) -> Option<Anchor> {
    if tokens.tokens[i].folded != "bi" || !tokens.phrase_at(i, &["bí", "thư"]) {
        return None;
    }
    let mut at = i + 2;
    let committee = tokens.phrase_at(at, &["đảng", "ủy"]) || tokens.phrase_at(at, &["đảng", "bộ"]);
    if committee {
        at += 2;
    }
    // "Phó bí thư thường trực Huyện ủy X": the standing deputy.
    if tokens.phrase_at(at, &["thường", "trực"]) {
        at += 2;
    }
    at = past_state_post(tokens, at);
    let mut anchor = if tokens.phrase_at(at, &["chi", "bộ"]) {
        cell_at(tokens, at)?
    } else if let Some((word, _, len)) = type_word_at(tokens, at) {
        typed_unit(tokens, at, at, word, len, municipality, "office")?
    } else if committee {
        // "Bí thư Đảng ủy công ty", "Bí thư Đảng ủy Khối …": an agency's or an enterprise's.
        committee_at(tokens, i + 2, municipality)
            .filter(|a| a.unit_type == UnitType::PartyCommitteeOther)?
    } else {
        return None;
    };
    // A post with no name after it ("Bí thư Tỉnh ủy" alone) is still the province's; a
    // lower unit must be named to be told from its neighbours.
    if anchor.name.is_none() && anchor.unit_type != UnitType::Province {
        return None;
    }
    anchor.start = i;
    anchor.office = true;
    anchor.rule = "office";
    Some(anchor)
}

/// "huyện ủy viên", "quận ủy viên", "tỉnh ủy viên", "Đảng ủy viên Đảng bộ Công ty X", "Chi
/// ủy viên Chi bộ X": a member's post, the unit of discipline news about its holder. A
/// district committee's word names no place, so the district is the next place of its rank
/// in the clause ("ông A (huyện ủy viên, giám đốc Trung tâm Y tế huyện Vạn Ninh)", "đình
/// chỉ sinh hoạt quận ủy viên, … chủ tịch UBND Q.Gò Vấp"); without one there is no unit.
pub(super) fn member_post_at(
    tokens: &Tokens,
    i: usize,
    municipality: Option<bool>,
) -> Option<Anchor> {
    // Asked at every token of the title and lead: the first syllable rules most out.
    if !matches!(
        tokens.tokens[i].folded.as_str(),
        "dang" | "chi" | "tinh" | "thanh" | "thi" | "quan" | "huyen"
    ) {
        return None;
    }
    let mut anchor = if tokens.phrase_at(i, &["đảng", "ủy", "viên"]) {
        let mut a = committee_at(tokens, i + 3, municipality)?;
        a.end = a.end.max(i + 3);
        a
    } else if tokens.phrase_at(i, &["chi", "ủy", "viên"]) {
        cell_at(tokens, i + 3)?
    } else {
        let (word, Form::Committee, len) = type_word_at(tokens, i)? else {
            return None;
        };
        if !tokens.phrase_at(i + len, &["viên"]) {
            return None;
        }
        let end = i + len + 1;
        match word {
            TypeWord::Province => Anchor::named(UnitType::Province, None, i, end, "member-post"),
            TypeWord::City if municipality == Some(true) => {
                Anchor::named(UnitType::Province, None, i, end, "member-post")
            }
            TypeWord::City | TypeWord::Town | TypeWord::UrbanDistrict | TypeWord::RuralDistrict => {
                let clause = (end..(end + 14).min(tokens.len()))
                    .take_while(|&k| k == end || !tokens.sentence_break_after(k - 1));
                let place = place_of_level(tokens, clause, UnitType::District, municipality)?;
                Anchor::named(UnitType::District, place.name, i, end, "member-post")
            }
            _ => return None,
        }
    };
    anchor.start = i;
    anchor.office = true;
    anchor.rule = "member-post";
    Some(anchor)
}

/// The first place of `level` named with its type word at a token of `at` ("huyện Vạn
/// Ninh", "quận Gò Vấp"), with its name.
pub(super) fn place_of_level(
    tokens: &Tokens,
    mut at: impl Iterator<Item = usize>,
    level: UnitType,
    municipality: Option<bool>,
) -> Option<Anchor> {
    at.find_map(|k| {
        let (word, Form::Unit, len) = type_word_at(tokens, k)? else {
            return None;
        };
        typed_unit(
            tokens,
            k,
            k,
            word,
            len,
            municipality,
            "officials-of-a-named-unit",
        )
        .filter(|a| a.unit_type == level && a.name.is_some())
    })
}

/// Past the state post one person holds with the Party's, before the unit both lead: "bí
/// thư, chủ tịch phường 28", "Bí thư và chủ tịch xã", "Bí thư đảng ủy, Chủ tịch xã An Ninh
/// Đông", "bí thư kiêm chủ tịch UBND xã".
fn past_state_post(tokens: &Tokens, at: usize) -> usize {
    let joined = (at > 0 && tokens.gap_after(at - 1).trim() == ",")
        || tokens.phrase_at(at, &["và"])
        || tokens.phrase_at(at, &["kiêm"]);
    let chair = if tokens.phrase_at(at, &["chủ", "tịch"]) {
        at
    } else if tokens.phrase_at(at + 1, &["chủ", "tịch"]) && !tokens.phrase_at(at, &["chủ"]) {
        at + 1
    } else {
        return at;
    };
    if !joined || (chair > at && tokens.gap_after(at).trim() != "") {
        return at;
    }
    let mut next = chair + 2;
    if ["ubnd", "hđnd"]
        .iter()
        .any(|w| tokens.tokens.get(next).is_some_and(|t| t.is(w)))
    {
        next += 1;
    }
    if type_word_at(tokens, next).is_some() {
        next
    } else {
        at
    }
}

/// "Chi bộ khu 5B": a cell with its name.
pub(super) fn cell_at(tokens: &Tokens, i: usize) -> Option<Anchor> {
    if !tokens.phrase_at(i, &["chi", "bộ"]) || (i > 0 && tokens.tokens[i - 1].is("các")) {
        return None;
    }
    let end = name_end(tokens, i + 2, 6);
    if end == i + 2 || tokens.phrase_at(i + 2, &["đảng"]) {
        return None; // "chi bộ trực thuộc", "chi bộ đảng": no particular cell
    }
    Some(Anchor::named(
        UnitType::Cell,
        Some(format!("Chi bộ {}", tokens.span_text(i + 2, end))),
        i,
        end,
        "cell",
    ))
}

/// Words after "Đảng bộ" that name a sector, agency, enterprise, army or police committee.
const OTHER_COMMITTEES: &[&[&str]] = &[
    &["khối"],
    &["cơ", "quan"],
    &["các", "cơ", "quan"],
    &["doanh", "nghiệp"],
    &["công", "an"],
    &["quân", "sự"],
    &["quân", "đội"],
    &["quân", "khu"],
    &["quân", "chủng"],
    &["bộ", "đội"],
    &["bộ", "chỉ", "huy"],
    &["bộ", "tư", "lệnh"],
    &["biên", "phòng"],
    &["trường"],
    &["bệnh", "viện"],
    &["tổng", "công", "ty"],
    &["công", "ty"],
    &["tập", "đoàn"],
    &["ngân", "hàng"],
    &["tổng", "cục"],
    &["cục"],
    &["sở"],
    &["bộ"],
    &["ban"],
    &["viện"],
    &["học", "viện"],
    &["đại", "học"],
    &["báo"],
    &["đài"],
    &["văn", "phòng"],
    &["ủy", "ban"],
    &["hội", "đồng"],
    &["kho", "bạc"],
    &["cảng"],
];

/// "Đảng bộ phường Bách Quang", "Đảng ủy xã", "Tỉnh ủy Lạng Sơn", "Đảng bộ Khối các cơ quan
/// tỉnh": a Party committee and its level.
pub(super) fn committee_at(
    tokens: &Tokens,
    i: usize,
    municipality: Option<bool>,
) -> Option<Anchor> {
    if tokens.phrase_at(i, &["đảng", "bộ"]) || tokens.phrase_at(i, &["đảng", "ủy"]) {
        let mut at = i + 2;
        // "Đại hội Đảng bộ lần thứ XIV TP Hà Nội": the congress's number before the name.
        let numbered = ordinal_len(tokens, at);
        if numbered > 0 && type_word_at(tokens, at + numbered).is_some() {
            at += numbered;
        }
        if tokens.tokens.get(at).is_some_and(|t| t.folded == "tphcm") {
            return Some(Anchor::named(
                UnitType::Province,
                Some("thành phố Hồ Chí Minh".to_string()),
                i,
                at + 1,
                "party-committee",
            ));
        }
        if let Some((word, _, len)) = type_word_at(tokens, at) {
            return typed_unit(tokens, i, at, word, len, municipality, "party-committee");
        }
        if let Some(a) = province_committee_at(tokens, i, at) {
            return Some(a);
        }
        // "Đảng ủy, Ban Quản lý, CĐ và Đoàn Thanh niên …": a list of bodies, not one name.
        let listed = !tokens.gap_after(at - 1).trim().is_empty();
        if let Some(kind) = OTHER_COMMITTEES
            .iter()
            .find(|p| !listed && tokens.phrase_at(at, p))
        {
            let end = committee_name_end(tokens, at, at + kind.len(), 8);
            return Some(Anchor::named(
                UnitType::PartyCommitteeOther,
                Some(tokens.span_text(i, end).to_string()),
                i,
                end,
                "party-committee-other",
            ));
        }
        return None;
    }
    let (word, Form::Committee, len) = type_word_at(tokens, i)? else {
        return None;
    };
    // "Bí thư Tỉnh ủy X", "Ủy viên Ban Thường vụ Thành ủy", "Thành ủy viên": a person's
    // office, not the committee acting.
    let office = (i >= 2
        && (tokens.phrase_at(i - 2, &["bí", "thư"]) || tokens.phrase_at(i - 2, &["ủy", "viên"])))
        || (i >= 4 && tokens.phrase_at(i - 4, &["bí", "thư", "thường", "trực"]))
        || (i >= 5 && tokens.phrase_at(i - 5, &["ủy", "viên", "ban", "thường", "vụ"]))
        || (i >= 1 && tokens.tokens[i - 1].is("uvbtv"))
        || tokens.phrase_at(i + len, &["viên"]);
    if office {
        return None;
    }
    let anchor = typed_unit(tokens, i, i, word, len, municipality, "party-committee")?;
    // "Thường vụ Huyện ủy X" is the standing committee when it opens a sentence or acts
    // ("Thường vụ Huyện ủy Hóc Môn nhận khuyết điểm", "Hôm qua, Thường vụ huyện ủy Tân Phú
    // đã họp và quyết định …"); else a member's post ("ông A, thường vụ Tỉnh ủy, …").
    let member = i >= 2
        && tokens.phrase_at(i - 2, &["thường", "vụ"])
        && !(i >= 3 && tokens.tokens[i - 3].is("ban"))
        && !(i == 2 || tokens.sentence_break_after(i - 3))
        && !acts_after(tokens, anchor.end);
    (!member).then_some(anchor)
}

/// "Đảng bộ Lạng Sơn", "Đảng bộ Hà Nội": a province's committee named by the province's
/// bare name (at `at`), which only a province-level place may have.
fn province_committee_at(tokens: &Tokens, i: usize, at: usize) -> Option<Anchor> {
    let g = &*GAZETTEER;
    let (end, candidates) = read_name(tokens, at, TypeWord::Province)?;
    let provinces = candidates
        .iter()
        .all(|&id| g.place(id).kind.tier() == Tier::Province);
    (!candidates.is_empty() && provinces).then(|| {
        Anchor::named(
            UnitType::Province,
            Some(tokens.span_text(i, end).to_string()),
            i,
            end,
            "party-committee",
        )
    })
}

/// The length of "lần thứ XIV" / "lần 8" at token `at`, or 0.
fn ordinal_len(tokens: &Tokens, at: usize) -> usize {
    if !tokens.phrase_at(at, &["lần"]) {
        return 0;
    }
    let number_at = if tokens.phrase_at(at + 1, &["thứ"]) {
        at + 2
    } else {
        at + 1
    };
    match tokens.tokens.get(number_at) {
        Some(t) if parse_number(tokens, t).is_some() => number_at + 1 - at,
        _ => 0,
    }
}

/// The unit a type word and the name after it describe, from token `start` (where the
/// phrase begins) with the type word at `at`. `None` for a city the gazetteer does not
/// know as a district-level one, or none named, in an article whose province is unknown:
/// it may be a province-level city, and a wrong level is worse than none.
fn typed_unit(
    tokens: &Tokens,
    start: usize,
    at: usize,
    word: TypeWord,
    len: usize,
    municipality: Option<bool>,
    rule: &'static str,
) -> Option<Anchor> {
    let mut name_at = at + len;
    // "Huyện ủy huyện Cầu Ngang", "Thành ủy TP Đà Lạt": the type said twice. A capital
    // other than "TP" starts the name ("Thành ủy TPHCM").
    if let Some((again, Form::Unit, again_len)) = type_word_at(tokens, name_at) {
        let repeated = !tokens.tokens[name_at].capital || tokens.tokens[name_at].folded == "tp";
        if again == word && repeated {
            name_at += again_len;
        }
    }
    // Whether the name may be a province-level city: unknown, or the gazetteer has one so
    // named.
    let mut maybe_municipality = true;
    let (end, kind, name) = match read_name(tokens, name_at, word) {
        // A name the gazetteer does not know, starting with a surname, is the post holder's
        // ("Bí thư Thành ủy Nguyễn Minh Triết"): the unit is unnamed.
        Some((_, candidates))
            if candidates.is_empty() && is_surname(&tokens.tokens[name_at].folded) =>
        {
            (name_at, None, None)
        }
        Some((end, candidates)) => {
            let g = &*GAZETTEER;
            maybe_municipality = candidates.is_empty()
                || candidates
                    .iter()
                    .any(|&id| g.place(id).kind == Kind::Municipality);
            let mut kinds = candidates
                .iter()
                .map(|&id| UnitType::of_kind(g.place(id).kind));
            let first = kinds.next();
            let agreed = first.filter(|f| kinds.all(|k| k == *f));
            // The official spelling when the gazetteer knows the name ("TPHCM" → "Hồ Chí
            // Minh", "Bach Quang" → "Bách Quang"), else the text's.
            let official = candidates.first().map(|&id| &g.place(id).name);
            let same = official.filter(|o| candidates.iter().all(|&id| g.place(id).name == **o));
            let spelled = match same {
                Some(o) => o.to_string(),
                None => tokens.span_text(name_at, end).to_string(),
            };
            (end, agreed, Some(format!("{} {spelled}", word.word())))
        }
        None => (name_at, None, None),
    };
    // At the grassroots the written word tells the level when the article was written
    // ("xã Tân Thiện" in 2005, a phường since).
    let written = match word {
        TypeWord::Ward => Some(UnitType::Ward),
        TypeWord::Commune => Some(UnitType::Commune),
        TypeWord::Township => Some(UnitType::Township),
        _ => None,
    };
    let unit_type = match written.or(kind) {
        Some(kind) => kind,
        None => match word {
            TypeWord::Province => UnitType::Province,
            // An unnamed or unknown "thành phố": province-level only in a province-level city.
            TypeWord::City if municipality == Some(true) => UnitType::Province,
            TypeWord::City if municipality.is_none() && maybe_municipality => return None,
            TypeWord::City | TypeWord::Town | TypeWord::UrbanDistrict | TypeWord::RuralDistrict => {
                UnitType::District
            }
            TypeWord::Ward => UnitType::Ward,
            TypeWord::Commune | TypeWord::SpecialZone => UnitType::Commune,
            TypeWord::Township => UnitType::Township,
        },
    };
    Some(Anchor::named(unit_type, name, start, end, rule))
}

/// "Đại hội (đại biểu) phường Bách Quang": a place right after the event word, without
/// "Đảng bộ".
pub(super) fn place_after_event_at(
    tokens: &Tokens,
    i: usize,
    municipality: Option<bool>,
) -> Option<Anchor> {
    if !tokens.phrase_at(i, &["đại", "hội"]) {
        return None;
    }
    let mut at = i + 2;
    while tokens.phrase_at(at, &["đại", "biểu"]) || tokens.phrase_at(at, &["điểm"]) {
        at += if tokens.phrase_at(at, &["điểm"]) {
            1
        } else {
            2
        };
    }
    let (word, Form::Unit, len) = type_word_at(tokens, at)? else {
        return None;
    };
    let mut a = typed_unit(
        tokens,
        i,
        at,
        word,
        len,
        municipality,
        "place-after-congress",
    )?;
    a.name.as_ref()?;
    a.attached = true;
    Some(a)
}
