"""The browse pages: indexes of years, blocs, agencies, award types, people and sources,
and a person's page. Thin views over ``public.queries``, cached like every public page.

Names sort in Vietnamese order (``awards.collation``): "Đ…" after every "D…", "Ủy…"
among the "U…", people by their given name as Vietnamese lists do.
"""

import django_filters
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from awards.models import Agency, Nomination, Person
from awards.text import ALPHABET
from public import queries
from public.caching import public_page
from public.filters import bloc_choices
from public.paging import CappedPaginator, page_or_404

AGENCIES_PAGE_SIZE = 100
PEOPLE_PAGE_SIZE = 100
SOURCES_PAGE_SIZE = 50


class AgencyFilter(django_filters.FilterSet):
    """The agencies index's GET parameters: kind, bloc (by slug), first letter."""

    kind = django_filters.ChoiceFilter(
        choices=Agency.Kind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    bloc = django_filters.ChoiceFilter(
        choices=bloc_choices, label=_("Bloc"), empty_label=_("All blocs"), method="in_bloc"
    )
    letter = django_filters.ChoiceFilter(
        choices=[(c, c) for c in ALPHABET], label=_("Letter"), method="by_letter"
    )

    class Meta:
        model = Agency
        fields: list[str] = []

    def in_bloc(self, queryset, name, value):
        return queries.filter_agencies(queryset, bloc_slug=value)

    def by_letter(self, queryset, name, value):
        return queries.filter_agencies(queryset, letter=value)


def paged(queryset, request, per_page: int, fetch):
    return page_or_404(CappedPaginator(queryset, per_page, fetch=fetch), request.GET.get("page"))


@public_page()
def year_index(request):
    return render(request, "awards/year_index.html", {"years": queries.year_index()})


@public_page()
def bloc_index(request):
    return render(request, "awards/bloc_index.html", {"blocs": queries.bloc_index()})


@public_page("kind", "bloc", "letter", "page")
def agency_index(request):
    """A–Z, filtered by kind, bloc and first letter; a bad value is shown beside its field."""
    filterset = AgencyFilter(request.GET, queryset=queries.public_agencies())
    valid = filterset.is_valid()
    rows = filterset.qs if valid else Agency.objects.none()
    params = request.GET.copy()
    params.pop("page", None)
    without_letter = params.copy()
    without_letter.pop("letter", None)
    context = {
        "filter": filterset,
        "page": paged(rows, request, AGENCIES_PAGE_SIZE, queries.agency_rows),
        "query_no_page": params.urlencode(),
        "query_no_letter": without_letter.urlencode(),
        "alphabet": ALPHABET,
        "letter": filterset.form.cleaned_data.get("letter") if valid else "",
    }
    response = render(request, "awards/agency_index.html", context)
    if not valid:
        add_never_cache_headers(response)
    return response


@public_page()
def award_type_index(request):
    return render(request, "awards/award_type_index.html", {"counts": queries.award_type_index()})


@public_page("page")
def person_index(request):
    page = paged(queries.public_people(), request, PEOPLE_PAGE_SIZE, queries.person_rows)
    return render(request, "awards/person_index.html", {"page": page, "query_no_page": ""})


@public_page("page")
def source_index(request):
    page = paged(queries.public_sources(), request, SOURCES_PAGE_SIZE, queries.source_rows)
    return render(request, "awards/source_index.html", {"page": page, "query_no_page": ""})


@public_page()
def person_detail(request, slug):
    """A person with a public award; one with none (only rejected proposals) is not shown."""
    person = get_object_or_404(Person.objects.select_related("agency"), slug=slug)
    if not Nomination.objects.public().filter(person=person).exists():
        raise Http404
    return render(
        request, "awards/person.html", {"person": person, **queries.person_history(person)}
    )
