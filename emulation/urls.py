"""URLs: the admin for staff, the public register at the root, the language switch."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Award register of the emulation blocs")
admin.site.site_title = _("Award register")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("public.urls")),
]
