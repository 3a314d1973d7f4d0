"""What the public pages show, and what they never show."""

import csv
import io
import re

import openpyxl
import pytest
from django.http import QueryDict

from awards.models import Nomination
from tests.public.conftest import LAST_YEAR


@pytest.fixture
def history(history_factory):
    return history_factory(200)


def text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/awards/",
        "/search/?q=x",
        f"/years/{LAST_YEAR}/",
        "/blocs/khoi-thi-dua-so-1-bac-ninh/",
        "/agencies/so-ke-hoach-va-dau-tu/",
        "/award-types/merit_paper/",
    ],
)
def test_rejected_nominations_never_shown(client, history, url):
    assert history.rejected.status == Nomination.Status.REJECTED
    response = client.get(url)
    assert response.status_code == 200
    assert "Đơn vị bị từ chối" not in text(response)


def test_source_page_shows_public_records_only(client, history):
    history.rejected.source = history.source
    history.rejected.save()
    body = text(client.get(history.source.get_absolute_url()))
    assert "Đơn vị bị từ chối" not in body
    assert history.source.title in body


def test_agency_page_shows_former_and_current_names(client, history):
    body = text(client.get(history.renamed.get_absolute_url()))
    assert "Sở Thương mại" in body
    assert "Sở Công thương" in body
    # The predecessor merged into it, with its own history.
    assert history.predecessor.name in body
    assert "31/12/2017" in body  # dates dd/mm/yyyy


def test_status_labels_proposed_and_awarded(client, history):
    body = text(client.get("/awards/"))
    assert "status-awarded" in body
    assert "status-proposed" in body


def test_home_shows_latest_year_flags_and_chart(client, history_factory):
    history = history_factory(1000)
    body = text(client.get("/"))
    assert "<svg" in body and "Cờ thi đua" in body
    assert f"/years/{history.years[-1].year}/" in body


def test_unknown_pages_are_404(client, db):
    assert client.get("/years/1999/").status_code == 404
    assert client.get("/blocs/nope/").status_code == 404
    assert client.get("/agencies/nope/").status_code == 404
    assert client.get("/award-types/nope/").status_code == 404
    assert client.get("/sources/999/").status_code == 404


def test_user_text_is_escaped(client, history):
    history.source.raw_text = "<script>alert(1)</script> & chữ"
    history.source.save()
    body = text(client.get(history.source.get_absolute_url()))
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;" in body


class TestAwardList:
    def test_filters_combine_and_stay_in_links(self, client, history):
        response = client.get(
            "/awards/", {"year_from": 2017, "year_to": 2018, "status": "awarded", "sort": "-year"}
        )
        rows = list(response.context["page"].object_list)
        assert rows
        assert all(2017 <= r.year_id <= 2018 and r.status == "awarded" for r in rows)
        assert rows[0].year_id == 2018
        assert "year_from=2017" in response.context["query_no_page"]

    def test_text_query_is_accent_insensitive_and_finds_former_names(self, client, history):
        for q in ("so cong thuong", "SỞ CÔNG THƯƠNG", "so thuong mai"):
            rows = client.get("/awards/", {"q": q}).context["page"].object_list
            assert rows, q
            assert {r.agency_id for r in rows} == {history.renamed.pk}

    def test_individuals_only(self, client, history):
        rows = client.get("/awards/", {"kind": "individual"}).context["page"].object_list
        assert rows and all(r.person_id for r in rows)

    def test_bad_sort_is_ignored(self, client, history):
        response = client.get("/awards/", {"sort": "status_reason"})
        assert response.status_code == 200

    def test_pagination_covers_every_row_once(self, client, history):
        seen = []
        page = 1
        while True:
            ctx = client.get("/awards/", {"sort": "bloc", "page": page}).context
            seen += [r.pk for r in ctx["page"].object_list]
            if not ctx["page"].has_next:
                break
            page += 1
        assert len(seen) == len(set(seen)) == Nomination.objects.public().count()

    def test_csv_has_exactly_the_filtered_rows(self, client, history):
        params = {"year_from": 2017, "kind": "collective", "status": "proposed"}
        expected = client.get("/awards/", params).context["page"].count
        response = client.get("/awards/", {**params, "format": "csv"})
        assert response["Content-Type"].startswith("text/csv")
        assert "attachment" in response["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(text(response))))
        assert len(rows) - 1 == expected
        assert all(row[7] == "Đề nghị" for row in rows[1:])

    def test_xlsx_has_the_same_rows_as_the_csv(self, client, history):
        params = {"year_from": 2019, "kind": "individual"}
        from_csv = list(
            csv.reader(io.StringIO(text(client.get("/awards/", {**params, "format": "csv"}))))
        )
        response = client.get("/awards/", {**params, "format": "xlsx"})
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        body = b"".join(response.streaming_content)
        response.close()
        sheet = openpyxl.load_workbook(io.BytesIO(body)).active
        rows = [
            ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
        assert len(rows) == len(from_csv) > 1
        assert [r[:9] for r in rows] == [r[:9] for r in from_csv]

    @pytest.mark.parametrize(
        ("params", "name"),
        [
            (
                {"year_from": 2019, "year_to": 2019, "award_type": "gov_flag"},
                "khen-thuong-2019-co-thi-dua-cua-chinh-phu.csv",
            ),
            (
                {"year_from": 2017, "bloc": "khoi-thi-dua-so-1-bac-ninh", "kind": "individual"},
                "khen-thuong-tu-2017-khoi-thi-dua-so-1-ca-nhan.csv",
            ),
            (
                {"year_to": 2018, "q": "Sở Công thương", "status": "awarded"},
                "khen-thuong-den-2018-da-khen-thuong-so-cong-thuong.csv",
            ),
        ],
    )
    def test_the_file_name_says_the_filters(self, client, history, params, name):
        response = client.get("/awards/", {**params, "format": "csv"})
        response.close()  # frees the download slot (emulation.export_limit)
        assert f'filename="{name}"' in response["Content-Disposition"]

    def test_without_filters_the_file_name_is_dated(self, client, history):
        response = client.get("/awards/", {"format": "csv", "sort": "-year"})
        response.close()
        assert re.search(
            r'filename="khen-thuong-\d{4}-\d{2}-\d{2}\.csv"', response["Content-Disposition"]
        )

    def test_a_long_file_name_is_cut_at_a_word(self, client, history):
        response = client.get("/awards/", {"format": "xlsx", "q": "Ủy ban nhân dân " * 20})
        name = response["Content-Disposition"].split('filename="')[1].rstrip('"')
        response.close()
        stem = name.removesuffix(".xlsx")
        assert name.isascii() and stem.startswith("khen-thuong-uy-ban-nhan-dan-uy-ban")
        assert len(stem) <= 100 and stem.split("-")[-1] in {"uy", "ban", "nhan", "dan"}


class TestActiveFilters:
    """Each filter in force is a chip with its label, its value and a link without it."""

    def chips(self, client, params):
        response = client.get("/awards/", params)
        return response, {chip.name: chip for chip in response.context["chips"]}

    def test_no_filter_no_chip_and_the_plain_title(self, client, history):
        response, chips = self.chips(client, {"sort": "-year"})
        assert chips == {}
        assert "<h1>Tất cả khen thưởng</h1>" in text(response)

    def test_a_person_names_the_list_and_shows_the_unit(self, client, history):
        response, chips = self.chips(client, {"person": history.person.slug})
        body = text(response)
        assert f"<h1>Khen thưởng của {history.person.full_name}</h1>" in body
        assert f"<title>Khen thưởng của {history.person.full_name}" in body
        assert chips["person"].value == f"{history.person.full_name} (Sở Công thương)"
        assert chips["person"].remove_query == ""
        assert "<h1>Tất cả khen thưởng" not in body

    def test_each_chip_removes_only_its_filter(self, client, history):
        bloc = history.bloc
        params = {
            "bloc": bloc.slug,
            "year_from": 2017,
            "year_to": 2019,
            "award_type": "prov_flag",
            "kind": "collective",
            "sort": "-year",
            "page": 1,
        }
        _, chips = self.chips(client, params)
        assert list(chips) == ["years", "bloc", "award_type", "kind"]
        assert chips["bloc"].value == bloc.name
        assert chips["years"].value == "2017–2019"
        assert chips["award_type"].value == "Cờ thi đua của UBND tỉnh"
        assert chips["kind"].value == "Tập thể"
        assert QueryDict(chips["bloc"].remove_query).dict() == {
            "year_from": "2017",
            "year_to": "2019",
            "award_type": "prov_flag",
            "kind": "collective",
            "sort": "-year",
        }
        assert set(QueryDict(chips["years"].remove_query)) == {"bloc", "award_type", "kind", "sort"}

    def test_a_chip_is_a_named_link_in_the_interface_language(self, client, history):
        client.cookies["django_language"] = "en"
        response, _ = self.chips(client, {"year_from": 2018, "q": "<b>x</b>"})
        body = text(response)
        assert "<h1>Awards matching the filters</h1>" in body
        assert 'aria-label="Remove the filter Year: from 2018"' in body
        assert "“&lt;b&gt;x&lt;/b&gt;”" in body and "<b>x</b>" not in body

    def test_an_invalid_value_is_a_chip_too(self, client, history):
        _, chips = self.chips(client, {"year_to": "abc", "status": "awarded"})
        assert chips["years"].value == "until abc" or chips["years"].value == "đến abc"
        assert QueryDict(chips["years"].remove_query).dict() == {"status": "awarded"}


class TestPaging:
    def test_numbered_pages_and_a_range_of_rows(self, client, history):
        total = Nomination.objects.public().count()
        response = client.get("/awards/", {"page": 2})
        body = text(response)
        assert f"51–100 trên {total}" in body
        last = -(-total // 50)
        assert f'href="?page={last}" aria-label="Trang {last}"' in body
        assert 'href="?page=2" aria-current="page"' in body
        assert 'rel="prev" href="?page=1"' in body and 'rel="next" href="?page=3"' in body

    def test_a_page_past_the_end_is_not_found(self, client, history):
        total = Nomination.objects.public().count()
        last = -(-total // 50)
        assert client.get("/awards/", {"page": last}).status_code == 200
        assert client.get("/awards/", {"page": last + 1}).status_code == 404


def test_minutes_show_their_records_but_not_their_text(client, history):
    from tests.factories import SourceDocumentFactory

    article = SourceDocumentFactory(kind="article", raw_text="Nội dung bài báo công khai")
    minutes = SourceDocumentFactory(kind="minutes", raw_text="Biên bản: số phiếu nội bộ")
    assert "Nội dung bài báo công khai" in text(client.get(article.get_absolute_url()))
    body = text(client.get(minutes.get_absolute_url()))
    assert minutes.title in body
    assert "số phiếu nội bộ" not in body


@pytest.mark.parametrize("sort", ["name", "-name"])
def test_sorting_by_name_follows_vietnamese_order_on_every_database(client, db, sort):
    """Code-point order put "Ban Tuyên giáo" before "Ban Tổ chức" and "Ủy ban" after "Vũ"."""
    from awards.text import sort_key
    from tests.factories import AgencyFactory, EmulationYearFactory, NominationFactory

    year = EmulationYearFactory(year=2019)
    names = ["Ban Tuyên giáo", "Ban Tổ chức", "Đài Phát thanh", "Văn phòng", "Ủy ban Kiểm tra"]
    for name in names:
        NominationFactory(year=year, agency=AgencyFactory(name=name), nominee_name=name)
    page = client.get(f"/awards/?sort={sort}").content.decode()
    shown = sorted(names, key=lambda name: page.index(f">{name}<"))
    assert shown == sorted(names, key=sort_key, reverse=sort.startswith("-"))
