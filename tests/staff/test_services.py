"""Decisions, rejection, withdrawal and revocation: reasons kept, roles and closed years."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from awards import services
from awards.models import Decision, Nomination
from tests.factories import (
    AgencyFactory,
    DecisionFactory,
    EmulationYearFactory,
    NominationFactory,
    award_type,
)

from .conftest import rate

pytestmark = pytest.mark.django_db


def clean_proposal(**kwargs):
    """A provincial certificate for a collective rated excellent two years running."""
    agency = AgencyFactory()
    rate(agency, 2018, "excellent")
    rate(agency, 2019, "excellent")
    return NominationFactory(agency=agency, award_type=award_type("prov_cert"), **kwargs)


def test_decision_record_awards_all_and_keeps_the_decision(board_staff, bloc):
    nominations = [clean_proposal(bloc=bloc) for _ in range(3)]
    decision = services.decision_record(
        nominations=nominations,
        number="163/QĐ-UBND",
        date=datetime.date(2020, 3, 15),
        issuer="Chủ tịch UBND tỉnh Bắc Ninh",
        signer="Nguyễn Văn A",
        user=board_staff,
    )
    assert decision.nominations.filter(status=Nomination.Status.AWARDED).count() == 3
    record = Nomination.objects.get(pk=nominations[0].pk).history.first()
    assert (record.status, record.decision_id, record.history_user) == (
        "awarded",
        decision.pk,
        board_staff,
    )


@pytest.mark.parametrize("number", ["163/QD-UBND", "231/QĐ-TTg", "1234/QĐ-BCA-V03"])
def test_official_decision_numbers_are_accepted(board_staff, number):
    services.decision_record(
        nominations=[clean_proposal()],
        number=number,
        date=datetime.date(2020, 3, 15),
        issuer="Thủ tướng Chính phủ",
        user=board_staff,
    )
    assert Decision.objects.filter(number=number).exists()


@pytest.mark.parametrize("number", ["163", "QĐ-UBND 163", "163/UBND"])
def test_malformed_decision_number_is_refused(board_staff, number):
    nomination = clean_proposal()
    with pytest.raises(ValidationError):
        services.decision_record(
            nominations=[nomination],
            number=number,
            date=datetime.date(2020, 3, 15),
            issuer="UBND tỉnh",
            user=board_staff,
        )
    assert not Decision.objects.exists()


def test_decision_with_one_unexplained_violation_saves_nothing(board_staff):
    good = clean_proposal()
    bad = NominationFactory(award_type=award_type("prov_cert"))  # no ratings: breaks the rule
    with pytest.raises(services.OverrideRequired) as refused:
        services.decision_record(
            nominations=[good, bad],
            number="12/QĐ-UBND",
            date=datetime.date(2020, 3, 15),
            issuer="UBND tỉnh",
            user=board_staff,
        )
    assert list(refused.value.problems) == [bad]
    assert not Decision.objects.exists()
    good.refresh_from_db()
    assert good.status == Nomination.Status.PROPOSED
    services.decision_record(
        nominations=[good, bad],
        number="12/QĐ-UBND",
        date=datetime.date(2020, 3, 15),
        issuer="UBND tỉnh",
        user=board_staff,
        override_reasons={bad.pk: "Thành tích đột xuất trong phòng chống lụt bão"},
    )
    bad.refresh_from_db()
    assert bad.override_reason == "Thành tích đột xuất trong phòng chống lụt bão"
    good.refresh_from_db()
    assert good.override_reason == ""


@pytest.mark.parametrize(
    ("service", "start", "end"),
    [
        (services.nomination_reject, "proposed", "rejected"),
        (services.nomination_withdraw, "proposed", "withdrawn"),
        (services.nomination_revoke, "awarded", "revoked"),
    ],
)
def test_closing_a_nomination_keeps_its_reason(board_staff, service, start, end):
    nomination = NominationFactory(
        status=start, decision=DecisionFactory() if start == "awarded" else None
    )
    with pytest.raises(ValidationError):
        service(nomination=nomination, reason="  ", user=board_staff)
    service(nomination=nomination, reason="Hồ sơ không đủ điều kiện", user=board_staff)
    nomination.refresh_from_db()
    assert (nomination.status, nomination.status_reason) == (end, "Hồ sơ không đủ điều kiện")
    latest = nomination.history.first()
    assert latest.status_reason == "Hồ sơ không đủ điều kiện"
    assert latest.history_user == board_staff


def test_wrong_transitions_are_refused(board_staff):
    with pytest.raises(ValidationError):
        services.nomination_revoke(nomination=NominationFactory(), reason="x", user=board_staff)
    awarded = NominationFactory(status="awarded", decision=DecisionFactory())
    with pytest.raises(ValidationError):
        services.nomination_withdraw(nomination=awarded, reason="x", user=board_staff)


def test_secretary_withdraws_in_own_bloc_only_and_never_decides(secretary, bloc, other_bloc):
    own = NominationFactory(bloc=bloc)
    services.nomination_withdraw(nomination=own, reason="Đơn vị xin rút", user=secretary)
    theirs = NominationFactory(bloc=other_bloc)
    with pytest.raises(PermissionDenied):
        services.nomination_withdraw(nomination=theirs, reason="x", user=secretary)
    with pytest.raises(PermissionDenied):
        services.nomination_reject(
            nomination=NominationFactory(bloc=bloc), reason="x", user=secretary
        )
    with pytest.raises(PermissionDenied):
        services.nomination_approve(nomination=NominationFactory(bloc=bloc), user=secretary)


def test_viewer_changes_nothing(viewer):
    nomination = NominationFactory()
    with pytest.raises(PermissionDenied):
        services.nomination_withdraw(nomination=nomination, reason="x", user=viewer)


def test_closed_year_is_read_only_except_for_board_admins(board_staff, board_admin):
    closed = EmulationYearFactory(year=2017, status="closed")
    nomination = NominationFactory(year=closed)
    with pytest.raises(PermissionDenied):
        services.nomination_reject(nomination=nomination, reason="x", user=board_staff)
    services.nomination_reject(nomination=nomination, reason="Sửa sai sót", user=board_admin)
    nomination.refresh_from_db()
    assert nomination.status == "rejected"


def test_deleting_keeps_the_history(board_staff):
    nomination = NominationFactory()
    pk = nomination.pk
    services.nomination_withdraw(nomination=nomination, reason="Rút", user=board_staff)
    Nomination.objects.get(pk=pk).delete()
    history = Nomination.history.filter(id=pk)
    assert [h.history_type for h in history.order_by("history_date")] == ["+", "~", "-"]


def test_carry_over_copies_last_years_members_once(board_staff):
    import datetime

    from awards.models import Membership
    from awards.services import memberships_carry_over
    from tests.factories import AgencyFactory, BlocFactory, EmulationYearFactory, MembershipFactory

    bloc = BlocFactory()
    last, this = EmulationYearFactory(year=2023), EmulationYearFactory(year=2024)
    head = MembershipFactory(bloc=bloc, year=last, role="head")
    member = MembershipFactory(bloc=bloc, year=last)
    gone = AgencyFactory(dissolved_on=datetime.date(2023, 12, 31))
    MembershipFactory(bloc=bloc, year=last, agency=gone)
    assert memberships_carry_over(bloc=bloc, year=this.year, user=board_staff) == 2
    copied = Membership.objects.filter(bloc=bloc, year=this)
    assert {m.agency for m in copied} == {head.agency, member.agency}
    assert {m.role for m in copied} == {"member"}  # heads are elected, not copied
    assert copied.first().history.first().history_user == board_staff
    assert memberships_carry_over(bloc=bloc, year=this.year, user=board_staff) == 0


def test_carry_over_refuses_a_secretary_of_another_bloc(secretary, other_bloc):
    from django.core.exceptions import PermissionDenied

    from awards.services import memberships_carry_over
    from tests.factories import EmulationYearFactory

    EmulationYearFactory(year=2024)
    with pytest.raises(PermissionDenied):
        memberships_carry_over(bloc=other_bloc, year=2024, user=secretary)
