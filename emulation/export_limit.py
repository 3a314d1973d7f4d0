"""Full exports (``format=csv|xlsx`` on public pages and reports) share the server fairly.

One export streams for seconds to minutes and holds a request slot (a gunicorn thread)
all that time: ten clients downloading the whole register in a loop took the readers'
pages down 4× (issue 11). This middleware lets each client address run at most
``EXPORTS_PER_CLIENT`` exports at once; one more gets the branded 429 page with
Retry-After, and readers keep their slots. Slots are counted in the "limits" cache (files
shared by every worker, no database query) and given back when the response is closed,
that is when the download ended or broke off; a slot a crashed worker never gave back
expires after ``EXPORT_SLOT_SECONDS``.

Web workers run with a short statement_timeout (emulation.db); an export's COPY lasts
as long as the client takes to read it, so export requests get a longer one.
"""

import contextlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections

from emulation.failures import render_failure
from emulation.security import client_ip

logger = logging.getLogger(__name__)

EXPORT_FORMATS = {"csv", "xlsx"}
EXPORT_SLOT_SECONDS = 3600


def is_export_request(request) -> bool:
    """A download of rows from a public page or report (the admin has its own exports)."""
    return (
        request.method in ("GET", "HEAD")
        and request.GET.get("format") in EXPORT_FORMATS
        and not request.path.startswith("/admin/")
    )


class ExportLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_export_request(request):
            return self.get_response(request)
        key = f"export-slots:{client_ip(request)}"
        cache = caches["limits"]
        cache.add(key, 0, EXPORT_SLOT_SECONDS)
        try:
            running = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, EXPORT_SLOT_SECONDS)
            running = 1
        if running > settings.EXPORTS_PER_CLIENT:
            self._release(cache, key)
            logger.warning("export refused: %s already runs %s", key, running - 1)
            return render_failure(
                request, "429.html", 429, Retry_After=str(settings.EXPORT_RETRY_AFTER_SECONDS)
            )
        try:
            self._lengthen_statement_timeout()
            response = self.get_response(request)
        except BaseException:
            self._release(cache, key)
            raise
        original_close = response.close

        def close():
            try:
                original_close()
            finally:
                self._restore_statement_timeout()
                self._release(cache, key)

        response.close = close
        return response

    @staticmethod
    def _release(cache, key):
        # ValueError: the slot expired already
        with contextlib.suppress(ValueError, DatabaseError):
            cache.decr(key)

    @staticmethod
    def _lengthen_statement_timeout():
        connection = connections["default"]
        if connection.vendor != "postgresql" or not settings.DB_STATEMENT_TIMEOUT:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('statement_timeout', %s, false)",
                [str(settings.DB_EXPORT_STATEMENT_TIMEOUT)],
            )

    @staticmethod
    def _restore_statement_timeout():
        connection = connections["default"]
        if connection.vendor != "postgresql" or not settings.DB_STATEMENT_TIMEOUT:
            return
        if connection.connection is None:
            return
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET statement_timeout")
        except DatabaseError:  # a broken connection is dropped at the end of the request
            pass
