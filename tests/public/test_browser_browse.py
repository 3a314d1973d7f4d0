"""Browsing in a real browser: from the home page to a person, and the 404 page."""

import os
from pathlib import Path

import pytest

from tests.public.conftest import History

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def history(live_server):
    return History(120)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_browse_from_the_home_page_to_a_person(live_server, history, page):
    page.goto(live_server.url + "/")
    page.locator("nav.nav, .site-header nav").get_by_role("link", name="Cá nhân").click()
    page.wait_for_url("**/people/")
    assert page.locator("h1").inner_text() == "Cá nhân"
    # Filed under the given name: "Nguyễn Thị Đào" under Đ.
    section = page.locator("section", has=page.locator("h2.letter", has_text="Đ"))
    section.get_by_role("link", name="Nguyễn Thị Đào").click()
    page.wait_for_url(f"**/people/{history.person.slug}/")
    assert page.locator("h1").inner_text() == "Nguyễn Thị Đào"
    # The unit at the time of her earliest awards is the agency's old name.
    units = page.locator("table.person-awards td.c-unit").all_inner_texts()
    assert "Sở Thương mại" in units and "Sở Công thương" in units
    page.get_by_role("link", name="Sở Công thương").first.click()
    page.wait_for_url("**/agencies/so-cong-thuong/")


def test_browse_agencies_by_letter(live_server, history, page):
    page.goto(live_server.url + "/")
    page.locator(".site-header nav").get_by_role("link", name="Cơ quan, đơn vị").click()
    page.wait_for_url("**/agencies/")
    page.locator("nav.az").get_by_role("link", name="S", exact=True).click()
    page.wait_for_url("**/agencies/?letter=S")
    headings = page.locator("h2.letter").all_inner_texts()
    assert headings == ["S"]
    assert page.get_by_role("link", name="Sở Kế hoạch và Đầu tư").count() == 1


@pytest.mark.parametrize("width", [390, 1280])
def test_the_404_page_leads_back(live_server, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="vi-VN")
    page = context.new_page()
    response = page.goto(live_server.url + "/agencies/no-such-agency/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Không tìm thấy trang"
    assert no_horizontal_scroll(page)
    page.fill("#failure-search-q", "so ke hoach")
    page.press("#failure-search-q", "Enter")
    page.wait_for_url("**/search/?q=so+ke+hoach")
    page.go_back()
    page.get_by_role("link", name="Về trang chủ").click()
    page.wait_for_url(live_server.url + "/")
    context.close()


@pytest.mark.parametrize(
    "url", ["/years/", "/blocs/", "/agencies/", "/award-types/", "/people/", "/sources/"]
)
def test_index_pages_fit_a_phone(live_server, history, browser, url):
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + url)
    assert no_horizontal_scroll(page), url
    context.close()


@pytest.mark.skipif(not os.environ.get("SCREENSHOTS"), reason="set SCREENSHOTS=1 to refresh them")
def test_screenshots_of_the_browse_pages(live_server, browser):
    """Each browse page at desktop and phone width, under docs/screenshots/."""
    history = History(400)
    pages = {
        "years": "/years/",
        "blocs": "/blocs/",
        "agencies": "/agencies/",
        "award-types": "/award-types/",
        "people": "/people/",
        "person": history.person.get_absolute_url(),
        "sources": "/sources/",
        "not-found": "/no-such-page/",
    }
    folder = Path(os.environ.get("SCREENSHOT_DIR", SCREENSHOTS))
    folder.mkdir(parents=True, exist_ok=True)
    scale = float(os.environ.get("SCREENSHOT_SCALE", "0.5"))
    for width, height, label in ((1280, 720, "desktop"), (390, 760, "phone")):
        context = browser.new_context(
            viewport={"width": width, "height": height}, device_scale_factor=scale, locale="vi-VN"
        )
        tab = context.new_page()
        for name, url in pages.items():
            tab.goto(live_server.url + url)
            tab.screenshot(path=str(folder / f"{name}-{label}.png"))
        context.close()
