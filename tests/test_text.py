"""Normalising, folding and slugs: the functions every search and match goes through."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from awards.text import fold, match_key, normalize, normalize_text, slugify_vi


def test_fold_strips_marks_and_maps_d():
    assert fold("Sở Công Thương") == "so cong thuong"
    assert fold("ĐÀ NẴNG") == "da nang"
    assert fold("Liên đoàn Lao động") == "lien doan lao dong"


def test_fold_meets_old_and_new_tone_placement_and_nfd():
    assert fold("hoà") == fold("hòa") == "hoa"
    assert fold("thuỷ") == fold("thủy")
    assert fold(unicodedata.normalize("NFD", "Sở Xây dựng")) == "so xay dung"


def test_normalize_is_nfc_and_joins_broken_lines():
    decomposed = unicodedata.normalize("NFD", "Sở Tài nguyên\r\nvà  Môi trường")
    result = normalize(decomposed)
    assert result == "Sở Tài nguyên và Môi trường"
    assert unicodedata.is_normalized("NFC", result)


def test_match_key_reads_ampersand_as_va():
    assert match_key("Sở Thông tin & Truyền thông") == match_key("Sở Thông tin và Truyền thông")
    assert match_key("Sở VH-TT&DL") == "so vh tt va dl"


def test_slug_is_ascii():
    assert slugify_vi("Sở Thông tin & Truyền thông") == "so-thong-tin-truyen-thong"
    assert slugify_vi("Đài Phát thanh") == "dai-phat-thanh"


@given(st.text())
def test_fold_is_idempotent(value):
    assert fold(fold(value)) == fold(value)


@given(st.text())
def test_slug_is_always_ascii_and_url_safe(value):
    slug = slugify_vi(value)
    assert slug.isascii()
    assert all(ch.isalnum() or ch == "-" for ch in slug)
    assert not slug.startswith("-") and not slug.endswith("-")


@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_fold_has_no_marks_and_no_d_bar(value):
    folded = fold(value)
    assert "đ" not in folded
    assert not any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", folded))


def test_normalize_text_keeps_lines_and_unifies_line_ends():
    value = unicodedata.normalize("NFD", "Dòng một\r\nDòng hai\rDòng ba")
    assert normalize_text(value) == "Dòng một\nDòng hai\nDòng ba"
    assert unicodedata.is_normalized("NFC", normalize_text(value))
