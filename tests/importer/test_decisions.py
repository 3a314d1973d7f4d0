"""Decisions cited by an article, and the honest dry-run summary."""
# ruff: noqa: E501  (article text is kept as written)

import json

import pytest
from django.core.management import call_command

from awards.importer import import_article_text
from awards.importer.extracting import extract
from awards.importer.metadata import decision_issuer
from awards.models import Agency, Decision, Nomination, SourceDocument
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

DATED = """Hội Nông dân tỉnh Hà Tĩnh đón nhận Cờ thi đua của Chính phủ

Ngày 10 tháng 3 năm 2021, Khối thi đua các đoàn thể tỉnh Hà Tĩnh tổ chức lễ đón nhận Cờ thi đua.
Theo Quyết định số 231/QĐ-TTg ngày 5/3/2021, Thủ tướng Chính phủ đã tặng Cờ thi đua của Chính phủ cho Hội Nông dân tỉnh vì đã dẫn đầu phong trào thi đua năm 2020.
"""


def test_command_text_summary_says_what_would_be_created(own_article, tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(own_article("decision_date_lead.txt"), encoding="utf-8")
    call_command("import_article", str(path), dry_run=True)
    first = capsys.readouterr().out.splitlines()[0]
    assert "không có gì mới" not in first
    assert "2 đề nghị khen thưởng" in first and "2 cơ quan/đơn vị" in first


def test_dry_run_summary_counts_links_to_existing_agencies(own_article):
    AgencyFactory(name="Hội Nông dân tỉnh", province="Hà Tĩnh")
    result = import_article_text(own_article("decision_date_lead.txt"), dry_run=True)
    summary = str(result)
    assert "1 cơ quan/đơn vị" in summary
    assert "sẽ liên kết với bản ghi có sẵn: 1 cơ quan/đơn vị" in summary
    assert result.as_dict()["would_create"]["nominations"] == 2


@pytest.mark.parametrize(
    ("number", "issuer"),
    [
        ("231/QĐ-TTg", "Thủ tướng Chính phủ"),
        ("1234/QĐ-CTN", "Chủ tịch nước"),
        ("163/QĐ-UBND", "Chủ tịch UBND tỉnh Hà Tĩnh"),
        ("99/QĐ-BCA", None),
    ],
)
def test_issuer_from_the_number(number, issuer):
    assert decision_issuer(number, "Hà Tĩnh") == issuer


def test_decision_in_json(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(DATED, encoding="utf-8")
    call_command("import_article", str(path), dry_run=True, format="json")
    data = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert data["decision"]["number"] == "231/QĐ-TTg"
    assert data["decision"]["date"] == "2021-03-05"
    assert data["decision"]["issuer"] == "Thủ tướng Chính phủ"
    assert data["nominations"][0]["decision"] == "231/QĐ-TTg"


def test_dated_decision_is_created_once_and_linked():
    import_article_text(DATED)
    decision = Decision.objects.get()
    assert (decision.number, str(decision.date)) == ("231/QĐ-TTg", "2021-03-05")
    assert decision.issuer == "Thủ tướng Chính phủ"
    nomination = Nomination.objects.get()
    assert nomination.decision == decision and nomination.status == "awarded"
    # another article about the same decision reuses it
    import_article_text(DATED.replace("Ngày 10 tháng 3", "Ngày 12 tháng 3"))
    assert Decision.objects.count() == 1


def test_undated_decision_stays_in_the_notes(own_article):
    import_article_text(own_article("decision_date_lead.txt"))
    assert Decision.objects.count() == 0
    notes = set(Nomination.objects.values_list("notes", flat=True))
    assert notes == {"Cờ thi đua; Quyết định số 231/QĐ-TTg"}
    assert Nomination.objects.filter(decision__isnull=True, status="awarded").count() == 2
    assert Agency.objects.count() == 2 and SourceDocument.objects.count() == 1


def test_decision_date_in_words():
    article = extract(
        "Tin\n\nSáng 2/4, Cụm thi đua số 3 tỉnh Nam Định trao Bằng khen của Thủ tướng Chính phủ "
        "cho Sở Y tế theo Quyết định số 45/QĐ-TTg ngày 12 tháng 1 năm 2022 do đồng chí "
        "Phạm Bình Minh ký."
    )
    assert [(d.number, d.date, d.signer) for d in article.decisions] == [
        ("45/QĐ-TTg", "2022-01-12", "Phạm Bình Minh")
    ]
