"""Admin login: wrong passwords are logged; the fifth locks the user out there (django-axes)."""

import logging

import pytest
from django.conf import settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"


@pytest.fixture
def staff_user():
    user = UserFactory(username="thu-ky", is_staff=True)
    user.set_password("đúng-mật-khẩu-2024")
    user.save()
    return user


def attempt(client, password, address="192.0.2.10"):
    return client.post(
        LOGIN,
        {"username": "thu-ky", "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def test_right_password_logs_in(client, staff_user):
    assert attempt(client, "đúng-mật-khẩu-2024").status_code == 302


def test_after_the_limit_even_the_right_password_is_refused(client, staff_user, caplog):
    caplog.set_level(logging.WARNING, logger="axes")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "sai")
        assert response.status_code == 200  # the form again, with its error
    assert attempt(client, "sai").status_code == 429  # the failure that reaches the limit
    messages = [r.getMessage() for r in caplog.records]
    failures = [m for m in messages if "login failure by" in m]
    assert len(failures) == settings.AXES_FAILURE_LIMIT
    assert any("Locking out" in m for m in messages)

    locked = attempt(client, "đúng-mật-khẩu-2024")
    assert locked.status_code == 429
    assert locked["Retry-After"] == str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    body = locked.content.decode()
    assert "Đăng nhập sai quá nhiều lần" in body
    assert "bị khóa trong 15 phút sau 5 lần đăng nhập sai" in body
    assert "_auth_user_id" not in client.session

    client.cookies["django_language"] = "en"
    assert "Too many failed login attempts" in attempt(client, "x").content.decode()


def test_the_lock_holds_the_user_at_that_address_only(client, staff_user):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "sai")
    assert attempt(client, "đúng-mật-khẩu-2024", address="198.51.100.20").status_code == 302


def test_an_account_tried_from_many_addresses_is_locked_everywhere(client, staff_user, caplog):
    """Rotating addresses does not buy unlimited guesses at one account."""
    caplog.set_level(logging.WARNING, logger="axes")
    limit = settings.LOGIN_FAILURE_LIMITS["username"]
    pair_limit = settings.AXES_FAILURE_LIMIT
    addresses = [f"203.0.113.{n}" for n in range(1, limit + 1)]
    # one wrong password from each address: no address reaches the pair's limit
    for address in addresses[:-1]:
        assert attempt(client, "sai", address=address).status_code == 200
    assert limit > pair_limit  # else the pair's lock would explain it
    assert attempt(client, "sai", address=addresses[-1]).status_code == 429
    assert any("Locking out" in r.getMessage() for r in caplog.records)

    locked = attempt(client, "đúng-mật-khẩu-2024", address="198.51.100.99")  # a new address
    assert locked.status_code == 429
    assert "từ nhiều địa chỉ khác nhau" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    client.cookies["django_language"] = "en"
    english = attempt(client, "x", address="198.51.100.98").content.decode()
    assert "failed login attempts from several addresses" in english


def test_an_address_trying_many_accounts_is_blocked(client, staff_user):
    """Password spraying: one address, a different user name each time."""
    limit = settings.LOGIN_FAILURE_LIMITS["ip_address"]
    for number in range(limit - 1):
        response = client.post(
            LOGIN, {"username": f"khach-{number}", "password": "sai"}, REMOTE_ADDR="192.0.2.77"
        )
        assert response.status_code == 200
    blocked = client.post(
        LOGIN, {"username": "khach-last", "password": "sai"}, REMOTE_ADDR="192.0.2.77"
    )
    assert blocked.status_code == 429
    assert "Đăng nhập từ địa chỉ của bạn bị chặn" in blocked.content.decode()
    # even the right password of a real account, from that address
    assert attempt(client, "đúng-mật-khẩu-2024", address="192.0.2.77").status_code == 429
    # the account itself is not locked elsewhere
    assert attempt(client, "đúng-mật-khẩu-2024", address="198.51.100.20").status_code == 302


def test_failures_below_every_limit_lock_nothing(client, staff_user):
    for address in ("203.0.113.1", "203.0.113.2"):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            attempt(client, "sai", address=address)
    assert attempt(client, "đúng-mật-khẩu-2024", address="203.0.113.3").status_code == 302
