"""The public pages and the yearly reports: thin views over public.queries, .filters and .search."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from awards import exports
from awards.exports import csv_streaming_response, dated_filename
from awards.models import Agency, AwardType, Bloc, EmulationYear, SourceDocument
from public import queries, reports
from public.caching import cached_page
from public.filters import filtered_nominations
from public.paging import slice_page
from public.search import site_search
from public.tables import record_rows

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
    return cached_page(request, lambda: render(request, "awards/home.html", queries.home_summary()))


@require_safe
def year_detail(request, year):
    def build():
        found = get_object_or_404(EmulationYear, year=year)
        context = {
            "year": found,
            "results": queries.year_results(found.year),
            "years": queries.years_with_records(),
        }
        return render(request, "awards/year.html", context)

    return cached_page(request, build)


@require_safe
def bloc_detail(request, slug):
    def build():
        bloc = get_object_or_404(Bloc, slug=slug)
        return render(request, "awards/bloc.html", {"bloc": bloc, **queries.bloc_history(bloc)})

    return cached_page(request, build)


@require_safe
def agency_detail(request, slug):
    def build():
        # Its names are read once, by agency_history (not prefetched here as well).
        agency = get_object_or_404(Agency, slug=slug)
        context = {"agency": agency, **queries.agency_history(agency)}
        return render(request, "awards/agency.html", context)

    return cached_page(request, build)


@require_safe
def award_type_detail(request, code):
    def build():
        award_type = get_object_or_404(AwardType, code=code)
        data = queries.award_type_history(award_type)
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
        context = {"source": source, **queries.source_records(source)}
        return render(request, "awards/source.html", context)

    return cached_page(request, build)


@require_safe
def search(request):
    def build():
        results = site_search(request.GET.get("q", ""))
        return render(request, "awards/search.html", {"results": results, "q": results.query})

    return cached_page(request, build)


REPORT_FORMATS = ("html", "csv", "xlsx")


def report_index(request):
    return render(request, "awards/report_index.html", {"years": reports.report_years()})


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
    statistics = reports.statistics_lines(year)
    return render(
        request,
        "awards/report_year.html",
        {
            "year": year,
            "lines": reports.summary_lines(year),
            "statistics": statistics,
            "totals": {
                "collectives": sum(s.collectives for s in statistics),
                "individuals": sum(s.individuals for s in statistics),
                "total": sum(s.total for s in statistics),
            },
        },
    )
