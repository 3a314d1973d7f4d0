"""Each role against each model in the admin, and a secretary reaching beyond their blocs."""

import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from awards import roles
from awards.models import (
    BlocMeeting,
    Decision,
    EmulationYear,
    Membership,
    Nomination,
    QuotaRule,
    TaskRating,
)
from tests.factories import (
    AgencyFactory,
    BlocMeetingFactory,
    DecisionFactory,
    EmulationYearFactory,
    MembershipFactory,
    NominationFactory,
)

from .conftest import rate

pytestmark = pytest.mark.django_db

ROLES = ["board_admin", "board_staff", "secretary", "viewer"]


def test_groups_are_created_by_migration():
    names = set(Group.objects.values_list("name", flat=True))
    assert set(roles.GROUPS) <= names
    staff = Group.objects.get(name=roles.BOARD_STAFF)
    codenames = set(staff.permissions.values_list("codename", flat=True))
    assert "change_nomination" in codenames and "decide_nomination" in codenames
    assert "view_quotarule" in codenames and "change_quotarule" not in codenames
    viewer = Group.objects.get(name=roles.VIEWER)
    assert all(c.startswith("view_") for c in viewer.permissions.values_list("codename", flat=True))


def records(bloc):
    """One record of each model, in the secretary's bloc where the model has a bloc."""
    agency = AgencyFactory()
    MembershipFactory(bloc=bloc, agency=agency)
    return {
        Nomination: NominationFactory(bloc=bloc, agency=agency),
        Membership: Membership.objects.get(agency=agency),
        BlocMeeting: BlocMeetingFactory(bloc=bloc),
        TaskRating: rate(agency, 2019, "good"),
        Decision: DecisionFactory(),
        QuotaRule: QuotaRule.objects.first(),
        EmulationYear: EmulationYear.objects.get(year=2019),
        type(agency): agency,
    }


# (role, model) -> (may add, may change); every role may view every model here.
EXPECTED = {
    "board_admin": {
        m: (True, True)
        for m in [
            "nomination",
            "membership",
            "blocmeeting",
            "taskrating",
            "decision",
            "quotarule",
            "emulationyear",
            "agency",
        ]
    },
    "board_staff": {
        "nomination": (True, True),
        "membership": (True, True),
        "blocmeeting": (True, True),
        "taskrating": (True, True),
        "decision": (True, True),
        "quotarule": (False, False),
        "emulationyear": (True, False),
        "agency": (True, True),
    },
    "secretary": {
        "nomination": (True, True),
        "membership": (True, True),
        "blocmeeting": (True, True),
        "taskrating": (True, True),
        "decision": (False, False),
        "quotarule": (False, False),
        "emulationyear": (False, False),
        "agency": (False, False),
    },
    "viewer": {
        m: (False, False)
        for m in [
            "nomination",
            "membership",
            "blocmeeting",
            "taskrating",
            "decision",
            "quotarule",
            "emulationyear",
            "agency",
        ]
    },
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_against_each_model(role, request, client, bloc):
    user = request.getfixturevalue(role)
    objects = records(bloc)
    client.force_login(user)
    for model, obj in objects.items():
        name = model._meta.model_name
        may_add, may_change = EXPECTED[role][name]
        changelist = client.get(reverse(f"admin:awards_{name}_changelist"))
        assert changelist.status_code == 200, (role, name)
        add = client.get(reverse(f"admin:awards_{name}_add"))
        assert (add.status_code == 200) is may_add, (role, name, add.status_code)
        change = client.get(reverse(f"admin:awards_{name}_change", args=[obj.pk]))
        assert change.status_code == 200, (role, name)
        assert ('name="_save"' in change.text) is may_change, (role, name)


def other_bloc_records(other_bloc):
    agency = AgencyFactory(name="Sở Bí Mật Khối Khác")
    MembershipFactory(bloc=other_bloc, agency=agency)
    return {
        "nomination": NominationFactory(bloc=other_bloc, agency=agency),
        "membership": Membership.objects.get(agency=agency),
        "blocmeeting": BlocMeetingFactory(bloc=other_bloc),
        "taskrating": rate(agency, 2019, "excellent"),
        "bloc": other_bloc,
    }


def test_secretary_reaching_for_another_blocs_records_by_url_is_refused(
    client, secretary, other_bloc
):
    client.force_login(secretary)
    for name, obj in other_bloc_records(other_bloc).items():
        for view in ("change", "delete"):
            response = client.get(reverse(f"admin:awards_{name}_{view}", args=[obj.pk]))
            assert response.status_code in (302, 403, 404), (name, view)
            assert "Sở Bí Mật Khối Khác" not in response.text
        listing = client.get(reverse(f"admin:awards_{name}_changelist"))
        assert str(other_bloc) not in listing.text or name == "bloc"
        if name != "bloc":
            assert "Sở Bí Mật Khối Khác" not in listing.text, name
        post = client.post(
            reverse(f"admin:awards_{name}_change", args=[obj.pk]), {"notes": "bị sửa"}
        )
        assert post.status_code in (302, 403, 404)
    assert not Nomination.objects.filter(notes="bị sửa").exists()


def test_secretary_history_of_another_blocs_record_is_refused(client, secretary, other_bloc):
    nomination = NominationFactory(bloc=other_bloc)
    pk = nomination.pk
    client.force_login(secretary)
    url = reverse("admin:awards_nomination_history", args=[pk])
    assert client.get(url).status_code == 403
    nomination.delete()  # deleted records keep their history, still out of reach
    assert client.get(url).status_code == 403


def test_history_is_shown_with_who_and_when(client, board_staff, bloc):
    nomination = NominationFactory(bloc=bloc)
    client.force_login(board_staff)
    url = reverse("admin:awards_nomination_change", args=[nomination.pk])
    data = {
        "year": nomination.year_id,
        "bloc": bloc.pk,
        "award_type": nomination.award_type_id,
        "agency": nomination.agency_id,
        "status": "proposed",
        "votes": "17",
        "nominee_name": nomination.nominee_name,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    history = client.get(reverse("admin:awards_nomination_history", args=[nomination.pk]))
    assert board_staff.username in history.text
    assert nomination.history.first().history_user == board_staff


def autocomplete(client, model, field, term=""):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "awards", "model_name": model, "field_name": field, "term": term},
    )
    return response


def test_secretary_autocomplete_offers_only_their_blocs(client, secretary, bloc, other_bloc):
    NominationFactory(bloc=other_bloc)
    client.force_login(secretary)
    for model in ("nomination", "membership", "blocmeeting"):
        response = autocomplete(client, model, "bloc", "Khối")
        assert response.status_code == 200
        ids = {int(r["id"]) for r in response.json()["results"]}
        assert ids == {bloc.pk}, model


def test_secretary_cannot_save_a_record_into_another_bloc(client, secretary, bloc, other_bloc):
    agency = AgencyFactory()
    client.force_login(secretary)
    response = client.post(
        reverse("admin:awards_membership_add"),
        {"bloc": other_bloc.pk, "agency": agency.pk, "year": 2019, "role": "member"},
    )
    EmulationYearFactory(year=2019)
    assert response.status_code == 200  # the form is shown again with an error
    assert not Membership.objects.filter(bloc=other_bloc).exists()


def test_secretary_export_action_holds_only_their_blocs(client, secretary, bloc, other_bloc):
    mine = NominationFactory(bloc=bloc, agency=AgencyFactory(name="Đơn vị của tôi"))
    theirs = NominationFactory(bloc=other_bloc, agency=AgencyFactory(name="Đơn vị khối khác"))
    client.force_login(secretary)
    response = client.post(
        reverse("admin:awards_nomination_changelist"),
        {"action": "export_report_csv", "_selected_action": [mine.pk, theirs.pk]},
    )
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Đơn vị của tôi" in body and "Đơn vị khối khác" not in body


def test_secretary_import_export_through_the_admin_is_scoped(client, secretary, bloc, other_bloc):
    EmulationYearFactory(year=2023)
    AgencyFactory(name="Sở Y tế")
    NominationFactory(bloc=other_bloc, agency=AgencyFactory(name="Đơn vị khối khác"))
    client.force_login(secretary)
    text = (
        "year,bloc,award,agency,person,nominee_name,status,status_reason,votes,rank,notes\n"
        f"2023,{other_bloc.name},prov_cert,Sở Y tế,,,,,,,\n"
    )
    upload = io.BytesIO(text.encode("utf-8-sig"))
    upload.name = "nominations.csv"
    url = reverse("admin:awards_nomination_import")
    page = client.get(url)
    assert page.status_code == 200
    formats = page.context["form"].fields["format"].choices
    csv_index = next(value for value, label in formats if "csv" in str(label).lower())
    response = client.post(url, {"import_file": upload, "format": csv_index, "resource": 0})
    assert response.status_code == 200
    assert "Bạn không phụ trách khối thi đua này." in response.text
    assert "confirm_form" not in response.context or response.context.get("confirm_form") is None
    assert not Nomination.objects.filter(bloc=other_bloc, agency__name="Sở Y tế").exists()
    # the library's own export view exports the scoped queryset only
    export = client.get(reverse("admin:awards_nomination_export"))
    assert export.status_code == 200


def test_viewer_cannot_import(client, viewer):
    client.force_login(viewer)
    assert client.get(reverse("admin:awards_nomination_import")).status_code == 403


def test_closed_year_is_read_only_in_the_admin_except_for_board_admin(
    client, board_staff, board_admin, secretary, bloc
):
    closed = EmulationYearFactory(year=2016, status="closed")
    nomination = NominationFactory(bloc=bloc, year=closed)
    url = reverse("admin:awards_nomination_change", args=[nomination.pk])
    for user in (secretary, board_staff):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200 and 'name="_save"' not in response.text
        assert (
            client.get(reverse("admin:awards_nomination_delete", args=[nomination.pk])).status_code
            == 403
        )
    client.force_login(board_admin)
    assert 'name="_save"' in client.get(url).text


def test_closed_year_cannot_be_chosen_for_a_new_record(client, board_staff, bloc):
    EmulationYearFactory(year=2016, status="closed")
    client.force_login(board_staff)
    response = client.post(
        reverse("admin:awards_membership_add"),
        {"bloc": bloc.pk, "agency": AgencyFactory().pk, "year": 2016, "role": "member"},
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(year_id=2016).exists()


# --- actions ------------------------------------------------------------------------------


def test_decision_action_asks_for_override_reasons_and_keeps_them(client, board_staff, bloc):
    bad = NominationFactory(bloc=bloc)  # collective prov_cert without ratings breaks a rule
    client.force_login(board_staff)
    url = reverse("admin:awards_nomination_changelist")
    base = {"action": "record_decision", "_selected_action": [bad.pk]}
    page = client.post(url, base)
    assert page.status_code == 200
    assert "Bằng khen tỉnh (tập thể)" in page.text and "còn thiếu: 2018, 2019" in page.text
    decision = {
        "apply": "1",
        "number": "163/QĐ-UBND",
        "date": "15/03/2020",
        "issuer": "Chủ tịch UBND tỉnh Bắc Ninh",
        "signer": "Nguyễn Văn A",
    }
    refused = client.post(url, base | decision)
    assert refused.status_code == 200 and not Decision.objects.exists()
    done = client.post(url, base | decision | {f"override_{bad.pk}": "Khen đột xuất"})
    assert done.status_code == 302
    bad.refresh_from_db()
    assert bad.status == "awarded" and bad.override_reason == "Khen đột xuất"
    assert bad.decision.number == "163/QĐ-UBND"


def test_reject_action_keeps_the_reason(client, board_staff, bloc):
    nomination = NominationFactory(bloc=bloc)
    client.force_login(board_staff)
    url = reverse("admin:awards_nomination_changelist")
    form = client.post(url, {"action": "reject", "_selected_action": [nomination.pk]})
    assert form.status_code == 200
    client.post(
        url,
        {
            "action": "reject",
            "_selected_action": [nomination.pk],
            "apply": "1",
            "reason": "Hội đồng không đủ 80% phiếu",
        },
    )
    nomination.refresh_from_db()
    assert nomination.status == "rejected"
    assert nomination.status_reason == "Hội đồng không đủ 80% phiếu"


def test_secretary_cannot_use_decision_actions(client, secretary, bloc):
    nomination = NominationFactory(bloc=bloc)
    client.force_login(secretary)
    url = reverse("admin:awards_nomination_changelist")
    client.post(
        url,
        {"action": "reject", "_selected_action": [nomination.pk], "apply": "1", "reason": "x"},
    )
    nomination.refresh_from_db()
    assert nomination.status == "proposed"


def test_change_form_refuses_award_without_override_reason(client, board_staff, bloc):
    nomination = NominationFactory(bloc=bloc)
    client.force_login(board_staff)
    url = reverse("admin:awards_nomination_change", args=[nomination.pk])
    page = client.get(url)
    assert "còn thiếu: 2018, 2019" in page.text  # the warning shows on the form
    data = {
        "year": nomination.year_id,
        "bloc": bloc.pk,
        "award_type": nomination.award_type_id,
        "agency": nomination.agency_id,
        "status": "awarded",
        "decision": DecisionFactory().pk,
        "nominee_name": nomination.nominee_name,
    }
    assert client.post(url, data).status_code == 200
    nomination.refresh_from_db()
    assert nomination.status == "proposed"
    assert (
        client.post(url, data | {"override_reason": "Quyết định của Hội đồng"}).status_code == 302
    )
    nomination.refresh_from_db()
    assert nomination.override_reason == "Quyết định của Hội đồng"


def test_list_shows_rule_warnings_in_few_queries(
    client, board_staff, django_assert_max_num_queries
):
    for _ in range(20):
        NominationFactory()
    client.force_login(board_staff)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("admin:awards_nomination_changelist"))
    assert response.text.count('class="rule-warning"') == 20
    # each warning names its rule and explains itself on hover
    assert 'title="' in response.text.split('class="rule-warning"')[1][:400]
    assert reverse("admin:awards_nomination_checks") in response.text
    assert reverse("admin:awards_nomination_import") in response.text


# --- pages --------------------------------------------------------------------------------


def test_checks_page_lists_the_years_problems_in_scope(client, secretary, bloc, other_bloc):
    NominationFactory(bloc=bloc, agency=AgencyFactory(name="Đơn vị của tôi"))
    NominationFactory(bloc=other_bloc, agency=AgencyFactory(name="Đơn vị khối khác"))
    client.force_login(secretary)
    response = client.get(reverse("admin:awards_nomination_checks") + "?year=2019")
    assert response.status_code == 200
    assert "Đơn vị của tôi" in response.text and "Đơn vị khối khác" not in response.text
    assert "2018, 2019" in response.text


def test_bloc_year_page_enters_results_in_one_post(client, secretary, bloc, other_bloc):
    year = EmulationYearFactory(year=2019)
    agencies = [AgencyFactory() for _ in range(2)]
    client.force_login(secretary)
    url = reverse("admin:awards_bloc_year", args=[bloc.pk, 2019])
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "members-TOTAL_FORMS": "2",
        "members-INITIAL_FORMS": "0",
        "members-0-agency": agencies[0].pk,
        "members-0-role": "head",
        "members-1-agency": agencies[1].pk,
        "members-1-role": "deputy",
        "meetings-TOTAL_FORMS": "1",
        "meetings-INITIAL_FORMS": "0",
        "meetings-0-kind": "summary",
        "meetings-0-date": "05/12/2019",
        "meetings-0-venue": "Sở Y tế",
        "nominations-TOTAL_FORMS": "1",
        "nominations-INITIAL_FORMS": "0",
        "nominations-0-award_type": NominationFactory._meta.model._meta.get_field("award_type")
        .related_model.objects.get(code="prov_flag")
        .pk,
        "nominations-0-agency": agencies[0].pk,
        "nominations-0-votes": "11",
        "nominations-0-rank": "1",
        "ratings-TOTAL_FORMS": "0",
        "ratings-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 302, [f.errors for f in response.context["members_formset"]]
    assert Membership.objects.filter(bloc=bloc, year=year).count() == 2
    assert BlocMeeting.objects.filter(bloc=bloc, year=year).count() == 1
    nomination = Nomination.objects.get(bloc=bloc, year=year)
    assert (nomination.votes, nomination.created_by) == (11, secretary)
    assert nomination.history.first().history_user == secretary
    # the members are rated on the same page; an outsider is not
    outsider = AgencyFactory()
    members = list(Membership.objects.filter(bloc=bloc, year=year).order_by("pk"))
    grid = {
        "members-TOTAL_FORMS": "2",
        "members-INITIAL_FORMS": "2",
        "meetings-TOTAL_FORMS": "0",
        "meetings-INITIAL_FORMS": "0",
        "nominations-TOTAL_FORMS": "0",
        "nominations-INITIAL_FORMS": "0",
        "ratings-TOTAL_FORMS": "1",
        "ratings-INITIAL_FORMS": "0",
        "ratings-0-level": "excellent",
    }
    for i, m in enumerate(members):
        grid |= {f"members-{i}-id": m.pk, f"members-{i}-agency": m.agency_id}
        grid |= {f"members-{i}-role": m.role}
    refused = client.post(url, grid | {"ratings-0-agency": outsider.pk})
    assert refused.status_code == 200 and not TaskRating.objects.exists()
    assert client.post(url, grid | {"ratings-0-agency": agencies[0].pk}).status_code == 302
    assert TaskRating.objects.get().agency == agencies[0]
    # another bloc's page is out of reach
    assert (
        client.get(reverse("admin:awards_bloc_year", args=[other_bloc.pk, 2019])).status_code == 404
    )


def test_bloc_year_page_is_read_only_for_viewers_and_closed_years(
    client, viewer, board_staff, bloc
):
    EmulationYearFactory(year=2015, status="closed")
    client.force_login(viewer)
    url = reverse("admin:awards_bloc_year", args=[bloc.pk, 2015])
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 403
    client.force_login(board_staff)
    assert client.post(url, {}).status_code == 403


def test_bloc_year_page_queries_do_not_grow_with_rows(
    client, board_staff, bloc, django_assert_max_num_queries
):
    year = EmulationYearFactory(year=2019)
    for _ in range(15):
        agency = AgencyFactory()
        MembershipFactory(bloc=bloc, agency=agency, year=year)
        NominationFactory(bloc=bloc, agency=agency, year=year)
    client.force_login(board_staff)
    with django_assert_max_num_queries(40):
        response = client.get(reverse("admin:awards_bloc_year", args=[bloc.pk, 2019]))
    assert response.status_code == 200
    # autocomplete widgets, rendered with the chosen agency's name
    assert response.text.count("data-ajax--url") >= 15 * 4
    assert f'<option value="{agency.pk}" selected>{agency.name}</option>' in response.text


def test_bulk_delete_of_closed_year_records_is_refused(client, board_staff, bloc):
    closed = EmulationYearFactory(year=2014, status="closed")
    membership = MembershipFactory(bloc=bloc, year=closed)
    client.force_login(board_staff)
    response = client.post(
        reverse("admin:awards_membership_changelist"),
        {"action": "delete_selected", "_selected_action": [membership.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_bloc_year_page_carries_last_years_members_over(client, secretary, bloc):
    from tests.staff.test_bloc_year_page import page_data

    EmulationYearFactory(year=2023)
    this = EmulationYearFactory(year=2024)
    member = MembershipFactory(bloc=bloc, year=EmulationYearFactory(year=2023))
    client.force_login(secretary)
    url = reverse("admin:awards_bloc_year", args=[bloc.pk, 2024])
    page = client.get(url)
    assert "carry_over" in page.content.decode()
    # the button saves the page's form first, so the page's form is posted with it
    response = client.post(url, {**page_data(page), "carry_over": "1"})
    assert response.status_code == 302
    assert Membership.objects.filter(bloc=bloc, year=this, agency=member.agency).exists()
