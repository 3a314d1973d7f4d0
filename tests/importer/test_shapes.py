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
