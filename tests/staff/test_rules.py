"""Each seeded rule: a clean case, a violation that explains itself, an override kept."""

import pytest
from django.core.exceptions import ValidationError

from awards.models import Nomination, PrerequisiteRule
from awards.rules import check_nomination, check_nominations, year_problems
from awards.services import OverrideRequired, nomination_approve
from tests.factories import (
    AgencyFactory,
    BlocFactory,
    DecisionFactory,
    PersonFactory,
    award_type,
)

from .conftest import held, propose, rate, year

pytestmark = pytest.mark.django_db


def codes(problems):
    return {p.rule_code for p in problems}


def only(problems, code):
    found = [p for p in problems if p.rule_code == code]
    assert len(found) == 1, problems
    return found[0]


# Scenario builders: each returns the nomination to check. ``broken`` picks the violation.


def prov_flag_leads(broken):
    return propose(AgencyFactory(), "prov_flag", 2024, rank=2 if broken else 1)


def gov_flag_leads(broken):
    """Unranked: the bloc's proposal with the most votes leads it, a second one does not."""
    bloc = BlocFactory()
    if broken:
        propose(AgencyFactory(), "gov_flag", 2024, bloc=bloc, votes=20)
    return propose(AgencyFactory(), "gov_flag", 2024, bloc=bloc, rank=None, votes=4)


def gov_flag_same_year(broken):
    agency = AgencyFactory()
    if not broken:
        held(agency, "prov_flag", 2012)
    return propose(agency, "gov_flag", 2012)


def soldier_province(broken):
    person = PersonFactory()
    for y in (2017, 2019) if broken else (2017, 2018, 2019):
        held(person, "emulation_soldier_grassroots", y)
    return propose(person, "emulation_soldier_province", 2019)


def soldier_national(broken):
    person = PersonFactory()
    for y in (2019,) if broken else (2018, 2019):
        held(person, "emulation_soldier_province", y)
    return propose(person, "emulation_soldier_national", 2019)


def pm_cert_individual(broken):
    person = PersonFactory()
    if broken != "holds":
        held(person, "prov_cert", 2013)
    for y in range(2015, 2020):
        if not (broken == "good" and y == 2017):
            rate(person, y, "good")
    for y in (2015, 2019) if broken == "soldier" else (2015, 2017, 2019):
        held(person, "emulation_soldier_grassroots", y)
    return propose(person, "pm_cert", 2019)


def pm_cert_collective(broken):
    agency = AgencyFactory()
    if broken != "holds":
        held(agency, "ministry_cert", 2014)
    for y in range(2015, 2020):
        rate(agency, y, "good" if broken == "excellent" and y == 2016 else "excellent")
    if broken != "flag":
        held(agency, "prov_flag", 2017)
    return propose(agency, "pm_cert", 2019)


def prov_cert_collective(broken):
    agency = AgencyFactory()
    if broken:
        rate(agency, 2018, "good")
    else:
        held(agency, "excellent_collective", 2018)  # a title counts as much as the rating
    rate(agency, 2019, "excellent")
    return propose(agency, "prov_cert", 2019)


def labor_order_3(broken):
    person = PersonFactory()
    if broken != "holds":
        held(person, "pm_cert", 2013)
    for y in range(2015, 2020):
        if broken == "good" and y == 2016:
            continue
        level = "excellent" if y == 2019 and broken != "excellent" else "good"
        rate(person, y, level)
    for y in (2015, 2016) if broken == "soldier" else (2015, 2017, 2019):
        held(person, "emulation_soldier_grassroots", y)
    return propose(person, "labor_order_3", 2019)


def one_commendation(broken):
    agency = AgencyFactory()
    rate(agency, 2023, "excellent")
    rate(agency, 2024, "excellent")
    if broken:
        propose(agency, "merit_paper", 2024)
    return propose(agency, "prov_cert", 2024)


def quang_nam_quota(broken):
    bloc = BlocFactory(organiser="Quảng Nam")
    if broken:
        propose(AgencyFactory(), "prov_flag", 2023, bloc=bloc)
    return propose(AgencyFactory(), "prov_flag", 2023, bloc=bloc)


def gov_flag_share(broken):
    blocs = [BlocFactory(organiser="Bắc Ninh") for _ in range(2)]
    for i in range(5):
        propose(AgencyFactory(), "prov_flag", 2019, bloc=blocs[i % 2])
    if broken:
        propose(AgencyFactory(), "gov_flag", 2019, bloc=blocs[1])
    return propose(AgencyFactory(), "gov_flag", 2019, bloc=blocs[0])


# rule code, builder, the "broken" value, missing years expected, words in the message
SCENARIOS = [
    ("prov-flag-leads-bloc", prov_flag_leads, True, (2024,), "Xếp thứ 2"),
    ("gov-flag-leads-bloc", gov_flag_leads, True, (2024,), "Chưa ghi nhận thứ hạng"),
    ("gov-flag-holds-flag-same-year", gov_flag_same_year, True, (2012,), "2012"),
    ("soldier-province-3-grassroots", soldier_province, True, (2018,), "2017–2019"),
    ("soldier-national-2-province", soldier_national, True, (2018,), "còn thiếu: 2018"),
    ("pm-cert-individual-holds-cert", pm_cert_individual, "holds", (), "trước năm 2019"),
    ("pm-cert-individual-5-good", pm_cert_individual, "good", (2017,), "còn thiếu: 2017"),
    ("pm-cert-individual-3-soldier", pm_cert_individual, "soldier", (2016, 2017, 2018), "mới có 2"),
    ("pm-cert-collective-holds-cert", pm_cert_collective, "holds", (), "trước năm 2019"),
    ("pm-cert-collective-5-excellent", pm_cert_collective, "excellent", (2016,), "2015–2019"),
    ("pm-cert-collective-1-flag", pm_cert_collective, "flag", tuple(range(2015, 2020)), "mới có 0"),
    ("prov-cert-collective-2-excellent", prov_cert_collective, True, (2018,), "còn thiếu: 2018"),
    ("labor-order-3-holds-pm-cert", labor_order_3, "holds", (), "trước năm 2019"),
    ("labor-order-3-5-good", labor_order_3, "good", (2016,), "còn thiếu: 2016"),
    ("labor-order-3-1-excellent", labor_order_3, "excellent", tuple(range(2015, 2020)), "mới có 0"),
    ("labor-order-3-3-soldier", labor_order_3, "soldier", (2017, 2018, 2019), "mới có 2"),
    ("one-commendation-per-achievement", one_commendation, True, (), "Giấy khen"),
    ("quang-nam-one-prov-flag-per-bloc", quang_nam_quota, True, (), "chỉ tiêu là 1"),
    ("gov-flag-20-percent", gov_flag_share, True, (), "chỉ tiêu là 1"),
]


def test_every_seeded_rule_has_a_scenario():
    from awards.models import ExclusionRule, QuotaRule

    seeded = set(PrerequisiteRule.objects.values_list("code", flat=True))
    seeded |= set(ExclusionRule.objects.values_list("code", flat=True))
    seeded |= set(QuotaRule.objects.values_list("code", flat=True))
    assert seeded == {s[0] for s in SCENARIOS}


def test_seeded_rules_carry_legal_basis_and_years():
    for rule in PrerequisiteRule.objects.all():
        assert rule.legal_basis
    assert PrerequisiteRule.objects.get(code="pm-cert-collective-1-flag").valid_to == 2023
    assert PrerequisiteRule.objects.get(code="prov-flag-leads-bloc").valid_from == 2024


@pytest.mark.parametrize(("code", "build", "broken", "missing", "words"), SCENARIOS)
def test_clean_case_has_no_problem(code, build, broken, missing, words):
    assert check_nomination(build(False)) == []


@pytest.mark.parametrize(("code", "build", "broken", "missing", "words"), SCENARIOS)
def test_violation_explains_itself(code, build, broken, missing, words):
    problem = only(check_nomination(build(broken)), code)
    assert problem.missing_years == missing
    assert words in problem.message
    assert problem.legal_basis
    assert problem.rule_name in str(problem)


@pytest.mark.parametrize(("code", "build", "broken", "missing", "words"), SCENARIOS)
def test_approval_needs_an_override_reason_that_is_kept(
    code, build, broken, missing, words, board_staff
):
    nomination = build(broken)
    decision = DecisionFactory()
    with pytest.raises(OverrideRequired) as refused:
        nomination_approve(nomination=nomination, user=board_staff, decision=decision)
    assert code in str(refused.value.problems) or any(
        p.rule_code == code for ps in refused.value.problems.values() for p in ps
    )
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.PROPOSED

    nomination_approve(
        nomination=nomination,
        user=board_staff,
        decision=decision,
        override_reason="Hội đồng thống nhất khen vì thành tích đột xuất",
    )
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.AWARDED
    assert nomination.override_reason == "Hội đồng thống nhất khen vì thành tích đột xuất"
    assert nomination.decided_by == board_staff
    latest = nomination.history.first()
    assert latest.override_reason == nomination.override_reason
    assert latest.history_user == board_staff


def test_clean_approval_needs_no_reason(board_staff):
    nomination = soldier_province(False)
    nomination_approve(nomination=nomination, user=board_staff, decision=DecisionFactory())
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.AWARDED
    assert nomination.override_reason == ""


def test_rules_apply_only_in_their_years():
    # the collective Prime Minister's certificate rules ended with 2023 (Decree 91/2017)
    agency = AgencyFactory()
    nomination = propose(agency, "pm_cert", 2024)
    assert not codes(check_nomination(nomination)) & {
        "pm-cert-collective-holds-cert",
        "pm-cert-collective-5-excellent",
        "pm-cert-collective-1-flag",
    }
    # and the flag-leads-bloc rule began with 2024
    assert check_nomination(propose(AgencyFactory(), "prov_flag", 2023, rank=5)) == []


def test_unsaved_nomination_is_checked_too():
    person = PersonFactory()
    held(person, "emulation_soldier_grassroots", 2019)
    draft = Nomination(
        year=year(2019),
        award_type=award_type("emulation_soldier_province"),
        person=person,
        bloc=BlocFactory(),
    )
    problem = only(check_nomination(draft), "soldier-province-3-grassroots")
    assert problem.missing_years == (2017, 2018)
    assert problem.nomination_id is None


def test_unsaved_nomination_counts_itself_against_the_quota():
    bloc = BlocFactory(organiser="Quảng Nam")
    propose(AgencyFactory(), "prov_flag", 2023, bloc=bloc)
    draft = Nomination(
        year=year(2023), award_type=award_type("prov_flag"), agency=AgencyFactory(), bloc=bloc
    )
    assert "quang-nam-one-prov-flag-per-bloc" in codes(check_nomination(draft))


def test_a_missing_year_breaks_the_chain_even_with_enough_awards():
    person = PersonFactory()
    for y in (2014, 2015, 2016, 2018, 2019):  # five, but 2017 is missing
        held(person, "emulation_soldier_grassroots", y)
    problem = only(
        check_nomination(propose(person, "emulation_soldier_province", 2019)),
        "soldier-province-3-grassroots",
    )
    assert problem.missing_years == (2017,)


def test_withdrawn_or_rejected_records_do_not_count_as_held():
    person = PersonFactory()
    for y in (2017, 2018):
        held(person, "emulation_soldier_grassroots", y)
    withdrawn = held(person, "emulation_soldier_grassroots", 2016)
    withdrawn.status = Nomination.Status.WITHDRAWN
    withdrawn.status_reason = "Rút"
    withdrawn.save()
    nomination = propose(person, "emulation_soldier_province", 2018)
    assert only(check_nomination(nomination), "soldier-province-3-grassroots").missing_years == (
        2016,
    )


def test_a_closed_nomination_has_no_open_problem():
    nomination = prov_flag_leads(True)
    nomination.status = Nomination.Status.REJECTED
    assert check_nomination(nomination) == []


def test_rule_edited_as_data_changes_the_check():
    nomination = soldier_province(True)
    rule = PrerequisiteRule.objects.get(code="soldier-province-3-grassroots")
    rule.active = False
    rule.save()
    assert check_nomination(nomination) == []


def test_year_problems_lists_each_open_problem_once_and_scopes_by_bloc():
    quota_bloc = BlocFactory(organiser="Quảng Nam")
    for _ in range(3):
        propose(AgencyFactory(), "prov_flag", 2024, bloc=quota_bloc, rank=1)
    lone = propose(AgencyFactory(), "prov_flag", 2024, rank=4)
    problems = year_problems(2024)
    quota = [p for p in problems if p.rule_code == "quang-nam-one-prov-flag-per-bloc"]
    assert len(quota) == 1 and "3 ×" in quota[0].message
    assert [p.nomination_id for p in problems if p.rule_code == "prov-flag-leads-bloc"] == [lone.pk]
    scoped = year_problems(2024, blocs=[quota_bloc])
    assert {p.bloc_id for p in scoped} == {quota_bloc.pk}
    assert year_problems(2023) == []


def test_bulk_check_makes_a_fixed_number_of_queries(django_assert_max_num_queries):
    nominations = [labor_order_3(False) for _ in range(10)]
    nominations += [prov_flag_leads(True) for _ in range(10)]
    fresh = list(Nomination.objects.filter(pk__in=[n.pk for n in nominations]))
    with django_assert_max_num_queries(12):
        result = check_nominations(fresh)
    assert sum(len(v) for v in result.values()) == 10


def test_override_reason_is_not_a_blank_string(board_staff):
    nomination = prov_flag_leads(True)
    with pytest.raises(ValidationError):
        nomination_approve(
            nomination=nomination,
            user=board_staff,
            decision=DecisionFactory(),
            override_reason="   ",
        )
