"""Full exports (``format=csv|xlsx`` on public pages and reports) share the server fairly.

One export streams for seconds to minutes and holds a request slot (a gunicorn thread)
all that time: ten clients downloading the whole register in a loop took the readers'
pages down 4× (issue 11). This middleware lets each client address run at most
``EXPORTS_PER_CLIENT`` exports at once; one more gets the branded 429 page with
Retry-After, and readers keep their slots. Signed-in staff are counted per user, not
per address, against the larger ``EXPORTS_PER_STAFF``: a board office behind one
address must not queue behind the public, nor the public behind it. Slots are keys in
the "limits" cache (files shared by every worker, no database query), given back when
the download ended or broke off; a slot a crashed worker never gave back expires after
``EXPORT_SLOT_SECONDS``.

Web workers run with a short statement_timeout and database watchdog (emulation.db); an
export's COPY lasts as long as the client takes to read it and may wait for a sort before
its first rows, so export requests get longer ones (DB_EXPORT_STATEMENT_TIMEOUT,
DB_EXPORT_WATCHDOG_SECONDS): a frozen server still ends the download, visibly broken.
"""

import logging

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections

from emulation.failures import render_failure
from emulation.security import client_ip

logger = logging.getLogger(__name__)

EXPORT_FORMATS = {"csv", "xlsx"}
EXPORT_SLOT_SECONDS = 3600
# An API page of more rows than this is a download too (public.api allows up to 1,000).
API_PREFIX = "/api/"
LARGE_API_PAGE = 100


def _large_api_page(request) -> bool:
    try:
        return int(request.GET.get("page_size", "")) > LARGE_API_PAGE
    except ValueError:
        return False  # the API answers 400 to it


def is_export_request(request) -> bool:
    """A download of rows from a public page or report (the admin has its own exports),
    or a large page of the JSON API."""
    if request.method not in ("GET", "HEAD") or request.path.startswith("/admin/"):
        return False
    if request.path.startswith(API_PREFIX):
        return _large_api_page(request)
    return request.GET.get("format") in EXPORT_FORMATS


class ExportLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_export_request(request):
            return self.get_response(request)
        cache = caches["limits"]
        client, limit = self._client(request)
        slot = self._take_slot(cache, client, limit)
        if slot is None:
            logger.warning("export refused: %s already runs %s", client, limit)
            return render_failure(
                request, "429.html", 429, Retry_After=str(settings.EXPORT_RETRY_AFTER_SECONDS)
            )
        released = False

        def release():
            # once only: after that the key may already be another export's
            nonlocal released
            if not released:
                released = True
                self._restore_statement_timeout()
                cache.delete(slot)

        try:
            self._lengthen_statement_timeout()
            response = self.get_response(request)
        except BaseException:
            release()
            raise
        if response.streaming:
            # given back when the last byte was handed to the server, not when it gets
            # round to closing the response: the client's next download may come first
            response.streaming_content = self._then(response.streaming_content, release)
        else:
            release()  # built in memory already: what is left is sending bytes
        original_close = response.close

        def close():
            try:
                original_close()
            finally:
                release()  # a download broken off before its end

        response.close = close
        return response

    @staticmethod
    def _then(chunks, release):
        try:
            yield from chunks
        finally:
            release()

    @staticmethod
    def _client(request) -> tuple[str, int]:
        """Who is counted, and how many exports they may run at once."""
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            return f"staff-{user.pk}", settings.EXPORTS_PER_STAFF
        return client_ip(request), settings.EXPORTS_PER_CLIENT

    @staticmethod
    def _take_slot(cache, client: str, limit: int) -> str | None:
        """One key per running export (``add`` takes a free one); None when all are taken.

        Not a counter: the next request of a client can arrive before the server closed
        the previous response, and a read-modify-write counter would lose that release.
        """
        for number in range(limit):
            key = f"export-slot:{client}:{number}"
            if cache.add(key, 1, EXPORT_SLOT_SECONDS):
                return key
        return None

    @staticmethod
    def _lengthen_statement_timeout():
        """An export's COPY lasts as long as the client reads: longer limits than a page's."""
        connection = connections["default"]
        if connection.vendor != "postgresql":
            return
        if settings.DB_STATEMENT_TIMEOUT:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('statement_timeout', %s, false)",
                    [str(settings.DB_EXPORT_STATEMENT_TIMEOUT)],
                )
        if hasattr(connection, "set_watchdog"):  # emulation.db
            connection.ensure_connection()
            connection.set_watchdog(settings.DB_EXPORT_WATCHDOG_SECONDS)

    @staticmethod
    def _restore_statement_timeout():
        connection = connections["default"]
        if connection.vendor != "postgresql" or connection.connection is None:
            return
        if hasattr(connection, "set_watchdog"):
            connection.set_watchdog(None)
        if not settings.DB_STATEMENT_TIMEOUT:
            return
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET statement_timeout")
        except DatabaseError:  # a broken connection is dropped at the end of the request
            pass
