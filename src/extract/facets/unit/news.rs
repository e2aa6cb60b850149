//! What kind of news a title tells: personnel or discipline news, a ceremony, a
//! People's Council's session, a roundup of several units. The unit reader weighs the
//! organizations a title names by it.

use super::super::scan::Tokens;
use super::national::another_party_at;
use super::UnitType;

/// What a title tells, as the unit reader asks it.
pub(super) struct TitleKind {
    /// A post changes hands or its holder is in question.
    pub post_news: bool,
    /// Of post news, its holder is in question: misconduct or discipline, not a change of
    /// post.
    pub misconduct: bool,
    /// A ceremony, celebration or courtesy call (not "nhân dịp kỷ niệm").
    pub ceremony: bool,
    /// A ceremony or a gathering, where the leadership acts as one.
    pub festive: bool,
    /// The Party's own celebration or congress.
    pub celebrates_the_party: bool,
    /// The Party's founding anniversary.
    pub party_anniversary: bool,
    /// Another party's founding anniversary.
    pub foreign_anniversary: bool,
    /// Several units at once.
    pub roundup: bool,
    /// A People's Council's or the Assembly's session or vote.
    pub state_session: bool,
    /// The officials of a level the title is about ("Cán bộ xã lừa dân", "Một chủ tịch UBND
    /// xã phá rừng", "3 nguyên lãnh đạo thị xã Đồ Sơn …"): their post is the subject.
    pub officials_of: Option<UnitType>,
}

impl TitleKind {
    pub(super) fn of(title: &Tokens) -> TitleKind {
        let post_news = is_post_news(title);
        TitleKind {
            post_news,
            misconduct: post_news && names_any(title, MISCONDUCT),
            ceremony: is_ceremony(title),
            festive: is_festive(title),
            celebrates_the_party: celebrates_the_party(title),
            party_anniversary: (0..title.len()).any(|i| {
                title.phrase_at(i, &["thành", "lập", "đảng"]) && !another_party_at(title, i + 3)
            }),
            foreign_anniversary: (0..title.len()).any(|i| {
                title.phrase_at(i, &["thành", "lập", "đảng"]) && another_party_at(title, i + 3)
            }),
            roundup: is_roundup(title),
            state_session: is_state_session(title),
            officials_of: officials_of(title),
        }
    }
}

/// Ceremonies, celebrations and courtesy calls: "Lễ kỷ niệm", "tưởng niệm", "mít tinh", "lễ tang",
/// "chúc Tết", "tiếp xã giao", "khánh thành", "tuyên dương".
const CEREMONY: &[&[&str]] = &[
    &["kỷ", "niệm"],
    &["tưởng", "niệm"],
    &["mít", "tinh"],
    &["lễ", "tang"],
    &["tang", "lễ"],
    &["chúc", "tết"],
    &["xã", "giao"],
    &["khánh", "thành"],
    &["tuyên", "dương"],
    &["viếng"],
];

fn is_ceremony(title: &Tokens) -> bool {
    // "nhân dịp kỷ niệm …", "nhân kỷ niệm …": the occasion of other news, not a ceremony.
    let occasion =
        |i: usize| i > 0 && (title.tokens[i - 1].is("nhân") || title.tokens[i - 1].is("dịp"));
    (0..title.len()).any(|i| CEREMONY.iter().any(|p| title.phrase_at(i, p)) && !occasion(i))
}

/// A ceremony, an occasion's gathering ("gặp mặt … nhân dịp kỷ niệm") or a reunion: where
/// the city's leadership acts as one, Party and state together.
fn is_festive(title: &Tokens) -> bool {
    (0..title.len()).any(|i| {
        CEREMONY.iter().any(|p| title.phrase_at(i, p))
            || title.phrase_at(i, &["gặp", "mặt"])
            || title.phrase_at(i, &["họp", "mặt"])
    })
}

/// "Kỷ niệm … ngày thành lập Đảng", "mít tinh chào mừng Đại hội Đảng": the Party's own
/// celebration, where the committee organizing it is the unit.
fn celebrates_the_party(title: &Tokens) -> bool {
    (0..title.len()).any(|i| {
        (title.phrase_at(i, &["thành", "lập", "đảng"]) && !another_party_at(title, i + 3))
            || title.phrase_at(i, &["đại", "hội", "đảng"])
            || title.phrase_at(i, &["đại", "hội", "đại", "biểu", "toàn", "quốc"])
    })
}

/// Whether the organization ending before token `end` is listed with the state's bodies
/// ("Thành ủy - HĐND - UBND - Ủy ban MTTQ TPHCM", "Thành ủy, HĐND, UBND").
pub(super) fn beside_state_bodies(tokens: &Tokens, end: usize) -> bool {
    end > 0 && !tokens.sentence_break_after(end - 1) && is_state_body(tokens, end)
}

/// Whether the organization ending before token `end` acts together with a ministry or the
/// Government: "Đảng ủy Công an Trung ương và Bộ Công an đã tổ chức lễ trao tặng …", "Đảng
/// ủy Quân sự Trung ương và Bộ Quốc phòng thông báo …", "Ban Tư tưởng - Văn hóa T.Ư cùng Bộ
/// Ngoại giao tổ chức …", "… kết hợp với Bộ VH-TT": the agency's leadership as one, or the
/// state's work, not a Party unit's. The Politburo ("và Bộ Chính trị") is the Party's own.
pub(super) fn with_a_ministry(tokens: &Tokens, end: usize) -> bool {
    let mut at = end;
    if end == 0 || tokens.sentence_break_after(end - 1) {
        return false;
    }
    if tokens.phrase_at(at, &["phối", "hợp", "với"]) || tokens.phrase_at(at, &["kết", "hợp", "với"])
    {
        at += 3;
    } else if tokens.phrase_at(at, &["cùng", "với"]) {
        at += 2;
    } else if ["và", "cùng"].iter().any(|w| tokens.phrase_at(at, &[w])) {
        at += 1;
    } else {
        return false;
    }
    let capital = |k: usize| tokens.tokens.get(k).is_some_and(|t| t.capital);
    let ministry = tokens.phrase_at(at, &["bộ"])
        && capital(at)
        && capital(at + 1)
        && !tokens.phrase_at(at, &["bộ", "chính", "trị"]);
    ministry || tokens.phrase_at(at, &["chính", "phủ"])
}

fn is_state_body(tokens: &Tokens, i: usize) -> bool {
    ["hđnd", "ubnd"].iter().any(|w| tokens.phrase_at(i, &[w]))
        || tokens.phrase_at(i, &["hội", "đồng", "nhân", "dân"])
        || tokens.phrase_at(i, &["ủy", "ban", "nhân", "dân"])
}

/// A title reporting a People's Council's or the National Assembly's session or vote.
fn is_state_session(title: &Tokens) -> bool {
    let council = (0..title.len()).any(|i| {
        title.tokens[i].is("hđnd")
            || title.phrase_at(i, &["hội", "đồng", "nhân", "dân"])
            || title.phrase_at(i, &["quốc", "hội"])
    });
    council
        && (0..title.len()).any(|i| {
            title.phrase_at(i, &["kỳ", "họp"])
                || title.phrase_at(i, &["phê", "chuẩn"])
                || title.phrase_at(i, &["miễn", "nhiệm"])
                || title.tokens[i].is("bầu")
        })
}

/// Whether a title reports on several units at once ("tại các xã, phường", "các chi bộ").
fn is_roundup(title: &Tokens) -> bool {
    (0..title.len()).any(|i| {
        title.tokens[i].is("các")
            && ["xã", "phường", "chi", "đảng", "địa", "huyện", "tỉnh", "cơ"]
                .iter()
                .any(|w| title.phrase_at(i + 1, &[w]))
    })
}

/// Personnel news: a post changes hands. Its unit is then the one the post leads.
const POST_CHANGES: &[&[&str]] = &[
    &["tân", "bí", "thư"],
    &["được", "bầu"],
    &["bầu", "làm"],
    &["bổ", "nhiệm"],
    &["giữ", "chức"],
    &["làm", "bí", "thư"],
    &["điều", "động"],
    &["miễn", "nhiệm"],
    &["tái", "đắc", "cử"],
    &["chỉ", "định"],
];

/// Misconduct and discipline news: a post's holder is disciplined or accused. Its unit is
/// then the one the post leads too.
const MISCONDUCT: &[&[&str]] = &[
    &["kỷ", "luật"],
    &["cách", "chức"],
    &["khai", "trừ"],
    &["khiển", "trách"],
    &["cảnh", "cáo"],
    &["đình", "chỉ"],
    &["khởi", "tố"],
    &["bị", "bắt"],
    &["sai", "phạm"],
    &["bất", "minh"],
    &["khuất", "tất"],
    // A holder's self-criticism, not a review of a resolution ("kiểm điểm việc thực hiện").
    &["kiểm", "điểm", "bí", "thư"],
    &["kiểm", "điểm", "chủ", "tịch"],
    &["kiểm", "điểm", "cán", "bộ"],
    &["kiểm", "điểm", "trách", "nhiệm"],
    &["kiểm", "điểm", "ông"],
    &["kiểm", "điểm", "bà"],
    &["nhận", "khuyết", "điểm"],
    &["tham", "nhũng"],
    &["chia", "chác"],
];

/// Whether the title holds one of `phrases`; "chống tham nhũng" is the campaign, not a
/// charge against someone.
fn names_any(title: &Tokens, phrases: &[&[&str]]) -> bool {
    let campaign =
        |i: usize| title.tokens[i].is("tham") && i > 0 && title.tokens[i - 1].is("chống");
    (0..title.len()).any(|i| phrases.iter().any(|p| title.phrase_at(i, p)) && !campaign(i))
}

fn is_post_news(title: &Tokens) -> bool {
    names_any(title, POST_CHANGES)
        || names_any(title, MISCONDUCT)
        || (0..title.len()).any(|i| new_post_at(title, i))
}

/// The Party's decisions on a member: what makes a lead discipline news.
pub(super) const DISCIPLINE: &[&[&str]] = &[
    &["kỷ", "luật"],
    &["cách", "chức"],
    &["khai", "trừ"],
    &["khiển", "trách"],
    &["cảnh", "cáo"],
    &["đình", "chỉ", "sinh", "hoạt"],
];

/// Whether the lead's first sentence reports a discipline decision ("Ban thường vụ Tỉnh ủy
/// đã đình chỉ sinh hoạt Đảng với ông A", "Tỉnh ủy vừa công bố quyết định thi hành kỷ luật
/// ông B").
pub(super) fn lead_opens_on_discipline(body: &Tokens) -> bool {
    let lead = body.head_range();
    let first_sentence = lead
        .clone()
        .find(|&i| body.sentence_break_after(i))
        .map_or(lead.end, |i| i + 1);
    (lead.start..first_sentence).any(|i| {
        matches!(
            body.tokens[i].folded.as_str(),
            "ky" | "cach" | "khai" | "khien" | "canh" | "dinh"
        ) && DISCIPLINE.iter().any(|p| body.phrase_at(i, p))
    })
}

/// "Bí thư Tỉnh ủy mới", "Quảng Nam có bí thư mới": "mới" after a post, in its clause. Not
/// any "mới" ("sân bay quốc tế mới", "nhiệm kỳ công tác mới" of a consul).
fn new_post_at(title: &Tokens, i: usize) -> bool {
    title.tokens[i].is("mới")
        && (i.saturating_sub(7)..i)
            .filter(|&k| {
                !(k..i).any(|j| title.sentence_break_after(j) || title.gap_after(j).contains(','))
            })
            .any(|k| title.phrase_at(k, &["bí", "thư"]))
}

/// Whether a title about a level's officials names a Party secretary among them ("Bí thư
/// và chủ tịch xã bị kỷ luật", "Chủ tịch, bí thư phường …").
pub(super) fn names_a_secretary(title: &Tokens) -> bool {
    (0..title.len()).any(|i| title.phrase_at(i, &["bí", "thư"]))
}

/// "cán bộ xã", "lãnh đạo huyện", "chủ tịch (UBND) xã", "quan chức thị xã": the level whose
/// officials a title names, the first one.
fn officials_of(title: &Tokens) -> Option<UnitType> {
    const OFFICIALS: &[&[&str]] = &[
        &["cán", "bộ"],
        &["lãnh", "đạo"],
        &["quan", "chức"],
        &["chủ", "tịch"],
    ];
    const LEVELS: &[(&[&str], UnitType)] = &[
        (&["thị", "trấn"], UnitType::Township),
        (&["thị", "xã"], UnitType::District),
        (&["xã"], UnitType::Commune),
        (&["phường"], UnitType::Ward),
        (&["huyện"], UnitType::District),
        (&["quận"], UnitType::District),
    ];
    (0..title.len()).find_map(|i| {
        let words = OFFICIALS.iter().find(|p| title.phrase_at(i, p))?;
        let mut at = i + words.len();
        if ["ubnd", "hđnd"].iter().any(|w| title.phrase_at(at, &[w])) {
            at += 1;
        }
        LEVELS
            .iter()
            .find(|(p, _)| title.phrase_at(at, p))
            .map(|&(_, level)| level)
    })
}
