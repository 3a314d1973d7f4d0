"""Rendered public pages and small lookups, kept in Django's ``pages`` cache.

The public pages are read far more often than the register changes, and a page
over a 100,000-row history costs milliseconds to build. The HTML of a page is
kept per path, query string and language for ``PUBLIC_PAGE_CACHE_SECONDS`` (60
by default; 0 turns it off) in the ``pages`` cache alias: a LocMemCache per
worker unless PAGE_CACHE_BACKEND / PAGE_CACHE_LOCATION name a shared one (Redis,
database), in which case every worker sees one copy. Any save or delete of a
register model (the awards app) clears the alias, which with a shared cache
clears it for all workers; a per-worker cache catches up within the timeout.
The alias holds nothing else, so clearing it never drops the "default" cache
(django-import-export's uploads live there).

The one per-visitor part of a page, the CSRF token of the language switcher, is
left as a marker in the stored HTML and filled in for each request.
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.html import format_html
from django.utils.translation import get_language

CACHE_ALIAS = "pages"
CSRF_MARKER = "<!--public-csrf-->"
# Pages larger than this (a big year page) are rebuilt rather than stored.
MAX_PAGE_BYTES = 1_000_000
# Filter choices and the like: small, read on every list page, cleared with the pages.
LOOKUP_SECONDS = 300


def timeout() -> int:
    return int(getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 60))


def page_cache():
    return caches[CACHE_ALIAS]


def clear(**_kwargs) -> None:
    page_cache().clear()


def page_key(request: HttpRequest) -> str:
    """Path, query string and language; hashed, as memcached-style backends limit key length."""
    raw = f"{get_language()}\n{request.path}\n{request.META.get('QUERY_STRING', '')}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def _with_token(request: HttpRequest, html: str, content_type: str) -> HttpResponse:
    token = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )
    return HttpResponse(html.replace(CSRF_MARKER, token, 1), content_type=content_type)


def cached_page(request: HttpRequest, build: Callable[[], HttpResponse]) -> HttpResponse:
    """The stored page, else ``build()`` stored for ``timeout()`` seconds.

    Only successful, non-streaming responses are stored; ``build`` runs the
    queries, so a hit runs none.
    """
    seconds = timeout()
    key = page_key(request)
    if seconds > 0:
        entry = page_cache().get(key)
        if entry is not None:
            return _with_token(request, *entry)
    response = build()
    if response.status_code != 200 or response.streaming:
        return response
    html = response.content.decode(response.charset)
    if seconds > 0 and len(response.content) <= MAX_PAGE_BYTES:
        page_cache().set(key, (html, response["Content-Type"]), seconds)
    return _with_token(request, html, response["Content-Type"])


def cached_lookup(name: str, compute: Callable[[], Any]) -> Any:
    """A small value (e.g. the blocs for a filter) from the cache, else ``compute()`` stored."""
    key = f"lookup:{name}"
    value = page_cache().get(key)
    if value is None:
        value = compute()
        page_cache().set(key, value, LOOKUP_SECONDS)
    return value


def clear_on_register_change(sender, **_kwargs) -> None:
    """Clear on changes to the register (the awards app), not on sessions or users."""
    if sender._meta.app_label == "awards":
        clear()


def connect_signals() -> None:
    """Called from AwardsConfig.ready, so commands (the importer) clear a shared cache too."""
    post_save.connect(clear_on_register_change, dispatch_uid="public-pages-cache-save")
    post_delete.connect(clear_on_register_change, dispatch_uid="public-pages-cache-delete")
