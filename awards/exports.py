"""Nomination rows to CSV (streamed) and XLSX, for every download of the register.

The public list's ``?format=csv``, the admin's export action, the ``export_awards``
command and the yearly reports (``public.reports``) write their files with these
functions, so a file looks the same wherever it was downloaded. (The admin's
import-export resources are django-import-export's own.)

Files are for Excel and LibreOffice users in Vietnam: UTF-8 with a BOM (else
Excel reads the bytes as the local code page), headers and labels in the active
language (the interface's; Vietnamese on the command line), dates as YYYY-MM-DD,
and no cell that a spreadsheet would run as a formula.

A download is whole or visibly broken: an empty result is a header-only file,
and a stream that fails is logged and aborted (the exception cuts the chunked
response, so the client sees an incomplete transfer, not a short file).
"""

from __future__ import annotations

import csv
import datetime
import logging
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.db.models import Case, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce, NullIf
from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext_lazy
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from awards.models import Agency, AgencyName, Nomination
from awards.text import slugify_vi

BOM = "\ufeff".encode()
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_TEXT = models.CharField()


@dataclass(frozen=True)
class Column:
    """One exported column: its header, its XLSX width, what it reads, how it is written.

    ``value`` is a field path or an expression over Nomination; ``kind`` says how
    both writers (Python's csv and PostgreSQL's COPY) render it: "number", "text"
    (neutralised, '' as empty), "status" or "recipient" (a stored value written as
    its label, from ``labels``) or "date" (YYYY-MM-DD). A new column is one line here.
    """

    header: str
    width: int
    value: str | models.Expression
    kind: str = "text"
    labels: Callable[[], dict[str, str]] | None = None


def interface_status_labels() -> dict[str, str]:
    """Status value → its label in the interface language, capitalised as in a report."""
    return {value: capfirst(str(label)) for value, label in Nomination.Status.choices}


def recipient_labels() -> dict[str, str]:
    """ "collective"/"individual" → the word for it in the interface language."""
    return {
        "collective": capfirst(gettext("collective")),
        "individual": capfirst(gettext("individual")),
    }


def _unit_then() -> models.Expression:
    """An individual's unit under the name it bore at the end of the achievement year
    (``awards.models.base.in_force`` on 31 December, in SQL), else its name today;
    empty for a collective, which is its own unit."""
    year = OuterRef(OuterRef("year_id"))
    in_force = AgencyName.objects.filter(agency=OuterRef("pk")).filter(
        Q(valid_from__isnull=True) | Q(valid_from__year__lte=year),
        Q(valid_to__isnull=True)
        | Q(valid_to__year__gt=year)
        | Q(valid_to__year=year, valid_to__month=12, valid_to__day=31),
    )
    name_then = Agency.objects.filter(pk=OuterRef("person__agency_id")).annotate(
        then=Coalesce(Subquery(in_force.order_by("-valid_from").values("name")[:1]), "name")
    )
    return Case(
        When(person__isnull=False, then=Subquery(name_then.values("then")[:1])),
        default=models.Value(""),
        output_field=_TEXT,
    )


# Headers in the interface language (English msgids, the Vietnamese in the catalogue,
# with a context of their own so that they keep the spelling reports use).
COLUMNS: tuple[Column, ...] = (
    Column(pgettext_lazy("export column", "Year"), 7, "year_id", "number"),
    Column(pgettext_lazy("export column", "Emulation bloc"), 34, "bloc__name"),
    Column(
        pgettext_lazy("export column", "Name when awarded"),
        46,
        Coalesce(
            NullIf("nominee_name", models.Value("")),
            "agency__name",
            "person__full_name",
            output_field=_TEXT,
        ),
    ),
    Column(
        pgettext_lazy("export column", "Name today"),
        46,
        Coalesce("agency__name", "person__full_name", output_field=_TEXT),
    ),
    Column(
        pgettext_lazy("export column", "Collective or individual"),
        12,
        Case(
            When(agency__isnull=False, then=models.Value("collective")),
            default=models.Value("individual"),
            output_field=_TEXT,
        ),
        "recipient",
        recipient_labels,
    ),
    Column(pgettext_lazy("export column", "Unit (of an individual)"), 40, _unit_then()),
    Column(pgettext_lazy("export column", "Award"), 38, "award_type__name"),
    Column(
        pgettext_lazy("export column", "Status"), 16, "status", "status", interface_status_labels
    ),
    Column(pgettext_lazy("export column", "Decision number"), 18, "decision__number"),
    Column(pgettext_lazy("export column", "Decision date"), 16, "decision__date", "date"),
    Column(
        pgettext_lazy("export column", "Source"),
        60,
        Coalesce(NullIf("source__title", models.Value("")), "source__url", output_field=_TEXT),
    ),
    Column(pgettext_lazy("export column", "Source address"), 50, "source__url"),
)
WIDTHS: tuple[int, ...] = tuple(column.width for column in COLUMNS)
# The columns written as labels, by position.
_LABELLED = tuple(i for i, column in enumerate(COLUMNS) if column.labels is not None)


def column_headers() -> tuple[str, ...]:
    """The column headers in the active language (the interface's, in a request)."""
    return tuple(str(column.header) for column in COLUMNS)


logger = logging.getLogger(__name__)


def status_labels() -> dict[str, str]:
    """Status value → its Vietnamese label from the catalogue, capitalised as in a report
    (the admin's import reads these whatever the interface language)."""
    with translation.override("vi"):
        return {value: capfirst(str(label)) for value, label in Nomination.Status.choices}


# A spreadsheet reads a cell starting with one of these as a formula (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000
ROWS_PER_WRITE = 1000


def neutralise(value):
    """Prefix ``'`` to a text cell a spreadsheet would run as a formula; other values pass."""
    if value.__class__ is str and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def export_values(queryset: models.QuerySet) -> models.QuerySet:
    """The nominations as plain tuples of COLUMNS, names resolved in SQL.

    One query, no model instances; the caller's filters and ordering are kept.
    """
    computed = {
        f"export_{i}": c.value for i, c in enumerate(COLUMNS) if not isinstance(c.value, str)
    }
    names = [c.value if isinstance(c.value, str) else f"export_{i}" for i, c in enumerate(COLUMNS)]
    return queryset.annotate(**computed).values_list(*names)


def nomination_rows(queryset: models.QuerySet, *, chunk_size: int = CHUNK_SIZE) -> Iterator[tuple]:
    """Yield one tuple per nomination, in COLUMNS order, streaming from the database.

    Values are raw (int year, date, text) but for the labelled columns (status, kind),
    already their labels in the active language; each writer makes them safe for its format.
    """
    labels = {i: COLUMNS[i].labels() for i in _LABELLED}
    for row in export_values(queryset).iterator(chunk_size=chunk_size):
        row = list(row)
        for i, mapping in labels.items():
            row[i] = mapping.get(row[i], row[i])
        yield tuple(row)


class _LineBuffer:
    """A write target for csv.writer whose text we take out in chunks."""

    def __init__(self):
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text)

    def take(self) -> str:
        text = "".join(self.parts)
        self.parts.clear()
        return text


def csv_chunks(
    rows: Iterable[Sequence],
    *,
    header: Sequence[str] | None = None,
    rows_per_chunk: int = ROWS_PER_WRITE,
) -> Iterator[bytes]:
    """Encode rows as CSV bytes for Excel: BOM, header, then one chunk per batch of rows.

    Batching keeps a download to a few thousand writes instead of one per row,
    while memory holds one batch at a time.
    """
    buffer = _LineBuffer()
    # "\n" as PostgreSQL's COPY writes it, so both paths give the same bytes.
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([str(h) for h in (column_headers() if header is None else header)])
    yield BOM + buffer.take().encode()
    rows = iter(rows)
    while batch := list(islice(rows, rows_per_chunk)):
        writer.writerows([[neutralise(v) for v in row] for row in batch])
        yield buffer.take().encode()


def _copy_statement(queryset: models.QuerySet) -> tuple[str, list]:
    """COPY of the export's own SELECT, shaped so PostgreSQL writes what csv_chunks writes.

    The ORM query (with the caller's filters and ordering) is wrapped and each
    column written by its kind: text neutralised as in ``neutralise`` and ''
    made NULL (COPY quotes an empty string, csv.writer does not), status labels,
    dates as YYYY-MM-DD whatever the server's DateStyle.
    """
    inner, inner_params = export_values(queryset).query.sql_with_params()
    triggers = ", ".join(f"chr({ord(c)})" for c in FORMULA_TRIGGERS)
    params: list = []

    def written(spec: Column, column: str) -> str:
        kind = spec.kind
        if kind == "number":
            return column
        if kind == "date":
            return f"to_char({column}, 'YYYY-MM-DD')"
        if spec.labels is not None:
            labels = spec.labels()
            params.extend(item for pair in labels.items() for item in pair)
            whens = " ".join("WHEN %s THEN %s" for _ in labels)
            return f"CASE {column} {whens} ELSE {column} END"
        return (
            f"CASE WHEN left({column}, 1) IN ({triggers}) THEN chr(39) || {column} "
            f"ELSE NULLIF({column}, '') END"
        )

    select = ", ".join(written(c, f"c{i}") for i, c in enumerate(COLUMNS))
    columns = ", ".join(f"c{i}" for i in range(len(COLUMNS)))
    # A plain projection over an ordered subquery keeps its order in PostgreSQL.
    sql = f"COPY (SELECT {select} FROM ({inner}) AS e({columns})) TO STDOUT WITH (FORMAT csv)"
    return sql, params + list(inner_params)


def copy_csv_chunks(queryset: models.QuerySet, *, chunk_bytes: int = 1 << 16) -> Iterator[bytes]:
    """The same CSV as ``csv_chunks(nomination_rows(queryset))``, written by PostgreSQL.

    COPY streams rows as the server produces them; Python only forwards bytes in
    blocks of ``chunk_bytes``, so the export runs at COPY's speed in flat memory.
    """
    yield from csv_chunks((), header=column_headers())
    try:
        sql, params = _copy_statement(queryset)
    except EmptyResultSet:  # a filter that can match nothing (``pk__in=[]``): no SELECT at all
        return
    with connections[queryset.db].cursor() as cursor, cursor.cursor.copy(sql, params) as copy:
        buffer = bytearray()
        for block in copy:
            buffer += block
            if len(buffer) >= chunk_bytes:
                yield bytes(buffer)
                buffer.clear()
        if buffer:
            yield bytes(buffer)


def nomination_csv_chunks(queryset: models.QuerySet) -> Iterator[bytes]:
    """CSV bytes for nominations: COPY on PostgreSQL, the row iterator elsewhere."""
    if connections[queryset.db].vendor == "postgresql":
        return copy_csv_chunks(queryset)
    return csv_chunks(nomination_rows(queryset))


def _xlsx_cell(sheet, value):
    """A cell value for openpyxl; text that looks like a formula is stored as plain text."""
    if value.__class__ is str and value.startswith("="):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell
    return value


@dataclass
class Sheet:
    """One worksheet of an XLSX file: a title, a header row, column widths and rows."""

    title: str
    rows: Iterable[Sequence]
    header: Sequence[str] | None = None  # None: the nomination columns' headers
    widths: Sequence[int] = WIDTHS
    # Rows above the header (a report's title block) and below the data (a total row).
    preamble: Sequence[Sequence] = ()
    footer: Sequence[Sequence] = ()


def write_workbook(sheets: Iterable[Sheet], target) -> None:
    """Write sheets, each with its title block, a bold frozen header row, set column
    widths, the rows and a bold footer (totals).

    openpyxl's write-only mode spills rows to a temporary file, so memory stays
    flat; ``target`` is a path or a binary file. Every cell, the title block's and
    the footer's too, goes through the formula guard.
    """
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    title_font = Font(bold=True, size=13)

    def styled(sheet, values, font):
        cells = []
        for value in values:
            cell = _xlsx_cell(sheet, str(value) if isinstance(value, Promise) else value)
            if not isinstance(cell, Cell):
                cell = WriteOnlyCell(sheet, cell)
            cell.font = font
            cells.append(cell)
        return cells

    for spec in sheets:
        sheet = workbook.create_sheet(title=spec.title[:31])  # Excel's limit
        for index, width in enumerate(spec.widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = f"A{len(spec.preamble) + 2}"
        for number, line in enumerate(spec.preamble):
            sheet.append(styled(sheet, line, title_font if number == 0 else Font()))
        header = column_headers() if spec.header is None else spec.header
        sheet.append(styled(sheet, header, bold))
        for row in spec.rows:
            sheet.append([_xlsx_cell(sheet, v) for v in row])
        for line in spec.footer:
            sheet.append(styled(sheet, line, bold))
    workbook.save(target)


def write_xlsx(rows: Iterable[Sequence], target, *, sheet_title: str = "Khen thưởng") -> None:
    """Nomination rows as a one-sheet workbook."""
    write_workbook([Sheet(title=sheet_title, rows=rows)], target)


def _attachment(filename: str) -> str:
    return content_disposition_header(as_attachment=True, filename=filename)


def logged_stream(chunks: Iterable[bytes], *, filename: str) -> Iterator[bytes]:
    """``chunks``, but a failure part-way is logged and raised again: the server then cuts
    the chunked response, and the client sees a broken transfer instead of a short file."""
    sent = 0
    try:
        for chunk in chunks:
            sent += len(chunk)
            yield chunk
    except Exception:
        logger.exception(
            "Download %s failed after %d bytes; the transfer is aborted", filename, sent
        )
        raise


def rows_csv_response(
    rows: Iterable[Sequence], *, filename: str, header: Sequence[str] | None = None
) -> StreamingHttpResponse:
    """Stream any rows as an Excel-ready CSV download (used by the reports too)."""
    response = StreamingHttpResponse(
        logged_stream(csv_chunks(rows, header=header), filename=filename),
        content_type=CSV_CONTENT_TYPE,
    )
    response["Content-Disposition"] = _attachment(filename)
    return response


def workbook_response(sheets: Iterable[Sheet], *, filename: str) -> FileResponse:
    """XLSX cannot be streamed (the zip's directory comes last): build it in a temp file.

    The temporary file is deleted when the response closes it.
    """
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    write_workbook(sheets, spool)
    spool.seek(0)
    return FileResponse(
        spool, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
    )


def csv_streaming_response(queryset: models.QuerySet, *, filename: str) -> StreamingHttpResponse:
    """The nominations of ``queryset`` as a streamed CSV download; starts at once."""
    response = StreamingHttpResponse(
        logged_stream(nomination_csv_chunks(queryset), filename=filename),
        content_type=CSV_CONTENT_TYPE,
    )
    response["Content-Disposition"] = _attachment(filename)
    return response


def xlsx_response(queryset: models.QuerySet, *, filename: str) -> FileResponse:
    """The nominations of ``queryset`` as an XLSX download (same rows as the CSV)."""
    return workbook_response(
        [Sheet(title="Khen thưởng", rows=nomination_rows(queryset))], filename=filename
    )


FILENAME_MAX = 100  # characters before the extension; every system and browser keeps that


def filtered_filename(
    stem: str, parts: Iterable[str], extension: str, *, max_length: int = FILENAME_MAX
) -> str:
    """``khen-thuong-2019-khoi-kinh-te-co-thi-dua-cua-chinh-phu.csv``: the filters in an
    ASCII name, cut at a word when too long; with no filter, the date (``dated_filename``)."""
    slugs = [slug for part in parts if (slug := slugify_vi(str(part), max_length=max_length))]
    if not slugs:
        return dated_filename(stem, extension)
    name = "-".join([stem, *slugs])
    if len(name) > max_length:
        name = name[: max_length + 1].rsplit("-", 1)[0]
    return f"{name}.{extension}"


def dated_filename(stem: str, extension: str, *, today: datetime.date | None = None) -> str:
    """``khen-thuong-2025-03-01.csv``: a download name that sorts by date."""
    today = today or datetime.date.today()
    return f"{stem}-{today.isoformat()}.{extension}"


__all__ = [
    "COLUMNS",
    "Sheet",
    "column_headers",
    "copy_csv_chunks",
    "csv_chunks",
    "csv_streaming_response",
    "dated_filename",
    "export_values",
    "filtered_filename",
    "neutralise",
    "nomination_csv_chunks",
    "nomination_rows",
    "rows_csv_response",
    "status_labels",
    "workbook_response",
    "write_workbook",
    "write_xlsx",
    "xlsx_response",
]
