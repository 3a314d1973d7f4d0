"""Pagination without COUNT(*) over the whole table.

Counting 100,000 rows on every page view costs more than the page itself, so a
page fetches one row beyond its size to know whether a next page exists, and the
total is counted only up to a cap ("more than 1,000 records").
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

COUNT_CAP = 1000


def capped_count(queryset: QuerySet, cap: int = COUNT_CAP) -> int:
    """The number of rows, but at most ``cap + 1`` (a LIMIT inside the COUNT)."""
    return queryset.order_by().values("pk")[: cap + 1].count()


@dataclass
class SlicePage:
    object_list: list
    number: int
    has_next: bool
    count: int
    per_page: int
    cap: int = COUNT_CAP

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def count_is_capped(self) -> bool:
        return self.count > self.cap

    @property
    def num_pages(self) -> int | None:
        """Known only below the cap."""
        if self.count_is_capped:
            return None
        return max(1, -(-self.count // self.per_page))

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def slice_page(
    queryset: QuerySet, page: str | None, per_page: int, fetch: Callable[[QuerySet], list] = list
) -> SlicePage:
    """Page ``page`` (1-based; junk reads as 1) of an ordered queryset: two bounded queries.

    ``fetch`` reads the page's rows from a queryset (``record_rows`` for plain values).
    """
    try:
        number = max(1, int(page or 1))
    except (TypeError, ValueError):
        number = 1
    count = capped_count(queryset)
    if count <= COUNT_CAP:
        # Past the end: show the last page, as Django's Paginator.get_page does.
        number = min(number, max(1, -(-count // per_page)))
    start = (number - 1) * per_page
    # Sort and slice on the bare table first (a subquery of ids, one beyond the page),
    # then join only those rows and sort them again: half the time of sorting the
    # fully joined rows (measured on 100,000 nominations), in a single query.
    ids = queryset.values("pk")[start : start + per_page + 1]
    rows = fetch(queryset.filter(pk__in=ids))
    return SlicePage(rows[:per_page], number, len(rows) > per_page, count, per_page)
