"""Settings for the test run: the project's own, in development mode.

DEBUG is off unless set (issue 11), and production mode redirects to HTTPS, wants a
secret key and collected static files; the tests run the development configuration,
as ``make run`` does (Django's test runner still serves every request with DEBUG off).
Subprocesses started by tests inherit the same environment.
"""

import os

os.environ.setdefault("DEBUG", "true")

from emulation.settings import *  # noqa: F403

# Each test run counts its own running exports (the default is a directory in /tmp).
CACHES["limits"] = {  # noqa: F405
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "test-limits",
}
