"""Model behaviour: names over time, search text kept current, NFC on save, clean()."""

import datetime
import unicodedata

import pytest
from django.core.exceptions import ValidationError

from awards.models import Agency, AgencyLineage, AgencyName, Alias, Nomination
from tests.factories import (
    AgencyFactory,
    BlocFactory,
    DecisionFactory,
    EmulationYearFactory,
    NominationFactory,
    PersonFactory,
    award_type,
)

pytestmark = pytest.mark.django_db


def test_every_text_field_is_stored_nfc():
    agency = AgencyFactory(name=unicodedata.normalize("NFD", "Sở Xây dựng"), notes="ghi\r\nchú")
    agency.refresh_from_db()
    assert agency.name == "Sở Xây dựng"
    assert unicodedata.is_normalized("NFC", agency.name)
    assert agency.notes == "ghi\nchú"


def test_slug_is_ascii_and_unique():
    first = AgencyFactory(name="Sở Tài chính")
    second = AgencyFactory(name="Sở Tài Chính")
    assert first.slug == "so-tai-chinh"
    assert second.slug == "so-tai-chinh-2"


def test_rename_keeps_identity_and_history():
    agency = AgencyFactory(name="Sở Nông nghiệp và Phát triển nông thôn")
    agency.rename("Sở Nông nghiệp và Môi trường", on=datetime.date(2025, 3, 1))
    agency.refresh_from_db()
    assert agency.name == "Sở Nông nghiệp và Môi trường"
    assert agency.name_on(datetime.date(2024, 12, 31)) == "Sở Nông nghiệp và Phát triển nông thôn"
    assert agency.name_on(datetime.date(2025, 3, 1)) == "Sở Nông nghiệp và Môi trường"
    # found by its former name, without diacritics
    assert list(Agency.objects.search("nong nghiep va phat trien")) == [agency]


def test_award_keeps_the_name_it_was_given_under():
    agency = AgencyFactory(name="UBND huyện Quế Võ")
    nomination = NominationFactory(agency=agency, year=EmulationYearFactory(year=2020))
    agency.rename("UBND thị xã Quế Võ", on=datetime.date(2023, 11, 1))
    later = NominationFactory(agency=agency, year=EmulationYearFactory(year=2024))
    assert nomination.nominee_name == "UBND huyện Quế Võ"
    assert later.nominee_name == "UBND thị xã Quế Võ"


def test_search_text_follows_aliases_and_names():
    agency = AgencyFactory(name="Liên minh Hợp tác xã tỉnh Bắc Ninh")
    Alias.objects.create(text="Liên Minh HTX tỉnh", agency=agency)
    assert list(Agency.objects.search("lien minh htx")) == [agency]
    AgencyName.objects.create(
        agency=agency, name="Liên minh HTX Bắc Ninh cũ", valid_to="2010-01-01"
    )
    assert list(Agency.objects.search("htx bac ninh cu")) == [agency]
    assert not Agency.objects.search("").exists()


def test_bloc_search_text_follows_aliases():
    bloc = BlocFactory(name="Khối thi đua các cơ quan Đảng")
    Alias.objects.create(text="Khối Đảng", bloc=bloc)
    bloc.refresh_from_db()
    assert "khoi dang" in bloc.search_text


def test_lineage_links_predecessors_and_successors():
    old, new = AgencyFactory(name="Sở Giao thông vận tải"), AgencyFactory(name="Sở Xây dựng")
    AgencyLineage.objects.create(
        predecessor=old, successor=new, kind="merged", date=datetime.date(2025, 3, 1)
    )
    assert list(old.successors()) == [new]
    assert list(new.predecessors()) == [old]


def test_public_hides_rejected_withdrawn_and_revoked():
    shown = [NominationFactory(status=s) for s in ("proposed",)]
    shown.append(NominationFactory(status="awarded", decision=DecisionFactory()))
    for status in ("rejected", "withdrawn", "revoked"):
        NominationFactory(status=status, status_reason="lý do", decision=DecisionFactory())
    assert set(Nomination.objects.public()) == set(shown)


def test_clean_refuses_individual_award_for_a_collective():
    nomination = NominationFactory.build(
        award_type=award_type("emulation_soldier_province"),
        agency=AgencyFactory(),
        year=EmulationYearFactory(),
        bloc=None,
    )
    with pytest.raises(ValidationError) as error:
        nomination.clean()
    assert "award_type" in error.value.message_dict


def test_clean_requires_a_reason_to_reject():
    nomination = NominationFactory.build(
        status="rejected", agency=AgencyFactory(), year=EmulationYearFactory(), bloc=None
    )
    with pytest.raises(ValidationError) as error:
        nomination.clean()
    assert "status_reason" in error.value.message_dict


def test_decision_number_must_be_official_form():
    with pytest.raises(ValidationError):
        DecisionFactory.build(number="quyết định 163").clean()
    DecisionFactory.build(number="231/QĐ-TTg").clean()


def test_person_nomination_takes_the_persons_name():
    person = PersonFactory(full_name="Trần Văn Đức")
    nomination = NominationFactory(
        agency=None, person=person, award_type=award_type("emulation_soldier_grassroots")
    )
    assert nomination.nominee_name == "Trần Văn Đức"
    assert not nomination.is_collective


def test_default_order_is_newest_year_first():
    """Ordering on the year relation would follow EmulationYear's own order and invert it."""
    old = NominationFactory(year=EmulationYearFactory(year=2016))
    new = NominationFactory(year=EmulationYearFactory(year=2024))
    assert list(Nomination.objects.all()) == [new, old]
    assert "awards_emulationyear" not in str(Nomination.objects.all().query)
