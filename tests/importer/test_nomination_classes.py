"""Nomination failure classes met in real reporting (docs/importer.md, "Nominations").

Each test reads an article of our own writing in one shape and pins what the importer
extracts from it: the rows, and the flag and confidence of a row it is unsure of.
"""

import pytest

from awards.importer.extracting import extract
from awards.importer.names import number_value
from awards.importer.reading import read_article


def triples(article):
    return {(n.nominee, n.award, n.status) for n in article.nominations}


def by_name(article):
    return {n.nominee: n for n in article.nominations}


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("03", 3),
        ("mười", 10),
        ("mười một", 11),
        ("mười hai", 12),
        ("mười lăm", 15),
        ("hai mươi", 20),
        ("hai mươi mốt", 21),
        ("ba mươi tư", 34),
        ("mười hai tập", None),
    ],
)
def test_counts_in_words_above_ten(words, value):
    assert number_value(words) == value


def test_a_count_in_words_above_ten_checks_its_list_and_a_name_within_a_count(own_article):
    article = extract(own_article("counts_in_words_and_names_within_parens.txt"))
    assert triples(article) == {
        # "mười hai tập thể (A, B, C)": three names do not fill twelve, so the rows are flagged
        ("Trường Cao đẳng Vĩnh Long", "prov_cert", "proposed"),
        ("Trường Cao đẳng Kinh tế - Tài chính Vĩnh Long", "prov_cert", "proposed"),
        ("Trường Cao đẳng Nghề Trà Vinh", "prov_cert", "proposed"),
        ("Trường Cao đẳng Y tế Trà Vinh", "prov_flag", "proposed"),
        ("Trường Cao đẳng Cộng đồng Vĩnh Long", "prov_flag", "proposed"),
        # "cho 5 tập thể (trong đó có X)": X stands for the count it belongs to
        ("Trường Cao đẳng Sư phạm Vĩnh Long", "ministry_cert", "awarded"),
        # "7 tập thể và 2 cá nhân … (trong đó có ông X)": a person takes the count of persons
        ("Trần Quốc Việt", "other", "awarded"),
    }
    rows = by_name(article)
    assert rows["Trường Cao đẳng Vĩnh Long"].flags == ["count"]
    assert (
        rows["Trường Cao đẳng Vĩnh Long"].confidence
        < rows["Trường Cao đẳng Y tế Trà Vinh"].confidence
    )
    assert rows["Trường Cao đẳng Y tế Trà Vinh"].flags == []
    assert rows["Trần Quốc Việt"].kind == "individual"


def test_a_table_pasted_as_text_with_rows_of_its_own_section_rows_and_tab_cells(own_article):
    text = read_article(own_article("table_notice_section_rows_and_tabs.txt").encode())
    article = extract(text)
    assert triples(article) == {
        ("UBND xã Thanh Sơn", "prov_flag", "proposed"),
        ("UBND xã Hạ Hòa", "prov_cert", "proposed"),
        ("Trường THCS Cẩm Khê", "prov_cert", "proposed"),
        # rows under a section row "I | Tập thể lao động xuất sắc" take its award
        ("Trạm Y tế xã Phù Ninh", "excellent_collective", "proposed"),
        ("Trường Mầm non Lâm Thao", "excellent_collective", "proposed"),
        ("Phòng Văn hóa - Xã hội xã Tam Nông", "ministry_cert", "proposed"),
    }


def test_a_section_award_ends_with_its_table():
    text = (
        "Danh sách khen thưởng\n\n"
        "Hội nghị đề nghị khen thưởng các tập thể sau đây theo quy định của tỉnh:\n\n"
        "| STT | Đơn vị |\n| I | Bằng khen của Chủ tịch UBND tỉnh |\n| 1 | Sở Tư pháp |\n\n"
        "Các đơn vị thành viên của khối được liệt kê dưới đây để bạn đọc tiện theo dõi:\n\n"
        "| 1 | Sở Nội vụ |\n| 2 | Sở Tài chính |\n"
    )
    assert triples(extract(text)) == {("Sở Tư pháp", "prov_cert", "proposed")}


def test_respective_awards_pair_in_order_and_units_referred_back(own_article):
    article = extract(own_article("respective_and_units_referred_back.txt"))
    got = {(n.nominee, n.award, n.frame, tuple(n.flags)) for n in article.nominations}
    assert got == {
        # "A và B lần lượt được đề nghị tặng X và Y": A takes X, B takes Y
        ("Công an xã Ia Grai", "ministry_flag", "names-verb-award", ()),
        ("Công an phường Pleiku", "ministry_cert", "shared-subject", ()),
        # "Hai đơn vị nói trên …" after "A xếp thứ nhất, B xếp thứ nhì": paired in order,
        # but the order is read rather than written, so the rows are flagged
        ("Công an xã Chư Sê", "other", "units-referred-back", ("respective",)),
        ("Công an xã Đức Cơ", "prov_cert", "units-referred-back", ("respective",)),
        # "lần lượt trao X cho A, B và trao Y cho C": each award has its own names
        ("Công an xã Kông Chro", "prov_cert", "award-cho-names", ()),
        ("Công an xã Mang Yang", "prov_cert", "award-cho-names", ()),
        ("Đội Cảnh sát giao thông số 2", "other", "award-cho-names", ()),
        # three names, two awards: no pairing, every row flagged for staff to settle
        ("Phòng Cảnh sát hình sự", "prov_cert", "names-verb-award", ("respective",)),
        ("Phòng An ninh kinh tế", "prov_cert", "names-verb-award", ("respective",)),
        ("Phòng Tham mưu", "prov_cert", "names-verb-award", ("respective",)),
        ("Phòng Cảnh sát hình sự", "other", "shared-subject", ("respective",)),
        ("Phòng An ninh kinh tế", "other", "shared-subject", ("respective",)),
        ("Phòng Tham mưu", "other", "shared-subject", ("respective",)),
    }
    flagged = [n.confidence for n in article.nominations if n.flags]
    plain = [n.confidence for n in article.nominations if not n.flags]
    assert max(flagged) < min(plain)


def test_units_on_the_ground_are_not_units_referred_back():
    text = (
        "Cụm thi đua số 1 tổng kết năm 2025\n\n"
        "Ngày 5/12/2025, Cụm thi đua số 1 tổ chức hội nghị tổng kết. "
        "Sở Nội vụ xếp thứ nhất, Sở Tư pháp xếp thứ nhì. "
        "Hai đơn vị trên địa bàn thành phố được UBND tỉnh tặng Bằng khen."
    )
    assert extract(text).nominations == []


def test_a_misspelt_unit_word_still_opens_a_name_and_flags_the_row(own_article):
    article = extract(own_article("unit_words_misspelt.txt"))
    got = {(n.nominee, n.award, tuple(n.flags)) for n in article.nominations}
    assert got == {
        ("Sờ Tài chính tỉnh Tây Ninh", "gov_flag", ("spelling",)),
        ("UBNB xã Hòa Thành, tỉnh Tây Ninh", "gov_flag", ("spelling",)),
        ("Công tuy Cổ phần Cấp thoát nước Tây Ninh", "gov_flag", ("spelling",)),
        ("Bệnh viện Đa khoa tỉnh Tây Ninh", "gov_flag", ()),
        # each misspelt word opens a name of its own in a list joined by commas
        ("Sờ Nội vụ", "ministry_cert", ("spelling",)),
        ("Sờ Tư pháp", "ministry_cert", ("spelling",)),
        ("UBNB phường Long Hoa", "ministry_cert", ("spelling",)),
        ("Trung tam Y tế khu vực Gò Dầu", "prov_flag", ("spelling",)),
    }


@pytest.mark.parametrize(
    "text",
    ["Số Tài khoản", "Tô Văn Hải", "Hồi Xuân", "Trung tá Nguyễn Văn An", "Sở Tài chính"],
)
def test_words_of_their_own_ranks_and_correct_unit_words_are_not_misspellings(text):
    from awards.importer.names import misspelt_head

    assert not misspelt_head(text)


def test_a_nominee_named_only_in_the_headline(own_article):
    article = extract(own_article("nominee_only_in_headline.txt"))
    assert [(n.nominee, n.award, n.status, n.frame) for n in article.nominations] == [
        ("Trường THPT chuyên Lê Quý Đôn", "gov_flag", "awarded", "headline")
    ]
    assert article.nominations[0].confidence < 0.9


def test_a_headline_adds_nothing_for_an_award_the_body_gave_a_row_for():
    text = (
        "Sở Tư pháp được tặng Cờ thi đua của Chính phủ\n\n"
        "Sáng 9/1/2026, Sở Tư pháp tỉnh Nghệ An tổ chức lễ đón nhận Cờ thi đua của Chính phủ.\n"
    )
    got = [(n.nominee, n.frame) for n in extract(text).nominations]
    assert got == [("Sở Tư pháp tỉnh Nghệ An", "names-verb-award")]


def test_an_award_without_a_subject_goes_to_the_unit_the_article_is_about(own_article):
    article = extract(own_article("award_without_subject_after_report.txt"))
    assert [(n.nominee, n.award, n.status, n.frame, n.flags) for n in article.nominations] == [
        (
            "Hội Cựu chiến binh tỉnh Quảng Trị",
            "ministry_flag",
            "awarded",  # "trình bày báo cáo" is no proposal ("trình")
            "article-subject",
            ["subject"],
        )
    ]
    # the Hội's own certificates for counted units name nobody
    assert any("15 tập thể" in s for s in article.unread)


def test_a_pledge_in_the_headline_and_a_subjectless_tally_of_years_give_no_row(own_article):
    article = extract(own_article("neg_headline_pledge_and_subjectless_history.txt"))
    assert article.nominations == []


def test_communes_after_the_merger_split_at_their_place_words(own_article):
    article = extract(own_article("communes_after_the_merger.txt"))
    assert triples(article) == {
        ("xã Tri Tôn", "prov_flag", "proposed"),
        # "xã A và phường B": two places of the cluster, two names
        ("xã Ba Chúc", "prov_cert", "proposed"),
        ("phường Tịnh Biên", "prov_cert", "proposed"),
        # "Hội Nông dân xã A và xã B": the same unit of the next commune
        ("Hội Nông dân xã Óc Eo", "other", "awarded"),
        ("Hội Nông dân xã Vọng Thê", "other", "awarded"),
        ("UBND xã Mỹ Hòa Hưng", "other", "awarded"),
        ("UBND phường Long Xuyên", "other", "awarded"),
    }
    written = {n.nominee: n.written for n in article.nominations}
    assert written["Hội Nông dân xã Vọng Thê"] == "xã Vọng Thê"


def test_tax_offices_as_named_since_2025_and_a_military_command_is_no_ministry(own_article):
    article = extract(own_article("tax_offices_and_military_givers.txt"))
    assert triples(article) == {
        ("Thuế tỉnh Thái Nguyên", "labor_order_2", "awarded"),
        ("Thuế cơ sở 3 tỉnh Thái Nguyên", "labor_order_3", "awarded"),
        ("Thuế cơ sở 1", "ministry_cert", "awarded"),
        ("Thuế cơ sở 5 tỉnh Thái Nguyên", "ministry_cert", "awarded"),
        ("Nguyễn Thị Lan", "emulation_soldier_national", "awarded"),
        # a flag of a military region's command is neither a ministry's nor a province's
        ("Ban Chỉ huy Phòng thủ khu vực 2 - Cao Lãnh", "other", "proposed"),
        ("Ban Chỉ huy Quân sự xã Mỹ Thọ", "other", "proposed"),
        ("Nguyễn Văn Tâm", "other", "proposed"),
        ("Lê Minh Hải", "other", "proposed"),
    }


def test_new_shapes_read_already_merged_departments_and_union_givers(own_article):
    decision = extract(own_article("decision_plus_items_merged_departments.txt"))
    assert triples(decision) == {
        ("Sở Nông nghiệp và Môi trường", "prov_flag", "awarded"),
        ("Sở Dân tộc và Tôn giáo", "prov_flag", "awarded"),
        ("UBND phường Nha Trang", "prov_flag", "awarded"),
        ("UBND xã Cam Lâm", "prov_flag", "awarded"),
        ("Trường THPT Lý Tự Trọng, phường Nha Trang", "prov_flag", "awarded"),
        ("Bệnh viện Đa khoa khu vực Cam Ranh", "prov_flag", "awarded"),
        ("Lê Văn Tâm", "emulation_soldier_province", "awarded"),
        ("Phan Thị Hồng", "emulation_soldier_province", "awarded"),
    }
    youth = extract(own_article("youth_union_and_hospital_givers.txt"))
    assert triples(youth) == {
        ("Tỉnh đoàn Cà Mau", "ministry_flag", "awarded"),
        ("Đoàn Thanh niên Công an tỉnh", "ministry_cert", "awarded"),
        ("Đoàn xã Tân Thuận", "ministry_cert", "awarded"),
        ("Bệnh viện Sản - Nhi Cà Mau", "ministry_cert", "awarded"),
    }


@pytest.mark.parametrize(
    "name",
    [
        # "nhiều năm qua, đơn vị được …", "ông A từng được tặng …": a tally, no subject to take
        "neg_history_told_by_the_director.txt",
        # the headline and the body give flags to units they do not name
        "neg_flags_to_units_unnamed.txt",
        # "cờ, cúp" of a sports day
        "neg_sports_flags_and_cups.txt",
    ],
)
def test_negatives_in_new_shapes_give_no_row(own_article, name):
    assert extract(own_article(name)).nominations == []


def test_a_second_award_shared_with_the_article_unit_keeps_its_flag():
    text = (
        "Hội Nông dân tỉnh Gia Lai tổng kết năm 2025\n\n"
        "Ngày 12/12/2025, Hội Nông dân tỉnh Gia Lai tổ chức hội nghị tổng kết công tác Hội "
        "năm 2025.\n\n"
        "Bà Rơ Châm H'Lan, Phó Chủ tịch Hội trình bày báo cáo cho biết, năm 2025 các cấp Hội "
        "đã hoàn thành các chỉ tiêu, được Trung ương Hội Nông dân Việt Nam tặng Cờ thi đua "
        "và Bằng khen.\n"
    )
    got = {(n.nominee, n.award, tuple(n.flags)) for n in extract(text).nominations}
    assert got == {
        ("Hội Nông dân tỉnh Gia Lai", "ministry_flag", ("subject",)),
        ("Hội Nông dân tỉnh Gia Lai", "ministry_cert", ("subject",)),
    }


def test_la_don_vi_after_the_subject_is_not_part_of_its_name():
    text = (
        "Khối thi đua các sở tổng kết năm 2025\n\n"
        "Ngày 20/12/2025, Khối thi đua các sở tỉnh Lào Cai tổ chức hội nghị tổng kết năm 2025. "
        "Sở Tài chính là đơn vị dẫn đầu khối, được đề nghị UBND tỉnh tặng Cờ thi đua.\n"
    )
    assert triples(extract(text)) == {("Sở Tài chính", "prov_flag", "proposed")}


def test_sub_units_with_their_parents_and_a_last_unit_after_va(own_article):
    article = extract(own_article("hospital_sub_units_with_parents.txt"))
    assert triples(article) == {
        # "Khoa A, Bệnh viện B; Khoa C, Bệnh viện D và Trung tâm E": ';' parts, each a sub-unit
        # with its parent, and one more unit after the last "và"
        ("Khoa Hồi sức tích cực, Bệnh viện Đa khoa tỉnh", "ministry_cert", "awarded"),
        ("Khoa Nhi, Bệnh viện Đa khoa khu vực Hương Sơn", "ministry_cert", "awarded"),
        ("Trung tâm Kiểm soát bệnh tật tỉnh", "ministry_cert", "awarded"),
        ("Nguyễn Văn Quang", "prov_cert", "awarded"),
        ("Lê Thị Thu Hà", "prov_cert", "awarded"),
        ("Trạm Y tế xã Thạch Hà", "other", "awarded"),
        ("Trạm Y tế phường Thành Sen", "other", "awarded"),
        ("Trạm Y tế xã Kỳ Anh", "other", "awarded"),
    }
    positions = {n.nominee: n.position for n in article.nominations}
    assert positions["Nguyễn Văn Quang"] == "Trưởng khoa Ngoại, Bệnh viện Đa khoa tỉnh"


def test_police_units_enterprises_and_mass_organisations(own_article):
    article = extract(own_article("police_enterprises_mass_orgs.txt"))
    assert triples(article) == {
        ("Phòng Cảnh sát kinh tế", "ministry_cert", "awarded"),
        ("Đội Cảnh sát giao thông - Trật tự Công an xã Đồng Đăng", "ministry_cert", "awarded"),
        ("Công an xã Hữu Lũng", "other", "awarded"),
        ("Công ty Cổ phần Xi măng Đồng Bành", "prov_cert", "awarded"),
        ("Công ty TNHH Một thành viên Điện lực Lạng Sơn", "prov_cert", "awarded"),
        ("Hội Liên hiệp Phụ nữ xã Cao Lộc", "other", "awarded"),
        ("Hội Cựu chiến binh phường Kỳ Lừa", "other", "awarded"),
    }


def test_an_award_handed_to_a_units_representative_goes_to_the_unit(own_article):
    article = extract(own_article("captions_to_representatives.txt"))
    assert triples(article) == {
        ("Viện Kiểm sát nhân dân tỉnh", "prov_flag", "proposed"),
        ("Tòa án nhân dân tỉnh", "prov_flag", "proposed"),
        ("Thi hành án dân sự tỉnh", "prov_cert", "proposed"),
        ("Sở Tư pháp", "prov_cert", "proposed"),
        ("Thanh tra tỉnh", "prov_cert", "proposed"),
        # "trao Cờ thi đua cho đại diện lãnh đạo Công an tỉnh" (a caption)
        ("Công an tỉnh", "prov_flag", "awarded"),
    }
    # "cho đại diện các đơn vị" names nobody: the caption is left for staff to read
    assert any("đại diện các đơn vị" in s for s in article.unread)


def test_names_in_parentheses_after_counts_of_places_hospitals_and_a_count_in_words(own_article):
    article = extract(own_article("counted_places_and_hospitals_in_parens.txt"))
    assert triples(article) == {
        # "3 xã (A, B và C)": bare commune names take their type word
        ("xã Cam Lộ", "prov_cert", "proposed"),
        ("xã Hướng Hóa", "prov_cert", "proposed"),
        ("xã Khe Sanh", "prov_cert", "proposed"),
        ("Bệnh viện Đa khoa tỉnh", "prov_flag", "proposed"),
        ("Bệnh viện Y dược cổ truyền tỉnh", "prov_flag", "proposed"),
        # "Năm tập thể (A, B, C, D, E) được … tặng": the count opens the sentence
        ("Trạm Y tế xã Cam Lộ", "prov_cert", "awarded"),
        ("Trạm Y tế xã Hướng Phùng", "prov_cert", "awarded"),
        ("Trường Mầm non Khe Sanh", "prov_cert", "awarded"),
        ("Trường Tiểu học Lao Bảo", "prov_cert", "awarded"),
        ("Hợp tác xã Nông nghiệp Tân Lâm", "prov_cert", "awarded"),
    }


def test_list_items_that_give_the_name_then_its_award(own_article):
    article = extract(own_article("items_name_then_award.txt"))
    got = {(n.nominee, n.award, n.status, n.frame) for n in article.nominations}
    assert got == {
        ("Sở Tài chính", "gov_flag", "proposed", "name-colon-award"),
        ("Sở Công Thương", "prov_flag", "proposed", "name-colon-award"),
        ("Sở Xây dựng", "prov_cert", "proposed", "name-colon-award"),
        ("Ngân hàng Nhà nước khu vực 3", "prov_cert", "proposed", "name-colon-award"),
        ("Đỗ Minh Châu", "emulation_soldier_province", "proposed", "name-colon-award"),
    }
    positions = {n.nominee: n.position for n in article.nominations}
    assert positions["Đỗ Minh Châu"] == "Giám đốc Sở Tài chính"
    # "Kết quả: Cờ thi đua …" is no name before a colon, and an award that goes on into a
    # sentence ("Sở Nội vụ: Bằng khen … ghi nhận …", a subheading) is not an item
    assert any(s.startswith("Kết quả:") for s in article.unread)
    assert any(s.startswith("Sở Nội vụ: Bằng khen") for s in article.unread)


def test_school_sector_and_a_district_order_read_in_new_shapes(own_article):
    school = extract(own_article("school_sector_collectives_and_persons.txt"))
    assert triples(school) == {
        ("Trường Phổ thông dân tộc nội trú tỉnh", "pm_cert", "proposed"),
        ("Trường THPT Chuyên Sơn La", "pm_cert", "proposed"),
        ("Trường Mầm non Hoa Ban, xã Mộc Châu", "ministry_flag", "proposed"),
        ("Lò Văn Hùng", "emulation_soldier_national", "proposed"),
        ("Cầm Thị Thoa", "emulation_soldier_national", "proposed"),
    }
    district = extract(own_article("district_order_and_commune_flags.txt"))
    assert triples(district) == {
        (
            "Đảng bộ, chính quyền và nhân dân các dân tộc huyện Mường Nhé",
            "labor_order_2",
            "awarded",
        ),
        ("xã Chung Chải", "prov_flag", "awarded"),
        ("xã Leng Su Sìn", "prov_flag", "awarded"),
    }


def test_names_after_la_and_a_colon():
    text = (
        "Khối thi đua số 2 tổng kết năm 2025\n\n"
        "Ngày 3/12/2025, Khối thi đua số 2 tỉnh Bắc Ninh tổ chức hội nghị tổng kết. Có 3 đơn vị "
        "được đề nghị tặng Cờ thi đua của UBND tỉnh là: Sở Nội vụ, Sở Tư pháp, Thanh tra tỉnh."
    )
    assert triples(extract(text)) == {
        ("Sở Nội vụ", "prov_flag", "proposed"),
        ("Sở Tư pháp", "prov_flag", "proposed"),
        ("Thanh tra tỉnh", "prov_flag", "proposed"),
    }
