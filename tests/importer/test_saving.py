"""Saving: one transaction, linked to the source, idempotent; names resolved and said how."""

import json

import pytest
from django.core.management import call_command
from django.db import DatabaseError

from awards.importer import import_article_text
from awards.importer.resolving import Resolver
from awards.models import Agency, BlocMeeting, Membership, Nomination, SourceDocument
from tests.factories import AgencyFactory, AgencyNameFactory, AliasFactory, BlocFactory

pytestmark = pytest.mark.django_db


def test_seed_import_saves_everything_linked_to_the_source(seed_text):
    result = import_article_text(seed_text)
    source = SourceDocument.objects.get()
    assert result.source_id == source.pk
    assert Nomination.objects.filter(source=source).count() == 9
    meeting = BlocMeeting.objects.get()
    assert str(meeting.date) == "2019-12-02" and meeting.source == source
    head = Membership.objects.get(role="head")
    assert head.year_id == 2020 and head.agency.name == "Liên Minh HTX tỉnh"


def test_importing_again_changes_nothing_and_says_so(seed_text):
    import_article_text(seed_text)
    counts = (Nomination.objects.count(), Agency.objects.count(), SourceDocument.objects.count())
    again = import_article_text(seed_text.replace("\n", "\r\n"))
    assert again.already_imported
    assert "đã nhập trước đó" in str(again)
    assert (
        Nomination.objects.count(),
        Agency.objects.count(),
        SourceDocument.objects.count(),
    ) == counts


def test_names_resolve_and_say_how(seed_text):
    exact = AgencyFactory(name="Sở Xây dựng", province="Bắc Ninh")
    folded = AgencyFactory(name="Sở Công Thương", province="Bắc Ninh")
    abbrev = AgencyFactory(name="Liên minh Hợp tác xã tỉnh", province="Bắc Ninh")
    alias = AgencyFactory(name="Quỹ Đầu tư phát triển tỉnh Bắc Ninh", province="Bắc Ninh")
    AliasFactory(text="Quỹ Đầu tư phát triển tỉnh", agency=alias)
    fuzzy = AgencyFactory(name="Cục Dự trữ Nhà nước khu vực Hà Bắc", province="Bắc Ninh")
    former = AgencyFactory(name="Sở Nông nghiệp và Môi trường", province="Bắc Ninh")
    AgencyNameFactory(
        agency=former, name="Sở Tài nguyên và Môi trường", valid_from=None, valid_to=None
    )
    result = import_article_text(seed_text, dry_run=True)
    how = {
        n.nominee: (r.how, r.pk)
        for n, r in zip(result.article.nominations, result.resolutions["nominations"], strict=True)
    }
    assert how["Sở Xây dựng"] == ("exact", exact.pk)
    assert how["Sở Công thương"] == ("folded", folded.pk)
    assert how["Liên Minh HTX tỉnh"] == ("abbreviation", abbrev.pk)
    assert how["Quỹ Đầu tư phát triển tỉnh"] == ("alias", alias.pk)
    assert how["Sở Tài nguyên và Môi trường"][1] == former.pk
    assert how["Ban Quản lý khu vực phát triển đô thị Bắc Ninh"] == ("new", None)
    # "quốc gia" for "Nhà nước" is another name, not a typo: proposed new, for staff to link
    assert how["Cục Dự trữ quốc gia khu vực Hà Bắc"] == ("new", None)
    assert fuzzy.pk not in {pk for _how, pk in how.values()}
    assert result.resolutions["venue"].how == "folded"
    assert SourceDocument.objects.count() == 0  # a dry run writes nothing


def test_fuzzy_mends_a_typo_but_never_swaps_one_place_for_another():
    tien_du = AgencyFactory(name="UBND huyện Tiên Du")
    xay_dung = AgencyFactory(name="Sở Xây dựng tỉnh Bắc Ninh")
    resolver = Resolver()
    swapped = resolver.agency("UBND huyện Tiên Yên")
    assert (swapped.how, swapped.pk) == ("new", None), tien_du
    typo = resolver.agency("Sở Xây dựg tỉnh Bắc Ninh")
    assert (typo.how, typo.pk) == ("fuzzy", xay_dung.pk)


def test_existing_agency_is_linked_not_duplicated(seed_text):
    agency = AgencyFactory(name="Sở Xây dựng")
    import_article_text(seed_text)
    assert Agency.objects.filter(name="Sở Xây dựng").count() == 1
    assert Nomination.objects.get(agency=agency).award_type.code == "prov_flag"


def test_resolution_degrades_when_the_database_is_not_there(monkeypatch, seed_text):
    def broken(*args, **kwargs):
        raise DatabaseError("no such table: awards_agency")

    monkeypatch.setattr(Resolver, "_agency_index", staticmethod(broken))
    result = import_article_text(seed_text, dry_run=True)
    assert {r.how for r in result.resolutions["nominations"] if r} == {"unresolved"}
    assert len(result.article.nominations) == 9


def test_command_dry_run_prints_json_and_writes_nothing(seed_text, tmp_path, capsys):
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    call_command("import_article", str(path), dry_run=True, format="json")
    data = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert len(data["nominations"]) == 9
    assert data["nominations"][0]["resolution"]["how"] in {"new", "exact", "folded"}
    assert SourceDocument.objects.count() == 0


def test_command_saves_and_a_second_run_says_nothing_changed(seed_text, tmp_path, capsys):
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    call_command("import_article", str(path))
    assert "đã tạo" in capsys.readouterr().out
    call_command("import_article", str(path), str(path))
    assert capsys.readouterr().out.count("đã nhập trước đó") == 2
    assert Nomination.objects.count() == 9


def test_command_reports_bad_files(tmp_path):
    from django.core.management.base import CommandError

    bad = tmp_path / "photo.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with pytest.raises(CommandError):
        call_command("import_article", str(bad))
    assert SourceDocument.objects.count() == 0


def test_a_notice_records_each_leader_in_its_own_bloc(own_article):
    """A notice naming the heads of several clusters: each goes to its own cluster, never to
    the article's; a cluster the register does not hold is skipped with a warning."""
    first = BlocFactory(name="Cụm thi đua số 1", kind="cum")
    second = BlocFactory(name="Cụm thi đua số 2", kind="cum")
    result = import_article_text(own_article("leaders_notice_cluster_list.txt"))
    recorded = {
        (m.bloc_id, m.agency.name, m.role, m.year_id)
        for m in Membership.objects.select_related("agency")
    }
    assert recorded == {
        (first.pk, "UBND phường Quang Trung", "head", 2026),
        (first.pk, "UBND xã Tân Lập", "deputy", 2026),
        (second.pk, "UBND xã Hòa Bình", "head", 2026),
        (second.pk, "UBND xã Yên Mỹ", "deputy", 2026),
    }
    assert any("UBND phường Bắc Sơn" in w and "Cụm thi đua số 3" in w for w in result.warnings)
    data = json.loads(json.dumps(result.as_dict(), default=str))
    by_name = {x["agency"]: x for x in data["leaders"]}
    assert by_name["UBND xã Hòa Bình"]["bloc_resolution"]["id"] == second.pk
    assert by_name["UBND phường Bắc Sơn"]["bloc_resolution"]["id"] is None
    assert all(0 < x["confidence"] <= 1 for x in data["leaders"])
