"""Admin import limits: checked before loading; uploads wait briefly in their own cache."""

import io
import re
import zipfile

import openpyxl
import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from awards.import_formats import (
    ImportFileRefused,
    LimitedCSV,
    LimitedXLSX,
    ShortLivedCacheStorage,
)

pytestmark = pytest.mark.django_db
IMPORT_URL = "admin:awards_nomination_import"


def workbook(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewrite_sheet(data: bytes, change) -> bytes:
    """The same workbook with its first sheet's XML changed by ``change``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = change(content.decode()).encode()
            target.writestr(item, content)
    return out.getvalue()


SMALL = [["year", "bloc", "award"], [2023, "Khối A", "prov_cert"]]


def declaring_a_huge_sheet() -> bytes:
    """A few KB that declare A1:XFD1048576 (16,384 columns × 1,048,576 rows)."""
    return rewrite_sheet(
        workbook(SMALL),
        lambda xml: re.sub(r'<dimension ref="[^"]+"', '<dimension ref="A1:XFD1048576"', xml),
    )


def with_a_far_row_and_no_dimension() -> bytes:
    """No declared size, and one cell on the last row: a reader that pads gaps reads 1M rows."""

    def change(xml):
        xml = re.sub(r"<dimension [^>]*/>", "", xml)
        return xml.replace(
            "</sheetData>", '<row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData>'
        )

    return rewrite_sheet(workbook(SMALL), change)


@pytest.fixture
def import_page(admin_client):
    page = admin_client.get(reverse(IMPORT_URL))
    choices = page.context["form"].fields["format"].choices
    index = {str(label).lower(): value for value, label in choices}

    def upload(name, data, kind):
        file = io.BytesIO(data)
        file.name = name
        return admin_client.post(
            reverse(IMPORT_URL), {"import_file": file, "format": index[kind], "resource": 0}
        )

    return upload


def test_only_csv_and_xlsx_are_offered(admin_client):
    page = admin_client.get(reverse(IMPORT_URL))
    labels = {str(label).lower() for _, label in page.context["form"].fields["format"].choices}
    assert labels - {"---"} == {"csv", "xlsx"}


def test_a_sheet_declaring_a_huge_size_is_refused_before_loading(import_page):
    data = declaring_a_huge_sheet()
    assert len(data) < 10_000
    response = import_page("huge.xlsx", data, "xlsx")
    assert response.status_code == 200
    errors = response.context["form"].errors["import_file"]
    assert "1048576 dòng và 16384 cột" in errors[0]
    assert "confirm_form" not in response.context or not response.context.get("confirm_form")


def test_a_file_over_the_size_limit_is_refused(import_page):
    with override_settings(IMPORT_MAX_UPLOAD_BYTES=1000):
        response = import_page("big.csv", b"year,bloc\n" + b"2023,A\n" * 500, "csv")
    assert "không nhập tệp lớn hơn 1000" in response.context["form"].errors["import_file"][0]


def test_reading_stops_at_the_row_limit_whatever_the_sheet_declares():
    with override_settings(IMPORT_MAX_ROWS=100), pytest.raises(ImportFileRefused):
        LimitedXLSX().create_dataset(with_a_far_row_and_no_dimension())


def test_the_format_refuses_too_without_the_form():
    with pytest.raises(ImportFileRefused):
        LimitedXLSX().create_dataset(declaring_a_huge_sheet())
    with override_settings(IMPORT_MAX_ROWS=2), pytest.raises(ImportFileRefused):
        LimitedCSV(encoding="utf-8").create_dataset("a,b\n1,2\n3,4\n5,6\n")


def test_a_normal_workbook_reads_as_before():
    dataset = LimitedXLSX().create_dataset(workbook([*SMALL, [2024, "Khối B", None]]))
    assert dataset.headers == ["year", "bloc", "award"]
    assert dataset.dict == [
        {"year": 2023, "bloc": "Khối A", "award": "prov_cert"},
        {"year": 2024, "bloc": "Khối B", "award": None},
    ]


def test_an_upload_waits_in_its_own_cache_for_a_limited_time():
    with override_settings(IMPORT_UPLOAD_SECONDS=600):
        storage = ShortLivedCacheStorage()
        assert storage.CACHE_LIFETIME == 600
        storage.save(b"year,bloc\n")
        key = storage.CACHE_PREFIX + storage.name
        assert caches["imports"].get(key) == b"year,bloc\n"
        assert caches["default"].get(key) is None
        assert ShortLivedCacheStorage(name=storage.name).read() == b"year,bloc\n"
        storage.remove()
        assert caches["imports"].get(key) is None
