"""The yearly summary and statutory statistics: page, CSV and XLSX, public records only."""

import csv
import datetime
import io
from pathlib import Path

import openpyxl
import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from awards.models import Nomination
from public import reports
from tests.factories import (
    BlocFactory,
    DecisionFactory,
    EmulationYearFactory,
    NominationFactory,
    PersonFactory,
    award_type,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2019():
    year = EmulationYearFactory(year=2019)
    bloc = BlocFactory(name="Khối các sở, ban, ngành tổng hợp")
    flag = award_type("prov_flag")
    decision = DecisionFactory()
    NominationFactory(
        year=year,
        bloc=bloc,
        award_type=flag,
        nominee_name="Sở Kế hoạch và Đầu tư",
        status=Nomination.Status.AWARDED,
        decision=decision,
    )
    NominationFactory(year=year, bloc=bloc, award_type=flag, nominee_name="Sở Tư pháp")
    NominationFactory(
        year=year,
        bloc=bloc,
        award_type=flag,
        nominee_name="Sở Bị Loại",
        status=Nomination.Status.REJECTED,
        status_reason="Không đủ phiếu",
    )
    NominationFactory(
        year=year,
        bloc=None,
        agency=None,
        person=PersonFactory(full_name="Phạm Thị Thuỷ"),
        award_type=award_type("emulation_soldier_province"),
        status=Nomination.Status.AWARDED,
        decision=decision,
    )
    NominationFactory(year=EmulationYearFactory(year=2020), nominee_name="Sở Năm Khác")
    return year


def test_summary_groups_by_bloc_and_award(year_2019):
    lines = reports.summary_lines(2019)
    by_key = {(line.bloc, line.award): line for line in lines}
    flag = by_key[("Khối các sở, ban, ngành tổng hợp", "Cờ thi đua của UBND tỉnh")]
    assert flag.count == 2
    assert flag.awarded == ["Sở Kế hoạch và Đầu tư"]
    assert flag.proposed == ["Sở Tư pháp"]
    assert by_key[(reports.NO_BLOC, "Chiến sĩ thi đua cấp tỉnh")].awarded == ["Phạm Thị Thuỷ"]
    assert all("Sở Bị Loại" not in line.proposed + line.awarded for line in lines)


def test_statistics_count_awards_by_form_and_level(year_2019):
    stats = {line.award: line for line in reports.statistics_lines(2019)}
    assert stats["Cờ thi đua của UBND tỉnh"].collectives == 1  # the proposal is not an award
    assert stats["Chiến sĩ thi đua cấp tỉnh"].individuals == 1
    assert stats["Huân chương Lao động hạng Ba"].total == 0
    categories = [line.category for line in reports.statistics_lines(2019)]
    assert categories.index("commendation") > categories.index("title")


def test_page_is_printable_and_public(client, year_2019, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(reverse("reports:year", args=[2019]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Sở Kế hoạch và Đầu tư" in body
    assert "Sở Bị Loại" not in body
    assert "Sở Năm Khác" not in body
    # the print styles live in a static stylesheet (the CSP forbids inline styles)
    assert "css/report.css" in body
    assert "@media print" in Path(finders.find("css/report.css")).read_text(encoding="utf-8")


def test_unknown_year_or_format_is_not_found(client, year_2019):
    assert client.get(reverse("reports:year", args=[1999])).status_code == 404
    assert client.get(reverse("reports:year", args=[2019]), {"format": "pdf"}).status_code == 404


def test_index_lists_years(client, year_2019, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get(reverse("reports:index"))
    assert reverse("reports:year", args=[2019]) in response.content.decode()


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def test_summary_csv(client, year_2019, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get(reverse("reports:year", args=[2019]), {"format": "csv"})
        rows = read_csv(response)
    assert tuple(rows[0]) == reports.SUMMARY_HEADER
    assert [
        "Khối các sở, ban, ngành tổng hợp",
        "Cờ thi đua của UBND tỉnh",
        "2",
        "Sở Kế hoạch và Đầu tư",
        "Sở Tư pháp",
    ] in rows


def test_statistics_csv(client, year_2019):
    response = client.get(
        reverse("reports:year", args=[2019]), {"format": "csv", "table": "statistics"}
    )
    rows = read_csv(response)
    assert tuple(rows[0]) == reports.STATISTICS_HEADER
    assert ["Danh hiệu thi đua", "Tỉnh", "Chiến sĩ thi đua cấp tỉnh", "1", "0", "1"] in rows


def test_xlsx_has_both_tables(client, year_2019, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get(reverse("reports:year", args=[2019]), {"format": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    response.close()
    summary, statistics = book.worksheets
    # Five rows of title block, then the header: the panes freeze below it.
    assert summary.freeze_panes == statistics.freeze_panes == "A7"
    values = list(summary.iter_rows(values_only=True))
    assert values[5] == reports.SUMMARY_HEADER
    assert values[6][:3] == ("Khối các sở, ban, ngành tổng hợp", "Cờ thi đua của UBND tỉnh", 2)
    stats = list(statistics.iter_rows(values_only=True))
    assert ("Danh hiệu thi đua", "Tỉnh", "Cờ thi đua của UBND tỉnh", 1, 1, 0) in stats


def test_xlsx_has_a_title_block_and_a_total_row(client, year_2019, settings):
    settings.REGISTER_PROVINCE = "Lạng Sơn"
    settings.REGISTER_OWNER = "Ban Thi đua - Khen thưởng tỉnh Lạng Sơn"
    response = client.get(reverse("reports:year", args=[2019]), {"format": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    response.close()
    summary, statistics = book.worksheets
    top = [row[0] for row in summary.iter_rows(max_row=4, values_only=True)]
    assert top[0] == "Tổng hợp khen thưởng theo khối thi đua và hình thức khen thưởng, năm 2019"
    assert top[1] == "Ban Thi đua - Khen thưởng tỉnh Lạng Sơn"
    assert top[2] == "Tỉnh: Lạng Sơn"
    assert top[3] == f"Ngày xuất: {datetime.date.today():%d/%m/%Y}"
    assert summary["A1"].font.bold and summary["A6"].font.bold
    last = list(summary.iter_rows(values_only=True))[-1]
    assert last[:3] == ("Tổng cộng", None, 3)  # two flags and one soldier
    assert summary.cell(summary.max_row, 1).font.bold
    totals = list(statistics.iter_rows(values_only=True))[-1]
    assert totals[0] == "Tổng cộng" and totals[3:] == (2, 1, 1)


def test_report_headers_follow_the_interface_language(client, year_2019):
    client.cookies["django_language"] = "en"
    response = client.get(reverse("reports:year", args=[2019]), {"format": "csv"})
    assert read_csv(response)[0] == ["Emulation bloc", "Award", "Count", "Awarded", "Proposed"]
    response = client.get(
        reverse("reports:year", args=[2019]), {"format": "csv", "table": "statistics"}
    )
    rows = read_csv(response)
    assert rows[0][:3] == ["Category", "Deciding level", "Form"]
    assert rows[1][0] == "Emulation title (danh hiệu thi đua)"


def test_the_printout_has_an_official_header(client, year_2019, settings):
    settings.REGISTER_PROVINCE = "Lạng Sơn"
    settings.REGISTER_OWNER = "Ban Thi đua - Khen thưởng tỉnh Lạng Sơn"
    body = client.get(reverse("reports:year", args=[2019])).content.decode()
    header = body.split('<header class="official-header">')[1].split("</header>")[0]
    assert "Ủy ban nhân dân tỉnh Lạng Sơn" in header
    assert "Ban Thi đua - Khen thưởng tỉnh Lạng Sơn" in header
    assert "Cộng hòa xã hội chủ nghĩa Việt Nam" in header
    today = datetime.date.today()
    assert f"Lạng Sơn, ngày {today:%d} tháng {today:%m} năm {today:%Y}" in header
    css = Path(finders.find("css/report.css")).read_text(encoding="utf-8")
    print_rules = css.split("@media print")[1]
    assert ".official-header { display: grid" in print_rules


def test_statistics_labels_follow_the_interface_language(year_2019):
    from django.utils import translation

    from awards.models import AwardType

    for language in ("en", "vi"):
        with translation.override(language):
            rows = list(reports.statistics_rows(2019))
            levels = {str(label) for _v, label in AwardType.Level.choices}
            categories = {str(label) for _v, label in AwardType.Category.choices}
        assert rows and all(row[0] in categories and row[1] in levels for row in rows)
