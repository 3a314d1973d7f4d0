"""Vietnamese order: awards.text.sort_key, and the database's vi_icu collation, agree."""

import random

import pytest

from awards.collation import collated
from awards.models import Agency
from awards.text import given_name, initial, sort_key
from tests.factories import AgencyFactory

# In the order a Vietnamese reader expects.
EXPECTED = [
    "Ban Dân vận",
    "Ban Tổ chức",
    "Ban Tuyên giáo",
    "Công an tỉnh",
    "Cục Thuế",
    "Dương Văn An",
    "Đài Phát thanh và Truyền hình",
    "Đoàn Thanh niên",
    "Đỗ Thị Hà",
    "Em",
    "Hội Nông dân",
    "Sở Công an",
    "Sở Công thương",
    "Sở Công Thương",
    "Sở Giáo dục và Đào tạo",
    "Uông Bí",
    "Ủy ban Mặt trận Tổ quốc",
    "Ủy ban nhân dân huyện",
    "Ưu",
    "Vũ Văn Bình",
]


def test_the_sort_key_puts_vietnamese_names_in_order():
    shuffled = EXPECTED[:]
    random.Random(1).shuffle(shuffled)
    assert sorted(shuffled, key=sort_key) == EXPECTED


def test_tones_then_case_break_ties_in_dictionary_order():
    words = ["bạ", "Ba", "bá", "bã", "ba", "bả", "bà"]
    assert sorted(words, key=sort_key) == ["ba", "Ba", "bà", "bả", "bã", "bá", "bạ"]


def test_spaces_and_punctuation_before_digits_before_letters():
    assert sorted(["ab", "a1", "a-c", "a b"], key=sort_key) == ["a b", "a-c", "a1", "ab"]


def test_decomposed_text_sorts_as_composed():
    import unicodedata

    assert sort_key(unicodedata.normalize("NFD", "Đỗ Thị Hà")) == sort_key("Đỗ Thị Hà")


def test_initials_and_given_names():
    assert [initial(n) for n in ("Ủy ban", "Đài", "ấp", "Ưu", "1 Tháng 5", "")] == [
        "U",
        "Đ",
        "Â",
        "Ư",
        "#",
        "",
    ]
    assert given_name(" Nguyễn  Thị Đào ") == "Đào"
    assert given_name("Đào") == "Đào"


@pytest.mark.django_db
def test_the_database_sorts_as_the_sort_key_does():
    """On PostgreSQL this is ICU's vi collation; on SQLite the registered sort key."""
    names = EXPECTED[:]
    random.Random(2).shuffle(names)
    for name in names:
        AgencyFactory(name=name)
    ordered = list(Agency.objects.order_by(collated("name"), "pk").values_list("name", flat=True))
    assert ordered == EXPECTED
    descending = Agency.objects.order_by(collated("name", descending=True))
    assert list(descending.values_list("name", flat=True)) == EXPECTED[::-1]


MORE = [
    "Sở Lao động - Thương binh và Xã hội",
    "Sở LĐ-TB&XH",
    "Sở Tài chính",
    "Sở Tài nguyên và Môi trường",
    "Sở Tư pháp",
    "Sở Nội vụ",
    "Sở Y tế",
    "Hội Liên hiệp Phụ nữ",
    "Liên đoàn Lao động",
    "Trường Cao đẳng (Y tế)",
    "Trường Cao đẳng Y tế",
    "Bảo hiểm xã hội",
    "Bảo hiểm Xã hội",
    "Bưu điện tỉnh",
    "Ngân hàng Nhà nước, chi nhánh",
    "Ngân hàng Nhà nước – chi nhánh",
    "Quỹ Đầu tư phát triển tỉnh",
    "Quỹ Đầu tư phát triển tỉnh Bắc Ninh",
    "Quỹ đầu tư",
    "UBND huyện Gia Bình",
    "Ủy ban nhân dân huyện Gia Bình",
    "Uỷ ban nhân dân thị xã",
]


@pytest.mark.django_db
def test_the_database_and_the_sort_key_agree_on_punctuation_and_case():
    for name in MORE:
        AgencyFactory(name=name)
    ordered = list(Agency.objects.order_by(collated("name"), "pk").values_list("name", flat=True))
    assert ordered == sorted(MORE, key=sort_key)
