//! Votes read from a province's or district's bare name, without a type word: opening the
//! title or standing in a headline, and after one of the province's agencies or offices
//! ("Sở Du lịch Bình Thuận", "Công an Hà Nội").

use super::*;

/// "Hà Nội: Cấm ô tô ...", "Quảng Nam có Bí thư Tỉnh ủy mới": a province's bare name
/// opening the title, before a colon or as the subject of its sentence, the convention of
/// news sites for a story from that province.
pub(super) fn title_opening_vote(title: &Tokens, post_reform: bool) -> Option<Vote> {
    let max = 5.min(title.len());
    for n in (1..=max).rev() {
        let gap = title.gap_after(n - 1);
        if gap.trim_start().starts_with(':') {
            return bare_province_vote(title, n, post_reform);
        }
        // The subject: every word of the name capitalized, then a lower-case word ("Long
        // An có …", "Hòa Bình tổ chức …"; not "Hòa bình", not "Thái Bình Dương").
        let one_name = (0..n - 1).all(|k| matches!(title.gap_after(k).trim(), "" | "-"));
        // "Hồ Chí Minh" alone is the President more often than the city; "Đồng Nai và
        // Tiền Giang …" is about two.
        let person = n == 3 && title.phrase_at(0, &["hồ", "chí", "minh"]);
        let subject = gap == " "
            && one_name
            && !person
            && title.tokens[..n].iter().all(|t| t.capital)
            && title
                .tokens
                .get(n)
                .is_some_and(|t| !t.capital && !t.is("và"));
        if let Some(v) = subject
            .then(|| bare_province_vote(title, n, post_reform))
            .flatten()
        {
            return Some(v);
        }
    }
    None
}

/// The vote of the title's first `n` tokens if they are a province's bare name that the
/// gazetteer places in one new province.
fn bare_province_vote(title: &Tokens, n: usize, post_reform: bool) -> Option<Vote> {
    bare_name_vote(
        title,
        0,
        0,
        n,
        "title-opening-name",
        post_reform,
        &[Tier::Province],
    )
    .map(|(_, v)| v)
}

/// Most syllables a title may have to be read as a headline: longer ones are a lead paragraph
/// (Thanh Niên's), which names places in passing.
const HEADLINE_WORDS: usize = 20;

/// A province's or district's bare name in a headline ("Trồng cây xanh cho Đà Lạt",
/// "Chỉnh trang hạ tầng đô thị Hà Nội để đón Tết", "Bảo vệ thương hiệu nước mắm Phú
/// Quốc"): the place the headline is about, worth [`HEADLINE_NAME`], and only for a province
/// the text already votes for. Alone it would count "… tại Hà Nội" of national news and
/// the places of a roundup; as a second witness it settles an article whose lead names its
/// place once. Names of two syllables or more, each capitalized, that the gazetteer places
/// in one new province, a province's name before a district's ("Phú Yên" is also a
/// district of Sơn La) and a district's before a commune's or ward's ("Bến xe Giáp Bát"),
/// which counts only in a headline naming no wider place; not "Hồ Chí Minh" alone, the
/// President or the trail more often than the city. A headline whose names lie in two provinces ("Thông xe quốc lộ 6, đoạn Hoà
/// Bình - Sơn La", "Hà Nội mở tuyến xe buýt liên tỉnh đi Bắc Ninh, Hà Nam") is about both
/// and adds nothing.
pub(super) fn headline_name_vote(
    title: &Tokens,
    mentions: &[Mention],
    votes: &[Vote],
    post_reform: bool,
) -> Option<Vote> {
    if title.len() > HEADLINE_WORDS {
        return None;
    }
    let mut named: Vec<(Tier, Vote)> = Vec::new();
    let mut i = 0;
    while i < title.len() {
        match headline_name_at(title, mentions, i, post_reform) {
            Some((n, tier, vote)) => {
                named.push((tier, vote));
                i += n;
            }
            None => i += 1,
        }
    }
    // A commune's or ward's name counts only in a headline naming no wider place: such
    // names are also people's ("Phước Sang") and companies' ("Dệt Gia Định").
    let wider = named.iter().any(|(tier, _)| *tier != Tier::Ward);
    let mut named: Vec<Vote> = named
        .into_iter()
        .filter(|(tier, _)| !wider || *tier != Tier::Ward)
        .map(|(_, v)| v)
        .collect();
    let place = named.pop()?;
    let in_title = votes.iter().filter(|v| v.source == Source::Title);
    if named.iter().chain(in_title).any(|v| v.new != place.new)
        // The opening name has voted already, as the headline's subject.
        || votes.iter().any(|v| v.rule == "title-opening-name")
        || !votes.iter().any(|v| v.new == place.new)
    {
        return None;
    }
    Some(Vote {
        weight: HEADLINE_NAME,
        ..place
    })
}

/// The bare place name of two to four words starting at token `i` of a headline, with its
/// length and tier.
fn headline_name_at(
    title: &Tokens,
    mentions: &[Mention],
    i: usize,
    post_reform: bool,
) -> Option<(usize, Tier, Vote)> {
    if mentions.iter().any(|m| (m.start..m.end).contains(&i)) {
        return None;
    }
    (2..=4).rev().find_map(|n| {
        let run = title.tokens.get(i..i + n)?;
        let name_like = run
            .iter()
            .all(|t| t.capital && !t.exact.bytes().all(|b| b.is_ascii_digit()))
            && (i..i + n - 1).all(|k| matches!(title.gap_after(k).trim(), "" | "-"))
            && !(n == 3 && title.phrase_at(i, &["hồ", "chí", "minh"]));
        if !name_like {
            return None;
        }
        const WIDEST_FIRST: &[Tier] = &[Tier::Province, Tier::District, Tier::Ward];
        bare_name_vote(title, i, i, n, "headline-name", post_reform, WIDEST_FIRST)
            .map(|(tier, v)| (n, tier, v))
    })
}

/// The vote of tokens `at..at + n` if they are the bare name of a place that the gazetteer
/// places in one new province, read at the first of `tiers` where it does, with that tier;
/// weighted by the zone of token `from`, where the phrase read begins ("Sở Du lịch Bình
/// Thuận" from "Sở").
pub(super) fn bare_name_vote(
    tokens: &Tokens,
    from: usize,
    at: usize,
    n: usize,
    rule: &'static str,
    post_reform: bool,
    tiers: &[Tier],
) -> Option<(Tier, Vote)> {
    let g = &*GAZETTEER;
    let run = tokens.tokens.get(at..at + n)?;
    let folded = tokens.folded_span(at, at + n);
    let candidates = g.lookup(&folded);
    let (tier, ids) = tiers.iter().find_map(|&tier| {
        let ids: Vec<u32> = candidates
            .iter()
            .copied()
            .filter(|&id| g.place(id).kind.tier() == tier)
            .collect();
        let new = g.place(*ids.first()?).new_province;
        ids.iter()
            .all(|&id| g.place(id).new_province == new)
            .then_some((tier, ids))
    })?;
    let new = g.place(ids[0]).new_province;
    let old = ids.iter().find_map(|&id| g.place(id).old_province);
    let shared = old.is_some_and(|o| g.same_name(o, new));
    let start = &tokens.tokens[from];
    let vote = Vote {
        new,
        old: old.filter(|_| !(post_reform && shared)),
        weight: zone_weight(start.zone),
        source: source_of(start.zone),
        rule,
        span: Some((start.from, run[n - 1].to)),
        text: tokens.span_text(from, at + n).to_string(),
        folded,
    };
    Some((tier, vote))
}

/// A province's offices named by the province's bare name right after them: its police,
/// customs, tax and statistics offices, forest rangers, inspectors, prosecutors and courts,
/// its military command and border guard, treasury, social insurance and labour federation
/// ("Công an Hà Nội", "Cục Hải quan Lạng Sơn", "Kiểm lâm Hải Phòng", "Viện Kiểm sát Bình
/// Thuận"). Not the companies named after a province ("Bưu điện Hà Nội" is also a volleyball
/// team, "Điện lực" a football club), nor its hospitals, whose patients come from elsewhere.
pub(in crate::extract::facets) const OFFICES: &[&[&str]] = &[
    &["công", "an"],
    &["cục", "thuế"],
    &["cục", "hải", "quan"],
    &["hải", "quan"],
    &["cục", "thống", "kê"],
    &["kiểm", "lâm"],
    &["thanh", "tra"],
    &["viện", "kiểm", "sát", "nhân", "dân"],
    &["viện", "kiểm", "sát"],
    &["tòa", "án", "nhân", "dân"],
    &["bộ", "chỉ", "huy", "quân", "sự"],
    &["bộ", "đội", "biên", "phòng"],
    &["kho", "bạc", "nhà", "nước"],
    &["kho", "bạc"],
    &["bảo", "hiểm", "xã", "hội"],
    &["liên", "đoàn", "lao", "động"],
    &["cảnh", "sát", "phòng", "cháy"],
];

/// The length of the office in [`OFFICES`] named at token `i`. Every capitalized token of
/// every article asks: the first word's folded form settles most without a phrase match.
pub(in crate::extract::facets) fn office_at(tokens: &Tokens, i: usize) -> Option<usize> {
    let t = &tokens.tokens[i];
    let starts_one = t.capital
        && matches!(
            t.folded.as_str(),
            "cong"
                | "cuc"
                | "hai"
                | "kiem"
                | "thanh"
                | "vien"
                | "toa"
                | "bo"
                | "kho"
                | "bao"
                | "lien"
                | "canh"
        );
    starts_one
        .then(|| OFFICES.iter().find(|p| tokens.phrase_at(i, p)))
        .flatten()
        .map(|p| p.len())
}

/// A province's department, office or Party committee named with the province's bare
/// name: "Sở Du lịch Bình Thuận", "Sở Nông nghiệp và phát triển nông thôn Hà Nội", "Công an
/// Hà Nội" (and the [`OFFICES`]), "Đảng bộ Lạng Sơn". Weighted as a typed name. A type word
/// in the name ("Sở Y tế TP HCM") is a typed name already.
pub(super) fn agency_votes(tokens: &Tokens, post_reform: bool) -> Vec<Vote> {
    let mut votes = Vec::new();
    // Past the last name read: "Cục Hải quan Lạng Sơn" votes once, not again as "Hải quan
    // Lạng Sơn".
    let mut read_to = 0;
    for i in 0..tokens.len() {
        let t = &tokens.tokens[i];
        if i < read_to {
            continue;
        }
        let (first, rule) = if t.capital && t.is("sở") {
            (i + 1, "agency-of-province")
        } else if t.folded == "dang" && tokens.phrase_at(i, &["đảng", "bộ"]) {
            (i + 2, "committee-of-province")
        } else if let Some(len) = office_at(tokens, i) {
            (i + len, "agency-of-province")
        } else {
            continue;
        };
        // A department's name stands between "Sở" and the province; an office's does not.
        let limit = if first == i + 1 { i + 10 } else { first + 1 };
        let mut k = first;
        while k < limit.min(tokens.len()) {
            if type_word_at(tokens, k).is_some() || tokens.tokens[k].folded == "tphcm" {
                break;
            }
            // A run of capitalized syllables the name ends with ("Bình Thuận cho biết").
            let name_ends = |n: usize| {
                let run_ok = (k..k + n).all(|j| tokens.tokens.get(j).is_some_and(|t| t.capital))
                    && (k..k + n - 1).all(|j| tokens.gap_after(j).trim().is_empty());
                let continues = tokens
                    .tokens
                    .get(k + n)
                    .is_some_and(|t| t.capital && tokens.gap_after(k + n - 1).trim().is_empty());
                run_ok && !continues
            };
            let vote = (1..=3).rev().filter(|&n| name_ends(n)).find_map(|n| {
                bare_name_vote(tokens, i, k, n, rule, post_reform, &[Tier::Province])
                    .map(|(_, v)| (n, v))
            });
            if let Some((n, v)) = vote {
                votes.push(v);
                read_to = k + n;
                break;
            }
            let gap = tokens.gap_after(k);
            if !(gap.len() <= 3 && gap.chars().all(|c| matches!(c, ' ' | '-'))) {
                break;
            }
            k += 1;
        }
    }
    votes
}
