"""Accent-insensitive search: diacritics, đ, "&"/"và", abbreviations, former names."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from awards.abbreviations import expand, variants
from awards.text import match_key
from public.search import site_search
from tests.factories import (
    AgencyFactory,
    AgencyNameFactory,
    AliasFactory,
    BlocFactory,
    PersonFactory,
)


@pytest.fixture
def agencies(db):
    found = {
        "trade": AgencyFactory(name="Sở Công thương"),
        "plan": AgencyFactory(name="Sở Kế hoạch & Đầu tư"),
        "culture": AgencyFactory(name="Sở Văn hóa, Thể thao và Du lịch"),
        "committee": AgencyFactory(name="Ủy ban nhân dân huyện Đông Anh"),
        "veterans": AgencyFactory(name="Hội CCB tỉnh"),
        "other": AgencyFactory(name="Sở Y tế"),
    }
    AgencyNameFactory(
        agency=found["trade"], name="Sở Thương mại", valid_to=datetime.date(2007, 12, 31)
    )
    AgencyNameFactory(
        agency=found["trade"], name="Sở Công thương", valid_from=datetime.date(2008, 1, 1)
    )
    AliasFactory(agency=found["other"], text="SYT")
    return found


def agency_hits(query):
    return [a.name for a in site_search(query).agencies]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("so cong thuong", "Sở Công thương"),
        ("SO CONG THUONG", "Sở Công thương"),
        ("Sở Công Thương", "Sở Công thương"),
        ("so thuong mai", "Sở Công thương"),  # a former name
        ("so ke hoach va dau tu", "Sở Kế hoạch & Đầu tư"),  # "và" for "&"
        ("Sở KH&ĐT", "Sở Kế hoạch & Đầu tư"),  # abbreviation
        ("kh & dt", "Sở Kế hoạch & Đầu tư"),
        ("so vh-tt&dl", "Sở Văn hóa, Thể thao và Du lịch"),
        ("van hoa the thao & du lich", "Sở Văn hóa, Thể thao và Du lịch"),
        ("ubnd huyen dong anh", "Ủy ban nhân dân huyện Đông Anh"),
        ("dong anh", "Ủy ban nhân dân huyện Đông Anh"),  # d matches đ
        ("hoi cuu chien binh", "Hội CCB tỉnh"),  # long form finds the abbreviated name
        ("syt", "Sở Y tế"),  # an alias
    ],
)
def test_agency_found(agencies, query, expected):
    assert agency_hits(query)[0] == expected


def test_no_false_hit_and_empty_query(agencies):
    assert agency_hits("so tai chinh") == []
    assert site_search("   ").empty


def test_blocs_and_people(db):
    BlocFactory(name="Cụm thi đua số 11")
    PersonFactory(full_name="Trần Văn Đức")
    results = site_search("cum thi dua so 11")
    assert [b.name for b in results.blocs] == ["Cụm thi đua số 11"]
    assert [p.full_name for p in site_search("tran van duc").people] == ["Trần Văn Đức"]


def test_result_lists_are_bounded(db):
    for i in range(30):
        AgencyFactory(name=f"Trường học số {i}")
    results = site_search("truong hoc", limit=25)
    assert len(results.agencies) == 25
    assert "agencies" in results.more


def test_abbreviations_both_ways():
    assert expand("Sở KH&ĐT") == "so ke hoach va dau tu"
    assert "ubnd tinh" in variants("Ủy ban nhân dân tỉnh")


@given(st.text(max_size=40))
def test_variants_never_crash_and_are_match_keys(text):
    for form in variants(text):
        assert form == match_key(form)


def test_typos_are_forgiven_on_postgresql(agencies):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("trigram similarity is PostgreSQL's")
    assert agency_hits("so cong thuonh")[0] == "Sở Công thương"
