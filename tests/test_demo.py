"""The demo data: the seed article is there, the history is rich, loading is idempotent."""

import datetime
import io

import pytest
from django.core.management import call_command

from awards.demo import SEED_BLOC
from awards.models import Agency, AgencyLineage, Bloc, BlocMeeting, Membership, Nomination

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Agency, Bloc, Nomination, Membership, BlocMeeting, AgencyLineage)
    }


def test_load_demo_imports_the_seed_article_and_is_idempotent():
    call_command("load_demo", stdout=io.StringIO())
    first = counts()
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == first

    bloc = Bloc.objects.get(name=SEED_BLOC)
    seed = (
        Nomination.objects.collective()
        .filter(bloc=bloc, year_id=2019)
        .select_related("agency", "award_type", "source")
    )
    assert seed.count() == 9
    # the byline code "BTV" is read as the province's broadcaster (importer.outlets)
    assert {n.source.publisher for n in seed} == {"Đài Phát thanh và Truyền hình Bắc Ninh"}
    by_award = {}
    for n in seed:
        by_award.setdefault(n.award_type.code, set()).add(n.agency.name)
    assert by_award["gov_flag"] == {"Sở Công Thương"}
    assert len(by_award["prov_flag"]) == 3
    assert "Sở Thông tin và Truyền thông" in by_award["prov_flag"]
    assert len(by_award["pm_cert"]) == 2
    assert "Liên minh Hợp tác xã tỉnh Bắc Ninh" in by_award["prov_cert"]
    # resolved to the demo's agencies, not created anew
    assert Agency.objects.filter(name__icontains="Liên Minh HTX").count() == 0

    head = Membership.objects.get(bloc=bloc, year_id=2020, role="head")
    assert head.agency.name == "Liên minh Hợp tác xã tỉnh Bắc Ninh"
    meeting = BlocMeeting.objects.get(bloc=bloc, year_id=2019, kind="summary")
    assert meeting.date == datetime.date(2019, 12, 2)


def test_demo_history_is_realistic():
    call_command("load_demo", stdout=io.StringIO())
    assert Bloc.objects.count() >= 3
    assert Agency.objects.count() >= 30
    years = set(Nomination.objects.values_list("year_id", flat=True))
    assert set(range(2015, 2026)) <= years
    renamed = Agency.objects.get(slug="so-nong-nghiep-va-phat-trien-nong-thon")
    assert renamed.name == "Sở Nông nghiệp và Môi trường"
    assert renamed.name_on(datetime.date(2020, 12, 31)) == "Sở Nông nghiệp và Phát triển nông thôn"
    assert AgencyLineage.objects.filter(kind="merged").count() >= 3
    assert AgencyLineage.objects.filter(kind="split").count() >= 2
    # hidden statuses exist, so the public pages have something to hide
    assert Nomination.objects.exclude(status__in=["proposed", "awarded"]).exists()
