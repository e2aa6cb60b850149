//! The province: evidence, weights and decisions.

use super::*;

#[test]
fn resolves_province_names_for_filters() {
    let m = |n: &str| resolve_province(n).map(|m| (m.province, m.province_old, m.current));
    let bac_kan = Some((
        "Thái Nguyên".to_string(),
        Some("Bắc Kạn".to_string()),
        false,
    ));
    assert_eq!(m("Bắc Kạn"), bac_kan);
    assert_eq!(m("bac kan"), bac_kan);
    assert_eq!(m("Tỉnh Bắc Kạn"), bac_kan);
    assert_eq!(m("  tinh  BAC KAN "), bac_kan);
    let tn = Some((
        "Thái Nguyên".to_string(),
        Some("Thái Nguyên".to_string()),
        true,
    ));
    assert_eq!(m("Thái Nguyên"), tn);
    for name in ["Hoà Bình", "Hòa Bình", "hoa binh", "tỉnh Hoà Bình"] {
        assert_eq!(
            m(name),
            Some(("Phú Thọ".to_string(), Some("Hoà Bình".to_string()), false)),
            "{name}"
        );
    }
    for name in [
        "TP. Hồ Chí Minh",
        "Thành phố Hồ Chí Minh",
        "tphcm",
        "TP HCM",
        "Tp Hồ Chí Minh",
    ] {
        assert_eq!(
            m(name).map(|x| x.0),
            Some("Hồ Chí Minh".to_string()),
            "{name}"
        );
    }
    assert_eq!(m("Thừa Thiên Huế").map(|x| x.0), Some("Huế".to_string()));
    assert_eq!(m("Quang Trung"), None);
    assert_eq!(m(""), None);
    assert_eq!(m("tỉnh"), None);
}

#[test]
fn url_domain_is_strong_evidence() {
    let input = FacetInput {
        url: Some("https://baolangson.vn/dai-hoi-5035365.html"),
        ..article("Đại hội điểm Đảng bộ phường", "Không có tên tỉnh.")
    };
    let f = extract(&input);
    assert_eq!(f.province.as_deref(), Some("Lạng Sơn"));
    assert_eq!(f.province_old.as_deref(), Some("Lạng Sơn"));
    assert!(f
        .evidence_for(FacetKind::Province)
        .any(|e| e.rule == "url-domain"));
}

#[test]
fn a_source_field_naming_a_site_counts_as_its_url() {
    let input = FacetInput {
        source: Some("baolangson.vn"),
        ..article("Đại hội điểm Đảng bộ phường", "Không có tên tỉnh.")
    };
    let f = extract(&input);
    assert_eq!(f.province.as_deref(), Some("Lạng Sơn"));
    let vote = f
        .evidence_for(FacetKind::Province)
        .find(|e| e.rule == "url-domain");
    assert_eq!(
        vote.map(|e| (e.source, e.span)),
        Some((Source::Input, None))
    );
    // A source that is not a site is no evidence.
    let named = FacetInput {
        source: Some("Báo Lạng Sơn"),
        ..article("Đại hội điểm Đảng bộ phường", "Không có tên tỉnh.")
    };
    assert_eq!(extract(&named).province, None);
}

/// National papers edited in Hồ Chí Minh City call it "TP" or "Thành ủy" without its name.
#[test]
fn a_city_paper_s_unnamed_city_is_its_home_city() {
    let from = |source: &'static str, title: &'static str, lead: &'static str| {
        extract(&FacetInput {
            source: Some(source),
            ..article(title, lead)
        })
    };
    let nld = |title: &'static str, lead: &'static str| from("nld.com.vn", title, lead);
    let f = nld(
        "Giải quyết ngay vụ sổ đỏ bị treo",
        "Phó Chủ tịch UBND TP Nguyễn Văn A yêu cầu các quận báo cáo.",
    );
    // The lead alone (2) is not enough.
    assert_eq!(f.province, None);
    let f = nld("Việc chuẩn bị chống ngập của TP chưa hiệu quả", "");
    assert_eq!(f.province.as_deref(), Some("Hồ Chí Minh"));
    assert_eq!(f.province_old.as_deref(), Some("Hồ Chí Minh"));
    let vote = f
        .evidence_for(FacetKind::Province)
        .find(|e| e.rule == "city-paper-home")
        .map(|e| (e.source, e.text.as_str()));
    assert_eq!(vote, Some((Source::Title, "TP")));
    // "Thành ủy" unnamed, or with the secretary's name after it; the unit follows.
    let f = nld(
        "Thành ủy họp bàn công tác cán bộ",
        "Sáng qua, Thành ủy đã họp.",
    );
    assert_eq!(f.province.as_deref(), Some("Hồ Chí Minh"));
    assert_eq!(f.unit_type, Some(UnitType::Province));
    assert_eq!(
        nld("Bí thư Thành ủy Nguyễn Minh Triết thăm công nhân", "")
            .province
            .as_deref(),
        Some("Hồ Chí Minh")
    );
    // Another place named in the title or lead: the unnamed TP may be that one.
    assert_eq!(
        nld("UBND TP Đà Nẵng họp", "Lãnh đạo UBND TP cho biết.")
            .province
            .as_deref(),
        Some("Đà Nẵng")
    );
    assert_eq!(
        nld(
            "Lãnh đạo TP tiếp đoàn",
            "Đoàn công tác của tỉnh Cà Mau đến thăm."
        )
        .province,
        None
    );
    // Cities in general, a club's acronym, a name in brackets, "thành phố" spelled out.
    for title in [
        "16 tỉnh, TP tham gia hội thao",
        "Bệnh viện tuyến Trung ương và TP quá tải",
        "Xe buýt ở các TP lớn",
        "ĐA.TP thắng trận thứ ba",
        "HĐND TP (Hà Nội) họp",
        "Lãnh đạo thành phố tiếp đoàn",
    ] {
        assert_eq!(nld(title, "").province, None, "{title}");
    }
    // Not a city paper: VnExpress writes from both cities.
    assert_eq!(
        from("vnexpress.net", "Lãnh đạo TP tiếp đoàn", "").province,
        None
    );
}

#[test]
fn a_person_s_home_village_is_not_where_the_news_is() {
    let lead = "Theo tờ trình của Thủ tướng, ông Cao Đức Phát sinh năm 1956, quê huyện Ý Yên, tỉnh Nam Định, là tiến sĩ quản lý kinh tế.";
    assert_eq!(
        province("Phê chuẩn bổ nhiệm ông Cao Đức Phát làm Bộ trưởng", lead),
        None
    );
    let obituary = "Ông Trần Xuân Bách sinh ngày 23-5-1924, quê quán xã Nam Ninh, huyện Nam Trực, tỉnh Nam Định.";
    let f = extract(&article("Ông Trần Xuân Bách qua đời", obituary));
    assert_eq!(f.province, None);
    assert!(!f.evidence.iter().any(|e| e.text.contains("Nam Trực")));
    // Where the news is still counts beside it.
    let visit = "Ông Nguyễn Văn A, quê tỉnh Nam Định, đã dự Đại hội Đảng bộ tỉnh Lạng Sơn.";
    assert_eq!(
        province("Đại hội Đảng bộ tỉnh Lạng Sơn", visit).as_deref(),
        Some("Lạng Sơn")
    );
}

#[test]
fn a_commune_the_text_puts_in_another_province_is_an_unknown_place() {
    // The gazetteer's only "xã Anh Dũng" is in Khánh Hòa; the text puts this one in Hải
    // Phòng, the unit above it.
    let lead =
        "Vụ việc xảy ra tại thôn Ninh Hải, xã Anh Dũng, huyện Kiến Thụy, thành phố Hải Phòng.";
    let f = extract(&article("Nghi vợ ngoại tình, con rể đâm chết bố vợ", lead));
    assert_eq!(f.province.as_deref(), Some("Hải Phòng"));
    assert!(!f
        .evidence_for(FacetKind::Province)
        .any(|e| e.text.contains("Anh Dũng")));
}

#[test]
fn a_name_spelt_otherwise_and_cut_short_is_an_unknown_place() {
    // "Chư Pả" is not in the gazetteer; "Chũ" (Bắc Giang) is, and folds like "Chư".
    assert_eq!(
        province("Thủ tướng với bà con dân tộc huyện Chư Pả - Gia Lai", ""),
        province("Thủ tướng với bà con dân tộc huyện Xyz Pả - Gia Lai", ""),
    );
    assert_ne!(
        province("Thủ tướng với bà con dân tộc huyện Chư Pả", "").as_deref(),
        Some("Bắc Ninh")
    );
    // A spelling that differs only in its tones is the same name.
    assert_eq!(
        province("Đại diện Tòa thánh thăm tỉnh Đăk Lăk Tuần này", "").as_deref(),
        Some("Đắk Lắk")
    );
}

#[test]
fn typed_province_and_city_forms() {
    let lead = "Đây là bài viết về công tác xây dựng Đảng ở địa phương.";
    for title in [
        "Đại hội Đảng bộ tỉnh Thái Nguyên",
        "Tỉnh ủy Thái Nguyên quán triệt nghị quyết",
        "TP. Sông Công tổ chức hội nghị",
        "TP Sông Công tổ chức hội nghị",
        "Tp Sông Công tổ chức hội nghị",
        "Thành phố Sông Công tổ chức hội nghị",
        "TP Song Cong to chuc hoi nghi",
    ] {
        assert_eq!(
            province(title, lead).as_deref(),
            Some("Thái Nguyên"),
            "{title}"
        );
    }
}

#[test]
fn old_province_names_map_to_new_ones() {
    let f = extract(&article("Đại hội Đảng bộ tỉnh Bắc Kạn lần thứ XII", ""));
    assert_eq!(f.province.as_deref(), Some("Thái Nguyên"));
    assert_eq!(f.province_old.as_deref(), Some("Bắc Kạn"));
    // Undated, a name both structures share also gives the old province.
    let f = extract(&article("Đại hội Đảng bộ tỉnh Quảng Ninh lần thứ XVI", ""));
    assert_eq!(f.province.as_deref(), Some("Quảng Ninh"));
    assert_eq!(f.province_old.as_deref(), Some("Quảng Ninh"));
    // Hà Tây, merged into Hà Nội in 2008, is named in older news.
    for title in [
        "Hà Tây: Một cháu bé 7 tuổi bị bắt cóc",
        "Tạm đình chỉ công tác Giám đốc Sở GD-ĐT Hà Tây",
    ] {
        let f = extract(&article(title, ""));
        assert_eq!(f.province.as_deref(), Some("Hà Nội"), "{title}");
        assert_eq!(f.province_old.as_deref(), Some("Hà Nội"), "{title}");
    }
    // Short spellings of the time: "HN", "TT-Huế", "Daklak".
    for (title, want) in [
        ("Tòa án nhân dân thành phố HN tuyên án", "Hà Nội"),
        ("TT-Huế: Xe khách phóng rụng barie", "Huế"),
        ("UBND tỉnh Daklak khởi công cầu mới", "Đắk Lắk"),
    ] {
        assert_eq!(province(title, "").as_deref(), Some(want), "{title}");
    }
    let f = extract(&article("Giao thông TPHCM và TP.HCM", ""));
    assert_eq!(f.province.as_deref(), Some("Hồ Chí Minh"));
    assert_eq!(f.province_old.as_deref(), Some("Hồ Chí Minh"));
    for title in [
        "Hội nghị Tỉnh ủy Hoà Bình",
        "Hội nghị Tỉnh ủy Hòa Bình",
        "Hoi nghi Tinh uy Hoa Binh",
    ] {
        let f = extract(&article(title, ""));
        assert_eq!(f.province.as_deref(), Some("Phú Thọ"), "{title}");
        assert_eq!(f.province_old.as_deref(), Some("Hoà Bình"), "{title}");
    }
}

#[test]
fn after_the_reform_shared_names_mean_the_new_province() {
    let input = FacetInput {
        published: Date::new(2025, 9, 15),
        ..article("Hội nghị Tỉnh ủy Thái Nguyên", "")
    };
    let f = extract(&input);
    assert_eq!(f.province.as_deref(), Some("Thái Nguyên"));
    assert_eq!(f.province_old, None);
    let input = FacetInput {
        published: Date::new(2025, 9, 15),
        ..article("Đoàn công tác về huyện Chợ Đồn, tỉnh Bắc Kạn (cũ)", "")
    };
    assert_eq!(extract(&input).province_old.as_deref(), Some("Bắc Kạn"));
}

#[test]
fn ambiguous_ward_names_are_no_evidence() {
    let f = extract(&article(
        "Đại hội Chi bộ khu 5B, phường Quang Trung",
        "Chiều 3/7, Chi bộ khu 5B, phường Quang Trung tổ chức Đại hội. Tới dự có Phó Bí thư Thành ủy.",
    ));
    assert_eq!(f.province, None);
    assert!(f
        .evidence_for(FacetKind::Province)
        .any(|e| e.rule == "ambiguous-name"));
}

#[test]
fn a_committee_without_a_name_is_no_evidence() {
    assert_eq!(
        province(
            "Đại hội Đảng bộ phường Quang Trung",
            "Bí thư Thành ủy dự đại hội. Ban Thường vụ Thành ủy chỉ đạo. Thành ủy tặng hoa."
        ),
        None
    );
}

#[test]
fn a_neighbouring_unit_disambiguates() {
    assert_eq!(
        province("Đại hội Đảng bộ phường Chi Lăng, thành phố Lạng Sơn", "").as_deref(),
        Some("Lạng Sơn")
    );
    // Chi Lăng alone is a ward in Lạng Sơn, Gia Lai and An Giang.
    assert_eq!(province("Đại hội Đảng bộ phường Chi Lăng", ""), None);
}

#[test]
fn passing_mentions_are_outweighed() {
    let body = "Đây là tin về Đảng bộ tỉnh Thái Nguyên trong năm nay, nhiều hoạt động.\n\
                Đoàn đã học tập kinh nghiệm tại tỉnh Bắc Ninh. Sau đó tỉnh Thái Nguyên tổng kết.";
    assert_eq!(
        province("Tỉnh ủy Thái Nguyên tổng kết công tác", body).as_deref(),
        Some("Thái Nguyên")
    );
}

#[test]
fn a_place_named_in_the_headline_backs_the_province_its_text_names() {
    // One typed name in the lead (2) is too little alone; "Đà Lạt", a city of Lâm Đồng, in
    // the headline makes it 3.
    let lead = "Bí thư Tỉnh ủy Lâm Đồng vừa kêu gọi các cơ quan, đơn vị trồng cây xanh.";
    let f = extract(&article("Trồng cây xanh cho Đà Lạt", lead));
    assert_eq!(f.province.as_deref(), Some("Lâm Đồng"));
    let headline: Vec<_> = f
        .evidence_for(FacetKind::Province)
        .filter(|e| e.rule == "headline-name")
        .map(|e| (e.text.as_str(), e.note.as_str()))
        .collect();
    assert_eq!(headline, [("Đà Lạt", "Lâm Đồng, +1")]);
    assert_eq!(province("Trồng cây xanh cho thành phố", lead), None);
    // It only backs: a headline's place the text does not name decides nothing.
    let plain = "Các cơ quan, đơn vị kêu gọi trồng cây xanh.";
    assert_eq!(province("Trồng cây xanh cho Đà Lạt", plain), None);
    // A headline naming two provinces is about both.
    let road = "Bộ Giao thông vận tải thông xe đoạn tuyến qua tỉnh Sơn La.";
    assert_eq!(
        province("Thông xe quốc lộ 6, đoạn Hoà Bình - Sơn La", road),
        None
    );
    assert_eq!(
        province("Thông xe quốc lộ 6 ở Sơn La", road).as_deref(),
        Some("Sơn La")
    );
    // "Hồ Chí Minh" alone is the President or the trail, not the city.
    let trail = "Du khách đi từ Hà Nội tới TP.HCM theo con đường này.";
    assert_eq!(
        province("Đường mòn Hồ Chí Minh thành con đường du lịch", trail),
        None
    );
    // A commune's or ward's name too, when the headline names no wider place.
    let station = "Sở Giao thông công chính Hà Nội vừa quyết định cấm xe ôm đón khách.";
    assert_eq!(
        province("Bến xe Giáp Bát sẽ không còn xe ôm", station).as_deref(),
        Some("Hà Nội")
    );
    // Beside a province's name it is a company's ("Dệt Gia Định" is not phường Gia Định).
    let mill = "Sở Công nghiệp tỉnh Long An vừa cho biết công ty sẽ bán cổ phần.";
    assert_eq!(
        province("Dệt Gia Định bỏ ý định mua Dệt Long An", mill).as_deref(),
        Some("Tây Ninh")
    );
    // A title of more than 20 syllables is a lead, whose bare names pass by.
    let long = "Sáng nay, đoàn đại biểu của nhiều tỉnh, thành phố trong cả nước đã đến thăm và \
                trồng cây xanh cho Đà Lạt trong khuôn khổ chương trình";
    assert_eq!(province(long, lead), None);
}

#[test]
fn the_province_of_the_unit_settles_an_open_province() {
    // Two provinces in the title: the post in question is Lạng Sơn's.
    let f = extract(&article(
        "Chủ tịch tỉnh Quảng Trị giữ chức quyền bí thư Tỉnh ủy Lạng Sơn",
        "",
    ));
    assert_eq!(f.unit_type, Some(UnitType::Province));
    assert_eq!(f.province.as_deref(), Some("Lạng Sơn"));
    assert_eq!(f.province_old.as_deref(), Some("Lạng Sơn"));
    assert!(f
        .evidence_for(FacetKind::Province)
        .any(|e| e.rule == "province-of-the-unit"));
    // One mention in the lead, too little alone, names the unit holding the event.
    let lead = "Hội nghị lần 3 Ban chấp hành Đảng bộ TP.HCM khóa VIII đã bế mạc chiều qua.";
    assert_eq!(
        province("Đầu tư phát triển", lead).as_deref(),
        Some("Hồ Chí Minh")
    );
    // Without a unit, the same tie stays open.
    assert_eq!(
        province("Chủ tịch tỉnh Quảng Trị làm việc với tỉnh Lạng Sơn", ""),
        None
    );
}

#[test]
fn conflicting_provinces_give_none() {
    let f = extract(&article("Tỉnh Lạng Sơn và tỉnh Hà Tĩnh ký kết hợp tác", ""));
    assert_eq!(f.province, None);
    assert!(f
        .evidence_for(FacetKind::Province)
        .any(|e| e.rule == "no-decision"));
    // One passing mention deep in the body, or one in the lead, is too little.
    let body = "Bài viết về công tác cán bộ ở cơ sở trong năm qua.\n\nCó đoàn đến từ tỉnh Hà Tĩnh.";
    assert_eq!(province("Công tác cán bộ", body), None);
    let lead = "Phát biểu tại đại hội, đồng chí X, Bí thư Tỉnh ủy Ninh Thuận cho biết.";
    assert_eq!(
        province("Khai mạc Đại hội Đảng toàn quốc lần X", lead),
        None
    );
    // Named only in the body, a province needs three times the runner-up's score.
    let body = "Bài viết về nhiều công ty cổ phần họp đại hội cổ đông.\n\n\
                Công ty ở TP HCM. Trụ sở tại quận 4, TP HCM. Công ty khác ở thị xã Tân An tỉnh Long An.";
    assert_eq!(province("Nhiều công ty họp đại hội cổ đông", body), None);
}

#[test]
fn title_opening_province() {
    assert_eq!(
        province("Hà Nội: Cấm ô tô đi trên nhiều tuyến phố", "").as_deref(),
        Some("Hà Nội")
    );
    // The name as the sentence's subject: the story is that province's.
    assert_eq!(province("Hà Nội cấm ô tô", "").as_deref(), Some("Hà Nội"));
    assert_eq!(
        province("Quảng Nam có Bí thư Tỉnh ủy mới", "").as_deref(),
        Some("Đà Nẵng")
    );
    // Not a name that goes on ("Thái Bình Dương"), a word that is not one ("Hòa bình"),
    // the President, or two provinces.
    assert_eq!(province("Thái Bình Dương dậy sóng", ""), None);
    assert_eq!(province("Hòa bình cho Trung Đông", ""), None);
    assert_eq!(province("Hồ Chí Minh trả lời báo chí nước ngoài", ""), None);
    assert_eq!(province("Đồng Nai và Tiền Giang hết dịch cúm", ""), None);
}

#[test]
fn national_news_has_no_province_unless_its_headline_opens_with_one() {
    let congress =
        "Sáng nay, tại Hội trường Ba Đình, thành phố Hà Nội, Đại hội đại biểu toàn quốc \
                    lần thứ X của Đảng đã khai mạc. Đại biểu Đảng bộ thành phố Hà Nội phát biểu.";
    let f = extract(&article(
        "Khai mạc Đại hội đại biểu toàn quốc lần thứ X",
        congress,
    ));
    assert_eq!(f.unit_type, Some(UnitType::National));
    assert_eq!((f.province, f.province_old), (None, None));
    let traffic = "Công an TP Hà Nội vừa có thông báo cấm các phương tiện đi lại trên một số \
                   tuyến phố nhằm phục vụ Đại hội Đảng toàn quốc lần thứ X.";
    let f = extract(&article(
        "Hà Nội: Cấm ô tô đi trên nhiều tuyến phố",
        traffic,
    ));
    assert_eq!(f.province.as_deref(), Some("Hà Nội"));
    // The province's own agency acting in the lead.
    let police = "Công an Hà Nội vừa đưa ra phương án phân luồng giao thông phục vụ Đại hội Đảng \
                  toàn quốc lần thứ 12 tại quận Ba Đình, TP Hà Nội.";
    let f = extract(&article(
        "Cấm phương tiện ở nhiều tuyến đường để phục vụ Đại hội Đảng",
        police,
    ));
    assert_eq!(f.unit_type, Some(UnitType::National));
    assert_eq!(f.province.as_deref(), Some("Hà Nội"));
}

#[test]
fn a_chained_province_confirms_a_place_in_the_lead_but_adds_nothing_in_the_body() {
    let lead = "Nam sinh lớp 10 tại THPT Trị An (huyện Vĩnh Cửu, Đồng Nai) được xác định là người \
                gây ra vụ ngộ độc hơi cay.";
    assert_eq!(
        province("Một học sinh là thủ phạm vụ ngộ độc", lead).as_deref(),
        Some("Đồng Nai")
    );
    // Without the chain, one typed place in the lead is too little.
    let bare = "Nam sinh lớp 10 tại THPT Trị An, huyện Vĩnh Cửu được xác định là người gây ra vụ \
                ngộ độc hơi cay.";
    assert_eq!(province("Một học sinh là thủ phạm vụ ngộ độc", bare), None);
    // A person's home in the body does not outvote the place the news is from.
    let body = "Các trinh sát phối hợp với CA quận Thanh Xuân đã bắt quả tang 3 đối tượng tại \
                quận Thanh Xuân.\nLê Hùng Cường (ở huyện Vũ Thư, Thái Bình) là sinh viên.";
    assert_eq!(
        province("Khám phá đường dây thi hộ", body).as_deref(),
        Some("Hà Nội")
    );
}

#[test]
fn every_office_passes_the_first_word_gate() {
    for office in province::OFFICES {
        let capitalized: Vec<String> = office
            .iter()
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
            })
            .collect();
        let text = format!("{} Hải Phòng", capitalized.join(" "));
        let tokens = scan::Tokens::new(&text, scan::Zone::Title, (0, 0));
        assert_eq!(
            province::office_at(&tokens, 0),
            Some(office.len()),
            "{text}"
        );
        let lower = format!("{} Hải Phòng", office.join(" "));
        let tokens = scan::Tokens::new(&lower, scan::Zone::Title, (0, 0));
        assert_eq!(province::office_at(&tokens, 0), None, "{lower}");
    }
}

#[test]
fn a_province_s_department_or_police_names_the_province() {
    let lead = "Sáng 2/2, ông Nguyễn Đức Thế - Phó phòng nghiệp vụ Sở Du lịch Bình Thuận cho biết \
                lượng khách đạt trên 95.000 lượt người.";
    assert_eq!(
        province("Khách quốc tế đến tăng mạnh", lead),
        None,
        "one department in the lead is 2 points, too little alone"
    );
    // With the place the headline names (Mũi Né, a ward of Bình Thuận), it is enough.
    assert_eq!(
        province("Khách quốc tế đến Mũi Né tăng", lead).as_deref(),
        Some("Lâm Đồng")
    );
    assert_eq!(
        province(
            "Sở Du lịch Bình Thuận: khách quốc tế tăng 45%",
            "Lượng khách quốc tế đạt trên 95.000 lượt người."
        )
        .as_deref(),
        Some("Lâm Đồng")
    );
    assert_eq!(
        province(
            "Sẽ cấm giết mổ gia cầm tại các chợ nội đô",
            "Ông Đào Duy Tâm, Phó giám đốc Sở Nông nghiệp và phát triển nông thôn Hà Nội, vừa \
             cho biết.\nCông an Hà Nội sẽ kiểm tra."
        )
        .as_deref(),
        Some("Hà Nội")
    );
    // A province's Party committee by the province's bare name.
    assert_eq!(
        province(
            "Kỷ luật hai ông Phó bí thư Tỉnh ủy",
            "Ngày 14.3, Ban chấp hành Đảng bộ Lạng Sơn đã họp và công bố quyết định kỷ luật vì \
             chưa di dời nhà máy ra khỏi TP Lạng Sơn."
        )
        .as_deref(),
        Some("Lạng Sơn")
    );
    // A type word in the department's name is a typed name already: counted once.
    let f = extract(&article(
        "Kiểm tra an toàn thực phẩm",
        "Sở Y tế TP HCM vừa cho biết.",
    ));
    assert_eq!(
        f.evidence_for(FacetKind::Province)
            .filter(|e| e.rule == "agency-of-province")
            .count(),
        0
    );
    // Its offices: customs, forest rangers, prosecutors, treasury, once each.
    let customs = "Cục Hải quan Lạng Sơn vừa chuyển hồ sơ sang cơ quan điều tra.";
    let f = extract(&article(
        "Nguyên cục trưởng hải quan Lạng Sơn bị khởi tố",
        customs,
    ));
    assert_eq!(f.province.as_deref(), Some("Lạng Sơn"));
    let offices: Vec<&str> = f
        .evidence_for(FacetKind::Province)
        .filter(|e| e.rule == "agency-of-province")
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(offices, ["Cục Hải quan Lạng Sơn"]);
    for office in [
        "Kiểm lâm Hải Phòng",
        "Viện Kiểm sát nhân dân Hải Phòng",
        "Kho bạc Nhà nước Hải Phòng",
    ] {
        let lead = format!("{office} vừa phát hiện sai phạm.\nSau đó {office} báo cáo.");
        assert_eq!(
            province("Phát hiện sai phạm", &lead).as_deref(),
            Some("Hải Phòng"),
            "{office}"
        );
    }
    // Not a company named after the province: "Bưu điện Hà Nội" also plays volleyball.
    let team = "Bưu điện Hà Nội thắng 3-0.\nBưu điện Hà Nội vào chung kết.";
    assert_eq!(province("Bóng chuyền nữ", team), None);
}

#[test]
fn a_committee_whose_place_is_typed_again_names_it() {
    let f = extract(&article(
        "Đại hội Đảng khoá tới là đại hội không có chạy chức",
        "Bí thư Thành uỷ TP. HCM Nguyễn Thiện Nhân nêu rõ nội dung này khi phát biểu bế mạc Hội \
         nghị Thành uỷ lần thứ 16 khoá X, diễn ra ngày 17-4.\nÔng cho biết Thành uỷ TP. HCM sẽ \
         chuẩn bị nhân sự.",
    ));
    assert_eq!(f.province.as_deref(), Some("Hồ Chí Minh"));
    assert_eq!(f.unit_type, Some(UnitType::Province));
}

#[test]
fn explain_names_the_new_province_rules() {
    let f = extract(&article(
        "Phố đêm Hội An nhận giải",
        "Tối 26/3, tại Chùa Cầu - Hội An (Quảng Nam), Thời Báo Kinh Tế đã trao giải. Sở Du \
         lịch Quảng Nam cho biết, huyện Duy Xuyên, Quảng Nam cũng được trao giải. Đảng bộ \
         Quảng Nam chúc mừng.",
    ));
    let rules: Vec<&str> = f
        .evidence_for(FacetKind::Province)
        .map(|e| e.rule)
        .collect();
    for rule in [
        "place-with-its-province",
        "agency-of-province",
        "province-closing-chain",
        "committee-of-province",
    ] {
        assert!(rules.contains(&rule), "{rule} missing from {rules:?}");
    }
    assert_eq!(f.province.as_deref(), Some("Đà Nẵng"));
}
