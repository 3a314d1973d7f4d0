"""Fixtures for the export tests: many nominations cheaply, without a factory call each."""

import datetime

import pytest
from django.utils import timezone

from awards.models import Agency, Nomination
from tests.factories import BlocFactory, DecisionFactory, EmulationYearFactory, award_type


@pytest.fixture
def make_nominations(db):
    """Return a function that bulk-creates ``n`` awarded nominations with Vietnamese names."""

    def make(n: int, *, year: int = 2019, prefix: str = "Sở Văn hóa, Thể thao và Du lịch"):
        EmulationYearFactory(year=year)
        bloc = BlocFactory(name="Cụm thi đua các huyện, thị xã, thành phố")
        decision = DecisionFactory(number="163/QĐ-UBND", date=datetime.date(year + 1, 3, 15))
        now = timezone.now()
        start = Agency.objects.count()
        agencies = Agency.objects.bulk_create(
            Agency(
                name=f"{prefix} số {start + k}",
                slug=f"bulk-{year}-{start + k}",
                created_at=now,
                updated_at=now,
            )
            for k in range(n)
        )
        kind = award_type("excellent_collective")
        return Nomination.objects.bulk_create(
            Nomination(
                year_id=year,
                bloc=bloc,
                award_type=kind,
                agency=agency,
                nominee_name=f"{agency.name} (tên cũ: Phòng Giáo dục & Đào tạo)",
                status=Nomination.Status.AWARDED,
                decision=decision,
                created_at=now,
                updated_at=now,
            )
            for agency in agencies
        )

    return make
