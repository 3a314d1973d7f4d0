"""Settings: day-first dates in Vietnamese, and a production configuration that passes --deploy."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

from django import forms
from django.utils import translation


def test_vietnamese_dates_are_day_first():
    with translation.override("vi"):
        assert forms.DateField().clean("05/03/2019") == datetime.date(2019, 3, 5)


def test_check_deploy_is_clean_with_production_environment():
    # the test process allows async-unsafe ORM calls for Playwright; production must not
    # the environment docker-compose gives the web service (behind its reverse proxy)
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE")
        },
        "DEBUG": "false",
        "SECRET_KEY": "x" * 20 + "production-secret-key-for-the-test-only-0123456789",
        "ALLOWED_HOSTS": "awards.example.org",
        "TRUSTED_PROXIES": "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16",
        "SECURE_SSL_REDIRECT": "true",
        "DB_STATEMENT_TIMEOUT": "3000",
        "DB_WATCHDOG_SECONDS": "4",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_an_empty_database_url_means_the_default_database():
    """``DATABASE_URL=`` (set but blank, as an env file line can leave it) stopped every
    command with a KeyError in the settings."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DATABASE_URL"] = ""
    code = (
        "import django; django.setup(); from django.db import connection; print(connection.vendor)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[1],
        env={**env, "DJANGO_SETTINGS_MODULE": "emulation.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "sqlite"
