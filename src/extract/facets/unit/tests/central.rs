//! The national Party, the central bodies, and other parties and countries.

use super::*;

#[test]
fn another_bodys_central_committee_is_not_the_partys() {
    assert_eq!(of("Khai mạc Hội nghị Trung ương Đoàn khóa VIII"), None);
    assert_eq!(of("Hội nghị Trung ương Hội Nông dân Việt Nam"), None);
    assert_eq!(
        of("Khai mạc Hội nghị Trung ương 14 khóa IX"),
        Some(UnitType::National)
    );
}

#[test]
fn national_congress() {
    assert_eq!(
        of("Sáng nay, khai mạc Đại hội Đảng toàn quốc lần X"),
        Some(UnitType::National)
    );
    assert_eq!(of("Đại hội X - Đại hội trẻ"), Some(UnitType::National));
    assert_eq!(
        of("Trung ương thảo luận kế hoạch Đại hội Đảng 12"),
        Some(UnitType::National)
    );
    assert_eq!(
        of("Những tuyến đường bị cấm trong dịp Đại hội Đảng"),
        Some(UnitType::National)
    );
    assert_eq!(
        of("Công bố Dự thảo trình Đại hội 10 của Đảng"),
        Some(UnitType::National)
    );
    // Another organization's congress, or a foreign party's.
    assert_eq!(of("Đại hội XIII Hội Luật gia Việt Nam"), None);
    assert_eq!(
        of("Đại hội đại biểu toàn quốc Hội Sinh viên Việt Nam lần thứ X"),
        None
    );
    assert_eq!(of("Đại hội Đoàn toàn quốc có ứng dụng riêng"), None);
    assert_eq!(of("Trung Quốc khai mạc đại hội Đảng"), None);
    assert_eq!(of("Cháu trai Mao Trạch Đông không dự đại hội đảng"), None);
    assert_eq!(of("Tribeco đại hội thường niên"), None);
    assert_eq!(
        of("Chỉ còn mười hôm nữa là Đại hội lần thứ X của Đảng sẽ tiến hành"),
        Some(UnitType::National)
    );
    assert_eq!(
        of("Tân Hoa xã (Trung Quốc) viết về Đại hội lần thứ X Đảng Cộng sản Việt Nam"),
        Some(UnitType::National)
    );
    assert_eq!(
        of("Khai mạc Hội nghị lần thứ 14 BCH Trung ương Đảng khóa IX"),
        Some(UnitType::National)
    );
    // A bare number belongs to the other organization named.
    assert_eq!(
        unit(
            "Khai mạc Đại hội Hội Nhà văn lần thứ VII",
            "Sáng nay, Đại hội VII khai mạc."
        ),
        None
    );
    assert_eq!(
        of("Hội Khuyến học tổ chức Đại hội Ban Chấp hành Trung ương hội khóa III"),
        None
    );
    assert_eq!(
        of("Ông X, Ủy viên Bộ Chính trị, dự hội nghị Hội Nhà báo"),
        None
    );
    // Celebrating the national congress, the city's committee acts.
    assert_eq!(
        of("Thành ủy Hà Nội, UBND thành phố tổ chức mít tinh chào mừng Đại hội Đảng toàn quốc"),
        Some(UnitType::Province)
    );
    // Celebrating it with no Party organization at work: no unit (tests/fixtures/facets
    // labels celebrations empty, and a wrong unit is worse than none).
    assert_eq!(
        of("Biểu diễn nghệ thuật chào mừng Đại hội Đảng lần thứ X"),
        None
    );
    assert_eq!(
        of("Lễ kỷ niệm 100 năm ngày sinh đồng chí Phạm Văn Đồng của Ban Chấp hành Trung ương Đảng, Quốc hội, Chính phủ"),
        None
    );
    assert_eq!(
        of("Công bố danh sách 181 Ủy viên Trung ương khóa X"),
        Some(UnitType::National)
    );
    assert_eq!(of("BCH T.Ư khóa X gồm 185 người"), Some(UnitType::National));
    assert_eq!(of("Ban Chấp hành Trung ương Đoàn khóa VIII họp"), None);
    assert_eq!(
        of("Khai mạc Đại hội Đảng Cộng sản Việt Nam lần thứ X"),
        Some(UnitType::National)
    );
    // A campaign for the congress is no more the congress than its celebration.
    assert_eq!(
        of("Liên hoan tuyên truyền Đại hội Đảng Cộng sản Việt Nam lần thứ X"),
        None
    );
}

#[test]
fn central_bodies_named_in_a_title_are_national() {
    assert_eq!(
        of("Kỷ luật 4 ủy viên trung ương Đảng"),
        Some(UnitType::National)
    );
    assert_eq!(
        of("“Tôi xin ứng cử ủy viên Trung ương Đảng”"),
        Some(UnitType::National)
    );
    assert_eq!(
        of("Bộ Chính trị họp cho ý kiến về nhân sự"),
        Some(UnitType::National)
    );
    // Another body's central committee, and a member's title in apposition.
    assert_eq!(of("Ban Chấp hành Trung ương Đoàn họp phiên thứ 5"), None);
    assert_eq!(
        of("Ông X, Ủy viên Bộ Chính trị, dự hội nghị Hội Nhà báo"),
        None
    );
    assert_eq!(of("Ông X - Ủy viên Bộ Chính trị dự hội nghị"), None);
    // A dateline's dash is no apposition.
    assert_eq!(
        of("Không mang quà đến nhà lãnh đạo (NLĐ)- Ban Bí thư vừa có công điện"),
        Some(UnitType::National)
    );
    // A unit holding the event wins over a central body named beside it.
    assert_eq!(
        of("Bộ Chính trị làm việc với Ban Thường vụ Tỉnh ủy Long An"),
        Some(UnitType::Province)
    );
    assert_eq!(
        of("Đại hội Đảng bộ tỉnh Long An, Ủy viên Bộ Chính trị dự"),
        Some(UnitType::Province)
    );
}

#[test]
fn a_lead_naming_the_central_committee_with_its_term_is_national() {
    assert_eq!(
        unit(
            "Không lẽ đợi đến khi dân không còn tín nhiệm mới rút?",
            "Bộ trưởng được đề nghị rút khỏi danh sách ứng cử Ban Chấp hành Trung ương khóa X."
        ),
        Some((UnitType::National, None))
    );
    // Without its term, the Central Committee in a lead is only mentioned.
    assert_eq!(
        unit(
            "Tin tức",
            "Ông X, Ủy viên Ban Chấp hành Trung ương Đảng, về thăm bà con."
        ),
        None
    );
    // Its resolution cited as the basis of another's work.
    assert_eq!(
        unit(
            "Thực hiện triệt để việc kê khai tài sản, thu nhập cán bộ",
            "Thủ tướng vừa ký quyết định ban hành Chương trình hành động của Chính phủ thực hiện \
             nghị quyết hội nghị lần 9 Ban chấp hành T.Ư Đảng khóa IX."
        ),
        None
    );
}

#[test]
fn a_central_body_acting_after_a_comma_is_the_subject() {
    assert_eq!(
        of("Sáng 3-2, tại trụ sở Trung ương Đảng, Bộ Chính trị đã tiếp các đoàn đại biểu"),
        Some(UnitType::National)
    );
    assert_eq!(
        of("Ngày 22/3, Bộ Chính trị đã ra Nghị quyết về dân số"),
        Some(UnitType::National)
    );
    // "On the occasion of" an anniversary is no ceremony: the drafts for the congress are
    // the national Party's. "Nhân dân kỷ niệm" is still one.
    let t = Tokens::new(
        "Nhân dân kỷ niệm ngày giải phóng Thủ đô",
        Zone::Title,
        (0, 0),
    );
    assert!(news::TitleKind::of(&t).ceremony);
    assert_eq!(
        of("Dự thảo Báo cáo Chính trị trình Đại hội X của Đảng sẽ được công bố nhân dịp kỷ niệm ngày thành lập Đảng"),
        Some(UnitType::National)
    );
}

#[test]
fn members_of_a_central_body_elected_or_disciplined_are_national_news() {
    assert_eq!(
        of("Bầu bổ sung Ủy viên Bộ Chính trị"),
        Some(UnitType::National)
    );
    assert_eq!(
        of("Bầu bổ sung Ủy viên Ban Chấp hành Trung ương"),
        Some(UnitType::National)
    );
    // A member's post before a name is the person's, on a visit.
    assert_eq!(of("Ủy viên Bộ Chính trị Trương Tấn Sang thăm Cà Mau"), None);
}

#[test]
fn the_party_s_seat_and_its_own_anniversary_name_the_national_party() {
    // Receiving at the Party's seat, its leader acts for the Party.
    assert_eq!(
        of("Chiều 3/5, tại trụ sở T.Ư Đảng, Tổng bí thư đã tiếp đoàn đại biểu Đảng Nhân dân Cách mạng Lào"),
        Some(UnitType::National)
    );
    // A gathering of several offices there is nobody's.
    assert_eq!(
        of("Chiều 25-1, tại Trụ sở Trung ương Đảng đã diễn ra buổi gặp mặt cán bộ 4 văn phòng"),
        None
    );
    // The Party's anniversary: the committee its lead names first holds it.
    assert_eq!(
        unit(
            "Mít tinh trọng thể kỷ niệm 75 năm ngày thành lập Đảng",
            "Sáng 2/2, Ban Chấp hành Trung ương Đảng, Quốc hội, Chính phủ, Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam và thành phố Hà Nội đã tổ chức trọng thể Lễ kỷ niệm."
        )
        .map(|u| u.0),
        Some(UnitType::National)
    );
    // Another anniversary with the same hosts has no unit.
    assert_eq!(
        unit(
            "Lễ kỷ niệm 100 năm ngày sinh đồng chí Phạm Văn Đồng",
            "Sáng 2/3, Ban Chấp hành Trung ương Đảng, Quốc hội, Chính phủ đã tổ chức trọng thể Lễ kỷ niệm."
        ),
        None
    );
}

#[test]
fn the_central_commissions_at_work_are_national() {
    assert_eq!(
        of("Ủy ban Kiểm tra Trung ương họp kỳ thứ 20"),
        Some(UnitType::National)
    );
    assert_eq!(
        of("Ban Tổ chức Trung ương công bố quyết định nhân sự"),
        Some(UnitType::National)
    );
    assert_eq!(
        unit(
            "Hội nghị tổng kết công tác tư tưởng",
            "Ngày 5-1, Ban Tư tưởng - Văn hóa Trung ương tổ chức hội nghị tổng kết công tác năm."
        )
        .map(|u| u.0),
        Some(UnitType::National)
    );
    // A post in one, a guest list, another body's commission: nothing.
    assert_eq!(
        of("Trưởng Ban Dân vận Trung ương thăm tỉnh Sóc Trăng"),
        None
    );
    assert_eq!(
        of("Bộ trưởng gặp đại biểu 6 cơ quan gồm Ủy ban MTTQ, Ban Khoa giáo T.Ư, Liên hiệp các hội"),
        None
    );
    assert_eq!(of("Ban Tuyên giáo Trung ương Đoàn tổ chức hội nghị"), None);
}

#[test]
fn a_conference_of_the_whole_party_on_a_central_resolution_is_national() {
    assert_eq!(
        unit(
            "Chống tham nhũng: Toàn hệ thống chính trị phải vào cuộc",
            "Hôm qua, phát biểu tổng kết hội nghị kiểm điểm việc thực hiện kết luận Hội nghị \
             Trung ương 4 (khóa IX), Ủy viên Bộ Chính trị, thường trực Ban bí thư Phan Diễn nêu \
             rõ trách nhiệm của các bí thư."
        ),
        Some((UnitType::National, None))
    );
    assert_eq!(
        unit(
            "Học tập nghị quyết",
            "Sáng nay, Hội nghị toàn quốc nghiên cứu, học tập, quán triệt Nghị quyết Hội nghị \
             Trung ương 8 khóa XIII được tổ chức tại Hà Nội."
        ),
        Some((UnitType::National, None))
    );
    // A provincial committee holding it: its own unit.
    assert_eq!(
        unit(
            "Quán triệt nghị quyết",
            "Sáng nay, Tỉnh ủy Bình Dương tổ chức hội nghị quán triệt Nghị quyết Trung ương 8 \
             khóa XIII."
        ),
        Some((UnitType::Province, Some("tỉnh Bình Dương".into())))
    );
    // An association reviewing a directive "của Ban Bí thư": no unit.
    assert_eq!(
        unit(
            "Cán bộ nữ có ít thực quyền",
            "Sáng nay, tại hội nghị tổng kết 10 năm thực hiện chỉ thị 37 của Ban Bí thư Trung \
             ương Đảng về công tác cán bộ nữ, Chủ tịch Hội Liên hiệp Phụ nữ phát biểu."
        ),
        None
    );
    // Neither "toàn quốc" nor the central leadership: whose conference is unknown.
    assert_eq!(
        unit(
            "Quán triệt nghị quyết",
            "Sáng nay, hội nghị quán triệt Nghị quyết Trung ương 8 khóa XIII đã diễn ra."
        ),
        None
    );
}

#[test]
fn the_general_secretary_elected_and_a_text_issued_are_the_national_party_s() {
    assert_eq!(
        unit(
            "Báo chí thế giới đưa tin",
            "Các hãng thông tấn quốc tế đã đưa tin kết quả nhân sự Đại hội X, tập trung vào việc \
             ông Nông Đức Mạnh được bầu lại làm Tổng Bí thư."
        ),
        Some((UnitType::National, None))
    );
    // Other parties' leaders congratulating ours: still our Party's news.
    assert_eq!(
        unit(
            "",
            "Nhân dịp đồng chí Nông Đức Mạnh được bầu làm Tổng Bí thư Ban Chấp hành Trung ương \
             Đảng Cộng sản VN, Tổng Bí thư Đảng Cộng sản Trung Quốc Hồ Cẩm Đào đã gửi điện \
             chúc mừng."
        ),
        Some((UnitType::National, None))
    );
    // Another party's General Secretary, or one only named.
    assert_eq!(
        unit(
            "Tin thế giới",
            "Ông Tập Cận Bình được bầu làm Tổng Bí thư Ban Chấp hành Trung ương Đảng Cộng sản \
             Trung Quốc."
        ),
        None
    );
    assert_eq!(
        unit("Tin trong ngày", "Tổng Bí thư Nông Đức Mạnh thăm nhà máy."),
        None
    );
    assert_eq!(
        unit(
            "Sẽ chi 1% ngân sách cho bảo vệ môi trường",
            "Nghị quyết của Bộ Chính trị về bảo vệ môi trường vừa ban hành đã nhấn mạnh điều đó."
        ),
        Some((UnitType::National, None))
    );
    // A resolution only implemented, and a Secretariat's decision disciplining a unit.
    assert_eq!(
        unit(
            "Sơ kết công tác tư pháp",
            "Sau 2 năm thực hiện Nghị quyết 08 của Bộ Chính trị, công tác tư pháp có chuyển biến."
        ),
        None
    );
    assert_eq!(
        unit(
            "Cảnh cáo Phó chủ tịch tỉnh",
            "Ban Bí thư Trung ương Đảng vừa ra quyết định kỷ luật cảnh cáo Ban cán sự Đảng UBND \
             tỉnh."
        ),
        None
    );
    // The Lao party's chairman is not ours.
    assert_eq!(
        of("Tổng bí thư thăm Lào theo lời mời của Chủ tịch BCH T.Ư Đảng Nhân dân Cách mạng Lào"),
        None
    );
}

#[test]
fn another_party_is_named_right_after_dang() {
    let at = |text: &str, i: usize| {
        national::another_party_at(&Tokens::new(text, Zone::Title, (0, 0)), i)
    };
    assert!(at("thành lập Đảng nhân dân CM Lào", 2));
    assert!(at("BCH T.Ư Đảng Cộng sản Trung Quốc", 3));
    assert!(!at("BCH T.Ư Đảng Cộng sản Việt Nam", 3));
    // The Party listed with the people; "nhân dân" with no "Đảng" before it.
    assert!(!at("thành lập Đảng, nhân dân cả nước", 2));
    assert!(!at("Tổng Bí thư nhân dân", 3));
    // A party's own name; ours, our phrases in capitals, a caption running on.
    assert!(at("Ban Chấp hành Trung ương Đảng Dân chủ Singapore", 6));
    assert!(!at("Đảng Lao động Việt Nam", 1));
    assert!(!at("Đại hội Đảng Toàn quốc lần thứ XIII", 3));
    assert!(!at("Đại hội Đảng XIII", 3));
    assert!(!at("ĐẢNG BỘ PHƯỜNG", 1));
    assert!(!at(
        "kỷ niệm 76 năm ngày thành lập Đảng Đồng chí Nguyễn Phú Trọng",
        7
    ));
    assert_eq!(
        unit(
            "Cha con thủ tướng Singapore kiện các thành viên Ban Chấp hành Trung ương Đảng Dân \
             chủ Singapore (SDP)",
            ""
        ),
        None
    );
}

#[test]
fn a_party_body_acting_with_a_ministry_is_not_a_unit_at_work() {
    for lead in [
        "Sáng 9-4, tại Hà Nội, Đảng ủy Công an Trung ương và Bộ Công an đã tổ chức trọng thể lễ \
         trao tặng Huân chương Hồ Chí Minh cho Thượng tướng Bùi Thiện Ngộ.",
        "Chiều qua, Đảng ủy Quân sự Trung ương và Bộ Quốc phòng đã thông báo tổ chức lễ tang.",
        "Ban Tư tưởng - Văn hóa T.Ư cùng Bộ Ngoại giao tổ chức Hội nghị tập huấn công tác \
         tuyên truyền cắm mốc biên giới.",
        "Cuộc thi do Ban Tư tưởng - Văn hóa T.Ư kết hợp với Bộ VH-TT tổ chức.",
    ] {
        assert_eq!(unit("Tin trong ngày", lead), None, "{lead}");
    }
    // The Politburo is the Party's own.
    assert_eq!(
        unit(
            "Tin trong ngày",
            "Ban Chấp hành Trung ương Đảng và Bộ Chính trị đã tổ chức hội nghị toàn quốc."
        ),
        Some((UnitType::National, None))
    );
}

#[test]
fn an_unnamed_committee_in_news_of_another_country_is_that_country_s() {
    let lead = "Tỉnh uỷ Giang Tô hôm qua tuyên bố khai trừ ông Xu Guojian, cựu tỉnh uỷ viên và \
                trưởng ban tổ chức tỉnh uỷ, bị cáo buộc nhận hối lộ.";
    assert_eq!(
        unit("Trung Quốc: Một quan chức cấp cao bị khai trừ đảng", lead),
        None
    );
    // Ours, named, still counts beside another country.
    assert_eq!(
        unit(
            "Tỉnh ủy Lạng Sơn tiếp đoàn cán bộ Trung Quốc",
            "Sáng nay, Tỉnh ủy Lạng Sơn đã tổ chức tiếp đoàn cán bộ."
        )
        .map(|u| u.0),
        Some(UnitType::Province)
    );
}
