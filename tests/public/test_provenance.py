"""Where the records come from: the decision page, the source page and the About page."""

import pytest
from django.utils import timezone, translation
from django.utils.html import escape

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
        # Page 1: a page past the end is a 404 (CappedPaginator.strict_page), and the small
        # history's decision has one page.
        response = client.get(history.decision.get_absolute_url() + "?page=1")
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


def test_the_about_page_names_owner_licence_and_last_change(client, small_history, settings):
    settings.REGISTER_OWNER = "Ban Thi đua - Khen thưởng tỉnh Thử"
    settings.REGISTER_CONTACT_EMAIL = "tdkt@example.org"
    settings.OPEN_DATA_LICENCE = "CC BY 4.0"
    latest = Nomination.objects.public().order_by("-updated_at").first()
    response = client.get("/about/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ban Thi đua - Khen thưởng tỉnh Thử" in html
    assert '<a href="mailto:tdkt@example.org">' in html
    assert 'rel="license noopener">CC BY 4.0</a>' in html
    local = timezone.localtime(latest.updated_at)
    assert f'<time datetime="{local.isoformat()}">{local:%d/%m/%Y %H:%M}</time>' in html
    assert 'href="/about/"' in html  # in the footer of every page
    assert 'href="/about/"' in client.get("/").content.decode()


def test_the_data_dictionary_lists_every_export_column_with_its_meaning(client, small_history):
    from awards import exports
    from public.opendata import data_dictionary

    html = client.get("/about/").content.decode()
    section = html.split('id="dictionary-heading"')[1].split("</section>")[0]
    with translation.override("vi"):
        headers = [str(column.header) for column in exports.COLUMNS]
    positions = [section.index(f"<code>{escape(header)}</code>") for header in headers]
    assert positions == sorted(positions)  # in file order
    assert section.count("<tr>") == len(headers) + 1
    # a column added to the exports needs its meaning written in public/opendata.py
    assert all(entry.meaning for entry in data_dictionary())


def test_the_apis_sample_answer_is_the_real_one(client, small_history):
    import html as html_module
    import json

    page = client.get("/about/").content.decode()
    shown = page.split('<pre class="api-sample"><code>')[1].split("</code></pre>")[0]
    url = html_module.unescape(page.split("<p><code>curl '")[1].split("'</code></p>")[0])
    assert url == "http://testserver/api/v1/awards/?page_size=1"
    assert json.loads(html_module.unescape(shown)) == json.loads(client.get(url).content)


@pytest.mark.parametrize("size", [10, 1000])
def test_the_about_page_has_bounded_queries(
    client, history_factory, django_assert_max_num_queries, settings, size
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    history_factory(size)
    with django_assert_max_num_queries(5):
        assert client.get("/about/").status_code == 200


def test_the_about_page_of_an_empty_register(client):
    assert client.get("/about/").status_code == 200
