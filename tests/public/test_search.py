"""Accent-insensitive search: diacritics, đ, "&"/"và", abbreviations, former names."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from awards.abbreviations import expand, variants
from awards.models import Agency, Membership
from awards.models.base import search_names
from awards.text import match_key
from public.search import site_search
from tests.factories import (
    AgencyFactory,
    AgencyNameFactory,
    AliasFactory,
    BlocFactory,
    DecisionFactory,
    EmulationYearFactory,
    MembershipFactory,
    NominationFactory,
    PersonFactory,
    award_type,
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
    person = PersonFactory(full_name="Trần Văn Đức")
    results = site_search("cum thi dua so 11")
    assert [b.name for b in results.blocs] == ["Cụm thi đua số 11"]
    people = site_search("tran van duc").people
    assert [p.full_name for p in people] == ["Trần Văn Đức"]
    assert people[0].url == reverse("awards:person", kwargs={"slug": person.slug})


def test_result_lists_are_bounded(db):
    for i in range(30):
        AgencyFactory(name=f"Trường học số {i}")
    results = site_search("truong hoc", limit=25)
    assert len(results.agencies) == 25
    assert "agencies" in results.more


def test_abbreviations_both_ways():
    assert expand("Sở KH&ĐT") == "so ke hoach va dau tu"
    assert expand("SCT") == "so cong thuong"
    assert "ubnd tinh" in variants("Ủy ban nhân dân tỉnh")


@given(st.text(max_size=40))
def test_variants_never_crash_and_are_match_keys(text):
    for form in variants(text):
        assert form == match_key(form)


def test_typos_are_forgiven_on_every_database(agencies):
    results = site_search("so cong thuonh")
    assert results.agencies[0].name == "Sở Công thương"
    assert results.corrected == "so cong thuong"
    assert agency_hits("so ke hoahc dau tu")[0] == "Sở Kế hoạch & Đầu tư"  # letters swapped


def test_a_typo_is_fixed_by_the_word_the_other_words_agree_with(db):
    AgencyFactory(name="Sở Giáo dục và Đào tạo")
    BlocFactory(name="Khối thi đua các sở")  # "thi" is as near to "tai" as "tao"
    PersonFactory(full_name="Trần Văn Đức")
    AgencyFactory(name="Khu di tích Đền Đô")  # "du" and "dua" are as near to "duk"
    AgencyFactory(name="Ban Thi đua")
    results = site_search("so giao duc va dao tai")  # "tai" is a word of its own
    assert (results.corrected, results.agencies[0].name) == (
        "so giao duc va dao tao",
        "Sở Giáo dục và Đào tạo",
    )
    results = site_search("tran van duk")
    assert (results.corrected, results.people[0].full_name) == ("tran van duc", "Trần Văn Đức")


@pytest.fixture
def provinces(db):
    """The same department in two provinces, in a bloc, with awards."""
    bac_ninh = AgencyFactory(name="Sở Công Thương", province="Bắc Ninh")
    ha_noi = AgencyFactory(name="Sở Công Thương", province="Hà Nội")
    bloc = BlocFactory(name="Khối thi đua kinh tế, kỹ thuật", organiser="Bắc Ninh")
    MembershipFactory(bloc=bloc, agency=bac_ninh, year=EmulationYearFactory(year=2019))
    return {"bac_ninh": bac_ninh, "ha_noi": ha_noi, "bloc": bloc}


@pytest.mark.parametrize(
    "query",
    [
        "so cong thuong bac ninh",
        "bac ninh so cong thuong",  # any order
        "Sở Công thương Bắc Ninh",
        "SCT bac ninh",  # abbreviation plus province
        "so cong thuong khoi kinh te",  # name plus bloc
        "so cong thuogn bac nihn",  # typos in the name and the province
    ],
)
def test_name_with_province_or_bloc(provinces, query):
    results = site_search(query)
    assert [a.url for a in results.agencies] == [provinces["bac_ninh"].get_absolute_url()]


def test_accented_and_unaccented_queries_find_the_same(provinces, agencies):
    for accented, plain in [
        ("Sở Công thương Bắc Ninh", "so cong thuong bac ninh"),
        ("Sở Công Thương", "so cong thuong"),
        ("Ủy ban nhân dân Đông Anh", "uy ban nhan dan dong anh"),
    ]:
        assert agency_hits(accented) == agency_hits(plain)
        assert agency_hits(plain)


@pytest.mark.parametrize(
    "name, query",
    [
        ("Sở Công Thương", "SCT"),
        ("SCT tỉnh", "so cong thuong tinh"),
        ("Sở Thông tin và Truyền thông", "so TT&TT"),
        ("Sở TT&TT", "thong tin va truyen thong"),
        ("Liên minh Hợp tác xã tỉnh", "lien minh HTX"),
        ("Liên minh HTX tỉnh", "lien minh hop tac xa"),
        ("Sở Kế hoạch và Đầu tư", "KH&ĐT"),
        ("Sở KH&ĐT", "ke hoach dau tu"),
        ("Ủy ban nhân dân huyện Tiên Du", "UBND Tien Du"),
        ("Ủy ban MTTQ tỉnh", "mat tran to quoc"),
        ("Liên đoàn Lao động tỉnh", "LĐLĐ tinh"),
        ("Viện Kiểm sát nhân dân tỉnh", "VKSND"),
        ("Công an tỉnh", "CA tinh"),
    ],
)
def test_abbreviations_found_both_ways(db, name, query):
    AgencyFactory(name=name)
    AgencyFactory(name="Sở Y tế")
    assert agency_hits(query)[0] == name


@pytest.fixture
def awards(provinces):
    year = EmulationYearFactory(year=2019)
    flag = NominationFactory(
        year=year, agency=provinces["bac_ninh"], award_type=award_type("gov_flag"),
        status="awarded", decision=DecisionFactory(),
    )  # fmt: skip
    NominationFactory(
        year=year, agency=provinces["ha_noi"], award_type=award_type("gov_flag"),
        status="rejected", status_reason="Không đủ điều kiện",
    )  # fmt: skip
    NominationFactory(
        year=EmulationYearFactory(year=2020), agency=provinces["ha_noi"],
        award_type=award_type("gov_flag"), status="awarded", decision=DecisionFactory(),
    )  # fmt: skip
    NominationFactory(
        year=year, agency=provinces["ha_noi"], award_type=award_type("prov_cert"),
        status="proposed",
    )  # fmt: skip
    return flag


def test_award_and_year_are_filters(awards):
    results = site_search("co thi dua chinh phu 2019")
    assert results.groups[0] == "awards"
    assert results.awards.count == 1  # the rejected one is not public
    assert [r.pk for r in results.awards.rows] == [awards.pk]
    assert results.awards.list_url == "/awards/?award_type=gov_flag&year_from=2019&year_to=2019"
    assert results.award_types[0][0] == "Cờ thi đua của Chính phủ"
    assert site_search("Cờ thi đua của Chính phủ").awards.count == 2
    assert site_search("nam 2019").awards.count == 2  # every award of the year
    assert site_search("bang khen tinh 2019").awards.count == 1


def test_award_with_other_words_narrows_to_those_agencies(awards):
    results = site_search("co thi dua chinh phu so cong thuong bac ninh")
    assert results.awards.count == 1
    assert "q=so+cong+thuong+bac+ninh" in results.awards.list_url
    assert [a.name for a in results.agencies] == ["Sở Công Thương"]
    assert site_search("co thi dua chinh phu ha noi").awards.count == 1  # 2020's


def test_agency_hit_says_where_what_and_how_often(awards, provinces):
    hit = site_search("so cong thuong bac ninh").agencies[0]
    assert (hit.province, hit.kind) == ("Bắc Ninh", str(Agency.Kind.DEPARTMENT.label))
    assert (hit.award_count, hit.latest_year, hit.latest_award) == (1, 2019, "Cờ Chính phủ")
    other = site_search("so cong thuong ha noi").agencies[0]
    assert (other.award_count, other.latest_year) == (1, 2020)  # rejected/proposed not counted


def test_groups_put_the_best_answer_first(provinces):
    PersonFactory(full_name="Nguyễn Kinh Tế")
    results = site_search("khoi thi dua kinh te ky thuat")
    assert results.groups[0] == "blocs"
    assert results.first == ("blocs", "Khối thi đua kinh tế, kỹ thuật")
    assert "agencies" in results.groups  # the bloc's member, found by the bloc's name
    assert site_search("chien si thi dua").groups == ["award_types"]


def test_nothing_found_offers_the_closest_names(agencies):
    results = site_search("so cong thuong quang tri")
    assert results.empty
    assert "Sở Công thương" in [name for name, _url in results.suggestions]


def test_search_text_follows_memberships_and_bloc_renames(provinces):
    agency, bloc = provinces["bac_ninh"], provinces["bloc"]
    agency.refresh_from_db()
    assert "khoi thi dua kinh te, ky thuat" in agency.search_text
    assert search_names(agency.search_text) == ["so cong thuong"]
    bloc.name = "Cụm thi đua phía Bắc"
    bloc.save()
    agency.refresh_from_db()
    assert "cum thi dua phia bac" in agency.search_text
    Membership.objects.filter(agency=agency).delete()  # a queryset delete: no refresh
    Membership.objects.create(agency=agency, bloc=BlocFactory(name="Khối X"), year_id=2019)
    agency.refresh_from_db()
    assert "khoi x" in agency.search_text


def test_search_page_shows_hits_with_province_and_suggestions(client, awards):
    page = client.get("/search/", {"q": "sct bac ninh"}).content.decode()
    assert "Bắc Ninh" in page and provinces_url(awards) in page
    page = client.get("/search/", {"q": "co thi dua chinh phu 2019"}).content.decode()
    assert "/awards/?award_type=gov_flag&amp;year_from=2019&amp;year_to=2019" in page
    page = client.get("/search/", {"q": "so cong thuong quang tri"}).content.decode()
    assert provinces_url(awards) in page  # "Did you mean"


def provinces_url(nomination):
    return nomination.agency.get_absolute_url()
