"""The public pages in Django's cache framework, in a cache alias of their own.

Pages are read far more often than the register changes, and one over a
100,000-row history costs tens of milliseconds to build. ``public_page`` wraps a
view in Django's ``cache_page`` on the ``pages`` alias for
``PUBLIC_PAGE_CACHE_SECONDS`` (0 turns it off); the key is Django's (URL and
language). A view names the query parameters it reads and the others are dropped
before the key is made, so junk parameters neither reach the view nor create
cache entries.

The alias is a LocMemCache per worker unless PAGE_CACHE_BACKEND /
PAGE_CACHE_LOCATION name a shared one; it holds nothing else, so purging it
never drops the "default" cache (django-import-export's uploads live there). It
is purged when a model the pages show is saved or deleted (not on history rows,
rules, ratings, users or sessions); a per-worker cache catches up within the
timeout.

The one per-visitor part of a page, the CSRF token of the language switcher, is
a marker in the stored HTML, filled in for each request.
"""

import functools
from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import BadRequest
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, QueryDict
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_safe

CACHE_ALIAS = "pages"
CSRF_MARKER = "<!--public-csrf-->"
# Filter choices and the like: small, read on every list page, purged with the pages.
LOOKUP_SECONDS = 300
# The register's models whose rows some public page shows.
SHOWN_MODELS = (
    "Agency",
    "AgencyLineage",
    "AgencyName",
    "Alias",
    "AwardType",
    "Bloc",
    "BlocMeeting",
    "BlocName",
    "Decision",
    "EmulationYear",
    "Membership",
    "Nomination",
    "Person",
    "SourceDocument",
)


def page_cache():
    return caches[CACHE_ALIAS]


def purge(**_kwargs) -> None:
    page_cache().clear()


def lookup(name: str, compute: Callable[[], Any]) -> Any:
    """A small value (e.g. the blocs for a filter) from the pages cache, else ``compute()``."""
    return page_cache().get_or_set(f"lookup:{name}", compute, LOOKUP_SECONDS)


def keep_params(request: HttpRequest, names: Iterable[str]) -> None:
    """Drop every query parameter but ``names``; refuse a NUL byte in those kept.

    Django's cache key is made from the query string, so this is also what keeps
    junk parameters from creating cache entries.
    """
    kept = QueryDict(mutable=True)
    for name, values in request.GET.lists():
        if name in names:
            if any("\x00" in value for value in values):
                raise BadRequest("NUL in a query parameter")
            kept.setlist(name, values)
    request.META["QUERY_STRING"] = kept.urlencode()
    kept._mutable = False
    request.GET = kept


@functools.cache
def _cached(view: Callable, seconds: int) -> Callable:
    return cache_page(seconds, cache=CACHE_ALIAS)(view)


def _fill_csrf_token(request: HttpRequest, response) -> None:
    if response.streaming or CSRF_MARKER.encode() not in response.content:
        return
    token = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )
    response.content = response.content.replace(CSRF_MARKER.encode(), token.encode(), 1)


def public_page(*params: str) -> Callable:
    """Decorate a public view: GET/HEAD only, reads only ``params``, cached in ``pages``.

    Cache-Control says ``private``: a stored page holds a visitor's CSRF token.
    """
    names = frozenset(params)

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            keep_params(request, names)
            seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
            response = (_cached(view, seconds) if seconds > 0 else view)(request, *args, **kwargs)
            _fill_csrf_token(request, response)
            patch_cache_control(response, private=True)
            return response

        return require_safe(wrapper)

    return decorator


def connect_signals() -> None:
    """Called from PublicConfig.ready, so commands (the importer) purge a shared cache too."""
    for name in SHOWN_MODELS:
        model = apps.get_model("awards", name)
        post_save.connect(purge, sender=model, dispatch_uid="public-pages-cache-save")
        post_delete.connect(purge, sender=model, dispatch_uid="public-pages-cache-delete")
