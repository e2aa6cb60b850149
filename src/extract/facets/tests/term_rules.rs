//! The term: which years an explicit term, a congress or a committee gives.

use super::*;

#[test]
fn bodies_that_are_not_party_units_give_no_term() {
    let council = "Ngày 13/4, HĐND tỉnh Phú Yên khóa V, nhiệm kỳ 2004-2009 đã tiến hành kỳ họp bất thường để bầu Chủ tịch UBND tỉnh.";
    assert_eq!(term("HĐND tỉnh Phú Yên họp bất thường", council), None);
    let lawyers =
        "Đại hội đã bầu Ban Chấp hành Trung ương Hội khóa XIII, nhiệm kỳ 2019-2024 gồm 145 người.";
    assert_eq!(term("Đại hội XIII Hội Luật gia Việt Nam", lawyers), None);
    // A Party unit's term still counts.
    let party =
        "Đảng bộ phường Bách Quang tổ chức Đại hội đại biểu lần thứ XXIV, nhiệm kỳ 2025-2030.";
    assert_eq!(
        term("Đại hội Đảng bộ phường Bách Quang", party).as_deref(),
        Some("2025-2030")
    );
}

#[test]
fn a_national_term_follows_the_central_committee_or_the_congress_reported() {
    let plenum = "Sáng nay, Hội nghị lần thứ 14 Ban Chấp hành Trung ương Đảng khoá IX khai mạc tại Hà Nội để chuẩn bị Đại hội đại biểu toàn quốc lần thứ X của Đảng.";
    assert_eq!(
        term(
            "Khai mạc Hội nghị 14 Ban Chấp hành Trung ương Đảng khoá IX",
            plenum
        )
        .as_deref(),
        Some("2001-2006")
    );
    let congress =
        "Sáng 18/4, Đại hội đại biểu toàn quốc lần thứ X của Đảng khai mạc trọng thể tại Hà Nội.";
    assert_eq!(
        term("Khai mạc Đại hội X của Đảng", congress).as_deref(),
        Some("2006-2011")
    );
    // A plenum's number may stand between the committee and its term.
    for title in [
        "Hội nghị Trung ương 8 khóa XIII bế mạc",
        "Hội nghị Trung ương lần thứ 8 khóa XIII bế mạc",
        "Hội nghị Trung ương 8 (khóa XIII) bàn văn kiện trình Đại hội XIV",
        "Ban Chấp hành Trung ương (BCHTƯ) khóa XIII họp",
    ] {
        assert_eq!(term(title, "").as_deref(), Some("2021-2026"), "{title}");
    }
    // A run-up to the congress does not take its term from the number.
    let show = "Chương trình nghệ thuật chào mừng Đại hội đại biểu toàn quốc lần thứ X của Đảng diễn ra tối qua.";
    assert_eq!(
        term(
            "Biểu diễn nghệ thuật chào mừng Đại hội Đảng lần thứ X",
            show
        ),
        None
    );
    // The Central Committee's members and its abbreviations name the term too.
    let list = "Sáng nay, Đại hội công bố danh sách Ủy viên Trung ương khóa X.";
    for title in [
        "Công bố danh sách 181 Ủy viên Trung ương khóa X",
        "BCH T.Ư khóa X gồm 185 người",
        "Danh sách Bộ Chính trị, Ban chấp hành TƯ Đảng khóa X",
    ] {
        assert_eq!(term(title, list).as_deref(), Some("2006-2011"), "{title}");
    }
    // The congress a title reports, named before the outgoing committee its lead names.
    let briefing = "Ông Vũ Khoan cho biết Ban Chấp hành Trung ương khóa IX đã chuẩn bị kỹ.";
    assert_eq!(
        term("Gần 1.200 đại biểu dự Đại hội X của Đảng", briefing).as_deref(),
        Some("2006-2011")
    );
    // Its run-up, even a few words before it, is the outgoing committee's.
    let drafts = "Hội nghị lần thứ 14 Ban Chấp hành Trung ương Đảng khóa IX cho ý kiến.";
    assert_eq!(
        term(
            "Trung ương chuẩn bị các văn kiện trình Đại hội X của Đảng",
            drafts
        )
        .as_deref(),
        Some("2001-2006")
    );
    // A term written for the national congress off its cycle is the congress's, whoever
    // reports on it.
    let report = "Sáng 27-4, Ban Tư tưởng - Văn hóa Thành ủy TPHCM tổ chức báo cáo nhanh thành công Đại hội Đảng toàn quốc lần X nhiệm kỳ 2006-2010.";
    assert_eq!(
        term("TPHCM đã nỗ lực, tạo nhiều bước đột phá", report).as_deref(),
        Some("2006-2011")
    );
    // A province's congress keeps its own written years.
    let province =
        "Đại hội Đảng bộ tỉnh Bến Tre lần thứ VIII nhiệm kỳ 2005-2010 khai mạc sáng nay.";
    assert_eq!(
        term("Khai mạc Đại hội Đảng bộ tỉnh Bến Tre", province).as_deref(),
        Some("2005-2010")
    );
    // The committee a congress elects, before the outgoing one that nominated.
    let vote = "Trong danh sách 207 ứng cử viên có 174 là do BCH T.Ư khóa IX giới thiệu. Từ danh sách trên các đại biểu sẽ bầu 160 ủy viên chính thức BCH T.Ư khóa X.";
    assert_eq!(
        term(
            "Thông qua 207 người để bầu ủy viên chính thức BCH T.Ư",
            vote
        )
        .as_deref(),
        Some("2006-2011")
    );
    // A plenum reviewing its congress's resolution at mid-term is of that congress's term.
    let review = "Sáng nay, Hội nghị lần thứ 9 Ban chấp hành Trung ương Đảng đã khai mạc, nhằm kiểm điểm nửa nhiệm kỳ thực hiện Nghị quyết Đại hội IX của Đảng.";
    assert_eq!(
        term("Khai mạc Hội nghị trung ương Đảng lần 9", review).as_deref(),
        Some("2001-2006")
    );
    // Another body's central committee is not the Party's.
    let youth = "Hội nghị Ban Chấp hành Trung ương Đoàn khóa VIII khai mạc sáng nay tại Hà Nội.";
    assert_eq!(
        term("Khai mạc Hội nghị Trung ương Đoàn khóa VIII", youth),
        None
    );
}

#[test]
fn a_term_without_a_party_unit_must_be_the_party_s() {
    // An ambassador's, an association board's, an unnamed congress's: not a Party term.
    assert_eq!(
        term(
            "Tổng thống Mỹ đề cử tân đại sứ tại Việt Nam",
            "Ông Marine sẽ chính thức là Đại sứ Mỹ tại Việt Nam nhiệm kỳ 2005-2009."
        ),
        None
    );
    assert_eq!(
        term(
            "Sân khấu trẻ và chuyên nghiệp hơn",
            "Thành viên Ban chấp hành nhiệm kỳ 2005-2010 đã mang nhiều yếu tố trẻ."
        ),
        None
    );
    // Its clause names the Party: kept, though no unit is found.
    assert_eq!(
        term(
            "Môi trường đầu tư chưa thông thoáng",
            "Các doanh nghiệp phàn nàn về thủ tục.\nSáng ngày 21-12, Đại hội Đảng bộ tỉnh Bình \
             Dương lần VIII, nhiệm kỳ 2006-2010 đã chính thức khai mạc."
        )
        .as_deref(),
        Some("2006-2010")
    );
    assert_eq!(
        term(
            "Tư duy mới, cách làm mới",
            "Ông Trần Văn Cồn, Phó Bí thư Tỉnh ủy nhiệm kỳ 2001-2005, cho biết."
        )
        .as_deref(),
        Some("2001-2005")
    );
}

#[test]
fn a_foreign_party_s_term_is_not_ours() {
    let cpc = "Đảng Cộng sản Trung Quốc sẽ họp đại hội đảng lần thứ 18, bầu ban lãnh đạo nhiệm kỳ 2017-2022 của đảng.";
    assert_eq!(
        term(
            "Trung Quốc có thể sửa điều lệ đảng tại đại hội sắp tới",
            cpc
        ),
        None
    );
    // The same clause in an article about our own Party keeps its term.
    let ours = "Đại hội Đảng bộ tỉnh Bình Dương lần thứ VIII sẽ bầu ban lãnh đạo nhiệm kỳ 2006-2010 của đảng bộ.";
    assert_eq!(
        term("Bình Dương chuẩn bị đại hội", ours).as_deref(),
        Some("2006-2010")
    );
}

#[test]
fn a_national_unit_s_term_follows_the_national_cycle() {
    // The text borrows the plan's years for the next committee; the plenum's own khóa is
    // not written: no term.
    let plenum =
        "Trong buổi khai mạc sáng 17/1, Tổng bí thư cho biết Hội nghị sẽ xem xét nội dung \
                  của Đại hội Đảng sắp tới.\nĐại hội sẽ bầu Ban Chấp hành Trung ương khóa X \
                  (nhiệm kỳ 2006-2010).";
    assert_eq!(
        term("Khai mạc Hội nghị 11 Ban chấp hành Trung ương Đảng", plenum),
        None
    );
    // The congress reported: its number gives the term, not the written years.
    let congress = "Sáng nay, Đại hội đại biểu toàn quốc lần thứ X của Đảng đã bầu Ban Chấp hành \
                    Trung ương khóa X (nhiệm kỳ 2006-2010).";
    assert_eq!(
        term("Bế mạc Đại hội đại biểu toàn quốc lần thứ X", congress).as_deref(),
        Some("2006-2011")
    );
}

#[test]
fn the_youth_union_s_term_is_not_the_party_s() {
    let union =
        "Đoàn viên, thanh niên toàn quốc cùng học tập chuyên đề công tác giáo dục; công tác \
                 tổ chức, xây dựng Đoàn và phong trào của Đoàn trong nhiệm kỳ 2017-2022.";
    assert_eq!(
        term(
            "Thanh niên học tập nghị quyết đại hội Đoàn trực tuyến",
            union
        ),
        None
    );
    let app = "Ban Tuyên giáo Trung ương Đoàn vừa cho ra đời ứng dụng cho các đại biểu dự Đại hội \
               Đoàn toàn quốc lần thứ 11, nhiệm kỳ 2017-2022.";
    assert_eq!(term("Đại hội Đoàn toàn quốc có ứng dụng riêng", app), None);
}

#[test]
fn a_plenum_s_term_follows_the_committee_at_work_not_a_resolution_it_cites() {
    // "khoá 11" in digits; "kế hoạch Đại hội" is a run-up, not the congress reported.
    let plan = "Sáng 17/12, Ban Chấp hành Trung ương Đảng làm việc tại hội trường thảo luận về dự \
                thảo Báo cáo kiểm điểm sự lãnh đạo của Ban Chấp hành Trung ương Đảng khoá 11.";
    assert_eq!(
        term("Trung ương thảo luận kế hoạch Đại hội Đảng 12", plan).as_deref(),
        Some("2011-2016")
    );
    // The plenum's khóa is not written; the resolution it reviews is an earlier committee's.
    let review = "Hội nghị lần thứ 10 BCH trung ương Đảng khai mạc. Hội nghị sẽ kiểm điểm 5 năm \
                  thực hiện nghị quyết hội nghị trung ương lần 5 (khóa 8) về văn hóa.";
    assert_eq!(
        term("Khai mạc hội nghị Ban chấp hành trung ương Đảng", review),
        None
    );
    // The Party's review of that very resolution takes its term.
    let party_wide = "Hôm qua, phát biểu tổng kết hội nghị kiểm điểm việc thực hiện kết luận Hội \
                      nghị Trung ương 4 (khóa IX), Ủy viên Bộ Chính trị, thường trực Ban bí thư \
                      Phan Diễn nêu rõ trách nhiệm của các bí thư.";
    assert_eq!(
        term(
            "Chống tham nhũng: Toàn hệ thống chính trị phải vào cuộc",
            party_wide
        )
        .as_deref(),
        Some("2001-2006")
    );
}

#[test]
fn the_general_secretary_s_election_takes_the_congress_s_term() {
    let lead = "Các hãng thông tấn quốc tế đã nhanh chóng đưa tin kết quả nhân sự Đại hội X Đảng \
                Cộng sản Việt Nam, tập trung vào việc ông Nông Đức Mạnh được bầu lại làm Tổng Bí \
                thư.";
    assert_eq!(
        term("Việt Nam chiến đấu với nạn tham nhũng", lead).as_deref(),
        Some("2006-2011")
    );
}

#[test]
fn a_plenum_preparing_the_congress_does_not_take_its_term() {
    let lead = "Hội nghị lần thứ 13 Ban Chấp hành Trung ương Đảng đã bế mạc sau 6 ngày làm việc.";
    assert_eq!(
        term(
            "Đẩy mạnh toàn diện công cuộc đổi mới Hội nghị khẳng định chủ đề Đại hội X của Đảng",
            lead
        ),
        None
    );
    // The congress's theme discussed by a reader is the congress's.
    assert_eq!(
        term(
            "Chủ đề của Đại hội Đảng toàn quốc lần thứ X cần bổ sung",
            "Theo tôi, cần bổ sung thêm cụm từ vào chủ đề đại hội."
        )
        .as_deref(),
        Some("2006-2011")
    );
}
