"""A reader searches in a real browser (Playwright driving /usr/bin/chromium)."""

import pytest

from tests.factories import (
    AgencyFactory,
    BlocFactory,
    DecisionFactory,
    EmulationYearFactory,
    MembershipFactory,
    NominationFactory,
    award_type,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def site(live_server):
    """The same department in two provinces; only Bắc Ninh's has an award."""
    year = EmulationYearFactory(year=2019)
    bac_ninh = AgencyFactory(name="Sở Công Thương", province="Bắc Ninh", slug="so-cong-thuong-bn")
    AgencyFactory(name="Sở Công Thương", province="Hà Nội", slug="so-cong-thuong-hn")
    AgencyFactory(name="Sở Xây dựng", province="Bắc Ninh")
    MembershipFactory(bloc=BlocFactory(name="Khối kinh tế"), agency=bac_ninh, year=year)
    NominationFactory(
        year=year,
        agency=bac_ninh,
        award_type=award_type("gov_flag"),
        status="awarded",
        decision=DecisionFactory(),
    )
    return live_server.url


def test_name_with_province_and_a_typo_without_accents(site, page):
    page.goto(site + "/search/")
    page.get_by_label("Cơ quan, khối, cá nhân, khen thưởng hoặc năm").fill(
        "so cong thuogn bac nihn"
    )
    page.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_url("**/search/?q=so+cong+thuogn+bac+nihn")
    status = page.get_by_role("status")
    assert "so cong thuong bac ninh" in status.inner_text()  # the corrected query is shown
    hits = page.locator("#agencies-heading + ul.results > li")
    assert hits.count() == 1  # Hà Nội's department is not Bắc Ninh's
    assert "Bắc Ninh" in hits.first.inner_text()
    assert "Cờ Chính phủ" in hits.first.inner_text()  # the latest award
    hits.first.get_by_role("link", name="Sở Công Thương").click()
    page.wait_for_url("**/agencies/so-cong-thuong-bn/")
    assert page.locator("h1").inner_text().startswith("Sở Công Thương")
