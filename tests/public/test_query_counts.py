"""Queries per page do not grow with the data: the same bound with 10 and 1,000 nominations."""

import pytest
from django.test import Client

from tests.public.conftest import LAST_YEAR

# The bound of each page; the same number must hold for every size.
PAGES = {
    "home": (lambda h: "/", 6),  # 5 once the per-year counts are cached
    "year": (lambda h: f"/years/{LAST_YEAR - 1}/", 7),
    "bloc": (lambda h: h.bloc.get_absolute_url(), 6),
    "agency": (lambda h: h.renamed.get_absolute_url(), 7),
    "award_type": (lambda h: "/award-types/prov_flag/", 4),
    "award_list": (lambda h: "/awards/?year_from=2017&sort=-name&page=1", 4),
    # A person's chip reads the person's name and unit: one query more.
    "award_list_person": (lambda h: f"/awards/?person={h.person.slug}&year_from=2016", 5),
    "award_list_q": (lambda h: "/awards/?q=so+cong+thuong&kind=collective&status=awarded", 6),
    "award_list_csv": (lambda h: "/awards/?bloc=khoi-thi-dua-so-1-bac-ninh&format=csv", 2),
    "award_list_xlsx": (lambda h: "/awards/?year_from=2017&kind=individual&format=xlsx", 2),
    "source": (lambda h: h.source.get_absolute_url(), 6),
    "search": (lambda h: "/search/?q=so+kh%26dt", 6),
    # A typo, an award and a year: a first pass, the vocabulary, a second pass (the awards
    # through the list's FilterSet, its text filter two id queries each).
    "search_typo_award": (lambda h: "/search/?q=so+cong+thuogn+bang+khen+tinh+2019", 18),
    "search_nothing": (lambda h: "/search/?q=zzzz+qqqq", 7),  # with "Did you mean"
    "award_list_invalid": (lambda h: "/awards/?year_to=abc", 3),
    "report_index": (lambda h: "/reports/", 1),
    "years": (lambda h: "/years/", 4),
    "blocs": (lambda h: "/blocs/", 4),
    "agencies": (lambda h: "/agencies/?page=1", 3),
    "agencies_filtered": (lambda h: f"/agencies/?kind=department&bloc={h.bloc.slug}&letter=S", 3),
    "award_types": (lambda h: "/award-types/", 2),
    "people": (lambda h: "/people/", 2),
    "person": (lambda h: h.person.get_absolute_url(), 5),
    "sources": (lambda h: "/sources/", 2),
    "report_year": (lambda h: f"/reports/{LAST_YEAR - 1}/", 3),
    "report_csv": (lambda h: f"/reports/{LAST_YEAR - 1}/?format=csv&table=statistics", 2),
    "report_xlsx": (lambda h: f"/reports/{LAST_YEAR - 1}/?format=xlsx", 3),
}


@pytest.mark.parametrize("size", [10, 1000])
@pytest.mark.parametrize("page_name", PAGES)
def test_queries_do_not_grow_with_the_data(
    client, history_factory, django_assert_max_num_queries, settings, page_name, size
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # count the queries of building the page
    history = history_factory(size)
    url, bound = PAGES[page_name]
    with django_assert_max_num_queries(bound):
        response = client.get(url(history))
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200


def test_a_cached_page_runs_no_query_and_gets_a_fresh_csrf_token(
    client, history_factory, django_assert_num_queries
):
    history = history_factory(10)
    url = history.renamed.get_absolute_url()
    first = client.get(url).content.decode()
    other = Client()
    with django_assert_num_queries(0):
        second = other.get(url).content.decode()
    assert "public-csrf" not in first + second
    token = 'name="csrfmiddlewaretoken" value="'
    assert first.split(token)[1][:64] != second.split(token)[1][:64]
    history.renamed.save()  # any save empties the cache
    with django_assert_num_queries(7):
        client.get(url)


def test_only_register_changes_clear_the_pages_cache(
    client, history_factory, django_assert_num_queries, django_user_model
):
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    history = history_factory(10)
    client.get("/")
    caches["default"].set("unrelated", 1)
    django_user_model.objects.create_user("visitor")  # not the register: the page stays
    with django_assert_num_queries(0):
        client.get("/")
    history.bloc.save()  # the register: the page is built again, then served
    with CaptureQueriesContext(connection) as built:
        client.get("/")
    assert len(built) > 0
    with django_assert_num_queries(0):
        client.get("/")
    assert caches["default"].get("unrelated") == 1  # clearing the pages left "default" alone
