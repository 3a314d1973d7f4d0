"""Export → import of an untouched file changes nothing (issue 10, finding 8).

Vietnamese headers and labels out, labels or codes in; empty cells stay empty; cells a
spreadsheet would run are neutralised like the public CSV and restored on import; the
admin's export streams the same rows.
"""

import csv
import io

import openpyxl
import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from awards.models import Nomination
from awards.resources import (
    ExchangeCSV,
    ExchangeXLSX,
    NominationResource,
    import_rows,
    read_dataset,
    row_problems,
)
from tests.factories import AgencyFactory, DecisionFactory, NominationFactory, award_type

pytestmark = pytest.mark.django_db

FORMULAS = ["=1+2", "+84 912", "-giảm", "@mention", "\tTab", "\rCR", "'=đã có nháy", "'bình thường"]


@pytest.fixture
def register(bloc):
    """One nomination per status, some with empty optional cells, notes that look like formulas."""
    rows = []
    for i, status in enumerate(["proposed", "awarded", "rejected", "withdrawn", "revoked"]):
        extra = {}
        if status == "awarded":
            extra["decision"] = DecisionFactory()
        if status in ("rejected", "withdrawn", "revoked"):
            extra["status_reason"] = f"Lý do {status}"
        rows.append(
            NominationFactory(
                bloc=bloc,
                agency=AgencyFactory(name=f"Sở số {i}"),
                award_type=award_type("prov_cert"),
                status=status,
                votes=None if i % 2 else 7,
                rank=None,
                notes=FORMULAS[i],
                **extra,
            )
        )
    # a second withdrawn record of the same agency, award and year
    rows.append(
        NominationFactory(
            bloc=bloc,
            agency=rows[3].agency,
            award_type=award_type("prov_cert"),
            year=rows[3].year,
            status="withdrawn",
            status_reason="Rút lần hai",
            notes=FORMULAS[6],
        )
    )
    rows.append(
        NominationFactory(
            bloc=bloc,
            agency=AgencyFactory(name="Sở cuối"),
            award_type=award_type("prov_flag"),
            notes=FORMULAS[7] + "\n" + FORMULAS[5],
        )
    )
    return rows


def snapshot():
    return sorted(
        Nomination.objects.values_list(
            "pk",
            "year",
            "bloc",
            "award_type",
            "agency",
            "person",
            "nominee_name",
            "status",
            "status_reason",
            "votes",
            "rank",
            "notes",
            "decision",
        )
    )


def history_count():
    return Nomination.history.count()


def test_csv_round_trip_changes_nothing(register, board_staff):
    before, versions = snapshot(), history_count()
    content = ExchangeCSV().export_data(NominationResource(user=board_staff).export())
    result = import_rows(NominationResource(user=board_staff), read_dataset(content, format="csv"))
    assert row_problems(result) == []
    assert snapshot() == before  # no duplicated rejected or withdrawn rows, notes intact
    assert history_count() == versions


def test_xlsx_round_trip_changes_nothing_and_leaves_empty_cells_empty(register, board_staff):
    before, versions = snapshot(), history_count()
    content = ExchangeXLSX().export_data(NominationResource(user=board_staff).export())
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [c.value for row in sheet.iter_rows() for c in row]
    assert "None" not in cells
    assert None in cells  # the empty votes, ranks and decisions
    result = import_rows(NominationResource(user=board_staff), read_dataset(content, format="xlsx"))
    assert row_problems(result) == []
    assert snapshot() == before
    assert history_count() == versions


def test_vietnamese_headers_and_labels(register, board_staff):
    content = ExchangeCSV().export_data(NominationResource(user=board_staff).export())
    rows = list(csv.DictReader(io.StringIO(content.lstrip("\ufeff"))))
    assert list(rows[0])[:3] == ["Năm", "Khối/Cụm thi đua", "Hình thức khen thưởng"]
    assert {r["Trạng thái"] for r in rows} == {
        "Đề nghị",
        "Đã khen thưởng",
        "Không được khen thưởng",
        "Rút đề nghị",
        "Bị thu hồi",
    }
    assert "Bằng khen của Chủ tịch UBND tỉnh" in {r["Hình thức khen thưởng"] for r in rows}
    assert "prov_cert" not in content and "awarded" not in content


def test_csv_cells_are_neutralised_like_the_public_csv(register, board_staff):
    content = ExchangeCSV().export_data(NominationResource(user=board_staff).export())
    notes = [r["Ghi chú"] for r in csv.DictReader(io.StringIO(content.lstrip("\ufeff")))]
    for text in FORMULAS[:5]:
        assert "'" + text in notes
    assert "''=đã có nháy" in notes  # so that import takes exactly one quote off
    assert not any(n.startswith(("=", "+", "-", "@", "\t", "\r")) for n in notes)


@pytest.mark.parametrize(
    ("award", "status"),
    [
        ("prov_cert", "proposed"),
        ("Bằng khen của Chủ tịch UBND tỉnh", "Đề nghị"),
        ("BANG KHEN CUA CHU TICH UBND TINH", "de nghi"),
    ],
)
def test_codes_and_labels_are_both_accepted(bloc, board_staff, award, status):
    AgencyFactory(name="Sở Y tế")
    from tests.factories import EmulationYearFactory

    EmulationYearFactory(year=2023)
    for header in (
        "year,bloc,award,agency,status\n",
        "Năm,Khối/Cụm thi đua,Hình thức khen thưởng,Đơn vị,Trạng thái\n",
    ):
        Nomination.objects.all().delete()
        text = header + f"2023,{bloc.name},{award},Sở Y tế,{status}\n"
        result = import_rows(NominationResource(user=board_staff), read_dataset(text, format="csv"))
        assert row_problems(result) == []
        saved = Nomination.objects.get()
        assert (saved.award_type.code, saved.status) == ("prov_cert", "proposed")


def test_unknown_status_label_names_the_row(bloc, board_staff):
    AgencyFactory(name="Sở Y tế")
    text = f"year,bloc,award,agency,status\n{2019},{bloc.name},prov_cert,Sở Y tế,đã duyệt\n"
    from tests.factories import EmulationYearFactory

    EmulationYearFactory(year=2019)
    problems = row_problems(
        import_rows(NominationResource(user=board_staff), read_dataset(text, format="csv"))
    )
    assert [n for n, _ in problems] == [1]
    assert "đã duyệt" in problems[0][1]
    assert Nomination.objects.count() == 0


# --- the admin's export ------------------------------------------------------------------


def admin_export(client, fmt: str):
    """The admin's export page, posted as it comes: every field ticked."""
    url = reverse("admin:awards_nomination_export")
    form = client.get(url).context["form"]
    index = next(v for v, label in form.fields["format"].choices if fmt in str(label).lower())
    ticked = {name: "on" for name in form.fields if name.startswith("nominationresource_")}
    return client.post(url, {"format": index, "resource": 0, **ticked})


def test_admin_csv_export_streams_and_reimports_unchanged(register, board_staff, client):
    client.force_login(board_staff)
    before, versions = snapshot(), history_count()
    response = admin_export(client, "csv")
    assert isinstance(response, StreamingHttpResponse)
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())
    text = content.decode("utf-8-sig")
    assert "'=1+2" in text and "\r\n=" not in text
    result = import_rows(NominationResource(user=board_staff), read_dataset(content, format="csv"))
    assert row_problems(result) == []
    assert snapshot() == before and history_count() == versions


def test_admin_xlsx_export_has_no_none(register, board_staff, client):
    client.force_login(board_staff)
    response = admin_export(client, "xlsx")
    content = b"".join(response.streaming_content)
    cells = [
        c.value for r in openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows() for c in r
    ]
    assert "None" not in cells and "=1+2" in cells  # kept as text, not run


def test_admin_export_queries_do_not_grow_with_rows(
    bloc, board_staff, client, django_assert_max_num_queries
):
    NominationFactory.create_batch(30, bloc=bloc)
    client.force_login(board_staff)
    with django_assert_max_num_queries(20):  # the form page too; 30 rows, no query per row
        response = admin_export(client, "csv")
        rows = b"".join(response.streaming_content).decode("utf-8-sig").count("\n")
    assert rows == 31


def test_agencies_and_memberships_round_trip_with_vietnamese_labels(bloc, board_staff):
    from awards.models import Agency, Membership
    from awards.resources import AgencyResource, MembershipResource
    from tests.factories import MembershipFactory

    head = MembershipFactory(bloc=bloc, role="head", agency=AgencyFactory(name="Sở Y tế"))
    MembershipFactory(
        bloc=bloc,
        year=head.year,
        agency=AgencyFactory(notes="=SUM(A1)", established_on="2008-08-01"),
    )
    for resource_class, model in ((AgencyResource, Agency), (MembershipResource, Membership)):
        before = sorted(model.objects.values_list())
        content = ExchangeCSV().export_data(resource_class(user=board_staff).export())
        assert "department" not in content and "head" not in content  # labels, not codes
        result = import_rows(resource_class(user=board_staff), read_dataset(content, format="csv"))
        assert row_problems(result) == []
        assert sorted(model.objects.values_list()) == before


def test_the_admin_import_of_an_admin_export_changes_nothing(register, board_staff, client):
    client.force_login(board_staff)
    content = b"".join(admin_export(client, "csv").streaming_content)
    before, versions = snapshot(), history_count()
    url = reverse("admin:awards_nomination_import")
    formats = client.get(url).context["form"].fields["format"].choices
    index = next(v for v, label in formats if "csv" in str(label).lower())
    upload = io.BytesIO(content)
    upload.name = "nominations.csv"
    response = client.post(url, {"import_file": upload, "format": index, "resource": 0})
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert {row.import_type for row in result.rows} == {"skip"}
    assert snapshot() == before and history_count() == versions


def test_admin_export_keeps_only_the_ticked_columns(register, board_staff, client):
    client.force_login(board_staff)
    url = reverse("admin:awards_nomination_export")
    form = client.get(url).context["form"]
    index = next(v for v, label in form.fields["format"].choices if "csv" in str(label).lower())
    ticked = {"nominationresource_year": "on", "nominationresource_status": "on"}
    response = client.post(url, {"format": index, "resource": 0, **ticked})
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == "Năm,Trạng thái"
    assert len(lines) == 1 + len(register)
