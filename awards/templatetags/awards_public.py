"""Template helpers for the public pages: sortable column links and nominee links."""

from django import template
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag
def sort_url(query_no_sort: str, current: str, field: str) -> str:
    """The list URL sorted by ``field``, descending when it is already sorted ascending."""
    value = f"-{field}" if current == field else field
    prefix = f"{query_no_sort}&" if query_no_sort else ""
    return f"?{prefix}{urlencode({'sort': value})}"


@register.simple_tag
def sort_state(current: str, field: str) -> str:
    """The aria-sort value of a column header."""
    if current == field:
        return "ascending"
    if current == f"-{field}":
        return "descending"
    return "none"


@register.filter
def nominee_url(nomination) -> str:
    """Where a nominee's name links: the agency, or the person's agency; empty if neither."""
    if nomination.agency_id:
        return nomination.agency.get_absolute_url()
    if nomination.person_id and nomination.person.agency_id:
        return nomination.person.agency.get_absolute_url()
    return ""


@register.simple_tag
def page_url(query_no_page: str, number: int) -> str:
    prefix = f"{query_no_page}&" if query_no_page else ""
    return f"?{prefix}page={number}"
