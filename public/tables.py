"""Record tables of the public pages: plain values in, rows for ``awards/_record_rows.html``.

A table of nominations with five joins cost far more in Python than in SQL: six
model instances per row, then a ``reverse()`` per link (measured on 100,000
nominations: most of the agency page's time). Here one ``values_list()`` query
fetches only the columns a row shows, and links are joined onto URL prefixes
reversed once per table; the template then only prints attributes.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import quote

from django.db.models import QuerySet
from django.urls import reverse

from awards.models import Nomination

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
    # Filled by record_rows from the values above.
    status_label: str = ""
    year_url: str = ""
    name_url: str = ""
    award_url: str = ""
    bloc_url: str = ""
    source_url: str = ""

    @property
    def nominee_display(self) -> str:
        return self.nominee_name or self.agency_name or self.person_name or ""

    @property
    def renamed(self) -> bool:
        """An agency's award under a name it no longer bears."""
        return bool(self.agency_id) and self.agency_name != self.nominee_name


class Links:
    """URL prefixes reversed once, so that a row's links are string joins (unescaped)."""

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
        return pattern[0] + quote(str(value), safe=PATH_SAFE) + pattern[1]

    def agency_url(self, slug: str) -> str:
        return self.join(self.agency, slug)


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
            row.name_url = links.person + quote(row.person_slug or "")
        row.award_url = links.join(links.award, row.award_code)
        if row.bloc_id:
            row.bloc_url = links.join(links.bloc, row.bloc_slug)
        if row.source_id:
            row.source_url = links.join(links.source, row.source_id)
        rows.append(row)
    return rows
