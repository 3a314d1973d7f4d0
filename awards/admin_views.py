"""Staff pages inside the admin: a bloc's year on one page, the year's checks, and the
intermediate pages of the decision and reject/withdraw/revoke actions.

The writes go through awards.services and the checks through awards.rules; these views
only collect input and show results.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import UniqueConstraint
from django.forms import BaseModelFormSet, modelformset_factory
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from awards import roles, services
from awards.forms import DecisionForm, RatingForm, ReasonForm, ServiceModelForm, service_form
from awards.models import (
    AwardType,
    BlocMeeting,
    EmulationYear,
    Membership,
    Nomination,
    TaskRating,
)
from awards.rules import check_nominations, year_problems


def _action_context(model_admin, request, queryset, title):
    return {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "opts": model_admin.model._meta,
        "nominations": queryset,
        "action": request.POST.get("action"),
        "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }


def decision_action_view(model_admin, request, queryset):
    """Record a decision for the selected proposals; ask an override reason where needed."""
    if not request.user.has_perm("awards.decide_nomination"):
        raise PermissionDenied
    nominations = list(
        queryset.filter(status=Nomination.Status.PROPOSED).select_related(
            "award_type", "bloc", "agency", "person"
        )
    )
    skipped = queryset.exclude(status=Nomination.Status.PROPOSED).count()
    if not nominations:
        messages.warning(request, _("None of the selected nominations is a proposal."))
        return None
    found = check_nominations(nominations)
    problems = {n: found[n.pk] for n in nominations if found.get(n.pk)}
    form = DecisionForm(request.POST if "apply" in request.POST else None, problems=problems)
    if form.is_valid():
        try:
            decision = services.decision_record(
                nominations=nominations,
                number=form.cleaned_data["number"],
                date=form.cleaned_data["date"],
                issuer=form.cleaned_data["issuer"],
                signer=form.cleaned_data["signer"],
                user=request.user,
                override_reasons=form.override_reasons(),
            )
        except PermissionDenied as exc:
            # e.g. a closed year's proposal: said on the form, in the user's language
            form.add_error(None, str(exc) or _("You may not record this decision."))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "Decision %(decision)s recorded: %(count)s nomination awarded.",
                    "Decision %(decision)s recorded: %(count)s nominations awarded.",
                    len(nominations),
                )
                % {"decision": decision, "count": len(nominations)},
            )
            if skipped:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)s selected was not a proposal and was left.",
                        "%(count)s selected were not proposals and were left.",
                        skipped,
                    )
                    % {"count": skipped},
                )
            return None
    context = _action_context(model_admin, request, nominations, _("Record a decision")) | {
        "form": form,
        "skipped": skipped,
    }
    return TemplateResponse(request, "admin/awards/nomination/decision.html", context)


STATUS_SERVICES = {
    "reject": (services.nomination_reject, gettext_lazy("Reject")),
    "withdraw": (services.nomination_withdraw, gettext_lazy("Withdraw")),
    "revoke": (services.nomination_revoke, gettext_lazy("Revoke")),
}


def status_action_view(model_admin, request, queryset, which: str):
    """Reject, withdraw or revoke the selection with one written reason; all or nothing."""
    service, label = STATUS_SERVICES[which]
    form = ReasonForm(request.POST if "apply" in request.POST else None)
    nominations = list(queryset.select_related("award_type"))
    if form.is_valid():
        try:
            with transaction.atomic():
                for nomination in nominations:
                    service(
                        nomination=nomination, reason=form.cleaned_data["reason"], user=request.user
                    )
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            return None
        messages.success(
            request,
            ngettext(
                "%(action)s: %(count)s nomination.",
                "%(action)s: %(count)s nominations.",
                len(nominations),
            )
            % {"action": label, "count": len(nominations)},
        )
        return None
    context = _action_context(model_admin, request, nominations, label) | {"form": form}
    return TemplateResponse(request, "admin/awards/nomination/status_reason.html", context)


# --- checks page ------------------------------------------------------------------------


def checks_view(model_admin, request):
    """Every open problem of a year, in the user's blocs."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    years = list(EmulationYear.objects.values_list("year", flat=True))
    try:
        year = int(request.GET.get("year") or (years[0] if years else 0))
    except ValueError as exc:
        raise Http404 from exc
    blocs = None if roles.sees_every_bloc(request.user) else roles.visible_blocs(request.user)
    problems = year_problems(year, blocs=blocs) if year else []
    nominations = Nomination.objects.select_related("award_type", "bloc").in_bulk(
        {p.nomination_id for p in problems}
    )
    rows = [(p, nominations.get(p.nomination_id)) for p in problems]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Checks for %(year)s") % {"year": year},
        "opts": model_admin.model._meta,
        "year": year,
        "years": years,
        "rows": rows,
    }
    return TemplateResponse(request, "admin/awards/nomination/checks.html", context)


# --- a bloc's year on one page ------------------------------------------------------------


def _unique_keys(instance):
    """(constraint, values) for each unique constraint of the model that the record is under.

    Conditional constraints (one head per bloc, one standing proposal per award) count
    only when the record meets the condition; a NULL never clashes.
    """
    meta = instance._meta
    for constraint in meta.constraints:
        if not isinstance(constraint, UniqueConstraint) or not constraint.fields:
            continue
        values = tuple(getattr(instance, meta.get_field(f).attname) for f in constraint.fields)
        if None in values:
            continue
        if constraint.condition is not None and not constraint.condition.check(
            instance._get_field_expression_map(meta=meta)
        ):
            continue
        yield constraint, values


def row_label(form) -> str:
    """What a row is about, in words: its agency or person, award or kind."""
    parts = []
    for name in ("agency", "person", "award_type", "kind", "date"):
        value = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
        if not value:
            continue
        choices = getattr(form.fields[name], "choices", None)
        if isinstance(value, str) and choices is not None:
            value = dict(choices).get(value, value)  # a kind by its label, not its code
        parts.append(str(getattr(value, "short_name", None) or value))
    return " – ".join(parts)


class _BlocYearFormSet(BaseModelFormSet):
    """Every form's record belongs to the page's bloc and year before it is validated.

    The forms leave out bloc and year, so Django would not check the constraints that
    name them; ``clean`` does, between the rows of the page and against the records
    not on it, and puts each clash on the row that causes it.
    """

    def __init__(self, *args, bloc=None, year=None, pending_members=None, **kwargs):
        self.bloc, self.year = bloc, year
        # agencies entered as members in this same post: proposals may name them
        self.pending_members = pending_members if pending_members is not None else set()
        super().__init__(*args, **kwargs)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if hasattr(form.instance, "bloc_id"):
            form.instance.bloc = self.bloc
        form.instance.year = self.year
        if isinstance(form.instance, Nomination):
            form.instance._pending_members = self.pending_members
        return form

    def kept_forms(self):
        """The rows that will stand after saving: valid, filled in, not ticked for deletion."""
        for form in self.forms:
            if not form.is_valid() or (self.can_delete and self._should_delete_form(form)):
                continue
            if form.instance.pk is None and not form.has_changed():
                continue
            yield form

    def clean(self):
        super().clean()
        if self.model is Membership:
            for form in self.forms:
                agency = getattr(form, "cleaned_data", {}).get("agency")
                if agency is not None and not self._should_delete_form(form):
                    self.pending_members.add(agency.pk)
        on_page = {f.instance.pk for f in self.forms if f.instance.pk}
        seen = {}
        for form in self.kept_forms():
            for constraint, values in _unique_keys(form.instance):
                message = constraint.get_violation_error_message()
                key = (constraint.name, values)
                if key in seen:
                    form.add_error(None, message)
                    continue
                seen[key] = form
                if not form.has_changed():
                    continue
                lookup = dict(
                    zip(
                        (form.instance._meta.get_field(f).attname for f in constraint.fields),
                        values,
                        strict=True,
                    )
                )
                clash = type(form.instance)._default_manager.filter(**lookup)
                if constraint.condition is not None:
                    clash = clash.filter(constraint.condition)
                if clash.exclude(pk__in=on_page).exists():
                    form.add_error(None, message)


def page_errors(sections) -> list[dict]:
    """Every failing row of every section, for the summary at the top of the page."""
    found = []
    for title, formset in sections:
        for message in formset.non_form_errors():
            found.append({"section": title, "row": None, "label": "", "messages": [message]})
        for number, form in enumerate(formset.forms, start=1):
            if not form.errors:
                continue
            messages_ = []
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                messages_ += [f"{label}: {e}" if label else str(e) for e in errors]
            found.append(
                {
                    "section": title,
                    "row": number,
                    "label": row_label(form),
                    "messages": messages_,
                    "anchor": f"{formset.prefix}-row-{number}",
                }
            )
    return found


class KnownAutocompleteSelect(AutocompleteSelect):
    """Autocomplete that renders already-loaded choices without a query per row.

    Django's widget looks up each selected value on render; a grid of dozens of rows
    would make dozens of queries. ``known`` maps str(pk) to the loaded object.
    """

    def __init__(self, field, admin_site, known: dict, **kwargs):
        super().__init__(field, admin_site, **kwargs)
        self.known = known

    def optgroups(self, name, value, attr=None):
        empty = self.choices.field.empty_values
        selected = {str(v) for v in value if str(v) not in empty}
        if not selected or not selected <= self.known.keys():
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        for key in sorted(selected):
            label = self.choices.field.label_from_instance(self.known[key])
            options.append(self.create_option(name, key, label, True, len(options)))
        return [(None, options, 0)]


def _autocomplete(model, *names, site, known):
    return {
        name: KnownAutocompleteSelect(model._meta.get_field(name), site, known[name])
        for name in names
    }


def _formsets(request, bloc, year, site, data=None):
    prefix_kwargs = {"bloc": bloc, "year": year, "pending_members": set()}
    checked = service_form(ServiceModelForm, request.user)
    memberships = Membership.objects.filter(bloc=bloc, year=year).select_related("agency")
    meetings = BlocMeeting.objects.filter(bloc=bloc, year=year).select_related("venue_agency")
    # Only proposals are edited here; decided ones are shown read-only below the grid.
    proposals = Nomination.objects.filter(
        bloc=bloc, year=year, status=Nomination.Status.PROPOSED
    ).select_related("award_type", "agency", "person")
    members = {m.agency_id for m in memberships}
    ratings = TaskRating.objects.filter(year=year, agency_id__in=members).select_related("agency")
    known = {
        "agency": {str(m.agency_id): m.agency for m in memberships}
        | {str(n.agency_id): n.agency for n in proposals if n.agency_id},
        "venue_agency": {
            str(m.venue_agency_id): m.venue_agency for m in meetings if m.venue_agency_id
        },
        "person": {str(n.person_id): n.person for n in proposals if n.person_id},
        "award_type": {str(a.pk): a for a in AwardType.objects.all()},
    }
    Memberships = modelformset_factory(
        Membership,
        form=checked,
        formset=_BlocYearFormSet,
        fields=["agency", "role", "notes"],
        widgets=_autocomplete(Membership, "agency", site=site, known=known)
        | {"notes": forms.TextInput(attrs={"size": 30})},
        extra=3,
        can_delete=True,
    )
    Meetings = modelformset_factory(
        BlocMeeting,
        form=checked,
        formset=_BlocYearFormSet,
        fields=["kind", "date", "venue", "venue_agency", "notes"],
        widgets=_autocomplete(BlocMeeting, "venue_agency", site=site, known=known)
        | {"notes": forms.TextInput(attrs={"size": 30})},
        extra=1,
        can_delete=True,
    )
    Nominations = modelformset_factory(
        Nomination,
        form=checked,
        formset=_BlocYearFormSet,
        fields=["award_type", "agency", "person", "votes", "rank", "notes"],
        widgets=_autocomplete(Nomination, "award_type", "agency", "person", site=site, known=known)
        | {"notes": forms.TextInput(attrs={"size": 30})},
        extra=5,
    )
    Ratings = modelformset_factory(
        TaskRating,
        form=service_form(RatingForm, request.user, members=members),
        formset=_BlocYearFormSet,
        widgets=_autocomplete(TaskRating, "agency", site=site, known=known),
        extra=2,
    )
    return (
        Memberships(data, queryset=memberships, prefix="members", **prefix_kwargs),
        Meetings(data, queryset=meetings, prefix="meetings", **prefix_kwargs),
        Nominations(data, queryset=proposals, prefix="nominations", **prefix_kwargs),
        Ratings(data, queryset=ratings, prefix="ratings", **prefix_kwargs),
    )


def _save_formsets(request, formsets):
    """Every row through the write service (the forms ran its checks already)."""
    for formset in formsets:
        for instance in formset.save(commit=False):
            services.record_save(instance=instance, user=request.user, reason="bloc year page")
        for instance in formset.deleted_objects:
            services.record_delete(instance=instance, user=request.user)


def _conflict_text(exc: IntegrityError, models) -> str:
    """The violated constraint's own message, whichever of the page's models it belongs to."""
    from awards.resources import constraint_message

    for model in models:
        if any(c.name in str(exc) for c in model._meta.constraints):
            return constraint_message(model(), exc)
    for model in models:  # SQLite names the columns, not the constraint
        if model._meta.db_table in str(exc):
            return constraint_message(model(), exc)
    return str(exc)


SECTION_TITLES = (
    gettext_lazy("Members and their roles"),
    gettext_lazy("Meetings"),
    gettext_lazy("Proposals (results of the year-end meeting)"),
    gettext_lazy("Task ratings of the members"),
)


def bloc_year_view(model_admin, request, bloc_id, year):
    """Members and their roles, meetings and proposals of one bloc in one year, one form."""
    bloc = get_object_or_404(roles.visible_blocs(request.user), pk=bloc_id)
    emulation_year = get_object_or_404(EmulationYear, year=year)
    user = request.user
    can_edit = roles.can_edit_year(user, emulation_year) and all(
        user.has_perm(f"awards.{perm}")
        for perm in (
            "change_membership",
            "add_membership",
            "change_nomination",
            "add_nomination",
            "add_taskrating",
            "change_taskrating",
        )
    )
    data = request.POST if request.method == "POST" else None
    if data is not None and not can_edit:
        raise PermissionDenied
    formsets = _formsets(request, bloc, emulation_year, model_admin.admin_site, data)
    sections = list(zip(SECTION_TITLES, formsets, strict=True))
    carry_over = data is not None and "carry_over" in data
    previous = emulation_year.year - 1
    if data is not None:
        # every section validated, so that all errors show at once
        if all([f.is_valid() for f in formsets]):
            try:
                with transaction.atomic():
                    # what was typed is saved first: carrying over never loses it
                    _save_formsets(request, formsets)
                    if carry_over:
                        count = services.memberships_carry_over(
                            bloc=bloc, year=emulation_year.year, user=user
                        )
            except IntegrityError as exc:
                # a clash the row checks could not see (e.g. saved meanwhile by someone else)
                messages.error(
                    request,
                    _("Nothing was saved: a record conflicts with another (%(error)s).")
                    % {"error": _conflict_text(exc, [f.model for f in formsets])},
                )
            except (PermissionDenied, ValidationError) as exc:  # found under the row lock
                messages.error(request, " ".join(getattr(exc, "messages", None) or [str(exc)]))
            else:
                messages.success(request, _("Saved."))
                if carry_over:
                    messages.success(
                        request,
                        ngettext(
                            "%(count)d member carried over from %(previous)d.",
                            "%(count)d members carried over from %(previous)d.",
                            count,
                        )
                        % {"count": count, "previous": previous},
                    )
                return HttpResponseRedirect(request.path)
        elif carry_over:
            messages.warning(
                request,
                _(
                    "Nothing was saved and the members of %(previous)d were not added yet: "
                    "correct the rows listed at the top, then press the button again."
                )
                % {"previous": previous},
            )
    decided = (
        Nomination.objects.filter(bloc=bloc, year=emulation_year)
        .exclude(status=Nomination.Status.PROPOSED)
        .select_related("award_type", "decision")
    )
    standing = list(
        Nomination.objects.filter(bloc=bloc, year=emulation_year).select_related("award_type")
    )
    problems = check_nominations(standing, open_only=True)
    media = forms.Media(js=["admin/js/vendor/jquery/jquery.js", "admin/js/jquery.init.js"])
    for formset in formsets:
        media += formset.media
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("%(bloc)s – %(year)s") % {"bloc": bloc, "year": year},
        "opts": model_admin.model._meta,
        "bloc": bloc,
        "year": emulation_year,
        "years": EmulationYear.objects.values_list("year", flat=True),
        "members_formset": formsets[0],
        "meetings_formset": formsets[1],
        "nominations_formset": formsets[2],
        "ratings_formset": formsets[3],
        "decided": decided,
        "problems": [(n, problems.get(n.pk, [])) for n in standing if problems.get(n.pk)],
        "can_edit": can_edit,
        "page_errors": page_errors(sections) if data is not None else [],
        "media": media,
        "checks_url": reverse("admin:awards_nomination_checks") + f"?year={year}",
    }
    return TemplateResponse(request, "admin/awards/bloc/bloc_year.html", context)
