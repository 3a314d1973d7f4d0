"""``export_awards``: filters, formats, output, and the public default."""

import csv
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from awards.models import Nomination
from tests.factories import BlocFactory, EmulationYearFactory, NominationFactory, award_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    bloc = BlocFactory(name="Khối Nội chính", slug="khoi-noi-chinh")
    y2019, y2020 = EmulationYearFactory(year=2019), EmulationYearFactory(year=2020)
    NominationFactory(year=y2019, bloc=bloc, nominee_name="Công an tỉnh")
    NominationFactory(
        year=y2019, bloc=bloc, nominee_name="Tòa án nhân dân tỉnh", award_type=award_type("pm_cert")
    )
    NominationFactory(year=y2020, bloc=bloc, nominee_name="Viện Kiểm sát nhân dân tỉnh")
    NominationFactory(year=y2019, nominee_name="Sở Ngoại vụ")
    NominationFactory(
        year=y2019,
        nominee_name="Sở Đã Rút",
        status=Nomination.Status.WITHDRAWN,
        status_reason="Rút hồ sơ",
    )


def names_in(path) -> list[str]:
    text = path.read_bytes().decode("utf-8-sig")
    return sorted(row[2] for row in list(csv.reader(io.StringIO(text, newline="")))[1:])


def test_filters_select_the_rows(register, tmp_path):
    out = tmp_path / "x.csv"
    call_command(
        "export_awards",
        "--year=2019",
        "--bloc=khoi-noi-chinh",
        "--award=prov_cert",
        f"--output={out}",
        stderr=io.StringIO(),
    )
    assert names_in(out) == ["Công an tỉnh"]


def test_default_is_public_only(register, tmp_path):
    out = tmp_path / "x.csv"
    call_command("export_awards", f"--output={out}", stderr=io.StringIO())
    assert "Sở Đã Rút" not in names_in(out)
    assert len(names_in(out)) == Nomination.objects.public().count()
    call_command("export_awards", "--all-statuses", f"--output={out}", stderr=io.StringIO())
    assert "Sở Đã Rút" in names_in(out)


def test_xlsx_output(register, tmp_path):
    out = tmp_path / "x.xlsx"
    call_command("export_awards", "--format=xlsx", "--year=2020", f"-o={out}", stderr=io.StringIO())
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert [row[2] for row in rows[1:]] == ["Viện Kiểm sát nhân dân tỉnh"]


def test_csv_to_stdout(register, capfdbinary):
    call_command("export_awards", "--year=2020", "--no-progress")
    out = capfdbinary.readouterr().out
    assert out.startswith(b"\xef\xbb\xbf")
    assert "Viện Kiểm sát nhân dân tỉnh".encode() in out


def test_unknown_filters_fail_clearly(register):
    with pytest.raises(CommandError, match="bloc"):
        call_command("export_awards", "--bloc=khong-co")
    with pytest.raises(CommandError, match="award"):
        call_command("export_awards", "--award=khong-co")
    with pytest.raises(CommandError, match="output"):
        call_command("export_awards", "--format=xlsx")
