"""New leaders of a bloc in the shapes real reporting takes (articles of our own writing).

Only the head and deputy chosen for the coming term count, with that term's year:
a summary of year N chooses the leaders of N+1; a kick-off meeting or a notice
names those of the year it opens. A sitting head who chairs is not a new leader.
"""

import pytest

from awards.importer.extracting import extract


def leaders(article):
    return {(x.agency, x.role, x.year) for x in article.leaders}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # "bàn giao Cụm trưởng <bloc> năm N cho X đảm nhận"; the chairing head is not new
        ("leaders_handover_cho.txt", {("Huyện ủy Lâm Hà", "head", 2025)}),
        # "bàn giao trách nhiệm trưởng khối cho X; Y đảm nhận khối phó năm N"
        (
            "leaders_handover_responsibility.txt",
            {("Sở Thông tin & Truyền thông", "head", 2025), ("Ban Dân tộc tỉnh", "deputy", 2025)},
        ),
        # "A và B được bầu làm Trưởng khối và Phó Trưởng khối": respectively
        (
            "leaders_respectively.txt",
            {("Sở Xây dựng", "head", 2025), ("Sở Giao thông vận tải", "deputy", 2025)},
        ),
        # "X là đơn vị Trưởng cụm, Y là Phó cụm năm N+1" at the summary of N
        (
            "leaders_la_don_vi_next_year.txt",
            {("huyện Quỳnh Nhai", "head", 2025), ("huyện Thuận Châu", "deputy", 2025)},
        ),
        # kick-off: "(trưởng khối năm N)" after the venue, "(làm phó khối)" in the member list
        (
            "leaders_kickoff_tags.txt",
            {
                ("Liên hiệp các Hội Văn học và Nghệ thuật tỉnh", "head", 2025),
                ("Hội Nhà báo tỉnh", "deputy", 2025),
            },
        ),
        # kick-off: "X - đơn vị trưởng khối; A; B" in a ';' member list
        ("leaders_kickoff_dash_member.txt", {("Sở Tài chính", "head", 2025)}),
        # a summary's tags name the sitting leaders: nothing new
        ("leaders_summary_tags_sitting.txt", set()),
        # kick-off: "X – Trưởng khối năm N – chủ trì": the head in place chairs
        ("leaders_kickoff_chair_sitting.txt", set()),
        # "Năm N+1, X làm Khối trưởng và Y Khối phó"; "Thường trực cụm" is no deputy
        (
            "leaders_verbless_year_first.txt",
            {
                ("Hội Nông dân tỉnh", "head", 2025),
                ("Hội Kiến trúc sư tỉnh", "deputy", 2025),
                ("Liên đoàn Lao động huyện Cờ Đỏ", "head", 2025),
            },
        ),
        # "giao nhiệm vụ Cụm trưởng, <bloc> năm học 2025-2026 cho A, Cụm phó cho B"
        (
            "leaders_role_first_cho_school_year.txt",
            {("Đại học Thái Nguyên", "head", 2026), ("Đại học Cần Thơ", "deputy", 2026)},
        ),
        # the new head only in the headline; the sitting one in a caption
        ("leaders_headline_only.txt", {("Hội Nông dân tỉnh", "head", 2026)}),
        # the new head named only in a photo caption, as a tag with the coming year
        ("leaders_caption_only.txt", {("Sở Tư pháp", "head", 2026)}),
        # the year in the sentence before; the outgoing head's rotating flag is no election
        (
            "leaders_year_previous_sentence.txt",
            {
                ("Liên minh HTX tỉnh Hậu Giang", "head", 2025),
                ("Liên minh HTX tỉnh Sóc Trăng", "deputy", 2025),
            },
        ),
        # "bầu trưởng khối năm N là A và Phó khối là B"
        (
            "leaders_elected_role_then_la.txt",
            {("Hội Liên hiệp Phụ nữ tỉnh", "head", 2025), ("Tỉnh đoàn", "deputy", 2025)},
        ),
        # hard-wrapped, no headline: "bầu chọn cụm trưởng và cụm phó năm N là A (Cụm trưởng)
        # và B (Cụm phó)"; the head chairing is the sitting one
        (
            "leaders_elected_tags_wrapped.txt",
            {
                ("UBMTTQVN huyện Nhơn Trạch", "head", 2025),
                ("UBMTTQVN huyện Trảng Bom", "deputy", 2025),
            },
        ),
        # "Với vai trò là Khối trưởng, X đã …": praise of the sitting head
        ("leaders_role_sitting_in_praise.txt", set()),
        # a date before the headline is no part of the name; ", lãnh đạo các …" ends one
        (
            "leaders_dated_headline_comma_clause.txt",
            {("Hội Cựu chiến binh tỉnh", "head", 2026), ("Hội Nông dân tỉnh", "deputy", 2026)},
        ),
        # a province's notice naming the heads of several blocs, in three shapes
        (
            "leaders_province_notice.txt",
            {
                ("Ban Tổ chức Tỉnh ủy", "head", 2025),
                ("Ban Dân vận Tỉnh ủy", "deputy", 2025),
                ("Công an tỉnh", "head", 2025),
                ("Tòa án nhân dân tỉnh", "deputy", 2025),
                ("Sở Công Thương", "head", 2025),
                ("Sở Xây dựng", "deputy", 2025),
            },
        ),
        # a notice: "do X làm Cụm trưởng, Y làm Cụm phó"; "X được phân công làm Cụm trưởng <bloc>,
        # Y làm Cụm phó"
        (
            "leaders_notice_do_lam.txt",
            {
                ("UBND huyện Yên Thế", "head", 2026),
                ("UBND huyện Tân Yên", "deputy", 2026),
                ("UBND thành phố Bắc Giang", "head", 2026),
                ("UBND huyện Việt Yên", "deputy", 2026),
            },
        ),
        # a notice in running text: "X làm Trưởng Khối thi đua A, Y làm Phó Trưởng khối; …"
        (
            "leaders_notice_blocs_after_roles.txt",
            {
                ("Sở Tài chính", "head", 2026),
                ("Sở Nội vụ", "deputy", 2026),
                ("Sở Nông nghiệp và Môi trường", "head", 2026),
                ("Sở Xây dựng", "deputy", 2026),
                ("Công an tỉnh", "head", 2026),
            },
        ),
        # a notice listing clusters: "- Cụm thi đua số 1: Cụm trưởng là X, Cụm phó là Y;"
        (
            "leaders_notice_cluster_list.txt",
            {
                ("UBND phường Quang Trung", "head", 2026),
                ("UBND xã Tân Lập", "deputy", 2026),
                ("UBND xã Hòa Bình", "head", 2026),
                ("UBND xã Yên Mỹ", "deputy", 2026),
                ("UBND phường Bắc Sơn", "head", 2026),
            },
        ),
        # a notice with each bloc as a header and its roles as dashed items below
        (
            "leaders_notice_bloc_headers.txt",
            {
                ("Sở Y tế", "head", 2026),
                ("Sở Văn hóa, Thể thao và Du lịch", "deputy", 2026),
                ("Hội Nhà báo tỉnh", "head", 2026),
                ("Hội Luật gia tỉnh", "deputy", 2026),
            },
        ),
        # "A và B lần lượt được tín nhiệm bầu làm Cụm trưởng, Cụm phó năm học …": respectively,
        # the roles joined by a comma; the host, last year's head, is not new
        (
            "leaders_respective_roles_by_comma.txt",
            {
                ("Trường Cao đẳng Kỹ thuật", "head", 2026),
                ("Trường Cao đẳng Sư phạm", "deputy", 2026),
            },
        ),
        # the sitting head chairs and reports ("X, đơn vị Trưởng khối năm N, chủ trì"; "Giám đốc
        # X - Khối trưởng tổng kết …"); the ones elected are new
        (
            "leaders_sitting_head_chairs.txt",
            {
                ("Công ty Cấp nước Hà Tĩnh", "head", 2026),
                ("Ngân hàng Nông nghiệp chi nhánh Hà Tĩnh", "deputy", 2026),
            },
        ),
        # the new head only in the headline; the host "đơn vị Khối trưởng" with no year and the
        # head chairing are the sitting one
        ("leaders_headline_sitting_host.txt", {("Công ty Xổ số kiến thiết", "head", 2026)}),
    ],
)
def test_new_leaders(own_article, name, expected):
    article = extract(own_article(name))
    assert leaders(article) == expected
    assert all(x.sentence for x in article.leaders)


KICKOFF_2026 = (
    "Khối thi đua các hội ký kết giao ước thi đua năm 2026\n\n"
    "Sáng 10/3/2026, Khối thi đua các hội đặc thù tỉnh tổ chức hội nghị ký kết giao ước thi đua "
    "năm 2026.\n\n"
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # at a kick-off the head of the term being opened counts, when not chairing
        (
            "Thay mặt Hội Luật gia tỉnh, đơn vị Trưởng khối năm 2026, đồng chí Chủ tịch Hội "
            "trình bày dự thảo giao ước.",
            {("Hội Luật gia tỉnh", "head")},
        ),
        (
            "Hội Luật gia tỉnh - Trưởng khối năm 2026 phát biểu khai mạc hội nghị.",
            {("Hội Luật gia tỉnh", "head")},
        ),
        ("Hội nghị do Hội Luật gia tỉnh (đơn vị Trưởng khối) chủ trì.", set()),
        # a plain "là" states the head in place; a person's post is no unit's role
        (
            "Khối gồm 6 hội, trong đó Hội Luật gia tỉnh là Trưởng khối, Hội Nhà báo tỉnh là "
            "Phó khối.",
            set(),
        ),
        ("Đồng chí Chủ tịch Hội Luật gia tỉnh, Trưởng khối năm 2026 phát biểu.", set()),
    ],
)
def test_leader_phrasings_at_a_kickoff(sentence, expected):
    article = extract(KICKOFF_2026 + sentence)
    assert {(x.agency, x.role) for x in article.leaders} == expected
    assert {x.year for x in article.leaders} <= {2026}


def test_this_years_head_named_at_its_own_summary_is_not_new():
    """ "Năm 2024, X được giao là đơn vị Trưởng khối" at the 2024 summary: the sitting head."""
    article = extract(
        "Khối thi đua văn hóa - xã hội tổng kết năm 2024\n\n"
        "Ngày 20/12/2024, Khối thi đua văn hóa - xã hội tỉnh tổ chức hội nghị tổng kết "
        "công tác thi đua năm 2024.\n\n"
        "Năm 2024, Sở Y tế được giao là đơn vị Trưởng khối, Sở Nội vụ là đơn vị Phó khối."
    )
    assert article.leaders == []


def test_school_year_results_and_term_count_as_the_years_they_end():
    article = extract(
        "Cụm thi đua các trường tổng kết năm học 2024-2025\n\n"
        "Ngày 1/8/2025, Cụm thi đua các trường trung học tổ chức hội nghị tổng kết năm học "
        "2024-2025.\n\n"
        "Hội nghị bầu Trường THPT Lê Lợi làm Cụm trưởng năm học 2025-2026."
    )
    assert article.award_year == 2025
    assert leaders(article) == {("Trường THPT Lê Lợi", "head", 2026)}


SUMMARY_2025 = (
    "Khối thi đua các sở tổng kết năm 2025\n\n"
    "Ngày 20/12/2025, Khối thi đua các sở, ngành tỉnh tổ chức hội nghị tổng kết công tác "
    "thi đua năm 2025.\n\n"
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Hội nghị đã bầu Sở Tư pháp giữ chức Trưởng khối năm 2026.", {("Sở Tư pháp", "head")}),
        ("Sở Nội vụ sẽ đảm nhiệm vai trò Khối trưởng năm 2026.", {("Sở Nội vụ", "head")}),
        (
            "Năm 2026, Khối trưởng là Sở Tài chính, Khối phó là Sở Tư pháp.",
            {("Sở Tài chính", "head"), ("Sở Tư pháp", "deputy")},
        ),
        (
            "Sở Công Thương tiếp nhận nhiệm vụ Trưởng khối năm 2026 từ Sở Tài chính.",
            {("Sở Công Thương", "head")},
        ),
        ("Trưởng khối năm 2026: Sở Xây dựng.", {("Sở Xây dựng", "head")}),
        (
            "Sở Tài chính được bầu là Khối trưởng, Sở Tư pháp và Sở Nội vụ là Khối phó năm 2026.",
            {("Sở Tài chính", "head"), ("Sở Tư pháp", "deputy"), ("Sở Nội vụ", "deputy")},
        ),
        (
            "Hội nghị đã bầu Trưởng khối, Phó Trưởng khối năm 2026: Sở Y tế làm Trưởng khối, "
            "Sở Tư pháp làm Phó Trưởng khối.",
            {("Sở Y tế", "head"), ("Sở Tư pháp", "deputy")},
        ),
        (
            "Qua bỏ phiếu, Sở Nội vụ được bầu giữ chức Trưởng khối, Sở Tư pháp giữ chức Phó "
            "trưởng khối năm 2026.",
            {("Sở Nội vụ", "head"), ("Sở Tư pháp", "deputy")},
        ),
        (
            "Sở Tư pháp nhận bàn giao nhiệm vụ Trưởng khối năm 2026 từ Sở Y tế.",
            {("Sở Tư pháp", "head")},
        ),
        (
            "Trưởng khối năm 2026 do Sở Tài chính đảm nhiệm; Phó Trưởng khối do Sở Tư pháp "
            "đảm nhiệm.",
            {("Sở Tài chính", "head"), ("Sở Tư pháp", "deputy")},
        ),
        (
            "Hội nghị đã bầu Khối trưởng, Khối phó năm 2026 (Sở Xây dựng - Khối trưởng, "
            "Sở Công Thương - Khối phó).",
            {("Sở Xây dựng", "head"), ("Sở Công Thương", "deputy")},
        ),
        (
            "Sở Y tế được Hội đồng Thi đua - Khen thưởng tỉnh giao làm Trưởng khối năm 2026.",
            {("Sở Y tế", "head")},
        ),
        ("Tân Khối trưởng năm 2026 là Sở Ngoại vụ.", {("Sở Ngoại vụ", "head")}),
        # the votes after each name are no part of it
        (
            "Kết quả bỏ phiếu: Sở Tư pháp 10/12 phiếu, được bầu làm Trưởng khối; Sở Nội vụ "
            "8/12 phiếu, được bầu làm Phó Trưởng khối năm 2026.",
            {("Sở Tư pháp", "head"), ("Sở Nội vụ", "deputy")},
        ),
        # proposed to the board: "đề xuất … công nhận A là Trưởng khối và B là Phó Trưởng khối"
        (
            "Hội nghị nhất trí đề xuất Hội đồng Thi đua - Khen thưởng tỉnh công nhận Sở Tư pháp "
            "là Trưởng khối và Sở Nội vụ là Phó Trưởng khối năm 2026.",
            {("Sở Tư pháp", "head"), ("Sở Nội vụ", "deputy")},
        ),
        # "bầu ra … mới là …", the term after the last name
        (
            "Khối đã bầu ra Trưởng khối mới là Sở Tư pháp và Phó Trưởng khối là Sở Nội vụ cho "
            "năm 2026.",
            {("Sở Tư pháp", "head"), ("Sở Nội vụ", "deputy")},
        ),
        (
            "Sở Tài chính và Sở Tư pháp lần lượt được bầu làm Trưởng khối và Phó Trưởng khối "
            "năm 2026.",
            {("Sở Tài chính", "head"), ("Sở Tư pháp", "deputy")},
        ),
        (
            "Cụm trưởng Cụm thi đua số 3 năm 2026 là UBND huyện Tân Lạc.",
            {("UBND huyện Tân Lạc", "head")},
        ),
        # the sitting head, however written, is not new
        ("Khối trưởng năm 2025 do Sở Công Thương đảm nhận.", set()),
        ("Khối do Sở Tài chính làm khối trưởng tổ chức hội nghị tổng kết năm 2025.", set()),
        ("Sở Tài chính (Trưởng khối năm 2025) chủ trì hội nghị.", set()),
        ("Đồng chí Giám đốc Sở Y tế, Trưởng khối năm 2025 chủ trì hội nghị.", set()),
        ("Sở Y tế là Trưởng khối năm 2025.", set()),
    ],
)
def test_leader_phrasings_at_a_summary(sentence, expected):
    article = extract(SUMMARY_2025 + sentence)
    assert {(x.agency, x.role) for x in article.leaders} == expected
    assert {x.year for x in article.leaders} <= {2026}


def test_each_leader_tells_the_frame_and_sentence_that_named_it():
    sentence = "Hội nghị bầu Trung tâm Khuyến nông làm Trưởng khối năm 2027."
    article = extract(f"Khối thi đua các đơn vị sự nghiệp tổng kết năm 2026\n\n{sentence}\n")
    [leader] = article.leaders
    assert (leader.agency, leader.role, leader.year) == ("Trung tâm Khuyến nông", "head", 2027)
    assert leader.sentence == sentence
    assert leader.frame


@pytest.mark.parametrize(
    ("name", "blocs"),
    [
        (
            "leaders_province_notice.txt",
            {
                "Ban Tổ chức Tỉnh ủy": "Khối thi đua các cơ quan Đảng",
                "Ban Dân vận Tỉnh ủy": "Khối thi đua các cơ quan Đảng",
                "Công an tỉnh": "Khối thi đua các cơ quan nội chính",
                "Tòa án nhân dân tỉnh": "Khối thi đua các cơ quan nội chính",
                "Sở Công Thương": "Khối thi đua các sở kinh tế",
                "Sở Xây dựng": "Khối thi đua các sở kinh tế",
            },
        ),
        (
            "leaders_notice_do_lam.txt",
            {
                "UBND huyện Yên Thế": "Cụm thi đua số 1",
                "UBND huyện Tân Yên": "Cụm thi đua số 1",
                "UBND thành phố Bắc Giang": "Cụm thi đua số 2",
                "UBND huyện Việt Yên": "Cụm thi đua số 2",
            },
        ),
        (
            "leaders_notice_blocs_after_roles.txt",
            {
                "Sở Tài chính": "Khối thi đua các cơ quan tổng hợp",
                "Sở Nội vụ": "Khối thi đua các cơ quan tổng hợp",
                "Sở Nông nghiệp và Môi trường": "Khối thi đua các cơ quan kinh tế",
                "Sở Xây dựng": "Khối thi đua các cơ quan kinh tế",
                "Công an tỉnh": "Khối thi đua nội chính",
            },
        ),
        (
            "leaders_notice_cluster_list.txt",
            {
                "UBND phường Quang Trung": "Cụm thi đua số 1",
                "UBND xã Tân Lập": "Cụm thi đua số 1",
                "UBND xã Hòa Bình": "Cụm thi đua số 2",
                "UBND xã Yên Mỹ": "Cụm thi đua số 2",
                "UBND phường Bắc Sơn": "Cụm thi đua số 3",
            },
        ),
        (
            "leaders_notice_bloc_headers.txt",
            {
                "Sở Y tế": "Khối thi đua các cơ quan văn hóa - xã hội",
                "Sở Văn hóa, Thể thao và Du lịch": "Khối thi đua các cơ quan văn hóa - xã hội",
                "Hội Nhà báo tỉnh": "Khối thi đua các hội đặc thù",
                "Hội Luật gia tỉnh": "Khối thi đua các hội đặc thù",
            },
        ),
    ],
)
def test_a_notice_naming_several_blocs_gives_each_leader_its_bloc(own_article, name, blocs):
    article = extract(own_article(name))
    assert {x.agency: x.bloc for x in article.leaders} == blocs


def test_a_leader_of_the_articles_own_bloc_names_no_bloc_of_its_own(own_article):
    """One bloc's meeting: its leaders are the article's bloc's, "bloc" stays empty."""
    article = extract(own_article("leaders_sitting_head_chairs.txt"))
    assert article.leaders
    assert {x.bloc for x in article.leaders} == {None}
    assert article.bloc == "Khối thi đua các doanh nghiệp nhà nước tỉnh"


def test_the_article_bloc_of_a_notice_stops_before_the_next_holder(own_article):
    """ "…, Sở X làm Trưởng Khối thi đua A, Sở Y làm Phó Trưởng khối": A is a bloc, not more."""
    article = extract(own_article("leaders_notice_blocs_after_roles.txt"))
    assert article.bloc == "Khối thi đua các cơ quan tổng hợp"


def test_each_leader_carries_a_confidence_by_frame_and_year():
    """An election with its year written is trusted more than a tag whose year is inferred."""
    elected = extract(SUMMARY_2025 + "Hội nghị đã bầu Sở Tư pháp giữ chức Trưởng khối năm 2026.")
    inferred = extract(SUMMARY_2025 + "Hội nghị đã bầu Sở Tư pháp giữ chức Trưởng khối.")
    tagged = extract(KICKOFF_2026 + "Hội Luật gia tỉnh - Trưởng khối phát biểu khai mạc hội nghị.")
    [a], [b], [c] = elected.leaders, inferred.leaders, tagged.leaders
    assert (a.frame, a.year, b.year) == ("chosen_as", 2026, 2026)
    assert 0 < c.confidence < b.confidence < a.confidence <= 1
    row = elected.to_dict()["leaders"][0]
    assert row["confidence"] == a.confidence
    assert "bloc" in row
