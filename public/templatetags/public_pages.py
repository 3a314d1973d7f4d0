"""Template helpers for the public pages: sortable column links and nominee links."""

from django import forms, template
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from public.tables import escape, render_member_items, render_record_rows

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
def filter_control(bound_field) -> str:
    """A filter's <input> or <select>, built here rather than by the form template engine.

    Django renders every <option> through a template; on the award list that was
    a third of the page's time, for ~60 options.
    """
    widget = bound_field.field.widget
    attrs = {**widget.attrs, "name": bound_field.html_name, "id": bound_field.auto_id}
    value = bound_field.value()
    if isinstance(widget, forms.Select):
        current = "" if value is None else str(value)
        # escape() as records.escape: format_html per option cost more than the options.
        options = "".join(
            f'<option value="{escape(v)}"{" selected" if str(v) == current else ""}>'
            f"{escape(label)}</option>"
            for v, label in bound_field.field.choices
        )
        return mark_safe(f"<select{flatatt(attrs)}>{options}</select>")
    attrs["type"] = widget.input_type
    if value not in (None, ""):
        attrs["value"] = str(value)
    return format_html("<input{}>", flatatt(attrs))


@register.simple_tag
def record_rows(rows, hide: str = "", current_names: bool = False) -> str:
    """The table rows of ``rows`` (public.tables.RecordRow), written in Python."""
    return render_record_rows(rows, hide=hide, current_names=current_names)


@register.simple_tag
def member_items(rows) -> str:
    """The list items of a bloc's members in one year (public.queries.MemberRow)."""
    return render_member_items(rows)
