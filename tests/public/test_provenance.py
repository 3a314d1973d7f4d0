"""Where the records come from: the decision page, the source page and the About page."""

import pytest

from awards.models import Nomination
from tests.factories import DecisionFactory, NominationFactory

pytestmark = pytest.mark.django_db


def test_a_decision_page_lists_what_it_granted_and_only_that(client, small_history):
    h = small_history
    decision = DecisionFactory(number="163/QĐ-UBND", signer="Nguyễn Văn Thắng", source=h.source)
    granted = NominationFactory(
        agency=h.plan, year=h.years[2], bloc=h.bloc, status="awarded", decision=decision
    )
    revoked = NominationFactory(
        agency=h.renamed,
        year=h.years[2],
        bloc=h.bloc,
        decision=decision,
        nominee_name="Đơn vị bị thu hồi",
        status=Nomination.Status.REVOKED,
        status_reason="Sai sót hồ sơ",
    )
    response = client.get(decision.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Quyết định 163/QĐ-UBND</h1>" in html
    for fact in ("15/03/2020", "Chủ tịch UBND tỉnh Bắc Ninh", "Nguyễn Văn Thắng", h.source.title):
        assert fact in html
    assert granted.nominee_name in html
    assert revoked.nominee_name not in html
    assert f'href="{h.source.get_absolute_url()}"' in html


def test_decision_numbers_link_to_the_decision(client, small_history):
    h = small_history
    url = h.decision.get_absolute_url()
    html = client.get("/awards/").content.decode()
    assert f'<a href="{url}">{h.decision.number}</a>, 15/03/2020' in html
    h.decision.source = h.source
    h.decision.save()
    html = client.get(h.source.get_absolute_url()).content.decode()
    assert f'<a href="{url}">{h.decision.number}</a>' in html
    # every awarded row of the history names it, so its page lists them
    html = client.get(url).content.decode()
    assert html.count('class="c-name"') == min(
        100, Nomination.objects.public().filter(decision=h.decision).count()
    )


def test_an_unknown_decision_is_a_404(client):
    assert client.get("/decisions/999999/").status_code == 404


@pytest.mark.parametrize("size", [10, 1000])
def test_the_decision_page_has_bounded_queries(
    client, history_factory, django_assert_max_num_queries, settings, size
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    history = history_factory(size)
    with django_assert_max_num_queries(3):
        response = client.get(history.decision.get_absolute_url() + "?page=2")
    assert response.status_code == 200


def seed_text() -> str:
    from pathlib import Path

    import awards

    path = Path(awards.__file__).parent / "demo_data" / "bac-ninh-khoi-kinh-te-ky-thuat-2019.txt"
    return path.read_text(encoding="utf-8")


def test_the_source_page_names_the_publisher_in_full_without_page_noise(client, small_history):
    from awards.importer import import_article_text
    from awards.models import SourceDocument

    import_article_text(seed_text(), source_url="https://example.org/tin-tuc/khoi-kinh-te-2019")
    source = SourceDocument.objects.get(url="https://example.org/tin-tuc/khoi-kinh-te-2019")
    assert source.publisher == "Đài Phát thanh và Truyền hình Bắc Ninh"  # not "BTV"
    html = client.get(source.get_absolute_url()).content.decode()
    assert "Đài Phát thanh và Truyền hình Bắc Ninh" in html
    assert (
        '<a class="url" href="https://example.org/tin-tuc/khoi-kinh-te-2019" '
        'rel="noopener nofollow">'
    ) in html
    text = html.split('class="source-text"')[1]
    assert "Bằng khen của UBND tỉnh" in text  # the article is there
    for noise in ("Gửi bình luận", "reset captcha", "Nhập lại", "Ý kiến bạn đọc"):
        assert noise not in text
    assert "Gửi bình luận" in source.raw_text  # the stored text stays as it came


def test_page_noise_is_cut_but_prose_is_kept():
    from awards.importer.segments import without_site_noise

    article = "\n".join(
        [
            "Tiêu đề bài viết",
            "Chia sẻ | In bài",
            "Sáng 5/12, Khối thi đua các cơ quan tỉnh đã tổ chức hội nghị tổng kết năm 2023.",
            "Họ và tên *",
            "Email",
            "Nội dung:",
            "Tin liên quan",
            "Một bài khác không thuộc bài viết này",
        ]
    )
    shown = without_site_noise(article)
    assert shown.splitlines() == [
        "Tiêu đề bài viết",
        "Sáng 5/12, Khối thi đua các cơ quan tỉnh đã tổ chức hội nghị tổng kết năm 2023.",
    ]
