"""The admin's forms: every one checks its record through awards.services before it saves.

``ServiceModelForm`` runs the write service's checks (``services.check_save``) in
``clean()``, so a refusal shows beside the field instead of as a 403; the action
forms collect what a decision or a status move needs.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards import services
from awards.models import Nomination, TaskRating
from awards.models.nominations import DECISION_NUMBER


def problems_text(problems) -> str:
    return "\n".join(str(p) for p in problems)


class ServiceModelForm(forms.ModelForm):
    """A model form whose validation ends with the write service's own checks.

    ``services.check_save`` refuses what the save would refuse (role, bloc, closed
    year, status move, rules, a stale version), so the form shows it beside the field
    instead of failing after "Save". ``user`` is set by the admin or the page.
    """

    user = None
    reverting = False  # django-simple-history's revert form: compare with the record as it is

    def full_clean(self):
        super().full_clean()
        # The admin's autocomplete widgets look a submitted value up again to show it; a value
        # that is no id at all ("9\x00", "abc") would fail that query: show the field empty,
        # beside its error.
        refused = [
            name
            for name, field in self.fields.items()
            if name in self._errors and isinstance(field, forms.ModelChoiceField)
        ]
        if refused and self.is_bound:
            self.data = self.data.copy()
            for name in refused:
                self.data[self.add_prefix(name)] = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if hasattr(self._meta.model, "version") and "version" in {
            f.name for f in self._meta.model._meta.concrete_fields
        }:
            version = self.instance.version
            if self.reverting and self.instance.pk:
                version = (
                    type(self.instance)
                    ._default_manager.filter(pk=self.instance.pk)
                    .values_list("version", flat=True)
                    .first()
                )
            self.fields["version"] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, initial=version
            )

    def _post_clean(self):
        super()._post_clean()
        if "version" in self.fields:
            sent = self.cleaned_data.get("version")
            if sent is None:
                self.instance._skip_version_check = True
            else:
                self.instance.version = sent
        if self.errors or self.user is None:
            return
        try:
            services.check_save(instance=self.instance, user=self.user)
        except PermissionDenied as exc:
            self.add_error(None, str(exc) or _("You may not make this change."))
        except services.OverrideRequired as exc:
            self.add_error("override_reason" if "override_reason" in self.fields else None, exc)
        except services.Conflict as exc:
            self.add_error(None, exc)
            # The page comes back with the user's values and the saved version: having
            # read the other values, saving again is a deliberate choice, not a lost update.
            self.data = self.data.copy()
            self.data[self.add_prefix("version")] = exc.current_version
        except ValidationError as exc:
            self.add_service_error(exc)

    def add_service_error(self, exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc)
            return
        for field, errors in exc.error_dict.items():
            self.add_error(field if field in self.fields else None, errors)


def service_form(base, user, **attrs):
    """``base`` with the acting user bound, for a formset or an admin page."""
    return type(base.__name__, (base,), {"user": user, **attrs})


class NominationAdminForm(ServiceModelForm):
    """The change form; the status moves, rules and reasons are checked by the service."""

    class Meta:
        model = Nomination
        fields = [
            "year",
            "bloc",
            "award_type",
            "agency",
            "person",
            "nominee_name",
            "status",
            "status_reason",
            "override_reason",
            "votes",
            "rank",
            "decision",
            "source",
            "notes",
        ]


class DecisionForm(forms.Form):
    number = forms.CharField(
        label=gettext_lazy("Decision number"),
        max_length=60,
        help_text=gettext_lazy("In the official form, e.g. 163/QĐ-UBND or 231/QĐ-TTg."),
    )
    date = forms.DateField(label=gettext_lazy("Date"))
    issuer = forms.CharField(label=gettext_lazy("Issuer"), max_length=200)
    signer = forms.CharField(label=gettext_lazy("Signer"), max_length=200, required=False)

    def __init__(self, *args, problems=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.problems = problems or {}
        for nomination, found in self.problems.items():
            self.fields[f"override_{nomination.pk}"] = forms.CharField(
                label=_("Override reason for %(nominee)s – %(award)s")
                % {"nominee": nomination.nominee_display, "award": nomination.award_type},
                help_text=problems_text(found),
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        if not DECISION_NUMBER.match(number.replace(" ", "")):
            raise ValidationError(_("Write the number in the official form, e.g. 163/QĐ-UBND."))
        return number

    def override_reasons(self) -> dict[int, str]:
        return {n.pk: self.cleaned_data[f"override_{n.pk}"] for n in self.problems}

    def override_fields(self):
        return [self[f"override_{n.pk}"] for n in self.problems]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class RatingForm(ServiceModelForm):
    """A member's task rating for the page's year; only the bloc's members of that year."""

    members: set[int] = set()

    class Meta:
        model = TaskRating
        fields = ["agency", "level"]

    def clean_agency(self):
        agency = self.cleaned_data.get("agency")
        if agency is None:
            raise ValidationError(_("Choose a member agency."))
        if agency.pk not in self.members:
            raise ValidationError(_("Only this bloc's members of this year are rated here."))
        return agency
