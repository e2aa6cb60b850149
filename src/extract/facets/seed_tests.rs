//! The five seed articles (`sample_corpus/00*.txt`), as excerpts: title, the first
//! paragraphs, the passages that could mislead, and the source URL where the page has one.

use super::*;

fn run(title: &str, body: &str, url: Option<&str>) -> Facets {
    let title = crate::text::normalize(title);
    let body = crate::text::normalize(body);
    extract(&FacetInput {
        title: &title,
        body: &body,
        url,
        ..FacetInput::default()
    })
}

fn term(f: &Facets) -> Option<String> {
    f.term.map(|t| t.to_string())
}

#[test]
fn seed_000_bach_quang() {
    let f = run(
        "TP. Sông Công: Đại hội đảng điểm cấp cơ sở thành công tốt đẹp",
        "Ngày 19-1, Đảng bộ phường Bách Quang (TP. Sông Công) tổ chức Đại hội đại biểu lần thứ \
         XXIV, nhiệm kỳ 2025-2030. Đây là Đảng bộ được Ban Chấp hành Đảng bộ TP. Sông Công lựa \
         chọn tổ chức đại hội điểm cấp cơ sở để rút kinh nghiệm.\n\n\
         Các đại biểu biểu quyết tại Đại hội.\n\n\
         Nhiệm kỳ 2020-2025, dưới sự lãnh đạo, chỉ đạo của Thành ủy Sông Công, cùng sự đoàn kết, \
         thống nhất cao trong thực hiện nhiệm vụ chính trị, Đảng bộ phường Bách Quang cơ bản hoàn \
         thành các mục tiêu, nhiệm vụ và đạt nhiều kết quả đáng ghi nhận.\n\n\
         Đại hội đã bầu ra 15 đồng chí vào Ban Chấp hành Đảng bộ phường nhiệm kỳ 2025-2030 và bầu \
         13 đại biểu dự Đại hội đại biểu Đảng bộ TP. Sông Công lần thứ X, nhiệm kỳ 2025-2030.\n\n\
         Sơn Lâm",
        Some("https://baothainguyen.vn/chinh-tri/202501/tp-song-cong-dai-hoi-dang-diem-cap-co-so-thanh-cong-tot-dep-ad50c0f/"),
    );
    assert_eq!(f.province.as_deref(), Some("Thái Nguyên"));
    assert_eq!(f.province_old.as_deref(), Some("Thái Nguyên"));
    assert_eq!(f.unit_type, Some(UnitType::Ward));
    assert_eq!(f.unit_name.as_deref(), Some("phường Bách Quang"));
    assert_eq!(term(&f).as_deref(), Some("2025-2030"));
    assert_eq!(f.congress_number, Some(24));
    assert_eq!(f.published, Date::new(2025, 1, 19));
    assert_eq!(f.unit_facet().as_deref(), Some("/grassroots/ward"));
    let rules: Vec<&str> = f
        .evidence_for(FacetKind::Province)
        .map(|e| e.rule)
        .collect();
    assert_eq!(rules[..2], ["decision", "url-domain"]);
}

#[test]
fn seed_001_chi_lang() {
    let f = run(
        "Đại hội điểm Đảng bộ phường Chi Lăng, thành phố Lạng Sơn nhiệm kỳ 2025 - 2030",
        "Trong 2 ngày (15 - 16/1), Đảng bộ phường Chi Lăng tổ chức Đại hội đại biểu lần thứ XVII, \
         nhiệm kỳ 2025 - 2030. Đây là đơn vị được Ban Thường vụ Thành ủy chỉ đạo tổ chức đại hội \
         điểm đối với loại hình đảng bộ phường, xã.\n\n\
         Dự đại hội có lãnh đạo và đại diện một số ban xây dựng Đảng của tỉnh; Thường trực Thành \
         ủy; các đồng chí Ủy viên Ban Thường vụ Thành ủy; lãnh đạo các phòng, ban của thành phố; \
         lãnh đạo đảng ủy các phường, xã và 166 đại biểu của phường.\n\n\
         Đại hội đã tổng kết, đánh giá những kết quả đạt được của Đảng bộ phường Chi Lăng trong \
         nhiệm kỳ 2020-2025. Trong nhiệm qua, Đảng bộ phường đã lãnh đạo hoàn thành thắng lợi các \
         nhiệm vụ chính trị đề ra qua đó thực hiện đạt và vượt 16/16 chỉ tiêu, nhiệm vụ mà Nghị \
         quyết Đại hội Đảng bộ phường nhiệm kỳ 2020-2025 đề ra.\n\n\
         Đại hội cũng bầu đoàn đại biểu dự Đại hội đại biểu Đảng bộ thành phố Lạng Sơn nhiệm kỳ \
         2025 - 2030 gồm 26 đại biểu chính thức và 2 đại biểu dự khuyết.\n\n\
         PHƯƠNG DUNG - THANH MAI",
        Some("https://baolangson.vn/dai-hoi-diem-dang-bo-phuong-chi-lang-thanh-pho-lang-son-nhiem-ky-2025-2030-5035365.html"),
    );
    assert_eq!(f.province.as_deref(), Some("Lạng Sơn"));
    assert_eq!(f.province_old.as_deref(), Some("Lạng Sơn"));
    assert_eq!(f.unit_type, Some(UnitType::Ward));
    assert_eq!(f.unit_name.as_deref(), Some("phường Chi Lăng"));
    assert_eq!(term(&f).as_deref(), Some("2025-2030"));
    assert_eq!(f.congress_number, Some(17));
    // No date in the URL: the year is the first of the congress's term.
    assert_eq!(f.published, Date::new(2025, 1, 16));
}

#[test]
fn seed_002_thach_quy() {
    let f = run(
        "Sáng ngày 20 tháng 5 năm 2020 Đảng bộ phường Thạch Quý đã tổ chức phiên chính thức đại \
         hội Đảng bộ phường lần thứ XXIII, nhiệm kỳ 2020 – 2025.",
        "Sáng 20/5, Đảng bộ phường Thạch Quý tiến hành Đại hội đại biểu lần thứ XXIII, nhiệm kỳ \
         2020 – 2025. Tham dự đại hội có Bí thư Thành ủy Dương Tất Thắng.\n\n\
         Đại hội đại biểu Đảng bộ phường Thạch Quý lần thứ XXIII,nhiệm kỳ 2020 - 2025 có nhiệm \
         vụ đánh giá những kết quả thực hiện Nghị quyết đại hội lần thứ XXII, rút ra bài học kinh \
         nghiệm, xác định phương hướng, mục tiêu nhiệm vụ 5 năm tới.\n\n\
         Thu nhập bình quân đầu người đạt 55,94 triệu đồng/người/năm, tăng 1,5 lần so với đầu \
         nhiệm kỳ và cao hơn mức bình quân chung toàn thành phố.\n\n\
         Thành ủy viên - Bí thư Đảng ủy phường Thạch Quý Nguyễn Duy Ngân trình bày báo cáo chính \
         trị. Đ/c Lương Quốc Tuấn - UVBTV, Phó bí thư thường trực Thành ủy phát biểu chỉ đạo tại \
         Đại hội",
        None,
    );
    // Thạch Quý is one ward nationwide (Thành phố Hà Tĩnh): the ward name is the evidence,
    // not the unnamed "Thành ủy".
    assert_eq!(f.province.as_deref(), Some("Hà Tĩnh"));
    assert_eq!(f.province_old.as_deref(), Some("Hà Tĩnh"));
    assert!(f
        .evidence_for(FacetKind::Province)
        .any(|e| e.rule == "typed-name" && e.text == "phường Thạch Quý"));
    assert_eq!(f.unit_type, Some(UnitType::Ward));
    assert_eq!(f.unit_name.as_deref(), Some("phường Thạch Quý"));
    assert_eq!(term(&f).as_deref(), Some("2020-2025"));
    assert_eq!(f.congress_number, Some(23));
    assert_eq!(f.published, Date::new(2020, 5, 20));
}

#[test]
fn seed_003_roundup() {
    let f = run(
        "Nhiều hoạt động chính trị quan trọng tại các xã, phường trên địa bàn tỉnh",
        "Thứ hai - 15/09/2025 10:04 0\n\
         Trong những ngày vừa qua, tại các xã, phường trên địa bàn tỉnh đã diễn ra nhiều hoạt động \
         chính trị quan trọng, góp phần cụ thể hóa nghị quyết đại hội đảng bộ các cấp, tạo khí \
         thế thi đua sôi nổi trong cán bộ, đảng viên và Nhân dân.\n\n\
         * Tại xã Thần Sa, Đảng bộ xã tổ chức Hội nghị Ban Chấp hành lần thứ 3, nhiệm kỳ 2025 - \
         2030 (mở rộng), để quán triệt, triển khai các nghị quyết, chỉ thị, kết luận, quy định \
         của Trung ương, của Tỉnh ủy và thảo luận, cho ý kiến nhiều nội dung quan trọng của Đảng \
         bộ xã.\n\
         Hội nghị đã quán triệt, triển khai nhiều chỉ thị, nghị quyết, kết luận của Trung ương và \
         của Tỉnh ủy; đồng thời thảo luận, cho ý kiến về các chương trình, kế hoạch hành động thực \
         hiện Nghị quyết Đại hội đại biểu Đảng bộ xã lần thứ I, nhiệm kỳ 2025 - 2030.\n\
         * Tại phường Gia Sàng, Đảng ủy, HĐND, UBND, Ủy ban MTTQ phường tổ chức Hội nghị điển \
         hình tiên tiến lần thứ I, giai đoạn 2025 - 2030.\n\
         Trong nhiệm kỳ 2020 - 2025, phường đã triển khai hơn 20 phong trào thi đua yêu nước.\n\
         * Tại xã An Khánh, Ban Công tác 35 xã tổ chức Hội nghị triển khai nhiệm vụ năm 2025.\n\
         Các hoạt động trên cho thấy quyết tâm chính trị cao của cấp ủy, chính quyền các xã, \
         phường trong việc triển khai nghị quyết đại hội Đảng các cấp, vì mục tiêu phát triển bền \
         vững của tỉnh Thái Nguyên.\n\
         Lương Thực - Kim Oanh - Đặng Sinh",
        None,
    );
    // Thần Sa and Gia Sàng are unique names in Thái Nguyên, the closing line names the
    // province; An Khánh (six provinces) counts for nothing.
    assert_eq!(f.province.as_deref(), Some("Thái Nguyên"));
    // Published after the reform, and no name of the old structure only: no old province.
    assert_eq!(f.province_old, None);
    assert_eq!(term(&f).as_deref(), Some("2025-2030"));
    // A roundup of several communes and wards reports no single unit, and no congress.
    assert_eq!(f.unit_type, None);
    assert_eq!(f.congress_number, None);
    assert_eq!(f.published, Date::new(2025, 9, 15));
}

#[test]
fn seed_004_quang_trung() {
    let f = run(
        "Đại hội Chi bộ khu 5B, phường Quang Trung lần thứ V, nhiệm kỳ 2022-2025",
        "Chiều 3/7, Chi bộ khu 5B, phường Quang Trung tổ chức Đại hội lần thứ V, nhiệm kỳ \
         2022-2025. Tới dự có các đồng chí: Phạm Tuấn Đạt, Phó Bí thư Thành ủy, Chủ tịch UBND \
         thành phố; Nguyễn Trung Hải, UVBTV Thành ủy, Thủ trưởng Cơ quan Ủy ban Kiểm tra – \
         Thanh tra thành phố; lãnh đạo phường Quang Trung.\n\n\
         Chi bộ Khu 5B hiện có 112 đảng viên. Nhiệm kỳ 2020-2022, chi bộ khu đã giữ vững và phát \
         huy vai trò hạt nhân lãnh đạo.\n\n\
         Những kết quả chi bộ khu phố 5B đạt được trong nhiệm kỳ 2020-2022 đã thể hiện sự đoàn \
         kết, thống nhất cao trong cấp ủy, chi bộ.\n\n\
         Hồng Hoàn",
        None,
    );
    // "phường Quang Trung" names wards in more than ten provinces, and the city is never
    // named: the province is unknown.
    assert_eq!(f.province, None);
    assert_eq!(f.unit_type, Some(UnitType::Cell));
    assert_eq!(f.unit_name.as_deref(), Some("Chi bộ khu 5B"));
    assert_eq!(f.unit_facet().as_deref(), Some("/grassroots/cell"));
    assert_eq!(term(&f).as_deref(), Some("2022-2025"));
    assert_eq!(f.congress_number, Some(5));
    assert_eq!(f.published, Date::new(2022, 7, 3));
}
