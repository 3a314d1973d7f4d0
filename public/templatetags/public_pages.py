"""Template helpers of the public pages: sortable column links, page links, filter
controls and record tables."""

from django import forms, template
from django.forms.utils import flatatt
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext

from public.tables import head_items_html, member_items_html, rows_html

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


@register.simple_tag
def page_url(query_no_page: str, number: int) -> str:
    prefix = f"{query_no_page}&" if query_no_page else ""
    return f"?{prefix}page={number}"


@register.simple_tag
def page_summary(page) -> str:
    """ "51–100 of 312" (numbers grouped as the language writes them), "… of more than
    1,000" past the paginator's cap, "0 records" when nothing matches."""
    if not page.object_list:
        return gettext("No records")
    values = {
        "start": number_format(page.start_index(), force_grouping=True),
        "end": number_format(page.end_index(), force_grouping=True),
    }
    if page.count_is_capped:
        values["total"] = number_format(page.paginator.cap, force_grouping=True)
        return gettext("%(start)s–%(end)s of more than %(total)s") % values
    values["total"] = number_format(page.count, force_grouping=True)
    return gettext("%(start)s–%(end)s of %(total)s") % values


@register.simple_tag
def filter_control(bound_field) -> str:
    """A filter's <input> or <select>, without the form template engine.

    Django renders every <option> through a template of its own; on the award list
    that was a third of the page's time, for ~60 options.
    """
    widget = bound_field.field.widget
    attrs = {**widget.attrs, "name": bound_field.html_name, "id": bound_field.auto_id}
    value = bound_field.value()
    if isinstance(widget, forms.Select):
        current = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (choice, " selected" if str(choice) == current else "", label)
                for choice, label in bound_field.field.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(attrs), options)
    attrs["type"] = widget.input_type
    if value not in (None, ""):
        attrs["value"] = str(value)
    return format_html("<input{}>", flatatt(attrs))


@register.simple_tag
def table_rows(rows, hide: str = "", current_names: bool = False) -> str:
    """The <tr> of each row (public.tables.RecordRow); see public.tables.rows_html."""
    return rows_html(rows, hide=hide, current_names=current_names)


@register.simple_tag
def member_items(members) -> str:
    """The <li> of a bloc's members in one year (public.queries.MemberRow)."""
    return member_items_html(members)


@register.simple_tag
def head_items(heads) -> str:
    """The <li> of bloc heads (public.queries.HeadRow) under their names then."""
    return head_items_html(heads)
