"""The one write path of the staff side: every create, change, status move, revert,
import and delete of the register goes through here.

The admin's forms and actions, the bloc-year page, django-simple-history's revert,
the CSV/XLSX import and the article importer all call ``record_save`` /
``record_delete`` (or the named status moves, which call it), so each write is
checked in one place: the user's model permission, their bloc (and, for a
secretary, the bloc's members that year), the year being open, the status
transition allowed for their role, the rules with a written override reason,
``decided_by``/``decided_at``, a row lock, and the record's version (a stale form
is a conflict, not a silent overwrite).

``check_save`` runs the same checks without writing, so forms can show the
refusal beside the field; the save re-runs them under the row lock.

``user=None`` is the operator at the command line (``import_article``,
``load_demo``): trusted, like a board administrator.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from awards import roles
from awards.models import (
    Decision,
    Membership,
    Nomination,
    Person,
    TaskRating,
)
from awards.rules import RuleProblem, check_nomination

Status = Nomination.Status


class OverrideRequired(ValidationError):
    """Approving breaks rules and no override reason was given; carries the problems."""

    def __init__(self, problems_by_nomination: dict[Nomination, list[RuleProblem]]):
        self.problems = problems_by_nomination
        lines = [
            f"{nomination.nominee_display} – {nomination.award_type}: {problem}"
            for nomination, problems in problems_by_nomination.items()
            for problem in problems
        ]
        super().__init__(
            [_("Approving breaks a rule; give a written override reason."), *lines],
            code="override_required",
        )


class Conflict(ValidationError):
    """The record changed since the form was opened; nothing was saved.

    ``differences`` maps each field that differs to (the value sent, the value saved
    meanwhile), so the form can show both.
    """

    def __init__(
        self,
        differences: dict[str, tuple],
        labels: dict[str, str] | None = None,
        current_version: int | None = None,
    ):
        self.differences = differences
        self.current_version = current_version
        labels = labels or {}
        lines = [
            _("%(field)s: yours “%(yours)s”, saved meanwhile “%(theirs)s”")
            % {"field": labels.get(name, name), "yours": _shown(mine), "theirs": _shown(theirs)}
            for name, (mine, theirs) in differences.items()
        ]
        super().__init__(
            [
                _(
                    "Someone else saved this record after you opened it; nothing was saved. "
                    "Check their values below, then save again."
                ),
                *lines,
            ],
            code="conflict",
        )


def _shown(value) -> str:
    return "" if value is None else str(value)


# --- who may write what -------------------------------------------------------------------

# (from, to) → the permission a status move needs; board administrators may correct anything.
TRANSITIONS = {
    (Status.PROPOSED, Status.AWARDED): "decide_nomination",
    (Status.PROPOSED, Status.REJECTED): "decide_nomination",
    (Status.AWARDED, Status.REVOKED): "decide_nomination",
    (Status.PROPOSED, Status.WITHDRAWN): "change_nomination",
    (Status.WITHDRAWN, Status.PROPOSED): "change_nomination",
}
CLOSED_STATUSES = (Status.REJECTED, Status.WITHDRAWN, Status.REVOKED)
# What a nominee is: changing any of these is proposing someone (new) for something.
NOMINEE_FIELDS = ("bloc_id", "year_id", "agency_id", "person_id", "award_type_id")


def _is_system(user) -> bool:
    return user is None


def _require_perm(user, action: str, model) -> None:
    if _is_system(user):
        return
    if not user.has_perm(f"awards.{action}_{model._meta.model_name}"):
        messages = {
            "add": _("You may not add %(things)s."),
            "change": _("You may not change %(things)s."),
            "delete": _("You may not delete %(things)s."),
        }
        raise PermissionDenied(messages[action] % {"things": model._meta.verbose_name_plural})


def _closed_year_error(year) -> PermissionDenied:
    return PermissionDenied(
        _("%(year)s is closed; only board administrators may change it.") % {"year": year}
    )


def _check_row(user, obj) -> None:
    """The record (as it is, or as it would be saved) lies in the user's scope and open years."""
    if _is_system(user):
        return
    if isinstance(obj, roles.BLOC_RECORDS) and not roles.can_use_bloc(user, obj.bloc_id):
        if obj.bloc_id is None:
            raise PermissionDenied(_("Choose one of your blocs."))
        raise PermissionDenied(_("This record belongs to a bloc you do not keep."))
    if isinstance(obj, (TaskRating, Person)) and not roles.can_use_agency(
        user, roles.agency_id_of(obj)
    ):
        raise PermissionDenied(_("This agency is not a member of a bloc you keep."))
    year = getattr(obj, "year_id", None)
    if year is not None and not roles.can_edit_year(user, year):
        raise _closed_year_error(year)
    if isinstance(obj, Decision) and obj.pk:
        closed = roles.closed_years_of_decision(user, obj)
        if closed:
            raise PermissionDenied(
                _(
                    "This decision granted awards of %(years)s, which is closed; "
                    "only board administrators may change it."
                )
                % {"years": ", ".join(map(str, closed))}
            )


def _check_members(user, nomination: Nomination) -> None:
    """A secretary proposes only agencies (or people of agencies) in the bloc that year."""
    if _is_system(user) or roles.sees_every_bloc(user):
        return
    agency_id = nomination.agency_id
    if agency_id is not None and agency_id in getattr(nomination, "_pending_members", ()):
        return  # entered as a member on the same page, saved before the proposals
    if agency_id is None and nomination.person_id:
        agency_id = Person.objects.filter(pk=nomination.person_id).values_list(
            "agency_id", flat=True
        )[0]
    if not Membership.objects.filter(
        bloc_id=nomination.bloc_id, year_id=nomination.year_id, agency_id=agency_id
    ).exists():
        raise ValidationError(
            {
                "agency" if nomination.agency_id else "person": _(
                    "Only the bloc's members of %(year)s can be proposed here."
                )
                % {"year": nomination.year_id}
            }
        )


def _check_version(instance, current) -> None:
    """Optimistic lock: the form's version must be the one saved."""
    if not hasattr(current, "version") or getattr(instance, "_skip_version_check", False):
        return
    if instance.version == current.version:
        return
    differences, labels = {}, {}
    for field in instance._meta.concrete_fields:
        if field.name in ("version", "updated_at", "updated_by", "created_at", "created_by"):
            continue
        mine, theirs = field.value_from_object(instance), field.value_from_object(current)
        if mine != theirs:
            differences[field.name] = (
                _display(instance, field, mine),
                _display(current, field, theirs),
            )
            labels[field.name] = str(field.verbose_name)
    raise Conflict(differences, labels, current.version)


def _display(obj, field, value):
    if value in (None, ""):
        return ""
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if field.is_relation:
        return getattr(obj, field.name, value)
    return value


def _check_nomination(user, nomination: Nomination, current: Nomination | None) -> list:
    """Status transition by role, reasons, rules; returns the rule problems of an approval."""
    old = current.status if current is not None else Status.PROPOSED
    new = nomination.status
    adding = current is None
    if adding or any(getattr(nomination, f) != getattr(current, f) for f in NOMINEE_FIELDS):
        _check_members(user, nomination)
    problems: list = []
    if old != new:
        needed = TRANSITIONS.get((old, new))
        if not _is_system(user) and not roles.is_board_admin(user):
            if needed is None:
                raise ValidationError(
                    {
                        "status": _("A %(status)s nomination cannot become %(new)s.")
                        % {"status": Status(old).label, "new": Status(new).label}
                    }
                )
            if not user.has_perm(f"awards.{needed}"):
                # said beside the status field: the rest of the form may be fine
                raise ValidationError(
                    {"status": _("Only board staff decide on nominations.")}, code="permission"
                )
        if new in CLOSED_STATUSES and not (nomination.status_reason or "").strip():
            raise ValidationError({"status_reason": _("Give the reason.")})
        if new == Status.AWARDED:
            if not (nomination.decision_id or nomination.source_id):
                raise ValidationError(
                    {"decision": _("An award needs a decision or a source document.")}
                )
            problems = check_nomination(nomination)
            if problems and not (nomination.override_reason or "").strip():
                raise OverrideRequired({nomination: problems})
    return problems


def _current(instance, *, lock: bool):
    if instance.pk is None:
        return None
    manager = type(instance)._default_manager
    if lock:
        manager = manager.select_for_update()
    return manager.filter(pk=instance.pk).first()


def check_save(*, instance, user, current=None, lock: bool = False):
    """Every check a save must pass, without writing; raises PermissionDenied or ValidationError.

    Returns the stored record it compared against (None for a new one).
    """
    if current is None:
        current = _current(instance, lock=lock)
    model = type(instance)
    _require_perm(user, "add" if current is None else "change", model)
    if current is not None:
        _check_row(user, current)
        _check_version(instance, current)
    _check_row(user, instance)
    if isinstance(instance, Nomination):
        _check_nomination(user, instance, current)
    return current


def _stamp(instance, current, *, user, reason: str) -> None:
    """Who and why, for the history; decided_by/at when a nomination's status moved."""
    actor = None if _is_system(user) else user
    if actor is not None:
        instance._history_user = actor
        if hasattr(instance, "updated_by_id"):
            instance.updated_by = actor
            if current is None and not instance.created_by_id:
                instance.created_by = actor
    if reason:
        instance._change_reason = reason[:100]
    if (
        isinstance(instance, Nomination)
        and (current is None or current.status != instance.status)
        and instance.status != Status.PROPOSED
    ):
        instance.decided_by = actor
        instance.decided_at = timezone.now()
    if hasattr(instance, "version"):
        instance.version = (current.version if current is not None else 0) + 1


@transaction.atomic
def record_save(*, instance, user, reason: str = ""):
    """Save one record of the register through every check, under a row lock."""
    current = check_save(instance=instance, user=user, lock=True)
    _stamp(instance, current, user=user, reason=reason)
    instance.save()
    return instance


@transaction.atomic
def record_delete(*, instance, user) -> None:
    """Delete one record: delete permission, its bloc and year, and a decided nomination only
    by those who decide."""
    current = _current(instance, lock=True)
    if current is None:
        return
    _require_perm(user, "delete", type(instance))
    _check_row(user, current)
    if (
        isinstance(current, Nomination)
        and current.status != Status.PROPOSED
        and not _is_system(user)
        and not user.has_perm("awards.decide_nomination")
    ):
        raise PermissionDenied(_("Only board staff decide on nominations."))
    if not _is_system(user):
        current._history_user = user
    current.delete()


# --- status moves -------------------------------------------------------------------------


def _locked(nomination: Nomination) -> Nomination:
    """Re-read under a row lock, so two staff deciding at once cannot both win."""
    return Nomination.objects.select_for_update().select_related("award_type").get(pk=nomination.pk)


def _check_can_decide(user) -> None:
    if not _is_system(user) and not user.has_perm("awards.decide_nomination"):
        raise PermissionDenied(_("You may not decide on nominations."))


@transaction.atomic
def nomination_approve(
    *,
    nomination: Nomination,
    user,
    decision: Decision | None = None,
    source=None,
    override_reason: str = "",
) -> Nomination:
    """Mark a proposal awarded. Rule problems need ``override_reason``, which is kept."""
    _check_can_decide(user)
    target = _locked(nomination)
    if target.status != Status.PROPOSED:
        raise ValidationError(_("Only a proposed nomination can be approved."))
    target.status = Status.AWARDED
    target.decision = decision or target.decision
    target.source = source or target.source
    override_reason = (override_reason or "").strip()
    if override_reason:
        target.override_reason = override_reason
    if not check_nomination(target):
        target.override_reason = ""  # no rule broken: nothing overridden
    return record_save(instance=target, user=user, reason="approved")


def decision_find_or_create(
    *, number: str, date: datetime.date, issuer: str, signer: str = "", source=None, user
) -> Decision:
    """The decision with this number and date, or a new one: a provincial decision usually
    covers every bloc, so adding nominations to it is normal."""
    decision = Decision(number=number, date=date, issuer=issuer, signer=signer, source=source)
    decision.normalize_text_fields()
    existing = (
        Decision.objects.select_for_update()
        .filter(number=decision.number, date=decision.date)
        .first()
    )
    if existing is not None:
        return existing
    decision.full_clean()
    return record_save(instance=decision, user=user, reason="recorded")


@transaction.atomic
def decision_record(
    *,
    nominations,
    number: str,
    date: datetime.date,
    issuer: str,
    signer: str = "",
    user,
    override_reasons: dict[int, str] | None = None,
    source=None,
) -> Decision:
    """Record a decision (or add to the one with this number and date) and mark its
    nominations awarded; all or nothing.

    ``override_reasons`` maps nomination pk to the written reason for those that break a
    rule; when any is missing, nothing is saved and every problem is reported at once.
    """
    _check_can_decide(user)
    override_reasons = override_reasons or {}
    decision = decision_find_or_create(
        number=number, date=date, issuer=issuer, signer=signer, source=source, user=user
    )
    missing: dict[Nomination, list[RuleProblem]] = {}
    for nomination in nominations:
        try:
            nomination_approve(
                nomination=nomination,
                user=user,
                decision=decision,
                override_reason=override_reasons.get(nomination.pk, ""),
            )
        except OverrideRequired as exc:
            missing.update(exc.problems)
    if missing:
        raise OverrideRequired(missing)
    return decision


def _close(nomination, *, status, allowed_from, reason, user, needs_decide) -> Nomination:
    if needs_decide:
        _check_can_decide(user)
    else:
        _require_perm(user, "change", Nomination)
    target = _locked(nomination)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"status_reason": _("Give the reason.")})
    if target.status not in allowed_from:
        raise ValidationError(
            _("A %(status)s nomination cannot become %(new)s.")
            % {"status": target.get_status_display(), "new": Status(status).label}
        )
    target.status = status
    target.status_reason = reason
    return record_save(instance=target, user=user, reason=str(status))


@transaction.atomic
def nomination_reject(*, nomination: Nomination, reason: str, user) -> Nomination:
    """The council or the chairman did not pass the proposal."""
    return _close(
        nomination,
        status=Status.REJECTED,
        allowed_from={Status.PROPOSED},
        reason=reason,
        user=user,
        needs_decide=True,
    )


@transaction.atomic
def nomination_withdraw(*, nomination: Nomination, reason: str, user) -> Nomination:
    """The bloc or the unit withdrew its proposal (a secretary may do this)."""
    return _close(
        nomination,
        status=Status.WITHDRAWN,
        allowed_from={Status.PROPOSED},
        reason=reason,
        user=user,
        needs_decide=False,
    )


@transaction.atomic
def nomination_revoke(*, nomination: Nomination, reason: str, user) -> Nomination:
    """An award taken back later; the decision stays recorded beside the reason."""
    return _close(
        nomination,
        status=Status.REVOKED,
        allowed_from={Status.AWARDED},
        reason=reason,
        user=user,
        needs_decide=True,
    )


@transaction.atomic
def memberships_carry_over(*, bloc, year: int, user) -> int:
    """Start a bloc's year with last year's members (as plain members); returns how many.

    Agencies already in this year, and agencies dissolved before it began, are left
    out; heads and deputies are elected, so they are entered, not copied.
    """
    _require_perm(user, "add", Membership)
    if not _is_system(user) and not roles.can_use_bloc(user, bloc.pk):
        raise PermissionDenied(_("You do not keep this bloc."))
    if not _is_system(user) and not roles.can_edit_year(user, year):
        raise _closed_year_error(year)
    first_day = datetime.date(year, 1, 1)
    already = Membership.objects.filter(bloc=bloc, year_id=year).values("agency_id")
    previous = (
        Membership.objects.filter(bloc=bloc, year_id=year - 1)
        .exclude(agency_id__in=already)
        .exclude(agency__dissolved_on__lte=first_day)
        .values_list("agency_id", flat=True)
    )
    created = bulk_create_with_history(
        [
            Membership(bloc=bloc, agency_id=agency_id, year_id=year, role=Membership.Role.MEMBER)
            for agency_id in previous
        ],
        Membership,
        default_user=user,
        default_change_reason="carried over from the previous year",
    )
    return len(created)
