"""Security headers, the client's address, and the login throttle's backend."""

import ipaddress

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class PermissionsPolicyMiddleware:
    """Sends ``Permissions-Policy``: the register needs no camera, location, payment…"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


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


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: the admin's look, in the visitor's language."""
    from django.contrib import admin
    from django.shortcuts import render

    context = {
        "site_header": admin.site.site_header,
        "site_title": admin.site.site_title,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
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
