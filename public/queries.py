"""Read queries behind the public pages, each a bounded number of SQL queries.

Views stay thin: they call these and render. Every function here returns only
public records (proposed and awarded), and its query count does not depend on
how much history there is (pinned by tests/public/test_query_counts.py).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _

from awards.models import (
    Agency,
    AgencyLineage,
    AgencyName,
    AwardType,
    Bloc,
    EmulationYear,
    Membership,
    Nomination,
)
from awards.models.base import in_force
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


def heads_elected_for(year: int) -> tuple[int, list[Membership]]:
    """Heads elected at the year-end meeting of ``year`` serve in ``year + 1``, else ``year``.

    One query for both years; the later one wins.
    """
    heads = list(
        Membership.objects.filter(year_id__in=(year, year + 1), role=Membership.Role.HEAD)
        .select_related("bloc", "agency")
        .order_by("bloc__name")
    )
    serving = max((m.year_id for m in heads), default=year)
    return serving, [m for m in heads if m.year_id == serving]


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
    # The latest year with a public record, from the same counts (no MAX query).
    year = per_year[-1][0] if per_year else None
    context = {"year": year, "chart": bar_chart("", SERIES, per_year)}
    if year is None:
        return context
    in_year = Nomination.objects.public().for_year(year)
    head_year, heads = heads_elected_for(year)
    types = list(AwardType.objects.all())
    # By id, not by a join on the code: the (award_type, year) index finds the few flags.
    flag_ids = [t.pk for t in types if t.code in ("gov_flag", "prov_flag")]
    context.update(
        counts=award_type_counts(in_year, types),
        flags=record_rows(
            Nomination.objects.public()
            .for_year(year)
            .filter(award_type_id__in=flag_ids)
            .order_by("award_type__precedence", "bloc__name", "nominee_name")
        ),
        head_year=head_year,
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
                order_by=[F("award_type__precedence").asc(), F("nominee_name").asc()],
            )
        )
        .filter(position__lte=per_bloc)
    )
    rows_by_bloc = defaultdict(list)
    for row in record_rows(numbered):
        rows_by_bloc[row.bloc_id].append(row)
    leaders = defaultdict(list)
    for m in Membership.objects.leaders().filter(year_id=year).select_related("agency"):
        leaders[m.bloc_id].append(m)
    for rows in leaders.values():
        rows.sort(key=head_first)
    blocs = {b.pk: b for b in Bloc.objects.filter(pk__in=[k for k in counts if k])}
    results = [
        BlocResults(blocs[pk], counts[pk], rows_by_bloc[pk], leaders[pk])
        for pk in sorted(blocs, key=lambda pk: blocs[pk].name)
    ]
    if None in counts:
        results.append(BlocResults(None, counts[None], rows_by_bloc[None], []))
    for rows in rows_by_bloc.values():
        rows.sort(key=lambda r: (r.precedence, r.nominee_name))
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
    memberships = bloc.memberships.order_by("-year_id", "role", "agency__name").values_list(
        "year_id", "role", "agency_id", "agency__slug", "agency__name"
    )
    names = names_then(Membership.objects.filter(bloc=bloc).values("agency_id"))
    roles = dict(Membership.Role.choices)
    agency_url = Links().agency_url
    return [
        MemberRow(
            year,
            role,
            roles.get(role, role),
            agency_url(slug),
            name_in(names.get(agency_id, ()), datetime.date(year, 12, 31), name),
        )
        for year, role, agency_id, slug, name in memberships
    ]


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
        .order_by("-year_id", "award_type__precedence", "nominee_name")[:named_limit]
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
        .order_by("-year_id", "award_type__precedence", "nominee_name")[:people_limit]
    )
    return {
        "names": names,
        "awards": awards,
        "renamed": len({row.nominee_name for row in awards} | {n.name for n in names}) > 1,
        "predecessors": predecessors,
        "successors": successors,
        "memberships": list(
            agency.memberships.select_related("bloc").order_by("-year_id", "bloc__name")
        ),
        "people_awards": people_awards,
        "people_limit": people_limit,
        "chart": chart_from_rows(awards, agency.name),
    }


def award_type_history(award_type: AwardType) -> dict:
    holders = (
        Nomination.objects.public()
        .filter(award_type=award_type)
        .order_by("-year_id", "nominee_name")
    )
    return {
        "holders": holders,
        "chart": per_year_chart(
            Nomination.objects.public().filter(award_type=award_type), award_type.name
        ),
    }


def source_records(source) -> dict:
    """What an imported document produced: public nominations, memberships, decisions, meetings."""
    return {
        "nominations": record_rows(
            Nomination.objects.public()
            .filter(source=source)
            .order_by("-year_id", "award_type__precedence")
        ),
        "memberships": list(
            source.memberships.select_related("bloc", "agency").order_by("-year_id", "bloc__name")
        ),
        "decisions": list(source.decisions.order_by("date")),
        "meetings": list(source.meetings.select_related("bloc").order_by("date")),
    }


def decision_records(decision) -> QuerySet:
    """The public nominations a decision granted, for a page of rows (award, then name)."""
    return (
        Nomination.objects.public()
        .filter(decision=decision)
        .order_by("award_type__precedence", "nominee_name")
    )
