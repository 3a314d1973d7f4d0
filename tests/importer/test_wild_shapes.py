"""Articles written in shapes met in real reporting after the dev corpus was annotated.

Each test pins one general rule with a whole article and its expected extraction.
"""

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
