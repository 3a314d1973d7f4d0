"""Rule warnings as staff see them (issue 10, finding 12): overrides close them, and the
"leads the bloc" rule reads the proposal itself when no rank is typed."""

import pytest
from django.urls import reverse

from awards.models import Nomination
from awards.rules import check_nomination, check_nominations, year_problems
from awards.services import nomination_approve
from tests.factories import AgencyFactory, BlocFactory, DecisionFactory

from .conftest import propose

pytestmark = pytest.mark.django_db


def leads_codes(nomination):
    return {p.rule_code for p in check_nomination(nomination)} & {
        "prov-flag-leads-bloc",
        "gov-flag-leads-bloc",
    }


def test_an_override_with_a_written_reason_closes_the_warning(board_staff, client):
    bloc = BlocFactory()
    first = propose(AgencyFactory(), "prov_flag", 2024, bloc=bloc, votes=20)
    second = propose(AgencyFactory(), "prov_flag", 2024, bloc=bloc, votes=5)
    assert leads_codes(second)
    nomination_approve(
        nomination=second,
        user=board_staff,
        decision=DecisionFactory(),
        override_reason="Dẫn đầu cụm theo biên bản bình xét",
    )
    second.refresh_from_db()
    assert check_nomination(second, open_only=True) == []
    assert check_nominations([first, second], open_only=True).get(second.pk, []) == []
    assert leads_codes(second)  # the services still see what was overridden
    assert all(p.nomination_id != second.pk for p in year_problems(2024))
    # and the list column of the admin no longer warns
    client.force_login(board_staff)
    body = client.get(reverse("admin:awards_nomination_changelist")).content.decode()
    assert 'class="rule-warning"' not in body


def test_a_blank_override_reason_does_not_close_it():
    second = propose(AgencyFactory(), "prov_flag", 2024, bloc=BlocFactory())
    other = propose(AgencyFactory(), "prov_flag", 2024, bloc=second.bloc, votes=9)
    Nomination.objects.filter(pk=second.pk).update(override_reason="   ")
    second.refresh_from_db()
    assert leads_codes(second) and not leads_codes(other)


def test_the_blocs_only_flag_proposal_leads_it_without_a_rank():
    """Each bloc proposes its own provincial flag: none of them warns for a missing rank."""
    flags = [propose(AgencyFactory(), "prov_flag", 2024, bloc=BlocFactory()) for _ in range(3)]
    assert all(n.rank is None for n in flags)
    assert [leads_codes(n) for n in flags] == [set(), set(), set()]
    assert not {p.rule_code for p in year_problems(2024)} & {"prov-flag-leads-bloc"}


def test_of_two_unranked_flags_in_a_bloc_the_one_with_more_votes_leads():
    bloc = BlocFactory()
    fewer = propose(AgencyFactory(), "prov_flag", 2024, bloc=bloc, votes=3)
    more = propose(AgencyFactory(), "prov_flag", 2024, bloc=bloc, votes=12)
    found = check_nominations([fewer, more])
    assert {p.rule_code for p in found[fewer.pk]} == {"prov-flag-leads-bloc"}
    assert found[more.pk] == []
    assert more.nominee_display in str(found[fewer.pk][0])


def test_a_typed_rank_still_wins():
    bloc = BlocFactory()
    ranked = propose(AgencyFactory(), "prov_flag", 2024, bloc=bloc, rank=1, votes=1)
    unranked = propose(AgencyFactory(), "prov_flag", 2024, bloc=bloc, votes=30)
    assert not leads_codes(ranked) and leads_codes(unranked)


def test_an_unsaved_proposal_in_an_empty_bloc_leads_it():
    from tests.factories import EmulationYearFactory, award_type

    candidate = Nomination(
        year=EmulationYearFactory(year=2024),
        bloc=BlocFactory(),
        award_type=award_type("prov_flag"),
        agency=AgencyFactory(),
    )
    assert leads_codes(candidate) == set()
    propose(AgencyFactory(), "prov_flag", 2024, bloc=candidate.bloc)
    assert leads_codes(candidate)


def test_year_checks_make_no_query_per_bloc(django_assert_max_num_queries):
    for _ in range(8):
        bloc = BlocFactory()
        propose(AgencyFactory(), "prov_flag", 2024, bloc=bloc, votes=2)
        propose(AgencyFactory(), "prov_flag", 2024, bloc=bloc, votes=1)
    with django_assert_max_num_queries(12):
        problems = year_problems(2024)
    assert sum(p.rule_code == "prov-flag-leads-bloc" for p in problems) == 8


def test_a_reason_typed_on_a_proposal_does_not_close_the_warning():
    bloc = BlocFactory()
    propose(AgencyFactory(), "prov_flag", 2024, bloc=bloc, votes=9)
    second = propose(AgencyFactory(), "prov_flag", 2024, bloc=bloc, votes=1)
    Nomination.objects.filter(pk=second.pk).update(override_reason="Thư ký ghi lý do")
    second.refresh_from_db()
    assert leads_codes(second)


def test_the_year_page_lists_no_overridden_warning(board_staff, client):
    bloc = BlocFactory()
    propose(AgencyFactory(), "prov_flag", 2024, bloc=bloc, votes=20)
    second = propose(AgencyFactory(name="Sở Ngoại vụ"), "prov_flag", 2024, bloc=bloc, votes=5)
    url = reverse("admin:awards_bloc_year", args=[bloc.pk, 2024])
    client.force_login(board_staff)
    assert "Sở Ngoại vụ" in client.get(url).content.decode().split("Cảnh báo")[1][:2000]
    nomination_approve(
        nomination=second, user=board_staff, decision=DecisionFactory(), override_reason="Lý do"
    )
    body = client.get(url).content.decode()
    assert 'class="rule-warning"' not in body
    change = client.get(reverse("admin:awards_nomination_change", args=[second.pk]))
    assert not [m for m in change.context["messages"] if m.level_tag == "warning"]
