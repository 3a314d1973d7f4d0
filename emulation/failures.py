"""Failure pages in the site's own look, and the readiness probe.

A database that is down, refuses, times out or stops answering raises Django's
OperationalError or InterfaceError wherever it is first touched: in a view, in a
middleware (sessions, login throttle) or while rendering. All of them end in
``server_error`` (Django's handler500), which answers 503 with Retry-After for those
and the branded 500 page for anything else. Neither page touches the database: they are
rendered with the request (for the language and the language switch's CSRF token) but
their templates never touch ``user``, ``perms`` or ``messages``, the lazy parts that would
load a session or a user from the database.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)


def is_database_failure(exc: BaseException | None) -> bool:
    """True for the database being unreachable or too slow, also when wrapped by another error."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, DATABASE_ERRORS):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def render_failure(request, template: str, status: int, **headers) -> HttpResponse:
    """A failure page that needs nothing but the template (no database, no user, no session)."""
    body = loader.render_to_string(template, {}, request=request)
    response = HttpResponse(body, status=status)
    for name, value in headers.items():
        response.headers[name.replace("_", "-")] = value
    response.headers["Cache-Control"] = "no-store"
    return response


def service_unavailable(request) -> HttpResponse:
    return render_failure(
        request, "503.html", 503, Retry_After=str(settings.DB_RETRY_AFTER_SECONDS)
    )


@requires_csrf_token
def server_error(request):
    """handler500: 503 when the database failed (come back soon), else the branded 500."""
    if is_database_failure(sys.exc_info()[1]):
        return service_unavailable(request)
    return render_failure(request, "500.html", 500)


@requires_csrf_token
def bad_request(request, exception):
    return render_failure(request, "400.html", 400)


@requires_csrf_token
def permission_denied(request, exception):
    return render_failure(request, "403.html", 403)


@requires_csrf_token
def page_not_found(request, exception):
    response = render_failure(request, "404.html", 404)
    response.branded = True
    return response


class BrandedNotFoundMiddleware:
    """With DEBUG on (``make run``), the branded 404 page instead of Django's technical one.

    Django answers a 404 with its debug page whenever DEBUG is on, and ``make run``
    is how most people first see the site: a page 980 px wide on a phone, with the
    URL patterns and no way back. Only HTML 404s not already branded are replaced
    (the API's JSON ones stay). Listed in MIDDLEWARE only when DEBUG is on; add
    ``?technical-404`` to a URL to see Django's page for debugging.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Read first: the public pages drop the query parameters they do not use.
        technical = "technical-404" in request.GET
        response = self.get_response(request)
        if (
            settings.DEBUG
            and not technical
            and response.status_code == 404
            and not getattr(response, "branded", False)
            and response.get("Content-Type", "").startswith("text/html")
        ):
            return page_not_found(request, None)
        return response


@never_cache
def readiness(request):
    """Ready to serve: the database answers a query (the liveness probe asks nothing)."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DATABASE_ERRORS as exc:
        logger.warning("readiness: database unavailable: %s", exc)
        response = JsonResponse({"status": "unavailable", "database": "down"}, status=503)
        response.headers["Retry-After"] = str(settings.DB_RETRY_AFTER_SECONDS)
        return response
    return JsonResponse({"status": "ready", "database": "ok"})
