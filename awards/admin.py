"""Admin registrations: search, filters, autocomplete and list_select_related everywhere.

The staff workflow (bloc year page, decisions, roles, rules) builds on these.
"""

from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Agency,
    AgencyLineage,
    AgencyName,
    Alias,
    AwardType,
    Bloc,
    BlocMeeting,
    BlocName,
    Decision,
    EmulationYear,
    Membership,
    Nomination,
    Person,
    SourceDocument,
)


class AgencyNameInline(admin.TabularInline):
    model = AgencyName
    extra = 0


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 0
    fields = ["text"]


class LineageInline(admin.TabularInline):
    model = AgencyLineage
    fk_name = "predecessor"
    extra = 0
    autocomplete_fields = ["successor"]
    verbose_name = _("successor")
    verbose_name_plural = _("successors")


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "province", "dissolved_on"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "search_text"]
    readonly_fields = ["slug"]
    inlines = [AgencyNameInline, AliasInline, LineageInline]


@admin.register(AgencyLineage)
class AgencyLineageAdmin(admin.ModelAdmin):
    list_display = ["predecessor", "kind", "successor", "date", "legal_basis"]
    list_filter = ["kind"]
    search_fields = ["predecessor__search_text", "successor__search_text", "legal_basis"]
    autocomplete_fields = ["predecessor", "successor"]
    list_select_related = ["predecessor", "successor"]


@admin.register(Alias)
class AliasAdmin(admin.ModelAdmin):
    list_display = ["text", "agency", "bloc"]
    search_fields = ["text", "folded"]
    autocomplete_fields = ["agency", "bloc"]
    list_select_related = ["agency", "bloc"]


class BlocNameInline(admin.TabularInline):
    model = BlocName
    extra = 0


@admin.register(Bloc)
class BlocAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "organiser_kind", "organiser"]
    list_filter = ["kind", "organiser_kind", "organiser"]
    search_fields = ["name", "search_text", "organiser"]
    readonly_fields = ["slug"]
    inlines = [BlocNameInline]


@admin.register(EmulationYear)
class EmulationYearAdmin(admin.ModelAdmin):
    list_display = ["year", "status"]
    list_filter = ["status"]
    search_fields = ["year"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["agency", "bloc", "year", "role"]
    list_filter = ["role", "year", "bloc"]
    search_fields = ["agency__search_text", "bloc__search_text"]
    autocomplete_fields = ["agency", "bloc", "year", "source"]
    list_select_related = ["agency", "bloc"]


@admin.register(BlocMeeting)
class BlocMeetingAdmin(SimpleHistoryAdmin):
    list_display = ["bloc", "year", "kind", "date", "venue"]
    list_filter = ["kind", "year"]
    search_fields = ["bloc__search_text", "venue"]
    autocomplete_fields = ["bloc", "year", "venue_agency", "source"]
    list_select_related = ["bloc"]


@admin.register(AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "category", "recipients", "level", "cash_multiplier"]
    list_filter = ["category", "recipients", "level"]
    search_fields = ["name", "short_name", "code"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "position", "agency"]
    search_fields = ["full_name", "search_text"]
    autocomplete_fields = ["agency"]
    list_select_related = ["agency"]
    readonly_fields = ["slug"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["number", "date", "issuer", "signer"]
    search_fields = ["number", "issuer", "signer"]
    date_hierarchy = "date"
    autocomplete_fields = ["source"]


@admin.register(Nomination)
class NominationAdmin(SimpleHistoryAdmin):
    list_display = ["nominee_name", "award_type", "year", "bloc", "status", "decision"]
    list_filter = ["status", "year", "award_type", "bloc"]
    search_fields = ["nominee_name", "agency__search_text", "person__search_text"]
    autocomplete_fields = ["year", "bloc", "award_type", "agency", "person", "decision", "source"]
    list_select_related = ["award_type", "bloc", "decision", "year"]
    readonly_fields = ["created_by", "updated_by", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "publisher", "published", "imported_at"]
    list_filter = ["kind", "publisher"]
    search_fields = ["title", "publisher", "url"]
    readonly_fields = ["content_hash", "imported_at", "imported_by"]

    def get_urls(self):
        from .importer.admin_views import import_article_view

        view = self.admin_site.admin_view(lambda request: import_article_view(request, self))
        return [
            path("import/", view, name="awards_sourcedocument_import"),
            *super().get_urls(),
        ]
