"""The bloc's year page keeps typed work and names failing rows (issue 10, finding 10)."""

import pytest
from django.urls import reverse

from awards.models import BlocMeeting, Membership, Nomination
from tests.factories import AgencyFactory, EmulationYearFactory, MembershipFactory, award_type

from .conftest import propose

pytestmark = pytest.mark.django_db

PREFIXES = ("members", "meetings", "nominations", "ratings")


def page_url(bloc, year=2024):
    return reverse("admin:awards_bloc_year", args=[bloc.pk, year])


def page_data(response) -> dict:
    """The page's form as a browser would post it untouched: management forms and values."""
    data = {}
    for prefix in PREFIXES:
        formset = response.context[f"{prefix}_formset"]
        for name, field in formset.management_form.fields.items():
            value = formset.management_form.initial.get(name, field.initial)
            data[f"{prefix}-{name}"] = "" if value is None else value
        for form in formset:
            for name, field in form.fields.items():
                value = form.initial.get(name, field.initial)
                if value is None or name == "DELETE":
                    continue
                data[form.add_prefix(name)] = getattr(value, "pk", value)
    return data


@pytest.fixture
def page(bloc, board_staff, client):
    EmulationYearFactory(year=2023)
    EmulationYearFactory(year=2024)
    client.force_login(board_staff)
    return client


def test_carry_over_saves_the_typed_meeting_and_proposal_first(page, bloc):
    last_year = MembershipFactory(bloc=bloc, year=EmulationYearFactory(year=2023))
    typed = AgencyFactory(name="Sở Nội vụ")
    data = page_data(page.get(page_url(bloc)))
    data.update(
        {
            "meetings-0-kind": "summary",
            "meetings-0-date": "15/12/2024",
            "meetings-0-venue": "Sở Nội vụ",
            "nominations-0-award_type": award_type("prov_cert").pk,
            "nominations-0-agency": typed.pk,
            "carry_over": "1",
        }
    )
    response = page.post(page_url(bloc), data)
    assert response.status_code == 302
    assert BlocMeeting.objects.filter(bloc=bloc, year=2024, venue="Sở Nội vụ").exists()
    assert Nomination.objects.filter(bloc=bloc, year=2024, agency=typed).exists()
    assert Membership.objects.filter(bloc=bloc, year=2024, agency=last_year.agency).exists()


def test_carry_over_with_an_error_keeps_the_typed_work_and_carries_nothing(page, bloc):
    MembershipFactory(bloc=bloc, year=EmulationYearFactory(year=2023))
    data = page_data(page.get(page_url(bloc)))
    data.update(
        {
            "meetings-0-kind": "summary",
            "meetings-0-date": "15/12/2024",
            "meetings-0-venue": "Hội trường tầng 3",
            "nominations-0-agency": AgencyFactory().pk,  # no award: an error
            "carry_over": "1",
        }
    )
    response = page.post(page_url(bloc), data)
    assert response.status_code == 200
    assert "Hội trường tầng 3" in response.content.decode()  # still in the form
    assert not Membership.objects.filter(bloc=bloc, year=2024).exists()
    assert not BlocMeeting.objects.exists()


def test_a_duplicate_proposal_names_its_row_not_the_head(page, bloc):
    agency = AgencyFactory(name="Sở Y tế")
    propose(agency, "prov_cert", 2024, bloc=bloc)
    data = page_data(page.get(page_url(bloc)))
    data.update(
        {
            "nominations-1-award_type": award_type("prov_cert").pk,
            "nominations-1-agency": agency.pk,
            "meetings-0-kind": "summary",
            "meetings-0-date": "15/12/2024",
        }
    )
    response = page.post(page_url(bloc), data)
    body = response.content.decode()
    assert response.status_code == 200
    summary = body.split('id="page-errors"')[1].split("</div>")[0]
    assert "Sở Y tế" in summary and "2" in summary  # the second row of the proposals
    assert "đã được đề nghị" in summary or "already" in summary
    assert "head" not in summary.lower() and "trưởng khối" not in summary.lower()
    assert Nomination.objects.count() == 1 and not BlocMeeting.objects.exists()


def test_two_new_rows_for_the_same_proposal_are_named(page, bloc):
    agency = AgencyFactory(name="Sở Tư pháp")
    data = page_data(page.get(page_url(bloc)))
    for row in (0, 3):
        data[f"nominations-{row}-award_type"] = award_type("prov_cert").pk
        data[f"nominations-{row}-agency"] = agency.pk
    response = page.post(page_url(bloc), data)
    assert response.status_code == 200
    summary = response.content.decode().split('id="page-errors"')[1].split("</div>")[0]
    assert "Sở Tư pháp" in summary and "4" in summary
    assert not Nomination.objects.exists()


def test_two_heads_are_named_by_row(page, bloc):
    first, second = AgencyFactory(name="Sở Tài chính"), AgencyFactory(name="Sở Xây dựng")
    data = page_data(page.get(page_url(bloc)))
    data.update(
        {
            "members-0-agency": first.pk,
            "members-0-role": "head",
            "members-1-agency": second.pk,
            "members-1-role": "head",
        }
    )
    response = page.post(page_url(bloc), data)
    summary = response.content.decode().split('id="page-errors"')[1].split("</div>")[0]
    assert "Sở Xây dựng" in summary
    assert not Membership.objects.exists()


def test_errors_of_every_section_show_at_once(page, bloc):
    data = page_data(page.get(page_url(bloc)))
    data.update(
        {
            "members-0-role": "head",  # no agency
            "meetings-0-kind": "summary",
            "meetings-0-date": "not a date",
            "nominations-0-agency": AgencyFactory().pk,  # no award
        }
    )
    response = page.post(page_url(bloc), data)
    summary = response.content.decode().split('id="page-errors"')[1].split("</div>")[0]
    for section in (
        "Thành viên",
        "Hội nghị",
        "Đề nghị",
    ):
        assert section in summary
    for prefix in ("members", "meetings", "nominations"):
        assert response.context[f"{prefix}_formset"].total_error_count() >= 1


def test_every_rows_hidden_fields_are_on_the_page(page, bloc):
    """A browser posts only what the page renders: a missing hidden field (the row's
    version) made every empty row look changed and fail."""
    response = page.get(page_url(bloc))
    body = response.content.decode()
    for prefix in PREFIXES:
        for form in response.context[f"{prefix}_formset"]:
            for hidden in form.hidden_fields():
                assert f'name="{hidden.html_name}"' in body
