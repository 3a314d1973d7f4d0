"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
application = get_asgi_application()

from emulation.security import require_secret_key  # noqa: E402 (needs settings)

require_secret_key()
