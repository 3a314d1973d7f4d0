"""Headers on every page, cookies, and which client address is believed."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory, override_settings

from emulation.security import client_ip

ROOT = Path(__file__).resolve().parents[2]


def production_settings(**env) -> dict:
    """The settings a production environment gives, read in a fresh process."""
    names = [
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "LANGUAGE_COOKIE_SECURE",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SAMESITE",
        "LANGUAGE_COOKIE_SAMESITE",
        "LANGUAGE_COOKIE_HTTPONLY",
        "SECURE_PROXY_SSL_HEADER",
    ]
    code = (
        "import django; django.setup(); from django.conf import settings; "
        f"print(repr({{n: getattr(settings, n, None) for n in {names!r}}}))"
    )
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "TRUSTED_PROXIES", "DJANGO_SETTINGS_MODULE")
    }
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "emulation.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode:
        raise RuntimeError(done.stderr)
    return eval(done.stdout)  # our own repr of plain values


SECRET = {"SECRET_KEY": "s" * 50}


def test_debug_is_off_unless_set():
    assert production_settings(**SECRET)["DEBUG"] is False


def test_a_misspelt_boolean_stops_the_start():
    with pytest.raises(RuntimeError, match="DEBUG='ture' is not a boolean"):
        production_settings(DEBUG="ture", **SECRET)


def in_production(code: str, **env) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh process with DEBUG and SECRET_KEY unset unless given."""
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "TRUSTED_PROXIES", "DJANGO_SETTINGS_MODULE")
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "emulation.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_serving_in_production_needs_a_secret_key():
    for entry in ("emulation.wsgi", "emulation.asgi"):
        refused = in_production(f"import {entry}")
        assert refused.returncode != 0
        assert "SECRET_KEY must be set when DEBUG is off" in refused.stderr
        assert in_production(f"import {entry}", **SECRET).returncode == 0


def test_commands_run_without_a_secret_key(tmp_path):
    """The importer runs from a bare shell: no DEBUG, no SECRET_KEY (it once refused to)."""
    article = tmp_path / "bai.txt"
    article.write_text(
        "Khối thi đua các sở tổng kết năm 2024\n\n"
        "Hội nghị thống nhất đề nghị UBND tỉnh tặng Cờ thi đua cho Sở Xây dựng.\n",
        "utf-8",
    )
    command = ["manage.py", "import_article", "--dry-run", "--format", "json", str(article)]
    done = in_production(
        "from django.core.management import execute_from_command_line; "
        f"execute_from_command_line({command!r})",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["nominations"]


def test_every_cookie_is_secure_and_samesite_in_production():
    found = production_settings(**SECRET)
    for cookie in ("SESSION", "CSRF", "LANGUAGE"):
        assert found[f"{cookie}_COOKIE_SECURE"] is True
        assert found[f"{cookie}_COOKIE_SAMESITE"] == "Lax"
    assert found["LANGUAGE_COOKIE_HTTPONLY"] is True


def test_forwarded_proto_is_believed_only_behind_a_trusted_proxy():
    assert production_settings(**SECRET)["SECURE_PROXY_SSL_HEADER"] is None
    behind = production_settings(TRUSTED_PROXIES="10.0.0.0/8", **SECRET)
    assert behind["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


def test_language_cookie_is_samesite_and_http_only(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    cookie = response.cookies["django_language"]
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"] is True


@pytest.mark.django_db
def test_pages_send_csp_and_permissions_policy(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def request_from(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_client_address_ignores_forwarded_for_without_a_trusted_proxy():
    with override_settings(TRUSTED_PROXIES=[]):
        assert client_ip(request_from("203.0.113.9", "1.2.3.4")) == "203.0.113.9"


def test_client_address_from_a_trusted_proxy_is_the_entry_it_added():
    import ipaddress

    with override_settings(TRUSTED_PROXIES=[ipaddress.ip_network("172.16.0.0/12")]):
        # the client forged the first entry; the proxy appended the real address
        assert client_ip(request_from("172.18.0.5", "1.2.3.4, 198.51.100.7")) == "198.51.100.7"
        # a request that did not come through the proxy is not believed
        assert client_ip(request_from("203.0.113.9", "1.2.3.4")) == "203.0.113.9"
        assert client_ip(request_from("172.18.0.5", "not-an-address")) == "172.18.0.5"
