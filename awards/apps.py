from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "awards"
    verbose_name = _("Emulation awards")

    def ready(self):
        from django.db.backends.signals import connection_created

        from awards.collation import register_sqlite_collation

        connection_created.connect(register_sqlite_collation, dispatch_uid="awards-vi-collation")
