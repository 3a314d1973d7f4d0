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


# --- issue 10, finding 11 ------------------------------------------------------------------

PARAGRAPH = (
    "Tại hội nghị tổng kết công tác thi đua năm 2023 của Khối thi đua các Sở kinh tế tỉnh "
    "Bắc Ninh ngày 15/12/2023, các thành viên đã bình xét, suy tôn Sở Xây dựng dẫn đầu khối, "
    "đề nghị UBND tỉnh tặng Cờ thi đua; đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho "
    "Sở Công thương và Sở Tài chính."
)


def confirm_data(text, rows=3, **extra):
    data = {"action": "confirm", "count": "1", "a0-keep": "1", "a0-text": text, "a0-label": "x"}
    data.update({f"a0-n{j}-keep": "1" for j in range(rows)})
    data.update(extra)
    return data


def test_import_article_is_linked_from_the_admin_index_and_the_sources(admin_client):
    link = f'href="{reverse(URL)}"'
    assert link in admin_client.get(reverse("admin:index")).content.decode()
    sources = reverse("admin:awards_sourcedocument_changelist")
    assert link in admin_client.get(sources).content.decode()


def test_no_link_for_a_viewer(client):
    from django.contrib.auth.models import Group

    from awards import roles
    from tests.factories import UserFactory

    viewer = UserFactory(username="viewer-imp")
    viewer.groups.add(Group.objects.get_or_create(name=roles.VIEWER)[0])
    client.force_login(viewer)
    assert f'href="{reverse(URL)}"' not in client.get(reverse("admin:index")).content.decode()


def test_a_bare_paragraph_without_a_title_is_read(admin_client):
    response = admin_client.post(reverse(URL), {"action": "preview", "text": PARAGRAPH})
    body = response.content.decode()
    assert "No nomination was recognised" not in body and "Không nhận ra" not in body
    for name in ("Sở Xây dựng", "Sở Công thương", "Sở Tài chính"):
        assert f'value="{name}"' in body
    admin_client.post(reverse(URL), confirm_data(PARAGRAPH))
    assert Nomination.objects.count() == 3
    assert SourceDocument.objects.get().raw_text.strip() == PARAGRAPH


def test_preview_warns_of_a_reimport(admin_client):
    admin_client.post(reverse(URL), confirm_data(PARAGRAPH))
    assert SourceDocument.objects.count() == 1
    body = admin_client.post(
        reverse(URL), {"action": "preview", "text": PARAGRAPH + "\r\n"}
    ).content.decode()
    assert 'class="imp-reimport' in body
    source = SourceDocument.objects.get()
    assert reverse("admin:awards_sourcedocument_change", args=[source.pk]) in body


def test_preview_warns_of_a_closed_year(admin_client):
    from tests.factories import EmulationYearFactory

    EmulationYearFactory(year=2023, status="closed")
    body = admin_client.post(
        reverse(URL), {"action": "preview", "text": PARAGRAPH}
    ).content.decode()
    assert 'class="imp-closed' in body and "2023" in body


def test_an_empty_confirm_is_refused_and_saves_nothing(admin_client):
    from awards.models import BlocMeeting

    data = confirm_data(PARAGRAPH, rows=0)
    response = admin_client.post(reverse(URL), data, follow=True)
    assert SourceDocument.objects.count() == 0
    assert BlocMeeting.objects.count() == 0
    assert Nomination.objects.count() == 0
    assert "không có gì để lưu" in response.content.decode().lower()


def test_the_picked_agency_gives_the_name_as_of_the_award_year(admin_client):
    import datetime

    chosen = AgencyFactory(name="Sở Khoa học và Công nghệ")
    chosen.rename("Sở Khoa học, Công nghệ và Đổi mới", on=datetime.date(2025, 3, 1))
    data = confirm_data(PARAGRAPH, **{"a0-n1-agency": str(chosen.pk)})
    admin_client.post(reverse(URL), data)
    picked = Nomination.objects.get(agency=chosen)
    assert picked.nominee_name == "Sở Khoa học và Công nghệ"  # its name in 2023
    assert not Nomination.objects.filter(nominee_name="Sở Công thương").exists()


def test_preview_tells_why_a_row_is_flagged(admin_client, own_article):
    text = (
        own_article("unit_words_misspelt.txt")
        + "\n\n"
        + own_article("respective_and_units_referred_back.txt")
    )
    response = admin_client.post(reverse(URL), {"action": "preview", "text": text})
    body = response.content.decode()
    # the interface is Vietnamese by default
    assert "Tên đơn vị có vẻ viết sai chính tả" in body
    assert "kiểm tra mỗi tên nhận danh hiệu nào" in body


def test_preview_shows_each_leader_with_its_frame_confidence_and_bloc(admin_client, own_article):
    text = own_article("leaders_notice_cluster_list.txt")
    response = admin_client.post(reverse(URL), {"action": "preview", "text": text})
    body = response.content.decode()
    assert response.status_code == 200
    # the leader's line: its bloc, then how it was read and how far to trust it
    line = body[body.index('name="a0-l2-keep"') :].split("</li>")[0]
    assert "UBND xã Hòa Bình" in line
    assert '<span class="imp-leader-bloc">Cụm thi đua số 2</span>' in line
    assert "role_then_la" in line and "0,75" in line  # a Vietnamese decimal comma
