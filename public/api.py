"""The read-only JSON API of the open data (``/api/v1/``): years, blocs, agencies, award
types and awards, for newsrooms and researchers who would otherwise scrape the pages.

Plain Django views rather than Django REST framework: five read-only lists and their
details over data the site already reads, where the award list's FilterSet, the page
cache (``public_page``), the export limits and the bad-input rules of the pages all
apply as they are. DRF would bring a second stack of paging, filtering, throttling and
rendering to keep in step with them, for a browsable API we do not need.

Rules every endpoint keeps:
- only public data: ``Nomination.objects.public()`` (proposed and awarded);
- English field names that do not change within ``v1``; dates in ISO 8601; a
  nominee's name at the time of the award beside its current name;
- lists are pages of ``page_size`` rows (``DEFAULT_PAGE_SIZE``, at most
  ``MAX_PAGE_SIZE``) in an envelope with ``count``, ``next`` and ``previous``; a page
  larger than ``emulation.export_limit.LARGE_API_PAGE`` counts as a download against
  the client's export slots;
- bad parameters are a 400 with ``{"errors": {...}}``, an unknown record or a page past
  the end a 404 with ``{"detail": ...}``, never a 500;
- responses are cached like the pages and carry ``Access-Control-Allow-Origin: *``
  (GET and HEAD only, no cookies needed: any web page may read the open data).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.db.models import F, Q, QuerySet
from django.http import Http404, JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from awards.models import (
    Agency,
    AgencyLineage,
    AgencyName,
    AwardType,
    Bloc,
    BlocName,
    EmulationYear,
    Membership,
    Nomination,
)
from public import queries
from public.caching import public_page
from public.filters import LIST_PARAMS, filtered_nominations
from public.views import stable_order

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000
PAGE_PARAMS = ("page", "page_size")
JSON_OPTIONS = {"ensure_ascii": False}


class ApiError(Exception):
    """A request the API refuses: rendered as JSON with its status, never as a page."""

    def __init__(self, status: int, body: dict):
        super().__init__(body)
        self.status = status
        self.body = body


def json_response(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params=JSON_OPTIONS)


def api_endpoint(*params: str) -> Callable:
    """Decorate an API view: reads only ``params`` (plus paging), cached like the pages,
    errors as JSON, and readable from any origin."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def inner(request, *args, **kwargs):
            try:
                return json_response(view(request, *args, **kwargs))
            except ApiError as error:
                return json_response(error.body, error.status)
            except Http404:
                return json_response({"detail": _("Not found.")}, 404)

        cached = public_page(*params, *PAGE_PARAMS)(inner)

        @functools.wraps(view)
        def outer(request, *args, **kwargs):
            try:
                response = cached(request, *args, **kwargs)
            except BadRequest:  # a NUL byte in a parameter (keep_params)
                response = json_response({"detail": _("Bad request.")}, 400)
            if response.status_code == 405:  # require_safe's answer is not JSON
                response = json_response({"detail": _("Only GET and HEAD are allowed.")}, 405)
                response["Allow"] = "GET, HEAD"
            response["Access-Control-Allow-Origin"] = "*"
            return response

        return outer

    return decorator


def _whole_number(request, name: str, default: int, low: int, high: int) -> int:
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        message = _("A whole number from %(low)s to %(high)s.") % {"low": low, "high": high}
        raise ApiError(400, {"errors": {name: [message]}})
    return value


def page_size_of(request) -> int:
    return _whole_number(request, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)


def paginated(request, queryset: QuerySet, serialize: Callable[[QuerySet], list]) -> dict:
    """One page of ``queryset`` (ordered) in the list envelope: two queries, the count and
    the rows. ``serialize`` turns the page's slice of the queryset into a list of dicts."""
    size = page_size_of(request)
    paginator = Paginator(queryset, size)
    number = _whole_number(request, "page", 1, 1, 10**9)
    if number > paginator.num_pages:
        raise ApiError(
            404,
            {"detail": _("Page %(page)s is past the last (%(last)s).")
             % {"page": number, "last": paginator.num_pages}},
        )  # fmt: skip
    start = (number - 1) * size
    results = serialize(queryset[start : start + size])

    def link(page: int) -> str:
        params = request.GET.copy()
        params["page"] = str(page)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return {
        "count": paginator.count,
        "page": number,
        "page_size": size,
        "next": link(number + 1) if number < paginator.num_pages else None,
        "previous": link(number - 1) if number > 1 else None,
        "results": results,
    }


def site_url(request, name: str, **kwargs) -> str:
    return request.build_absolute_uri(reverse(name, kwargs=kwargs))


# Awards ------------------------------------------------------------------------------

AWARD_VALUES = (
    "pk",
    "year_id",
    "status",
    "nominee_name",
    "agency__slug",
    "agency__name",
    "person__slug",
    "person__full_name",
    "person__agency__slug",
    "person__agency__name",
    "award_type__code",
    "award_type__name",
    "award_type__name_en",
    "bloc__slug",
    "bloc__name",
    "decision_id",
    "decision__number",
    "decision__date",
    "decision__issuer",
    "source_id",
    "source__title",
    "source__url",
    "source__publisher",
    "source__published",
)


@dataclass(frozen=True)
class Field:
    """One field of an API object and what it means (listed on the About page)."""

    name: str
    description: str


def award_fields() -> list[Field]:
    """The fields of an award, in order; a test holds them to the real output."""
    return [
        Field("id", _("The record's number in the register; stable.")),
        Field("year", _("The achievement year (not the year of the decision).")),
        Field("status", _('"awarded" (decided) or "proposed" (proposed by the bloc).')),
        Field("recipient_kind", _('"collective" (a unit) or "individual" (a person).')),
        Field("name_at_award", _("The recipient's name at the time of the award.")),
        Field("current_name", _("The recipient's name today.")),
        Field("agency", _("The unit: slug and current name; null for a person.")),
        Field("person", _("The person: slug, name and unit; null for a unit.")),
        Field("award_type", _("The award: code, official name and English name.")),
        Field("bloc", _("The emulation bloc: slug and current name; may be null.")),
        Field("decision", _("The decision that granted it: number, date, issuer; or null.")),
        Field("source", _("The published source: title, URL, publisher, date; or null.")),
        Field("url", _("The recipient's page on this site.")),
    ]


def award_objects(request, queryset: QuerySet) -> list[dict]:
    """Awards as API objects, in one query (plain values, no model instances)."""
    rows = [dict(zip(AWARD_VALUES, values, strict=True)) for values in queryset.values_list(
        *AWARD_VALUES)]  # fmt: skip
    agency_base = site_url(request, "awards:agency", slug="x")[:-2]
    people_base = site_url(request, "awards:award_list") + "?person="
    decision_base = site_url(request, "awards:decision", pk=1)[:-2]
    objects = []
    for r in rows:
        collective = r["agency__slug"] is not None
        current = r["agency__name"] if collective else r["person__full_name"]
        person = None
        if not collective:
            unit = None
            if r["person__agency__slug"]:
                unit = {"slug": r["person__agency__slug"], "name": r["person__agency__name"]}
            person = {"slug": r["person__slug"], "name": r["person__full_name"], "agency": unit}
        decision = None
        if r["decision_id"]:
            decision = {
                "id": r["decision_id"],
                "number": r["decision__number"],
                "date": r["decision__date"],
                "issuer": r["decision__issuer"],
                "page": decision_base + str(r["decision_id"]) + "/",
            }
        source = None
        if r["source_id"]:
            source = {
                "id": r["source_id"],
                "title": r["source__title"],
                "url": r["source__url"] or None,
                "publisher": r["source__publisher"] or None,
                "published": r["source__published"],
                "page": site_url(request, "awards:source", pk=r["source_id"]),
            }
        objects.append(
            {
                "id": r["pk"],
                "year": r["year_id"],
                "status": r["status"],
                "recipient_kind": "collective" if collective else "individual",
                "name_at_award": r["nominee_name"] or current,
                "current_name": current,
                "agency": {"slug": r["agency__slug"], "name": r["agency__name"]}
                if collective
                else None,
                "person": person,
                "award_type": {
                    "code": r["award_type__code"],
                    "name": r["award_type__name"],
                    "name_en": r["award_type__name_en"] or None,
                },
                "bloc": {"slug": r["bloc__slug"], "name": r["bloc__name"]}
                if r["bloc__slug"]
                else None,
                "decision": decision,
                "source": source,
                "url": agency_base + r["agency__slug"] + "/"
                if collective
                else people_base + r["person__slug"],
            }
        )
    return objects


def awards_page(request) -> dict:
    """One page of awards for the request's filters and paging (also the About page's
    sample answer, so the documented output is the real one)."""
    filterset = filtered_nominations(request.GET, Nomination.objects.public())
    if not filterset.is_valid():
        raise ApiError(400, {"errors": filterset.errors.get_json_data(escape_html=False)})
    return paginated(request, stable_order(filterset.qs), lambda page: award_objects(request, page))


@api_endpoint(*LIST_PARAMS)
def awards(request):
    """The award list's filters (``public.filters``), exactly, as JSON pages."""
    return awards_page(request)


@api_endpoint()
def award(request, pk: int):
    found = award_objects(request, Nomination.objects.public().filter(pk=pk))
    if not found:
        raise Http404
    return found[0]


# Years, blocs, agencies, award types ---------------------------------------------------


def year_object(request, year: int, status: str, counts: list[int]) -> dict:
    awards_url = site_url(request, "api:awards") + f"?year_from={year}&year_to={year}"
    return {
        "year": year,
        "status": status,
        "awarded": counts[0],
        "proposed": counts[1],
        "awards": awards_url,
        "url": site_url(request, "awards:year", year=year),
    }


@api_endpoint()
def years(request):
    """Every year of the register, newest first, with its public counts (cached)."""
    counts = dict(queries.public_counts_per_year())
    return paginated(
        request,
        EmulationYear.objects.order_by("-year").values_list("year", "status"),
        lambda page: [year_object(request, y, s, counts.get(y, [0, 0])) for y, s in page],
    )


@api_endpoint()
def year(request, year: int):
    found = EmulationYear.objects.filter(year=year).values_list("status", flat=True).first()
    if found is None:
        raise Http404
    in_year = Nomination.objects.public().for_year(year)
    totals = queries.status_counts(in_year, "year_id").first() or {"awarded": 0, "proposed": 0}
    data = year_object(request, year, found, [totals["awarded"], totals["proposed"]])
    data["award_types"] = [
        {"code": c.award_type.code, "awarded": c.awarded, "proposed": c.proposed}
        for c in queries.award_type_counts(in_year)
    ]
    return data


BLOC_VALUES = ("slug", "name", "kind", "organiser_kind", "organiser", "established_on",
               "dissolved_on")  # fmt: skip


def bloc_object(request, values: dict) -> dict:
    return {**values, "url": site_url(request, "awards:bloc", slug=values["slug"])}


@api_endpoint()
def blocs(request):
    return paginated(
        request,
        Bloc.objects.order_by("slug").values(*BLOC_VALUES),
        lambda page: [bloc_object(request, v) for v in page],
    )


def names_over_time(names: QuerySet) -> list[dict]:
    return list(
        names.order_by(F("valid_from").asc(nulls_first=True)).values(
            "name", "valid_from", "valid_to"
        )
    )


@api_endpoint()
def bloc(request, slug: str):
    found = Bloc.objects.filter(slug=slug).values("pk", *BLOC_VALUES).first()
    if found is None:
        raise Http404
    pk = found.pop("pk")
    data = bloc_object(request, found)
    data["names"] = names_over_time(BlocName.objects.filter(bloc_id=pk))
    data["leaders"] = [
        {"year": y, "role": role, "agency": {"slug": s, "name": n}}
        for y, role, s, n in Membership.objects.leaders()
        .filter(bloc_id=pk)
        .order_by("-year_id", "role")
        .values_list("year_id", "role", "agency__slug", "agency__name")
    ]
    data["awards"] = site_url(request, "api:awards") + f"?bloc={slug}"
    return data


AGENCY_VALUES = ("slug", "name", "kind", "province", "established_on", "dissolved_on")


def agency_object(request, values: dict) -> dict:
    return {**values, "url": site_url(request, "awards:agency", slug=values["slug"])}


@api_endpoint()
def agencies(request):
    return paginated(
        request,
        Agency.objects.order_by("slug").values(*AGENCY_VALUES),
        lambda page: [agency_object(request, v) for v in page],
    )


@api_endpoint()
def agency(request, slug: str):
    found = Agency.objects.filter(slug=slug).values("pk", *AGENCY_VALUES).first()
    if found is None:
        raise Http404
    pk = found.pop("pk")
    data = agency_object(request, found)
    data["names"] = names_over_time(AgencyName.objects.filter(agency_id=pk))
    lineage = AgencyLineage.objects.filter(Q(successor_id=pk) | Q(predecessor_id=pk)).values_list(
        "kind", "date", "predecessor_id", "predecessor__slug", "successor__slug"
    )
    data["predecessors"], data["successors"] = [], []
    for kind, date, predecessor_id, predecessor, successor in lineage.order_by("date"):
        if predecessor_id == pk:
            data["successors"].append({"slug": successor, "kind": kind, "date": date})
        else:
            data["predecessors"].append({"slug": predecessor, "kind": kind, "date": date})
    data["awards"] = site_url(request, "api:awards") + f"?agency={slug}"
    return data


AWARD_TYPE_VALUES = ("code", "name", "name_en", "short_name", "category", "recipients", "level",
                     "precedence", "legal_basis")  # fmt: skip


def award_type_object(request, values: dict) -> dict:
    return {**values, "url": site_url(request, "awards:award_type", code=values["code"])}


@api_endpoint()
def award_types(request):
    return paginated(
        request,
        AwardType.objects.order_by("precedence", "code").values(*AWARD_TYPE_VALUES),
        lambda page: [award_type_object(request, v) for v in page],
    )


@api_endpoint()
def award_type(request, code: str):
    found = AwardType.objects.filter(code=code).values(*AWARD_TYPE_VALUES).first()
    if found is None:
        raise Http404
    data = award_type_object(request, found)
    data["awards"] = site_url(request, "api:awards") + f"?award_type={code}"
    return data


@api_endpoint()
def root(request):
    """The endpoints, so a client can start from ``/api/v1/``."""
    names = ("years", "blocs", "agencies", "award_types", "awards")
    return {name: site_url(request, f"api:{name}") for name in names}


urlpatterns = [
    path("", root, name="root"),
    path("years/", years, name="years"),
    path("years/<int:year>/", year, name="year"),
    path("blocs/", blocs, name="blocs"),
    path("blocs/<slug:slug>/", bloc, name="bloc"),
    path("agencies/", agencies, name="agencies"),
    path("agencies/<slug:slug>/", agency, name="agency"),
    path("award-types/", award_types, name="award_types"),
    path("award-types/<slug:code>/", award_type, name="award_type"),
    path("awards/", awards, name="awards"),
    path("awards/<int:pk>/", award, name="award"),
]
