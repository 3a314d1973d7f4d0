"""URLs: the admin for staff, the public register at the root, the language switch,
the readiness probe and the branded failure pages."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from emulation import failures

admin.site.site_header = _("Award register of the emulation blocs")
admin.site.site_title = _("Award register")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # liveness is /healthz/ (no database); readiness also asks the database
    path("readyz/", failures.readiness, name="readiness"),
    path("", include("public.urls")),
]

handler400 = failures.bad_request
handler403 = failures.permission_denied
handler404 = failures.page_not_found
handler500 = failures.server_error
