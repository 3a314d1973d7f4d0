"""Record tables of the public pages: plain values in, escaped ``<tr>`` and ``<li>`` out.

A table of nominations with five joins cost far more in Python than in SQL: six
model instances per row, then a ``reverse()`` per link (measured on 100,000
nominations: most of the agency page's time). Here one ``values_list()`` query
fetches only the columns a row shows, and links are joined onto URL prefixes
reversed once per table.

The rows are written by ``format_html`` (which escapes every value), not by a
template loop: a dozen template variables per row made the year page (400 rows)
and the bloc page (1,000 members) twice as slow to build (measured on 100,000
nominations), the template engine's lookup per variable being most of it. The
table around the rows is a template (``awards/_nominations.html``).
"""

import datetime
import functools
from dataclasses import dataclass
from urllib.parse import quote

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from awards.models import Nomination
from awards.models.base import same_name

# The columns a row shows, on the joins of Nomination.objects.public().
COLUMNS = (
    "pk",
    "year_id",
    "status",
    "nominee_name",
    "agency_id",
    "person_id",
    "bloc_id",
    "source_id",
    "agency__slug",
    "agency__name",
    "person__slug",
    "person__full_name",
    "award_type__code",
    "award_type__name",
    "award_type__precedence",
    "bloc__slug",
    "bloc__name",
    "decision__number",
    "decision__date",
    "decision_id",
    "agency__province",
)
# What reverse() leaves unquoted in a path argument.
PATH_SAFE = "!$&'()*+,;=/~:@"


@dataclass(slots=True)
class RecordRow:
    """One nomination as a table shows it; the ids match the model's attribute names."""

    pk: int
    year_id: int
    status: str
    nominee_name: str
    agency_id: int | None
    person_id: int | None
    bloc_id: int | None
    source_id: int | None
    agency_slug: str | None
    agency_name: str | None
    person_slug: str | None
    person_name: str | None
    award_code: str
    award_name: str
    precedence: int
    bloc_slug: str | None
    bloc_name: str | None
    decision_number: str | None
    decision_date: datetime.date | None
    decision_id: int | None
    agency_province: str | None
    # Filled by record_rows from the values above.
    status_label: str = ""
    year_url: str = ""
    name_url: str = ""
    award_url: str = ""
    bloc_url: str = ""
    source_url: str = ""
    decision_url: str = ""

    @property
    def nominee_display(self) -> str:
        return self.nominee_name or self.agency_name or self.person_name or ""

    @property
    def renamed(self) -> bool:
        """An agency's award under a name it no longer bears (a real rename, not a
        difference of case or of the province written out: ``same_name``)."""
        return bool(self.agency_id) and not same_name(
            self.nominee_name, self.agency_name or "", province=self.agency_province or ""
        )


class Links:
    """URL prefixes reversed once, so that a row's links are string joins (unescaped)."""

    def __init__(self):
        self.year = self._pattern("awards:year", "year", 1999)
        self.agency = self._pattern("awards:agency", "slug", "sample-slug")
        self.award = self._pattern("awards:award_type", "code", "sample-code")
        self.bloc = self._pattern("awards:bloc", "slug", "sample-slug")
        self.source = self._pattern("awards:source", "pk", 1999)
        self.decision = self._pattern("awards:decision", "pk", 1999)
        self.person = self._pattern("awards:person", "slug", "sample-slug")

    @staticmethod
    def _pattern(name: str, kwarg: str, sample) -> tuple[str, str]:
        head, _, tail = reverse(name, kwargs={kwarg: sample}).rpartition(str(sample))
        return head, tail

    @staticmethod
    @functools.lru_cache(maxsize=4096)
    def join(pattern: tuple[str, str], value) -> str:
        # Cached: a table repeats its years, blocs and awards on every row.
        return pattern[0] + quote(str(value), safe=PATH_SAFE) + pattern[1]

    def agency_url(self, slug: str) -> str:
        return self.join(self.agency, slug)

    def person_url(self, slug: str) -> str:
        return self.join(self.person, slug)


def record_rows(queryset: QuerySet) -> list[RecordRow]:
    """The rows of ``queryset`` (public nominations, ordered) in one query, no model instances."""
    links = Links()
    statuses = {value: str(label) for value, label in Nomination.Status.choices}
    rows = []
    for values in queryset.values_list(*COLUMNS):
        row = RecordRow(*values)
        row.status_label = statuses.get(row.status, row.status)
        row.year_url = links.join(links.year, row.year_id)
        if row.agency_id:
            row.name_url = links.join(links.agency, row.agency_slug)
        else:
            row.name_url = links.person_url(row.person_slug)
        row.award_url = links.join(links.award, row.award_code)
        if row.bloc_id:
            row.bloc_url = links.join(links.bloc, row.bloc_slug)
        if row.source_id:
            row.source_url = links.join(links.source, row.source_id)
        if row.decision_id:
            row.decision_url = links.join(links.decision, row.decision_id)
        rows.append(row)
    return rows


def rows_html(rows: list[RecordRow], *, hide: str = "", current_names: bool = False) -> SafeString:
    """The ``<tr>`` of each row; ``hide`` names columns to leave out ("year", "bloc");
    ``current_names`` adds today's name under a name the agency no longer bears.

    Cells that repeat down a table (a year, a bloc, an award, a decision) are
    formatted once per table.
    """
    show_year, show_bloc = "year" not in hide, "bloc" not in hide
    individual = format_html(' <span class="tag">{}</span>', gettext("individual"))
    source, now = gettext("source"), gettext("now %(name)s")
    cells: dict[tuple, SafeString] = {}

    def cell(key: tuple, template: str, *args) -> SafeString:
        found = cells.get(key)
        if found is None:
            found = cells[key] = format_html(template, *args)
        return found

    html = []
    for r in rows:
        year = ""
        if show_year:
            year = cell(
                ("year", r.year_id),
                '<td class="c-year"><a href="{}">{}</a></td>',
                r.year_url,
                r.year_id,
            )
        after_name = ""
        if not r.agency_id:
            after_name = individual
        elif current_names and r.renamed:
            after_name = format_html(
                '<br><span class="muted">{}</span>', now % {"name": r.agency_name}
            )
        bloc = ""
        if show_bloc:
            if r.bloc_id:
                bloc = cell(
                    ("bloc", r.bloc_id),
                    '<td class="c-bloc"><a href="{}">{}</a></td>',
                    r.bloc_url,
                    r.bloc_name,
                )
            else:
                bloc = mark_safe('<td class="c-bloc"></td>')
        award = cell(
            ("award", r.award_code),
            '<td class="c-award"><a href="{}">{}</a></td>',
            r.award_url,
            r.award_name,
        )
        status = cell(
            ("status", r.status),
            '<td class="c-status"><span class="status status-{}">{}</span></td>',
            r.status,
            r.status_label,
        )
        if r.decision_number is not None:
            decision = cell(
                ("decision", r.decision_id),
                '<td class="c-decision"><a href="{}">{}</a>, {}</td>',
                r.decision_url,
                r.decision_number,
                f"{r.decision_date:%d/%m/%Y}",
            )
        elif r.source_id:
            decision = cell(
                ("source", r.source_id),
                '<td class="c-decision"><a href="{}">{}</a></td>',
                r.source_url,
                source,
            )
        else:
            decision = mark_safe('<td class="c-decision"></td>')
        html.append(
            format_html(
                '<tr>{}<td class="c-name"><a href="{}">{}</a>{}</td>{}{}{}{}</tr>',
                year,
                r.name_url,
                r.nominee_display,
                after_name,
                award,
                bloc,
                status,
                decision,
            )
        )
    return mark_safe("\n".join(html))  # each piece escaped by format_html


def member_items_html(members) -> SafeString:
    """The ``<li>`` of each bloc member (``public.queries.MemberRow``), under its name then."""
    return mark_safe("".join(_member_item(m.url, m.name_then, m.role_note) for m in members))


@functools.lru_cache(maxsize=8192)
def _member_item(url: str, name: str, role_note: str) -> SafeString:
    # Cached: a bloc's members come back year after year under the same names.
    return format_html('<li><a href="{}">{}</a>{}</li>', url, name, role_note)


def head_items_html(heads) -> SafeString:
    """The ``<li>`` of each head (``public.queries.HeadRow``): its name then, its bloc.

    Not a template loop: the years index lists every bloc's head of every year (800
    on the benchmark's 40 blocs and 20 years), and the template engine's lookups were
    most of that page's time.
    """
    return mark_safe("".join(_head_item(h.agency_url, h.name_then, h.bloc_name) for h in heads))


@functools.lru_cache(maxsize=8192)
def _head_item(url: str, name: str, bloc: str) -> SafeString:
    return format_html(
        '<li><a href="{}">{}</a> <span class="muted">({})</span></li>', url, name, bloc
    )
