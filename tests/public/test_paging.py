"""The capped paginator: a bounded count, pages past the cap, junk page numbers,
the page links and the "51–100 of 312" summary."""

import pytest
from django.core.paginator import EmptyPage
from django.template import Context, Template
from django.utils import translation

from awards.models import Nomination
from public.paging import MAX_PAGE, CappedPaginator
from public.tables import record_rows


@pytest.fixture
def rows(history_factory):
    history_factory(120)
    return Nomination.objects.public().order_by("pk")


def test_the_count_stops_at_the_cap(rows, django_assert_num_queries):
    paginator = CappedPaginator(rows, 10)
    paginator.cap = 50
    with django_assert_num_queries(2):  # the capped count, then the page's rows
        page = paginator.get_page(3)
    assert paginator.count == 51 and page.count_is_capped
    assert paginator.num_pages == MAX_PAGE
    assert page.has_next and page.has_previous()
    assert [n.pk for n in page] == list(rows.values_list("pk", flat=True)[20:30])


def test_pages_past_the_cap_still_read_rows_and_end(rows):
    paginator = CappedPaginator(rows, 10, fetch=record_rows)
    paginator.cap = 50
    total = rows.count()
    last = -(-total // 10)
    page = paginator.get_page(last)
    assert page.object_list and not page.has_next
    assert page.end_index() == total
    assert paginator.get_page(last + 1).object_list == []
    with pytest.raises(EmptyPage):
        paginator.strict_page(last + 1)


@pytest.mark.parametrize(
    ("asked", "number"),
    [("abc", 1), (None, 1), ("-3", 1), ("0", 1), ("2", 2), ("99999999999999999999", "last")],
)
def test_junk_reads_as_the_first_page_and_past_the_end_as_the_last(rows, asked, number):
    paginator = CappedPaginator(rows, 50)
    page = paginator.get_page(asked)
    expected = paginator.num_pages if number == "last" else number
    assert page.number == expected
    assert page.count == rows.count() and not page.count_is_capped


@pytest.mark.parametrize(
    ("asked", "number"), [("abc", 1), (None, 1), ("-3", 1), ("0", 1), ("2", 2)]
)
def test_a_strict_page_reads_junk_as_the_first(rows, asked, number):
    assert CappedPaginator(rows, 50).strict_page(asked).number == number


@pytest.mark.parametrize("asked", ["99999999999999999999", "4"])
def test_a_strict_page_past_the_end_is_empty_page(rows, asked):
    paginator = CappedPaginator(rows, 50)
    assert paginator.num_pages < 4
    with pytest.raises(EmptyPage):
        paginator.strict_page(asked)


class FakePaginator:
    """Only what CappedPage.links reads."""

    def __init__(self, count, per_page=50, cap=1000):
        self.count, self.per_page, self.cap = count, per_page, cap
        self.count_is_capped = count > cap
        self.num_pages = max(1, -(-count // per_page))


def links(number, count, *, has_next=None):
    from public.paging import CappedPage

    paginator = FakePaginator(count)
    if has_next is None:  # past the cap, a next page unless told otherwise
        has_next = paginator.count_is_capped or number < paginator.num_pages
    return CappedPage([1], number, paginator, has_next=has_next).links()


@pytest.mark.parametrize(
    ("number", "count", "expected"),
    [
        (1, 120, [1, 2, 3]),
        (1, 312, [1, 2, 3, None, 7]),
        (2, 312, [1, 2, 3, 4, None, 7]),
        (4, 312, [1, 2, 3, 4, 5, 6, 7]),  # a one-page gap shows its number, not "…"
        (5, 500, [1, 2, 3, 4, 5, 6, 7, None, 10]),
        (10, 500, [1, None, 8, 9, 10]),
        # Past the cap the last page is unknown: no last number, an ellipsis while there is more.
        (1, 1001, [1, 2, 3, None]),
        (30, 1001, [1, None, 28, 29, 30, 31, None]),
    ],
)
def test_page_links_show_first_last_and_neighbours(number, count, expected):
    assert links(number, count) == expected


def test_page_links_end_without_ellipsis_on_the_last_page_past_the_cap():
    assert links(40, 1001, has_next=False) == [1, None, 38, 39, 40]


def summary(page, language):
    with translation.override(language):
        return Template("{% load public_pages %}{% page_summary page %}").render(
            Context({"page": page})
        )


def test_the_summary_says_which_rows_of_how_many(rows):
    total = rows.count()
    page = CappedPaginator(rows, 50).get_page(2)
    assert summary(page, "en") == f"51–100 of {total}"
    assert summary(page, "vi") == f"51–100 trên {total}"


def test_the_summary_past_the_cap_says_more_than(rows):
    paginator = CappedPaginator(rows, 10)
    paginator.cap = 50
    page = paginator.get_page(2)
    assert summary(page, "en") == "11–20 of more than 50"
    paginator = CappedPaginator(rows, 10)
    page = paginator.get_page(1)
    assert summary(page, "en").startswith("1–10 of ")
    # The Vietnamese groups thousands with a dot.
    paginator.cap = 1000
    page.paginator.__dict__["count"] = 1001
    assert summary(page, "vi") == "1–10 trên hơn 1.000"
