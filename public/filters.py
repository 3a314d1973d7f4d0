"""The award list's filters: every one a GET parameter, so a filtered view is a shareable URL.

The FilterSet doubles as the query builder for the CSV download, so the file
holds exactly the rows on screen (all pages of them).
"""

import django_filters
from django import forms
from django.db.models import Q
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
    sort = django_filters.OrderingFilter(
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
