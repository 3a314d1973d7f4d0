"""A server that stops answering costs a request seconds: the watchdog and the breaker."""

import pytest
from django.db import OperationalError, connection, connections
from django.test import override_settings

from emulation.db import base as watchdog

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the watchdog is PostgreSQL's"),
]


@pytest.fixture
def own_connection():
    """A connection of its own: the test's transaction must survive the broken one."""
    wrapper = connections.create_connection("default")
    yield wrapper
    wrapper.close()
    watchdog._down_until = 0.0


def test_a_query_that_gets_no_answer_is_cut_off(own_connection):
    with (
        override_settings(DB_WATCHDOG_SECONDS=0.5, DB_BREAKER_SECONDS=0),
        own_connection.cursor() as cursor,
    ):
        cursor.execute("SELECT 1")
        # pg_sleep stands for a server that does not answer: it would return after 30 s
        with pytest.raises(OperationalError):
            cursor.execute("SELECT pg_sleep(30)")
    assert own_connection.connection.broken or own_connection.connection.closed


def test_after_a_failure_the_worker_answers_at_once_for_a_while(own_connection):
    with override_settings(DB_WATCHDOG_SECONDS=0.5, DB_BREAKER_SECONDS=60):
        with own_connection.cursor() as cursor, pytest.raises(OperationalError):
            cursor.execute("SELECT pg_sleep(30)")
        fresh = connections.create_connection("default")
        try:
            with pytest.raises(OperationalError, match="a moment ago"):
                fresh.ensure_connection()
        finally:
            fresh.close()


def test_without_a_watchdog_setting_nothing_is_cut_off(own_connection):
    with override_settings(DB_WATCHDOG_SECONDS=0), own_connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(0.3)")
        assert watchdog._waiting == {}
