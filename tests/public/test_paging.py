"""The capped paginator: a bounded count, pages past the cap, and junk page numbers."""

import pytest

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
    assert paginator.get_page(last + 1).object_list == []


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
