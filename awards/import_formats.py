"""What the admin import (django-import-export) accepts, checked before a file is loaded.

A 31 KB XLSX that declares a huge sheet took 57 s and 720 MB of a web worker, and a 7.9 MB
one held a worker and a transaction for minutes (issue 11). So an upload is refused, with
a message that says why, when the file is over ``IMPORT_MAX_UPLOAD_BYTES``; for XLSX also
when its parts unpack to more than ``IMPORT_MAX_UNPACKED_BYTES`` or its first sheet
declares more than ``IMPORT_MAX_ROWS`` rows or ``IMPORT_MAX_COLUMNS`` columns. Reading is
bounded too (read-only openpyxl, rows counted while read), since a sheet may declare
nothing or lie. The admin's import form (``LimitedImportForm``) checks the upload before
anything is read into memory; the format classes check again before building the
dataset, for every other way in (the confirm step, a script). ``LimitedImports`` gives
an admin class both.

Uploads wait for the confirm step in their own database cache table ("imports"), shared
by every web worker, for ``IMPORT_UPLOAD_SECONDS`` (not a day).
"""

import io
import zipfile
from uuid import uuid4

import tablib
from django import forms
from django.conf import settings
from django.core.cache import caches
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from import_export.formats import base_formats
from import_export.forms import ImportForm
from import_export.tmp_storages import CacheStorage


class ImportFileRefused(ValueError):
    """The file is over a limit; the message says which, in the staff's language."""


def check_size(size: int) -> None:
    limit = settings.IMPORT_MAX_UPLOAD_BYTES
    if size > limit:
        raise ImportFileRefused(
            _("The file is %(size)s; files over %(limit)s are not imported. Split it.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )


def check_xlsx(data) -> None:
    """Refuse a workbook whose parts or first sheet are too big, before loading it.

    ``data``: bytes or a binary file. Reads only the ZIP directory and the sheet's
    declared dimension (openpyxl read-only mode streams the sheet, it never loads it).
    """
    import openpyxl

    stream = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    try:
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile:
        raise ImportFileRefused(_("This is not an XLSX workbook.")) from None
    if unpacked > settings.IMPORT_MAX_UNPACKED_BYTES:
        raise ImportFileRefused(
            _("The workbook unpacks to %(size)s; over %(limit)s is not imported.")
            % {
                "size": filesizeformat(unpacked),
                "limit": filesizeformat(settings.IMPORT_MAX_UNPACKED_BYTES),
            }
        )
    stream.seek(0)
    book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    try:
        sheet = book.active
        check_dimensions(sheet.max_row or 0, sheet.max_column or 0)
    finally:
        book.close()
    stream.seek(0)


def check_dimensions(rows: int, columns: int) -> None:
    if rows > settings.IMPORT_MAX_ROWS + 1 or columns > settings.IMPORT_MAX_COLUMNS:
        raise ImportFileRefused(
            _(
                "The sheet has %(rows)s rows and %(columns)s columns; at most %(max_rows)s "
                "rows and %(max_columns)s columns are imported at once."
            )
            % {
                "rows": rows,
                "columns": columns,
                "max_rows": settings.IMPORT_MAX_ROWS,
                "max_columns": settings.IMPORT_MAX_COLUMNS,
            }
        )


class LimitedCSV(base_formats.CSV):
    def create_dataset(self, in_stream):
        check_size(len(in_stream))
        dataset = super().create_dataset(in_stream)
        check_dimensions(dataset.height + 1, dataset.width)
        return dataset


class LimitedXLSX(base_formats.XLSX):
    """XLSX read from the first sheet in read-only mode, never past the limits."""

    def create_dataset(self, in_stream):
        import openpyxl

        check_size(len(in_stream))
        check_xlsx(in_stream)
        max_rows, max_columns = settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_COLUMNS
        book = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        try:
            sheet = book.active
            # read what is there, whatever the sheet declares (it may declare nothing or lie)
            sheet.reset_dimensions()
            rows = sheet.iter_rows(max_col=max_columns + 1, values_only=True)
            header = list(next(rows, ()))
            while header and header[-1] is None:
                header.pop()
            dataset = tablib.Dataset()
            if not header:
                return dataset
            dataset.headers = header
            width = len(header)
            for count, row in enumerate(rows, start=2):
                if count > max_rows + 1:
                    check_dimensions(count, width)
                if len(row) > max_columns and row[max_columns] is not None:
                    check_dimensions(count, max_columns + 1)
                values = list(row[:width])
                dataset.append(values + [None] * (width - len(values)))
            return dataset
        finally:
            book.close()


class LimitedImportForm(ImportForm):
    """The import form, refusing a file over the limits before it is read into memory."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            check_size(upload.size)
            if upload.name.lower().endswith(".xlsx"):
                with upload.open("rb") as stream:
                    check_xlsx(stream)
        except ImportFileRefused as refused:
            raise forms.ValidationError(str(refused)) from None
        return upload


class ShortLivedCacheStorage(CacheStorage):
    """An upload waiting for its confirm step, in the "imports" cache, for a limited time."""

    @property
    def CACHE_LIFETIME(self):
        return settings.IMPORT_UPLOAD_SECONDS

    def save(self, data):
        if not self.name:
            self.name = uuid4().hex
        caches["imports"].set(self.CACHE_PREFIX + self.name, data, self.CACHE_LIFETIME)

    def read(self):
        return caches["imports"].get(self.CACHE_PREFIX + self.name)

    def remove(self):
        caches["imports"].delete(self.CACHE_PREFIX + self.name)


class LimitedImports:
    """Mixed into an admin's django-import-export class: the limited form and formats."""

    import_form_class = LimitedImportForm
    import_formats = [LimitedCSV, LimitedXLSX]
