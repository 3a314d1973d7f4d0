"""The one write path seen from the routes: decided_by/at, closed years said in Vietnamese,
stale forms as conflicts, one decision for several blocs, the importer refusing closed years."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse

from awards import services
from awards.importer import import_article_text
from awards.models import Decision, Nomination, SourceDocument
from tests.factories import (
    AgencyFactory,
    DecisionFactory,
    EmulationYearFactory,
    NominationFactory,
    award_type,
)

from .conftest import rate
from .test_permission_matrix import bloc_year_post, form_data

pytestmark = pytest.mark.django_db

SEED_ARTICLE = (
    Path(__file__).resolve().parents[2]
    / "awards"
    / "demo_data"
    / "bac-ninh-khoi-kinh-te-ky-thuat-2019.txt"
)


def clean_proposal(bloc, year=2023):
    """A provincial certificate for an agency rated excellent the two years before."""
    agency = AgencyFactory()
    for y in (year - 1, year):
        rate(agency, y, "excellent")
    return NominationFactory(
        bloc=bloc,
        agency=agency,
        year=EmulationYearFactory(year=year),
        award_type=award_type("prov_cert"),
    )


def change(client, nomination, **changes):
    url = reverse("admin:awards_nomination_change", args=[nomination.pk])
    nomination = Nomination.objects.get(pk=nomination.pk)
    return client.post(url, form_data(nomination, **changes))


def test_awarding_in_the_change_form_records_who_decided_and_when(client, board_staff, bloc):
    """Finding 5: the form set "awarded" without decided_by/decided_at."""
    nomination = clean_proposal(bloc)
    client.force_login(board_staff)
    response = change(client, nomination, status="awarded", decision=DecisionFactory().pk)
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == "awarded"
    assert nomination.decided_by == board_staff and nomination.decided_at is not None
    assert nomination.history.first().history_user == board_staff


def test_secretary_cannot_undo_the_boards_decision_and_is_told_why(client, secretary, bloc):
    """Finding 2: an awarded flag set back to proposed by a secretary, decision still linked."""
    nomination = NominationFactory(bloc=bloc, status="awarded", decision=DecisionFactory())
    client.force_login(secretary)
    response = change(client, nomination, status="proposed")
    assert response.status_code == 200
    assert "không thể chuyển sang" in response.text
    nomination.refresh_from_db()
    assert nomination.status == "awarded"


def test_decision_for_a_closed_years_proposal_says_why_in_vietnamese(client, board_staff, bloc):
    """Finding 4: a bare English 403 after the decision form was accepted."""
    proposal = NominationFactory(bloc=bloc, year=EmulationYearFactory(year=2016))
    proposal.year.status = "closed"
    proposal.year.save()
    client.force_login(board_staff)
    response = client.post(
        reverse("admin:awards_nomination_changelist"),
        {
            "action": "record_decision",
            "_selected_action": [proposal.pk],
            "apply": "1",
            "number": "163/QĐ-UBND",
            "date": "15/03/2020",
            "issuer": "Chủ tịch UBND tỉnh Bắc Ninh",
            f"override_{proposal.pk}": "Khen đột xuất",
        },
    )
    assert response.status_code == 200
    assert "Năm 2016 đã khóa" in response.text
    assert not Decision.objects.exists()
    proposal.refresh_from_db()
    assert proposal.status == "proposed"


def test_a_stale_form_is_a_conflict_showing_both_values(client, board_staff, board_admin, bloc):
    """Finding 6: the second of two editors silently erased the first one's notes."""
    nomination = NominationFactory(bloc=bloc, notes="", votes=3)
    opened = Nomination.objects.get(pk=nomination.pk)  # the second editor's form, opened now
    client.force_login(board_admin)
    assert (
        change(client, nomination, notes="Ghi chú của người thứ nhất", votes=9).status_code == 302
    )
    client.force_login(board_staff)
    url = reverse("admin:awards_nomination_change", args=[nomination.pk])
    stale = form_data(opened, notes="Ghi chú của người thứ hai") | {"version": opened.version}
    response = client.post(url, stale)
    assert response.status_code == 200
    assert "Ghi chú của người thứ nhất" in response.text  # theirs
    assert "Ghi chú của người thứ hai" in response.text  # yours, still in the form
    nomination.refresh_from_db()
    assert (nomination.notes, nomination.votes) == ("Ghi chú của người thứ nhất", 9)
    # the page came back with their version: saving again, having seen both, goes through
    form = response.context["adminform"].form
    assert form["version"].value() == nomination.version
    again = stale | {"version": form["version"].value(), "notes": "Cả hai"}
    assert client.post(url, again).status_code == 302
    nomination.refresh_from_db()
    assert nomination.notes == "Cả hai"


def test_a_stale_service_call_is_a_conflict(board_staff, bloc):
    nomination = NominationFactory(bloc=bloc)
    stale = Nomination.objects.get(pk=nomination.pk)
    nomination.notes = "first"
    services.record_save(instance=nomination, user=board_staff)
    stale.notes = "second"
    with pytest.raises(services.Conflict) as conflict:
        services.record_save(instance=stale, user=board_staff)
    assert conflict.value.differences["notes"] == ("second", "first")
    assert Nomination.objects.get(pk=nomination.pk).notes == "first"


def test_one_decision_covers_several_blocs_and_batches(board_staff, bloc, other_bloc):
    """Finding 7: recording 123/QĐ-UBND for a second bloc was refused."""
    first, second = clean_proposal(bloc), clean_proposal(other_bloc)
    values = {
        "number": "123/QĐ-UBND",
        "date": datetime.date(2024, 3, 15),
        "issuer": "Chủ tịch UBND tỉnh Bắc Ninh",
        "user": board_staff,
    }
    decision = services.decision_record(nominations=[first], **values)
    again = services.decision_record(nominations=[second], **values)
    assert again == decision and Decision.objects.count() == 1
    assert set(decision.nominations.values_list("bloc", flat=True)) == {bloc.pk, other_bloc.pk}


def test_decision_of_a_closed_year_is_read_only_for_board_staff(client, board_staff, bloc):
    """Finding 4: staff could edit the decision that granted closed-year awards."""
    decision = DecisionFactory(signer="Nguyễn Văn A")
    NominationFactory(
        bloc=bloc, year=EmulationYearFactory(year=2016), status="awarded", decision=decision
    )
    Nomination.objects.get(decision=decision).year.__class__.objects.filter(year=2016).update(
        status="closed"
    )
    client.force_login(board_staff)
    url = reverse("admin:awards_decision_change", args=[decision.pk])
    assert 'name="_save"' not in client.get(url).text
    client.post(url, form_data(decision, signer="Người khác"))
    decision.refresh_from_db()
    assert decision.signer == "Nguyễn Văn A"


def test_importer_refuses_a_closed_year_and_saves_nothing(board_staff):
    """Finding 4: the article importer wrote a 2019 proposal and meeting into closed 2019."""
    EmulationYearFactory(year=2019, status="closed")
    result = import_article_text(SEED_ARTICLE.read_text(encoding="utf-8"), user=board_staff)
    assert result.refused and "2019" in str(result)
    assert not SourceDocument.objects.exists() and not Nomination.objects.exists()


def test_a_stale_bloc_year_page_is_a_conflict_too(client, board_staff, bloc):
    """Finding 6 on the year page: a proposal changed since the page was opened."""
    proposal = clean_proposal(bloc)
    opened = proposal.version
    proposal.notes = "Ghi chú mới hơn"
    services.record_save(instance=proposal, user=board_staff)

    def stale(data, w):
        row = next(k for k, v in data.items() if k.endswith("-id") and v == proposal.pk)
        data[row.replace("-id", "-version")] = opened
        data[row.replace("-id", "-notes")] = "Ghi chú cũ"

    client.force_login(board_staff)
    page = client.get(reverse("admin:awards_bloc_year", args=[bloc.pk, 2023]))
    # the page sends back the version it showed, so the browser's post can be compared
    assert f'name="nominations-0-version" value="{proposal.version}"' in page.text
    response = bloc_year_post("bloc", 2023, tweak=stale)(client, type("W", (), {"bloc": bloc}))
    assert response.status_code == 200
    assert "Ghi chú mới hơn" in response.text
    proposal.refresh_from_db()
    assert proposal.notes == "Ghi chú mới hơn"
