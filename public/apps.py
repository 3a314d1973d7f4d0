from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = _("Public register")

    def ready(self):
        # Here, not in the views: commands (the importer) change the register too.
        from public import caching

        caching.connect_signals()
