"""The admin "Import article" page: paste or upload, preview (escaped, highlighted), confirm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.models import Agency, Nomination, SourceDocument
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db
URL = "admin:awards_sourcedocument_import"


@pytest.fixture
def admin_client(client, superuser):
    superuser.is_staff = True
    superuser.save()
    client.force_login(superuser)
    return client


def test_form_page(admin_client):
    assert admin_client.get(reverse(URL)).status_code == 200


def test_preview_highlights_escapes_and_writes_nothing(admin_client, seed_text):
    AgencyFactory(name="Sở Xây dựng")
    text = seed_text + "\n<script>alert(1)</script>"
    response = admin_client.post(reverse(URL), {"action": "preview", "text": text})
    body = response.content.decode()
    assert response.status_code == 200
    assert '<mark class="imp-nominee">Sở Xây dựng</mark>' in body
    assert "<script>alert(1)</script>" not in body
    assert "new, to be created" in body or "mới" in body
    assert SourceDocument.objects.count() == 0
    # awards are offered by their catalogue names, not by code
    assert '<option value="gov_flag" selected>Cờ thi đua của Chính phủ</option>' in body


def test_upload_several_files_preview(admin_client, seed_text, own_article):
    files = [
        SimpleUploadedFile("a.txt", seed_text.encode("utf-16")),
        SimpleUploadedFile("b.txt", own_article("crlf_old_tones.txt").encode("utf-8")),
        SimpleUploadedFile("c.png", b"\x89PNG\r\n\x1a\n" + bytes(50)),
    ]
    response = admin_client.post(reverse(URL), {"action": "preview", "files": files}, follow=True)
    body = response.content.decode()
    assert "a.txt" in body and "b.txt" in body
    assert "PNG" in body  # the image is refused with a message


def test_confirm_applies_corrections_atomically(admin_client, seed_text):
    chosen = AgencyFactory(name="Sở Giao thông Vận tải Bắc Ninh")
    data = {
        "action": "confirm",
        "count": "1",
        "a0-keep": "1",
        "a0-text": seed_text,
        "a0-label": "x",
    }
    for j in range(9):
        data[f"a0-n{j}-keep"] = "1"
    del data["a0-n8-keep"]  # drop the last row
    data["a0-n4-agency"] = str(chosen.pk)  # Sở Giao thông vận tải → the existing agency
    data["a0-n0-status"] = "awarded"
    data["a0-l0-keep"] = "1"
    response = admin_client.post(reverse(URL), data)
    assert response.status_code == 302
    assert Nomination.objects.count() == 8
    assert Nomination.objects.filter(agency=chosen, award_type__code="pm_cert").exists()
    assert Nomination.objects.filter(nominee_name="Sở Công thương", status="awarded").exists()
    assert not Agency.objects.filter(name="Ban Quản lý khu vực phát triển đô thị Bắc Ninh").exists()
    again = admin_client.post(reverse(URL), data, follow=True)
    assert "đã nhập trước đó" in again.content.decode()
    assert Nomination.objects.count() == 8


def test_preview_offers_a_picker_not_an_id_box(admin_client, seed_text):
    close = AgencyFactory(name="Sở Xây dựng tỉnh Bắc Ninh")
    evil = AgencyFactory(name="Sở Xây dựng <script>x()</script>")
    response = admin_client.post(reverse(URL), {"action": "preview", "text": seed_text})
    body = response.content.decode()
    assert "Agency id" not in body
    assert '<select name="a0-n0-agency">' in body
    assert f'<option value="{close.pk}"' in body  # a close name is offered
    assert f'<option value="{evil.pk}"' in body
    assert "<script>x()</script>" not in body and "&lt;script&gt;x()" in body
    assert 'value="new"' in body
    # Django admin's autocomplete, bound to Nomination.agency
    assert 'name="a0-n0-agency_search"' in body and "admin-autocomplete" in body
    assert 'data-field-name="agency"' in body and "autocomplete.js" in body
    ajax = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "Xây", "app_label": "awards", "model_name": "nomination", "field_name": "agency"},
    )
    assert ajax.status_code == 200 and str(close.pk) in ajax.content.decode()


def test_confirm_takes_the_searched_agency(admin_client, seed_text):
    chosen = AgencyFactory(name="Ban Quản lý các dự án")
    data = {"action": "confirm", "count": "1", "a0-keep": "1", "a0-text": seed_text}
    data.update({f"a0-n{j}-keep": "1" for j in range(9)})
    data["a0-n8-agency"] = "new"
    data["a0-n8-agency_search"] = str(chosen.pk)
    admin_client.post(reverse(URL), data)
    assert Nomination.objects.filter(agency=chosen).count() == 1
