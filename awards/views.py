"""Public pages of the register: thin views over awards.history, .filters and .search."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from awards import history
from awards.caching import cached_page
from awards.exports import csv_streaming_response, dated_filename
from awards.filters import filtered_nominations
from awards.models import Agency, AwardType, Bloc, EmulationYear, SourceDocument
from awards.paging import slice_page
from awards.records import record_rows
from awards.search import site_search

LIST_PAGE_SIZE = 50
HOLDERS_PAGE_SIZE = 100
# On year_id, not "year": ordering by the relation would follow EmulationYear's own ordering.
DEFAULT_ORDER = ["-year_id", "award_type__precedence", "nominee_name"]


def stable_order(queryset):
    """Append the primary key to the sort, so that pages never repeat or skip a row.

    Ties go the same way as the last key, so that a sort on one indexed column
    (status) walks an index on (column, id) either way instead of sorting the table.
    """
    order = list(queryset.query.order_by) or DEFAULT_ORDER
    last = order[-1]
    descending = (
        last.startswith("-") if isinstance(last, str) else getattr(last, "descending", False)
    )
    return queryset.order_by(*order, "-pk" if descending else "pk")


def querystring_without(request, *names) -> str:
    """The current GET parameters minus ``names``, for links that change one of them."""
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


@require_safe
def healthz(request):
    """The trivial view the benchmark compares pages against (no database, no template)."""
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def home(request):
    return cached_page(request, lambda: render(request, "awards/home.html", history.home_summary()))


@require_safe
def year_detail(request, year):
    def build():
        found = get_object_or_404(EmulationYear, year=year)
        context = {
            "year": found,
            "results": history.year_results(found.year),
            "years": history.years_with_records(),
        }
        return render(request, "awards/year.html", context)

    return cached_page(request, build)


@require_safe
def bloc_detail(request, slug):
    def build():
        bloc = get_object_or_404(Bloc, slug=slug)
        return render(request, "awards/bloc.html", {"bloc": bloc, **history.bloc_history(bloc)})

    return cached_page(request, build)


@require_safe
def agency_detail(request, slug):
    def build():
        # Its names are read once, by agency_history (not prefetched here as well).
        agency = get_object_or_404(Agency, slug=slug)
        context = {"agency": agency, **history.agency_history(agency)}
        return render(request, "awards/agency.html", context)

    return cached_page(request, build)


@require_safe
def award_type_detail(request, code):
    def build():
        award_type = get_object_or_404(AwardType, code=code)
        data = history.award_type_history(award_type)
        page = slice_page(
            data.pop("holders"), request.GET.get("page"), HOLDERS_PAGE_SIZE, record_rows
        )
        context = {"award_type": award_type, "page": page, **data}
        return render(request, "awards/award_type.html", context)

    return cached_page(request, build)


@require_safe
def award_list(request):
    """The filtered table; the same URL with ``format=csv`` downloads every filtered row."""
    if request.GET.get("format") == "csv":
        rows = stable_order(filtered_nominations(request.GET).qs)
        return csv_streaming_response(rows, filename=dated_filename("khen-thuong", "csv"))

    def build():
        filterset = filtered_nominations(request.GET)
        rows = stable_order(filterset.qs)
        context = {
            "filter": filterset,
            "page": slice_page(rows, request.GET.get("page"), LIST_PAGE_SIZE, record_rows),
            "query_no_page": querystring_without(request, "page", "format"),
            "query_no_sort": querystring_without(request, "page", "format", "sort"),
            "sort": request.GET.get("sort", ""),
        }
        return render(request, "awards/award_list.html", context)

    return cached_page(request, build)


@require_safe
def source_detail(request, pk):
    def build():
        source = get_object_or_404(SourceDocument, pk=pk)
        context = {"source": source, **history.source_records(source)}
        return render(request, "awards/source.html", context)

    return cached_page(request, build)


@require_safe
def search(request):
    def build():
        results = site_search(request.GET.get("q", ""))
        return render(request, "awards/search.html", {"results": results, "q": results.query})

    return cached_page(request, build)
