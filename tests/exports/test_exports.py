"""The one export path: round trips through csv and openpyxl, injection, filters."""

import csv
import datetime
import io

import openpyxl
import pytest

from awards import exports
from awards.models import Nomination
from tests.factories import (
    AgencyFactory,
    BlocFactory,
    DecisionFactory,
    EmulationYearFactory,
    NominationFactory,
    PersonFactory,
    SourceDocumentFactory,
    award_type,
)

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith(exports.BOM)
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def read_xlsx(response) -> list[tuple]:
    body = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    return list(sheet.iter_rows(values_only=True))


@pytest.fixture
def awarded():
    decision = DecisionFactory(number="163/QĐ-UBND", date=datetime.date(2020, 3, 15))
    source = SourceDocumentFactory(title="Khối thi đua tổng kết năm 2019")
    return NominationFactory(
        year=EmulationYearFactory(year=2019),
        bloc=BlocFactory(name="Khối các cơ quan Đảng, đoàn thể"),
        agency=AgencyFactory(name="Sở Khoa học và Công nghệ"),
        nominee_name="Sở Thông tin và Truyền thông",
        award_type=award_type("prov_flag"),
        status=Nomination.Status.AWARDED,
        decision=decision,
        source=source,
    )


def test_csv_row_has_every_column(awarded):
    response = exports.csv_streaming_response(Nomination.objects.all(), filename="x.csv")
    assert response["Content-Type"].startswith("text/csv")
    header, row = read_csv(response)
    assert tuple(header) == exports.HEADER
    assert row == [
        "2019",
        "Khối các cơ quan Đảng, đoàn thể",
        "Sở Thông tin và Truyền thông",
        "Sở Khoa học và Công nghệ",
        "Cờ thi đua của UBND tỉnh",
        "Đã khen thưởng",
        "163/QĐ-UBND",
        "2020-03-15",
        "Khối thi đua tổng kết năm 2019",
    ]


def test_xlsx_row_has_every_column(awarded):
    response = exports.xlsx_response(Nomination.objects.all(), filename="x.xlsx")
    header, row = read_xlsx(response)
    assert header == exports.HEADER
    assert row[0] == 2019
    assert row[2] == "Sở Thông tin và Truyền thông"
    assert row[7] == datetime.datetime(2020, 3, 15)


def test_individual_current_name_is_the_person(db):
    NominationFactory(
        agency=None,
        person=PersonFactory(full_name="Trần Thị Hoà"),
        award_type=award_type("emulation_soldier_province"),
    )
    _, row = read_csv(exports.csv_streaming_response(Nomination.objects.all(), filename="x.csv"))
    assert row[2] == row[3] == "Trần Thị Hoà"
