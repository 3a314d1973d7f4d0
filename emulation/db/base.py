"""Django's PostgreSQL backend, plus a watchdog for a server that accepts and never answers.

A stopped server refuses connections at once and ``connect_timeout`` bounds a connection
attempt; but a frozen or hung server (a stuck host, a full disk, SIGSTOP) keeps the TCP
connection open and leaves a query waiting for ever: statement_timeout is enforced by that
same server, and every gunicorn thread ends up waiting (issue 11: the whole site, cached
pages included, answered nothing for 20 s). With ``DB_WATCHDOG_SECONDS`` set (web workers),
a query or health check that has waited that long gets its socket shut down from a
watchdog thread: psycopg raises OperationalError in the waiting thread, the request gets
the 503 page, and Django drops the broken connection at the end of the request.

Every wait for the server is watched, not only a statement: psycopg waits in one place
(``Connection.wait``) for a query's answer, a server-side cursor's next rows and a COPY's
next block, so the watchdog sits there (WatchedConnection). A CSV download streaming from
a COPY when the server froze is then cut off too, and its response ends broken
(awards.exports logs it) instead of hanging for ever. A download may wait longer for its
rows than a page for its query: ExportLimitMiddleware gives export requests
``DB_EXPORT_WATCHDOG_SECONDS``, as it gives them a longer statement_timeout.

After such a failure (or a refused connection) the worker does not queue every request
behind the same wait: for ``DB_BREAKER_SECONDS`` its requests that need the database get
the 503 page at once (cached pages are still served), then one tries the database again.
"""

import os
import socket
import threading
import time

import psycopg
from django.conf import settings
from django.db import OperationalError
from django.db.backends.postgresql import base

# waiting calls: id -> (deadline, socket file descriptor)
_waiting: dict[int, tuple[float, int]] = {}
_lock = threading.Lock()
_watchdog: threading.Thread | None = None
TICK_SECONDS = 0.1


def _watch() -> None:
    while True:
        time.sleep(TICK_SECONDS)
        now = time.monotonic()
        with _lock:
            # under the lock: while its entry is here the waiting thread is still inside the
            # call, so the descriptor is still its connection's (never a reused number)
            for key, (deadline, fd) in list(_waiting.items()):
                if deadline <= now:
                    del _waiting[key]
                    _shut_down(fd)


def _shut_down(fd: int) -> None:
    """Shut the connection's socket down (both ways): the waiting poll wakes up at once."""
    try:
        duplicate = socket.socket(fileno=os.dup(fd))
    except OSError:
        return
    try:
        duplicate.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        duplicate.close()


def _start_watchdog() -> None:
    global _watchdog
    with _lock:
        if _watchdog is None or not _watchdog.is_alive():
            _watchdog = threading.Thread(target=_watch, name="db-watchdog", daemon=True)
            _watchdog.start()


_down_until = 0.0


def _trip() -> None:
    """The database just failed: answer without it for DB_BREAKER_SECONDS."""
    global _down_until
    if settings.DB_BREAKER_SECONDS > 0:
        _down_until = time.monotonic() + settings.DB_BREAKER_SECONDS


def _refuse_while_tripped() -> None:
    if _down_until and time.monotonic() < _down_until:
        raise OperationalError("the database failed a moment ago; not asking it again yet")


class Deadline:
    """While open, the socket ``fd`` is shut down if the call outlives ``seconds``."""

    def __init__(self, fd: int, seconds: float):
        self.fd = fd
        self.seconds = seconds
        self.key = None

    def __enter__(self):
        if self.seconds <= 0:
            return self
        _start_watchdog()
        self.key = id(self)
        with _lock:
            _waiting[self.key] = (time.monotonic() + self.seconds, self.fd)
        return self

    def __exit__(self, *exc):
        if self.key is not None:
            with _lock:
                fired = _waiting.pop(self.key, None) is None
            if fired:
                _trip()
        return False


class WatchedConnection(psycopg.Connection):
    """A psycopg connection whose every wait for the server is watched for ``watch_seconds``."""

    watch_seconds = 0.0

    def wait(self, *args, **kwargs):
        try:
            fd = self.pgconn.socket
        except Exception:  # closed or broken: the call fails by itself
            return super().wait(*args, **kwargs)
        with Deadline(fd, self.watch_seconds):
            return super().wait(*args, **kwargs)


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.execute_wrappers.append(self._breaker)

    def _breaker(self, execute, sql, params, many, context):
        _refuse_while_tripped()
        try:
            return execute(sql, params, many, context)
        except OperationalError:
            if self.connection is None or self.connection.broken or self.connection.closed:
                _trip()  # the connection died (server stopped), not just a cancelled query
            raise

    def get_new_connection(self, conn_params):
        _refuse_while_tripped()
        try:
            connection = super().get_new_connection(conn_params)
        except Exception:
            _trip()
            raise
        # psycopg takes a connection class only in its pools; the subclass adds no state
        # but the watch, so the connection just made becomes one
        connection.__class__ = WatchedConnection
        connection.watch_seconds = settings.DB_WATCHDOG_SECONDS
        return connection

    def set_watchdog(self, seconds: float | None) -> None:
        """Watch this connection's waits for ``seconds`` (None: DB_WATCHDOG_SECONDS again)."""
        if isinstance(self.connection, WatchedConnection):
            self.connection.watch_seconds = (
                settings.DB_WATCHDOG_SECONDS if seconds is None else seconds
            )
