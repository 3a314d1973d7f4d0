"""The interface is Vietnamese by default, English only when the visitor picks it."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_vietnamese_even_for_an_english_browser(client):
    response = client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
    assert 'lang="vi"' in response.content.decode()


def test_english_once_chosen(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/admin/login/"})
    response = client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE="vi")
    assert response["Content-Language"] == "en"


def test_unknown_cookie_falls_back_to_vietnamese(client):
    client.cookies["django_language"] = "fr"
    assert client.get(reverse("admin:login"))["Content-Language"] == "vi"
