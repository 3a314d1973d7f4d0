"""Nominations in the shapes that published reporting takes (issue 9), one rule per article.

Every article here is our own writing in the shape of a failure class met in real
reporting (docs/importer.md lists the classes); none is copied from the corpus.
"""

from awards.importer.extracting import extract


def rows(article):
    return {(n.nominee, n.award, n.status) for n in article.nominations}


def test_numbered_award_header_with_dashed_items_under_it(own_article):
    article = extract(own_article("consultation_numbered_award_header_dashes.txt"))
    assert rows(article) == {
        ("Sở Tư pháp tỉnh Sơn La", "gov_flag", "proposed"),
        ("Hội Nông dân tỉnh Sơn La", "gov_flag", "proposed"),
        ("Nhân dân và cán bộ xã Chiềng Mung, huyện Mai Sơn, tỉnh Sơn La", "gov_flag", "proposed"),
        ("Công ty TNHH MTV Cấp nước Sơn La", "gov_flag", "proposed"),
        ("Phòng Kinh tế hợp tác thuộc Liên minh Hợp tác xã tỉnh Sơn La", "pm_cert", "proposed"),
    }
    assert not any(n.flags for n in article.nominations)


def test_numbered_items_end_at_the_first_semicolon_before_the_reason(own_article):
    article = extract(own_article("decision_numbered_items_with_reason_tails.txt"))
    assert rows(article) == {
        ("Phòng Nội vụ huyện Mường Tè", "prov_flag", "awarded"),
        (
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Mường Tè",
            "prov_flag",
            "awarded",
        ),
        ("Ban Quản lý dự án đầu tư xây dựng huyện Mường Tè", "prov_flag", "awarded"),
    }


def test_a_counted_list_takes_the_award_of_the_sentence_before(own_article):
    article = extract(own_article("count_then_list_in_next_sentence_dash_tails.txt"))
    assert rows(article) == {
        ("Hội Nông dân tỉnh Sơn La", "gov_flag", "proposed"),
        ("Hội Nông dân tỉnh Cà Mau", "gov_flag", "proposed"),
    }
    # the closing sentence names an award but no unit: listed for staff, not guessed
    assert any("nhiều tập thể" in s for s in article.unread)


def test_two_givers_of_one_award_and_a_giver_in_each_clause(own_article):
    article = extract(own_article("two_givers_and_a_giver_per_clause.txt"))
    assert rows(article) == {
        ("Sở Nội vụ", "gov_flag", "proposed"),
        ("Sở Nội vụ", "prov_flag", "proposed"),
        ("Sở Tài chính", "prov_cert", "proposed"),
        ("Sở Xây dựng", "prov_cert", "proposed"),
        ("Bệnh viện Đa khoa tỉnh", "ministry_flag", "proposed"),
        ("Trung tâm Kiểm soát bệnh tật tỉnh", "prov_flag", "proposed"),
        ("Huyện ủy Tây Sơn", "other", "proposed"),
        ("Huyện ủy Phù Cát", "other", "proposed"),
        ("Thị ủy An Nhơn", "other", "proposed"),
    }


def test_giver_named_after_the_award_with_do_trao_tang(own_article):
    article = extract(own_article("giver_after_award_do_trao_tang.txt"))
    assert rows(article) == {
        ("Huyện đoàn Châu Thành", "ministry_flag", "awarded"),
        ("Công ty Cổ phần Nhựa Phương Nam", "prov_flag", "awarded"),
        ("Trần Quốc Vinh", "prov_cert", "awarded"),
    }


def test_decision_items_keep_their_parent_places(own_article):
    article = extract(own_article("decision_items_with_parent_places.txt"))
    assert rows(article) == {
        ("Nhân dân và Cán bộ xã Quang Trung, huyện Hòa An, tỉnh Cao Bằng", "gov_flag", "awarded"),
        (
            "Nhân dân và Cán bộ phường Hoàng Văn Thụ, thị xã Bảo Lạc, tỉnh Cao Bằng",
            "gov_flag",
            "awarded",
        ),
        ("Hợp tác xã Nông nghiệp Hà Quảng, tỉnh Cao Bằng", "gov_flag", "awarded"),
    }


def test_caption_with_a_count_and_names_in_parentheses(own_article):
    article = extract(own_article("caption_count_paren_quoted_flag.txt"))
    assert rows(article) == {
        ("Sở Xây dựng", "prov_flag", "awarded"),
        ("Sở Giao thông vận tải", "prov_flag", "awarded"),
    }


def test_bare_province_names_after_a_counted_unit_and_the_ministry_as_giver(own_article):
    article = extract(own_article("ministry_bare_places_after_count.txt"))
    assert rows(article) == {
        ("Sở Y tế tỉnh Lào Cai", "ministry_flag", "awarded"),
        ("Sở Y tế Hà Giang", "ministry_flag", "awarded"),
        ("Sở Y tế Phú Yên", "ministry_flag", "awarded"),
        ("Sở Y tế Kon Tum", "ministry_flag", "awarded"),
        ("Sở Y tế Bạc Liêu", "ministry_flag", "awarded"),
    }


def test_police_titles_in_quotes_and_a_department_of_a_ministry(own_article):
    article = extract(own_article("police_quoted_titles.txt"))
    assert rows(article) == {
        ("Công an huyện Bình Sơn", "ministry_flag", "proposed"),
        ("Công an huyện Sơn Tịnh", "other", "proposed"),
        ("Công an huyện Tư Nghĩa", "other", "proposed"),
        ("Công an huyện Mộ Đức", "other", "proposed"),
    }


def test_subject_frames_dat_cung_voi_and_trong_do(own_article):
    article = extract(own_article("subject_frames_dat_cung_voi_trong_do.txt"))
    assert rows(article) == {
        ("xã Bình Phan", "excellent_collective", "proposed"),
        ("xã Bình Phan", "prov_flag", "proposed"),
        ("Hội Khuyến học tỉnh", "prov_flag", "proposed"),
        ("Hội Luật gia tỉnh", "prov_flag", "proposed"),
        ("Hội Đông y tỉnh", "prov_flag", "proposed"),
        ("Báo Tiền Giang", "prov_flag", "proposed"),
        ("Sở Ngoại vụ", "prov_flag", "proposed"),
    }


def test_households_and_persons_in_a_consultation_notice(own_article):
    article = extract(own_article("households_and_persons_after_award.txt"))
    got = {(n.nominee, n.kind, n.award, n.status) for n in article.nominations}
    assert got == {
        ("ông Lê Văn Sáu - bà Trần Thị Tư", "collective", "other", "proposed"),
        ("ông Hồ Văn Bảy - bà Đinh Thị Năm", "collective", "other", "proposed"),
        ("Phan Đức Minh", "individual", "labor_order_2", "proposed"),
        ("Gia đình ông Vũ Văn Hải, bà Lê Thị Hoa", "collective", "other", "proposed"),
        ("Trường Tiểu học Quỳnh Lâm, huyện Quỳnh Lưu", "collective", "labor_order_3", "proposed"),
    }


def test_names_before_the_award_after_suy_ton_and_a_withdrawal_left_out(own_article):
    article = extract(own_article("suy_ton_names_before_flag_without_cua.txt"))
    assert rows(article) == {
        ("Viễn thông Phú Yên", "prov_flag", "proposed"),
        ("Công ty Xăng dầu Phú Yên", "prov_flag", "proposed"),
        ("Bộ Chỉ huy Quân sự TP", "prov_flag", "proposed"),
        ("Cục Thi hành án dân sự", "prov_flag", "proposed"),
        ("Thanh tra TP", "prov_flag", "proposed"),
    }


def test_each_row_tells_its_sentence_frame_and_confidence(own_article):
    article = extract(own_article("two_givers_and_a_giver_per_clause.txt"))
    for nom in article.nominations:
        assert nom.nominee in nom.sentence
        assert nom.frame
        assert 0 < nom.confidence <= 1
    data = article.to_dict()
    assert {"frame", "confidence", "flags", "sentence"} <= set(data["nominations"][0])
    assert "unread" in data


def test_a_count_that_the_names_do_not_fill_flags_the_rows():
    text = (
        "Khối thi đua số 4 tổng kết năm 2024\n\n"
        "Hội nghị thống nhất đề nghị UBND tỉnh tặng Bằng khen cho 03 đơn vị: "
        "Sở Nội vụ, Sở Tư pháp.\n"
    )
    article = extract(text)
    assert rows(article) == {
        ("Sở Nội vụ", "prov_cert", "proposed"),
        ("Sở Tư pháp", "prov_cert", "proposed"),
    }
    assert all("count" in n.flags for n in article.nominations)


def test_a_sentence_with_an_award_but_no_unit_is_unread_not_guessed():
    text = (
        "Khối thi đua số 4 tổng kết năm 2024\n\n"
        "Dịp này, UBND tỉnh tặng Bằng khen cho các tập thể có thành tích xuất sắc.\n"
    )
    article = extract(text)
    assert article.nominations == []
    assert article.unread == [
        "Dịp này, UBND tỉnh tặng Bằng khen cho các tập thể có thành tích xuất sắc."
    ]


def test_an_excerpt_that_opens_with_the_list_header_and_a_credit_after_the_last_item(
    own_article,
):
    article = extract(own_article("excerpt_opening_with_list_header.txt"))
    assert rows(article) == {
        ("Phòng Tài chính - Kế hoạch huyện Quản Bạ", "prov_flag", "awarded"),
        ("Nhân dân và cán bộ xã Quyết Tiến, huyện Quản Bạ, tỉnh Hà Giang", "prov_flag", "awarded"),
        (
            "Trung tâm Văn hóa, Thể thao và Truyền thông huyện Quản Bạ",
            "prov_flag",
            "awarded",
        ),
    }
    # three names for "03 tập thể": nothing to flag
    assert not any(n.flags for n in article.nominations)


def test_forces_of_districts_are_the_district_police_and_a_glued_byline_is_dropped(
    own_article,
):
    article = extract(own_article("police_forces_of_districts_and_byline.txt"))
    assert rows(article) == {
        ("Công an huyện Bát Xát", "other", "proposed"),
        ("Công an huyện Mường Khương", "other", "proposed"),
        ("Công an huyện Si Ma Cai", "other", "proposed"),
        ("Công an huyện Bắc Hà", "other", "proposed"),
    }


def test_an_abbreviation_the_article_defines_is_one_unit_and_a_list_far_after_gom(own_article):
    article = extract(own_article("abbreviation_defined_and_far_list.txt"))
    assert rows(article) == {
        ("Hội Chữ thập đỏ tỉnh", "gov_flag", "awarded"),
        ("Hội CTĐ huyện Sơn Dương", "labor_order_3", "proposed"),
        ("Hội CTĐ huyện Yên Sơn", "labor_order_3", "proposed"),
    }
    # the caption's "Hội CTĐ tỉnh" is the same award to the same unit: read, not repeated
    assert article.unread == []


def test_a_counted_list_goes_on_over_paragraphs_past_a_photo_caption(own_article):
    article = extract(own_article("list_over_paragraphs_and_caption.txt"))
    assert {n.nominee for n in article.nominations} == {
        "Vụ Giám đốc kiểm tra I, TAND tối cao",
        "Vụ Tổng hợp, TAND tối cao",
        "Văn phòng TAND tối cao",
        "Tạp chí Tòa án nhân dân",
        "TAND cấp cao tại Hà Nội",
        "TAND tỉnh Phú Thọ",
        "TAND tỉnh Hà Tĩnh",
        "TAND tỉnh Kiên Giang",
        "TAND tỉnh Sóc Trăng",
    }
    assert {(n.award, n.status) for n in article.nominations} == {("gov_flag", "proposed")}
    # nine names fill "9 tập thể": the header's rows are no longer flagged
    assert not any(n.flags for n in article.nominations)


def test_counts_by_kind_then_a_list_for_each_kind(own_article):
    article = extract(own_article("counts_by_kind_then_lists.txt"))
    got = {(n.nominee, n.kind, n.award) for n in article.nominations}
    assert got == {
        ("Phòng 3, Cục Cảnh sát hình sự", "collective", "other"),
        ("Công an tỉnh Hà Nam", "collective", "other"),
        (
            "Đội Cảnh sát giao thông số 2, Phòng Cảnh sát giao thông, Công an tỉnh Ninh Bình",
            "collective",
            "other",
        ),
        ("Công an huyện Kỳ Sơn, Công an tỉnh Nghệ An", "collective", "other"),
        ("Tiểu đoàn Cảnh sát cơ động số 2, Bộ Tư lệnh Cảnh sát cơ động", "collective", "other"),
        ("Nguyễn Hữu Phước", "individual", "other"),
        ("Lê Minh Quang", "individual", "other"),
    }
    assert article.unread == []


def test_bare_flag_after_the_giver_tang_without_cho_and_a_speaker_is_no_flag_holder(
    own_article,
):
    article = extract(own_article("bare_flag_after_giver_and_tang_without_cho.txt"))
    assert rows(article) == {
        ("Ban Dân vận Tỉnh ủy", "prov_flag", "proposed"),
        ("Ban Nội chính Tỉnh ủy", "prov_cert", "proposed"),
        ("Văn phòng Tỉnh ủy", "prov_cert", "proposed"),
        ("Ban Tổ chức Tỉnh ủy", "prov_flag", "awarded"),
        ("Ủy ban Kiểm tra Tỉnh ủy", "prov_flag", "awarded"),
        ("Đoàn Thanh niên Báo Gia Lai", "pm_cert", "awarded"),
    }
    assert not any(n.flags for n in article.nominations)
    # the speaker's sentence names a flag but no holder: listed, not guessed
    assert any(s.startswith("Ông Rơ Châm Hùng") for s in article.unread)


def test_party_people_and_government_glued_dash_post_and_a_sector_flag(own_article):
    article = extract(own_article("decision_party_people_and_glued_dash.txt"))
    got = {(n.nominee, n.kind, n.award) for n in article.nominations}
    assert got == {
        (
            "Đảng bộ, Chính quyền và Nhân dân thành phố Pleiku",
            "collective",
            "labor_order_1",
        ),
        ("Nguyễn Văn Khải", "individual", "labor_order_2"),
        ("Sở Nội vụ Gia Lai", "collective", "gov_flag"),
        (
            "Chi cục Thi hành án dân sự huyện Chư Sê, tỉnh Gia Lai",
            "collective",
            "ministry_flag",
        ),
    }


def test_the_name_after_la_beats_the_phrase_after_suy_ton_and_a_common_abbreviation_is_one_unit(
    own_article,
):
    article = extract(own_article("la_name_after_suy_ton_and_common_abbreviation.txt"))
    assert rows(article) == {
        ("xã Mỹ Long", "prov_flag", "proposed"),
        ("Sở Giáo dục và Đào tạo Đồng Tháp", "ministry_flag", "awarded"),
    }


def test_persons_with_ranks_and_posts_separated_by_semicolons_and_a_last_va(own_article):
    article = extract(own_article("persons_with_ranks_and_posts_semicolons.txt"))
    got = {(n.nominee, n.kind, n.award, n.position) for n in article.nominations}
    assert got == {
        ("Công an huyện Lục Nam", "collective", "pm_cert", None),
        ("Phòng Cảnh sát cơ động thuộc Công an tỉnh Bắc Giang", "collective", "pm_cert", None),
        (
            "Hoàng Văn Tuấn",
            "individual",
            "pm_cert",
            "Phó Trưởng phòng, Phòng Cảnh sát hình sự, Công an tỉnh Bắc Giang",
        ),
        ("Ngô Thị Mai", "individual", "pm_cert", "Cán bộ Đội Tham mưu, Công an huyện Lục Nam"),
        (
            "Vũ Đức Anh",
            "individual",
            "pm_cert",
            "Cán bộ Đội Cảnh sát giao thông, Công an huyện Yên Thế",
        ),
        # a martyr is a person too
        ("Đồn Công an Khuôn Thần", "collective", "other", None),
        ("Nguyễn Văn Định", "individual", "other", "nguyên Trưởng Công an xã Bình Sơn"),
    }
