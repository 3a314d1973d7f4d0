"""Bad input on any public URL gives a normal page or a 400, never a 5xx."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import public.caching
import public.urls

pytestmark = pytest.mark.django_db


def public_routes(patterns=public.urls.urlpatterns, namespace=""):
    """(URL name, path converters) of every public URL, walked from public.urls."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from public_routes(entry.url_patterns, f"{namespace}{entry.namespace}:")
        elif isinstance(entry, URLPattern):
            converters = {
                name: type(conv).__name__ for name, conv in entry.pattern.converters.items()
            }
            yield f"{namespace}{entry.name}", converters


ROUTES = sorted(public_routes())
# besides each page's own parameters: names no page reads, which must change nothing
STRAY_PARAMS = ["_", "x", "utm_source", "page", "format"]
NASTY = st.sampled_from(
    [
        "\x00",
        "so\x00cong",
        "99999999999999999999",
        "-1",
        "0",
        "1e400",
        "NaN",
        "2024.5",
        "csv",
        "xlsx",
        "json",
        "statistics",
        "' OR 1=1 --",
        "<script>",
        "%",
        "\ud7ff" * 300,
        "a" * 5000,
    ]
)
VALUES = st.one_of(NASTY, st.text(max_size=40), st.integers().map(str))
SLUGS = st.one_of(
    st.sampled_from(["khoi-thi-dua-so-1-bac-ninh", "so-cong-thuong", "prov_flag", "x"]),
    st.from_regex(r"[-a-zA-Z0-9_]{1,30}", fullmatch=True),
)
INTS = st.one_of(st.integers(min_value=0, max_value=10**30), st.sampled_from([2016, 2025, 1]))
ARGUMENTS = {"IntConverter": INTS}


@pytest.fixture(scope="module")
def params_read_by():
    """Route name → the query parameters its page reads, as ``public_page`` declares them.

    Found by asking every route once and noting what it hands to ``keep_params``: a page
    added to public/urls.py, or a parameter added to a page, is fuzzed with no edit here.
    """
    return {}


def discover(name: str, converters: dict, found: dict, monkeypatch) -> set[str]:
    if name in found:
        return found[name]
    seen: set[str] = set()
    original = public.caching.keep_params

    def recording(request, names):
        seen.update(names)
        return original(request, names)

    monkeypatch.setattr(public.caching, "keep_params", recording)
    kwargs = {arg: 1 if conv == "IntConverter" else "x" for arg, conv in converters.items()}
    Client(raise_request_exception=False).get(reverse(name, kwargs=kwargs))
    monkeypatch.setattr(public.caching, "keep_params", original)
    found[name] = seen
    return seen


@pytest.mark.parametrize(("name", "converters"), ROUTES, ids=[name for name, _ in ROUTES])
def test_no_public_url_answers_5xx(small_history, params_read_by, monkeypatch, name, converters):
    own = sorted(discover(name, converters, params_read_by, monkeypatch) | set(STRAY_PARAMS))

    @settings(
        max_examples=12,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def run(data):
        kwargs = {
            arg: data.draw(ARGUMENTS.get(conv, SLUGS), label=arg)
            for arg, conv in converters.items()
        }
        path = reverse(name, kwargs=kwargs)
        params = data.draw(st.dictionaries(st.sampled_from(own), VALUES, max_size=4), "params")
        response = Client(raise_request_exception=False).get(path, params)
        if response.streaming:
            b"".join(response.streaming_content)
        assert response.status_code < 500, (path, params)

    run()


def test_the_fuzz_walks_every_public_route_and_finds_their_parameters(
    small_history, params_read_by, monkeypatch
):
    names = {name for name, _ in ROUTES}
    assert {"awards:home", "awards:award_list", "awards:search", "reports:year"} <= names
    assert any(name.startswith("api:") for name in names)
    found = {name: discover(name, conv, params_read_by, monkeypatch) for name, conv in ROUTES}
    assert {"q", "page", "format"} <= found["awards:award_list"]
    assert "q" in found["awards:search"]


@pytest.mark.parametrize(
    "url",
    ["/search/?q=so%00cong", "/awards/?q=%00", "/awards/?sort=%00&format=csv"],
)
def test_a_nul_byte_is_a_bad_request(client, small_history, url):
    assert client.get(url).status_code == 400


@pytest.mark.parametrize("page", ["-3", "0", "abc", "1e400", "2.5"])
def test_a_junk_page_number_gives_the_first_page(client, small_history, page):
    response = client.get("/awards/", {"page": page})
    assert response.status_code == 200 and response.context["page"].number == 1
    assert client.get("/award-types/prov_flag/", {"page": page}).status_code == 200


@pytest.mark.parametrize("page", ["99999999999999999999", "5000"])
def test_a_page_past_the_end_is_not_found(client, small_history, page):
    assert client.get("/awards/", {"page": page}).status_code == 404
    assert client.get("/award-types/prov_flag/", {"page": page}).status_code == 404


def test_an_invalid_filter_refuses_the_download(client, small_history):
    response = client.get("/awards/", {"year_to": "abc", "format": "csv"})
    assert response.status_code == 400
    assert not response.streaming
    assert "year_to" in response.content.decode()


@pytest.mark.parametrize(
    "params", [{"year_to": "abc"}, {"year_from": "1e400"}, {"bloc": "no-such-bloc"}]
)
def test_an_invalid_filter_is_shown_with_no_rows_and_not_cached(client, small_history, params):
    response = client.get("/awards/", params)
    assert response.status_code == 200
    assert response.context["filter"].errors
    assert not response.context["page"].object_list
    body = response.content.decode()
    assert 'class="error"' in body
    assert "no-cache" in response["Cache-Control"]


def test_a_query_that_matches_nothing_downloads_a_header_only_file(client, small_history):
    response = client.get("/awards/", {"q": "khong co ai ten nhu vay", "format": "csv"})
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 1 and lines[0].startswith("Năm,")
