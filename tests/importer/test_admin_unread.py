"""The import preview shows what the importer read but could not turn into rows (issue 9)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = "admin:awards_sourcedocument_import"

ARTICLE = (
    "Khối thi đua số 4 tổng kết năm 2024\n\n"
    "Ngày 10/1/2025, Khối thi đua số 4 tổ chức hội nghị tổng kết năm 2024.\n\n"
    "Hội nghị thống nhất đề nghị UBND tỉnh tặng Bằng khen cho 03 đơn vị: Sở Nội vụ, Sở Tư pháp.\n\n"
    "Dịp này, UBND tỉnh tặng Giấy khen cho các tập thể <b>có thành tích</b> xuất sắc.\n"
)


@pytest.fixture
def admin_client(client, superuser):
    superuser.is_staff = True
    superuser.save()
    client.force_login(superuser)
    return client


def test_preview_lists_unread_sentences_escaped_and_flags_a_short_count(admin_client):
    response = admin_client.post(reverse(URL), {"action": "preview", "text": ARTICLE})
    body = response.content.decode()
    assert response.status_code == 200
    # the sentence with an award and no unit is listed, escaped, for staff to read
    assert 'class="imp-unread"' in body
    assert "cho các tập thể &lt;b&gt;có thành tích&lt;/b&gt; xuất sắc." in body
    assert "<b>có thành tích</b>" not in body
    # two names for "03 đơn vị": each row says so, and tells the frame that read it
    assert body.count('class="imp-frame"') == 2
    assert "award-cho-names" in body
    assert body.count("imp-warn") >= 2
