"""Full exports per client address: a few at once, then 429; readers keep their pages."""

import pytest
from django.core.cache import caches
from django.test import RequestFactory, override_settings

from emulation.export_limit import is_export_request
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def one_export_at_a_time():
    caches["limits"].clear()
    with override_settings(EXPORTS_PER_CLIENT=1, EXPORT_RETRY_AFTER_SECONDS=20):
        yield
    caches["limits"].clear()


def export(client, address="203.0.113.5", url="/awards/"):
    return client.get(url, {"format": "csv"}, REMOTE_ADDR=address)


def test_a_second_export_from_the_same_address_waits(client):
    first = export(client)
    assert first.status_code == 200 and first.streaming  # still downloading
    refused = export(client)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "20"
    assert "Quá nhiều lượt tải cùng lúc" in refused.content.decode()
    # another reader is not held back, nor is a page from the same address
    assert export(client, address="198.51.100.8").status_code == 200
    assert client.get("/awards/", REMOTE_ADDR="203.0.113.5").status_code == 200
    # the slot comes back when the download ends
    b"".join(first.streaming_content)
    assert export(client).status_code == 200


def test_a_broken_off_download_gives_its_slot_back(client):
    first = export(client)
    first.close()  # the client went away: the server closes the response
    assert export(client).status_code == 200


def test_reports_count_as_exports(client):
    first = export(client)
    assert first.status_code == 200
    response = client.get("/reports/2019/", {"format": "xlsx"}, REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 429


def test_only_public_downloads_count_as_exports():
    factory = RequestFactory()
    assert is_export_request(factory.get("/awards/", {"format": "csv"}))
    assert is_export_request(factory.get("/reports/2024/", {"format": "xlsx"}))
    assert not is_export_request(factory.get("/awards/", {"format": "html"}))
    assert not is_export_request(factory.get("/admin/awards/nomination/", {"format": "csv"}))
    assert not is_export_request(factory.post("/awards/?format=csv"))


def test_the_slot_comes_back_with_the_last_byte_before_the_response_is_closed():
    """The client's next download can arrive before the server closes the previous response."""
    from django.http import StreamingHttpResponse

    from emulation.export_limit import ExportLimitMiddleware

    middleware = ExportLimitMiddleware(lambda request: StreamingHttpResponse(iter([b"a", b"b"])))
    request = RequestFactory().get("/awards/", {"format": "csv"}, REMOTE_ADDR="203.0.113.77")
    first = middleware(request)
    assert b"".join(first.streaming_content) == b"ab"  # read to the end, not closed yet
    second = middleware(request)
    assert second.status_code == 200
    first.close()  # closing late gives nothing back twice: the slot is the second's now
    assert middleware(request).status_code == 429
    second.close()
    assert middleware(request).status_code == 200


def test_signed_in_staff_are_not_held_to_the_anonymous_limit(client):
    """A board office shares one address with the public: staff are counted per user."""
    staff = UserFactory(username="can-bo-ban", is_staff=True)
    export(client)  # the address's one anonymous slot is taken
    assert export(client).status_code == 429
    client.force_login(staff)
    with override_settings(EXPORTS_PER_STAFF=3):
        downloads = [export(client) for _ in range(3)]
        assert [d.status_code for d in downloads] == [200, 200, 200]
        refused = export(client)  # staff have a limit too, only a larger one
        assert refused.status_code == 429
        for download in downloads:
            b"".join(download.streaming_content)  # read to the end: the slot comes back
        assert export(client).status_code == 200


def test_a_signed_in_visitor_who_is_not_staff_counts_by_address(client):
    client.force_login(UserFactory(username="khach", is_staff=False))
    first = export(client)
    assert first.status_code == 200
    assert export(client).status_code == 429
