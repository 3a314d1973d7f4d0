"""The award list's filter chips and paging, the reports on a phone, in a real browser."""

import os
from itertools import pairwise
from pathlib import Path

import pytest

from tests.public.conftest import LAST_YEAR, History

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/listing-screenshots"))


@pytest.fixture
def site(live_server):
    History(200)
    return live_server.url


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


def shoot(page, name: str) -> None:
    """Screenshots for a person to look at (only when SCREENSHOT_DIR is set)."""
    if os.environ.get("SCREENSHOT_DIR"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-top.png"))


def test_remove_one_of_two_filters_by_its_chip(site, page):
    page.goto(site + "/awards/")
    assert page.locator(".chips").count() == 0
    page.select_option("#id_status", "awarded")
    page.fill("#id_year_from", "2018")
    page.locator(".filters button[type=submit]").click()
    page.wait_for_url("**/awards/?*status=awarded*")
    chips = page.locator(".chips .chip")
    assert chips.count() == 2
    assert "2018" in chips.filter(has_text="Năm").inner_text()
    shoot(page, "list-chips-1280")
    # By keyboard: focus the year chip's × and press Enter.
    remove = page.get_by_role("link", name="Bỏ bộ lọc Năm: từ 2018")
    remove.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "year_from" not in page.url and page.url.endswith("/awards/?status=awarded")
    assert page.locator(".chips .chip").count() == 1
    assert "Đã khen thưởng" in page.locator(".chips .chip").inner_text()
    assert page.input_value("#id_year_from") == ""
    statuses = set(page.locator("table.records tbody .status").all_inner_texts())
    assert statuses == {"đã khen thưởng"}


def test_numbered_pages_lead_to_the_last(site, page):
    page.goto(site + "/awards/")
    summary = page.locator(".result-bar [role=status]").inner_text()
    assert summary.startswith("1–50 trên ")
    total = int(summary.rsplit(" ", 1)[1].replace(".", ""))
    last = -(-total // 50)
    page.get_by_role("link", name=f"Trang {last}", exact=True).click()
    page.wait_for_url(f"**page={last}")
    assert page.locator(".pagination [aria-current=page]").inner_text() == str(last)
    assert page.locator(".result-bar [role=status]").inner_text().endswith(f"{total} trên {total}")


def test_the_list_fits_a_phone(site, phone):
    phone.goto(site + "/awards/?kind=collective&year_from=2018&page=2")
    shoot(phone, "list-390")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_report_fits_a_phone(site, phone):
    phone.goto(site + f"/reports/{LAST_YEAR - 1}/")
    shoot(phone, "report-390")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


# The rendered size of each visible label: its font size times the SVG's scale.
RENDERED_LABEL_SIZES = """() => [...document.querySelectorAll('svg.bar-chart text')]
  .filter(t => getComputedStyle(t).display !== 'none')
  .map(t => {
    const svg = t.ownerSVGElement;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return parseFloat(getComputedStyle(t).fontSize) * scale;
  })"""
VISIBLE_YEAR_LABELS = """() => [...document.querySelectorAll('svg.bar-chart text.label')]
  .filter(t => getComputedStyle(t).display !== 'none').map(t => t.getBoundingClientRect())"""


@pytest.mark.parametrize("width", [390, 1280])
def test_chart_labels_are_legible_and_never_overlap(site, browser, width):
    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(site + "/")
        shoot(page, f"home-{width}")
        if os.environ.get("SCREENSHOT_DIR"):
            chart = page.locator("figure.chart").first
            chart.screenshot(path=str(SCREENSHOTS / f"chart-{width}.png"))
        sizes = page.evaluate(RENDERED_LABEL_SIZES)
        assert sizes and min(sizes) >= 11
        boxes = page.evaluate(VISIBLE_YEAR_LABELS)
        assert len(boxes) >= 2
        assert all(a["right"] <= b["left"] for a, b in pairwise(boxes))
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


def test_the_report_at_desktop_width(site, browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(site + f"/reports/{LAST_YEAR - 1}/")
        shoot(page, "report-1280")
        assert page.locator(".official-header").is_hidden()  # for the printout only
        page.emulate_media(media="print")
        assert page.locator(".official-header").is_visible()
        shoot(page, "report-print")
        assert page.locator(".site-header").is_hidden()
    finally:
        context.close()
