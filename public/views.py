"""The public pages and the yearly reports: thin views over public.queries, .filters and .search.

Each page view is a ``public_page``: it names the query parameters it reads (the
rest are dropped, also from the page cache's key) and is cached in the ``pages`` alias.
"""

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from awards import exports
from awards.models import Agency, AwardType, Bloc, Decision, EmulationYear, SourceDocument
from public import opendata, queries, reports
from public.caching import public_page
from public.filters import LIST_PARAMS, active_filters, filename_parts, filtered_nominations
from public.paging import CappedPaginator, page_or_404
from public.search import site_search
from public.tables import record_rows

LIST_PAGE_SIZE = 50
HOLDERS_PAGE_SIZE = 100
# On year_id, not "year": ordering by the relation would follow EmulationYear's own ordering.
DEFAULT_ORDER = ["-year_id", "award_type__precedence", "nominee_name"]
REPORT_FORMATS = ("html", "csv", "xlsx")
LIST_FORMATS = ("csv", "xlsx")


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


def record_page(queryset, number, per_page: int):
    """One page of an ordered queryset of public nominations, as table rows; a page
    past the end is a 404 (junk or a number below 1 reads as the first page)."""
    return page_or_404(CappedPaginator(queryset, per_page, fetch=record_rows), number)


@require_safe
def healthz(request):
    """The trivial view the benchmark compares pages against (no database, no template)."""
    return HttpResponse("ok", content_type="text/plain")


@public_page()
def home(request):
    return render(request, "awards/home.html", queries.home_summary())


@public_page()
def year_detail(request, year):
    found = get_object_or_404(EmulationYear, year=year)
    context = {
        "year": found,
        "results": queries.year_results(found.year),
        "years": queries.years_with_records(),
    }
    return render(request, "awards/year.html", context)


@public_page()
def bloc_detail(request, slug):
    bloc = get_object_or_404(Bloc, slug=slug)
    return render(request, "awards/bloc.html", {"bloc": bloc, **queries.bloc_history(bloc)})


@public_page()
def agency_detail(request, slug):
    # Its names are read once, by agency_history (not prefetched here as well).
    agency = get_object_or_404(Agency, slug=slug)
    return render(
        request, "awards/agency.html", {"agency": agency, **queries.agency_history(agency)}
    )


@public_page("page")
def award_type_detail(request, code):
    award_type = get_object_or_404(AwardType, code=code)
    data = queries.award_type_history(award_type)
    page = record_page(data.pop("holders"), request.GET.get("page"), HOLDERS_PAGE_SIZE)
    context = {"award_type": award_type, "page": page, **data}
    return render(request, "awards/award_type.html", context)


@public_page(*LIST_PARAMS, "page", "format")
def award_list(request):
    """The filtered table; the same URL with ``format=csv`` or ``xlsx`` downloads every
    filtered row.

    Invalid filter values are shown beside their field, with no rows (and the page
    is not cached); a download with one is refused, never widened to every row.
    """
    filterset = filtered_nominations(request.GET)
    valid = filterset.is_valid()
    fmt = request.GET.get("format")
    if fmt in LIST_FORMATS:
        if not valid:
            return HttpResponseBadRequest(
                filterset.errors.as_text(), content_type="text/plain; charset=utf-8"
            )
        rows = stable_order(filterset.qs)
        filename = exports.filtered_filename("khen-thuong", filename_parts(filterset), fmt)
        if fmt == "xlsx":
            return exports.xlsx_response(rows, filename=filename)
        return exports.csv_streaming_response(rows, filename=filename)
    rows = stable_order(filterset.qs if valid else filterset.queryset.none())
    chips = active_filters(filterset)
    context = {
        "filter": filterset,
        "chips": chips,
        "subject": next((chip.subject for chip in chips if chip.subject), ""),
        "page": record_page(rows, request.GET.get("page"), LIST_PAGE_SIZE),
        "query_no_page": querystring_without(request, "page", "format"),
        "query_no_sort": querystring_without(request, "page", "format", "sort"),
        "sort": request.GET.get("sort", ""),
    }
    response = render(request, "awards/award_list.html", context)
    if not valid:
        add_never_cache_headers(response)
    return response


@public_page()
def source_detail(request, pk):
    source = get_object_or_404(SourceDocument, pk=pk)
    return render(
        request, "awards/source.html", {"source": source, **queries.source_records(source)}
    )


@public_page()
def about(request):
    """About the data: owner, licence, method, last change, data dictionary and the API."""
    return render(request, "awards/about.html", opendata.about_context(request))


@public_page("page")
def decision_detail(request, pk):
    """A decision: its number, date, issuer and signer, and the public records it granted."""
    decision = get_object_or_404(Decision.objects.select_related("source"), pk=pk)
    page = record_page(
        queries.decision_records(decision), request.GET.get("page"), HOLDERS_PAGE_SIZE
    )
    return render(request, "awards/decision.html", {"decision": decision, "page": page})


@public_page("q")
def search(request):
    results = site_search(request.GET.get("q", ""))
    return render(request, "awards/search.html", {"results": results, "q": results.query})


@public_page()
def report_index(request):
    return render(request, "awards/report_index.html", {"years": reports.report_years()})


@public_page("format", "table")
def yearly_report(request, year: int):
    """The summary for one year; ?format=csv (add &table=statistics) or ?format=xlsx."""
    if not EmulationYear.objects.filter(year=year).exists():
        raise Http404
    fmt = request.GET.get("format", "html")
    if fmt not in REPORT_FORMATS:
        raise Http404
    if fmt == "xlsx":
        return exports.workbook_response(
            reports.report_sheets(year), filename=f"bao-cao-khen-thuong-{year}.xlsx"
        )
    if fmt == "csv":
        if request.GET.get("table") == "statistics":
            return exports.rows_csv_response(
                reports.statistics_rows(year),
                header=reports.STATISTICS_HEADER,
                filename=f"thong-ke-khen-thuong-{year}.csv",
            )
        return exports.rows_csv_response(
            reports.summary_rows(reports.summary_lines(year)),
            header=reports.SUMMARY_HEADER,
            filename=f"tong-hop-khen-thuong-{year}.csv",
        )
    return render(request, "awards/report_year.html", reports.report_context(year))
