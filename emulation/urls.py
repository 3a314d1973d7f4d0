"""URLs: the admin for staff, the public register at the root, the language switch."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Sổ khen thưởng khối thi đua"
admin.site.site_title = "Sổ khen thưởng"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("reports/", include("awards.report_urls")),
    path("", include("awards.urls")),
]
