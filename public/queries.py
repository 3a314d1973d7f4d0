"""Read queries behind the public pages, each a bounded number of SQL queries.

Views stay thin: they call these and render. Every function here returns only
public records (proposed and awarded), and its query count does not depend on
how much history there is (pinned by tests/public/test_query_counts.py).
"""

import datetime
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Case, Count, Exists, F, Max, OuterRef, Q, QuerySet, Value, When, Window
from django.db.models.functions import Reverse, Right, RowNumber, StrIndex
from django.utils.translation import gettext_lazy as _

from awards.collation import collated
from awards.importer.segments import without_site_noise
from awards.models import (
    Agency,
    AgencyLineage,
    AgencyName,
    AwardType,
    Bloc,
    EmulationYear,
    Membership,
    Nomination,
    Person,
    SourceDocument,
)
from awards.models.base import in_force, same_name
from awards.text import given_name, initial, sort_key
from public.caching import lookup
from public.charts import BarChart, bar_chart
from public.tables import Links, record_rows

# Awards decided above the agency itself: named on the bloc page, the rest are counted.
HIGHER_LEVELS = (
    AwardType.Level.STATE,
    AwardType.Level.GOVERNMENT,
    AwardType.Level.MINISTRY,
    AwardType.Level.PROVINCE,
)
SERIES = [_("awarded"), _("proposed")]


def status_counts(queryset: QuerySet, group: str) -> QuerySet:
    """Rows of {group, awarded, proposed} for public nominations grouped by one field."""
    return (
        queryset.values(group)
        .annotate(
            awarded=Count("pk", filter=Q(status=Nomination.Status.AWARDED)),
            proposed=Count("pk", filter=Q(status=Nomination.Status.PROPOSED)),
        )
        .order_by(group)
    )


def per_year_chart(queryset: QuerySet, title: str) -> BarChart:
    """Awards per achievement year, awarded and proposed stacked (one grouped query)."""
    rows = status_counts(queryset, "year_id")
    return bar_chart(title, SERIES, [(r["year_id"], [r["awarded"], r["proposed"]]) for r in rows])


def chart_from_rows(rows, title: str) -> BarChart:
    """The same chart from nominations already loaded (no query)."""
    counts = defaultdict(lambda: [0, 0])
    for row in rows:
        counts[row.year_id][0 if row.status == Nomination.Status.AWARDED else 1] += 1
    return bar_chart(title, SERIES, sorted(counts.items()))


def years_with_records() -> list[int]:
    """Years with a public record: one index probe per year, not a DISTINCT over every row."""
    public = Nomination.objects.public().filter(year_id=OuterRef("year"))
    return list(
        EmulationYear.objects.filter(Exists(public))
        .values_list("year", flat=True)
        .order_by("-year")
    )


@dataclass(slots=True)
class HeadRow:
    """A bloc's head (or deputy) in one year, under the name the agency bore that year."""

    year_id: int
    bloc_id: int
    bloc_url: str
    bloc_name: str
    agency_url: str
    name_then: str
    role: str = Membership.Role.HEAD
    role_label: str = ""


def head_rows(memberships: QuerySet) -> list[HeadRow]:
    """Memberships as HeadRow, each agency under its name of that year, in the queryset's
    order. Two queries: the memberships and the names of their agencies."""
    rows = memberships.values_list(
        "year_id",
        "bloc_id",
        "bloc__slug",
        "bloc__name",
        "agency_id",
        "agency__slug",
        "agency__name",
        "role",
    )
    names = names_then(memberships.values("agency_id"))
    links = Links()
    roles = dict(Membership.Role.choices)
    return [
        HeadRow(
            year,
            bloc_id,
            links.join(links.bloc, bloc_slug),
            bloc_name,
            links.agency_url(slug),
            name_in(names.get(agency_id, ()), datetime.date(year, 12, 31), name),
            role,
            str(roles.get(role, role)),
        )
        for year, bloc_id, bloc_slug, bloc_name, agency_id, slug, name, role in rows
    ]


def heads_elected_for(year: int) -> list[HeadRow]:
    """Each bloc's head elected at the year-end meeting of ``year`` (serving in ``year + 1``),
    else its head of ``year``: a bloc with no head recorded for the next year (or none
    any more) still shows its latest. By bloc name, in Vietnamese order; two queries.
    """
    heads = {}
    memberships = Membership.objects.filter(
        year_id__in=(year, year + 1), role=Membership.Role.HEAD
    ).order_by("year_id")
    for row in head_rows(memberships):
        heads[row.bloc_id] = row  # the later year wins
    return sorted(heads.values(), key=lambda h: sort_key(h.bloc_name))


@dataclass
class AwardCount:
    award_type: AwardType
    awarded: int
    proposed: int


def award_type_counts(queryset: QuerySet, types=None) -> list[AwardCount]:
    """Counts per award type in catalogue order (two queries: the counts and the catalogue).

    ``types``: the catalogue, when already loaded.
    """
    counts = {r["award_type"]: r for r in status_counts(queryset, "award_type")}
    return [
        AwardCount(t, counts[t.pk]["awarded"], counts[t.pk]["proposed"])
        for t in (AwardType.objects.all() if types is None else types)
        if t.pk in counts
    ]


def public_counts_per_year() -> list[tuple[int, list[int]]]:
    """(year, [awarded, proposed]) of every year with a public record, oldest first.

    A count over every row (~20 ms on 100,000 nominations, even index-only), so it
    is kept in the ``pages`` cache, which any register change clears.
    """
    return lookup(
        "public-counts-per-year",
        lambda: [
            (r["year_id"], [r["awarded"], r["proposed"]])
            for r in status_counts(Nomination.objects.public(), "year_id")
        ],
    )


def home_summary() -> dict:
    per_year = public_counts_per_year()
    # The latest year with awards decided, from the same counts (no MAX query): a year
    # whose proposals all wait for a decision would lead with "0 awarded".
    awarded = [y for y, (n_awarded, _n_proposed) in per_year if n_awarded]
    year = awarded[-1] if awarded else per_year[-1][0] if per_year else None
    context = {"year": year, "chart": bar_chart("", SERIES, per_year)}
    if year is None:
        return context
    in_year = Nomination.objects.public().for_year(year)
    heads = heads_elected_for(year)
    types = list(AwardType.objects.all())
    # By id, not by a join on the code: the (award_type, year) index finds the few flags.
    flag_ids = [t.pk for t in types if t.code in ("gov_flag", "prov_flag")]
    context.update(
        counts=award_type_counts(in_year, types),
        flags=record_rows(
            Nomination.objects.public()
            .for_year(year)
            .filter(award_type_id__in=flag_ids)
            .order_by("award_type__precedence", collated("bloc__name"), collated("nominee_name"))
        ),
        heads=heads,
    )
    return context


def head_first(membership) -> int:
    """Sort key: the head before deputies (a Membership or a MemberRow)."""
    return 0 if membership.role == Membership.Role.HEAD else 1


@dataclass
class BlocResults:
    bloc: Bloc | None
    count: int
    rows: list
    leaders: list

    @property
    def cut(self) -> bool:
        return self.count > len(self.rows)


def year_results(year: int, *, per_bloc: int = 10) -> list[BlocResults]:
    """Each bloc's results for a year: its leaders, its count and its first ``per_bloc`` rows.

    A window function keeps the rows per bloc bounded, so a large year costs the same.
    """
    in_year = Nomination.objects.public().for_year(year)
    counts = {r["bloc"]: r["n"] for r in in_year.values("bloc").annotate(n=Count("pk")).order_by()}
    numbered = (
        Nomination.objects.public()
        .for_year(year)
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=F("bloc_id"),
                order_by=[F("award_type__precedence").asc(), collated("nominee_name")],
            )
        )
        .filter(position__lte=per_bloc)
    )
    rows_by_bloc = defaultdict(list)
    for row in record_rows(numbered):
        rows_by_bloc[row.bloc_id].append(row)
    leaders = defaultdict(list)
    for m in head_rows(Membership.objects.leaders().filter(year_id=year)):
        leaders[m.bloc_id].append(m)
    for rows in leaders.values():
        rows.sort(key=head_first)
    blocs = {b.pk: b for b in Bloc.objects.filter(pk__in=[k for k in counts if k])}
    results = [
        BlocResults(blocs[pk], counts[pk], rows_by_bloc[pk], leaders[pk])
        for pk in sorted(blocs, key=lambda pk: sort_key(blocs[pk].name))
    ]
    if None in counts:
        results.append(BlocResults(None, counts[None], rows_by_bloc[None], []))
    for rows in rows_by_bloc.values():
        rows.sort(key=lambda r: (r.precedence, sort_key(r.nominee_name)))
    return results


@dataclass(slots=True)
class MemberRow:
    """A bloc's member in one year, from plain values: the name it bore that year, its role."""

    year_id: int
    role: str
    role_label: str
    url: str
    name_then: str

    @property
    def role_note(self) -> str:
        """ " (head)" or " (deputy)"; nothing for a plain member."""
        return "" if self.role == Membership.Role.MEMBER else f" ({self.role_label})"


def names_then(agency_ids_query: QuerySet) -> dict[int, list[tuple]]:
    """(name, valid_from, valid_to) per agency, oldest first, for the agencies of a subquery."""
    names = defaultdict(list)
    rows = (
        AgencyName.objects.filter(agency_id__in=agency_ids_query)
        .order_by("agency_id", F("valid_from").asc(nulls_first=True))
        .values_list("agency_id", "name", "valid_from", "valid_to")
    )
    for agency_id, name, valid_from, valid_to in rows:
        names[agency_id].append((name, valid_from, valid_to))
    return names


def name_in(names: list[tuple], day: datetime.date, current: str) -> str:
    """As ``Agency.name_on``, over (name, valid_from, valid_to) tuples."""
    return next((name for name, *period in names if in_force(*period, day)), current)


def bloc_members(bloc: Bloc) -> list[MemberRow]:
    """Members by year (newest first), each under the name it bore that year: two queries."""
    memberships = bloc.memberships.order_by("-year_id", "role").values_list(
        "year_id", "role", "agency_id", "agency__slug", "agency__name"
    )
    names = names_then(Membership.objects.filter(bloc=bloc).values("agency_id"))
    roles = dict(Membership.Role.choices)
    agency_url = Links().agency_url
    rows = [
        MemberRow(
            year,
            role,
            roles.get(role, role),
            agency_url(slug),
            name_in(names.get(agency_id, ()), datetime.date(year, 12, 31), name),
        )
        for year, role, agency_id, slug, name in memberships
    ]
    # Within a year and role, by the name shown (the name of that year), in Vietnamese order.
    rows.sort(key=lambda m: (-m.year_id, m.role, sort_key(m.name_then)))
    return rows


def bloc_history(bloc: Bloc, *, named_limit: int = 100) -> dict:
    """Members by year, heads and deputies over time, and awards by year (counted and named)."""
    members = bloc_members(bloc)
    types = {t.pk: t for t in AwardType.objects.all()}
    # One grouped query for both the matrix (per type) and the chart (per status).
    by_year = defaultdict(lambda: defaultdict(int))
    per_status = defaultdict(lambda: [0, 0])
    counted = (
        Nomination.objects.public()
        .filter(bloc=bloc)
        .values("year_id", "award_type", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for r in counted:
        by_year[r["year_id"]][r["award_type"]] += r["n"]
        per_status[r["year_id"]][0 if r["status"] == Nomination.Status.AWARDED else 1] += r["n"]
    used_types = [t for t in types.values() if any(t.pk in row for row in by_year.values())]
    matrix = [
        (year, [by_year[year].get(t.pk, 0) for t in used_types], sum(by_year[year].values()))
        for year in sorted(by_year, reverse=True)
    ]
    named = record_rows(
        Nomination.objects.public()
        .filter(bloc=bloc, award_type__level__in=HIGHER_LEVELS)
        .order_by("-year_id", "award_type__precedence", collated("nominee_name"))[:named_limit]
    )
    member_years = defaultdict(list)
    for row in members:
        member_years[row.year_id].append(row)
    return {
        "member_years": list(member_years.items()),
        "leaders": sorted(
            (m for m in members if m.role != Membership.Role.MEMBER),
            key=lambda m: (-m.year_id, head_first(m)),
        ),
        "chart": bar_chart(bloc.name, SERIES, sorted(per_status.items())),
        "award_types": used_types,
        "matrix": matrix,
        "named": named,
        "named_limit": named_limit,
    }


def agency_history(agency: Agency, *, people_limit: int = 30) -> dict:
    """Its awards under the names it had, its lineage with theirs, its blocs, its staff's awards."""
    names = list(agency.names.order_by(F("valid_from").asc(nulls_first=True)))
    awards = record_rows(
        Nomination.objects.public()
        .filter(agency=agency)
        .order_by("-year_id", "award_type__precedence")
    )
    links = list(
        AgencyLineage.objects.filter(Q(successor=agency) | Q(predecessor=agency))
        .select_related("predecessor", "successor")
        .order_by("date")
    )
    related_ids = {link.predecessor_id for link in links} | {link.successor_id for link in links}
    related_ids.discard(agency.pk)
    related_awards = defaultdict(list)
    for row in record_rows(
        Nomination.objects.public()
        .filter(agency_id__in=related_ids)
        .order_by("-year_id", "award_type__precedence")
    ):
        related_awards[row.agency_id].append(row)
    predecessors = [
        (link, link.predecessor, related_awards[link.predecessor_id])
        for link in links
        if link.successor_id == agency.pk
    ]
    successors = [
        (link, link.successor, related_awards[link.successor_id])
        for link in links
        if link.predecessor_id == agency.pk
    ]
    people_awards = record_rows(
        Nomination.objects.public()
        .filter(person__agency=agency)
        .order_by("-year_id", "award_type__precedence", collated("nominee_name"))[:people_limit]
    )
    return {
        "names": names,
        "awards": awards,
        # Only a real rename earns the note (not "Sở Công thương" for "Sở Công Thương").
        "renamed": any(
            not same_name(name, agency.name, province=agency.province)
            for name in {row.nominee_name for row in awards} | {n.name for n in names}
        ),
        "predecessors": predecessors,
        "successors": successors,
        "memberships": list(
            agency.memberships.select_related("bloc").order_by("-year_id", collated("bloc__name"))
        ),
        "people_awards": people_awards,
        "people_limit": people_limit,
        "chart": chart_from_rows(awards, agency.name),
    }


def award_type_history(award_type: AwardType) -> dict:
    holders = (
        Nomination.objects.public()
        .filter(award_type=award_type)
        .order_by("-year_id", collated("nominee_name"), "pk")
    )
    return {
        "holders": holders,
        "chart": per_year_chart(
            Nomination.objects.public().filter(award_type=award_type), award_type.name
        ),
    }


def source_records(source) -> dict:
    """What an imported document produced: public nominations, memberships, decisions, meetings;
    and its text as readers see it (without the site's share bars and comment form)."""
    return {
        "text": without_site_noise(source.raw_text) if source.text_is_public else "",
        "nominations": record_rows(
            Nomination.objects.public()
            .filter(source=source)
            .order_by("-year_id", "award_type__precedence")
        ),
        # Under the name each agency bore that year.
        "memberships": head_rows(source.memberships.order_by("-year_id", collated("bloc__name"))),
        "decisions": list(source.decisions.order_by("date")),
        "meetings": list(source.meetings.select_related("bloc").order_by("date")),
    }


def decision_records(decision) -> QuerySet:
    """The public nominations a decision granted, for a page of rows (award, then name)."""
    return (
        Nomination.objects.public()
        .filter(decision=decision)
        .order_by("award_type__precedence", collated("nominee_name"), "pk")
    )


# The browse pages (public.browse): indexes of years, blocs, agencies, award types,
# people and sources, and a person's page. Names sort in Vietnamese order (collated).


@dataclass
class YearRow:
    year: int
    awarded: int
    proposed: int
    heads: list[HeadRow]


def year_index() -> list[YearRow]:
    """Every year of the register, newest first: its public counts and its bloc heads.

    Three queries at most (the per-year counts are usually cached).
    """
    counts = dict(public_counts_per_year())
    heads = defaultdict(list)
    for row in head_rows(Membership.objects.filter(role=Membership.Role.HEAD)):
        heads[row.year_id].append(row)
    for rows in heads.values():
        rows.sort(key=lambda h: sort_key(h.bloc_name))
    years = EmulationYear.objects.order_by("-year").values_list("year", flat=True)
    return [YearRow(y, *counts.get(y, (0, 0)), heads[y]) for y in years]


@dataclass
class BlocRow:
    bloc: Bloc
    members: int
    members_year: int | None
    head: HeadRow | None


def bloc_index() -> list[BlocRow]:
    """Every bloc (by organiser, then name): its members in its latest year, its latest head.

    Four queries whatever the history: the blocs, the member counts per bloc and
    year (grouped), the heads and their names.
    """
    blocs = list(Bloc.objects.order_by(collated("organiser"), collated("name"), "pk"))
    latest = {}
    counted = Membership.objects.values_list("bloc_id", "year_id").annotate(n=Count("pk"))
    for bloc_id, year, n in counted.order_by():
        if bloc_id not in latest or year > latest[bloc_id][0]:
            latest[bloc_id] = (year, n)
    head_of = {}
    for row in head_rows(Membership.objects.filter(role=Membership.Role.HEAD).order_by("-year_id")):
        head_of.setdefault(row.bloc_id, row)
    return [
        BlocRow(b, latest.get(b.pk, (0, 0))[1], latest.get(b.pk, (None,))[0], head_of.get(b.pk))
        for b in blocs
    ]


def public_agencies() -> QuerySet:
    """Agencies in Vietnamese order of their current names (the agencies index)."""
    return Agency.objects.order_by(collated("name"), "pk")


def letter_prefixes(letter: str) -> list[str]:
    """Every way a name filed under ``letter`` can begin: both cases, each tone.

    "U" → U, u, Ù, ù, Ủ…; "Đ" → Đ, đ. A ``startswith`` on each finds them on either
    database (no folding, so D and Đ stay apart).
    """
    prefixes = []
    for base in (letter.upper(), letter.lower()):
        for tone in ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"):
            composed = unicodedata.normalize("NFC", base + tone)
            if len(composed) == 1 and composed not in prefixes:
                prefixes.append(composed)
    return prefixes


def filter_agencies(queryset: QuerySet, *, bloc_slug="", letter="") -> QuerySet:
    """The agencies index's filters: a member of a bloc (in any year), a first letter."""
    if bloc_slug:
        members = Membership.objects.filter(agency=OuterRef("pk"), bloc__slug=bloc_slug)
        queryset = queryset.filter(Exists(members))
    if letter:
        starts = Q()
        for prefix in letter_prefixes(letter):
            starts |= Q(name__startswith=prefix)
        queryset = queryset.filter(starts)
    return queryset


@dataclass(slots=True)
class AgencyRow:
    url: str
    name: str
    kind_label: str
    province: str
    awards: int

    @property
    def initial(self) -> str:
        return initial(self.name)


def agency_rows(queryset: QuerySet) -> list[AgencyRow]:
    """One page of agencies with their number of public awards: one query."""
    kinds = dict(Agency.Kind.choices)
    public = Q(nominations__status__in=Nomination.PUBLIC_STATUSES)
    links = Links()
    return [
        AgencyRow(links.agency_url(slug), name, str(kinds.get(kind, kind)), province, n)
        for slug, name, kind, province, n in queryset.annotate(
            n=Count("nominations", filter=public)
        ).values_list("slug", "name", "kind", "province", "n")
    ]


def award_type_index() -> list[AwardCount]:
    """The whole catalogue in precedence order, with public counts (cached: a count over
    every row, as ``public_counts_per_year``)."""
    counts = lookup(
        "public-counts-per-award-type",
        lambda: {
            r["award_type"]: (r["awarded"], r["proposed"])
            for r in status_counts(Nomination.objects.public(), "award_type")
        },
    )
    return [AwardCount(t, *counts.get(t.pk, (0, 0))) for t in AwardType.objects.all()]


def given_name_expression():
    """The last word of ``full_name`` in SQL (``awards.text.given_name``), on both databases."""
    full_name = F("full_name")
    return Case(
        When(
            full_name__contains=" ",
            then=Right(full_name, StrIndex(Reverse(full_name), Value(" ")) - 1),
        ),
        default=full_name,
    )


def public_people() -> QuerySet:
    """People with a public award, as Vietnamese lists order them: by given name (tên),
    then by the full name (so by family name, then middle name)."""
    public = Nomination.objects.public().filter(person=OuterRef("pk"))
    return (
        Person.objects.filter(Exists(public))
        .alias(given=given_name_expression())
        .order_by(collated(F("given")), collated("full_name"), "pk")
    )


@dataclass(slots=True)
class PersonRow:
    url: str
    full_name: str
    position: str
    unit_url: str
    unit_name: str
    awards: int
    latest: int | None

    @property
    def initial(self) -> str:
        return initial(given_name(self.full_name))


def person_rows(queryset: QuerySet) -> list[PersonRow]:
    """One page of people: their unit (its current name), public awards and latest year."""
    public = Q(nominations__status__in=Nomination.PUBLIC_STATUSES)
    links = Links()
    rows = queryset.annotate(
        n=Count("nominations", filter=public), latest=Max("nominations__year", filter=public)
    ).values_list("slug", "full_name", "position", "agency__slug", "agency__name", "n", "latest")
    return [
        PersonRow(
            links.person_url(slug),
            name,
            position,
            links.agency_url(unit_slug) if unit_slug else "",
            unit_name or "",
            n,
            latest,
        )
        for slug, name, position, unit_slug, unit_name, n, latest in rows
    ]


def public_sources() -> QuerySet:
    """Published sources, newest first (by publication date, else by import)."""
    return SourceDocument.objects.public().order_by(
        F("published").desc(nulls_last=True), "-imported_at", "-pk"
    )


@dataclass(slots=True)
class SourceRow:
    url: str
    title: str
    publisher: str
    published: datetime.date | None
    original_url: str
    kind_label: str
    records: int


def source_rows(queryset: QuerySet) -> list[SourceRow]:
    kinds = dict(SourceDocument.Kind.choices)
    links = Links()
    public = Q(nominations__status__in=Nomination.PUBLIC_STATUSES)
    return [
        SourceRow(
            links.join(links.source, pk), title, publisher, published, url, str(kinds[kind]), n
        )
        for pk, title, publisher, published, url, kind, n in queryset.annotate(
            n=Count("nominations", filter=public)
        ).values_list("pk", "title", "publisher", "published", "url", "kind", "n")
    ]


@dataclass(slots=True)
class PersonAward:
    row: object  # public.tables.RecordRow
    unit_name: str


def person_history(person: Person) -> dict:
    """A person's public awards, each with their unit under its name of that year, and the
    sources. Four queries."""
    rows = record_rows(
        Nomination.objects.public()
        .filter(person=person)
        .order_by("-year_id", "award_type__precedence")
    )
    names = names_then(Agency.objects.filter(pk=person.agency_id).values("pk"))
    unit = person.agency
    awards = [
        PersonAward(
            row,
            name_in(names.get(unit.pk, ()), datetime.date(row.year_id, 12, 31), unit.name)
            if unit
            else "",
        )
        for row in rows
    ]
    source_ids = {row.source_id for row in rows if row.source_id}
    return {
        "awards": awards,
        "sources": list(
            SourceDocument.objects.filter(pk__in=source_ids).order_by("-published", "-pk")
        ),
        "unit_renamed": any(not same_name(a.unit_name, unit.name) for a in awards)
        if unit
        else False,
    }
