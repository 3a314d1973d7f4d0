"""The award list's filters: every one a GET parameter, so a filtered view is a shareable URL.

The FilterSet doubles as the query builder for the CSV download, so the file
holds exactly the rows on screen (all pages of them).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import Q
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from awards.collation import collated
from awards.models import Agency, AwardType, Bloc, Nomination, Person
from public.caching import lookup
from public.search import matching

PUBLIC_STATUS_CHOICES = [
    (value, label)
    for value, label in Nomination.Status.choices
    if value in Nomination.PUBLIC_STATUSES
]
KIND_CHOICES = [("collective", _("collective")), ("individual", _("individual"))]


def bloc_choices() -> list[tuple[str, str]]:
    """(slug, name) of every bloc by name (in Vietnamese order), for the filter's options."""
    blocs = Bloc.objects.order_by(collated("name"), "pk")
    return lookup("bloc-choices", lambda: list(blocs.values_list("slug", "name")))


def award_type_choices() -> list[tuple[str, str]]:
    """(code, name) of every award type in catalogue order."""
    return lookup("award-type-choices", lambda: list(AwardType.objects.values_list("code", "name")))


class CollatedOrderingFilter(django_filters.OrderingFilter):
    """Sorts names in Vietnamese order (awards.collation: ICU on PostgreSQL, the same
    sort key on SQLite), not by code point; the other keys sort as stored."""

    collated_fields = frozenset({"nominee_name", "bloc__name"})

    def get_ordering_value(self, param):
        value = super().get_ordering_value(param)
        field = value.removeprefix("-")
        if field in self.collated_fields:
            return collated(field, descending=value.startswith("-"))
        return value


class YearFilter(django_filters.NumberFilter):
    """A whole year within the register's bounds: "abc", "1e400" or "2024.5" is an error."""

    field_class = forms.IntegerField


YEAR_BOUNDS = {"min_value": 1945, "max_value": 2100}  # as EmulationYear's constraint


class NominationFilter(django_filters.FilterSet):
    """Year range, bloc, award type, status, collective or individual, text, and sorting."""

    q = django_filters.CharFilter(method="filter_text", label=_("Name contains"))
    year_from = YearFilter(
        field_name="year_id",
        lookup_expr="gte",
        label=_("From year"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        **YEAR_BOUNDS,
    )
    year_to = YearFilter(
        field_name="year_id",
        lookup_expr="lte",
        label=_("To year"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        **YEAR_BOUNDS,
    )
    # Choices from the page cache (read on every list page); a value outside them is an error.
    bloc = django_filters.ChoiceFilter(
        field_name="bloc__slug",
        choices=bloc_choices,
        label=_("Bloc"),
        empty_label=_("All blocs"),
    )
    award_type = django_filters.ChoiceFilter(
        field_name="award_type__code",
        choices=award_type_choices,
        label=_("Award"),
        empty_label=_("All awards"),
    )
    status = django_filters.ChoiceFilter(
        choices=PUBLIC_STATUS_CHOICES, label=_("Status"), empty_label=_("Proposed or awarded")
    )
    kind = django_filters.ChoiceFilter(
        choices=KIND_CHOICES,
        method="filter_kind",
        label=_("Recipient"),
        empty_label=_("Collective or individual"),
    )
    agency = django_filters.CharFilter(
        method="filter_agency", label=_("Agency"), widget=forms.HiddenInput
    )
    person = django_filters.CharFilter(
        field_name="person__slug", label=_("Person"), widget=forms.HiddenInput
    )
    # Only these columns sort (all indexed or tiny joins); anything else is an error.
    sort = CollatedOrderingFilter(
        fields=(
            ("year_id", "year"),
            ("nominee_name", "name"),
            ("award_type__precedence", "award"),
            ("bloc__name", "bloc"),
            ("status", "status"),
        ),
        field_labels={
            "year_id": _("Year"),
            "nominee_name": _("Name"),
            "award_type__precedence": _("Award"),
            "bloc__name": _("Bloc"),
            "status": _("Status"),
        },
        label=_("Sort by"),
        empty_label=_("Newest year first"),
    )

    class Meta:
        model = Nomination
        fields: list[str] = []

    def filter_kind(self, queryset, name, value):
        if value == "collective":
            return queryset.collective()
        if value == "individual":
            return queryset.individual()
        return queryset

    def filter_agency(self, queryset, name, value):
        """Awards of one agency (by slug), also those of its people."""
        return queryset.filter(Q(agency__slug=value) | Q(person__agency__slug=value))

    def filter_text(self, queryset, name, value):
        """Accent-insensitive, on every name the agency had and on people's names.

        The matching ids are fetched first (two indexed queries): an ``IN (list)``
        lets PostgreSQL combine the foreign-key indexes, where ``IN (subquery)``
        under an ``OR`` scans the whole table.
        """
        agencies = list(matching(Agency.objects.all(), value).values_list("pk", flat=True))
        people = list(matching(Person.objects.all(), value).values_list("pk", flat=True))
        return queryset.filter(Q(agency__in=agencies) | Q(person__in=people))


def filtered_nominations(params, queryset=None) -> NominationFilter:
    """The public nominations filtered and sorted by ``params`` (a QueryDict)."""
    if queryset is None:
        # Only the joins a row shows; a source is linked by its id alone.
        queryset = Nomination.objects.public().select_related(
            "award_type", "bloc", "agency", "person", "decision"
        )
    return NominationFilter(params, queryset=queryset)


# The query parameters of the award list's filters (the view adds "page" and "format").
LIST_PARAMS = tuple(NominationFilter.base_filters)


@dataclass(frozen=True)
class ActiveFilter:
    """A filter in force, as a chip: what it is, its value, and the list without it."""

    name: str
    label: str
    value: str
    remove_query: str
    # Whose awards the list is (a person's or an agency's name), for its heading.
    subject: str = ""


# Filters shown as one chip each; the year range is one chip for both of its ends.
CHIP_ORDER = ("person", "agency", "q", "years", "bloc", "award_type", "status", "kind")


def _choice_label(choices, value) -> str:
    return capfirst(next((str(lbl) for key, lbl in choices if str(key) == str(value)), str(value)))


def _year_range(start, end) -> str:
    if start and end:
        return str(start) if start == end else f"{start}–{end}"
    if start:
        return gettext("from %(year)s") % {"year": start}
    return gettext("until %(year)s") % {"year": end}


def _items(params):
    """(name, value) pairs of a QueryDict (every value of a repeated name) or a dict."""
    if hasattr(params, "lists"):
        return [(key, value) for key, values in params.lists() for value in values]
    return list(params.items())


def active_filters(filterset: NominationFilter) -> list[ActiveFilter]:
    """The filters a list is narrowed by, each with its label, its value as a reader
    knows it (a bloc's name, not its slug) and the query string that drops it.

    A person or an agency costs one small query each, only when filtered by; a value
    that does not validate is shown as typed, so it can be removed too.
    """
    params = filterset.data
    cleaned = getattr(filterset.form, "cleaned_data", {})
    raw = {name: (params.get(name) or "").strip() for name in NominationFilter.base_filters}
    form_fields = filterset.form.fields
    values: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    subjects: dict[str, str] = {}
    if raw["person"]:
        person = (
            Person.objects.filter(slug=raw["person"])
            .values_list("full_name", "agency__name")
            .first()
        )
        shown = raw["person"]
        if person is not None:
            subjects["person"] = person[0]
            shown = f"{person[0]} ({person[1]})" if person[1] else person[0]
        values["person"] = (gettext("Person"), shown, ("person",))
    if raw["agency"]:
        name = Agency.objects.filter(slug=raw["agency"]).values_list("name", flat=True).first()
        if name:
            subjects["agency"] = name
        values["agency"] = (gettext("Agency"), name or raw["agency"], ("agency",))
    if raw["q"]:
        values["q"] = (gettext("Name contains"), f"“{raw['q']}”", ("q",))
    if raw["year_from"] or raw["year_to"]:
        start = cleaned.get("year_from") or raw["year_from"]
        end = cleaned.get("year_to") or raw["year_to"]
        values["years"] = (gettext("Year"), _year_range(start, end), ("year_from", "year_to"))
    for name in ("bloc", "award_type", "status", "kind"):
        if raw[name]:
            label = _choice_label(form_fields[name].choices, raw[name])
            values[name] = (str(form_fields[name].label), label, (name,))
    chips = []
    for name in CHIP_ORDER:
        if name in values:
            label, value, drops = values[name]
            # The empty fields a submitted form sends are dropped too.
            rest = [
                (key, value)
                for key, value in _items(params)
                if value and key not in (*drops, "page", "format")
            ]
            query = urlencode(rest)
            chips.append(ActiveFilter(name, label, value, query, subjects.get(name, "")))
    return chips


def filename_parts(filterset: NominationFilter) -> list[str]:
    """The valid filters as words for a download's name (``awards.exports.filtered_filename``):
    the years, then the bloc, award, recipient and status as named in Vietnamese, then
    the agency, person and text searched for."""
    data = filterset.form.cleaned_data
    start, end = data.get("year_from"), data.get("year_to")
    parts: list[str] = []
    if start and end:
        parts.append(str(start) if start == end else f"{start}-{end}")
    elif start or end:
        parts.append(f"tu-{start}" if start else f"den-{end}")
    fields = filterset.form.fields
    with translation.override("vi"):
        for name in ("bloc", "award_type", "kind", "status"):
            if data.get(name):
                parts.append(_choice_label(fields[name].choices, data[name]))
    parts += [data[name] for name in ("agency", "person", "q") if data.get(name)]
    return parts
