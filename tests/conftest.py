"""Shared fixtures: users per role, the browser for live-server tests."""

import importlib
import os

import pytest
from django.conf import settings
from hypothesis import settings as hypothesis_settings

from tests.factories import UserFactory

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Tests assert behaviour, never wall time: no per-example deadline on a busy CI machine.
hypothesis_settings.register_profile("register", deadline=None)
hypothesis_settings.load_profile("register")


@pytest.fixture
def superuser(db):
    return UserFactory(username="board-root", is_superuser=True)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium through Playwright; never a downloaded browser."""
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not os.path.exists(executable):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {executable}")
        pytest.skip(f"Chromium not found at {executable}")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-quic",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def award_catalogue(request):
    """Re-seed the award catalogue after a transactional test (live server) flushed it.

    The data migration seeds it once per test database; a flush empties every table.
    """
    names = set(request.fixturenames)
    if "transactional_db" in names or "live_server" in names:
        request.getfixturevalue("transactional_db")
    elif "db" in names or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
    else:
        return
    from django.apps import apps

    from awards.models import AwardType

    if not AwardType.objects.exists():
        importlib.import_module("awards.migrations.0002_seed_award_types").seed(apps, None)


@pytest.fixture(autouse=True)
def fresh_page_cache():
    """Each test starts with no cached public page: the database is rolled back between
    tests, a page cached by an earlier one would describe rows that no longer exist."""
    from django.core.cache import caches

    caches["pages"].clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language. A request's language stays active
    in its thread after the response (LocaleMiddleware does not undo it), so a test that
    spoke English left the next one reading English messages."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
