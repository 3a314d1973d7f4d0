"""The permission matrix: role × model × action × route, each asserting what the database did.

Each case is one write through one route (change and add forms, delete, the
bloc-year formsets, django-simple-history's revert form, the CSV import, the
article importer's confirm, admin actions, extra admin URLs). It runs for each of
the five roles (board administrator, board staff, bloc secretary, viewer,
anonymous) inside a savepoint that is rolled back afterwards, and asserts that
the tracked tables changed for exactly the roles that may make that write.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import reverse

from awards.models import (
    Agency,
    Bloc,
    BlocMeeting,
    Decision,
    EmulationYear,
    Membership,
    Nomination,
    Person,
    SourceDocument,
    TaskRating,
)
from tests.factories import (
    AgencyFactory,
    BlocMeetingFactory,
    DecisionFactory,
    EmulationYearFactory,
    MembershipFactory,
    NominationFactory,
    PersonFactory,
    SourceDocumentFactory,
    award_type,
)

from .conftest import rate

pytestmark = pytest.mark.django_db

ROLES = ("board_admin", "board_staff", "secretary", "viewer", "anonymous")
EVERY_STAFF = ("board_admin", "board_staff", "secretary")
BOARD = ("board_admin", "board_staff")
ADMIN = ("board_admin",)
NOBODY = ()

TRACKED = (
    Nomination,
    Decision,
    Membership,
    BlocMeeting,
    TaskRating,
    Person,
    Agency,
    Bloc,
    SourceDocument,
    EmulationYear,
)

SEED_ARTICLE = (
    Path(__file__).resolve().parents[2]
    / "awards"
    / "demo_data"
    / "bac-ninh-khoi-kinh-te-ky-thuat-2019.txt"
)


def snapshot() -> dict:
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in TRACKED}


@dataclass
class World:
    """Two blocs, an open year (2023) and a closed one (2019), and one record of each kind."""

    users: dict
    bloc: Bloc
    other_bloc: Bloc
    member: Agency  # in ``bloc`` both years
    outsider: Agency  # in ``other_bloc`` both years
    stranger: Agency  # in no bloc
    proposal: Nomination  # bloc, 2023, proposed, breaks no rule
    other_proposal: Nomination  # other bloc, 2023
    awarded: Nomination  # bloc, 2023, awarded (it was proposed first)
    closed_award: Nomination  # bloc, 2019 (closed), awarded; it once stood in 2023
    decision: Decision  # grants ``awarded``
    closed_decision: Decision  # grants ``closed_award``
    member_rating: TaskRating
    outsider_rating: TaskRating
    member_person: Person
    outsider_person: Person
    membership: Membership
    other_membership: Membership
    closed_meeting: BlocMeeting


@pytest.fixture
def world(bloc, other_bloc, board_admin, board_staff, secretary, viewer) -> World:
    open_year = EmulationYearFactory(year=2023)
    EmulationYearFactory(year=2020)  # an open year with no rating yet
    closed_year = EmulationYearFactory(year=2019)
    member = AgencyFactory(name="Sở Công Thương")
    outsider = AgencyFactory(name="Sở Y tế")
    stranger = AgencyFactory(name="Sở Ngoại vụ")
    for y in (open_year, closed_year):
        MembershipFactory(bloc=bloc, agency=member, year=y)
        MembershipFactory(bloc=other_bloc, agency=outsider, year=y)
    for y in (2021, 2022):
        rate(member, y, "excellent")
    member_rating = rate(member, 2023, "excellent")
    outsider_rating = rate(outsider, 2023, "good")
    proposal = NominationFactory(
        bloc=bloc, year=open_year, agency=member, award_type=award_type("prov_cert")
    )
    # from an article: its source is the evidence an import may award it on
    other_proposal = NominationFactory(
        bloc=other_bloc, year=open_year, agency=outsider, source=SourceDocumentFactory()
    )
    # last year's members, for the carry-over
    MembershipFactory(bloc=bloc, agency=stranger, year=EmulationYearFactory(year=2022))
    MembershipFactory(bloc=other_bloc, agency=stranger, year=EmulationYearFactory(year=2022))
    decision = DecisionFactory(number="11/QĐ-UBND", date=datetime.date(2024, 3, 1))
    awarded = NominationFactory(
        bloc=bloc, year=open_year, agency=member, award_type=award_type("prov_flag")
    )
    awarded.status, awarded.decision = Nomination.Status.AWARDED, decision
    awarded.save()
    closed_decision = DecisionFactory(number="12/QĐ-UBND", date=datetime.date(2020, 3, 1))
    closed_award = NominationFactory(
        bloc=bloc,
        year=open_year,
        agency=member,
        award_type=award_type("gov_flag"),
        status=Nomination.Status.AWARDED,
        decision=closed_decision,
    )
    closed_award.year = closed_year
    closed_award.save()
    closed_meeting = BlocMeetingFactory(bloc=bloc, year=closed_year)
    closed_year.status = EmulationYear.Status.CLOSED
    closed_year.save()
    return World(
        users={
            "board_admin": board_admin,
            "board_staff": board_staff,
            "secretary": secretary,
            "viewer": viewer,
            "anonymous": None,
        },
        bloc=bloc,
        other_bloc=other_bloc,
        member=member,
        outsider=outsider,
        stranger=stranger,
        proposal=proposal,
        other_proposal=other_proposal,
        awarded=awarded,
        closed_award=closed_award,
        decision=decision,
        closed_decision=closed_decision,
        member_rating=member_rating,
        outsider_rating=outsider_rating,
        member_person=PersonFactory(agency=member),
        outsider_person=PersonFactory(agency=outsider),
        membership=Membership.objects.get(bloc=bloc, agency=member, year_id=2023),
        other_membership=Membership.objects.get(bloc=other_bloc, agency=outsider, year_id=2023),
        closed_meeting=closed_meeting,
    )


def run_for_each_role(client, world: World, do: Callable) -> dict[str, bool]:
    """Which roles changed the database through ``do``; every role's write is rolled back."""
    changed = {}
    for role in ROLES:
        savepoint = transaction.savepoint()
        try:
            client.logout()
            if world.users[role] is not None:
                client.force_login(world.users[role])
            before = snapshot()
            response = do(client, world)
            assert response.status_code < 500, (role, response.status_code)
            changed[role] = snapshot() != before
        finally:
            transaction.savepoint_rollback(savepoint)
    return changed


# --- how each route is driven ---------------------------------------------------------------


def form_data(obj, **changes) -> dict:
    """What the admin's change form posts for ``obj``, with ``changes`` applied."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key or not field.editable:
            continue
        value = field.value_from_object(obj)
        data[field.name] = "" if value is None else value
    data.update(changes)
    return {k: ("" if v is None else v) for k, v in data.items()}


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def change_form(attr, **changes):
    """POST the change form; a callable value is given the world (a pk known only there)."""

    def do(client, w):
        obj = fresh(getattr(w, attr))
        url = reverse(f"admin:awards_{obj._meta.model_name}_change", args=[obj.pk])
        values = {k: v(w) if callable(v) else v for k, v in changes.items()}
        return client.post(url, form_data(obj, **values))

    return do


def add_form(model_name, data: Callable):
    def do(client, w):
        return client.post(reverse(f"admin:awards_{model_name}_add"), data(w))

    return do


def delete(attr):
    def do(client, w):
        obj = getattr(w, attr)
        url = reverse(f"admin:awards_{obj._meta.model_name}_delete", args=[obj.pk])
        return client.post(url, {"post": "yes"})

    return do


def revert(attr, version: str = "earliest", **changes):
    """POST simple-history's form for an older version of the record (a revert)."""

    def do(client, w):
        obj = getattr(w, attr)
        record = getattr(obj.history, version)()
        url = reverse(
            f"admin:awards_{obj._meta.model_name}_simple_history",
            args=[obj.pk, record.history_id],
        )
        return client.post(url, form_data(record.instance, **changes))

    return do


def action(name, attr, **extra):
    def do(client, w):
        data = {"action": name, "_selected_action": [getattr(w, attr).pk], "apply": "1"}
        data.update(extra)
        return client.post(reverse("admin:awards_nomination_changelist"), data)

    return do


def decision_action(attr):
    return action(
        "record_decision",
        attr,
        number="99/QĐ-UBND",
        date="2024-03-15",
        issuer="Chủ tịch UBND tỉnh Bắc Ninh",
        signer="",
    )


def bloc_year_post(bloc_attr: str, year: int, *, new_proposal=None, carry_over=False, tweak=None):
    """The bloc's year page as the browser posts it: every existing row, plus one new proposal."""

    def do(client, w):
        bloc = getattr(w, bloc_attr)
        url = reverse("admin:awards_bloc_year", args=[bloc.pk, year])
        data = {}

        def block(prefix, rows, fields, extra):
            data[f"{prefix}-TOTAL_FORMS"] = len(rows) + extra
            data[f"{prefix}-INITIAL_FORMS"] = len(rows)
            data[f"{prefix}-MIN_NUM_FORMS"] = 0
            data[f"{prefix}-MAX_NUM_FORMS"] = 1000
            for i, row in enumerate(rows):
                data[f"{prefix}-{i}-id"] = row.pk
                for name in fields:
                    value = row._meta.get_field(name).value_from_object(row)
                    data[f"{prefix}-{i}-{name}"] = "" if value is None else value
            return len(rows)

        members = Membership.objects.filter(bloc=bloc, year_id=year)
        block("members", list(members), ["agency", "role", "notes"], 0)
        block(
            "meetings",
            list(BlocMeeting.objects.filter(bloc=bloc, year_id=year)),
            ["kind", "date", "venue", "venue_agency", "notes"],
            0,
        )
        proposals = list(
            Nomination.objects.filter(bloc=bloc, year_id=year, status=Nomination.Status.PROPOSED)
        )
        n = block(
            "nominations",
            proposals,
            ["award_type", "agency", "person", "votes", "rank", "notes"],
            1 if new_proposal else 0,
        )
        if new_proposal:
            for key, value in new_proposal(w).items():
                data[f"nominations-{n}-{key}"] = value
        block(
            "ratings",
            list(
                TaskRating.objects.filter(year_id=year, agency_id__in=members.values("agency_id"))
            ),
            ["agency", "level"],
            0,
        )
        if tweak is not None:
            tweak(data, w)
        if carry_over:  # the button saves the page's form first, so it posts it too
            data["carry_over"] = "1"
        return client.post(url, data)

    return do


NOMINATION_HEADER = (
    "year,bloc,award,agency,person,nominee_name,status,status_reason,"
    "override_reason,votes,rank,notes"
)


def inline_row(attr, model, values: Callable):
    """The change form of ``attr`` with one new row in the inline of ``model``.

    The page is read as a board administrator (who sees every inline) for the
    management forms; the POST is the role's.
    """

    def do(client, w):
        obj = fresh(getattr(w, attr))
        url = reverse(f"admin:awards_{obj._meta.model_name}_change", args=[obj.pk])
        reader = type(client)()
        reader.force_login(w.users["board_admin"])
        page = reader.get(url)
        data = form_data(obj)
        for inline in page.context["inline_admin_formsets"]:
            formset = inline.formset
            prefix = formset.prefix
            new = formset.model is model
            data |= {
                f"{prefix}-TOTAL_FORMS": len(formset.initial_forms) + int(new),
                f"{prefix}-INITIAL_FORMS": len(formset.initial_forms),
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
            for i, form in enumerate(formset.initial_forms):
                for name in form.fields:
                    value = form[name].value()
                    data[f"{prefix}-{i}-{name}"] = "" if value is None else value
            if new:
                i = len(formset.initial_forms)
                data |= {f"{prefix}-{i}-{k}": v for k, v in values(w).items()}
        return client.post(url, data)

    return do


def csv_import(rows: list, *, model: str = "nomination", header: str = NOMINATION_HEADER):
    """The import-export admin: upload, then confirm the previewed file."""

    def do(client, w):
        text = header + "\n" + "".join(row(w) + "\n" for row in rows)
        upload = io.BytesIO(text.encode("utf-8-sig"))
        upload.name = f"{model}.csv"
        url = reverse(f"admin:awards_{model}_import")
        page = client.get(url)
        if page.status_code != 200:
            return page
        formats = page.context["form"].fields["format"].choices
        csv_index = next(value for value, label in formats if "csv" in str(label).lower())
        preview = client.post(url, {"import_file": upload, "format": csv_index, "resource": 0})
        confirm = preview.context and preview.context.get("confirm_form")
        if not confirm:
            return preview
        return client.post(reverse(f"admin:awards_{model}_process_import"), confirm.initial)

    return do


def article_confirm(year: int):
    """The article importer's confirm step for the demo article, moved to ``year``."""

    def do(client, w):
        text = SEED_ARTICLE.read_text(encoding="utf-8")
        text = text.replace("2020", str(year + 1)).replace("2019", str(year))
        data = {"action": "confirm", "count": "1", "a0-keep": "1", "a0-text": text}
        data |= {f"a0-n{j}-keep": "1" for j in range(12)} | {"a0-l0-keep": "1"}
        return client.post(reverse("admin:awards_sourcedocument_import"), data)

    return do


def nomination_add(bloc_attr, agency_attr, year=2023, code="prov_cert"):
    def data(w):
        bloc = getattr(w, bloc_attr) if bloc_attr else None
        return {
            "year": year,
            "bloc": bloc.pk if bloc else "",
            "award_type": award_type(code).pk,
            "agency": getattr(w, agency_attr).pk,
            "status": "proposed",
        }

    return data


# --- the matrix ---------------------------------------------------------------------------


@dataclass
class Case:
    id: str
    do: Callable
    may: tuple  # the roles whose write must reach the database


CASES = [
    # change form
    Case("form/nomination/change notes", change_form("proposal", notes="x"), EVERY_STAFF),
    Case("form/nomination/other bloc", change_form("other_proposal", notes="x"), BOARD),
    Case("form/nomination/closed year", change_form("closed_award", notes="x"), ADMIN),
    Case(
        "form/nomination/status awarded→withdrawn",
        change_form("awarded", status="withdrawn", status_reason="x"),
        ADMIN,
    ),
    Case(
        "form/nomination/status awarded→proposed", change_form("awarded", status="proposed"), ADMIN
    ),
    Case(
        "form/nomination/status proposed→awarded",
        change_form("proposal", status="awarded", decision=lambda w: w.decision.pk),
        BOARD,
    ),
    Case(
        "form/nomination/status proposed→withdrawn",
        change_form("proposal", status="withdrawn", status_reason="x"),
        EVERY_STAFF,
    ),
    Case("form/decision/change signer", change_form("decision", signer="X"), BOARD),
    Case("form/decision/closed year's awards", change_form("closed_decision", signer="X"), ADMIN),
    Case("form/taskrating/own member", change_form("member_rating", level="good"), EVERY_STAFF),
    Case("form/taskrating/other bloc", change_form("outsider_rating", level="excellent"), BOARD),
    Case("form/person/own member", change_form("member_person", position="X"), EVERY_STAFF),
    Case("form/person/other bloc", change_form("outsider_person", position="X"), BOARD),
    Case("form/membership/own bloc", change_form("membership", notes="x"), EVERY_STAFF),
    Case("form/membership/other bloc", change_form("other_membership", notes="x"), BOARD),
    Case("form/blocmeeting/closed year", change_form("closed_meeting", venue="X"), ADMIN),
    # add form
    Case(
        "add/nomination/member",
        add_form("nomination", nomination_add("bloc", "member", code="advanced_collective")),
        EVERY_STAFF,
    ),
    Case(
        "add/nomination/empty bloc",
        add_form("nomination", nomination_add(None, "member", code="advanced_collective")),
        BOARD,
    ),
    Case(
        "add/nomination/not a member",
        add_form("nomination", nomination_add("bloc", "stranger")),
        BOARD,
    ),
    Case(
        "add/taskrating/other bloc's agency",
        add_form("taskrating", lambda w: {"year": 2022, "agency": w.outsider.pk, "level": "good"}),
        BOARD,
    ),
    Case(
        "add/taskrating/own member",
        add_form("taskrating", lambda w: {"year": 2020, "agency": w.member.pk, "level": "good"}),
        EVERY_STAFF,
    ),
    Case(
        "add/person/other bloc's agency",
        add_form("person", lambda w: {"full_name": "Lê Văn Khác", "agency": w.outsider.pk}),
        BOARD,
    ),
    # an inline row (the agency's ratings)
    Case(
        "inline/taskrating/closed year",
        inline_row("member", TaskRating, lambda w: {"year": 2019, "level": "good"}),
        ADMIN,
    ),
    Case(
        "inline/taskrating/open year",
        inline_row("member", TaskRating, lambda w: {"year": 2020, "level": "good"}),
        BOARD,  # secretaries view agencies, they do not change them
    ),
    # delete
    Case("delete/nomination/proposal", delete("proposal"), BOARD),
    Case("delete/nomination/closed year", delete("closed_award"), ADMIN),
    Case("delete/membership/own bloc", delete("membership"), EVERY_STAFF),
    # history revert
    Case("revert/nomination/notes", revert("proposal", notes="older"), EVERY_STAFF),
    Case("revert/nomination/other bloc", revert("other_proposal", notes="older"), BOARD),
    Case("revert/nomination/closed year into 2023", revert("closed_award", "earliest"), ADMIN),
    Case("revert/nomination/awarded→proposed", revert("awarded", "earliest"), ADMIN),
    Case("revert/decision/signer", revert("decision", signer="Người khác"), BOARD),
    Case("revert/membership/notes", revert("membership", notes="older"), EVERY_STAFF),
    # the bloc's year page
    Case(
        "formset/nomination/new proposal",
        bloc_year_post(
            "bloc",
            2023,
            new_proposal=lambda w: {
                "award_type": award_type("advanced_collective").pk,
                "agency": w.member.pk,
            },
        ),
        EVERY_STAFF,
    ),
    Case(
        "formset/nomination/not a member",
        bloc_year_post(
            "bloc",
            2023,
            new_proposal=lambda w: {
                "award_type": award_type("advanced_collective").pk,
                "agency": w.stranger.pk,
            },
        ),
        BOARD,
    ),
    Case(
        "formset/nomination/other bloc",
        bloc_year_post(
            "other_bloc",
            2023,
            new_proposal=lambda w: {
                "award_type": award_type("advanced_collective").pk,
                "agency": w.outsider.pk,
            },
        ),
        BOARD,
    ),
    Case(
        "formset/membership/carry over", bloc_year_post("bloc", 2023, carry_over=True), EVERY_STAFF
    ),
    Case(
        "formset/membership/carry over, other bloc",
        bloc_year_post("other_bloc", 2023, carry_over=True),
        BOARD,
    ),
    # import-export
    Case(
        "import/nomination/notes",
        csv_import([lambda w: f"2023,{w.bloc.name},prov_cert,{w.member.name},,,,,,,,imported"]),
        EVERY_STAFF,
    ),
    Case(
        "import/nomination/award breaking a rule, no reason",
        csv_import(
            [lambda w: f"2023,{w.other_bloc.name},prov_cert,{w.outsider.name},,,awarded,,,,,"]
        ),
        NOBODY,
    ),
    Case(
        "import/nomination/award breaking a rule, with a reason",
        csv_import(
            [
                lambda w: (
                    f"2023,{w.other_bloc.name},prov_cert,{w.outsider.name},,,awarded,,"
                    "Hội đồng đã xét,,,"
                )
            ]
        ),
        BOARD,
    ),
    Case(
        "import/nomination/closed year",
        csv_import([lambda w: f"2019,{w.bloc.name},prov_cert,{w.member.name},,,,,,,,late"]),
        ADMIN,
    ),
    Case(
        "import/membership/own bloc",
        csv_import(
            [lambda w: f"2023,{w.bloc.name},{w.stranger.name},member,"],
            model="membership",
            header="year,bloc,agency,role,notes",
        ),
        EVERY_STAFF,
    ),
    Case(
        "import/membership/other bloc",
        csv_import(
            [lambda w: f"2023,{w.other_bloc.name},{w.stranger.name},member,"],
            model="membership",
            header="year,bloc,agency,role,notes",
        ),
        BOARD,
    ),
    # the article importer
    Case("importer/confirm/open year", article_confirm(2023), BOARD),
    Case("importer/confirm/closed year", article_confirm(2019), ADMIN),
    # admin actions
    Case("action/withdraw/proposal", action("withdraw", "proposal", reason="x"), EVERY_STAFF),
    Case("action/withdraw/awarded", action("withdraw", "awarded", reason="x"), NOBODY),
    Case("action/reject/other bloc", action("reject", "other_proposal", reason="x"), BOARD),
    Case("action/revoke/closed year", action("revoke", "closed_award", reason="x"), ADMIN),
    Case("action/record_decision/proposal", decision_action("proposal"), BOARD),
    Case(
        "action/delete_selected/proposal", action("delete_selected", "proposal", post="yes"), BOARD
    ),
    Case(
        "action/delete_selected/closed year",
        action("delete_selected", "closed_award", post="yes"),
        ADMIN,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_permission_matrix(case, client, world):
    changed = run_for_each_role(client, world, case.do)
    wrote = {role for role, did in changed.items() if did}
    assert wrote == set(case.may), f"wrote: {sorted(wrote)}, may: {sorted(case.may)}"


def test_bloc_add_form_opens(client, world):
    """Finding 9: the add form of a bloc was a 500 (year links of an unsaved bloc)."""
    for role, status in (("board_admin", 200), ("board_staff", 200), ("secretary", 403)):
        client.force_login(world.users[role])
        assert client.get(reverse("admin:awards_bloc_add")).status_code == status, role


@pytest.mark.parametrize(
    ("role", "status", "sees_other_bloc"),
    [
        ("board_admin", 200, True),
        ("board_staff", 200, True),
        ("secretary", 200, False),
        ("viewer", 200, True),
        ("anonymous", 302, False),
    ],
)
def test_view_and_export_are_scoped(role, status, sees_other_bloc, client, world):
    """The read side of the matrix: the list and the export hold only the user's blocs."""
    if world.users[role] is not None:
        client.force_login(world.users[role])
    listing = client.get(reverse("admin:awards_nomination_changelist"))
    assert listing.status_code == status
    export = client.get(reverse("admin:awards_nomination_export"))
    assert export.status_code == status
    if status == 200:
        assert ("Sở Y tế" in listing.text) is sees_other_bloc
        assert "Sở Công Thương" in listing.text
