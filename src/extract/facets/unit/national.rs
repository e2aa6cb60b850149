//! The national Party: its congress, and its central bodies named with their term.

use super::{Anchor, UnitType};
use crate::extract::facets::scan::{Tokens, Zone};
use crate::extract::facets::term::{latest_national_congress, parse_number, parse_roman};

/// "Trung ương" as the press writes it: "Trung ương", "TƯ", "T.Ư", "T.W"; the end of it.
fn central_word_at(tokens: &Tokens, k: usize) -> Option<usize> {
    if tokens.phrase_at(k, &["trung", "ương"]) {
        return Some(k + 2);
    }
    let t = tokens.tokens.get(k)?;
    if t.exact == "tư" && t.capital {
        return Some(k + 1);
    }
    let abbreviated = t.exact == "t"
        && tokens.gap_after(k) == "."
        && tokens
            .tokens
            .get(k + 1)
            .is_some_and(|u| u.exact == "ư" || u.exact == "w");
    abbreviated.then_some(k + 2)
}

/// The Party's central bodies by name, from token `i`: the Central Committee ("Ban Chấp
/// hành Trung ương", "BCH T.Ư", "BCHTƯ"), its members ("Ủy viên Trung ương"), the
/// Politburo, the Secretariat, and "Trung ương" alone. Returns the end of the name, "Đảng"
/// included.
fn central_body_at(tokens: &Tokens, i: usize) -> Option<usize> {
    let t = tokens.tokens.get(i)?;
    // Every token of a title and lead comes through here: the first syllable settles most.
    let end = match t.folded.as_str() {
        "bchtu" | "bchtw" if t.is("bchtư") || t.folded == "bchtw" => Some(i + 1),
        "bo" if tokens.phrase_at(i, &["bộ", "chính", "trị"]) => Some(i + 3),
        "ban" if tokens.phrase_at(i, &["ban", "bí", "thư"]) => Some(i + 3),
        "ban" if tokens.phrase_at(i, &["ban", "chấp", "hành"]) => central_word_at(tokens, i + 3),
        "bch" => central_word_at(tokens, i + 1),
        "uy" if tokens.phrase_at(i, &["ủy", "viên"]) => central_word_at(tokens, i + 2),
        // "ứng cử vào Trung ương khóa XII"
        "trung" | "tu" | "t" => central_word_at(tokens, i),
        _ => None,
    }?;
    Some(past_party_word(tokens, end))
}

/// `end`, or past the "Đảng" that may close a central body's name there ("Ban Chấp hành
/// Trung ương Đảng").
fn past_party_word(tokens: &Tokens, end: usize) -> usize {
    match tokens.tokens.get(end) {
        Some(t) if t.is("đảng") => end + 1,
        _ => end,
    }
}

/// "Ban Chấp hành Trung ương khóa X", "Ủy viên T.Ư Đảng khóa X", "Bộ Chính trị khóa X": a
/// central body of the Party with its term's number; the end of the phrase and the number.
/// Another body's term ("Ban Chấp hành Trung ương Đoàn khóa VIII") is not matched: its name
/// stands between the body and "khóa".
pub(crate) fn central_body_term_at(tokens: &Tokens, i: usize) -> Option<(usize, u32)> {
    let mut end = central_body_at(tokens, i)?;
    // A plenum's number between ("Hội nghị Trung ương 8 khóa XIII", "… lần thứ 8 khóa
    // XIII"): still the committee's term.
    if i >= 2 && tokens.phrase_at(i - 2, &["hội", "nghị"]) {
        end = after_plenum_number(tokens, end);
    }
    // Its abbreviation in brackets between: "Ban Chấp hành Trung ương (BCHTƯ) khóa X".
    let abbreviation = tokens.tokens.get(end).is_some_and(|t| {
        let raw = tokens.text.get(t.from..t.to).unwrap_or("");
        raw.chars().count() <= 8 && raw.chars().all(|c| c.is_uppercase() || c == '.')
    });
    let bracketed = abbreviation
        && tokens.gap_after(end - 1).trim() == "("
        && tokens.gap_after(end).trim() == ")";
    if bracketed {
        end += 1;
    }
    // "khóa X" right after the name, or in brackets: "BCH Trung ương (khóa X)".
    let gap = tokens.gap_after(end - 1).trim();
    let khoa = tokens.tokens.get(end).is_some_and(|t| t.is("khóa"));
    if !khoa || !(gap.is_empty() || gap == "(" || (bracketed && gap == ")")) {
        return None;
    }
    // "khóa X", also "khoá 11" in Arabic digits.
    let numeral = tokens.tokens.get(end + 1)?;
    let n = parse_number(tokens, numeral).filter(|&n| n <= latest_national_congress() + 1)?;
    Some((end + 2, n))
}

/// The end of a plenum's number at `k` ("8", "lần thứ 8", "lần 8"), else `k`.
fn after_plenum_number(tokens: &Tokens, k: usize) -> usize {
    let mut at = k;
    if tokens.phrase_at(at, &["lần", "thứ"]) {
        at += 2;
    } else if tokens.phrase_at(at, &["lần"]) {
        at += 1;
    }
    let number = tokens.tokens.get(at).is_some_and(|t| {
        let raw = tokens.text.get(t.from..t.to).unwrap_or("");
        (raw.len() <= 2 && raw.bytes().all(|b| b.is_ascii_digit())) || parse_roman(raw).is_some()
    });
    let plain_gap = at == k || tokens.gap_after(at - 1).trim().is_empty();
    if number && plain_gap && tokens.gap_after(k - 1).trim().is_empty() {
        at + 1
    } else {
        k
    }
}

/// The national Party: "Đại hội Đảng toàn quốc", "Đại hội đại biểu toàn quốc lần thứ X của
/// Đảng", "Đại hội X (của Đảng)", "Đại hội Đảng" on its own, "Ban Chấp hành Trung ương",
/// "Hội nghị Trung ương", "Bộ Chính trị".
pub(super) fn national_at(tokens: &Tokens, i: usize, bare_numbers: bool) -> Option<Anchor> {
    // In a title the congress named is the subject; in a lead it must be seen holding the
    // event (see `holds_event`), since leads mention it in passing.
    let in_title = tokens.tokens[i].zone == Zone::Title;
    let anchor = |end: usize, rule| Anchor {
        unit_type: UnitType::National,
        name: None,
        start: i,
        end,
        attached: in_title && !serves_the_congress(tokens, i),
        office: false,
        only_at_work: false,
        rule,
    };
    if let Some(a) = central_committee_at(tokens, i, in_title, &anchor) {
        return (!another_party_at(tokens, a.end)).then_some(a);
    }
    if let Some(end) = general_secretary_elected_at(tokens, i) {
        let mut a = anchor(end, "national-general-secretary-elected");
        a.attached = true;
        return Some(a);
    }
    if let Some(end) = central_body_issues_at(tokens, i) {
        let mut a = anchor(end, "national-central-body-issues");
        a.attached = true;
        return Some(a);
    }
    if !tokens.phrase_at(i, &["đại", "hội"]) || (in_title && celebrates_the_congress(tokens, i))
    {
        return None;
    }
    congress_at(tokens, i, bare_numbers, &anchor)
}

/// "ông Nông Đức Mạnh được bầu lại làm Tổng Bí thư", "vừa tái đắc cử chức vụ Tổng bí thư":
/// the Central Committee electing its General Secretary; the end of the post. Not another
/// party's ("… Tổng Bí thư Ban Chấp hành Trung ương Đảng Cộng sản Trung Quốc").
fn general_secretary_elected_at(tokens: &Tokens, i: usize) -> Option<usize> {
    if tokens.tokens[i].folded != "tong" || !tokens.phrase_at(i, &["tổng", "bí", "thư"]) {
        return None;
    }
    let elected = (i.saturating_sub(5)..i).any(|k| {
        (tokens.tokens[k].is("bầu") || tokens.phrase_at(k, &["đắc", "cử"]))
            && !(k..i).any(|j| tokens.sentence_break_after(j))
    });
    let end = i + 3;
    let clause = (end..(end + 12).min(tokens.len()))
        .take_while(|&k| k == end || !tokens.sentence_break_after(k - 1));
    let foreign = clause.clone().any(|k| another_party_at(tokens, k));
    (elected && !foreign).then_some(end)
}

/// "Nghị quyết của Bộ Chính trị về bảo vệ môi trường vừa ban hành": the Politburo, the
/// Secretariat or the Central Committee issuing a text, reported as news; the end of the
/// body's name. A resolution only cited ("thực hiện Nghị quyết 08 của Bộ Chính trị") is
/// not this.
fn central_body_issues_at(tokens: &Tokens, i: usize) -> Option<usize> {
    if !["bo", "ban", "bch", "bchtu"].contains(&tokens.tokens[i].folded.as_str()) {
        return None;
    }
    let end = central_body_at(tokens, i)?;
    const ISSUED: &[&[&str]] = &[
        &["vừa", "ban", "hành"],
        &["mới", "ban", "hành"],
        &["vừa", "ra"],
        &["vừa", "ký"],
    ];
    let clause = || {
        (end..(end + 30).min(tokens.len()))
            .take_while(|&k| k == end || !tokens.sentence_break_after(k - 1))
    };
    let issues = clause()
        .take(8)
        .any(|k| ISSUED.iter().any(|p| tokens.phrase_at(k, p)));
    // A decision disciplining someone is about the one disciplined ("Ban Bí thư vừa ra quyết
    // định kỷ luật … Ban cán sự Đảng tỉnh"): that unit, or none, is the article's.
    let disciplines = || {
        clause().any(|k| {
            super::news::DISCIPLINE
                .iter()
                .any(|p| tokens.phrase_at(k, p))
        })
    };
    (issues && !disciplines() && !another_party_at(tokens, end)).then_some(end)
}

/// "Chủ tịch BCH T.Ư Đảng Nhân dân Cách mạng Lào", "Đảng nhân dân CM Lào", "Đảng Cộng sản
/// Trung Quốc": another party than ours named right after a "Đảng" at or before token
/// `at`. Ours
/// is "Đảng" alone or "Đảng Cộng sản Việt Nam"; "Đảng, nhân dân …" lists the Party with the
/// people.
pub(super) fn another_party_at(tokens: &Tokens, at: usize) -> bool {
    let at = if tokens.tokens.get(at).is_some_and(|t| t.is("đảng")) {
        at + 1
    } else {
        at
    };
    let after_party = at > 0 && tokens.tokens[at - 1].is("đảng");
    if !after_party || !tokens.gap_after(at - 1).trim().is_empty() {
        return false;
    }
    let ours = tokens.phrase_at(at + 2, &["việt", "nam"]) || tokens.phrase_at(at + 2, &["vn"]);
    tokens.phrase_at(at, &["nhân", "dân"])
        || (tokens.phrase_at(at, &["cộng", "sản"]) && !ours)
        || other_party_name_at(tokens, at)
}

/// A party's own name right after "Đảng" ("Đảng Dân chủ Singapore", "Đảng Lao động Anh"):
/// a capitalized word that is neither ours ("Đảng Cộng sản Việt Nam", "Đảng CSVN", "Đảng
/// Lao động Việt Nam") nor a word of our Party's own phrases in capitals ("Đảng Bộ", "Đại
/// hội Đảng Toàn quốc", "Đại hội Đảng XIII", "ĐẢNG ỦY").
fn other_party_name_at(tokens: &Tokens, at: usize) -> bool {
    const OURS: &[&[&str]] = &[
        &["cộng", "sản"],
        &["csvn"],
        &["lao", "động", "việt", "nam"],
        &["bộ"],
        &["ủy"],
        &["đoàn"],
        &["viên"],
        &["toàn"],
        &["lần"],
        &["khóa"],
        &["ta"],
        &["và"],
        // A caption running on after the title ("… ngày thành lập Đảng Đồng chí Nguyễn Phú
        // Trọng, Bí thư Thành ủy …", "… Đảng Bà Ngô Thị Huệ …").
        &["đồng", "chí"],
        &["ông"],
        &["bà"],
    ];
    let Some(t) = tokens.tokens.get(at) else {
        return false;
    };
    let raw = tokens.text.get(t.from..t.to).unwrap_or("");
    let number = parse_roman(raw).is_some() || raw.bytes().all(|b| b.is_ascii_digit());
    t.capital && !number && !OURS.iter().any(|p| tokens.phrase_at(at, p))
}

/// Whether the congress at `i` is only celebrated, served or prepared for ("chào mừng Đại
/// hội X", "phục vụ Đại hội Đảng", "văn kiện trình Đại hội"): then an organization named
/// beside it may be the one acting. Asked only once a congress is found: every token of an
/// article comes through `national_at`.
fn serves_the_congress(tokens: &Tokens, i: usize) -> bool {
    const FOR_THE_CONGRESS: &[&[&str]] = &[
        &["chào", "mừng"],
        &["mừng"],
        &["phục", "vụ"],
        &["thành", "công"],
        &["hướng", "tới"],
        &["tiến", "tới"],
        &["trình"],
        &["văn", "kiện"],
        &["nghị", "quyết"],
        &["tuyên", "truyền"],
        &["dịp"],
    ];
    (i.saturating_sub(3)..i).any(|k| {
        FOR_THE_CONGRESS
            .iter()
            .any(|p| tokens.phrase_at(k, p) && k + p.len() <= i)
    })
}

/// "chào mừng Đại hội X", "mừng thành công Đại hội", "tuyên truyền Đại hội": a celebration
/// or a campaign for it, not the congress.
fn celebrates_the_congress(tokens: &Tokens, i: usize) -> bool {
    const CELEBRATES: &[&[&str]] = &[
        &["chào", "mừng"],
        &["mừng"],
        &["thành", "công"],
        &["tuyên", "truyền"],
    ];
    (i.saturating_sub(4)..i).any(|k| {
        CELEBRATES
            .iter()
            .any(|p| tokens.phrase_at(k, p) && k + p.len() <= i)
    })
}

/// The Party's central bodies at `i`: one with its term, "BCHTƯ" in a title, the congress's
/// press centre, the Central Committee and its plenums.
fn central_committee_at(
    tokens: &Tokens,
    i: usize,
    in_title: bool,
    anchor: &dyn Fn(usize, &'static str) -> Anchor,
) -> Option<Anchor> {
    // A central body with its term ("BCH T.Ư khóa X", "Ủy viên Trung ương khóa X"): in a
    // title, what the article is about (its election, its members, its decisions).
    if let Some((end, _)) = central_body_term_at(tokens, i) {
        let mut a = anchor(end, "national-central-body-term");
        // In a lead, a resolution cited ("Chương trình hành động của Chính phủ thực hiện
        // nghị quyết hội nghị lần 9 Ban chấp hành T.Ư Đảng khóa IX") is the basis of
        // another's work, not the committee at work.
        a.attached = in_title || !resolution_before(tokens, i);
        return Some(a);
    }
    // "BCHTƯ" in a title, and the congress's press centre: the national Party at work.
    let press_centre = tokens.tokens[i].folded == "trung"
        && tokens.phrase_at(i, &["trung", "tâm", "báo", "chí", "đại", "hội"]);
    let bchtu = in_title && tokens.tokens[i].is("bchtư");
    if press_centre || bchtu {
        let len = if press_centre { 6 } else { 1 };
        let mut a = anchor(i + len, "national-central-committee");
        a.attached = true;
        return Some(a);
    }
    // "tại trụ sở Trung ương Đảng, Tổng Bí thư tiếp …": the Party's seat, where its leaders
    // receive for the Party.
    if in_title && tokens.tokens[i].is("trụ") && tokens.phrase_at(i, &["trụ", "sở"]) {
        let end = central_word_at(tokens, i + 2)
            .filter(|&e| tokens.tokens.get(e).is_some_and(|t| t.is("đảng")))?;
        // The receiver's posts may stand between ("đồng chí Phan Diễn, Ủy viên Bộ Chính trị -
        // Thường trực Ban Bí thư, đã tiếp …"): up to the end of the sentence.
        let receives = (end + 1..(end + 24).min(tokens.len()))
            .take_while(|&k| !tokens.sentence_break_after(k - 1))
            .any(|k| tokens.tokens[k].is("tiếp") && !tokens.phrase_at(k, &["tiếp", "tục"]));
        return receives.then(|| anchor(end + 1, "national-party-seat"));
    }
    if let Some(end) = central_commission_at(tokens, i) {
        let mut a = anchor(end, "national-central-commission");
        a.attached = false;
        a.only_at_work = true;
        return Some(a);
    }
    // A central body named in a title without its term ("Kỷ luật 4 ủy viên trung ương
    // Đảng", "Bộ Chính trị họp"): what the article is about, unless the title names a unit
    // holding the event, which wins.
    if in_title {
        if let Some(end) = central_body_named_at(tokens, i) {
            let mut a = anchor(end, "national-central-body");
            a.attached = false;
            return Some(a);
        }
    }
    // The Central Committee of the Party (not "Ủy ban Trung ương MTTQ", not "Ban Chấp hành
    // Trung ương Hội"), and its plenums.
    for phrase in [
        &["ban", "chấp", "hành", "trung", "ương", "đảng"][..],
        &["bch", "trung", "ương", "đảng"],
        &["hội", "nghị", "trung", "ương"],
    ] {
        let other = || {
            tokens
                .tokens
                .get(i + phrase.len())
                .is_some_and(|t| OTHER_BODY.iter().any(|w| t.is(w)))
        };
        if tokens.phrase_at(i, phrase) && !other() {
            let mut a = anchor(i + phrase.len(), "national-central-committee");
            a.attached = false;
            return Some(a);
        }
    }
    None
}

/// Whether a resolution, conclusion or directive is named up to six words before token `i`
/// in its clause ("nghị quyết hội nghị lần 9 …", "kết luận của Bộ Chính trị …").
pub(crate) fn resolution_before(tokens: &Tokens, i: usize) -> bool {
    const TEXTS: &[&[&str]] = &[&["nghị", "quyết"], &["kết", "luận"], &["chỉ", "thị"]];
    (i.saturating_sub(6)..i).any(|k| {
        TEXTS
            .iter()
            .any(|p| tokens.phrase_at(k, p) && k + p.len() <= i)
            && !(k..i).any(|j| tokens.sentence_break_after(j))
    })
}

/// "Hội nghị Trung ương Đoàn", "Ban Chấp hành Trung ương Hội", "… Mặt trận", "… Công đoàn":
/// another body's.
const OTHER_BODY: [&str; 5] = ["đoàn", "hội", "mặt", "mttq", "công"];

/// A central body of the Party by a name no other body has, as a title's subject: the
/// Central Committee ("BCH Trung ương", "Ban Chấp hành T.Ư"), its members ("ủy viên Trung
/// ương"), the Politburo, the Secretariat; the end of the name. A bare "Trung ương" is as
/// often another body's.
fn central_body_named_at(tokens: &Tokens, i: usize) -> Option<usize> {
    if matches!(tokens.tokens.get(i)?.folded.as_str(), "trung" | "tu" | "t") {
        return None;
    }
    // A member's title in apposition is a person's office, not the body at work ("Ông X,
    // Ủy viên Bộ Chính trị, dự hội nghị"); the body inside "ủy viên Bộ Chính trị" is read
    // with the title.
    // "(NLĐ)- Ban Bí thư vừa …" is a dateline's dash, not apposition.
    let apposition = i > 0 && {
        let gap = tokens.gap_after(i - 1);
        gap.contains(',') || ((gap.contains('-') || gap.contains('–')) && !gap.contains(')'))
    };
    let inside_member = i >= 2 && tokens.phrase_at(i - 2, &["ủy", "viên"]);
    // "Thường trực Ban Bí thư": a post too.
    let standing = i >= 2
        && tokens.phrase_at(i - 2, &["thường", "trực"])
        && tokens.gap_after(i - 1).trim().is_empty();
    if inside_member || standing {
        return None;
    }
    if let Some(end) = elected_member_at(tokens, i) {
        return Some(end);
    }
    // "Ủy viên T.Ư Đảng, Bộ trưởng …" neither elected nor disciplined: a person's post.
    if tokens.phrase_at(i, &["ủy", "viên"]) {
        return None;
    }
    let end = central_body_at(tokens, i)?;
    // After a comma, a body that goes on to act is the sentence's subject ("Sáng 3-2, tại
    // trụ sở Trung ương Đảng, Bộ Chính trị đã tiếp …"), not a post in apposition.
    if apposition && !acts_at(tokens, end) {
        return None;
    }
    let other = tokens
        .tokens
        .get(end)
        .is_some_and(|t| OTHER_BODY.iter().any(|w| t.is(w)));
    (!other).then_some(end)
}

/// The Central Committee's commissions ("Ủy ban Kiểm tra Trung ương", "Ban Tổ chức Trung
/// ương", "Ban Tuyên giáo T.Ư", "Ban Tư tưởng - Văn hóa TƯ"): organs of the national Party;
/// the end of the name. Not as a person's post ("Trưởng Ban Dân vận Trung ương", "Phó chủ
/// nhiệm Ủy ban Kiểm tra T.Ư", "Ủy viên …", "thường trực …") and not another body's ("Ban Tuyên giáo
/// Trung ương Đoàn").
fn central_commission_at(tokens: &Tokens, i: usize) -> Option<usize> {
    const COMMISSIONS: &[&[&str]] = &[
        &["ủy", "ban", "kiểm", "tra"],
        &["ban", "tổ", "chức"],
        &["ban", "tuyên", "giáo"],
        &["ban", "dân", "vận"],
        &["ban", "đối", "ngoại"],
        &["ban", "kinh", "tế"],
        &["ban", "nội", "chính"],
        &["ban", "khoa", "giáo"],
        &["ban", "tư", "tưởng"],
    ];
    if !matches!(tokens.tokens[i].folded.as_str(), "uy" | "ban") {
        return None;
    }
    let name = COMMISSIONS.iter().find(|p| tokens.phrase_at(i, p))?;
    let mut at = i + name.len();
    // "Ban Tư tưởng - Văn hóa"
    if name[1] == "tư" && tokens.tokens.get(at).is_some_and(|t| t.is("văn")) {
        at += 2;
    }
    let end = central_word_at(tokens, at)?;
    let post = i > 0
        && ["trưởng", "phó", "viên", "nhiệm", "trực", "của"]
            .iter()
            .any(|w| tokens.tokens[i - 1].is(w))
        && !tokens.sentence_break_after(i - 1);
    // As OTHER_BODY, but "Công" only as "Công đoàn": "Ban Tổ chức Trung ương công bố …".
    let other = ["đoàn", "hội", "mặt", "mttq"]
        .iter()
        .any(|w| tokens.phrase_at(end, &[w]))
        || tokens.phrase_at(end, &["công", "đoàn"]);
    if post || other {
        return None;
    }
    Some(past_party_word(tokens, end))
}

/// "Bầu bổ sung Ủy viên Bộ Chính trị", "ứng cử Ủy viên Ban Chấp hành Trung ương": members
/// of a central body elected, nominated or disciplined; the end of the phrase. A member
/// named only as a person's post ("Ủy viên Bộ Chính trị Trương Tấn Sang thăm Cà Mau") is not
/// this.
fn elected_member_at(tokens: &Tokens, i: usize) -> Option<usize> {
    const CHOSEN: &[&[&str]] = &[
        &["bầu"],
        &["ứng", "cử"],
        &["đề", "cử"],
        &["giới", "thiệu"],
        &["kỷ", "luật"],
        &["miễn", "nhiệm"],
    ];
    if !tokens.phrase_at(i, &["ủy", "viên"]) {
        return None;
    }
    let body = i + 2;
    let end = if tokens.phrase_at(body, &["bộ", "chính", "trị"])
        || tokens.phrase_at(body, &["ban", "bí", "thư"])
    {
        body + 3
    } else if tokens.phrase_at(body, &["ban", "chấp", "hành"]) {
        central_word_at(tokens, body + 3)?
    } else if tokens.phrase_at(body, &["bch"]) {
        central_word_at(tokens, body + 1)?
    } else {
        // "ứng cử ủy viên Trung ương Đảng"
        central_word_at(tokens, body)?
    };
    let chosen = (i.saturating_sub(4)..i).any(|k| {
        CHOSEN
            .iter()
            .any(|p| tokens.phrase_at(k, p) && k + p.len() <= i)
            && !(k..i).any(|j| tokens.sentence_break_after(j))
    });
    chosen.then(|| past_party_word(tokens, end))
}

/// Whether the words at `k` tell what a body does: "đã", "vừa", "sẽ", "họp", "ra", "tiếp",
/// "quyết định", "ban hành", "chỉ thị", "yêu cầu", "kết luận", "làm việc".
fn acts_at(tokens: &Tokens, k: usize) -> bool {
    const ACTS: &[&[&str]] = &[
        &["đã"],
        &["vừa"],
        &["sẽ"],
        &["họp"],
        &["ra"],
        &["tiếp"],
        &["quyết", "định"],
        &["ban", "hành"],
        &["chỉ", "thị"],
        &["yêu", "cầu"],
        &["kết", "luận"],
        &["làm", "việc"],
    ];
    k > 0
        && !tokens.sentence_break_after(k - 1)
        && tokens.gap_after(k - 1).trim().is_empty()
        && ACTS.iter().any(|p| tokens.phrase_at(k, p))
}

/// The national congress named from "Đại hội" at `i`.
fn congress_at(
    tokens: &Tokens,
    i: usize,
    bare_numbers: bool,
    anchor: &dyn Fn(usize, &'static str) -> Anchor,
) -> Option<Anchor> {
    let n = tokens.len();
    let at = |k: usize| tokens.tokens.get(k);
    let mut k = i + 2;
    if at(k).is_some_and(|t| t.is("đại")) && at(k + 1).is_some_and(|t| t.is("biểu")) {
        k += 2;
    }
    let party = at(k).is_some_and(|t| t.is("đảng") && !tokens.sentence_break_after(k - 1));
    if party {
        k += 1;
        // "Đại hội Đảng Cộng sản Việt Nam lần thứ X"
        for name in [&["cộng", "sản", "việt", "nam"][..], &["cộng", "sản", "vn"]] {
            if tokens.phrase_at(k, name) {
                k += name.len();
                break;
            }
        }
    }
    let of_party_within = |from: usize| {
        (from..(from + 6).min(n)).any(|j| {
            tokens.phrase_at(j, &["của", "đảng"]) || tokens.phrase_at(j, &["đảng", "cộng", "sản"])
        })
    };
    // "Đại hội (đại biểu) (Đảng) toàn quốc": national when the Party is named.
    if tokens.phrase_at(k, &["toàn", "quốc"]) {
        return (party || of_party_within(k + 2)).then(|| anchor(k + 2, "national-congress"));
    }
    // "Đại hội Đảng lần thứ X", "Đại hội lần thứ X của Đảng", "Đại hội lần thứ X Đảng Cộng
    // sản Việt Nam".
    if at(k).is_some_and(|t| t.is("lần")) {
        let number_at = if tokens.phrase_at(k + 1, &["thứ"]) {
            k + 2
        } else {
            k + 1
        };
        let numbered = at(number_at).is_some_and(|t| t.exact.len() <= 4);
        return (numbered && (party || of_party_within(number_at + 1)))
            .then(|| anchor(number_at + 1, "national-congress"));
    }
    match numbered_congress_is_national(tokens, k, party, bare_numbers) {
        Some(true) => return Some(anchor(k + 1, "national-congress")),
        Some(false) => return None,
        None => {}
    }
    // "Đại hội Đảng" on its own: the national congress, unless a local organization
    // follows ("Đại hội Đảng bộ", "đại hội đảng các cấp", "đại hội đảng điểm cấp cơ sở").
    if party {
        let next = at(k);
        let boundary = next.is_none() || tokens.sentence_break_after(k - 1);
        let local = next.is_some_and(|t| {
            ["bộ", "ủy", "viên", "các", "cấp", "điểm", "cơ", "của"]
                .iter()
                .any(|w| t.is(w))
                || t.capital
        });
        // "Đại hội Đảng khóa tới", "… sắp tới": a congress to come, and no congress is
        // reported (the Politburo preparing one is not the national Party's congress).
        let to_come = (k..(k + 2).min(n)).any(|j| tokens.tokens[j].is("tới"));
        if to_come {
            return None;
        }
        if boundary || !local {
            return Some(anchor(k, "national-congress"));
        }
    }
    None
}

/// "Đại hội X", "Đại hội Đảng XIII", "Đại hội 10 của Đảng", with the number at `k`: whether
/// it is the Party's congress (a number up to the current congress, not followed by another
/// organization's name), or `None` when no such number is there.
fn numbered_congress_is_national(
    tokens: &Tokens,
    k: usize,
    party: bool,
    bare_numbers: bool,
) -> Option<bool> {
    let t = tokens.tokens.get(k)?;
    let raw = tokens.text.get(t.from..t.to).unwrap_or("");
    let number = parse_roman(raw).or_else(|| {
        raw.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| raw.parse().ok())
            .flatten()
    });
    if !number.is_some_and(|n: u32| (1..=latest_national_congress()).contains(&n)) {
        return None;
    }
    let next = tokens.tokens.get(k + 1);
    // Punctuation after the number ends the congress's name ("Đại hội X - Đại hội trẻ").
    let boundary = next.is_none() || !tokens.gap_after(k).trim().is_empty();
    let of_party = tokens.phrase_at(k + 1, &["của", "đảng"]);
    let other_name = next.is_some_and(|t| t.capital) && !boundary;
    let of_other = tokens.phrase_at(k + 1, &["của"]) && !of_party;
    // A bare "Đại hội X" is the Party's only where no other organization's congress is
    // named.
    let bare = bare_numbers && !(other_name || of_other);
    Some(of_party || party || bare)
}

/// "Hội nghị (toàn quốc) kiểm điểm việc thực hiện kết luận Hội nghị Trung ương 4 (khóa IX)",
/// "Hội nghị toàn quốc quán triệt Nghị quyết Trung ương 8": a conference of the whole Party
/// on a Central Committee's resolution, in `zone`. Returns its span and whether it says
/// "toàn quốc". A numbered resolution "của" someone ("Nghị quyết 04 của Ban Chấp hành T.Ư",
/// "Chỉ thị 37 của Ban Bí thư") is not matched: those are what associations review.
pub(super) fn party_wide_review(tokens: &Tokens, zone: Zone) -> Option<(usize, usize, bool)> {
    const REVIEW: &[&[&str]] = &[
        &["kiểm", "điểm"],
        &["sơ", "kết"],
        &["tổng", "kết"],
        &["quán", "triệt"],
        &["triển", "khai"],
        &["học", "tập"],
        &["nghiên", "cứu"],
    ];
    let same_clause = |from: usize, to: usize| !(from..to).any(|j| tokens.sentence_break_after(j));
    tokens
        .head_range()
        .filter(|&i| tokens.tokens[i].zone == zone && tokens.phrase_at(i, &["hội", "nghị"]))
        .find_map(|i| {
            let nationwide = tokens.phrase_at(i + 2, &["toàn", "quốc"]);
            let verb = (i + 2..i + 12).find(|&k| REVIEW.iter().any(|p| tokens.phrase_at(k, p)))?;
            let act = (verb + 2..verb + 10).find(|&k| {
                tokens.phrase_at(k, &["nghị", "quyết"]) || tokens.phrase_at(k, &["kết", "luận"])
            })?;
            let mut at = act + 2;
            if tokens.phrase_at(at, &["hội", "nghị"]) {
                at += 2;
            }
            let central = central_word_at(tokens, at)?;
            let numbered = tokens.tokens.get(central).is_some_and(|t| {
                let raw = tokens.text.get(t.from..t.to).unwrap_or("");
                (raw.len() <= 2 && raw.bytes().all(|b| b.is_ascii_digit()))
                    || parse_roman(raw).is_some()
            });
            (numbered && same_clause(i, central)).then_some((i, central + 1, nationwide))
        })
}
