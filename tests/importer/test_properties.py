"""Whatever comes in, the importer answers with data or one clear error, never a crash."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awards.importer.extracting import extract
from awards.importer.reading import ArticleInputError, read_article

VOCAB = [
    "Sở Y tế",
    "và",
    ",",
    ";",
    ":",
    "Cờ thi đua",
    "Bằng khen",
    "của",
    "UBND tỉnh",
    "cho",
    "đề nghị",
    "tặng",
    "được",
    "bầu",
    "làm",
    "Trưởng khối",
    "Cụm phó",
    "năm 2020",
    "\n",
    "- ",
    "1. ",
    "(",
    ")",
    "Khối thi đua",
    "Chiều 12/12",
    "ông",
    "Nguyễn Văn A",
    "các huyện:",
    "Ảnh: X",
    "gồm",
    "là",
    "03 đơn vị",
    "Huân chương Lao động hạng Ba",
    "Chiến sĩ thi đua cấp tỉnh",
    '"',
    "Tin liên quan",
    "bàn giao",
    ".",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_extracts_without_crashing(text):
    data = extract(text).to_dict()
    assert isinstance(data["nominations"], list)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCAB), max_size=60).map(" ".join))
def test_award_like_word_salad_extracts_without_crashing(text):
    article = extract(text)
    for n in article.nominations:
        assert n.nominee.strip()
        assert n.kind in {"collective", "individual"}


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=4000))
def test_any_bytes_give_text_or_one_clear_error(data):
    try:
        text = read_article(data)
    except ArticleInputError:
        return
    extract(text)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=2000), st.text(max_size=30))
def test_seed_with_noise_inserted_does_not_crash(seed_text_position, noise):
    from pathlib import Path

    seed = Path(__file__).resolve().parents[2] / "awards" / "demo_data"
    text = (seed / "bac-ninh-khoi-kinh-te-ky-thuat-2019.txt").read_text(encoding="utf-8")
    pos = seed_text_position % (len(text) + 1)
    extract(text[:pos] + noise + text[pos:])


ROLE_VOCAB = [
    "Phó",
    "phó",
    "PHÓ",
    "Trưởng",
    "trưởng",
    "TRƯỞNG",
    "khối",
    "Khối",
    "KHỐI",
    "cụm",
    "Cụm",
    "CỤM",
    "Thường trực",
    "Sở",
    "PhóKhối",
    "trưởngcụm",
    " ",
    "  ",
    ", ",
    "\n",
]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(ROLE_VOCAB), max_size=12).map("".join))
def test_role_search_matches_the_plain_pattern(text):
    """The role search that skips to role words finds what the pattern itself finds."""
    import re

    from awards.importer.leaders import _ROLE_RE

    plain = re.compile(_ROLE_RE.pattern.pattern)
    assert [m.span() for m in _ROLE_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]
    found, expected = _ROLE_RE.search(text), plain.search(text)
    assert (found and (found.span(), found.lastgroup)) == (
        expected and (expected.span(), expected.lastgroup)
    )
