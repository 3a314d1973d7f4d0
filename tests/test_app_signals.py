"""The page cache hears register changes made anywhere, also in commands that load no view."""

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys
import django
django.setup()
from django.db.models.signals import post_save
print("views loaded:", "public.views" in sys.modules)
print("listening:", any(entry[0][0] == "public-pages-cache-save" for entry in post_save.receivers))
"""


def test_cache_clearing_is_connected_without_the_views():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=Path(__file__).resolve().parents[1],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "emulation.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "views loaded: False" in done.stdout
    assert "listening: True" in done.stdout
