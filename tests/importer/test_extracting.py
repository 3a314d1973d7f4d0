"""Extraction on the seed, the dev corpus, and articles written for each shape of reporting."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

from awards.importer.extracting import extract, split_names
from awards.text import match_key


def pairs(article):
    return sorted((match_key(n.nominee), n.award, n.status) for n in article.nominations)


# The seed article's annotation: what a careful reader extracts from the demo data's article.
SEED_NOMINATIONS = [
    ("Sở Công thương", "gov_flag"),
    ("Sở Xây dựng", "prov_flag"),
    ("Sở Thông tin & Truyền thông", "prov_flag"),
    ("Cục Dự trữ quốc gia khu vực Hà Bắc", "prov_flag"),
    ("Sở Giao thông vận tải", "pm_cert"),
    ("Quỹ Đầu tư phát triển tỉnh", "pm_cert"),
    ("Sở Tài nguyên và Môi trường", "prov_cert"),
    ("Liên Minh HTX tỉnh", "prov_cert"),
    ("Ban Quản lý khu vực phát triển đô thị Bắc Ninh", "prov_cert"),
]


def test_seed_article_gives_exactly_its_annotation(seed_text):
    article = extract(seed_text)
    want = sorted((match_key(name), award, "proposed") for name, award in SEED_NOMINATIONS)
    assert pairs(article) == want
    assert len(article.nominations) == 9
    assert [(x.agency, x.role, x.year) for x in article.leaders] == [
        ("Liên Minh HTX tỉnh", "head", 2020)
    ]
    assert article.meeting_date == "2019-12-02"
    assert article.venue == "Sở Công thương"
    assert article.award_year == 2019
    assert article.publisher == "BTV"


def test_dev_corpus_meets_the_targets(dev_dir):
    """The scorer's measure, computed in process, so a regression fails here first."""
    tp = fp = fn = ltp = lfn = neg_fp = 0
    for gold_file in sorted(dev_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        got = extract(gold_file.with_suffix(".txt").read_text(encoding="utf-8"))
        want = [(match_key(n["nominee"]), n["award"]) for n in gold["nominations"]]
        have = [(match_key(n.nominee), n.award) for n in got.nominations]
        left = list(have)
        for w in want:
            hit = next(
                (h for h in left if h[1] == w[1] and (h[0] == w[0] or h[0].endswith(" " + w[0]))),
                None,
            )
            if hit:
                tp += 1
                left.remove(hit)
            else:
                fn += 1
        fp += len(left)
        leaders = {(match_key(x.agency), x.role, x.year) for x in got.leaders}
        for x in gold["leaders"]:
            if (match_key(x["agency"]), x["role"], x["year"]) in leaders:
                ltp += 1
            else:
                lfn += 1
        if gold.get("negative"):
            neg_fp += len(have)
    assert tp / (tp + fp) >= 0.98
    assert tp / (tp + fn) >= 0.95
    assert ltp / (ltp + lfn) >= 0.9
    assert neg_fp == 0


def test_lists_suy_ton_withdrawal_and_giu_chuc(own_article):
    article = extract(own_article("list_and_suy_ton.txt"))
    assert pairs(article) == sorted(
        [
            (match_key("Sở Tài chính"), "prov_flag", "proposed"),
            (match_key("Sở Nội vụ"), "prov_cert", "proposed"),
            (match_key("Sở Tư pháp"), "prov_cert", "proposed"),
            (match_key("Thanh tra tỉnh"), "prov_cert", "proposed"),
            (match_key("Sở Kế hoạch và Đầu tư"), "pm_cert", "proposed"),
            (match_key("Kho bạc Nhà nước tỉnh"), "pm_cert", "proposed"),
        ]
    )
    assert "Sở Ngoại vụ" not in [n.nominee for n in article.nominations]
    assert [(x.agency, x.role, x.year) for x in article.leaders] == [
        ("Sở Nội vụ", "head", 2023),
        ("Sở Tư pháp", "deputy", 2023),
    ]
    assert article.meeting_date == "2023-01-05"  # a January meeting closes the previous year


def test_shortened_list_persons_orders_and_counts(own_article):
    article = extract(own_article("cluster_persons_order.txt"))
    got = {(n.nominee, n.award, n.status, n.kind) for n in article.nominations}
    assert got == {
        ("UBND huyện Thạch Thất", "prov_flag", "proposed", "collective"),
        ("UBND huyện Ba Vì", "prov_cert", "proposed", "collective"),
        ("UBND huyện Phúc Thọ", "prov_cert", "proposed", "collective"),
        ("Nhân dân và cán bộ xã Cam Thượng, huyện Ba Vì", "labor_order_2", "awarded", "collective"),
        ("Nguyễn Văn Hùng", "emulation_soldier_province", "proposed", "individual"),
        ("Đỗ Thị Lan", "emulation_soldier_province", "proposed", "individual"),
    }
    assert {(x.agency, x.role, x.year) for x in article.leaders} == {
        ("UBND huyện Ba Vì", "head", 2019),
        ("UBND huyện Phúc Thọ", "deputy", 2019),
    }


def test_count_then_dash_list_award_first_and_related_titles(own_article):
    article = extract(own_article("enterprises_dash_list.txt"))
    codes = [(n.nominee, n.award) for n in article.nominations]
    assert len([c for c in codes if c[1] == "excellent_collective"]) == 4
    assert ("Trần Minh Đức", "labor_order_3") in codes
    assert ("Công ty TNHH MTV Xổ số kiến thiết Quảng Bình", "prov_flag") in codes
    assert not any("Điện lực" in n for n, _ in codes)  # a related article's title


def test_hard_wrapped_text_giver_first_and_caption(own_article):
    article = extract(own_article("wrapped_crlf_captions.txt"))
    got = {(n.nominee, n.award) for n in article.nominations}
    assert ("Hội Nông dân tỉnh Quảng Nam", "ministry_flag") in got
    assert ("Hội Nông dân tỉnh Khánh Hoà", "ministry_cert") in got  # completed short list
    assert ("Hội Nông dân tỉnh Bình Định", "ministry_flag") in got  # only in the caption
    assert not any("Quảng Ngãi" in n for n, _ in got)  # a gift is not an award
    assert {(x.agency, x.role) for x in article.leaders} == {
        ("Hội Nông dân tỉnh Phú Yên", "head"),
        ("Hội Nông dân tỉnh Khánh Hoà", "deputy"),
    }


def test_negative_article_extracts_nothing(own_article):
    article = extract(own_article("negative_pledge.txt"))
    assert article.nominations == []
    assert article.leaders == []
    assert article.negative
    assert article.award_year is None
    assert article.meeting_kind == "pledge"


def test_crlf_old_tone_marks_and_exclusion_in_parentheses(own_article):
    article = extract(own_article("crlf_old_tones.txt"))
    assert [(n.nominee, n.award) for n in article.nominations] == [
        ("Toà án nhân dân tỉnh", "prov_flag"),
        ("Viện Kiểm sát nhân dân tỉnh", "prov_flag"),
        ("Công an tỉnh", "pm_cert"),
    ]
    assert article.meeting_date == "2021-01-16"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Sở Tài chính và Sở Kế hoạch và Đầu tư", ["Sở Tài chính", "Sở Kế hoạch và Đầu tư"]),
        (
            "Sở Văn hóa, Thể thao và Du lịch, Sở Y tế",
            ["Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"],
        ),
        ("Hội CCB tỉnh Vĩnh Long, Bến Tre", ["Hội CCB tỉnh Vĩnh Long", "Hội CCB tỉnh Bến Tre"]),
        ("UBND các huyện: Tân Yên, Lạng Giang", ["UBND huyện Tân Yên", "UBND huyện Lạng Giang"]),
        ("Sở TN&MT và BQL các KKT và KCN tỉnh", ["Sở TN&MT", "BQL các KKT và KCN tỉnh"]),
        ("ông Lê Văn A, Giám đốc Sở Y tế và bà Trần Thị B", ["Lê Văn A", "Trần Thị B"]),
    ],
)
def test_split_names(text, names):
    assert [n.text for n in split_names(text)] == names


def test_warnings_are_in_the_active_language():
    with translation.override("vi"):
        assert extract("Một đoạn văn không có gì.").warnings == [
            "Bài viết không nêu tên khối/cụm thi đua nào.",
            "Không tìm thấy ngày tổ chức hội nghị.",
        ]
    with translation.override("en"):
        assert "No emulation bloc is named." in extract("Nothing here at all.").warnings


def test_extract_needs_no_django_settings():
    """Scripts and benchmarks call extract() bare: its warnings fall back to English."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = "from awards.importer.extracting import extract; print(extract('Hello world.').warnings)"
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "No emulation bloc is named." in done.stdout


def test_a_name_never_starts_with_a_lower_case_letter_with_marks():
    """ "đã" is lower case: "Công ty Cấp nước tỉnh đã được…" names no province."""
    article = extract(
        "Hội nghị ký kết giao ước thi đua năm 2024\n\n"
        "Sáng 5/3, Khối thi đua các doanh nghiệp tổ chức ký kết giao ước thi đua năm 2024. "
        "Năm 2023, Công ty Cấp nước tỉnh đã được tặng Cờ thi đua của UBND tỉnh."
    )
    assert article.province is None
    named = extract("Tổng kết năm 2022\n\nKhối thi đua Nội chính tỉnh Long An tổng kết.")
    assert named.province == "Long An"
