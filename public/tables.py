"""Record tables of the public pages, built from plain values rather than model instances.

A table of nominations with five joins cost far more in Python than in SQL:
six model instances per row, then a ``reverse()`` per link and a dozen variable
lookups per row in the template (measured on 100,000 nominations: most of the
agency page's time). Here one ``values()`` query fetches only the columns a row
shows, links are formed from prefixes reversed once per table, and the
``record_rows`` template tag writes the rows (escaped) in Python.
"""

import datetime
import html as stdlib_html
from dataclasses import dataclass
from urllib.parse import quote

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from awards.models import Nomination


def escape(value) -> str:
    """``django.utils.html.escape`` without its lazy-string wrapper (same output).

    That wrapper checks every argument for a lazy string: a third of the time of
    writing a table of ~100 rows. Lazy strings (translations) are made str here.
    """
    return stdlib_html.escape(str(value))


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
)


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

    @property
    def nominee_display(self) -> str:
        return self.nominee_name or self.agency_name or self.person_name or ""


def record_rows(queryset: QuerySet) -> list[RecordRow]:
    """The rows of ``queryset`` (public nominations, ordered) in one query, no model instances."""
    return [RecordRow(*values) for values in queryset.values_list(*COLUMNS)]


class _Links:
    """URL prefixes reversed once per table, so that a row's links are string joins."""

    def __init__(self):
        self.year = self._pattern("awards:year", "year", 1999)
        self.agency = self._pattern("awards:agency", "slug", "sample-slug")
        self.award = self._pattern("awards:award_type", "code", "sample-code")
        self.bloc = self._pattern("awards:bloc", "slug", "sample-slug")
        self.source = self._pattern("awards:source", "pk", 1999)
        self.person = reverse("awards:award_list") + "?person="

    @staticmethod
    def _pattern(name: str, kwarg: str, sample) -> tuple[str, str]:
        head, _, tail = reverse(name, kwargs={kwarg: sample}).rpartition(str(sample))
        return head, tail

    @staticmethod
    def join(pattern: tuple[str, str], value) -> str:
        # reverse() quotes path arguments the same way.
        return escape(pattern[0] + quote(str(value), safe="!$&'()*+,;=/~:@") + pattern[1])


class AgencyLinks:
    """An agency's page URL from its slug, reversed once (for long lists of agencies)."""

    def __init__(self):
        self._pattern = _Links._pattern("awards:agency", "slug", "sample-slug")

    def agency(self, slug: str) -> str:
        """The URL, unescaped (templates and ``render_member_items`` escape it)."""
        return self._pattern[0] + quote(str(slug), safe="!$&'()*+,;=/~:@") + self._pattern[1]


def render_member_items(rows) -> SafeString:
    """The ``<li>`` of each bloc member (``public.queries.MemberRow``), escaped, in Python."""
    html = []
    for m in rows:
        item = f'<li><a href="{escape(m.url)}">{escape(m.name_then)}</a>'
        if m.role != "member":
            item += f" ({escape(m.role_label)})"
        html.append(item + "</li>")
    return mark_safe("".join(html))


def render_record_rows(rows, *, hide: str = "", current_names: bool = False) -> SafeString:
    """The ``<tr>`` of each row; ``hide`` names columns to leave out ("year", "bloc").

    ``current_names`` adds the agency's name of today under a name it no longer bears.
    """
    links = _Links()
    show_year, show_bloc = "year" not in hide, "bloc" not in hide
    individual = escape(gettext("individual"))
    source = escape(gettext("source"))
    statuses = {value: escape(label) for value, label in Nomination.Status.choices}
    now = gettext("now %(name)s")
    html = []
    for r in rows:
        cells = ["<tr>"]
        if show_year:
            url = links.join(links.year, r.year_id)
            cells.append(f'<td class="c-year"><a href="{url}">{r.year_id}</a></td>')
        name = escape(r.nominee_display)
        if r.agency_id:
            cell = f'<a href="{links.join(links.agency, r.agency_slug)}">{name}</a>'
            if current_names and r.agency_name != r.nominee_name:
                current = now % {"name": escape(r.agency_name)}
                cell += f'<br><span class="muted">{current}</span>'
        else:
            url = links.person + escape(quote(r.person_slug or ""))
            cell = f'<a href="{url}">{name}</a> <span class="tag">{individual}</span>'
        cells.append(f'<td class="c-name">{cell}</td>')
        url = links.join(links.award, r.award_code)
        cells.append(f'<td class="c-award"><a href="{url}">{escape(r.award_name)}</a></td>')
        if show_bloc:
            bloc = ""
            if r.bloc_id:
                url = links.join(links.bloc, r.bloc_slug)
                bloc = f'<a href="{url}">{escape(r.bloc_name)}</a>'
            cells.append(f'<td class="c-bloc">{bloc}</td>')
        status = escape(r.status)
        label = statuses.get(r.status, status)
        cells.append(
            f'<td class="c-status"><span class="status status-{status}">{label}</span></td>'
        )
        decision = ""
        if r.decision_number is not None:
            decision = f"{escape(r.decision_number)}, {r.decision_date:%d/%m/%Y}"
        elif r.source_id:
            decision = f'<a href="{links.join(links.source, r.source_id)}">{source}</a>'
        cells.append(f'<td class="c-decision">{decision}</td></tr>')
        html.append("".join(cells))
    return mark_safe("\n".join(html))
