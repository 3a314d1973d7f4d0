"""Each database constraint refuses bad data, on SQLite and on PostgreSQL alike."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from awards.models import AgencyLineage, AgencyName, Alias, EmulationYear, Membership, Nomination
from tests.factories import (
    AgencyFactory,
    BlocFactory,
    DecisionFactory,
    EmulationYearFactory,
    MembershipFactory,
    NominationFactory,
    PersonFactory,
    SourceDocumentFactory,
    award_type,
)

pytestmark = pytest.mark.django_db


def refused(callable_, *args, **kwargs):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_(*args, **kwargs)


def test_one_head_per_bloc_and_year():
    head = MembershipFactory(role=Membership.Role.HEAD)
    refused(MembershipFactory, bloc=head.bloc, year=head.year, role=Membership.Role.HEAD)
    # a deputy, and a head of the next year, are fine
    MembershipFactory(bloc=head.bloc, year=head.year, role=Membership.Role.DEPUTY)
    MembershipFactory(
        bloc=head.bloc, year=EmulationYearFactory(year=2020), role=Membership.Role.HEAD
    )


def test_agency_in_bloc_once_a_year():
    member = MembershipFactory()
    refused(MembershipFactory, bloc=member.bloc, agency=member.agency, year=member.year)


def test_agency_cannot_hold_same_award_twice_in_a_year():
    first = NominationFactory(award_type=award_type("prov_flag"))
    refused(
        NominationFactory,
        agency=first.agency,
        year=first.year,
        award_type=first.award_type,
        bloc=first.bloc,
    )


def test_withdrawn_nomination_does_not_block_a_new_one():
    first = NominationFactory(status=Nomination.Status.WITHDRAWN, status_reason="Rút hồ sơ")
    again = NominationFactory(
        agency=first.agency, year=first.year, award_type=first.award_type, bloc=first.bloc
    )
    assert again.pk


def test_person_cannot_hold_same_award_twice_in_a_year():
    first = NominationFactory(
        agency=None, person=PersonFactory(), award_type=award_type("emulation_soldier_province")
    )
    refused(
        NominationFactory,
        agency=None,
        person=first.person,
        year=first.year,
        award_type=first.award_type,
    )


def test_nomination_names_exactly_one_nominee():
    refused(NominationFactory, agency=None, person=None)
    refused(NominationFactory, person=PersonFactory())  # agency and person both


def test_person_has_a_name():
    refused(PersonFactory, full_name="")
    refused(PersonFactory, full_name="   \n ")  # collapses to empty on save


def test_awarded_needs_a_decision_or_source():
    refused(NominationFactory, status=Nomination.Status.AWARDED)
    assert NominationFactory(status=Nomination.Status.AWARDED, decision=DecisionFactory()).pk
    assert NominationFactory(status=Nomination.Status.AWARDED, source=SourceDocumentFactory()).pk


def test_alias_unique_after_folding():
    agency = AgencyFactory()
    Alias.objects.create(text="Sở TT&TT", agency=agency)
    refused(Alias.objects.create, text="SỞ tt&tt", agency=AgencyFactory())
    refused(Alias.objects.create, text="so tt&tt", agency=agency)


def test_alias_belongs_to_exactly_one_target():
    refused(Alias.objects.create, text="Không ai cả")
    refused(Alias.objects.create, text="Cả hai", agency=AgencyFactory(), bloc=BlocFactory())


def test_agency_name_period_is_ordered():
    refused(
        AgencyName.objects.create,
        agency=AgencyFactory(),
        name="Tên cũ",
        valid_from=datetime.date(2020, 1, 1),
        valid_to=datetime.date(2019, 1, 1),
    )


def test_agency_has_one_current_name():
    agency = AgencyFactory()
    AgencyName.objects.create(agency=agency, name="Tên một")
    refused(AgencyName.objects.create, agency=agency, name="Tên hai")


def test_lineage_cannot_point_to_itself():
    agency = AgencyFactory()
    refused(
        AgencyLineage.objects.create,
        predecessor=agency,
        successor=agency,
        kind=AgencyLineage.Kind.RENAMED,
        date=datetime.date(2025, 3, 1),
    )


def test_emulation_year_is_plausible():
    refused(EmulationYear.objects.create, year=1900)


def test_decision_number_and_date_unique():
    decision = DecisionFactory()
    refused(DecisionFactory, number=decision.number, date=decision.date)


def test_source_document_unique_by_content():
    SourceDocumentFactory(raw_text="Cùng một bài")
    # the same text in decomposed Unicode is the same document
    import unicodedata

    refused(SourceDocumentFactory, raw_text=unicodedata.normalize("NFD", "Cùng một bài"))
