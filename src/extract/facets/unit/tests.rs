use super::*;

fn unit(title: &str, lead: &str) -> Option<(UnitType, Option<String>)> {
    let t = Tokens::new(title, Zone::Title, (0, 0));
    let b = Tokens::new(lead, Zone::Body, (0, lead.len()));
    detect_unit(&t, &b, None).map(|c| (c.unit_type, c.name))
}

fn of(title: &str) -> Option<UnitType> {
    unit(title, "").map(|u| u.0)
}

#[test]
fn serialized_names_and_paths() {
    let names: Vec<String> = UnitType::ALL
        .iter()
        .map(|u| serde_json::to_string(u).unwrap_or_default())
        .collect();
    assert_eq!(
        names,
        [
            "\"national\"",
            "\"province\"",
            "\"district\"",
            "\"commune\"",
            "\"ward\"",
            "\"township\"",
            "\"cell\"",
            "\"party_committee_other\""
        ]
    );
    for u in UnitType::ALL {
        assert_eq!(u.as_str().parse::<UnitType>(), Ok(u));
        assert_eq!(u.to_string(), u.as_str());
    }
    assert_eq!("phường".parse::<UnitType>(), Ok(UnitType::Ward));
    assert_eq!("Chi bộ".parse::<UnitType>(), Ok(UnitType::Cell));
    assert!("hamlet".parse::<UnitType>().is_err());
    assert_eq!(UnitType::Ward.facet_path(), "/grassroots/ward");
    assert_eq!(UnitType::Cell.facet_path(), "/grassroots/cell");
    assert_eq!(UnitType::PartyCommitteeOther.facet_path(), "/other");
    assert_eq!(UnitType::National.facet_path(), "/national");
}

#[test]
fn cells_wards_and_committees_from_titles() {
    assert_eq!(
        unit(
            "Đại hội Chi bộ khu 5B, phường Quang Trung lần thứ V, nhiệm kỳ 2022-2025",
            ""
        ),
        Some((UnitType::Cell, Some("Chi bộ khu 5B".into())))
    );
    assert_eq!(
        unit(
            "Đại hội điểm Đảng bộ phường Chi Lăng, thành phố Lạng Sơn nhiệm kỳ 2025 - 2030",
            ""
        ),
        Some((UnitType::Ward, Some("phường Chi Lăng".into())))
    );
    assert_eq!(
        unit(
            "Đảng bộ phường Bách Quang tổ chức Đại hội đại biểu lần thứ XXIV",
            ""
        ),
        Some((UnitType::Ward, Some("phường Bách Quang".into())))
    );
    assert_eq!(
        of("Đại hội Đảng bộ xã Thần Sa lần thứ I"),
        Some(UnitType::Commune)
    );
    assert_eq!(
        of("Đại hội Đảng bộ thị trấn Chi Lăng"),
        Some(UnitType::Township)
    );
    assert_eq!(
        of("Đại hội Đảng bộ huyện Chi Lăng lần thứ XXVI"),
        Some(UnitType::District)
    );
    assert_eq!(
        of("Đại hội Đảng bộ TP. Sông Công lần thứ X"),
        Some(UnitType::District)
    );
    assert_eq!(
        of("Đại hội Đảng bộ tỉnh Thái Nguyên lần thứ XXI"),
        Some(UnitType::Province)
    );
    assert_eq!(
        of("Đại hội Đảng bộ thành phố Hà Nội lần thứ XVII"),
        Some(UnitType::Province)
    );
    assert_eq!(
        of("Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 5"),
        Some(UnitType::Province)
    );
    assert_eq!(
        of("Hội nghị Tỉnh ủy Lạng Sơn lần thứ 20"),
        Some(UnitType::Province)
    );
    assert_eq!(
        of("Đại hội Đảng bộ Khối các cơ quan tỉnh lần thứ V"),
        Some(UnitType::PartyCommitteeOther)
    );
    assert_eq!(
        of("Đại hội Đảng bộ Quân sự tỉnh nhiệm kỳ 2025-2030"),
        Some(UnitType::PartyCommitteeOther)
    );
    assert_eq!(
        of("Đại hội Đảng bộ Công an tỉnh"),
        Some(UnitType::PartyCommitteeOther)
    );
    assert_eq!(
        unit("Đảng bộ cơ quan LĐLĐ TPHCM tặng bằng khen", ""),
        Some((
            UnitType::PartyCommitteeOther,
            Some("Đảng bộ cơ quan LĐLĐ TPHCM".into())
        ))
    );
    assert_eq!(
        unit(
            "Đại hội Đảng bộ Khối các cơ quan tỉnh Lạng Sơn lần thứ V",
            ""
        ),
        Some((
            UnitType::PartyCommitteeOther,
            Some("Đảng bộ Khối các cơ quan tỉnh Lạng Sơn".into())
        ))
    );
}

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
fn personnel_and_discipline_news_are_the_post_s_unit() {
    assert_eq!(
        of("Khiển trách ông Phạm Dũng, Bí thư Thị ủy La Gi"),
        Some(UnitType::District)
    );
    assert_eq!(
        of("Chủ tịch tỉnh Hà Tây giữ chức quyền bí thư Tỉnh ủy Lạng Sơn"),
        Some(UnitType::Province)
    );
    assert_eq!(
        of("Cách chức bí thư Đảng ủy xã Cát Thịnh"),
        Some(UnitType::Commune)
    );
    // A post named in other news is no unit at work.
    assert_eq!(
        of("Lũ quét: ông Dương Đức Lợi, Bí thư Đảng ủy xã Cát Thịnh, kể lại"),
        None
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
fn lead_decides_when_the_title_names_no_organization() {
    assert_eq!(
        unit(
            "TP. Sông Công: Đại hội đảng điểm cấp cơ sở thành công tốt đẹp",
            "Ngày 19-1, Đảng bộ phường Bách Quang (TP. Sông Công) tổ chức Đại hội đại biểu lần thứ XXIV."
        ),
        Some((UnitType::Ward, Some("phường Bách Quang".into())))
    );
    // In the lead, only the organization holding the event counts.
    assert_eq!(unit("Tin tức", "Tới dự có Bí thư Tỉnh ủy Lạng Sơn."), None);
    // A person's office is not the committee acting.
    assert_eq!(
        of("VFF mời ông Lê Thanh Long - Bí thư tỉnh uỷ Long An"),
        None
    );
    assert_eq!(of("Hội nghị Tỉnh ủy Long An"), Some(UnitType::Province));
    assert_eq!(
        unit("Hội nghị Ban Thường vụ Thành ủy TPHCM", ""),
        Some((UnitType::Province, Some("thành phố Hồ Chí Minh".into())))
    );
    assert_eq!(
        unit("Dai hoi Dang bo phuong Bach Quang", ""),
        Some((UnitType::Ward, Some("phường Bách Quang".into())))
    );
    assert_eq!(of("Ông X, Ủy viên Ban Thường vụ Tỉnh ủy Long An"), None);
    // "Thường vụ" opening the title is the standing committee; after a name, a member.
    assert_eq!(
        unit("Thường vụ Huyện ủy Hóc Môn nhận khuyết điểm", ""),
        Some((UnitType::District, Some("huyện Hóc Môn".into())))
    );
    assert_eq!(of("Ông X, thường vụ Huyện ủy Hóc Môn, phát biểu"), None);
    assert_eq!(
        unit(
            "Khai trừ Đảng 2 cán bộ",
            "Hôm qua, Thường vụ huyện ủy Tân Phú, tỉnh Đồng Nai đã họp và quyết định khai trừ."
        ),
        Some((UnitType::District, Some("huyện Tân Phú".into())))
    );
    // A province's committee by the bare name; another organization's acronym is no name.
    assert_eq!(
        unit("Đảng bộ Lạng Sơn tổng kết năm", ""),
        Some((UnitType::Province, Some("Đảng bộ Lạng Sơn".into())))
    );
    assert_eq!(
        of("Đảng bộ Quân đội tổng kết năm"),
        Some(UnitType::PartyCommitteeOther)
    );
    // One person's Party and state posts over the same unit.
    assert_eq!(
        unit("Kiểm điểm bí thư, chủ tịch phường 28, Q. Bình Thạnh", ""),
        Some((UnitType::Ward, Some("phường 28".into())))
    );
    assert_eq!(
        unit(
            "Kỷ luật một chủ tịch UBND xã phá rừng phòng hộ",
            "Với cương vị Bí thư đảng ủy, Chủ tịch xã An Ninh Đông (Tuy An, Phú Yên), ông \
             Nguyễn Kim Long đã cùng gia đình san ủi rừng."
        ),
        Some((UnitType::Commune, Some("xã An Ninh Đông".into())))
    );
    assert_eq!(
        unit("Cách chức bí thư kiêm chủ tịch UBND xã Tân Thiện", ""),
        Some((UnitType::Commune, Some("xã Tân Thiện".into())))
    );
    // A conference reviewing a resolution is no one's self-criticism.
    assert_eq!(
        of("Hội nghị kiểm điểm việc thực hiện nghị quyết, Bí thư Tỉnh ủy Long An chủ trì"),
        None
    );
    assert_eq!(
        unit("Huyện ủy UBND huyện Quế Phong kỷ luật cán bộ", ""),
        Some((UnitType::District, None))
    );
}

#[test]
fn roundups_have_no_unit() {
    assert_eq!(
        unit(
            "Nhiều hoạt động chính trị quan trọng tại các xã, phường trên địa bàn tỉnh",
            "Tại xã Thần Sa, Đảng bộ xã tổ chức Hội nghị Ban Chấp hành lần thứ 3."
        ),
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
fn a_committee_whose_congress_is_cited_holds_nothing() {
    assert_eq!(
        unit(
            "Hình thành những tập đoàn kinh tế mạnh",
            "Góp ý dự thảo văn kiện Đại hội Đảng bộ TPHCM, Ủy ban MTTQ TPHCM tổ chức hội nghị."
        ),
        None
    );
    // Holding its own congress, it is the unit.
    assert_eq!(
        unit("Tin tức", "Đảng bộ TPHCM tổ chức Đại hội lần thứ VIII."),
        Some((UnitType::Province, Some("thành phố Hồ Chí Minh".into())))
    );
}

#[test]
fn a_committee_deciding_in_the_lead_is_the_unit() {
    assert_eq!(
        unit(
            "Cần Thơ công bố đường dây nóng chống tham nhũng",
            "Thành ủy Cần Thơ quyết định thành lập đường dây nóng."
        ),
        Some((UnitType::Province, Some("thành phố Cần Thơ".into())))
    );
    // Named in passing, it does nothing.
    assert_eq!(
        unit(
            "Tin tức",
            "Đoàn công tác của Thành ủy Cần Thơ về thăm bà con vùng lũ."
        ),
        None
    );
}

#[test]
fn a_post_in_the_lead_of_discipline_news_wins_over_a_committee_in_the_title() {
    assert_eq!(
        unit(
            "Tỉnh ủy Trà Vinh phát hiện một quan chức huyện có nhiều khuất tất",
            "Tổ công tác phát hiện ông Huỳnh Hiếu Bi, Bí thư Huyện ủy huyện Cầu Ngang, có nhiều \
             bất minh."
        ),
        Some((UnitType::District, Some("huyện Cầu Ngang".into())))
    );
    // Not personnel or discipline news: the committee the title names.
    assert_eq!(
        unit(
            "Tỉnh ủy Trà Vinh họp bàn phát triển kinh tế",
            "Dự có ông Huỳnh Hiếu Bi, Bí thư Huyện ủy huyện Cầu Ngang."
        ),
        Some((UnitType::Province, Some("tỉnh Trà Vinh".into())))
    );
}

#[test]
fn an_unknown_city_in_an_article_of_unknown_province_has_no_level() {
    let t = Tokens::new("Hội nghị Ban Thường vụ Thành ủy TP", Zone::Title, (0, 0));
    let b = Tokens::new("", Zone::Body, (0, 0));
    let level = |municipality| detect_unit(&t, &b, municipality).map(|c| c.unit_type);
    assert_eq!(level(None), None);
    assert_eq!(level(Some(true)), Some(UnitType::Province));
    assert_eq!(level(Some(false)), Some(UnitType::District));
    // A city the gazetteer knows only below province level keeps its level.
    assert_eq!(
        of("Đại hội Đảng bộ TP. Sông Công lần thứ X"),
        Some(UnitType::District)
    );
}

#[test]
fn the_post_holders_name_and_a_repeated_tp_are_not_the_unit_s_name() {
    let title = Tokens::new("Tin tức", Zone::Title, (0, 0));
    let unit_in = |lead: &str| {
        let body = Tokens::new(lead, Zone::Body, (0, lead.len()));
        detect_unit(&title, &body, Some(true)).map(|c| (c.unit_type, c.name))
    };
    let post = Tokens::new(
        "Bí thư Thành ủy Nguyễn Minh Triết được bầu làm Chủ tịch nước",
        Zone::Title,
        (0, 0),
    );
    let none = Tokens::new("", Zone::Body, (0, 0));
    assert_eq!(
        detect_unit(&post, &none, Some(true)).map(|c| (c.unit_type, c.name)),
        Some((UnitType::Province, None))
    );
    assert_eq!(
        unit_in("Thành ủy TP Đà Lạt tổ chức hội nghị."),
        Some((UnitType::District, Some("thành phố Đà Lạt".into())))
    );
    assert_eq!(
        unit_in("Thành ủy TP HCM tổ chức hội nghị."),
        Some((UnitType::Province, Some("thành phố Hồ Chí Minh".into())))
    );
}

#[test]
fn a_post_is_news_only_when_it_changes_or_is_in_question() {
    // "mới" after the post: a new holder.
    assert_eq!(
        of("Quảng Nam có Bí thư Tỉnh ủy mới"),
        Some(UnitType::Province)
    );
    assert_eq!(
        of("Tân Bí thư Tỉnh ủy Bình Dương nhận nhiệm vụ"),
        Some(UnitType::Province)
    );
    // Any other "mới", or the campaign against corruption, leaves a quoted secretary a
    // source, not the subject.
    assert_eq!(
        of("Xây dựng sân bay quốc tế Phú Quốc Ông A, Bí thư Tỉnh ủy Kiên Giang cho biết: sẽ có sân bay mới"),
        None
    );
    assert_eq!(
        of("Chống tham nhũng cần đồng tâm Cử tri gặp ông B, Bí thư Thành ủy TPHCM"),
        None
    );
    // The cell's name ends before "bị".
    assert_eq!(
        unit("Bí thư chi bộ ấp 3 bị kỷ luật", ""),
        Some((UnitType::Cell, Some("Chi bộ ấp 3".into())))
    );
}

#[test]
fn the_leadership_s_joint_ceremonies_and_the_councils_sessions_have_no_unit() {
    // In a province-level city, where "Thành ủy" alone is the province's committee.
    let in_city = |title: &str| {
        let t = Tokens::new(title, Zone::Title, (0, 0));
        let b = Tokens::new("", Zone::Body, (0, 0));
        detect_unit(&t, &b, Some(true)).map(|c| c.unit_type)
    };
    assert_eq!(
        in_city("Thành ủy tổ chức lễ khánh thành bia tưởng niệm"),
        Some(UnitType::Province)
    );
    assert_eq!(
        in_city(
            "Thành ủy - HĐND - UBND - Ủy ban MTTQ TPHCM đã tổ chức lễ khánh thành bia tưởng niệm"
        ),
        None
    );
    assert_eq!(
        in_city("Thành ủy, UBND, UBMTTQ tổ chức buổi gặp mặt nhân dịp kỷ niệm 30 năm giải phóng"),
        None
    );
    // The Party's own anniversary is the committee's doing.
    assert_eq!(
        in_city("Thành ủy, HĐND, UBND TPHCM tổ chức mít tinh kỷ niệm 75 năm ngày thành lập Đảng"),
        Some(UnitType::Province)
    );
    // A council electing a chairman: the state post changed; the congress the lead
    // recalls is background.
    assert_eq!(
        unit(
            "HĐND tỉnh Phú Yên tiến hành kỳ họp bất thường bầu Chủ tịch UBND tỉnh",
            "Ông A trước đó được Đại hội Đảng bộ tỉnh bầu làm Bí thư Tỉnh ủy."
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
fn in_discipline_news_the_post_in_question_wins_over_the_body_deciding() {
    assert_eq!(
        unit("Bộ Chính trị kỷ luật nguyên Bí thư Tỉnh ủy Bình Dương", ""),
        Some((UnitType::Province, Some("tỉnh Bình Dương".into())))
    );
    assert_eq!(
        unit(
            "Ban Thường vụ Tỉnh ủy Trà Vinh kỷ luật Bí thư Huyện ủy Cầu Ngang",
            ""
        ),
        Some((UnitType::District, Some("huyện Cầu Ngang".into())))
    );
}

#[test]
fn the_post_of_an_enterprise_s_party_committee_is_that_committee_s() {
    assert_eq!(
        unit(
            "Đình chỉ chức vụ Bí thư Đảng ủy của ông Lê Minh Hoàng",
            "Thành ủy TP HCM công bố quyết định đình chỉ sinh hoạt cấp ủy đối với ông Lê Minh Hoàng, Bí thư Đảng ủy công ty Điện lực."
        )
        .map(|u| u.0),
        Some(UnitType::PartyCommitteeOther)
    );
    // Named as a guest's post in other news, it is nothing.
    assert_eq!(
        of("Nhận lời mời của Đại tướng X, Phó bí thư Đảng ủy Quân sự T.Ư, đoàn đại biểu quân sự thăm Việt Nam"),
        None
    );
}

#[test]
fn the_congress_number_may_come_before_the_unit_s_name() {
    assert_eq!(
        unit(
            "Hà Nội phấn đấu tăng trưởng GDP trên 12% mỗi năm",
            "Ngày 21/12, Đại hội Đảng bộ lần thứ XIV TP Hà Nội đã chính thức khai mạc."
        ),
        Some((UnitType::Province, Some("thành phố Hà Nội".into())))
    );
    assert_eq!(
        unit("Đại hội Đảng bộ lần 8 huyện Cần Giờ khai mạc", ""),
        Some((UnitType::District, Some("huyện Cần Giờ".into())))
    );
    // A number not followed by a unit's name is no unit.
    assert_eq!(unit("Đại hội Đảng bộ lần thứ XIV thành công", ""), None);
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
fn a_committee_s_hall_a_standing_post_and_a_commemoration_give_no_unit() {
    // A venue.
    assert_eq!(
        unit(
            "Chiều qua 25.3, tại Hội trường Thị ủy Vị Thanh (Hậu Giang), chương trình \"Tư vấn \
             mùa thi năm 2006\" do Báo Thanh Niên phối hợp Sở GD-ĐT tổ chức.",
            ""
        ),
        None
    );
    // "Thường trực Ban Bí thư" is a person's post on a working visit.
    assert_eq!(
        unit(
            "Tối 31/8, ông Phan Diễn - Ủy viên Bộ Chính trị, Thường trực Ban Bí thư đã làm việc \
             với các cán bộ chủ chốt của tỉnh Lâm Đồng.",
            ""
        ),
        None
    );
    // A commemoration held by the district's leadership as one.
    assert_eq!(
        unit(
            "Tưởng niệm 26 năm ngày mất Chủ tịch Tôn Đức Thắng. Sáng 29-3, Quận ủy-HĐND-UBND - \
             Ủy ban MTTQ quận 8 đã tổ chức trọng thể lễ tưởng niệm.",
            ""
        ),
        None
    );
    // At the Party's seat, the receiver's posts between the seat and "tiếp".
    assert_eq!(
        unit(
            "Chiều 6-9, tại Trụ sở Trung ương Đảng, đồng chí Phan Diễn, Ủy viên Bộ Chính trị - \
             Thường trực Ban Bí thư, đã tiếp Đoàn đại biểu Đảng FUNCINPEC.",
            ""
        ),
        Some((UnitType::National, None))
    );
    // "Trung ương" is one word of a committee's name.
    assert_eq!(
        unit(
            "Sáng 9-4, Đảng ủy Công an Trung ương đã tổ chức hội nghị.",
            ""
        ),
        Some((
            UnitType::PartyCommitteeOther,
            Some("Đảng ủy Công an Trung ương".into())
        ))
    );
}

#[test]
fn a_member_s_post_a_campaign_for_the_congress_and_an_addressee_are_not_at_work() {
    assert_eq!(
        unit(
            "Hội nghị toàn quốc về công tác quản lý nhà nước đối với phát thanh - truyền hình do \
             Bộ Văn hóa - Thông tin tổ chức đã khai mạc. Ủy viên T.Ư Đảng, Bộ trưởng Văn hóa - \
             Thông tin Phạm Quang Nghị đã tham dự.",
            ""
        ),
        None
    );
    // Members nominated or disciplined are still the central body's news.
    assert_eq!(
        unit("“Tôi xin ứng cử ủy viên Trung ương Đảng”", ""),
        Some((UnitType::National, None))
    );
    assert_eq!(
        unit("Kỷ luật 4 ủy viên trung ương Đảng", ""),
        Some((UnitType::National, None))
    );
    assert_eq!(
        unit(
            "Tối 8/4, Bộ Văn hóa - Thông tin phối hợp với UBND tỉnh Cà Mau đã khai mạc \"Liên \
             hoan Thông tin lưu động toàn quốc tuyên truyền Đại hội Đảng Cộng sản Việt Nam lần \
             thứ X\".",
            ""
        ),
        None
    );
    assert_eq!(
        unit(
            "Kiến nghị thành lập Nhạc viện",
            "Ngày 13.3, nhà trường đã có văn bản chính thức gửi Ban Thường vụ Tỉnh ủy Thừa \
             Thiên - Huế về vấn đề này."
        ),
        None
    );
}

#[test]
fn discipline_news_may_name_its_post_in_the_second_paragraph() {
    let t = Tokens::new(
        "Miễn nhiệm 5 lãnh đạo thị xã Đồ Sơn vì sai phạm đất đai",
        Zone::Title,
        (0, 0),
    );
    let text = "Chiều qua, Ban Chỉ đạo đã công bố kỷ luật 20 cán bộ. Trong đó cảnh cáo và miễn \
                nhiệm 5 cá nhân ở cương vị lãnh đạo cao nhất thị xã Đồ Sơn.\nĐó là các ông: Vũ \
                Đức Vận - Bí thư Thị ủy Đồ Sơn; Đinh Xuân Thênh - Phó bí thư thường trực Thị ủy.";
    let lead_end = text.find('\n').unwrap();
    let b = Tokens::new(text, Zone::Body, (0, lead_end));
    let c = detect_unit(&t, &b, None).map(|c| (c.unit_type, c.name));
    // "thị xã Đồ Sơn" is a quận now: still the district's committee.
    assert_eq!(c, Some((UnitType::District, Some("thị xã Đồ Sơn".into()))));
    // A title naming a Party unit keeps the second paragraph out of it.
    let t = Tokens::new("Kỷ luật 4 ủy viên trung ương Đảng", Zone::Title, (0, 0));
    let c = detect_unit(&t, &b, None).map(|c| c.unit_type);
    assert_eq!(c, Some(UnitType::National));
}

#[test]
fn a_congress_to_come_is_not_reported() {
    assert_eq!(
        of("Đại hội Đảng khoá tới là đại hội không có chạy chức"),
        None
    );
    assert_eq!(
        of("Bộ Chính trị bàn chuẩn bị Đại hội Đảng sắp tới"),
        Some(UnitType::National)
    );
    assert_eq!(of("Chuẩn bị Đại hội Đảng sắp tới"), None);
    assert_eq!(of("Khai mạc Đại hội Đảng"), Some(UnitType::National));
}

#[test]
fn a_caption_before_the_lead_is_not_the_paragraph_after_it() {
    let t = Tokens::new(
        "Miễn nhiệm 5 lãnh đạo thị xã Đồ Sơn vì sai phạm đất đai",
        Zone::Title,
        (0, 0),
    );
    let caption = "Ảnh: Bí thư Huyện ủy Cầu Ngang\n";
    let lead = "Chiều qua, Ban Chỉ đạo đã công bố kỷ luật 20 cán bộ, cảnh cáo và miễn nhiệm 5 cá \
                nhân ở cương vị lãnh đạo cao nhất thị xã Đồ Sơn.";
    let text = format!("{caption}{lead}\nĐó là các ông: Vũ Đức Vận - Bí thư Thị ủy Đồ Sơn.");
    let b = Tokens::new(
        &text,
        Zone::Body,
        (caption.len(), caption.len() + lead.len()),
    );
    let c = detect_unit(&t, &b, None).map(|c| c.name);
    assert_eq!(c, Some(Some("thị xã Đồ Sơn".into())));
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
fn a_congress_celebrated_or_to_come_in_the_lead_holds_nothing() {
    assert_eq!(
        unit(
            "Hơn 10.000 người đi bộ ủng hộ người nghèo",
            "Đây là hoạt động của TP chào mừng kỷ niệm 75 năm thành lập Mặt trận và Đại hội Đảng \
             bộ TP lần thứ VIII."
        ),
        None
    );
    assert_eq!(
        unit(
            "Phụ nữ đối thoại với lãnh đạo thành phố",
            "Ông cho biết, chuẩn bị cho Đại hội Đảng bộ TP Đà Nẵng lần thứ 19 sắp tới, Ban Chấp \
             hành chú ý phát triển cán bộ nữ."
        ),
        None
    );
    // The standing deputy secretary is a post.
    assert_eq!(
        unit(
            "Tìm thấy hài cốt liệt sĩ",
            "Ngày 14/10, ông Nguyễn Thanh Hòa, Phó bí thư thường trực Huyện ủy Hòn Đất cho biết."
        ),
        None
    );
}

#[test]
fn a_title_about_a_level_s_officials_takes_the_lead_s_post_at_that_level() {
    assert_eq!(
        unit(
            "Cán bộ xã lừa dân, lập hồ sơ giả bán đất",
            "Công an huyện vừa khởi tố ông Hồ Sỹ Lợi (Phó bí thư Đảng ủy xã Tân Thiện) về tội \
             lợi dụng chức vụ."
        ),
        Some((UnitType::Commune, Some("xã Tân Thiện".into())))
    );
    // A post at another level is not the officials'.
    assert_eq!(
        unit(
            "Đào tạo cán bộ xã",
            "Phát biểu tại lớp học, Bí thư Tỉnh ủy Lạng Sơn nhấn mạnh vai trò của cơ sở."
        ),
        None
    );
}

#[test]
fn a_congress_s_delegates_a_list_of_bodies_and_a_body_reported_to_are_not_at_work() {
    // A delegate of the congress does not hold it.
    assert_eq!(
        unit(
            "Tướng Oánh gọi gần 100 cuộc sang Thái",
            "Bộ Công an đã có văn bản gửi Ủy ban Kiểm tra TW và Ban thẩm tra tư cách đại biểu \
             Đại hội Đảng toàn quốc lần thứ X, khẳng định ông A không liên quan."
        ),
        None
    );
    // "Đảng ủy, Ban Quản lý, CĐ …" lists bodies: no committee named "Đảng ủy, Ban Quản".
    assert_eq!(
        of(
            "Chiều 26-1, Đảng ủy, Ban Quản lý, CĐ và Đoàn Thanh niên các KCX-KCN TPHCM đã đến \
            thăm công nhân"
        ),
        None
    );
    // Reported to the Secretariat; a congress reported to is still the news.
    assert_eq!(
        of("Cơ quan điều tra đề nghị lãnh đạo Bộ Công an báo cáo Ban Bí thư Trung ương Đảng"),
        None
    );
    assert_eq!(
        of("Kiểm điểm vụ PMU18 và báo cáo Đại hội X"),
        Some(UnitType::National)
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
fn a_committee_asked_directing_or_quoted_is_not_at_work() {
    // Asked by another body to act.
    for lead in [
        "Tổng cục Cảnh sát đề nghị Thường trực Tỉnh ủy tỉnh Bình Thuận tổ chức kiểm điểm, xử \
         lý các cán bộ có sai sót.",
        "Thường trực HĐND tỉnh đã gửi Ủy ban Kiểm tra Tỉnh ủy Gia Lai đề xuất hướng xử lý kỷ \
         luật ông A.",
        // Another acts on its word.
        "Thực hiện chỉ đạo của Tỉnh ủy Bình Thuận, Công an tỉnh đã thi hành kỷ luật khiển \
         trách hai cán bộ.",
        // The news's source.
        "Nguồn tin từ Ủy ban Kiểm tra Tỉnh ủy Hậu Giang cho biết các cơ quan sẽ xử lý kỷ luật \
         đại biểu HĐND Trần Văn Minh.",
        // The words before count from the committee's organ.
        "Thực hiện sự chỉ đạo của Ban Tư tưởng - Văn hóa Thành ủy TPHCM, Tạp chí Sổ tay xây \
         dựng Đảng tổ chức biên soạn tập sách.",
    ] {
        assert_eq!(unit("Xử lý cán bộ có sai sót", lead), None, "{lead}");
    }
    // Its own proposal, and a proposal to discipline it, are its news.
    assert_eq!(
        unit(
            "Xử lý cán bộ có sai sót",
            "Theo đề nghị của Huyện ủy Tân Phú, Ban Thường vụ Tỉnh ủy đã quyết định kỷ luật ông A."
        ),
        Some((UnitType::District, Some("huyện Tân Phú".to_string())))
    );
    assert_eq!(
        unit("Đề nghị kỷ luật Huyện ủy Phú Quốc", "").map(|u| u.0),
        Some(UnitType::District)
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
fn a_member_s_post_is_the_unit_of_discipline_news_about_its_holder() {
    // A district committee's member: the district named next in the clause.
    assert_eq!(
        unit(
            "Giám đốc trung tâm y tế liên quan mua bán thuốc gây nghiện",
            "Hôm qua, Ban thường vụ Tỉnh ủy Khánh Hòa đã đình chỉ sinh hoạt cấp ủy và sinh hoạt \
             Đảng với ông Nguyễn Thành Thái (huyện ủy viên, bác sĩ, giám đốc Trung tâm Y tế \
             huyện Vạn Ninh)."
        ),
        Some((UnitType::District, Some("huyện Vạn Ninh".to_string())))
    );
    // An enterprise's committee member.
    assert_eq!(
        unit(
            "Ban thường vụ Thành ủy Đà Lạt đã họp quyết định cách chức Đảng ủy viên Đảng bộ \
             Công ty quản lý công trình đô thị Đà Lạt đối với giám đốc Nguyễn Thế Bình.",
            ""
        )
        .map(|u| u.0),
        Some(UnitType::PartyCommitteeOther)
    );
    // A provincial committee's member, in the lead of discipline news.
    assert_eq!(
        unit(
            "Đề nghị xử lý kỷ luật 2 phó chủ tịch tỉnh",
            "Ban thường vụ Tỉnh ủy đề nghị xử lý kỷ luật ông A, tỉnh ủy viên, phó chủ tịch UBND \
             tỉnh."
        ),
        Some((UnitType::Province, None))
    );
    // No district named after a district committee's member: no unit from the post.
    assert_eq!(
        unit(
            "Kỷ luật một cán bộ",
            "Ông A, huyện ủy viên, bị kỷ luật cảnh cáo."
        ),
        None
    );
    // Outside discipline news a member's post is only a description.
    assert_eq!(
        unit(
            "Khánh thành trường học",
            "Ông A, huyện ủy viên, giám đốc Trung tâm Y tế huyện Vạn Ninh, dự lễ khánh thành."
        ),
        None
    );
}

#[test]
fn the_party_disciplining_a_level_s_officials_is_their_unit_s_news() {
    let lead = "Hôm qua, Ban thường vụ Tỉnh ủy đã thống nhất kỷ luật khai trừ Đảng ông Đỗ Tố \
                (nguyên chủ tịch UBND huyện Phú Quốc).";
    assert_eq!(
        unit(
            "Khai trừ Đảng nguyên chủ tịch, phó chủ tịch huyện Phú Quốc",
            lead
        ),
        Some((UnitType::District, Some("huyện Phú Quốc".to_string())))
    );
    // Without its unit named in the title, the committee deciding is the unit.
    assert_eq!(
        unit("Khai trừ Đảng một chủ tịch huyện", lead).map(|u| u.0),
        Some(UnitType::Province)
    );
    // The state's step in the title: not the Party's news.
    assert_eq!(
        unit(
            "Cách chức nguyên chủ tịch huyện Phú Quốc",
            "UBND tỉnh vừa cách chức ông Đỗ Tố."
        ),
        None
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

#[test]
fn a_former_post_presents_a_person_in_news_of_a_post_changing_hands() {
    let lead = "Tại Đại hội, Ban Thường vụ đã nhất trí đề cử ông Lê Thanh Tâm, nguyên bí thư Tỉnh \
                ủy Long An, giữ chức chủ tịch liên đoàn.";
    assert_eq!(
        unit("Ông Lê Thanh Tâm giữ chức chủ tịch LĐBĐ Long An", lead),
        None
    );
    // In misconduct news the former holder's past is in question.
    assert_eq!(
        unit(
            "Kỷ luật cán bộ sai phạm đất đai",
            "Ông A, nguyên bí thư Huyện ủy Cầu Ngang, bị cảnh cáo."
        ),
        Some((UnitType::District, Some("huyện Cầu Ngang".to_string())))
    );
}
