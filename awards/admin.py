"""Admin registrations for the staff workflow: every admin is scoped by role.

Lists, forms, inlines, autocomplete, history, import and export all go through
``ScopedAdmin``, so a bloc secretary never reaches another bloc's records, and a
closed year is read-only except for board administrators. Business rules live in
awards.rules and awards.services; the pages are in awards.admin_views.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from . import admin_views, exports, roles
from .models import (
    Agency,
    AgencyLineage,
    AgencyName,
    Alias,
    AwardType,
    Bloc,
    BlocMeeting,
    BlocName,
    BlocSecretary,
    Decision,
    EmulationYear,
    ExclusionRule,
    Membership,
    Nomination,
    Person,
    PrerequisiteRule,
    QuotaRule,
    SourceDocument,
    TaskRating,
)
from .resources import AgencyResource, MembershipResource, NominationResource
from .rules import check_nomination, check_nominations


class ScopedAdmin:
    """Row-level scope on top of the group permissions (mix in before ModelAdmin)."""

    def get_queryset(self, request):
        return roles.scope_queryset(super().get_queryset(request), request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Bloc:
            kwargs["queryset"] = roles.visible_blocs(request.user)
        elif db_field.related_model is EmulationYear and not roles.is_board_admin(request.user):
            kwargs["queryset"] = EmulationYear.objects.open()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and roles.can_see(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and roles.can_touch(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and roles.can_touch(request.user, obj)

    def delete_queryset(self, request, queryset):
        """ "Delete selected" checks each row too: a closed year's records stay."""
        if any(not roles.can_touch(request.user, obj) for obj in queryset):
            raise PermissionDenied
        super().delete_queryset(request, queryset)


class ScopedImportExport(ImportExportMixin):
    """django-import-export with the user passed to the resource (scoped rows, all or nothing)."""

    to_encoding = "utf-8-sig"  # Excel reads UTF-8 CSV only with a BOM
    from_encoding = "utf-8-sig"

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {**kwargs, "user": request.user}

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)


class ScopedInline:
    def get_queryset(self, request):
        return roles.scope_queryset(super().get_queryset(request), request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and roles.can_touch(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and roles.can_touch(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and roles.can_touch(request.user, obj)


# --- agencies and people ---------------------------------------------------------------


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


class RatingInline(ScopedInline, admin.TabularInline):
    model = TaskRating
    extra = 0
    fields = ["year", "level", "source", "notes"]
    autocomplete_fields = ["year", "source"]


@admin.register(Agency)
class AgencyAdmin(ScopedImportExport, ScopedAdmin, admin.ModelAdmin):
    resource_classes = [AgencyResource]
    list_display = ["name", "kind", "province", "dissolved_on"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "search_text"]
    readonly_fields = ["slug"]
    inlines = [AgencyNameInline, AliasInline, LineageInline, RatingInline]


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


@admin.register(Person)
class PersonAdmin(ScopedAdmin, admin.ModelAdmin):
    list_display = ["full_name", "position", "agency"]
    search_fields = ["full_name", "search_text"]
    autocomplete_fields = ["agency"]
    list_select_related = ["agency"]
    readonly_fields = ["slug"]


@admin.register(TaskRating)
class TaskRatingAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["year", "agency", "person", "level"]
    list_filter = ["level", "year"]
    search_fields = ["agency__search_text", "person__search_text"]
    autocomplete_fields = ["year", "agency", "person", "source"]
    list_select_related = ["agency", "person"]


# --- blocs, years, memberships, meetings -------------------------------------------------


class BlocNameInline(admin.TabularInline):
    model = BlocName
    extra = 0


class BlocSecretaryInline(admin.TabularInline):
    model = BlocSecretary
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Bloc)
class BlocAdmin(ScopedAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "organiser_kind", "organiser", "year_pages"]
    list_filter = ["kind", "organiser_kind", "organiser"]
    search_fields = ["name", "search_text", "organiser"]
    readonly_fields = ["slug", "year_pages"]
    inlines = [BlocNameInline, BlocSecretaryInline]

    def get_inlines(self, request, obj):
        if roles.is_board_admin(request.user):
            return self.inlines
        return [BlocNameInline]

    @staticmethod
    def recent_years() -> list[int]:
        return list(EmulationYear.objects.values_list("year", flat=True)[:3])

    @staticmethod
    def year_links(bloc, years):
        return format_html_join(
            " ",
            '<a href="{}">{}</a>',
            ((reverse("admin:awards_bloc_year", args=[bloc.pk, year]), year) for year in years),
        )

    @admin.display(description=_("year pages"))
    def year_pages(self, bloc):
        return self.year_links(bloc, self.recent_years())

    def get_list_display(self, request):
        """The year links with the years read once per request (the admin is shared by threads)."""
        years = self.recent_years()

        @admin.display(description=_("year pages"))
        def year_pages(bloc):
            return self.year_links(bloc, years)

        return [*[f for f in self.list_display if f != "year_pages"], year_pages]

    def get_urls(self):
        view = self.admin_site.admin_view(
            lambda request, pk, year: admin_views.bloc_year_view(self, request, pk, year)
        )
        return [
            path("<int:pk>/year/<int:year>/", view, name="awards_bloc_year"),
            *super().get_urls(),
        ]


@admin.register(EmulationYear)
class EmulationYearAdmin(admin.ModelAdmin):
    list_display = ["year", "status", "checks_link"]
    list_filter = ["status"]
    search_fields = ["year"]

    @admin.display(description=_("checks"))
    def checks_link(self, year):
        url = reverse("admin:awards_nomination_checks") + f"?year={year.year}"
        return format_html('<a href="{}">{}</a>', url, _("open problems"))


@admin.register(Membership)
class MembershipAdmin(ScopedImportExport, ScopedAdmin, SimpleHistoryAdmin):
    resource_classes = [MembershipResource]
    list_display = ["agency", "bloc", "year", "role"]
    list_filter = ["role", "year", ("bloc", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["agency__search_text", "bloc__search_text"]
    autocomplete_fields = ["agency", "bloc", "year", "source"]
    list_select_related = ["agency", "bloc"]


@admin.register(BlocMeeting)
class BlocMeetingAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["bloc", "year", "kind", "date", "venue"]
    list_filter = ["kind", "year"]
    search_fields = ["bloc__search_text", "venue"]
    autocomplete_fields = ["bloc", "year", "venue_agency", "source"]
    list_select_related = ["bloc"]


@admin.register(BlocSecretary)
class BlocSecretaryAdmin(admin.ModelAdmin):
    list_display = ["user", "bloc"]
    list_filter = ["bloc"]
    search_fields = ["user__username", "bloc__search_text"]
    autocomplete_fields = ["user", "bloc"]
    list_select_related = ["user", "bloc"]


# --- catalogue and rules ------------------------------------------------------------------


@admin.register(AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "category", "recipients", "level", "cash_multiplier"]
    list_filter = ["category", "recipients", "level"]
    search_fields = ["name", "short_name", "code"]


class RuleAdmin(admin.ModelAdmin):
    """Rules are data; only board administrators edit them (group permissions)."""

    list_filter = ["active"]
    search_fields = ["code", "name", "legal_basis"]


@admin.register(QuotaRule)
class QuotaRuleAdmin(RuleAdmin):
    list_display = [
        "name",
        "award_type",
        "scope",
        "organiser",
        "max_count",
        "max_share",
        "valid_from",
        "valid_to",
        "active",
    ]
    autocomplete_fields = ["award_type", "bloc", "share_of"]


@admin.register(ExclusionRule)
class ExclusionRuleAdmin(RuleAdmin):
    list_display = ["name", "legal_basis", "valid_from", "valid_to", "active"]
    filter_horizontal = ["award_types"]


@admin.register(PrerequisiteRule)
class PrerequisiteRuleAdmin(RuleAdmin):
    list_display = ["name", "award_type", "kind", "recipients", "valid_from", "valid_to", "active"]
    list_filter = ["kind", "award_type", "active"]
    autocomplete_fields = ["award_type"]
    filter_horizontal = ["required_awards"]


# --- decisions and nominations ------------------------------------------------------------


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["number", "date", "issuer", "signer"]
    search_fields = ["number", "issuer", "signer"]
    date_hierarchy = "date"
    autocomplete_fields = ["source"]


@admin.register(Nomination)
class NominationAdmin(ScopedImportExport, ScopedAdmin, SimpleHistoryAdmin):
    form = admin_views.NominationAdminForm
    resource_classes = [NominationResource]
    change_list_template = "admin/awards/nomination/change_list_staff.html"
    list_display = [
        "nominee_name",
        "award_type",
        "year",
        "bloc",
        "status",
        "decision",
        "rule_warnings",
    ]
    list_filter = ["status", "year", "award_type", ("bloc", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["nominee_name", "agency__search_text", "person__search_text"]
    autocomplete_fields = ["year", "bloc", "award_type", "agency", "person", "decision", "source"]
    list_select_related = ["award_type", "bloc", "decision", "year"]
    readonly_fields = [
        "rule_warnings",
        "decided_by",
        "decided_at",
        "created_by",
        "updated_by",
        "created_at",
        "updated_at",
    ]
    actions = [
        "record_decision",
        "reject",
        "withdraw",
        "revoke",
        "export_report_csv",
        "export_report_xlsx",
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user
        return form

    def get_changelist_instance(self, request):
        """Check the shown page's nominations in one pass, for the warnings column."""
        changelist = super().get_changelist_instance(request)
        found = check_nominations(changelist.result_list)
        for nomination in changelist.result_list:
            nomination._rule_problems = found.get(nomination.pk, [])
        return changelist

    @admin.display(description=_("rule warnings"))
    def rule_warnings(self, nomination):
        problems = getattr(nomination, "_rule_problems", None)
        if problems is None:
            problems = check_nomination(nomination) if nomination.pk else []
        if not problems:
            return "–"
        # The rule's name in the list, its explanation on hover; the change form and the
        # checks page give it in full.
        return format_html_join(
            "",
            '<div class="rule-warning" title="{} ({})">⚠ {}</div>',
            ((p.message, p.legal_basis, p.rule_name) for p in problems),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            nomination = self.get_object(request, object_id)
            if nomination is not None:
                for problem in check_nomination(nomination):
                    self.message_user(request, str(problem), level="warning")
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        view = self.admin_site.admin_view(lambda request: admin_views.checks_view(self, request))
        return [path("checks/", view, name="awards_nomination_checks"), *super().get_urls()]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm("awards.decide_nomination"):
            for name in ("record_decision", "reject", "revoke"):
                actions.pop(name, None)
        if not request.user.has_perm("awards.change_nomination"):
            actions.pop("withdraw", None)
        return actions

    @admin.action(description=_("Record a decision (award the selected proposals)"))
    def record_decision(self, request, queryset):
        return admin_views.decision_action_view(self, request, queryset)

    @admin.action(description=_("Reject, with a reason"))
    def reject(self, request, queryset):
        return admin_views.status_action_view(self, request, queryset, "reject")

    @admin.action(description=_("Withdraw, with a reason"))
    def withdraw(self, request, queryset):
        return admin_views.status_action_view(self, request, queryset, "withdraw")

    @admin.action(description=_("Revoke, with a reason"))
    def revoke(self, request, queryset):
        return admin_views.status_action_view(self, request, queryset, "revoke")

    @admin.action(description=_("Export report (CSV)"))
    def export_report_csv(self, request, queryset):
        return exports.csv_streaming_response(
            queryset, filename=exports.dated_filename("khen-thuong", "csv")
        )

    @admin.action(description=_("Export report (XLSX)"))
    def export_report_xlsx(self, request, queryset):
        return exports.xlsx_response(
            queryset, filename=exports.dated_filename("khen-thuong", "xlsx")
        )


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "publisher", "published", "imported_at"]
    list_filter = ["kind", "publisher"]
    search_fields = ["title", "publisher", "url"]
    readonly_fields = ["content_hash", "imported_at", "imported_by"]

    def get_urls(self):
        from .importer.admin_views import import_article_view

        def view(request):
            # Importing articles writes records for every bloc: board staff and above.
            if not roles.is_board(request.user):
                raise PermissionDenied
            return import_article_view(request, self)

        return [
            path("import/", self.admin_site.admin_view(view), name="awards_sourcedocument_import"),
            *super().get_urls(),
        ]
