"""Staff writes that span records: decisions, approvals, rejections, withdrawals, revocations.

Each is a plain function with keyword-only arguments inside ``transaction.atomic``,
so the admin, the bloc-year page and the tests all go through the same checks:
role and bloc scope, the closed year, and the rules (an approval that breaks a rule
needs a written override reason, kept on the nomination and in its history).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from awards import roles
from awards.models import Decision, Membership, Nomination
from awards.rules import RuleProblem, check_nomination


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


def _check_can_write(user, nomination: Nomination) -> None:
    if not roles.can_use_bloc(user, nomination.bloc_id):
        raise PermissionDenied(_("This nomination belongs to a bloc you do not keep."))
    if not roles.can_edit_year(user, nomination.year_id):
        raise PermissionDenied(
            _("%(year)s is closed; only board administrators may change it.")
            % {"year": nomination.year_id}
        )


def _check_can_decide(user) -> None:
    if not user.has_perm("awards.decide_nomination"):
        raise PermissionDenied(_("You may not decide on nominations."))


def _save(nomination: Nomination, *, user, reason: str) -> Nomination:
    nomination.updated_by = user
    nomination._history_user = user  # simple_history: who, also outside a request
    nomination._change_reason = reason[:100]
    nomination.full_clean()
    nomination.save()
    return nomination


def _locked(nomination: Nomination) -> Nomination:
    """Re-read under a row lock, so two staff deciding at once cannot both win."""
    return Nomination.objects.select_for_update().select_related("award_type").get(pk=nomination.pk)


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
    nomination = _locked(nomination)
    _check_can_write(user, nomination)
    if nomination.status != Nomination.Status.PROPOSED:
        raise ValidationError(_("Only a proposed nomination can be approved."))
    problems = check_nomination(nomination)
    override_reason = (override_reason or "").strip()
    if problems and not override_reason:
        raise OverrideRequired({nomination: problems})
    nomination.status = Nomination.Status.AWARDED
    nomination.decision = decision or nomination.decision
    nomination.source = source or nomination.source
    if problems:
        nomination.override_reason = override_reason
    nomination.decided_by = user
    nomination.decided_at = timezone.now()
    return _save(nomination, user=user, reason="approved")


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
    """Record a decision and mark its nominations awarded; all or nothing.

    ``override_reasons`` maps nomination pk to the written reason for those that break a
    rule; when any is missing, nothing is saved and every problem is reported at once.
    """
    _check_can_decide(user)
    override_reasons = override_reasons or {}
    decision = Decision(number=number, date=date, issuer=issuer, signer=signer, source=source)
    decision.normalize_text_fields()
    decision.full_clean()
    decision._history_user = user
    decision.save()
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
    elif not user.has_perm("awards.change_nomination"):
        raise PermissionDenied(_("You may not change nominations."))
    nomination = _locked(nomination)
    _check_can_write(user, nomination)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"status_reason": _("Give the reason.")})
    if nomination.status not in allowed_from:
        raise ValidationError(
            _("A %(status)s nomination cannot become %(new)s.")
            % {"status": nomination.get_status_display(), "new": Nomination.Status(status).label}
        )
    nomination.status = status
    nomination.status_reason = reason
    nomination.decided_by = user
    nomination.decided_at = timezone.now()
    return _save(nomination, user=user, reason=str(status))


@transaction.atomic
def nomination_reject(*, nomination: Nomination, reason: str, user) -> Nomination:
    """The council or the chairman did not pass the proposal."""
    return _close(
        nomination,
        status=Nomination.Status.REJECTED,
        allowed_from={Nomination.Status.PROPOSED},
        reason=reason,
        user=user,
        needs_decide=True,
    )


@transaction.atomic
def nomination_withdraw(*, nomination: Nomination, reason: str, user) -> Nomination:
    """The bloc or the unit withdrew its proposal (a secretary may do this)."""
    return _close(
        nomination,
        status=Nomination.Status.WITHDRAWN,
        allowed_from={Nomination.Status.PROPOSED},
        reason=reason,
        user=user,
        needs_decide=False,
    )


@transaction.atomic
def nomination_revoke(*, nomination: Nomination, reason: str, user) -> Nomination:
    """An award taken back later; the decision stays recorded beside the reason."""
    return _close(
        nomination,
        status=Nomination.Status.REVOKED,
        allowed_from={Nomination.Status.AWARDED},
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
    if not roles.can_use_bloc(user, bloc.pk):
        raise PermissionDenied(_("You do not keep this bloc."))
    if not roles.can_edit_year(user, year):
        raise PermissionDenied(
            _("%(year)s is closed; only board administrators may change it.") % {"year": year}
        )
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
