"""The one export path: round trips through csv and openpyxl, injection, filters, memory."""

import csv
import datetime
import gc
import io
import tracemalloc

import openpyxl
import pytest
from django.db import connection

from awards import exports
from awards.models import Nomination
from tests.factories import (
    AgencyFactory,
    AgencyNameFactory,
    BlocFactory,
    DecisionFactory,
    EmulationYearFactory,
    NominationFactory,
    PersonFactory,
    SourceDocumentFactory,
    award_type,
)

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the COPY path needs PostgreSQL"
)
VIETNAMESE = "Ủy ban Mặt trận Tổ quốc Việt Nam – Đoàn TNCS Hồ Chí Minh, Hội Liên hiệp Phụ nữ"


def read_csv(body: bytes) -> list[list[str]]:
    assert body.startswith(exports.BOM)
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def csv_body(queryset) -> bytes:
    response = exports.csv_streaming_response(queryset, filename="x.csv")
    return b"".join(response.streaming_content)


def xlsx_rows(queryset) -> list[tuple]:
    response = exports.xlsx_response(queryset, filename="x.xlsx")
    body = b"".join(response.streaming_content)
    response.close()
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    return list(sheet.iter_rows(values_only=True))


@pytest.fixture
def awarded():
    return NominationFactory(
        year=EmulationYearFactory(year=2019),
        bloc=BlocFactory(name="Khối các cơ quan Đảng, đoàn thể"),
        agency=AgencyFactory(name="Sở Khoa học và Công nghệ"),
        nominee_name="Sở Thông tin và Truyền thông",
        award_type=award_type("prov_flag"),
        status=Nomination.Status.AWARDED,
        decision=DecisionFactory(number="163/QĐ-UBND", date=datetime.date(2020, 3, 15)),
        source=SourceDocumentFactory(title="Khối thi đua tổng kết năm 2019"),
    )


def test_csv_row_has_every_column(awarded):
    response = exports.csv_streaming_response(Nomination.objects.all(), filename="khen-thưởng.csv")
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    header, row = read_csv(b"".join(response.streaming_content))
    assert tuple(header) == exports.column_headers()
    assert header[:4] == [
        "Năm",
        "Khối/Cụm thi đua",
        "Tên đơn vị/cá nhân khi khen thưởng",
        "Tên hiện nay",
    ]
    assert row == [
        "2019",
        "Khối các cơ quan Đảng, đoàn thể",
        "Sở Thông tin và Truyền thông",
        "Sở Khoa học và Công nghệ",
        "Tập thể",
        "",
        "Cờ thi đua của UBND tỉnh",
        "Đã khen thưởng",
        "163/QĐ-UBND",
        "2020-03-15",
        "Khối thi đua tổng kết năm 2019",
        awarded.source.url,
    ]


def test_xlsx_row_has_every_column(awarded):
    header, row = xlsx_rows(Nomination.objects.all())
    assert header == exports.column_headers()
    assert row[:9] == (
        2019,
        "Khối các cơ quan Đảng, đoàn thể",
        "Sở Thông tin và Truyền thông",
        "Sở Khoa học và Công nghệ",
        "Tập thể",
        None,
        "Cờ thi đua của UBND tỉnh",
        "Đã khen thưởng",
        "163/QĐ-UBND",
    )
    assert row[9] == datetime.datetime(2020, 3, 15)


def test_xlsx_has_frozen_header_and_widths(awarded):
    response = exports.xlsx_response(Nomination.objects.all(), filename="x.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    response.close()
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width == exports.WIDTHS[2]
    assert sheet["A1"].font.bold
    assert sheet["J2"].number_format == "yyyy-mm-dd"


def test_individual_current_name_is_the_person():
    NominationFactory(
        agency=None,
        person=PersonFactory(full_name="Trần Thị Hoà"),
        award_type=award_type("emulation_soldier_province"),
    )
    _, row = read_csv(csv_body(Nomination.objects.all()))
    assert row[2] == row[3] == "Trần Thị Hoà"
    assert row[4] == "Cá nhân"


def test_an_individuals_unit_is_named_as_it_was_that_year():
    unit = AgencyFactory(name="Sở Công thương")
    AgencyNameFactory(agency=unit, name="Sở Thương mại", valid_to=datetime.date(2017, 12, 31))
    AgencyNameFactory(agency=unit, name="Sở Công thương", valid_from=datetime.date(2018, 1, 1))
    person = PersonFactory(full_name="Trần Thị Hoà", agency=unit)
    alone = PersonFactory(full_name="Lê Văn An", agency=None)
    for year, who in ((2017, person), (2018, person), (2019, alone)):
        NominationFactory(
            year=EmulationYearFactory(year=year),
            agency=None,
            person=who,
            award_type=award_type("emulation_soldier_grassroots"),
        )
    NominationFactory(year=EmulationYearFactory(year=2016), agency=unit)
    queryset = Nomination.objects.order_by("year_id")
    rows = read_csv(csv_body(queryset))[1:]
    assert [(r[0], r[4], r[5]) for r in rows] == [
        ("2016", "Tập thể", ""),
        ("2017", "Cá nhân", "Sở Thương mại"),
        ("2018", "Cá nhân", "Sở Công thương"),
        ("2019", "Cá nhân", ""),
    ]
    assert [r[5] for r in xlsx_rows(queryset)[1:]] == [
        None,
        "Sở Thương mại",
        "Sở Công thương",
        None,
    ]


def test_headers_and_labels_follow_the_interface_language(awarded):
    from django.utils import translation

    with translation.override("en"):
        header, row = read_csv(csv_body(Nomination.objects.all()))
        assert xlsx_rows(Nomination.objects.all())[0][0] == "Year"
    assert header[:6] == [
        "Year",
        "Emulation bloc",
        "Name when awarded",
        "Name today",
        "Collective or individual",
        "Unit (of an individual)",
    ]
    assert row[4] == "Collective" and row[7] == "Awarded"


def test_source_falls_back_to_the_url():
    source = SourceDocumentFactory(title="", url="https://baobacninh.vn/tin/123")
    NominationFactory(source=source)
    _, row = read_csv(csv_body(Nomination.objects.all()))
    assert row[10] == row[11] == "https://baobacninh.vn/tin/123"
    assert row[8] == row[9] == ""


def test_round_trip_keeps_every_row_and_character(make_nominations):
    make_nominations(120, prefix=VIETNAMESE)
    expected = {n.nominee_name for n in Nomination.objects.all()}
    assert len(expected) == 120

    _, *rows = read_csv(csv_body(Nomination.objects.all()))
    assert {row[2] for row in rows} == expected
    assert all(row[3].startswith(VIETNAMESE) for row in rows)

    _, *sheet_rows = xlsx_rows(Nomination.objects.all())
    assert {row[2] for row in sheet_rows} == expected
    assert all(row[1] == "Cụm thi đua các huyện, thị xã, thành phố" for row in sheet_rows)


@pytest.mark.parametrize(
    ("name", "in_csv"),
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+84 912 345 678", "'+84 912 345 678"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
        ("Sở = Ban", "Sở = Ban"),
    ],
)
def test_formula_cells_are_neutralised(name, in_csv):
    NominationFactory(nominee_name=name, bloc=BlocFactory(name=name))
    _, row = read_csv(csv_body(Nomination.objects.all()))
    assert row[1] == row[2] == in_csv
    _, sheet_row = xlsx_rows(Nomination.objects.all())
    assert sheet_row[2] == name  # stored as text in XLSX, never as a formula


def test_xlsx_never_writes_a_formula():
    NominationFactory(nominee_name="=1+1")
    response = exports.xlsx_response(Nomination.objects.all(), filename="x.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    response.close()
    assert sheet["C2"].data_type == "s"
    assert sheet["C2"].value == "=1+1"


@pytest.mark.parametrize("value", ["\tx", "\rx", "=x", "+x", "-x", "@x"])
def test_neutralise_every_trigger(value):
    assert exports.neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["163/QĐ-UBND", "Sở Y tế", "", None, 2019])
def test_neutralise_leaves_ordinary_values(value):
    assert exports.neutralise(value) == value


def test_rows_written_equal_rows_selected(make_nominations):
    make_nominations(30, year=2018)
    make_nominations(20, year=2019)
    NominationFactory(
        year=EmulationYearFactory(year=2019),
        status=Nomination.Status.REJECTED,
        status_reason="Không đủ tiêu chuẩn",
    )
    selected = Nomination.objects.public().for_year(2019)
    _, *rows = read_csv(csv_body(selected))
    assert sorted(row[2] for row in rows) == sorted(selected.values_list("nominee_name", flat=True))
    assert len(rows) == 20
    _, *sheet_rows = xlsx_rows(selected)
    assert len(sheet_rows) == 20


def test_caller_ordering_is_kept(make_nominations):
    make_nominations(15)
    ordered = Nomination.objects.order_by("-nominee_name")
    _, *rows = read_csv(csv_body(ordered))
    assert [row[2] for row in rows] == list(ordered.values_list("nominee_name", flat=True))


def test_export_is_one_query(make_nominations, django_assert_max_num_queries):
    make_nominations(50)
    with django_assert_max_num_queries(1):
        csv_body(Nomination.objects.public().for_list())
    with django_assert_max_num_queries(1):
        xlsx_rows(Nomination.objects.public().for_list())


def test_download_starts_before_the_query_runs(make_nominations, django_assert_num_queries):
    make_nominations(5)
    with django_assert_num_queries(0):
        response = exports.csv_streaming_response(Nomination.objects.all(), filename="x.csv")
        first = next(iter(response.streaming_content))
    assert first.startswith(exports.BOM)
    response.close()


def test_abandoned_download_leaves_the_connection_usable(make_nominations):
    make_nominations(300)
    chunks = exports.nomination_csv_chunks(Nomination.objects.all())
    next(chunks)
    next(chunks)
    chunks.close()
    assert Nomination.objects.count() == 300


def peak_bytes(consume) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        consume()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def drain(chunks) -> None:
    for _chunk in chunks:
        pass


def test_memory_stays_flat_with_ten_times_the_rows(make_nominations):
    """Peak memory of the row path depends on the chunk size, not on the number of rows."""
    make_nominations(60, year=2018)
    make_nominations(600, year=2019)

    def run(year):
        rows = exports.nomination_rows(Nomination.objects.filter(year_id=year), chunk_size=20)
        return lambda: drain(exports.csv_chunks(rows, rows_per_chunk=20))

    small, large = peak_bytes(run(2018)), peak_bytes(run(2019))
    assert large < small * 2 + 64_000


def test_xlsx_memory_stays_flat_with_ten_times_the_rows(make_nominations, tmp_path):
    """The award list's XLSX: openpyxl's write-only mode keeps rows in a temporary file."""
    make_nominations(60, year=2018)
    make_nominations(600, year=2019)

    def run(year):
        rows = exports.nomination_rows(Nomination.objects.filter(year_id=year), chunk_size=20)
        return lambda: exports.write_xlsx(rows, tmp_path / f"{year}.xlsx")

    small, large = peak_bytes(run(2018)), peak_bytes(run(2019))
    assert large < small * 2 + 64_000


@on_postgresql
def test_copy_memory_stays_flat_with_ten_times_the_rows(make_nominations):
    make_nominations(60, year=2018)
    make_nominations(600, year=2019)

    def run(year):
        queryset = Nomination.objects.filter(year_id=year)
        return lambda: drain(exports.copy_csv_chunks(queryset, chunk_bytes=2048))

    small, large = peak_bytes(run(2018)), peak_bytes(run(2019))
    assert large < small * 2 + 64_000


@on_postgresql
def test_copy_writes_the_same_bytes_as_the_row_path(make_nominations):
    make_nominations(40)
    NominationFactory(nominee_name='=cmd|"/C calc"!A0, và "trích dẫn"')
    NominationFactory(nominee_name="@Sở Y tế", source=SourceDocumentFactory(title=""))
    NominationFactory(
        agency=None,
        person=PersonFactory(full_name="Lê Văn Hùng"),
        award_type=award_type("emulation_soldier_grassroots"),
        bloc=None,
    )
    NominationFactory(
        status=Nomination.Status.WITHDRAWN,
        status_reason="Đơn vị xin rút",
        decision=DecisionFactory(date=datetime.date(2021, 1, 5)),
    )
    queryset = Nomination.objects.order_by("year", "nominee_name", "pk")
    from_copy = b"".join(exports.copy_csv_chunks(queryset))
    from_rows = b"".join(exports.csv_chunks(exports.nomination_rows(queryset)))
    assert from_copy == from_rows


def test_an_empty_result_is_a_header_only_file(awarded):
    """Also on PostgreSQL's COPY path, where a filter that can match nothing has no SELECT."""
    for queryset in (
        Nomination.objects.filter(pk__in=[]),
        Nomination.objects.none(),
        Nomination.objects.filter(nominee_name="không có ai"),
    ):
        assert read_csv(csv_body(queryset)) == [list(exports.column_headers())]


def test_a_download_that_fails_midway_is_aborted_and_logged(caplog):
    def rows():
        yield (2019, "Khối", "Sở A", "Sở A", "Tập thể", "", "Cờ", "Đề nghị", None, None, None, None)
        raise RuntimeError("the database went away")

    response = exports.rows_csv_response(rows(), filename="broken.csv")
    chunks = iter(response.streaming_content)
    assert next(chunks).startswith(exports.BOM)  # the header went out
    with pytest.raises(RuntimeError):
        list(chunks)  # the server cuts the chunked response: no clean end of file
    failure = [r for r in caplog.records if "broken.csv" in r.getMessage()]
    assert failure and failure[0].levelname == "ERROR" and "aborted" in failure[0].getMessage()


def test_status_labels_come_from_the_catalogue_in_vietnamese(settings):
    from django.utils import translation
    from django.utils.text import capfirst

    with translation.override("en"):
        labels = exports.status_labels()
    with translation.override("vi"):
        expected = {v: capfirst(str(label)) for v, label in Nomination.Status.choices}
    assert labels == expected
    assert labels["proposed"] == "Đề nghị" and labels["awarded"] == "Đã khen thưởng"
