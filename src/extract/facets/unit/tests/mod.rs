use super::*;

mod central;
mod posts;

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
fn an_agency_committee_s_name_keeps_its_two_syllable_words() {
    let name = |title: &str| unit(title, "").and_then(|u| u.1);
    assert_eq!(
        name("Đại hội Đảng bộ cơ quan Bộ Ngoại giao lần thứ XXV"),
        Some("Đảng bộ cơ quan Bộ Ngoại giao".into())
    );
    assert_eq!(
        name("Đảng ủy Khối cơ sở Bộ Công nghiệp tại TPHCM tổ chức tọa đàm"),
        Some("Đảng ủy Khối cơ sở Bộ Công nghiệp".into())
    );
    assert_eq!(
        name("Đại hội Đảng bộ Khối các cơ quan Đối ngoại Trung ương"),
        Some("Đảng bộ Khối các cơ quan Đối ngoại Trung ương".into())
    );
    assert_eq!(
        name("Thường vụ Đảng ủy Tổng cục Cảnh sát họp kiểm điểm"),
        Some("Đảng ủy Tổng cục Cảnh sát".into())
    );
    // One syllable only: the word after "Ngoại giao" is not part of the name.
    assert_eq!(
        name("Đảng bộ cơ quan Bộ Ngoại giao nhận cờ thi đua"),
        Some("Đảng bộ cơ quan Bộ Ngoại giao".into())
    );
    // A brand or an acronym is a word of its own: the verb after it is not the name's.
    assert_eq!(
        name("Đảng bộ Công ty Liksin phát động thi đua"),
        Some("Đảng bộ Công ty Liksin".into())
    );
    assert_eq!(
        name("Đảng bộ cơ quan LĐLĐ TPHCM tặng bằng khen"),
        Some("Đảng bộ cơ quan LĐLĐ TPHCM".into())
    );
    // A head word ("Bộ", "Ban") is a word of one syllable.
    assert_eq!(
        unit(
            "",
            "Lãnh đạo Bộ Thương mại và Đảng ủy cơ quan Bộ sẽ ra quyết định"
        )
        .and_then(|u| u.1),
        Some("Đảng ủy cơ quan Bộ".into())
    );
    // A place's name capitalizes every syllable: the word after it is not the name's.
    assert_eq!(
        name("Đảng bộ Công ty Sông Đà phát động thi đua"),
        Some("Đảng bộ Công ty Sông Đà".into())
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
