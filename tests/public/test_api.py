"""The JSON API (public.api): public data only, the list's filters, pages, JSON errors."""

import json

import pytest
from django.test import Client

from awards.models import Nomination
from public import api
from tests.factories import NominationFactory, PersonFactory, award_type
from tests.public.conftest import FIRST_YEAR, LAST_YEAR

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    response = client.get(url, params)
    assert response["Content-Type"].startswith("application/json")
    return response, json.loads(response.content)


def test_the_root_lists_every_endpoint(client):
    response, data = get(client, "/api/v1/")
    assert response.status_code == 200
    assert set(data) == {"years", "blocs", "agencies", "award_types", "awards"}
    assert data["awards"] == "http://testserver/api/v1/awards/"


def test_awards_are_only_public_with_names_then_and_now(client, small_history):
    h = small_history
    response, data = get(client, "/api/v1/awards/", page_size=1000)
    assert response.status_code == 200
    public = Nomination.objects.public()
    assert data["count"] == public.count() == len(data["results"])
    ids = {row["id"] for row in data["results"]}
    assert h.rejected.pk not in ids
    assert {row["status"] for row in data["results"]} <= {"awarded", "proposed"}
    renamed = [r for r in data["results"] if r["agency"] and r["agency"]["slug"] == h.renamed.slug]
    early = next(r for r in renamed if r["year"] == FIRST_YEAR)
    assert early["name_at_award"] == "Sở Thương mại"
    assert early["current_name"] == "Sở Công thương"
    assert early["url"] == f"http://testserver/agencies/{h.renamed.slug}/"
    awarded = next(r for r in data["results"] if r["status"] == "awarded")
    assert awarded["decision"] == {
        "id": h.decision.pk,
        "number": h.decision.number,
        "date": "2020-03-15",
        "issuer": "Chủ tịch UBND tỉnh Bắc Ninh",
        "page": f"http://testserver/decisions/{h.decision.pk}/",
    }
    # the fields are the documented ones, in order
    assert list(early) == [field.name for field in api.award_fields()]


def test_an_individual_award_names_the_person_and_the_unit(client, small_history):
    person = PersonFactory(full_name="Trần Văn Bình", agency=small_history.plan)
    NominationFactory(
        person=person,
        agency=None,
        year=small_history.years[0],
        award_type=award_type("emulation_soldier_grassroots"),
    )
    _, data = get(client, "/api/v1/awards/", kind="individual", page_size=1000)
    row = next(r for r in data["results"] if r["current_name"] == "Trần Văn Bình")
    assert row["recipient_kind"] == "individual"
    assert row["agency"] is None
    assert row["person"] == {
        "slug": person.slug,
        "name": "Trần Văn Bình",
        "agency": {"slug": small_history.plan.slug, "name": "Sở Kế hoạch và Đầu tư"},
    }


def test_awards_take_the_award_lists_filters(client, history_factory):
    history = history_factory(200)
    bloc = history.blocs[1]  # the first bloc only has proposals
    params = {"year_from": 2018, "year_to": 2019, "bloc": bloc.slug, "status": "awarded"}
    _, data = get(client, "/api/v1/awards/", **params, page_size=1000)
    expected = Nomination.objects.public().filter(
        year_id__in=(2018, 2019), bloc=bloc, status="awarded"
    )
    assert data["count"] == expected.count() > 0
    assert {r["id"] for r in data["results"]} == set(expected.values_list("pk", flat=True))
    # accent-insensitive text, as on the list page
    _, data = get(client, "/api/v1/awards/", q="so thuong mai", page_size=1000)
    assert data["count"] > 0
    assert {r["agency"]["slug"] for r in data["results"]} == {history.renamed.slug}
    # sorting
    _, data = get(client, "/api/v1/awards/", sort="year", page_size=5)
    assert [r["year"] for r in data["results"]] == [FIRST_YEAR] * 5


def test_pages_link_to_each_other_and_stop_at_the_end(client, history_factory):
    history_factory(120)
    total = Nomination.objects.public().count()
    _, first = get(client, "/api/v1/awards/", page_size=50, bloc="")
    assert first["count"] == total
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/awards/?page_size=50&bloc=&page=2"
    seen = [r["id"] for r in first["results"]]
    url = first["next"]
    while url:
        response, data = get(client, url)
        seen += [r["id"] for r in data["results"]]
        url = data["next"]
    assert data["previous"].endswith(f"page={data['page'] - 1}")
    assert len(seen) == len(set(seen)) == total  # no row twice, none skipped
    response, data = get(client, "/api/v1/awards/", page_size=50, page=data["page"] + 1)
    assert response.status_code == 404
    assert "detail" in data


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year_from": "abc"}, "year_from"),
        ({"year_to": "1e400"}, "year_to"),
        ({"bloc": "no-such-bloc"}, "bloc"),
        ({"status": "rejected"}, "status"),  # never widened to what is not public
        ({"sort": "votes"}, "sort"),
        ({"page": "0"}, "page"),
        ({"page": "two"}, "page"),
        ({"page_size": "1001"}, "page_size"),
        ({"page_size": "-5"}, "page_size"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_field(client, small_history, params, field):
    response, data = get(client, "/api/v1/awards/", **params)
    assert response.status_code == 400
    assert field in data["errors"]


def test_a_nul_byte_is_a_json_400(client):
    response, data = get(client, "/api/v1/awards/", q="so\x00cong")
    assert response.status_code == 400
    assert "detail" in data


def test_an_award_that_is_not_public_is_not_found(client, small_history):
    response, data = get(client, f"/api/v1/awards/{small_history.rejected.pk}/")
    assert response.status_code == 404
    assert set(data) == {"detail"}
    shown = small_history.nominations[0]
    response, data = get(client, f"/api/v1/awards/{shown.pk}/")
    assert response.status_code == 200
    assert data["id"] == shown.pk


def test_writes_are_refused_and_any_origin_may_read(client):
    response = client.get("/api/v1/years/")
    assert response["Access-Control-Allow-Origin"] == "*"
    response = client.post("/api/v1/years/")
    assert response.status_code == 405
    assert json.loads(response.content)["detail"]
    assert response["Allow"] == "GET, HEAD"


def test_years_blocs_agencies_and_award_types(client, small_history):
    h = small_history
    _, years = get(client, "/api/v1/years/")
    assert [y["year"] for y in years["results"]] == list(range(LAST_YEAR, FIRST_YEAR - 1, -1))
    public = Nomination.objects.public()
    first = next(y for y in years["results"] if y["year"] == FIRST_YEAR)
    assert first["awarded"] == public.filter(year_id=FIRST_YEAR, status="awarded").count()
    _, year = get(client, f"/api/v1/years/{FIRST_YEAR}/")
    assert year["proposed"] == public.filter(year_id=FIRST_YEAR, status="proposed").count()
    assert sum(t["awarded"] + t["proposed"] for t in year["award_types"]) == (
        public.filter(year_id=FIRST_YEAR).count()
    )

    _, blocs = get(client, "/api/v1/blocs/")
    assert blocs["count"] == 3
    _, bloc = get(client, f"/api/v1/blocs/{h.bloc.slug}/")
    assert bloc["name"] == h.bloc.name
    assert {"year": LAST_YEAR, "role": "head"}.items() <= bloc["leaders"][0].items()
    assert bloc["awards"].endswith(f"?bloc={h.bloc.slug}")

    _, agencies = get(client, "/api/v1/agencies/", page_size=2)
    assert agencies["count"] == len(h.agencies)
    _, agency = get(client, f"/api/v1/agencies/{h.renamed.slug}/")
    assert [n["name"] for n in agency["names"]] == ["Sở Thương mại", "Sở Công thương"]
    assert agency["names"][0]["valid_to"] == "2017-12-31"  # ISO dates
    assert agency["predecessors"] == [
        {"slug": h.predecessor.slug, "kind": "merged", "date": "2025-07-01"}
    ]

    _, types = get(client, "/api/v1/award-types/")
    assert "prov_flag" in [t["code"] for t in types["results"]]
    _, flag = get(client, "/api/v1/award-types/prov_flag/")
    assert flag["awards"].endswith("?award_type=prov_flag")
    for url in ("/api/v1/blocs/nope/", "/api/v1/agencies/nope/", "/api/v1/years/1900/",
                "/api/v1/award-types/nope/"):  # fmt: skip
        assert get(client, url)[0].status_code == 404


def test_a_large_page_takes_an_export_slot(client, settings, small_history):
    settings.EXPORTS_PER_CLIENT = 0  # every slot taken
    assert client.get("/api/v1/awards/", {"page_size": 100}).status_code == 200
    assert client.get("/api/v1/awards/", {"page_size": 101}).status_code == 429


# The bound of each endpoint; the same number must hold with 10 and 1,000 nominations.
ENDPOINTS = {
    "awards": (lambda h: "/api/v1/awards/?page_size=1000", 4),
    "awards_q": (lambda h: "/api/v1/awards/?q=so+cong+thuong&kind=collective&sort=-name", 6),
    "award": (lambda h: f"/api/v1/awards/{h.nominations[0].pk}/", 1),
    "years": (lambda h: "/api/v1/years/", 3),
    "year": (lambda h: f"/api/v1/years/{FIRST_YEAR}/", 4),
    "blocs": (lambda h: "/api/v1/blocs/", 2),
    "bloc": (lambda h: f"/api/v1/blocs/{h.bloc.slug}/", 3),
    "agencies": (lambda h: "/api/v1/agencies/?page_size=1000", 2),
    "agency": (lambda h: f"/api/v1/agencies/{h.renamed.slug}/", 3),
    "award_types": (lambda h: "/api/v1/award-types/", 2),
    "award_type": (lambda h: "/api/v1/award-types/prov_flag/", 1),
}


@pytest.mark.parametrize("size", [10, 1000])
@pytest.mark.parametrize("name", ENDPOINTS)
def test_queries_do_not_grow_with_the_data(
    client, history_factory, django_assert_max_num_queries, settings, name, size
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    settings.EXPORTS_PER_CLIENT = 5
    history = history_factory(size)
    url, bound = ENDPOINTS[name]
    with django_assert_max_num_queries(bound):
        response = client.get(url(history))
    assert response.status_code == 200


def test_answers_are_cached_like_the_pages(history_factory, django_assert_num_queries):
    history_factory(10)
    Client().get("/api/v1/awards/?year_from=2020")
    with django_assert_num_queries(0):
        response = Client().get("/api/v1/awards/?year_from=2020")
    assert json.loads(response.content)["count"] > 0
