"""The page cache: Django's cache framework in the "pages" alias, keyed on what a page reads."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import NominationFactory, award_type


@pytest.fixture
def history(history_factory):
    return history_factory(10)


def test_unknown_parameters_share_the_cached_page(client, history, django_assert_num_queries):
    client.get("/awards/?year_from=2017")
    entries = len(caches["pages"]._cache)  # LocMemCache, the test settings' backend
    for junk in ("utm_source=x", "_=1", "_=2", "fbclid=abc&_=3"):
        with django_assert_num_queries(0):
            response = Client().get(f"/awards/?year_from=2017&{junk}")
        assert response.status_code == 200
    assert len(caches["pages"]._cache) == entries


def test_a_page_sees_only_the_parameters_it_reads(client, history):
    response = client.get("/awards/?year_from=2017&utm_source=newsletter")
    assert "utm_source" not in response.context["query_no_page"]
    assert "year_from=2017" in response.context["query_no_page"]


def test_history_rows_do_not_purge_the_pages(client, history, django_assert_num_queries):
    nomination = NominationFactory(
        year=history.years[-1], agency=history.plan, award_type=award_type("prov_cert")
    )
    client.get("/")
    historical = nomination.history.first()
    historical.history_change_reason = "checked"
    historical.save()  # a django-simple-history row: not something a page shows
    with django_assert_num_queries(0):
        client.get("/")
    nomination.save()  # the nomination itself: the page is built again
    with CaptureQueriesContext(connection) as built:
        client.get("/")
    assert len(built) > 0


def test_cache_control_is_private(client, history):
    """A stored page holds the CSRF token of whoever is served it: no shared proxy may keep it."""
    assert "private" in client.get("/").headers["Cache-Control"]


def test_the_cache_setting_is_read_per_request(
    client, history, settings, django_assert_max_num_queries
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    client.get("/")
    with django_assert_max_num_queries(5) as second:
        client.get("/")
    assert len(second) > 0  # built again: nothing was stored
