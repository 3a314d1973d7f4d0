"""Failure pages: branded, in the visitor's language, 503 + Retry-After when the database fails."""

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper

from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.ops.urls")]


@pytest.fixture
def client(client):
    client.raise_request_exception = False
    return client


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def database_unreachable(monkeypatch):
    """Every query fails as a refused connection does."""

    def refuse(self, *args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: refused")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    monkeypatch.setattr(CursorWrapper, "executemany", refuse)


def test_database_failure_in_a_view_is_a_branded_503_with_retry_after(client):
    response = client.get("/fail/database/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    assert "Tạm thời không phục vụ được" in body
    assert 'class="site-header"' in body  # the site's own look
    assert "Traceback" not in body and "OperationalError" not in body


def test_503_in_english_when_chosen(english):
    response = english.get("/fail/database/")
    assert response.status_code == 503
    assert "Temporarily unavailable" in response.content.decode()


def test_503_page_needs_no_database_even_for_a_signed_in_user(client, django_assert_num_queries):
    client.force_login(UserFactory(username="staff-member", is_staff=True))
    with django_assert_num_queries(0):
        response = client.get("/fail/database/")
    assert response.status_code == 503


def test_public_page_with_the_database_unreachable_is_503(client, database_unreachable):
    response = client.get("/awards/")
    assert response.status_code == 503
    assert "Tạm thời không phục vụ được" in response.content.decode()


def test_admin_with_the_database_unreachable_is_503(client, database_unreachable):
    # the session and the user are read in middleware, before any view
    client.cookies["sessionid"] = "x" * 32
    response = client.get("/admin/")
    assert response.status_code == 503


def test_readiness_asks_the_database(client):
    response = client.get("/readyz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "database": "ok"}


def test_readiness_fails_when_the_database_does(client, database_unreachable):
    response = client.get("/readyz/")
    assert response.status_code == 503
    assert response["Retry-After"]
    # liveness does not ask the database
    assert client.get("/healthz/").status_code == 200


@pytest.mark.parametrize(
    ("url", "status", "vietnamese", "english"),
    [
        ("/fail/suspicious/", 400, "Yêu cầu không hợp lệ", "Bad request"),
        ("/fail/forbidden/", 403, "Không có quyền truy cập", "Access denied"),
        ("/no-such-page/", 404, "Không tìm thấy trang", "Page not found"),
        ("/fail/bug/", 500, "Lỗi máy chủ", "Server error"),
    ],
)
def test_error_pages_are_branded_in_both_languages(client, url, status, vietnamese, english):
    response = client.get(url)
    assert response.status_code == status
    body = response.content.decode()
    assert vietnamese in body
    assert 'href="/"' in body  # a way back home
    assert 'class="site-header"' in body
    assert "Traceback" not in body and "ZeroDivisionError" not in body
    client.cookies["django_language"] = "en"
    assert english in client.get(url).content.decode()


def test_404_offers_a_search_box(client):
    body = client.get("/no-such-page/").content.decode()
    assert 'action="/search/"' in body and 'name="q"' in body


def test_a_503_is_logged_on_one_line_without_traceback():
    import logging
    import sys

    from emulation.log_filters import ShortDatabaseFailures

    try:
        raise OperationalError("connection refused")
    except OperationalError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "%s: %s",
            ("Service Unavailable", "/awards/"), sys.exc_info(),
        )  # fmt: skip
    record.status_code = 503
    assert ShortDatabaseFailures().filter(record)
    assert record.exc_info is None
    assert record.getMessage() == (
        "Service Unavailable: /awards/ (OperationalError: connection refused)"
    )


@pytest.mark.parametrize("url", ["/no-such-page/", "/agencies/no-such-agency/", "/people/nobody/"])
def test_404_is_branded_with_debug_on_too(client, settings, url):
    """``make run`` runs with DEBUG on: its 404 was Django's debug page (980 px on a phone)."""
    settings.DEBUG = True
    response = client.get(url)
    assert response.status_code == 404
    body = response.content.decode()
    assert "Không tìm thấy trang" in body and 'action="/search/"' in body
    assert "DEBUG = True" not in body
    assert "DEBUG = True" in client.get(url + "?technical-404").content.decode()
    client.cookies["django_language"] = "en"
    assert "Page not found" in client.get(url).content.decode()
    # The language a request activates outlives it in this thread (commands run after
    # this test would speak English): end with a request in the default language.
    del client.cookies["django_language"]
    client.get("/healthz/")
