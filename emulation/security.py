"""Security headers, the client's address, and the login throttle's backend."""

import ipaddress

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_lockout_parameters
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Sum

from emulation.failures import render_failure


class PermissionsPolicyMiddleware:
    """Sends ``Permissions-Policy``: the register needs no camera, location, payment…"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RefuseNulInQueryMiddleware:
    """A NUL in the query string is a 400 on every URL, the admin's lists and filters too.

    PostgreSQL cannot hold a NUL in text: a lookup with one fails inside the database, and
    no page has a use for it. (Forms refuse a NUL in a posted field themselves.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):  # the API answers its own 400, in JSON
            return self.get_response(request)
        if any("\x00" in key or any("\x00" in v for v in values)
               for key, values in request.GET.lists()):  # fmt: skip
            return render_failure(request, "400.html", 400)
        return self.get_response(request)


def client_ip(request) -> str:
    """The visitor's address: REMOTE_ADDR, or what a trusted proxy says it saw.

    X-Forwarded-For is believed only when the request came from a proxy listed in
    TRUSTED_PROXIES, and only its last entry (the one that proxy added itself): the
    entries before it are whatever the client chose to send.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.TRUSTED_PROXIES or not _is_trusted_proxy(remote):
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if not forwarded:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-1]))
    except ValueError:
        return remote


def _is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in settings.TRUSTED_PROXIES)


def axes_client_ip(request) -> str:
    """django-axes keys lockouts on the same client address as everything else."""
    return client_ip(request)


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' backend, which checks lockouts on every login made through a request.

    ``authenticate()`` without a request (a script, the test client's ``login()``) has no
    address to throttle, so it is left to the next backend instead of being refused.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_name(parameter) -> str:
    """``["username", "ip_address"]`` → ``"username+ip_address"`` (LOGIN_FAILURE_LIMITS' keys)."""
    return parameter if isinstance(parameter, str) else "+".join(parameter)


class LayeredLockoutHandler(AxesDatabaseHandler):
    """django-axes' database handler, with a limit of its own for each lockout parameter.

    Axes keeps one number per login, ``get_failures()``, and locks when it reaches
    AXES_FAILURE_LIMIT. A user at one address gets few tries (AXES_FAILURE_LIMIT), but an
    attacker rotating addresses must still run out on one account, and one address
    trying many accounts must too: each has its own, larger limit (LOGIN_FAILURE_LIMITS).
    So the number given to axes is AXES_FAILURE_LIMIT minus the fewest failures any
    parameter has left: it reaches the limit as soon as one of them does.
    """

    def failures_left(self, request, credentials=None) -> dict[str, int]:
        """Lockout parameter → failures still allowed before it locks (0 or less: locked)."""
        parameters = get_lockout_parameters(request, credentials)
        attempts = self.get_user_attempts(request, credentials)
        left = {}
        for parameter, queryset in zip(parameters, attempts, strict=True):
            name = lockout_name(parameter)
            failures = queryset.aggregate(n=Sum("failures_since_start"))["n"] or 0
            left[name] = settings.LOGIN_FAILURE_LIMITS[name] - failures
        return left

    def get_failures(self, request, credentials=None) -> int:
        left = self.failures_left(request, credentials)
        return settings.AXES_FAILURE_LIMIT - min(left.values(), default=settings.AXES_FAILURE_LIMIT)


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: the admin's look, in the visitor's language.

    The page says which lock holds: this account at this address, this account wherever
    it is tried from, or every login from this address.
    """
    from django.contrib import admin
    from django.shortcuts import render

    left = LayeredLockoutHandler().failures_left(request, credentials)
    reached = [name for name, count in left.items() if count <= 0]
    # the widest lock reached is the one to explain
    lock = next(
        (name for name in ("username", "ip_address") if name in reached), "username+ip_address"
    )
    context = {
        "site_header": admin.site.site_header,
        "site_title": admin.site.site_title,
        "lock": lock,
        "failure_limit": settings.LOGIN_FAILURE_LIMITS[lock],
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    response = render(request, "admin/locked_out.html", context, status=429)
    response.headers["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


def require_secret_key() -> None:
    """Refuse to serve in production without SECRET_KEY from the environment.

    Settings give commands a throwaway key so the importer and exports run anywhere;
    a server must not: sessions, CSRF tokens and password resets would not survive a
    restart or agree between workers.
    """
    if not settings.DEBUG and not settings.SECRET_KEY_FROM_ENVIRONMENT:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
