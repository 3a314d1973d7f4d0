"""Round-trip import and export with natural keys: all or nothing, rows named, scoped."""

import io
import time

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied

from awards.models import Agency, Alias, Membership, Nomination
from awards.resources import (
    AgencyResource,
    MembershipResource,
    NominationResource,
    import_rows,
    read_dataset,
    row_problems,
)
from tests.factories import (
    AgencyFactory,
    BlocFactory,
    EmulationYearFactory,
    MembershipFactory,
    NominationFactory,
    award_type,
)

pytestmark = pytest.mark.django_db

HEADER = "year,bloc,award,agency,person,nominee_name,status,status_reason,votes,rank,notes\n"


def nominations_csv(rows):
    return HEADER + "".join(",".join(str(v) for v in row) + "\n" for row in rows)


def test_nominations_import_by_natural_keys(bloc, board_staff):
    EmulationYearFactory(year=2023)
    agency = AgencyFactory(name="Sở Tài nguyên và Môi trường")
    Alias.objects.create(agency=agency, text="Sở TN&MT")
    other = AgencyFactory(name="Sở Văn hóa, Thể thao và Du lịch")
    text = nominations_csv(
        [
            (2023, bloc.name.upper(), "prov_flag", "SỞ TN&MT", "", "", "proposed", "", 12, 1, ""),
            (
                2023,
                bloc.name,
                "prov_cert",
                '"Sở Văn hoá, Thể thao và Du lịch"',
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ),
        ]
    )
    result = import_rows(NominationResource(user=board_staff), read_dataset(text, format="csv"))
    assert row_problems(result) == []
    flag = Nomination.objects.get(award_type__code="prov_flag")
    assert (flag.agency, flag.bloc, flag.votes, flag.rank) == (agency, bloc, 12, 1)
    assert flag.created_by == board_staff
    assert flag.history.first().history_user == board_staff
    assert Nomination.objects.get(award_type__code="prov_cert").agency == other


def test_reimporting_an_export_changes_nothing_and_keeps_vietnamese(bloc, board_staff):
    NominationFactory(bloc=bloc, agency=AgencyFactory(name="Sở Nội vụ"), votes=3)
    exported = NominationResource(user=board_staff).export()
    csv_text = exported.csv
    assert "Sở Nội vụ" in csv_text and "Bằng khen của Chủ tịch UBND tỉnh" in csv_text
    result = import_rows(NominationResource(user=board_staff), read_dataset(csv_text, format="csv"))
    assert row_problems(result) == []
    assert Nomination.objects.count() == 1
    # XLSX keeps the text intact for Excel users
    book = openpyxl.load_workbook(io.BytesIO(exported.xlsx))
    values = [c.value for c in next(iter(book.active.iter_rows(min_row=2, max_row=2)))]
    assert "Sở Nội vụ" in values
    result = import_rows(
        NominationResource(user=board_staff), read_dataset(exported.xlsx, format="xlsx")
    )
    assert row_problems(result) == []
    assert Nomination.objects.count() == 1


def test_csv_with_excel_bom_is_read(bloc, board_staff):
    EmulationYearFactory(year=2023)
    AgencyFactory(name="Sở Y tế")
    text = nominations_csv([(2023, bloc.name, "prov_cert", "Sở Y tế", "", "", "", "", "", "", "")])
    dataset = read_dataset(("\ufeff" + text).encode("utf-8"), format="csv")
    assert row_problems(import_rows(NominationResource(user=board_staff), dataset)) == []


def test_dry_run_lists_every_rows_errors_and_saves_nothing(bloc, board_staff):
    EmulationYearFactory(year=2023)
    AgencyFactory(name="Sở Y tế")
    text = nominations_csv(
        [
            (2023, bloc.name, "prov_cert", "Sở Y tế", "", "", "", "", "", "", ""),
            (2023, bloc.name, "no_such_award", "Sở Y tế", "", "", "", "", "", "", ""),
            (2023, "Khối không có", "prov_cert", "Sở Không Tồn Tại", "", "", "", "", "", "", ""),
        ]
    )
    result = import_rows(
        NominationResource(user=board_staff), read_dataset(text, format="csv"), dry_run=True
    )
    problems = row_problems(result)
    assert {n for n, _ in problems} == {2, 3}
    assert any("no_such_award" in m for _, m in problems)
    assert any("Sở Không Tồn Tại" in m for _, m in problems)
    assert Nomination.objects.count() == 0


def test_one_bad_row_among_ten_thousand_saves_nothing_and_is_named(bloc, board_staff):
    EmulationYearFactory(year=2023)
    agencies = Agency.objects.bulk_create(
        [
            Agency(name=f"Đơn vị thử {i}", slug=f"don-vi-thu-{i}", search_text=f"don vi thu {i}")
            for i in range(10_000)
        ]
    )
    assert len(agencies) == 10_000
    rows = [
        (2023, bloc.name, "prov_cert", f"Đơn vị thử {i}", "", "", "", "", "", "", "")
        for i in range(10_000)
    ]
    rows[7_776] = (2023, bloc.name, "prov_cert", "Đơn vị không có", "", "", "", "", "", "", "")
    started = time.perf_counter()
    result = import_rows(
        NominationResource(user=board_staff), read_dataset(nominations_csv(rows), format="csv")
    )
    elapsed = time.perf_counter() - started
    problems = row_problems(result)
    assert [n for n, _ in problems] == [7_777]
    assert "Đơn vị không có" in problems[0][1]
    assert Nomination.objects.count() == 0
    print(f"10,000 rows in {elapsed:.1f}s")


def test_memberships_import_and_head_constraint(bloc, board_staff):
    EmulationYearFactory(year=2023)
    AgencyFactory(name="Sở Công Thương")
    AgencyFactory(name="Sở Xây dựng")
    text = (
        "year,bloc,agency,role,notes\n"
        f"2023,{bloc.name},Sở Công thương,head,\n"
        f"2023,{bloc.name},Sở Xây dựng,head,\n"
    )
    result = import_rows(MembershipResource(user=board_staff), read_dataset(text, format="csv"))
    assert [n for n, _ in row_problems(result)] == [2]
    assert Membership.objects.count() == 0


def test_agencies_import_with_aliases_and_match_by_alias(board_staff):
    agency = AgencyFactory(name="Sở Kế hoạch và Đầu tư")
    Alias.objects.create(agency=agency, text="Sở KH&ĐT")
    text = (
        "name,kind,province,established_on,dissolved_on,notes,aliases\n"
        "SỞ KH&ĐT,department,Bắc Ninh,,,Đổi ghi chú,Sở KHĐT\n"
        "Sở Ngoại vụ,department,Bắc Ninh,,,,Sở NV; Ngoại vụ\n"
    )
    result = import_rows(AgencyResource(user=board_staff), read_dataset(text, format="csv"))
    assert row_problems(result) == []
    agency.refresh_from_db()
    assert agency.notes == "Đổi ghi chú" and agency.name == "Sở Kế hoạch và Đầu tư"
    assert set(agency.aliases.values_list("text", flat=True)) == {"Sở KH&ĐT", "Sở KHĐT"}
    assert Agency.objects.get(name="Sở Ngoại vụ").aliases.count() == 2


# --- scoping --------------------------------------------------------------------------


def test_secretary_import_into_another_bloc_is_refused(secretary, bloc, other_bloc):
    year = EmulationYearFactory(year=2023)
    # a secretary proposes only the bloc's members of that year
    MembershipFactory(bloc=bloc, agency=AgencyFactory(name="Sở Y tế"), year=year)
    AgencyFactory(name="Sở Tư pháp")
    text = nominations_csv(
        [
            (2023, bloc.name, "prov_cert", "Sở Y tế", "", "", "", "", "", "", ""),
            (2023, other_bloc.name, "prov_cert", "Sở Tư pháp", "", "", "", "", "", "", ""),
        ]
    )
    result = import_rows(NominationResource(user=secretary), read_dataset(text, format="csv"))
    problems = row_problems(result)
    assert [n for n, _ in problems] == [2]
    assert "bloc" in problems[0][1]
    assert Nomination.objects.count() == 0


def test_secretary_cannot_award_by_import(secretary, bloc):
    year = EmulationYearFactory(year=2023)
    MembershipFactory(bloc=bloc, agency=AgencyFactory(name="Sở Y tế"), year=year)
    text = nominations_csv(
        [(2023, bloc.name, "prov_cert", "Sở Y tế", "", "", "awarded", "", "", "", "")]
    )
    result = import_rows(NominationResource(user=secretary), read_dataset(text, format="csv"))
    assert any("status" in m for _, m in row_problems(result))


def test_secretary_cannot_import_agencies(secretary):
    text = "name,kind\nSở Mới,department\n"
    with pytest.raises(PermissionDenied):
        import_rows(AgencyResource(user=secretary), read_dataset(text, format="csv"))


def test_secretary_export_holds_only_their_blocs(secretary, bloc, other_bloc):
    NominationFactory(bloc=bloc, agency=AgencyFactory(name="Của khối mình"))
    NominationFactory(bloc=other_bloc, agency=AgencyFactory(name="Của khối khác"))
    MembershipFactory(bloc=other_bloc)
    # even when handed the full queryset
    data = NominationResource(user=secretary).export(Nomination.objects.all()).csv
    assert "Của khối mình" in data and "Của khối khác" not in data
    assert len(MembershipResource(user=secretary).export().dict) == 0


def test_closed_year_refuses_import_except_board_admin(bloc, board_staff, board_admin):
    EmulationYearFactory(year=2018, status="closed")
    AgencyFactory(name="Sở Y tế")
    text = nominations_csv([(2018, bloc.name, "prov_cert", "Sở Y tế", "", "", "", "", "", "", "")])
    result = import_rows(NominationResource(user=board_staff), read_dataset(text, format="csv"))
    assert any("đã khóa" in m for _, m in row_problems(result))
    result = import_rows(NominationResource(user=board_admin), read_dataset(text, format="csv"))
    assert row_problems(result) == []
    assert Nomination.objects.get().award_type == award_type("prov_cert")


def test_bloc_secretary_cannot_overwrite_another_blocs_nomination(secretary, bloc, other_bloc):
    theirs = NominationFactory(bloc=other_bloc, agency=AgencyFactory(name="Sở Y tế"), votes=9)
    text = nominations_csv(
        [(theirs.year_id, bloc.name, "prov_cert", "Sở Y tế", "", "", "", "", 1, "", "")]
    )
    result = import_rows(NominationResource(user=secretary), read_dataset(text, format="csv"))
    assert row_problems(result)  # the standing nomination blocks a second one
    theirs.refresh_from_db()
    assert (theirs.bloc, theirs.votes) == (other_bloc, 9)


def test_unknown_rows_in_blocs_table_do_not_leak(secretary, other_bloc):
    BlocFactory(name="Khối bí mật")
    assert "Khối bí mật" not in NominationResource(user=secretary).export().csv
