"""Rendered public pages kept for a minute in each worker's memory.

The public pages are read far more often than the register changes, and a page
over a 100,000-row history costs tens of milliseconds to build. Each worker keeps
the HTML of recent pages (per path, query string and language) for
``PUBLIC_PAGE_CACHE_SECONDS`` (60 by default; 0 turns it off); any save or delete
of a register model empties this worker's copy, others catch up within the minute.

The one per-visitor part of a page, the CSRF token of the language switcher, is
left as a marker in the stored HTML and filled in for each request.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.html import format_html
from django.utils.translation import get_language

CSRF_MARKER = "<!--public-csrf-->"
MAX_ENTRIES = 300
# Pages larger than this (a big year page) are rebuilt rather than held in memory.
MAX_PAGE_BYTES = 1_000_000

_pages: OrderedDict[tuple, tuple[float, str, str]] = OrderedDict()
_lock = threading.Lock()


def timeout() -> int:
    return int(getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 60))


def clear(**_kwargs) -> None:
    with _lock:
        _pages.clear()


def _with_token(request: HttpRequest, html: str, content_type: str) -> HttpResponse:
    token = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )
    return HttpResponse(html.replace(CSRF_MARKER, token, 1), content_type=content_type)


def cached_page(request: HttpRequest, build: Callable[[], HttpResponse]) -> HttpResponse:
    """The page from this worker's memory, else ``build()`` stored for ``timeout()`` seconds.

    Only successful GETs are stored; ``build`` runs the queries, so a hit runs none.
    """
    seconds = timeout()
    key = (request.path, request.META.get("QUERY_STRING", ""), get_language())
    now = time.monotonic()
    if seconds > 0:
        with _lock:
            entry = _pages.get(key)
            if entry and entry[0] > now:
                _pages.move_to_end(key)
                return _with_token(request, entry[1], entry[2])
    response = build()
    if response.status_code != 200 or response.streaming:
        return response
    html = response.content.decode(response.charset)
    if seconds > 0 and len(response.content) <= MAX_PAGE_BYTES:
        with _lock:
            _pages[key] = (now + seconds, html, response["Content-Type"])
            while len(_pages) > MAX_ENTRIES:
                _pages.popitem(last=False)
    return _with_token(request, html, response["Content-Type"])


def connect_signals() -> None:
    """Empty the cache when anything of the register is saved or deleted in this process."""
    post_save.connect(clear, dispatch_uid="public-pages-cache-save")
    post_delete.connect(clear, dispatch_uid="public-pages-cache-delete")


connect_signals()
