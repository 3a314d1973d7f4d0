"""A server that stops answering costs a request seconds: the watchdog and the breaker."""

import psycopg
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
    end_abandoned_queries()


def raw_connection(**options) -> psycopg.Connection:
    """A plain psycopg connection to the test database (usable from any thread)."""
    params = connection.get_connection_params()
    names = ("dbname", "user", "host", "port", "password")
    return psycopg.connect(**{name: params[name] for name in names if name in params}, **options)


def end_abandoned_queries():
    """The server still runs what the cut-off connections asked: end it, so the test
    database can be dropped (the server only notices a gone client when it next writes)."""
    with raw_connection(autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND (query LIKE %s OR query LIKE %s)",
            ["%pg_sleep%", "COPY%"],
        )


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


def test_a_copy_that_stops_sending_mid_way_is_cut_off(own_connection):
    """The watchdog covers every wait, also for a COPY's next block after some have come."""
    with override_settings(DB_WATCHDOG_SECONDS=0.5, DB_BREAKER_SECONDS=0):
        own_connection.ensure_connection()
        blocks = []
        # rows at once, then the server sends nothing (pg_sleep stands for a frozen server)
        stalled = (
            "COPY (SELECT g, CASE WHEN g = 20000 THEN pg_sleep(30) END "
            "FROM generate_series(1, 20001) AS g) TO STDOUT"
        )
        # the raw psycopg cursor's COPY, as awards.exports uses it: psycopg's own error
        with (
            own_connection.cursor() as cursor,
            pytest.raises(psycopg.OperationalError),
            cursor.cursor.copy(stalled) as copy,
        ):
            blocks.extend(copy)
        assert blocks  # it was cut off part-way, not before it began


@pytest.mark.django_db(transaction=True)
def test_a_csv_download_whose_database_stops_answering_ends_broken(client, caplog):
    """A download in flight when the database stops answering: an aborted, logged transfer.

    Another connection holds the nominations table locked, so the export's COPY waits with
    no answer, as it would from a frozen server (what SIGSTOP does is measured by
    benchmarks/faults.py, not here). The lock is let go after 30 s: if nothing cut the
    wait off, the download would then end complete and the test fail.
    """
    import threading

    locker = raw_connection()
    locker.execute("LOCK TABLE awards_nomination IN ACCESS EXCLUSIVE MODE")
    release = threading.Timer(30, locker.rollback)
    release.start()
    try:
        with override_settings(DB_EXPORT_WATCHDOG_SECONDS=0.5, DB_BREAKER_SECONDS=0):
            response = client.get("/awards/", {"format": "csv"})
            assert response.status_code == 200 and response.streaming  # already under way
            received = []
            with pytest.raises(psycopg.OperationalError):
                for chunk in response.streaming_content:
                    received.append(chunk)
        assert received and received[0].startswith("\ufeffNăm".encode())  # the header went out
        assert any(
            "failed after" in r.getMessage() and "aborted" in r.getMessage()
            for r in caplog.records
            if r.name == "awards.exports"
        )
    finally:
        release.cancel()
        locker.rollback()
        locker.close()
        connection.close()  # its socket was shut down; the next test connects afresh
        end_abandoned_queries()
