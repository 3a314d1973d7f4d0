"""The project's URLs plus views that fail on purpose, for the failure-page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import OperationalError
from django.urls import path

from emulation.urls import *  # noqa: F403 (the handlers too)
from emulation.urls import urlpatterns as project_urlpatterns


def database_down(request):
    raise OperationalError("connection to server at 127.0.0.1, port 1 failed: refused")


def forbidden(request):
    raise PermissionDenied


def suspicious(request):
    raise SuspiciousOperation("bad")


def broken(request):
    raise ZeroDivisionError("a bug")


urlpatterns = [
    path("fail/database/", database_down),
    path("fail/forbidden/", forbidden),
    path("fail/suspicious/", suspicious),
    path("fail/bug/", broken),
    *project_urlpatterns,
]
