"""Report pages: the yearly summary, printable and as CSV/XLSX."""

from django.urls import path

from . import report_views

app_name = "reports"

urlpatterns = [
    path("", report_views.report_index, name="index"),
    path("<int:year>/", report_views.yearly_report, name="year"),
]
