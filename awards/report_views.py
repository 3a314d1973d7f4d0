"""Report pages: the list of years and the printable yearly summary with its downloads."""

from django.http import Http404
from django.shortcuts import render

from awards import exports, reports
from awards.models import EmulationYear

FORMATS = ("html", "csv", "xlsx")


def report_index(request):
    return render(request, "awards/report_index.html", {"years": reports.report_years()})


def yearly_report(request, year: int):
    """The summary for one year; ?format=csv (add &table=statistics) or ?format=xlsx."""
    if not EmulationYear.objects.filter(year=year).exists():
        raise Http404
    fmt = request.GET.get("format", "html")
    if fmt not in FORMATS:
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
