"""A NUL typed or pasted into any admin form that takes text: a form error or a message, never a
500 (PostgreSQL refuses NUL in text; SQLite stores it, so these matter most on PostgreSQL)."""

from pathlib import Path

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from awards.models import Nomination, SourceDocument
from tests.factories import NominationFactory

pytestmark = pytest.mark.django_db
NUL = "\x00"
IMPORT = "admin:awards_sourcedocument_import"
SEED = (
    Path(__file__).resolve().parents[2]
    / "awards"
    / "demo_data"
    / "bac-ninh-khoi-kinh-te-ky-thuat-2019.txt"
)


@pytest.fixture
def admin_client(client, superuser):
    superuser.is_staff = True
    superuser.save()
    client.force_login(superuser)
    return client


@pytest.fixture
def article_text() -> str:
    return SEED.read_text(encoding="utf-8")


def confirm_data(text: str, **extra) -> dict:
    data = {"action": "confirm", "count": "1", "a0-keep": "1", "a0-text": text, "a0-label": "x"}
    data.update({f"a0-n{j}-keep": "1" for j in range(20)})
    data.update({f"a0-l{k}-keep": "1" for k in range(5)})
    return data | extra


def test_a_pasted_article_with_a_nul_is_refused_with_a_message(admin_client, article_text):
    text = article_text[:200] + NUL + article_text[200:]
    response = admin_client.post(reverse(IMPORT), {"action": "preview", "text": text})
    assert response.status_code == 200
    assert SourceDocument.objects.count() == 0


@pytest.mark.parametrize(
    "field",
    ["a0-text", "a0-label", "a0-url", "a0-n0-nominee", "a0-n0-agency", "a0-n0-agency_search",
     "a0-n0-award", "a0-n0-status", "count"],
)  # fmt: skip
def test_a_nul_in_any_field_of_the_import_confirm_saves_nothing_and_says_so(
    admin_client, article_text, field
):
    data = confirm_data(article_text)
    data[field] = data.get(field, "Sở Xây dựng") + NUL
    response = admin_client.post(reverse(IMPORT), data, follow=True)
    assert response.status_code == 200
    assert SourceDocument.objects.count() == 0
    assert Nomination.objects.count() == 0
    assert "NUL" in response.content.decode()


@pytest.mark.parametrize("count", ["abc", "-1", "99999999999999999999", "1e9"])
def test_a_confirm_with_a_count_that_is_not_a_small_number_is_refused(admin_client, count):
    response = admin_client.post(reverse(IMPORT), {"action": "confirm", "count": count})
    assert response.status_code in (200, 302, 400)
    assert SourceDocument.objects.count() == 0


def change_form_data(client, url) -> dict:
    """The change form's fields as the browser would send them back."""
    form = client.get(url).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif hasattr(field, "widget") and hasattr(field.widget, "decompress"):
            for index, part in enumerate(field.widget.decompress(value)):
                data[f"{name}_{index}"] = "" if part is None else str(part)
        else:
            data[name] = str(value)
    return data


@pytest.mark.parametrize("field", ["nominee_name", "notes", "year", "bloc", "award_type", "status"])
def test_a_nul_in_the_nomination_change_form_is_a_form_error(admin_client, field):
    nomination = NominationFactory(nominee_name="Sở Y tế")
    url = reverse("admin:awards_nomination_change", args=[nomination.pk])
    data = change_form_data(admin_client, url)
    data[field] = str(data.get(field, "")) + NUL
    response = admin_client.post(url, data)
    assert response.status_code == 200  # the form again, with its error
    assert response.context["adminform"].form.errors
    nomination.refresh_from_db()
    assert NUL not in nomination.nominee_name


@pytest.mark.parametrize("field", ["number", "issuer", "signer", "date"])
def test_a_nul_in_the_decision_form_is_a_form_error(admin_client, field):
    nomination = NominationFactory()
    data = {
        "action": "record_decision",
        ACTION_CHECKBOX_NAME: [nomination.pk],
        "apply": "1",
        "number": "12/QĐ-UBND",
        "date": "05/03/2024",
        "issuer": "UBND tỉnh",
        "signer": "",
    }
    data[field] += NUL
    response = admin_client.post(reverse("admin:awards_nomination_changelist"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.PROPOSED


@pytest.mark.parametrize("action", ["reject", "withdraw", "revoke"])
def test_a_nul_in_a_reason_is_a_form_error(admin_client, action):
    nomination = NominationFactory()
    data = {
        "action": action,
        ACTION_CHECKBOX_NAME: [nomination.pk],
        "apply": "1",
        "reason": "trùng" + NUL,
    }
    response = admin_client.post(reverse("admin:awards_nomination_changelist"), data)
    assert response.status_code == 200
    assert response.context["form"].errors


@pytest.mark.parametrize(
    "query",
    [{"q": NUL}, {"q": "Sở" + NUL}, {"status__exact": NUL}, {"year__year__exact": NUL},
     {"o": NUL}, {"p": NUL}],
)  # fmt: skip
def test_a_nul_in_the_nomination_list_parameters_is_not_a_500(admin_client, query):
    NominationFactory()
    response = admin_client.get(reverse("admin:awards_nomination_changelist"), query)
    assert response.status_code == 400
    assert "Content-Security-Policy" in response  # the 400 page has every page's headers


def test_a_nul_among_the_selected_rows_is_not_a_500(admin_client):
    nomination = NominationFactory()
    data = {"action": "reject", ACTION_CHECKBOX_NAME: [str(nomination.pk) + NUL]}
    response = admin_client.post(reverse("admin:awards_nomination_changelist"), data)
    assert response.status_code < 500
