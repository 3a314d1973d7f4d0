"""A history of any size for the public pages, built with the shared factories."""

import datetime
import itertools

import pytest

from awards.models import AgencyLineage, Membership, Nomination
from tests.factories import (
    AgencyFactory,
    AgencyNameFactory,
    AliasFactory,
    BlocFactory,
    DecisionFactory,
    EmulationYearFactory,
    MembershipFactory,
    NominationFactory,
    PersonFactory,
    SourceDocumentFactory,
    award_type,
)

COLLECTIVE_CODES = ("prov_flag", "gov_flag", "excellent_collective", "prov_cert")
INDIVIDUAL_CODES = ("emulation_soldier_grassroots", "prov_cert")
FIRST_YEAR, LAST_YEAR = 2016, 2025


class History:
    """Handles on the objects the tests look at; the bulk is anonymous."""

    def __init__(self, size: int):
        years = [EmulationYearFactory(year=y) for y in range(FIRST_YEAR, LAST_YEAR + 1)]
        self.years = years
        self.blocs = [BlocFactory(name=f"Khối thi đua số {i}") for i in range(1, 4)]
        self.bloc = self.blocs[0]
        # The renamed agency of the browser tests, with a predecessor merged into it.
        self.renamed = AgencyFactory(name="Sở Công thương")
        AgencyNameFactory(
            agency=self.renamed, name="Sở Thương mại", valid_to=datetime.date(2017, 12, 31)
        )
        AgencyNameFactory(
            agency=self.renamed, name="Sở Công thương", valid_from=datetime.date(2018, 1, 1)
        )
        self.predecessor = AgencyFactory(name="Sở Khoa học và Công nghệ cũ")
        AgencyLineage.objects.create(
            predecessor=self.predecessor,
            successor=self.renamed,
            kind=AgencyLineage.Kind.MERGED,
            date=datetime.date(2025, 7, 1),
        )
        self.plan = AgencyFactory(name="Sở Kế hoạch và Đầu tư")
        AliasFactory(agency=self.plan, text="Sở KH&ĐT")
        agency_count = max(2, size // (len(years) * 3))
        self.agencies = [self.renamed, self.predecessor, self.plan] + [
            AgencyFactory() for _ in range(max(0, agency_count - 3))
        ]
        self.person = PersonFactory(full_name="Nguyễn Thị Đào", agency=self.renamed)
        self.people = [self.person] + [
            PersonFactory(agency=self.agencies[i % len(self.agencies)])
            for i in range(max(1, size // 40))
        ]
        self.source = SourceDocumentFactory(title="Tổng kết khối thi đua năm 2024")
        self.decision = DecisionFactory()
        for year in years:
            for b, bloc in enumerate(self.blocs):
                members = self.agencies[b::3] or self.agencies[:1]
                for i, agency in enumerate(members):
                    role = [Membership.Role.HEAD, Membership.Role.DEPUTY][i] if i < 2 else "member"
                    MembershipFactory(bloc=bloc, agency=agency, year=year, role=role)
        self.nominations = self._nominations(size)
        self.rejected = NominationFactory(
            year=years[-1],
            bloc=self.bloc,
            agency=self.plan,
            award_type=award_type("merit_paper"),
            nominee_name="Đơn vị bị từ chối",
            status=Nomination.Status.REJECTED,
            status_reason="Không đủ điều kiện",
        )

    def _nominations(self, size: int) -> list[Nomination]:
        collective = (
            (year, agency, None, code)
            for code in COLLECTIVE_CODES
            for agency in self.agencies
            for year in self.years
        )
        individual = (
            (year, None, person, code)
            for code in INDIVIDUAL_CODES
            for person in self.people
            for year in self.years
        )
        # Every fifth record is an individual's, while there are people left.
        slots = (
            next(individual, None) if i % 5 == 4 else next(collective, None) for i in range(size)
        )
        slots = itertools.chain((s for s in slots if s), collective)
        codes = {c: award_type(c) for c in (*COLLECTIVE_CODES, *INDIVIDUAL_CODES)}
        rows = []
        for i, (year, agency, person, code) in enumerate(itertools.islice(slots, size)):
            awarded = i % 3 != 0
            name = agency.name_on(datetime.date(year.year, 12, 31)) if agency else person.full_name
            rows.append(
                NominationFactory.build(
                    year=year,
                    bloc=self.blocs[i % 3],
                    agency=agency,
                    person=person,
                    award_type=codes[code],
                    nominee_name=name,
                    status="awarded" if awarded else "proposed",
                    decision=self.decision if awarded else None,
                    source=self.source,
                )
            )
        return Nomination.objects.bulk_create(rows)


@pytest.fixture
def history_factory(db):
    return History


@pytest.fixture
def small_history(db):
    return History(10)
