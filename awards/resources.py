"""Round-trip data exchange (django-import-export) for agencies, memberships and nominations.

Rows name things by natural keys, never by database ids: an agency by any name or
alias it ever had, a bloc by its name, an award by its code, a year by its number.
Lookups are folded (awards.text.fold), so "Sở Tài nguyên và Môi trường" and
"SO TAI NGUYEN VA MOI TRUONG" meet, and indexed once per import so that a
10,000-row file makes no query per lookup.

A resource built with ``user=`` refuses rows outside that user's blocs or in a closed
year; ``import_rows`` imports all or nothing and names every failing row.

Files are for Vietnamese staff and round-trip: headers and choice values are written in
Vietnamese (codes are still read), empty cells stay empty, and a CSV cell that a
spreadsheet would run as a formula is quoted as awards.exports does for the public CSV,
in a way that reading the file takes back (``escape_cell`` / ``restore_cell``).
Nominations are exported from ``values_list`` rows, streamed by the admin.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import UniqueConstraint
from django.http import StreamingHttpResponse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.formats import base_formats

from awards import exports, roles, services
from awards.import_formats import LimitedCSV, LimitedXLSX
from awards.models import (
    Agency,
    Alias,
    AwardType,
    Bloc,
    EmulationYear,
    Membership,
    Nomination,
    Person,
)
from awards.models.agencies import unique_slug
from awards.models.base import search_names
from awards.text import fold, normalize

# --- cells -----------------------------------------------------------------------------


def escape_cell(value):
    """Quote a text cell a spreadsheet would run, as the public CSV does, reversibly.

    A cell starting with a formula trigger gets the public CSV's leading ``'``
    (awards.exports.neutralise). So that ``restore_cell`` can take exactly that quote
    off again, a cell that already starts with quotes before a trigger gets one more.
    """
    if value.__class__ is str and value.lstrip("'").startswith(exports.FORMULA_TRIGGERS):
        return "'" + value
    return value


def restore_cell(value):
    """The cell as it was before ``escape_cell`` (for CSV files read back)."""
    if (
        value.__class__ is str
        and value.startswith("'")
        and value.lstrip("'").startswith(exports.FORMULA_TRIGGERS)
    ):
        return value[1:]
    return value


def exchange_csv_chunks(header: Sequence[str], rows: Iterable[Sequence]) -> Iterator[bytes]:
    """CSV bytes through the public export's writer (BOM, batches), cells escaped reversibly."""
    return exports.csv_chunks(([escape_cell(v) for v in row] for row in rows), header=header)


def exchange_sheet(header: Sequence[str], rows: Iterable[Sequence]) -> exports.Sheet:
    """An XLSX sheet for the public export's writer: formulas stored as text, None empty."""
    return exports.Sheet(title="Dữ liệu", rows=rows, header=header, widths=[24] * len(header))


class ExchangeCSV(LimitedCSV):
    """CSV as staff exchange it: Excel's BOM, neutralised formulas, restored on reading
    (within the import limits of awards.import_formats)."""

    def create_dataset(self, in_stream):
        return restored(super().create_dataset(in_stream))

    def export_data(self, dataset, **kwargs):
        content = b"".join(exchange_csv_chunks(dataset.headers, dataset))
        return content.decode("utf-8-sig")  # the admin encodes it again, with the BOM


class ExchangeXLSX(LimitedXLSX):
    """XLSX written like the report export: empty cells empty, text never run as a formula."""

    def export_data(self, dataset, **kwargs):
        buffer = io.BytesIO()
        exports.write_workbook([exchange_sheet(dataset.headers, dataset)], buffer)
        return buffer.getvalue()


EXCHANGE_FORMATS = [ExchangeCSV, ExchangeXLSX]


def restored(dataset: tablib.Dataset) -> tablib.Dataset:
    """A CSV dataset with every escaped cell taken back."""
    out = tablib.Dataset(headers=dataset.headers)
    for row in dataset:
        out.append([restore_cell(v) for v in row])
    return out


class ChoiceLabelWidget(widgets.Widget):
    """A choice written as its Vietnamese label; read from the label or the code, folded."""

    def __init__(self, choices, *, label: str, labels=None):
        """``labels``: a function giving code → label, else the choices' Vietnamese labels."""
        super().__init__()
        self.choices = choices
        self.label = label
        self._make_labels = labels
        self._labels = None

    def labels(self) -> dict[str, str]:
        if self._labels is None:
            if self._make_labels is not None:
                self._labels = self._make_labels()
            else:
                with translation.override("vi"):  # files go into Vietnamese reports
                    self._labels = {code: str(text) for code, text in self.choices}
        return self._labels

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            return ""
        index = {}
        for code, label in self.labels().items():
            index[fold(code)] = code
            index[fold(label)] = code
        try:
            return index[fold(text)]
        except KeyError:
            raise ValueError(
                _("No %(what)s “%(value)s”.") % {"what": self.label, "value": value}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return self.labels().get(value, value or "")


class NaturalKeyWidget(widgets.ForeignKeyWidget):
    """Finds a record by a folded name; builds its index on first use, once per import."""

    key_attr = "pk"

    def __init__(self, model, *, label: str, render_attr: str = "name", **kwargs):
        super().__init__(model, **kwargs)
        self.label = label
        self.render_attr = render_attr
        self._index: dict[str, list[int]] | None = None
        self._objects: dict[int, object] = {}

    def build_index(self) -> dict[str, list[int]]:
        raise NotImplementedError

    def index(self) -> dict[str, list[int]]:
        if self._index is None:
            self._index = self.build_index()
        return self._index

    def lookup(self, value):
        key = fold(str(value))
        ids = self.index().get(key, [])
        if not ids:
            raise ValueError(_("No %(what)s “%(value)s”.") % {"what": self.label, "value": value})
        if len(ids) > 1:
            raise ValueError(
                _("“%(value)s” names %(count)s different records (%(what)s); use another name.")
                % {"value": value, "count": len(ids), "what": self.label}
            )
        pk = ids[0]
        if pk not in self._objects:
            self._objects[pk] = self.model.objects.get(**{self.key_attr: pk})
        return self._objects[pk]

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        return self.lookup(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(getattr(value, self.render_attr))


class FoldedNamesWidget(NaturalKeyWidget):
    """Agencies and blocs: the current name wins; otherwise any former name or alias.

    All rows are loaded once with their name history, so that a nomination's
    "name as awarded" is filled in without a query per row.
    """

    def build_index(self):
        current, other = defaultdict(list), defaultdict(list)
        for obj in self.model.objects.prefetch_related("names"):
            self._objects[obj.pk] = obj
            current[fold(obj.name)].append(obj.pk)
            for line in search_names(obj.search_text):
                if line and obj.pk not in other[line]:
                    other[line].append(obj.pk)
        for key, ids in other.items():
            current.setdefault(key, ids)
        return dict(current)


class AwardCodeWidget(NaturalKeyWidget):
    """An award by its official name (as exported), its short name or its code."""

    def build_index(self):
        index = defaultdict(list)
        for pk, code, name, short in AwardType.objects.values_list(
            "pk", "code", "name", "short_name"
        ):
            for key in {fold(code), fold(name), fold(short)} - {""}:
                index[key].append(pk)
        return dict(index)


class YearWidget(NaturalKeyWidget):
    key_attr = "year"

    def build_index(self):
        return {str(y): [y] for y in EmulationYear.objects.values_list("year", flat=True)}

    def lookup(self, value):
        text = str(value).strip()
        if text.endswith(".0"):  # a number cell read back from XLSX
            text = text[:-2]
        return super().lookup(text)


class PersonWidget(NaturalKeyWidget):
    """People by slug or by full name when that name is unique."""

    def build_index(self):
        index = defaultdict(list)
        for pk, slug, name in Person.objects.values_list("pk", "slug", "full_name"):
            index[fold(slug)].append(pk)
            if pk not in index[fold(name)]:
                index[fold(name)].append(pk)
        return dict(index)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value.slug


class ScopedResource(resources.ModelResource):
    """Knows who imports: refuses rows of blocs they do not keep and of closed years."""

    # Vietnamese column headers by field name; the names themselves are read too.
    headers: dict[str, str] = {}

    def __init__(self, *, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        for name, header in self.headers.items():
            self.fields[name].column_name = header

    def column(self, name: str) -> str:
        return self.fields[name].column_name

    def before_import(self, dataset, **kwargs):
        """Take headers as exported (Vietnamese) or as field names, in any case or marks."""
        names = {}
        for key, field in self.fields.items():
            names.setdefault(fold(field.column_name), field.column_name)
            names.setdefault(fold(key), field.column_name)
        dataset.headers = [names.get(fold(str(h or "")), h) for h in dataset.headers or []]
        super().before_import(dataset, **kwargs)

    def before_import_row(self, row, **kwargs):
        """Empty XLSX cells arrive as None; text columns want "" like in CSV."""
        for key, value in row.items():
            if value is None:
                row[key] = ""

    def scope_errors(self, instance) -> dict[str, str]:
        """What the write service would refuse for this row (role, bloc, closed year, status
        move, rules and override reason), as the row's errors."""
        if self.user is None:
            return {}
        errors = {}
        bloc_id = getattr(instance, "bloc_id", None)
        if hasattr(instance, "bloc_id") and not roles.can_use_bloc(self.user, bloc_id):
            errors["bloc"] = _("You do not keep this bloc.")
        year = getattr(instance, "year_id", None)
        if year is not None and not self.year_editable(year):
            errors["year"] = _("%(year)s is closed.") % {"year": year}
        if errors:
            return errors
        try:
            services.check_save(instance=instance, user=self.user)
        except PermissionDenied as exc:
            errors[NON_FIELD_ERRORS] = str(exc)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                errors.update({k: " ".join(m) for k, m in exc.message_dict.items()})
            else:
                errors[NON_FIELD_ERRORS] = " ".join(exc.messages)
        return errors

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Field and model validation without a query per row.

        Foreign keys were resolved by the widgets, so their existence is not checked
        again; unique and check constraints are left to the database, whose refusal
        ``do_instance_save`` turns into the constraint's own message for that row.
        """
        errors = dict(import_validation_errors or {})
        errors.update(self.scope_errors(instance))
        relations = {f.name for f in instance._meta.fields if f.is_relation}
        try:
            instance.full_clean(
                exclude=set(errors) | relations, validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def do_instance_save(self, instance, is_create):
        """Through the write service, which checks the row again under its lock."""
        try:
            with transaction.atomic():  # a savepoint, so PostgreSQL goes on after a refusal
                services.record_save(instance=instance, user=self.user, reason="import")
        except IntegrityError as exc:
            raise ValueError(constraint_message(instance, exc)) from exc
        except (PermissionDenied, ValidationError) as exc:
            raise ValueError(" ".join(getattr(exc, "messages", [str(exc)]))) from exc

    def year_editable(self, year) -> bool:
        cache = self.__dict__.setdefault("_year_editable", {})
        if year not in cache:
            cache[year] = roles.can_edit_year(self.user, year)
        return cache[year]

    def scoped(self, queryset):
        return queryset if self.user is None else roles.scope_queryset(queryset, self.user)

    def get_queryset(self):
        """Exports never reach beyond the user's blocs, whatever queryset is passed."""
        return self.scoped(super().get_queryset())

    def export(self, queryset=None, **kwargs):
        if queryset is not None:
            queryset = self.scoped(queryset)
        return super().export(queryset=queryset, **kwargs)

    def export_table(self, queryset=None, *, export_fields=None) -> tuple[list[str], Iterable]:
        """(header, rows) of an export with native values (None for an empty cell).

        Small tables go through django-import-export's dataset; nominations override
        this with rows read straight from the database.
        """
        dataset = self.export(queryset, export_fields=export_fields, force_native_type=True)
        return list(dataset.headers), ([None if v == "" else v for v in row] for row in dataset)


class AgencyResource(ScopedResource):
    name = fields.Field(attribute="name", column_name="name")
    kind = fields.Field(
        attribute="kind",
        column_name="kind",
        widget=ChoiceLabelWidget(Agency.Kind.choices, label=_("kind")),
    )
    aliases = fields.Field(column_name="aliases", readonly=False)
    headers = {
        "name": "Tên",
        "kind": "Loại",
        "province": "Tỉnh/thành phố",
        "established_on": "Ngày thành lập",
        "dissolved_on": "Ngày giải thể",
        "notes": "Ghi chú",
        "aliases": "Tên gọi khác",
    }

    class Meta:
        model = Agency
        fields = ("name", "kind", "province", "established_on", "dissolved_on", "notes", "aliases")
        export_order = fields
        import_id_fields = ("name",)
        skip_unchanged = True
        clean_model_instances = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._names = FoldedNamesWidget(Agency, label=_("agency"))

    def get_instance(self, instance_loader, row):
        """An existing agency by any of its names or aliases, not just the current name."""
        try:
            return self._names.lookup(row.get(self.column("name"), ""))
        except ValueError:
            return None

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if not instance.slug and instance.name:  # full_clean runs before save() makes one
            instance.slug = unique_slug(Agency, instance.name, instance.pk)

    def dehydrate_aliases(self, agency):
        return "; ".join(a.text for a in agency.aliases.all())

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field is self.fields["name"] and instance.pk:
            return  # the row found it by some name; renaming keeps history (Agency.rename)
        if field is self.fields["aliases"]:
            text = str(row.get(field.column_name) or "")
            instance._import_aliases = [normalize(a) for a in text.split(";") if normalize(a)]
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        for text in getattr(instance, "_import_aliases", []):
            owner = Alias.objects.filter(folded=fold(text)).values_list("agency_id", flat=True)
            if owner and owner[0] != instance.pk:
                errors["aliases"] = _("The alias “%(alias)s” belongs to another record.") % {
                    "alias": text
                }
        super().validate_instance(instance, errors, validate_unique)

    def after_save_instance(self, instance, row, **kwargs):
        for text in getattr(instance, "_import_aliases", []):
            if not Alias.objects.filter(folded=fold(text)).exists():
                services.record_save(
                    instance=Alias(agency=instance, text=text), user=self.user, reason="import"
                )

    def get_queryset(self):
        return super().get_queryset().prefetch_related("aliases")


class MembershipResource(ScopedResource):
    year = fields.Field(
        attribute="year",
        column_name="year",
        widget=YearWidget(EmulationYear, label=_("year"), render_attr="year"),
    )
    bloc = fields.Field(
        attribute="bloc", column_name="bloc", widget=FoldedNamesWidget(Bloc, label=_("bloc"))
    )
    agency = fields.Field(
        attribute="agency",
        column_name="agency",
        widget=FoldedNamesWidget(Agency, label=_("agency")),
    )
    role = fields.Field(
        attribute="role",
        column_name="role",
        widget=ChoiceLabelWidget(Membership.Role.choices, label=_("role")),
    )
    headers = {
        "year": "Năm",
        "bloc": "Khối/Cụm thi đua",
        "agency": "Đơn vị",
        "role": "Vai trò",
        "notes": "Ghi chú",
    }

    class Meta:
        model = Membership
        fields = ("year", "bloc", "agency", "role", "notes")
        export_order = fields
        import_id_fields = ("year", "bloc", "agency")
        skip_unchanged = True
        clean_model_instances = True

    def get_queryset(self):
        return super().get_queryset().select_related("bloc", "agency", "year")


# The exchange file's nomination columns: field name, header, value read from the database.
# Headers shared with the report export (awards.exports.HEADER) are spelled the same.
NOMINATION_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("year", "Năm", "year_id"),
    ("bloc", "Khối/Cụm thi đua", "bloc__name"),
    ("award", "Hình thức khen thưởng", "award_type__name"),
    ("agency", "Đơn vị", "agency__name"),
    ("person", "Cá nhân (mã)", "person__slug"),
    ("nominee_name", "Tên đơn vị/cá nhân khi khen thưởng", "nominee_name"),
    ("status", "Trạng thái", "status"),
    ("status_reason", "Lý do", "status_reason"),
    ("override_reason", "Lý do vẫn khen khi vượt quy định", "override_reason"),
    ("votes", "Số phiếu", "votes"),
    ("rank", "Xếp hạng", "rank"),
    ("notes", "Ghi chú", "notes"),
    ("decision_number", "Số quyết định", "decision__number"),
    ("decision_date", "Ngày quyết định", "decision__date"),
)


class NominationResource(ScopedResource):
    year = fields.Field(
        attribute="year",
        column_name="year",
        widget=YearWidget(EmulationYear, label=_("year"), render_attr="year"),
    )
    bloc = fields.Field(
        attribute="bloc", column_name="bloc", widget=FoldedNamesWidget(Bloc, label=_("bloc"))
    )
    award = fields.Field(
        attribute="award_type",
        column_name="award",
        widget=AwardCodeWidget(AwardType, label=_("award"), render_attr="name"),
    )
    agency = fields.Field(
        attribute="agency",
        column_name="agency",
        widget=FoldedNamesWidget(Agency, label=_("agency")),
    )
    person = fields.Field(
        attribute="person", column_name="person", widget=PersonWidget(Person, label=_("person"))
    )
    status = fields.Field(
        attribute="status",
        column_name="status",
        widget=ChoiceLabelWidget(
            Nomination.Status.choices, label=_("status"), labels=exports.status_labels
        ),
    )
    decision_number = fields.Field(
        attribute="decision__number", column_name="decision_number", readonly=True
    )
    decision_date = fields.Field(
        attribute="decision__date",
        column_name="decision_date",
        readonly=True,
        widget=widgets.DateWidget("%Y-%m-%d"),
    )
    headers = {name: header for name, header, _value in NOMINATION_COLUMNS}

    class Meta:
        model = Nomination
        fields = tuple(name for name, _header, _value in NOMINATION_COLUMNS)
        export_order = fields
        import_id_fields = ("year", "award", "agency", "person")
        skip_unchanged = True
        clean_model_instances = True

    def get_instance(self, instance_loader, row):
        """The nomination a row stands for, within the user's blocs.

        A proposed or awarded row is the standing nomination of that nominee, award and
        year. A rejected, withdrawn or revoked row is first the closed record with the
        same status and reason (each used once per file, so a re-imported export adds
        nothing), else the standing nomination it closes.
        """
        try:
            keys = {name: self.fields[name].clean(row) for name in self._meta.import_id_fields}
            status = self.fields["status"].clean(row) or Nomination.Status.PROPOSED
        except (ValueError, KeyError):
            return None  # the row error is reported when the fields are imported
        if not (keys["year"] and keys["award"] and (keys["agency"] or keys["person"])):
            return None
        agency, person = keys["agency"], keys["person"]
        nominee = (keys["award"].pk, agency.pk if agency else None, person.pk if person else None)
        year = keys["year"].year
        if status not in Nomination.PUBLIC_STATUSES:
            reason = normalize(str(row.get(self.column("status_reason")) or ""))
            used = self.__dict__.setdefault("_used", set())
            for closed in self.closed(year).get(nominee, []):
                if (closed.status, closed.status_reason) == (status, reason) and (
                    closed.pk not in used
                ):
                    used.add(closed.pk)
                    return closed
        return self.standing(year).get(nominee)

    def standing(self, year: int) -> dict:
        """The year's standing nominations in the user's blocs, read once per import."""
        cache = self.__dict__.setdefault("_standing", {})
        if year not in cache:
            qs = self.scoped(
                Nomination.objects.filter(year_id=year, status__in=Nomination.PUBLIC_STATUSES)
            )
            cache[year] = {(n.award_type_id, n.agency_id, n.person_id): n for n in qs}
        return cache[year]

    def closed(self, year: int) -> dict:
        """The year's rejected, withdrawn and revoked nominations by nominee, read once."""
        cache = self.__dict__.setdefault("_closed", {})
        if year not in cache:
            qs = self.scoped(
                Nomination.objects.filter(year_id=year).exclude(
                    status__in=Nomination.PUBLIC_STATUSES
                )
            ).order_by("pk")
            found = defaultdict(list)
            for n in qs:
                found[(n.award_type_id, n.agency_id, n.person_id)].append(n)
            cache[year] = found
        return cache[year]

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        column = self.column("status")
        if column in row and not row[column]:
            row[column] = Nomination.Status.PROPOSED

    def before_import(self, dataset, **kwargs):
        """A file naming only agencies (or only people) needs no empty column for the other."""
        super().before_import(dataset, **kwargs)
        for name in ("agency", "person"):
            if self.column(name) not in dataset.headers:
                dataset.append_col([""] * dataset.height, header=self.column(name))

    def export_table(self, queryset=None, *, export_fields=None):
        """The rows straight from ``values_list``: one query, no model instances, streamed."""
        if queryset is None:
            queryset = self.get_queryset()
        queryset = self.scoped(queryset)
        columns = [c for c in NOMINATION_COLUMNS if not export_fields or c[0] in export_fields]
        header = [self.column(name) for name, _header, _value in columns]
        status_at = next((i for i, (name, _h, _v) in enumerate(columns) if name == "status"), None)
        labels = exports.status_labels()

        def rows():
            values = queryset.values_list(*(value for _n, _h, value in columns))
            for row in values.iterator(chunk_size=exports.CHUNK_SIZE):
                row = [None if v == "" else v for v in row]
                if status_at is not None:
                    row[status_at] = labels.get(row[status_at], row[status_at])
                yield row

        return header, rows()

    def export(self, queryset=None, **kwargs):
        """The same rows as ``export_table``, as a tablib Dataset (small exports, tests)."""
        header, rows = self.export_table(queryset, export_fields=kwargs.get("export_fields"))
        dataset = tablib.Dataset(headers=header)
        for row in rows:
            dataset.append(row)
        return dataset

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("year", "bloc", "award_type", "agency", "person", "decision")
        )


def constraint_message(instance, exc: IntegrityError) -> str:
    """The violated constraint's own message, recognised on SQLite and PostgreSQL."""
    text = str(exc)
    table = instance._meta.db_table
    for constraint in instance._meta.constraints:
        if constraint.name in text:
            return str(constraint.get_violation_error_message())
        if isinstance(constraint, UniqueConstraint):
            columns = [instance._meta.get_field(f).column for f in constraint.fields]
            if all(f"{table}.{c}" in text for c in columns):
                return str(constraint.get_violation_error_message())
    return _("The database refused this row: %(error)s") % {"error": text}


def read_dataset(content: bytes | str, *, format: str) -> tablib.Dataset:
    """A CSV (UTF-8, with or without BOM) or XLSX file as a tablib Dataset."""
    if format == "xlsx":
        return tablib.Dataset().load(content, format="xlsx")
    if isinstance(content, bytes):
        content = content.decode("utf-8-sig")
    return restored(tablib.Dataset().load(content.lstrip("\ufeff"), format="csv"))


def export_response(resource: ScopedResource, queryset, *, file_format, filename, export_fields):
    """The admin's export as a download that starts at once and holds one batch in memory.

    CSV streams through awards.exports.csv_chunks; XLSX is written row by row to a
    temporary file (a zip cannot be streamed), like the report export.
    """
    header, rows = resource.export_table(queryset, export_fields=export_fields)
    if isinstance(file_format, base_formats.XLSX):
        return exports.workbook_response([exchange_sheet(header, rows)], filename=filename)
    response = StreamingHttpResponse(
        # a failure part-way is logged and cuts the transfer, as for the report export
        exports.logged_stream(exchange_csv_chunks(header, rows), filename=filename),
        content_type=exports.CSV_CONTENT_TYPE,
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    return response


def import_rows(resource: ScopedResource, dataset: tablib.Dataset, *, dry_run: bool = False):
    """Import all or nothing: any row error or invalid row rolls the whole file back.

    Returns the import-export Result; ``row_problems(result)`` lists every failing row.
    """
    if resource.user is not None and not resource.user.has_perm(
        f"awards.add_{resource._meta.model._meta.model_name}"
    ):
        raise PermissionDenied
    return resource.import_data(
        dataset,
        dry_run=dry_run,
        use_transactions=True,
        rollback_on_validation_errors=True,
        raise_errors=False,
    )


def row_problems(result) -> list[tuple[int, str]]:
    """(row number, message) for every failing row; row 1 is the first data row."""
    problems = [(0, str(error.error)) for error in result.base_errors]
    for invalid in result.invalid_rows:
        for field_name, messages in invalid.field_specific_errors.items():
            for message in messages:
                problems.append((invalid.number, f"{field_name}: {message}"))
        for message in invalid.non_field_specific_errors:
            problems.append((invalid.number, str(message)))
    for number, errors in result.row_errors():
        for error in errors:
            problems.append((number, str(error.error)))
    return sorted(problems)
