"""Pages of long record lists without COUNT(*) over the whole table.

Counting 100,000 rows on every page view costs more than the page itself, so the
count stops at a cap ("more than 1,000 records", healthchecks' PingsPaginator
idea) and a page fetches one row beyond its size to know whether a next one exists.

``strict_page`` makes a page number past the end ``EmptyPage`` (the record lists answer
404): silently showing the last page hid that a shared link no longer pointed where it did.
"""

from collections.abc import Callable

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.utils.functional import cached_property

COUNT_CAP = 1000
# Past the cap the number of pages is unknown; page numbers stop here (offsets fit a bigint).
MAX_PAGE = 1_000_000


class CappedPage(Page):
    """A Page that knows its successor from the one extra row fetched, not from a count.

    ``has_next`` is that answer as a plain bool (templates read it either way).
    """

    def __init__(self, object_list, number, paginator, *, has_next: bool):
        super().__init__(object_list, number, paginator)
        self.has_next = has_next

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous()

    @property
    def count(self) -> int:
        """The paginator's count, capped (templates read ``page.count``)."""
        return self.paginator.count

    @property
    def count_is_capped(self) -> bool:
        return self.paginator.count_is_capped

    def end_index(self) -> int:
        """From the rows on the page, not the count (unknown past the cap)."""
        return self.start_index() + len(self.object_list) - 1 if self.object_list else 0

    def links(self, *, on_each_side: int = 2) -> list[int | None]:
        """Page numbers to link, ``None`` for an ellipsis: the first, the last when it is
        known, and ``on_each_side`` pages around this one (as Django's elided range).

        Past the cap the last page is unknown: the numbers stop at the pages known to
        exist, and an ellipsis follows while there is a next page.
        """
        paginator, number = self.paginator, self.number
        capped = paginator.count_is_capped
        if capped:
            # Every page up to the capped count exists; beyond it, only the next one.
            known = max(-(-paginator.count // paginator.per_page), number + self.has_next)
        else:
            known = paginator.num_pages
        shown = {1, *range(max(1, number - on_each_side), min(known, number + on_each_side) + 1)}
        if not capped:
            shown.add(known)
        links: list[int | None] = []
        previous = 0
        for page in sorted(shown):
            if page - previous == 2:  # a gap of one page: its number, not an ellipsis
                links.append(page - 1)
            elif page - previous > 2:
                links.append(None)
            links.append(page)
            previous = page
        if capped and self.has_next:
            links.append(None)
        return links


class CappedPaginator(Paginator):
    """A Paginator over an ordered queryset whose count stops at ``cap`` + 1.

    ``fetch`` reads a page's rows from a queryset (``public.tables.record_rows``
    for plain values rather than model instances).
    """

    cap = COUNT_CAP

    def __init__(self, object_list: QuerySet, per_page: int, *, fetch: Callable = list):
        super().__init__(object_list, per_page)
        self.fetch = fetch

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @property
    def count_is_capped(self) -> bool:
        return self.count > self.cap

    @cached_property
    def num_pages(self) -> int:
        if self.count_is_capped:
            return MAX_PAGE
        return max(1, -(-self.count // self.per_page))

    def get_page(self, number) -> CappedPage:
        """As Paginator.get_page (junk reads as 1, past the end as the last page), but a
        number below 1 also reads as 1."""
        try:
            number = self.validate_number(number)
        except PageNotAnInteger:
            number = 1
        except EmptyPage:
            number = 1 if int(number) < 1 else self.num_pages
        return self.page(number)

    def strict_page(self, number) -> CappedPage:
        """As get_page, but a page past the end is ``EmptyPage`` (for a view to answer 404)."""
        try:
            number = self.validate_number(number)
        except PageNotAnInteger:
            number = 1
        except EmptyPage:
            if int(number) >= 1:
                raise
            number = 1
        page = self.page(number)
        if number > 1 and not page.object_list:  # past the end of a capped count
            raise EmptyPage(self.error_messages["no_results"])
        return page

    def page(self, number) -> CappedPage:
        """Two bounded queries at most: the capped count (once) and the rows.

        The rows are sorted and sliced on the bare table first (a subquery of ids,
        one beyond the page), then joined: half the time of sorting the fully joined
        rows, measured on 100,000 nominations.
        """
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        ids = self.object_list.values("pk")[start : start + self.per_page + 1]
        rows = self.fetch(self.object_list.filter(pk__in=ids))
        return CappedPage(rows[: self.per_page], number, self, has_next=len(rows) > self.per_page)


def page_or_404(paginator: CappedPaginator, number) -> CappedPage:
    """The page a reader asked for; past the end is a 404, not silently another page."""
    try:
        return paginator.strict_page(number)
    except EmptyPage as error:
        raise Http404(str(error)) from error
