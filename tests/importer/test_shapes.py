"""Articles in shapes the dev corpus may not cover; each pins a general rule, not an article."""

import pytest

from awards.importer.extracting import extract, looks_like_unit


def triples(article):
    return {(n.nominee, n.award, n.status) for n in article.nominations}


def test_a_date_is_never_a_nominee_and_the_achievement_year_is_found(own_article):
    article = extract(own_article("decision_date_lead.txt"))
    assert triples(article) == {
        ("Ban Tuyên giáo Tỉnh ủy", "gov_flag", "awarded"),
        ("Hội Nông dân tỉnh", "gov_flag", "awarded"),
    }
    assert article.award_year == 2020  # "dẫn đầu phong trào thi đua năm 2020"
    assert article.meeting_date == "2021-03-10"


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Ngày 10 tháng 3", False),
        ("Sáng 12/12/2020", False),
        ("Khối thi đua các cơ quan Đảng", False),
        ("Đơn vị này", False),
        ("Các đơn vị trên", False),
        ("Chúng tôi", False),
        ("Ban tổ chức hội nghị", False),
        ("Ban Tổ chức Tỉnh ủy", True),
        ("Năm Căn", True),
        ("VNPT Hà Tĩnh", True),
        ("Sở Y tế", True),
        ("Huyện Cô Tô", True),
    ],
)
def test_nominees_look_like_a_unit(text, ok):
    assert looks_like_unit(text) is ok


def test_the_bloc_itself_is_not_a_nominee():
    bloc = "Khối các cơ quan tổng hợp tỉnh"
    assert not looks_like_unit(bloc, bloc)


def read(own_article, name):
    from awards.importer.reading import read_article

    path_text = own_article(name)
    return read_article(path_text, filename=name)


def test_award_then_colon_with_bullets_and_a_numbered_list(own_article):
    article = extract(own_article("colon_bullets.txt"))
    assert triples(article) == {
        ("UBND huyện Hương Sơn", "prov_flag", "proposed"),
        ("UBND huyện Đức Thọ", "prov_flag", "proposed"),
        ("UBND thị xã Hồng Lĩnh", "prov_flag", "proposed"),
        ("UBND huyện Can Lộc", "prov_cert", "proposed"),
        ("UBND huyện Nghi Xuân", "prov_cert", "proposed"),
    }
    assert [(x.agency, x.role, x.year) for x in article.leaders] == [
        ("UBND huyện Vũ Quang", "head", 2023)
    ]


def test_caption_that_opens_with_anh(own_article):
    article = extract(own_article("caption_first.txt"))
    assert triples(article) == {("Sở Tư pháp", "prov_flag", "awarded")}
    assert article.leaders == []  # "suy tôn là đơn vị dẫn đầu" elects no head
    assert article.award_year == 2020


def test_a_giver_that_gives_unasked_awards_and_titles_are_posts(own_article):
    article = extract(own_article("titled_individuals.txt"))
    got = {(n.nominee, n.kind, n.award, n.status, n.position) for n in article.nominations}
    assert got == {
        ("Nguyễn Văn An", "individual", "prov_cert", "awarded", "Giám đốc Sở Tài chính"),
        ("Trần Thị Bình", "individual", "prov_cert", "awarded", "Phó Chánh Văn phòng UBND tỉnh"),
        ("Sở Kế hoạch và Đầu tư", "collective", "prov_flag", "proposed", None),
    }


def test_ministry_bloc_with_a_shortened_list(own_article):
    article = extract(own_article("ministry_bloc.txt"))
    assert triples(article) == {
        ("Công an tỉnh Hà Giang", "ministry_flag", "proposed"),
        ("Công an tỉnh Tuyên Quang", "ministry_flag", "proposed"),
        ("Công an tỉnh Yên Bái", "ministry_cert", "proposed"),
    }
    assert {(x.agency, x.role, x.year) for x in article.leaders} == {
        ("Công an tỉnh Lai Châu", "head", 2023),
        ("Công an tỉnh Điện Biên", "deputy", 2023),
    }
    assert article.meeting_date == "2023-01-06" and article.award_year == 2022


def test_labour_order_and_excellent_collective(own_article):
    article = extract(own_article("order_and_excellent.txt"))
    got = {(n.nominee, n.kind, n.award, n.status) for n in article.nominations}
    assert got == {
        ("Công ty Cổ phần Cấp nước Thừa Thiên Huế", "collective", "labor_order_3", "awarded"),
        ("Lê Quang Minh", "individual", "labor_order_3", "awarded"),
        ("Công ty Cổ phần Du lịch Hương Giang", "collective", "excellent_collective", "awarded"),
        (
            "Công ty TNHH Nhà nước MTV Xổ số kiến thiết Thừa Thiên Huế",
            "collective",
            "excellent_collective",
            "awarded",
        ),
    }


def test_nfd_old_tone_marks_and_a_line_break_inside_a_name(own_article):
    raw = own_article("nfd_old_tones.txt")
    assert "Chữ thập đỏ\ntỉnh" in __import__("unicodedata").normalize("NFC", raw)
    article = extract(raw)
    assert article.bloc == "Khối thi đua các Hội đặc thù tỉnh Thanh Hoá"
    assert triples(article) == {
        ("Hội Chữ thập đỏ tỉnh", "prov_flag", "proposed"),
        ("Hội Nạn nhân chất độc da cam/dioxin tỉnh", "prov_flag", "proposed"),
        ("Hội Người mù tỉnh", "prov_cert", "proposed"),
    }
    assert {(x.agency, x.role, x.year) for x in article.leaders} == {
        ("Hội Luật gia tỉnh", "head", 2020),
        ("Hội Cựu thanh niên xung phong tỉnh", "deputy", 2020),
    }


def test_html_with_share_buttons_related_articles_and_comments(own_article):
    article = extract(read(own_article, "share_buttons.html"))
    assert triples(article) == {
        ("Sở Y tế", "prov_flag", "proposed"),
        ("Sở Văn hóa và Thể thao", "prov_flag", "proposed"),
        ("Sở Lao động - Thương binh và Xã hội", "pm_cert", "proposed"),
    }
    assert [(x.agency, x.role, x.year) for x in article.leaders] == [
        ("Sở Giáo dục và Đào tạo", "head", 2021)
    ]


def test_html_table_of_awards_suy_ton_and_tp_abbreviation(own_article):
    article = extract(read(own_article, "table_and_suy_ton.html"))
    assert triples(article) == {
        ("UBND TP. Hà Tĩnh", "prov_flag", "proposed"),
        ("UBND huyện Thạch Hà", "prov_cert", "proposed"),
        ("UBND huyện Cẩm Xuyên", "prov_cert", "proposed"),
        ("Trần Văn Hải", "emulation_soldier_province", "proposed"),
    }
    assert article.venue == "UBND TP. Hà Tĩnh"


def test_sitting_head_and_member_list_is_negative(own_article):
    article = extract(own_article("negative_sitting_head.txt"))
    assert article.negative
    assert article.nominations == [] and article.leaders == []
