"""Articles written in shapes met in real reporting after the dev corpus was annotated.

Each test pins one general rule with a whole article and its expected extraction.
"""

import pytest

from awards.importer.extracting import extract


def triples(article):
    return {(n.nominee, n.award, n.status) for n in article.nominations}


def leaders(article):
    return {(x.agency, x.role, x.year) for x in article.leaders}


def test_numbered_item_with_cho_colon_and_semicolons(own_article):
    article = extract(own_article("numbered_cho_colon_semicolons.txt"))
    assert triples(article) == {
        ("Sở Y tế", "gov_flag", "proposed"),
        ("Sở Giáo dục và Đào tạo", "prov_flag", "proposed"),
        ("Sở Lao động - Thương binh và Xã hội", "prov_flag", "proposed"),
        ("Sở Văn hóa, Thể thao và Du lịch", "prov_cert", "proposed"),
        ("Đài Phát thanh và Truyền hình tỉnh", "prov_cert", "proposed"),
        ("Báo Nam Định", "prov_cert", "proposed"),
    }
    assert leaders(article) == {
        ("Sở Giáo dục và Đào tạo", "head", 2022),
        ("Báo Nam Định", "deputy", 2022),
    }


def test_award_named_first_then_given_in_the_passive(own_article):
    article = extract(own_article("passive_given_after_award.txt"))
    assert triples(article) == {
        ("Công ty Cổ phần Đường Quảng Ngãi", "labor_order_3", "awarded"),
        ("Võ Thành Đông", "labor_order_3", "awarded"),
        ("Công ty TNHH MTV Xổ số kiến thiết Quảng Ngãi", "pm_cert", "awarded"),
    }
    assert article.leaders == []


def test_giver_between_subject_and_verb_and_don_nhan(own_article):
    article = extract(own_article("passive_giver_and_don_nhan.txt"))
    assert triples(article) == {
        ("Công an tỉnh", "pm_cert", "awarded"),
        ("Sở Tư pháp", "prov_flag", "awarded"),
        ("Viện Kiểm sát nhân dân tỉnh", "prov_flag", "proposed"),
    }
    assert leaders(article) == {("Tòa án nhân dân tỉnh", "head", 2023)}


def test_cac_dong_chi_colon_then_persons_with_posts(own_article):
    article = extract(own_article("dong_chi_colon_positions.txt"))
    got = {(n.nominee, n.kind, n.award, n.position) for n in article.nominations}
    assert got == {
        ("Nguyễn Văn Hùng", "individual", "prov_cert", "Giám đốc Sở Tài chính"),
        ("Trần Thị Lan", "individual", "prov_cert", "Phó Giám đốc Sở Công Thương"),
        (
            "Lê Minh Tuấn",
            "individual",
            "prov_cert",
            "Trưởng phòng Kế hoạch - Tài chính, Sở Xây dựng",
        ),
        ("Sở Công Thương", "collective", "prov_flag", None),
    }
    assert leaders(article) == {
        ("Sở Xây dựng", "head", 2024),
        ("Sở Giao thông vận tải", "deputy", 2024),
    }


def test_district_cluster_excellent_flag_and_cluster_head_spellings(own_article):
    article = extract(own_article("district_cluster_xuat_sac.txt"))
    assert triples(article) == {
        ("UBND huyện Hiệp Hòa", "prov_flag", "proposed"),
        ("UBND huyện Tân Yên", "prov_cert", "proposed"),
    }
    assert leaders(article) == {
        ("UBND thị xã Việt Yên", "head", 2024),
        ("UBND huyện Yên Thế", "deputy", 2024),
    }
    assert article.award_year == 2023 and article.meeting_date == "2024-01-10"


def test_ministry_cluster_asks_its_ministry(own_article):
    article = extract(own_article("ministry_cluster_so_4.txt"))
    assert triples(article) == {
        ("Cục Thuế tỉnh Nghệ An", "ministry_flag", "proposed"),
        ("Kho bạc Nhà nước Hà Tĩnh", "ministry_flag", "proposed"),
        ("Cục Hải quan tỉnh Quảng Bình", "ministry_cert", "proposed"),
    }
    assert leaders(article) == {("Cục Thuế tỉnh Hà Tĩnh", "head", 2023)}


def test_count_colon_names_parenthesised_list_and_rotating_head(own_article):
    article = extract(own_article("count_colon_and_paren_list.txt"))
    assert triples(article) == {
        ("Trường Cao đẳng Y tế Thái Bình", "prov_cert", "proposed"),
        ("Trường Cao đẳng Nghề Thái Bình", "prov_cert", "proposed"),
        ("Trường Trung cấp Nông nghiệp Thái Bình", "prov_cert", "proposed"),
        ("Trường Cao đẳng Sư phạm Thái Bình", "prov_flag", "proposed"),
        ("Trường Cao đẳng Công nghệ và Kinh tế Thái Bình", "prov_flag", "proposed"),
    }
    # "luân phiên giữ chức" elects; the adverb is not part of the name; a school year
    # counts as the year it ends (results 2022-2023 → 2023, the term 2023-2024 → 2024)
    assert article.award_year == 2023
    assert leaders(article) == {("Trường Cao đẳng Nghề Thái Bình", "head", 2024)}


def test_award_in_the_title_and_counts_only_is_negative(own_article):
    article = extract(own_article("negative_award_in_title_only.txt"))
    assert article.negative


def test_two_blocs_in_one_article_and_an_ineligible_unit(own_article):
    article = extract(own_article("two_blocs_one_excluded.txt"))
    assert article.bloc == "Khối thi đua các cơ quan tổng hợp"
    assert triples(article) == {
        ("Sở Nội vụ", "prov_flag", "proposed"),
        ("Sở Kế hoạch và Đầu tư", "prov_flag", "proposed"),
        ("Sở Nông nghiệp và Phát triển nông thôn", "prov_cert", "proposed"),
    }
    assert leaders(article) == {
        ("Sở Tư pháp", "head", 2022),
        ("Sở Công Thương", "head", 2022),
        ("Sở Xây dựng", "deputy", 2022),
    }


def test_crlf_old_tone_marks_and_ampersand_names(own_article):
    raw = own_article("crlf_uy_ban_toa_amp.txt")
    article = extract(raw)
    assert triples(article) == {
        ("Sở Tư pháp", "prov_flag", "proposed"),
        ("Toà án nhân dân tỉnh", "prov_flag", "proposed"),
        ("Cục Thi hành án dân sự tỉnh", "prov_cert", "proposed"),
        ("Sở LĐ-TB&XH", "prov_cert", "proposed"),
    }
    assert leaders(article) == {
        ("Viện Kiểm sát nhân dân tỉnh", "head", 2021),
        ("Thanh tra tỉnh", "deputy", 2021),
    }


def test_related_article_titles_in_an_aside_are_ignored(own_article):
    from awards.importer.reading import read_article

    text = read_article(own_article("related_titles_aside.html"), filename="a.html")
    article = extract(text)
    assert triples(article) == {
        ("UBND huyện Phước Sơn", "prov_flag", "proposed"),
        ("UBND huyện Tây Giang", "prov_cert", "proposed"),
    }
    assert leaders(article) == {("UBND huyện Bắc Trà My", "head", 2023)}


def test_award_header_without_colon_then_dashed_and_plus_lists(own_article):
    article = extract(own_article("header_without_colon_bullets.txt"))
    assert triples(article) == {
        ("Tổng công ty Đầu tư và Phát triển công nghiệp", "prov_flag", "proposed"),
        ("Công ty Cổ phần Nước – Môi trường Bình Dương", "prov_flag", "proposed"),
        ("Công ty TNHH MTV Xổ số kiến thiết Bình Dương", "prov_cert", "proposed"),
        ("Công ty Cổ phần Khoáng sản và Xây dựng Bình Dương", "prov_cert", "proposed"),
    }
    assert leaders(article) == {("Công ty Cổ phần Nước – Môi trường Bình Dương", "head", 2024)}


def test_lettered_items_with_award_colon_name_and_a_dash_post(own_article):
    article = extract(own_article("lettered_items_award_colon_name.txt"))
    got = {(n.nominee, n.kind, n.award, n.status) for n in article.nominations}
    assert got == {
        ("Ban Tổ chức Tỉnh ủy", "collective", "gov_flag", "proposed"),
        ("Ban Dân vận Tỉnh ủy", "collective", "prov_flag", "proposed"),
        ("Ủy ban Kiểm tra Tỉnh ủy", "collective", "prov_flag", "proposed"),
        ("Hoàng Văn Nam", "individual", "emulation_soldier_province", "proposed"),
    }
    assert leaders(article) == {
        ("Văn phòng Tỉnh ủy", "head", 2024),
        ("Ban Nội chính Tỉnh ủy", "deputy", 2024),
    }


def test_cluster_of_provinces_names_places_in_lower_case(own_article):
    article = extract(own_article("province_cluster_lower_case_places.txt"))
    assert triples(article) == {
        ("tỉnh Đắk Lắk", "gov_flag", "proposed"),
        ("tỉnh Gia Lai", "pm_cert", "proposed"),
        ("tỉnh Kon Tum", "pm_cert", "proposed"),
    }
    # "giữ vai trò Cụm trưởng"
    assert leaders(article) == {
        ("Tỉnh Lâm Đồng", "head", 2023),
        ("tỉnh Đắk Nông", "deputy", 2023),
    }


def test_central_association_flag_withdrawn_unit_and_handover(own_article):
    article = extract(own_article("central_association_flag_withdrawn.txt"))
    assert triples(article) == {
        ("Hội Nông dân tỉnh", "ministry_flag", "proposed"),
        ("Hội Liên hiệp Phụ nữ tỉnh", "prov_flag", "proposed"),
        ("Tỉnh đoàn", "prov_flag", "proposed"),
    }
    assert leaders(article) == {("Liên đoàn Lao động tỉnh", "head", 2022)}


def test_award_ceremony_on_behalf_of_the_chair(own_article):
    article = extract(own_article("ceremony_awarded_by_deputy_chair.txt"))
    got = {(n.nominee, n.kind, n.award, n.status) for n in article.nominations}
    assert got == {
        ("UBND huyện Vị Xuyên", "collective", "prov_flag", "awarded"),
        ("UBND thành phố Hà Giang", "collective", "prov_flag", "awarded"),
        ("UBND huyện Quản Bạ", "collective", "prov_cert", "awarded"),
        ("Phạm Quốc Huy", "individual", "emulation_soldier_province", "awarded"),
    }
    assert article.leaders == []


def test_count_then_la_names_and_a_year_opening_the_leaders(own_article):
    article = extract(own_article("year_lead_leaders_count_la.txt"))
    assert triples(article) == {
        ("Công ty Điện lực Thanh Hóa", "prov_flag", "proposed"),
        ("Viễn thông Thanh Hóa", "prov_flag", "proposed"),
        ("Bưu điện tỉnh Thanh Hóa", "prov_cert", "proposed"),
        (
            "Chi nhánh Ngân hàng Nông nghiệp và Phát triển nông thôn tỉnh Thanh Hóa",
            "prov_cert",
            "proposed",
        ),
        ("Công ty Xăng dầu Thanh Hóa", "prov_cert", "proposed"),
    }
    # "Năm 2021, Viễn thông Thanh Hóa làm Trưởng khối": the year is no part of the name
    assert leaders(article) == {
        ("Viễn thông Thanh Hóa", "head", 2021),
        ("Bưu điện tỉnh Thanh Hóa", "deputy", 2021),
    }


def test_award_counts_without_names_and_a_passive_suy_ton(own_article):
    article = extract(own_article("counts_only_and_suy_ton_passive.txt"))
    # "đã được tặng 3 Cờ thi đua ... cho các tập thể" and "phấn đấu đạt" name no unit
    assert triples(article) == {
        ("Sở Khoa học và Công nghệ", "prov_flag", "proposed"),
        ("Trường Đại học Vinh", "ministry_cert", "proposed"),
    }
    # the sitting head hands over; it is not a new leader
    assert leaders(article) == {
        ("Sở Khoa học và Công nghệ", "head", 2025),
        ("Trường Đại học Vinh", "deputy", 2025),
    }


def test_pledge_meeting_names_sitting_heads_with_la(own_article):
    article = extract(own_article("pledge_sitting_heads_with_la.txt"))
    assert triples(article) == {("Sở Nội vụ", "gov_flag", "awarded")}
    assert article.leaders == []
    assert article.meeting_kind == "pledge" and article.award_year is None


def test_rank_and_score_after_the_name_and_prizes_that_are_not_awards(own_article):
    article = extract(own_article("council_points_prize_money.txt"))
    # "dẫn đầu khối với 98,5 điểm", "xếp thứ hai với 97 điểm" are not part of the names;
    # a contest prize ("giải Nhất hội thi") and prize money are not emulation awards
    assert triples(article) == {
        ("Sở Tài chính", "prov_flag", "proposed"),
        ("Sở Nội vụ", "prov_cert", "proposed"),
        ("Thanh tra tỉnh", "prov_cert", "proposed"),
    }
    assert leaders(article) == {("Sở Nội vụ", "head", 2024), ("Sở Tư pháp", "deputy", 2024)}


def test_en_dash_posts_and_a_list_going_on_after_a_semicolon(own_article):
    article = extract(own_article("en_dash_persons_semicolons.txt"))
    got = {(n.nominee, n.kind, n.award, n.position) for n in article.nominations}
    assert got == {
        ("Sở Lao động – Thương binh và Xã hội", "collective", "prov_flag", None),
        ("Sở Tài nguyên và Môi trường", "collective", "prov_cert", None),
        ("Sở Xây dựng", "collective", "prov_cert", None),
        ("Sở Giáo dục và Đào tạo", "collective", "prov_cert", None),
        (
            "Nguyễn Văn Hải",
            "individual",
            "prov_cert",
            "Giám đốc Sở Lao động – Thương binh và Xã hội",
        ),
        ("Trần Thị Thu", "individual", "prov_cert", "Phó Giám đốc Sở Xây dựng"),
    }
    assert leaders(article) == {
        ("Sở Lao động – Thương binh và Xã hội", "head", 2023),
        ("Sở Xây dựng", "deputy", 2023),
    }


def test_second_award_with_cho_inherits_the_giver_and_bau_x_la_truong_khoi(own_article):
    article = extract(own_article("head_for_next_year_results.txt"))
    # "tặng Cờ thi đua cho A và Bằng khen cho B": B's Bằng khen is still the province's
    assert triples(article) == {
        ("Công an tỉnh", "gov_flag", "proposed"),
        ("Viện Kiểm sát nhân dân tỉnh", "prov_flag", "proposed"),
        ("Cục Thi hành án dân sự tỉnh", "prov_cert", "proposed"),
        ("Lê Minh Tâm", "prov_cert", "proposed"),
    }
    # the sitting head (Công an tỉnh, 2024) chairs; Quỹ khen thưởng and the council are no nominees
    assert leaders(article) == {
        ("Tòa án nhân dân tỉnh", "head", 2025),
        ("Viện Kiểm sát nhân dân tỉnh", "deputy", 2025),
    }


def test_rotating_head_for_next_year_and_two_deputies_with_la(own_article):
    article = extract(own_article("two_deputies_la_a_va_b.txt"))
    assert triples(article) == {
        ("UBND huyện Quảng Xương", "prov_flag", "proposed"),
        ("UBND huyện Hậu Lộc", "prov_cert", "proposed"),
    }
    # "Cụm trưởng luân phiên năm 2025 là X" in a 2024 review names the new term
    assert leaders(article) == {
        ("UBND huyện Quảng Xương", "head", 2025),
        ("UBND huyện Hậu Lộc", "deputy", 2025),
        ("UBND huyện Nga Sơn", "deputy", 2025),
    }


def test_nhan_ban_giao_vai_tro_cum_truong(own_article):
    article = extract(own_article("handover_role_cum_truong.txt"))
    assert triples(article) == {
        ("Hội Nông dân tỉnh", "prov_flag", "proposed"),
        ("Hội Chữ thập đỏ tỉnh", "ministry_cert", "proposed"),
    }
    assert leaders(article) == {
        ("Hội Nông dân tỉnh", "head", 2025),
        ("Hội Cựu chiến binh tỉnh", "deputy", 2025),
    }


def test_midyear_review_keeps_a_flag_stated_as_given(own_article):
    # the README counts an award the article states was given ("vinh dự nhận"), even in passing
    article = extract(own_article("midyear_past_flag.txt"))
    assert triples(article) == {("Sở Kế hoạch và Đầu tư", "gov_flag", "awarded")}
    assert article.leaders == [] and article.meeting_kind == "midyear"


@pytest.mark.parametrize(
    "name",
    [
        # pledge signing: members, targets, units striving for flags, the sitting head "là"
        "neg_pledge_targets.txt",
        # one teacher's pledge to strive for Chiến sĩ thi đua, counts of registrations
        "neg_individual_pledge.txt",
        # a campaign launch: award names for the future, gifts
        "neg_campaign_poor.txt",
        # a training course: the committee, the council, Quỹ khen thưởng, award rules, counts
        "neg_training_course.txt",
        # a sports games: giải Nhất, huy chương vàng are sports prizes, not emulation awards
        "neg_sports_games.txt",
        # mid-year ranks that the article says are not a review; the sitting head and deputy
        "midyear_sitting_and_ranks_negative.txt",
    ],
)
def test_negative_shapes_yield_nothing(own_article, name):
    article = extract(own_article(name))
    assert article.nominations == [] and article.leaders == []
