//! The facets read one by one, made to agree. Each reader sees its own evidence; some
//! answers only hold given another facet: national news has no province, a province's
//! committee settles a province the votes left open, a term counts only for a Party unit,
//! and the national Party's terms run from congress to congress.

use super::scan::{Tokens, Zone};
use super::{resolve_province, term, unit, Evidence, FacetKind, Facets, Source, UnitType};

/// Applies the rules below in order, each to what the ones before left.
pub(super) fn reconcile(
    term_choice: Option<&term::TermChoice>,
    title: &Tokens,
    body: &Tokens,
    facets: &mut Facets,
) {
    drop_province_of_national_news(facets);
    province_of_the_unit(facets);
    drop_term_of_no_party(term_choice, title, facets);
    term_of_the_national_congress_written(term_choice, title, body, facets);
    drop_term_off_the_national_cycle(facets);
    national_term(title, body, facets);
}

/// National news has no province: the national congress, a plenum, the Politburo's list
/// meet in Hà Nội or name members' home provinces, and filing them under those would be
/// wrong. A headline opening with the province ("Hà Nội: Cấm ô tô … phục vụ Đại hội"), the
/// province's own agency in the title or lead ("Công an Hà Nội vừa đưa ra phương án phân
/// luồng phục vụ Đại hội Đảng") and a province given in the input still count: there the
/// province acts.
fn drop_province_of_national_news(facets: &mut Facets) {
    let (Some(province), Some(UnitType::National)) = (&facets.province, facets.unit_type) else {
        return;
    };
    let kept = facets.evidence.iter().any(|e| {
        let agency = e.rule == "agency-of-province"
            && matches!(e.source, Source::Title | Source::Lead)
            && e.note.starts_with(&format!("{province},"));
        e.facet == FacetKind::Province
            && (matches!(e.rule, "input" | "title-opening-name") || agency)
    });
    if kept {
        return;
    }
    let note = format!("province {province} dropped: the unit is national");
    facets.province = None;
    facets.province_old = None;
    facets.evidence.push(rule_evidence(
        FacetKind::Province,
        "province-of-national-news",
        String::new(),
        note,
    ));
}

/// The province whose committee the article reports on, when the votes left the province
/// open: "Chủ tịch tỉnh Hà Tây giữ chức quyền bí thư Tỉnh ủy Lạng Sơn" names two provinces
/// in its title, and the post in question is Lạng Sơn's; "Hội nghị lần 3 Ban chấp hành
/// Đảng bộ TP.HCM" in a lead is one mention, too little on its own. The article's province
/// is where its Party unit is, so a province-level unit named in the text settles it.
fn province_of_the_unit(facets: &mut Facets) {
    let (None, Some(UnitType::Province), Some(name)) =
        (&facets.province, facets.unit_type, &facets.unit_name)
    else {
        return;
    };
    let Some(m) = resolve_province(name) else {
        return;
    };
    let note = format!("province {} of the unit «{name}»", m.province);
    facets.province = Some(m.province);
    facets.province_old = m.province_old;
    facets.evidence.push(rule_evidence(
        FacetKind::Province,
        "province-of-the-unit",
        name.clone(),
        note,
    ));
}

/// Evidence of a rule that overrules what was read, with no span of its own.
fn rule_evidence(facet: FacetKind, rule: &'static str, text: String, note: String) -> Evidence {
    Evidence {
        facet,
        rule,
        source: Source::Rule,
        span: None,
        text,
        note,
    }
}

/// A term read from the text when no Party unit is found counts only if its own clause
/// names the Party: "nhiệm kỳ 2005-2009" of an ambassador, of an association's executive
/// board ("Ban chấp hành nhiệm kỳ 2005-2010") or of a congress not said to be the Party's
/// is someone else's. Nor does a term in an article whose title is about a foreign party
/// ("Trung Quốc có thể sửa điều lệ đảng …": the CPC's "nhiệm kỳ 2017-2022").
fn drop_term_of_no_party(choice: Option<&term::TermChoice>, title: &Tokens, facets: &mut Facets) {
    let Some(choice) = choice else {
        return;
    };
    if facets.unit_type.is_some() {
        return;
    }
    let why = if unit::about_foreign_party(title) {
        "no Party unit found, and the title is about a foreign party"
    } else if !choice.mention.party {
        "no Party unit found, and its clause does not name the Party"
    } else {
        return;
    };
    facets.term = None;
    facets.evidence.push(rule_evidence(
        FacetKind::Term,
        "term-not-the-party-s",
        choice.mention.term.to_string(),
        format!("term {} dropped: {why}", choice.mention.term),
    ));
}

/// A term written for the national congress ("Đại hội Đảng toàn quốc lần X nhiệm kỳ
/// 2006-2010", the five-year plan's years) is that congress's, whatever the unit reporting
/// on it: off the national cycle, the congress's number gives the term (2006-2011).
fn term_of_the_national_congress_written(
    choice: Option<&term::TermChoice>,
    title: &Tokens,
    body: &Tokens,
    facets: &mut Facets,
) {
    let (Some(choice), Some(written)) = (choice, facets.term) else {
        return;
    };
    if written != choice.mention.term || term::is_national_term(written) {
        return;
    }
    let tokens = if choice.mention.zone == Zone::Title {
        title
    } else {
        body
    };
    let Some(n) = term::national_congress_before(tokens, choice.mention.start) else {
        return;
    };
    let Some(term) = term::national_term(n) else {
        return;
    };
    facets.term = Some(term);
    facets.evidence.push(rule_evidence(
        FacetKind::Term,
        "term-of-the-national-congress-written",
        written.to_string(),
        format!("term {term}: {written} is written for national congress {n}, which served {term}"),
    ));
}

/// The national Party's terms run from congress to congress (2006-2011), whatever a text
/// writes ("Ban Chấp hành Trung ương khóa X (nhiệm kỳ 2006-2010)" borrows the five-year
/// plan's years): for a national unit, written years off that cycle are dropped, and the
/// term follows from the committee or congress number, if any ([`national_term`]).
fn drop_term_off_the_national_cycle(facets: &mut Facets) {
    let (Some(term), Some(UnitType::National)) = (facets.term, facets.unit_type) else {
        return;
    };
    if term::is_national_term(term) {
        return;
    }
    facets.term = None;
    facets.evidence.push(rule_evidence(
        FacetKind::Term,
        "term-off-the-national-cycle",
        term.to_string(),
        format!(
            "term {term} dropped: the unit is national, and no Central Committee served {term}"
        ),
    ));
}

/// The term of the national Party follows from a congress number, through the table in
/// `index_schema/national_congresses.tsv` (the Xth: 2006-2011, the XIVth: 2026-2031). Only
/// when no term is written and the unit is the national Party (a province's congress number
/// says nothing of its cycle). The Central Committee's "khóa N" in the title or lead names
/// the term of the committee at work (a plenum preparing the Xth congress is of khóa IX:
/// 2001-2006); without it, the congress number counts only when the title reports the
/// congress itself, not a run-up to it.
fn national_term(title: &Tokens, body: &Tokens, facets: &mut Facets) {
    let (None, Some(UnitType::National)) = (facets.term, facets.unit_type) else {
        return;
    };
    let unit_rule = |rule: &str| {
        facets
            .evidence
            .iter()
            .any(|e| e.facet == FacetKind::Unit && e.rule == rule)
    };
    let reviews_resolution = unit_rule("party-wide-review");
    // The General Secretary is elected by the congress's new committee: its number is the
    // term's, wherever the lead names it ("kết quả nhân sự Đại hội X …, ông Nông Đức Mạnh
    // được bầu lại làm Tổng Bí thư").
    let congress_result = unit_rule("national-general-secretary-elected");
    // The committee a congress elects ("bầu 160 ủy viên chính thức BCH T.Ư khóa X", "ứng cử
    // vào Trung ương khóa XII") is the new term's, named beside the outgoing one that
    // nominated ("174 người do BCH T.Ư khóa IX giới thiệu").
    const ELECTS: &[&[&str]] = &[&["bầu"], &["ứng", "cử"], &["đề", "cử"], &["trúng", "cử"]];
    let elected = |tokens: &Tokens, i: usize| {
        (i.saturating_sub(6)..i).any(|k| {
            ELECTS
                .iter()
                .any(|p| tokens.phrase_at(k, p) && k + p.len() <= i)
                && !(k..i).any(|j| tokens.sentence_break_after(j))
        })
    };
    let committee_in = |tokens: &Tokens, only_elected: bool| {
        // The title's tokens, or the lead's.
        tokens.head_range().find_map(|i| {
            let (_, n) = unit::central_body_term_at(tokens, i)?;
            // A resolution cited ("nghị quyết hội nghị trung ương lần 5 (khóa 8)") names
            // an earlier committee, not the one at work, unless the news is the Party's
            // review of that very resolution.
            let cited = !reviews_resolution && unit::resolution_before(tokens, i);
            (!cited && (!only_elected || elected(tokens, i))).then_some((i, n))
        })
    };
    const RUN_UP: &[&[&str]] = &[
        &["chào", "mừng"],
        &["kế", "hoạch"],
        &["chuẩn", "bị"],
        &["tiến", "tới"],
        &["hướng", "tới"],
        &["triệu", "tập"],
        &["trước", "thềm"],
        // "Hội nghị khẳng định chủ đề Đại hội X": a plenum preparing it.
        &["hội", "nghị"],
    ];
    // A congress the title names, not right after words of its run-up ("chuẩn bị Đại hội
    // X": the committee still at work is the one before).
    let run_up_before = |i: usize| {
        (i.saturating_sub(6)..i).any(|k| {
            RUN_UP
                .iter()
                .any(|words| title.phrase_at(k, words) && k + words.len() <= i)
        })
    };
    let reports_congress =
        (0..title.len()).any(|i| title.phrase_at(i, &["đại", "hội"]) && !run_up_before(i));
    let congress = facets
        .congress_number
        .filter(|_| reports_congress || congress_result);
    let congress_in_title = term::congress_number(title, &[Zone::Title])
        .filter(|m| congress == Some(m.number))
        .map(|m| (m.start, m.number));
    // The title's subject first, whichever it names first: a committee, or the congress it
    // reports ("Gần 1.200 đại biểu dự Đại hội X …, BCH TƯ khóa IX": the Xth's term); then a
    // committee the lead names; then the congress.
    let in_title = match (committee_in(title, false), congress_in_title) {
        (Some((i, n)), Some((j, _))) if i < j => Some((n, "term-of-central-committee")),
        (_, Some((_, n))) => Some((n, "term-of-national-congress")),
        (Some((_, n)), None) => Some((n, "term-of-central-committee")),
        (None, None) => None,
    };
    // The Party reviewing its congress's resolution at mid-term ("Hội nghị Trung ương 9 …
    // kiểm điểm nửa nhiệm kỳ thực hiện Nghị quyết Đại hội IX"): that congress's term.
    let midterm = || {
        term::resolution_in_its_term(title, &[Zone::Title])
            .or_else(|| term::resolution_in_its_term(body, &[Zone::Lead]))
            .map(|m| (m.number, "term-of-resolution-at-mid-term"))
    };
    let found = in_title
        .or_else(|| committee_in(body, true).map(|(_, n)| (n, "term-of-central-committee")))
        .or_else(|| committee_in(body, false).map(|(_, n)| (n, "term-of-central-committee")))
        .or_else(|| congress.map(|n| (n, "term-of-national-congress")))
        .or_else(midterm);
    let Some((n, rule)) = found else {
        return;
    };
    let Some(term) = term::national_term(n) else {
        return;
    };
    facets.term = Some(term);
    facets.evidence.push(Evidence {
        facet: FacetKind::Term,
        rule,
        source: Source::Rule,
        span: None,
        text: format!("{n}"),
        note: format!("term {term}: congress or Central Committee number {n}"),
    });
}
