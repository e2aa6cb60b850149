//! Personnel and discipline news: the post in question, and who acts on it.

use super::*;

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
    // A cell's committee member.
    assert_eq!(
        unit(
            "Kỷ luật một giám đốc chi nhánh",
            "Tỉnh ủy vừa quyết định cách chức Chi ủy viên Chi bộ chi nhánh Ngân hàng Nhà nước \
             tỉnh đối với ông A."
        )
        .map(|u| u.0),
        Some(UnitType::Cell)
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
fn a_level_s_party_secretary_disciplined_is_the_unit_the_lead_names() {
    let lead = "Huyện ủy Quế Phong vừa quyết định kỷ luật cách chức hai cán bộ xã Thông Thụ là \
                bí thư Đảng uỷ Lương Văn Phiên và chủ tịch UBND Sầm Văn Hoà.";
    assert_eq!(
        unit("Bí thư và chủ tịch xã bị kỷ luật vì rượu chè", lead),
        Some((UnitType::Commune, Some("xã Thông Thụ".to_string())))
    );
    // The chairman alone is the state's: the committee deciding in the lead stays the unit.
    assert_eq!(
        unit("Chủ tịch xã bị kỷ luật vì rượu chè", lead).map(|u| u.0),
        Some(UnitType::District)
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

#[test]
fn a_seat_on_a_committee_s_board_is_not_the_board_at_work() {
    assert_eq!(
        unit(
            "Bùi Tiến Dũng chạy án cho Bùi Quang Hưng?",
            "Vào thời điểm này, Dũng vừa được bầu vào thường vụ Đảng ủy Bộ GTVT và đang có \
             triển vọng được đề bạt thứ trưởng."
        ),
        None
    );
    // The board itself deciding is.
    assert_eq!(
        unit(
            "Họp kiểm điểm",
            "Hôm qua, Thường vụ Đảng ủy Bộ GTVT đã họp kiểm điểm ông A."
        )
        .map(|u| u.0),
        Some(UnitType::PartyCommitteeOther)
    );
}
