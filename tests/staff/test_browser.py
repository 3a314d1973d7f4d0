"""Staff pages in a real browser (Playwright driving /usr/bin/chromium): the bloc's year
page at 1,366 × 768 and the article importer (issue 10, findings 10 and 11)."""

import os
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from awards import roles
from awards.models import BlocMeeting, Membership, Nomination
from tests.factories import (
    AgencyFactory,
    BlocFactory,
    EmulationYearFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

PASSWORD = "pw-for-tests-only"
# Set STAFF_SCREENSHOTS=dir to keep the screenshots to look at; a temp dir otherwise.
SHOTS = Path(os.environ.get("STAFF_SCREENSHOTS") or tempfile.mkdtemp(prefix="staff-shots-"))


@pytest.fixture
def staff_page(transactional_db, live_server, browser):
    """A 1,366 × 768 tab logged in as board staff (session cookie of a real login)."""
    user = UserFactory(username="staff-browser")
    user.groups.add(Group.objects.get(name=roles.BOARD_STAFF))
    context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 768})
    tab = context.new_page()
    tab.goto(live_server.url + "/admin/login/")
    tab.fill("#id_username", user.username)
    tab.fill("#id_password", PASSWORD)
    tab.locator("input[type=submit]").click()
    tab.wait_for_url(live_server.url + "/admin/")
    yield tab
    context.close()


@pytest.fixture
def year_page(live_server, staff_page):
    bloc = BlocFactory(name="Khối thi đua các Sở kinh tế")
    EmulationYearFactory(year=2024)
    for i in range(12):
        MembershipFactory(
            bloc=bloc,
            year=EmulationYearFactory(year=2023),
            agency=AgencyFactory(name=f"Sở Kế hoạch và Đầu tư số {i}"),
        )
    staff_page.goto(f"{live_server.url}/admin/awards/bloc/{bloc.pk}/year/2024/")
    return bloc


def page_width(tab) -> int:
    return tab.evaluate("document.documentElement.scrollWidth")


def test_year_page_fits_a_1366_screen(year_page, staff_page):
    staff_page.screenshot(path=str(SHOTS / "bloc-year-1366.png"), full_page=True)
    assert page_width(staff_page) <= 1366


def test_carry_over_keeps_the_typed_meeting(year_page, staff_page):
    bloc = year_page
    staff_page.select_option("#id_meetings-0-kind", "summary")
    staff_page.fill("#id_meetings-0-date", "15/12/2024")
    staff_page.fill("#id_meetings-0-venue", "Hội trường UBND tỉnh")
    with staff_page.expect_navigation():
        staff_page.locator("button[name=carry_over]").click()
    assert BlocMeeting.objects.filter(bloc=bloc, venue="Hội trường UBND tỉnh").exists()
    assert Membership.objects.filter(bloc=bloc, year=2024).count() == 12
    assert "12" in staff_page.locator(".messagelist").inner_text()


def test_enter_in_a_field_saves_and_does_not_carry_over(year_page, staff_page):
    bloc = year_page
    staff_page.select_option("#id_meetings-0-kind", "summary")
    staff_page.fill("#id_meetings-0-date", "16/12/2024")
    staff_page.fill("#id_meetings-0-venue", "Sở Tài chính")
    with staff_page.expect_navigation():
        staff_page.press("#id_meetings-0-venue", "Enter")
    assert BlocMeeting.objects.filter(bloc=bloc, venue="Sở Tài chính").exists()
    assert not Membership.objects.filter(bloc=bloc, year=2024).exists()


def test_errors_are_summarised_at_the_top_with_links(year_page, staff_page):
    staff_page.select_option("#id_meetings-0-kind", "summary")
    staff_page.fill("#id_meetings-0-date", "không phải ngày")
    staff_page.select_option("#id_members-0-role", "head")
    with staff_page.expect_navigation():
        staff_page.locator(".submit-row input[type=submit]").click()
    summary = staff_page.locator("#page-errors")
    assert summary.is_visible()
    assert summary.locator("li").count() == 2
    staff_page.screenshot(path=str(SHOTS / "bloc-year-errors-1366.png"), full_page=False)
    summary.locator("a").first.click()
    assert staff_page.url.endswith("#members-row-1")
    assert page_width(staff_page) <= 1366
    assert not Nomination.objects.exists() and not BlocMeeting.objects.exists()


def test_import_article_from_the_admin_index(live_server, staff_page):
    text = (
        "Tại hội nghị tổng kết công tác thi đua năm 2023 của Khối thi đua các Sở kinh tế tỉnh "
        "Bắc Ninh ngày 15/12/2023, các thành viên đã bình xét, suy tôn Sở Xây dựng dẫn đầu "
        "khối, đề nghị UBND tỉnh tặng Cờ thi đua; đề nghị Chủ tịch UBND tỉnh tặng Bằng khen "
        "cho Sở Công thương và Sở Tài chính."
    )
    staff_page.get_by_role("link", name="Nhập bài viết").first.click()
    staff_page.fill("#id_text", text)
    with staff_page.expect_navigation():
        staff_page.locator("#import-article-form input[type=submit]").click()
    rows = staff_page.locator("#import-confirm-form tbody tr")
    assert rows.count() == 3
    staff_page.screenshot(path=str(SHOTS / "import-preview-1366.png"), full_page=True)
    assert page_width(staff_page) <= 1366
    with staff_page.expect_navigation():
        staff_page.locator("#import-confirm-form input[type=submit]").click()
    assert Nomination.objects.count() == 3
    assert settings.LANGUAGE_CODE.startswith("vi")
