use super::*;

mod province_rules;
mod term_rules;

fn article<'a>(title: &'a str, body: &'a str) -> FacetInput<'a> {
    FacetInput {
        title,
        body,
        ..FacetInput::default()
    }
}

fn province(title: &str, body: &str) -> Option<String> {
    extract(&article(title, body)).province
}

fn term(title: &str, body: &str) -> Option<String> {
    extract(&article(title, body)).term.map(|t| t.to_string())
}

#[test]
fn inputs_override_extraction() {
    let input = FacetInput {
        province: Some("bac kan"),
        unit: Some("Chi bộ khu 5B"),
        term: Some("2022 - 2025"),
        published: Date::new(2022, 7, 3),
        ..article(
            "Đại hội Đảng bộ tỉnh Lạng Sơn nhiệm kỳ 2025-2030",
            "Sáng 20/5, x",
        )
    };
    let f = extract(&input);
    assert_eq!(f.province.as_deref(), Some("Thái Nguyên"));
    assert_eq!(f.province_old.as_deref(), Some("Bắc Kạn"));
    assert_eq!(f.unit_type, Some(UnitType::Cell));
    assert_eq!(f.unit_name.as_deref(), Some("Chi bộ khu 5B"));
    assert_eq!(f.term.map(|t| t.to_string()).as_deref(), Some("2022-2025"));
    assert_eq!(f.published, Date::new(2022, 7, 3));
    assert!(f.evidence.iter().filter(|e| e.rule == "input").count() == 4);
    let input = FacetInput {
        unit: Some("ward"),
        province: Some("Atlantis"),
        ..article("Đại hội Đảng bộ tỉnh Lạng Sơn", "")
    };
    let f = extract(&input);
    assert_eq!(f.unit_type, Some(UnitType::Ward));
    assert_eq!(f.province.as_deref(), Some("Lạng Sơn"));
}

#[test]
fn names_match_serialization() {
    for (kind, name) in [
        (FacetKind::ProvinceOld, "province_old"),
        (FacetKind::CongressNumber, "congress_number"),
    ] {
        assert_eq!(
            serde_json::to_value(kind).ok(),
            Some(serde_json::json!(name))
        );
        assert_eq!(kind.as_str(), name);
    }
    assert_eq!(
        serde_json::to_value(Source::Lead).ok(),
        Some(serde_json::json!("lead"))
    );
}

#[test]
fn evidence_reads_well() {
    let f = extract(&article("TP. Sông Công: Đại hội đảng điểm", ""));
    let line = f
        .evidence_for(FacetKind::Province)
        .find(|e| e.rule == "typed-name")
        .map(|e| e.to_string());
    assert_eq!(
        line.as_deref(),
        Some("province [typed-name] title 0..15 «TP. Sông Công»: Thái Nguyên, +4")
    );
}

#[test]
fn long_bodies_are_cut_at_a_character_boundary() {
    assert_eq!(prefix("Đảng", 1), "");
    assert_eq!(prefix("Đảng", 2), "Đ");
    assert_eq!(prefix("Đảng", 3), "Đ");
    assert_eq!(prefix("Đảng", 99), "Đảng");
    let body = format!(
        "{}\n\nTỉnh ủy Lạng Sơn họp.",
        "Đảng bộ đẩy mạnh. ".repeat(5000)
    );
    let f = extract(&article("Tin", &body));
    assert_eq!(f.province, None, "evidence past the cut is not read");
}

proptest::proptest! {
    #[test]
    fn never_panics_on_any_text(title in ".{0,200}", body in "(?s).{0,400}", url in ".{0,60}") {
        let f = extract(&FacetInput {
            title: &title,
            body: &body,
            url: Some(&url),
            source: Some(&url),
            province: Some(&title),
            unit: Some(&title),
            term: Some(&body),
            published: None,
        });
        // Every span points inside its text, on character boundaries.
        for e in &f.evidence {
            if let (Some((from, to)), Source::Title | Source::Lead | Source::Body) = (e.span, e.source) {
                let text = if e.source == Source::Title { &title } else { &body };
                proptest::prop_assert!(text.get(from..to).is_some(), "{e}");
            }
        }
    }

    #[test]
    fn never_panics_on_vietnamese_pieces(pieces in proptest::collection::vec(proptest::sample::select(vec![
        "Đại hội", " Đảng bộ", " phường", " xã", " TP.", " Tp", " tỉnh", " Tỉnh ủy", " Thành ủy",
        " Quang Trung", " Bách Quang", " Sông Công", " Lạng Sơn", " Chi Lăng", " Chi bộ",
        " khu 5B", " lần thứ", " XXIV", " X", " nhiệm kỳ", " 2025", "-", " - ", "2030", ",",
        ".", "\n", " (", ")", " Ngày", " 19-1", " Sáng", " 20/5", " TPHCM", " của Đảng",
        " toàn quốc", " Trung Quốc", " 15 - 16/1", " các", " thị xã", " huyện", " Hoà Bình",
    ]), 0..40)) {
        let text = pieces.concat();
        let f = extract(&FacetInput {
            title: &text,
            body: &text,
            url: Some("https://baothainguyen.vn/chinh-tri/202501/x/"),
            ..FacetInput::default()
        });
        proptest::prop_assert!(f.term.is_none_or(|t| t.end > t.start));
    }
}

#[test]
fn no_panics_on_odd_input() {
    for text in [
        "",
        " ",
        "\n\n",
        "Đại hội",
        "nhiệm kỳ",
        "nhiệm kỳ 2025-",
        "tỉnh",
        "TP.",
        "lần thứ",
        "Ngày 31-2,",
        "Chi bộ",
        "Đảng bộ phường",
        "x\u{0301}\u{0301}",
        "((((",
        "Đại hội Đảng",
    ] {
        let f = extract(&FacetInput {
            title: text,
            body: text,
            url: Some(text),
            source: Some(text),
            unit: Some(text),
            province: Some(text),
            term: Some(text),
            published: None,
        });
        assert_eq!(f.province, None, "{text:?}");
    }
}

#[test]
fn the_party_s_anniversary_takes_the_organizer_its_title_names() {
    let f = extract(&article(
        "Mít tinh kỷ niệm 76 năm ngày thành lập Đảng (NLĐ) - Sáng 2-2-2006, Thành ủy, HĐND, \
         UBND, Ủy ban MTTQ TP Hà Nội đã tổ chức mít tinh trọng thể kỷ niệm 76 năm ngày thành \
         lập Đảng Cộng sản Việt Nam.",
        "Đến dự có Tổng Bí thư Nông Đức Mạnh; Chủ tịch nước Trần Đức Lương.",
    ));
    assert_eq!(f.province.as_deref(), Some("Hà Nội"));
    assert_eq!(f.unit_type, Some(UnitType::Province));
    // Another party's anniversary is no Party unit's.
    let f = extract(&article(
        "Mít tinh kỷ niệm 50 năm ngày thành lập Đảng nhân dân CM Lào (NLĐ) - Hôm nay, tại Hà \
         Nội, BCHTƯ Đảng và Thành ủy Hà Nội tổ chức mít tinh.",
        "Đến dự có Tổng Bí thư Nông Đức Mạnh.",
    ));
    assert_eq!(f.unit_type, None);
}
