"""The browse pages (public.browse) and the names they show: the name of the time."""

import datetime
import re

import pytest
from django.utils.html import escape

from awards.models import Membership, Nomination, SourceDocument
from awards.models.base import same_name
from tests.factories import (
    AgencyFactory,
    AgencyNameFactory,
    BlocFactory,
    DecisionFactory,
    EmulationYearFactory,
    MembershipFactory,
    NominationFactory,
    PersonFactory,
    SourceDocumentFactory,
    award_type,
)
from tests.public.conftest import FIRST_YEAR


@pytest.fixture
def history(history_factory):
    return history_factory(60)


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def positions(page: str, names: list[str]) -> list[int]:
    return [page.index(escape(name)) for name in names]


def awarded(**kwargs):
    kwargs.setdefault("decision", DecisionFactory())
    return NominationFactory(status=Nomination.Status.AWARDED, **kwargs)


@pytest.mark.parametrize(
    "url", ["/years/", "/blocs/", "/agencies/", "/award-types/", "/people/", "/sources/"]
)
def test_every_index_is_linked_from_the_home_page(client, history, url):
    assert f'href="{url}"' in html(client, "/")
    assert "Đơn vị bị từ chối" not in html(client, url)


def test_years_show_counts_and_heads_under_the_name_of_that_year(client, history):
    page = html(client, "/years/")
    first = page.split(f'href="/years/{FIRST_YEAR}/"')[1].split("</tr>")[0]
    # The renamed agency heads the first bloc every year; in 2016 it was "Sở Thương mại".
    assert "Sở Thương mại" in first and "Sở Công thương" not in first
    public = Nomination.objects.public().filter(year_id=FIRST_YEAR)
    counts = re.findall(r'<td class="num"[^>]*>(\d+)</td>', first)
    assert [int(n) for n in counts] == [
        public.filter(status="awarded").count(),
        public.filter(status="proposed").count(),
    ]


def test_a_year_page_shows_its_heads_under_the_name_of_that_year(client, history):
    """It showed today's name ("Sở Công thương") where the bloc page showed the old one."""
    page = html(client, f"/years/{FIRST_YEAR}/")
    heads = re.search(r"Trưởng khối: <a [^>]*>([^<]*)</a>", page)
    assert heads.group(1) == "Sở Thương mại"


def test_blocs_show_kind_members_and_current_head(client, history):
    page = html(client, "/blocs/")
    row = page.split(history.bloc.get_absolute_url())[1].split("</tr>")[0]
    members = Membership.objects.filter(bloc=history.bloc, year_id=2025).count()
    assert f"{members} <span" in row and "(2025)" in row
    assert "Sở Công thương" in row  # the head of 2025, under its name of 2025
    assert "Khối thi đua" in row


def test_agencies_in_vietnamese_order_with_letter_headings(client, db):
    names = [
        "Vũ Thư",
        "Ủy ban Mặt trận",
        "Uông Bí",
        "Em Đây",
        "Đỗ Đạt",
        "Đài Phát thanh",
        "Dân vận",
    ]
    for name in names:
        AgencyFactory(name=name)
    page = html(client, "/agencies/")
    order = [
        "Dân vận",
        "Đài Phát thanh",
        "Đỗ Đạt",
        "Em Đây",
        "Uông Bí",
        "Ủy ban Mặt trận",
        "Vũ Thư",
    ]
    assert positions(page, order) == sorted(positions(page, order))
    headings = re.findall(r'<h2 id="letter-\d+" class="letter">([^<]+)</h2>', page)
    assert headings[:2] == ["D", "Đ"] and headings.index("U") < headings.index("V")
    assert "Ủy ban" in page.split(">U</h2>")[1].split("</section>")[0]


def test_agencies_filter_by_letter_kind_and_bloc(client, db):
    bloc = BlocFactory(name="Khối Văn xã")
    dai = AgencyFactory(name="Đài Phát thanh", kind="agency")
    MembershipFactory(bloc=bloc, agency=dai, year=EmulationYearFactory(year=2024))
    AgencyFactory(name="Dân vận", kind="mass_org")
    letter = html(client, "/agencies/?letter=%C4%90")  # Đ
    assert "Đài Phát thanh" in letter and "Dân vận" not in letter
    assert "Dân vận" in html(client, "/agencies/?letter=D")
    kind = html(client, "/agencies/?kind=mass_org")
    assert "Dân vận" in kind and "Đài Phát thanh" not in kind
    in_bloc = html(client, f"/agencies/?bloc={bloc.slug}")
    assert "Đài Phát thanh" in in_bloc and "Dân vận" not in in_bloc


@pytest.mark.parametrize("query", ["kind=nope", "bloc=nope", "letter=Q1", "page=abc", "page=0"])
def test_agencies_bad_parameters_give_a_normal_page(client, db, query):
    AgencyFactory(name="Sở Y tế")
    response = client.get(f"/agencies/?{query}")
    assert response.status_code == 200


@pytest.mark.parametrize("index", ["/agencies/", "/people/", "/sources/"])
def test_a_page_past_the_end_of_an_index_is_a_404(client, db, index):
    """As on the record lists: not the last page shown as if it were the one asked for."""
    AgencyFactory(name="Sở Y tế")
    assert client.get(f"{index}?page=99").status_code == 404
    assert client.get(index).status_code == 200


def test_award_types_in_precedence_order_with_counts(client, history):
    page = html(client, "/award-types/")
    flags = Nomination.objects.public().filter(award_type__code="gov_flag")
    row = page.split("/award-types/gov_flag/")[1].split("</tr>")[0]
    counts = [int(n) for n in re.findall(r'<td class="num"[^>]*>(\d+)</td>', row)]
    assert counts == [
        flags.filter(status="awarded").count(),
        flags.filter(status="proposed").count(),
    ]
    assert page.index("/award-types/gov_flag/") < page.index("/award-types/merit_paper/")


def test_people_by_given_name_with_unit_and_only_with_public_awards(client, db):
    unit = AgencyFactory(name="Sở Y tế")
    year = EmulationYearFactory(year=2023)
    for name in ["Trần Văn Đức", "Nguyễn Thị Đào", "Đỗ Quang Huy", "Lê An"]:
        person = PersonFactory(full_name=name, agency=unit)
        awarded(year=year, agency=None, person=person, award_type=award_type("prov_cert"))
    hidden = PersonFactory(full_name="Phạm Bị Từ Chối", agency=unit)
    NominationFactory(
        year=year,
        agency=None,
        person=hidden,
        status=Nomination.Status.REJECTED,
        status_reason="Không đủ điều kiện",
    )
    page = html(client, "/people/")
    # Given names: An, Đào, Đức, Huy (Đào before Đức: a before ư).
    order = ["Lê An", "Nguyễn Thị Đào", "Trần Văn Đức", "Đỗ Quang Huy"]
    assert positions(page, order) == sorted(positions(page, order))
    assert "Sở Y tế" in page
    assert "Phạm Bị Từ Chối" not in page
    assert client.get(f"/people/{hidden.slug}/").status_code == 404


def test_sources_newest_first_and_only_published(client, db):
    SourceDocumentFactory(title="Bài cũ", published=datetime.date(2019, 12, 3))
    SourceDocumentFactory(
        title="Bài mới", published=datetime.date(2024, 12, 3), publisher="Báo Bắc Ninh"
    )
    SourceDocumentFactory(title="Biên bản nội bộ", kind=SourceDocument.Kind.MINUTES)
    page = html(client, "/sources/")
    assert page.index("Bài mới") < page.index("Bài cũ")
    assert "Báo Bắc Ninh" in page and "03/12/2024" in page
    assert "Biên bản nội bộ" not in page


def test_a_person_page_shows_the_unit_at_the_time_and_the_sources(client, history):
    person = history.person  # at the renamed agency, "Sở Thương mại" until 2017
    source = SourceDocumentFactory(title="Bài về chiến sĩ thi đua")
    awarded(
        year=history.years[0],
        agency=None,
        person=person,
        award_type=award_type("emulation_soldier_province"),
        source=source,
    )
    page = html(
        client,
        person.get_absolute_url()
        if hasattr(person, "get_absolute_url")
        else f"/people/{person.slug}/",
    )
    assert "<h1>Nguyễn Thị Đào</h1>" in page
    row = page.split(f'href="/years/{FIRST_YEAR}/"')[1].split("</tr>")[0]
    assert "Sở Thương mại" in row
    assert "Bài về chiến sĩ thi đua" in page


def test_tables_link_individuals_to_their_page(client, history):
    page = html(client, "/awards/?kind=individual")
    assert f'href="/people/{history.person.slug}/"' in page
    assert "?person=" not in page.split("<tbody>")[1]


@pytest.mark.parametrize(
    ("then", "now", "same"),
    [
        ("Sở Công thương", "Sở Công Thương", True),
        ("Quỹ Đầu tư phát triển tỉnh", "Quỹ Đầu tư phát triển tỉnh Bắc Ninh", True),
        ("Liên Minh HTX tỉnh", "Liên minh Hợp tác xã tỉnh Bắc Ninh", True),
        ("Sở TT&TT", "Sở Thông tin và Truyền thông", True),
        ("Sở Thương mại", "Sở Công thương", False),
        ("Sở Nông nghiệp và Phát triển nông thôn", "Sở Nông nghiệp và Môi trường", False),
        ("Quỹ Đầu tư phát triển", "Quỹ Đầu tư phát triển tỉnh Bắc Ninh", False),
    ],
)
def test_a_rename_is_a_real_change_of_name(then, now, same):
    assert same_name(then, now, province="Bắc Ninh") is same


def test_now_is_shown_only_for_a_real_rename(client, db):
    """ "Sở Công thương — now Sở Công Thương" announced a rename that never happened."""
    year = EmulationYearFactory(year=2019)
    bloc = BlocFactory()
    capitals = AgencyFactory(name="Sở Công Thương")
    awarded(year=year, bloc=bloc, agency=capitals, nominee_name="Sở Công thương")
    fund = AgencyFactory(name="Quỹ Đầu tư phát triển tỉnh Bắc Ninh")
    awarded(year=year, bloc=bloc, agency=fund, nominee_name="Quỹ Đầu tư phát triển tỉnh")
    renamed = AgencyFactory(name="Sở Công thương mới")
    AgencyNameFactory(agency=renamed, name="Sở Thương mại", valid_to=datetime.date(2019, 12, 31))
    awarded(year=year, bloc=bloc, agency=renamed, nominee_name="Sở Thương mại")
    page = html(client, "/awards/")
    notes = re.findall(r'<span class="muted">([^<]*)</span>', page.split("<tbody>")[1])
    assert len(notes) == 1 and "Sở Công thương mới" in notes[0]
    assert "Each award shows the name" not in html(client, capitals.get_absolute_url())


def test_home_leads_with_the_latest_year_with_awards_and_every_blocs_head(client, db):
    """2025 (all proposed, "0 awarded") led the home page, and a bloc with no head for
    the next year (the districts' cluster, gone in 2025) was missing from the heads."""
    y2024, y2025 = EmulationYearFactory(year=2024), EmulationYearFactory(year=2025)
    khoi, cum = BlocFactory(name="Khối các sở"), BlocFactory(name="Cụm các huyện")
    so, huyen = AgencyFactory(name="Sở Tài chính"), AgencyFactory(name="UBND huyện Gia Bình")
    MembershipFactory(bloc=khoi, agency=so, year=y2025, role=Membership.Role.HEAD)
    MembershipFactory(bloc=cum, agency=huyen, year=y2024, role=Membership.Role.HEAD)
    awarded(year=y2024, bloc=khoi, agency=so)
    NominationFactory(year=y2025, bloc=khoi, agency=so, award_type=award_type("prov_flag"))
    page = html(client, "/")
    assert re.search(r'href="/years/(\d+)/"', page).group(1) == "2024"
    heads = page.split('id="heads-heading"')[1].split("</section>")[0]
    assert "Sở Tài chính" in heads and "UBND huyện Gia Bình" in heads


def test_bloc_options_in_vietnamese_order(client, db):
    for name in ["Khối Văn xã", "Cụm Đông", "Cụm Dưới", "Khối Ủy ban", "Khối Uông"]:
        BlocFactory(name=name)
    page = html(client, "/agencies/")
    order = ["Cụm Dưới", "Cụm Đông", "Khối Uông", "Khối Ủy ban", "Khối Văn xã"]
    assert positions(page, order) == sorted(positions(page, order))


def test_a_source_shows_the_heads_it_names_under_their_names_then(client, history):
    Membership.objects.filter(agency=history.renamed, year_id=FIRST_YEAR).update(
        source=history.source
    )
    page = html(client, history.source.get_absolute_url())
    assert f"{FIRST_YEAR}: <a" in page
    listed = page.split(f"{FIRST_YEAR}: <a")[1].split("</li>")[0]
    assert "Sở Thương mại" in listed and "Sở Công thương" not in listed
