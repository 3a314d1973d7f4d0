"""The staff screens speak Vietnamese where they still spoke English (issue 10, finding 12)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from awards import roles
from tests.factories import AgencyFactory, NominationFactory

pytestmark = pytest.mark.django_db


def test_a_form_error_is_announced_in_vietnamese(board_staff, client):
    client.force_login(board_staff)
    response = client.post(reverse("admin:awards_agency_add"), {"name": ""})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Please correct the error" not in body
    assert "Hãy sửa lỗi" in body


def test_the_admin_403_page_is_vietnamese(viewer, client):
    client.force_login(viewer)
    response = client.get(reverse("admin:awards_agency_add"))
    body = response.content.decode()
    assert response.status_code == 403
    assert "Forbidden" not in body
    assert "không có quyền" in body.lower()


def test_group_names_show_in_vietnamese(board_admin, client):
    board_admin.is_superuser = True
    board_admin.save()
    client.force_login(board_admin)
    body = client.get(reverse("admin:auth_group_changelist")).content.decode()
    for name in roles.GROUPS:
        assert f">{name}<" not in body
    assert "Cán bộ Ban Thi đua" in body and "Thư ký khối" in body
    group = Group.objects.get(name=roles.SECRETARY)
    body = client.get(reverse("admin:auth_user_change", args=[board_admin.pk])).content.decode()
    assert f">{group.name}</option>" not in body


def test_history_page_breadcrumb_and_reason(board_staff, client):
    nomination = NominationFactory(agency=AgencyFactory(name="Sở Nội vụ"))
    client.force_login(board_staff)
    url = reverse("admin:awards_nomination_history", args=[nomination.pk])
    body = client.get(url).content.decode()
    assert ">History<" not in body and "Lịch sử" in body
    assert "<td>None</td>" not in body and ">None<" not in body
    version = nomination.history.first()
    detail = reverse(
        "admin:awards_nomination_simple_history", args=[nomination.pk, version.history_id]
    )
    body = client.get(detail).content.decode()
    crumbs = body.split('<div class="breadcrumbs">')[1].split("</div>")[0]
    assert "Lịch sử" in crumbs and "Thi đua, khen thưởng" in crumbs
    assert "Awards" not in crumbs and "Historical" not in crumbs
