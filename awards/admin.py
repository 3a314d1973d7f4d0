"""Admin registrations for the staff workflow: every admin is scoped by role.

Lists, forms, inlines, autocomplete, history, import and export all go through
``ScopedAdmin``, so a bloc secretary never reaches another bloc's records, and a
closed year is read-only except for board administrators. Business rules live in
awards.rules and awards.services; the pages are in awards.admin_views, the forms in awards.forms.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from . import admin_views, exports, forms, resources, roles, services
from .import_formats import LimitedImports
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
    """Row-level scope on top of the group permissions, and every write through the service.

    Mix in before ModelAdmin. The form runs ``services.check_save`` (so a refusal shows
    on the form); saving, deleting and inline rows go through ``services.record_save`` /
    ``record_delete``; django-simple-history's revert form is the change form of the
    record as it is now, scoped and checked the same way.
    """

    form = forms.ServiceModelForm

    def get_queryset(self, request):
        return roles.scope_queryset(super().get_queryset(request), request.user)

    def response_action(self, request, queryset):
        """A selection that is no list of ids (tampered: "4\x00", "abc") is said, not a 500."""
        pk = self.model._meta.pk
        try:
            for value in request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME):
                pk.to_python(value)
        except ValidationError:
            self.message_user(
                request, _("The selection was not understood: nothing was done."), messages.ERROR
            )
            return None
        return super().response_action(request, queryset)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return forms.service_form(
            form, request.user, reverting=getattr(request, "history_revert", False)
        )

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

    def save_model(self, request, obj, form, change):
        services.record_save(instance=obj, user=request.user, reason=self.change_reason(request))

    @staticmethod
    def change_reason(request) -> str:
        return "reverted" if getattr(request, "history_revert", False) else ""

    def delete_model(self, request, obj):
        services.record_delete(instance=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        """ "Delete selected" checks each row too: all or nothing."""
        with transaction.atomic():
            for obj in queryset:
                services.record_delete(instance=obj, user=request.user)

    def save_formset(self, request, form, formset, change):
        """Inline rows through the service as well."""
        for obj in formset.save(commit=False):
            services.record_save(instance=obj, user=request.user)
        for obj in formset.deleted_objects:
            services.record_delete(instance=obj, user=request.user)
        formset.save_m2m()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A refusal found only under the row lock (a race) is said, not a 500."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """simple-history's revert: only for a record in the user's scope that they may change
        as it is now; the save is the change form's (``save_model`` → the service)."""
        current = get_object_or_404(self.get_queryset(request), pk=unquote(object_id))
        if request.method == "POST" and not self.has_change_permission(request, current):
            raise PermissionDenied
        request.history_revert = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        current = None
        if obj is not None and obj.pk:
            current = self.get_queryset(request).filter(pk=obj.pk).first()
        if current is None or not self.has_change_permission(request, current):
            return True
        return super().revert_disabled(request, obj)


class ScopedImportExport(LimitedImports, ImportExportMixin):
    """django-import-export with the user passed to the resource (scoped rows, all or nothing)."""

    to_encoding = "utf-8-sig"  # Excel reads UTF-8 CSV only with a BOM
    from_encoding = "utf-8-sig"
    # round-trip cells and Vietnamese labels, read within the import limits
    formats = import_formats = resources.EXCHANGE_FORMATS

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {**kwargs, "user": request.user}

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        """Stream the download from the database instead of building it in memory."""
        if not self.has_export_permission(request):
            raise PermissionDenied
        resource = self.choose_export_resource_class(export_form, request)(
            **self.get_export_resource_kwargs(request)
        )
        return resources.export_response(
            resource,
            queryset,
            file_format=file_format,
            filename=self.get_export_filename(request, queryset, file_format),
            export_fields=self.get_export_resource_fields_from_form(export_form),
        )

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)


class CheckedInline:
    """Inline rows validated by the write service, so a refusal shows on the row."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = forms.service_form(
            type(formset.form.__name__, (forms.ServiceModelForm, formset.form), {}),
            request.user,
        )
        return formset


class ScopedInline(CheckedInline):
    def get_queryset(self, request):
        return roles.scope_queryset(super().get_queryset(request), request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and roles.can_touch(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and roles.can_touch(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and roles.can_touch(request.user, obj)


# --- staff groups ------------------------------------------------------------------------

# The groups keep their English names in the database (awards.roles looks them up by
# name); the admin shows them in the reader's language.
GROUP_NAMES = (
    gettext_noop("Board administrators"),
    gettext_noop("Board staff"),
    gettext_noop("Bloc secretaries"),
    gettext_noop("Viewers"),
)


def group_label(group) -> str:
    return gettext(group.name)


class TranslatedGroupAdmin(GroupAdmin):
    list_display = ["translated_name"]

    @admin.display(description=_("name"), ordering="name")
    def translated_name(self, group):
        return group_label(group)


class StaffUserAdmin(UserAdmin):
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "groups" and field is not None:
            field.label_from_instance = group_label
        return field


for _model, _admin in ((Group, TranslatedGroupAdmin), (User, StaffUserAdmin)):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _admin)


# --- agencies and people ---------------------------------------------------------------


class AgencyNameInline(CheckedInline, admin.TabularInline):
    model = AgencyName
    extra = 0


class AliasInline(CheckedInline, admin.TabularInline):
    model = Alias
    extra = 0
    fields = ["text"]


class LineageInline(CheckedInline, admin.TabularInline):
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
class AgencyLineageAdmin(ScopedAdmin, admin.ModelAdmin):
    list_display = ["predecessor", "kind", "successor", "date", "legal_basis"]
    list_filter = ["kind"]
    search_fields = ["predecessor__search_text", "successor__search_text", "legal_basis"]
    autocomplete_fields = ["predecessor", "successor"]
    list_select_related = ["predecessor", "successor"]


@admin.register(Alias)
class AliasAdmin(ScopedAdmin, admin.ModelAdmin):
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


class BlocNameInline(CheckedInline, admin.TabularInline):
    model = BlocName
    extra = 0


class BlocSecretaryInline(CheckedInline, admin.TabularInline):
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
        if bloc is None or bloc.pk is None:
            return "–"  # a bloc being added has no year pages yet
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
class EmulationYearAdmin(ScopedAdmin, admin.ModelAdmin):
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
class BlocSecretaryAdmin(ScopedAdmin, admin.ModelAdmin):
    list_display = ["user", "bloc"]
    list_filter = ["bloc"]
    search_fields = ["user__username", "bloc__search_text"]
    autocomplete_fields = ["user", "bloc"]
    list_select_related = ["user", "bloc"]


# --- catalogue and rules ------------------------------------------------------------------


@admin.register(AwardType)
class AwardTypeAdmin(ScopedAdmin, admin.ModelAdmin):
    list_display = ["name", "code", "category", "recipients", "level", "cash_multiplier"]
    list_filter = ["category", "recipients", "level"]
    search_fields = ["name", "short_name", "code"]


class RuleAdmin(ScopedAdmin, admin.ModelAdmin):
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
class DecisionAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["number", "date", "issuer", "signer"]
    search_fields = ["number", "issuer", "signer"]
    date_hierarchy = "date"
    autocomplete_fields = ["source"]


@admin.register(Nomination)
class NominationAdmin(ScopedImportExport, ScopedAdmin, SimpleHistoryAdmin):
    form = forms.NominationAdminForm
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

    def get_changelist_instance(self, request):
        """Check the shown page's nominations in one pass, for the warnings column."""
        changelist = super().get_changelist_instance(request)
        found = check_nominations(changelist.result_list, open_only=True)
        for nomination in changelist.result_list:
            nomination._rule_problems = found.get(nomination.pk, [])
        return changelist

    @admin.display(description=_("rule warnings"))
    def rule_warnings(self, nomination):
        problems = getattr(nomination, "_rule_problems", None)
        if problems is None:
            problems = check_nomination(nomination, open_only=True) if nomination.pk else []
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
                for problem in check_nomination(nomination, open_only=True):
                    self.message_user(request, str(problem), level="warning")
        return super().change_view(request, object_id, form_url, extra_context)

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
class SourceDocumentAdmin(ScopedAdmin, admin.ModelAdmin):
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
