"""The yearly summary: per bloc and award the counts and names, and the statutory statistics.

Both read only public nominations (proposed and awarded). The statistics follow
form 0602 of Circular 02/2023/TT-BNV: the number of awards by form (emulation
title or form of commendation) and deciding level, collectives and individuals
apart; only awarded nominations count there, since a proposal is not an award.
The exact row layout of the form is to be checked against the circular.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby

from django.conf import settings
from django.db.models import Count, F, Q
from django.utils.translation import gettext, pgettext_lazy

from awards.exports import Sheet
from awards.models import AwardType, Nomination

NO_BLOC = pgettext_lazy("report", "Not in a bloc")


@dataclass(frozen=True)
class Issuer:
    """Who issues the report (its official header): the province and the board."""

    province: str
    board: str


def issuer() -> Issuer:
    """From the settings the About page reads (REGISTER_PROVINCE, REGISTER_OWNER)."""
    return Issuer(province=settings.REGISTER_PROVINCE, board=settings.REGISTER_OWNER)


@dataclass
class SummaryLine:
    """One award in one bloc: how many, and who (as named then)."""

    bloc: str
    award: str
    awarded: list[str] = field(default_factory=list)
    proposed: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.awarded) + len(self.proposed)


@dataclass
class StatisticsLine:
    """One award type's count in the statutory table."""

    category: str
    level: str
    award: str
    collectives: int
    individuals: int

    @property
    def total(self) -> int:
        return self.collectives + self.individuals

    @property
    def category_label(self) -> str:
        return AwardType.Category(self.category).label

    @property
    def level_label(self) -> str:
        return AwardType.Level(self.level).label


def summary_lines(year: int) -> list[SummaryLine]:
    """Per bloc and award type, in catalogue order, the nominees; one query."""
    rows = (
        Nomination.objects.public()
        .for_year(year)
        .values_list("bloc__name", "award_type__name", "nominee_name", "status")
        .order_by(
            F("bloc__name").asc(nulls_last=True),
            "award_type__precedence",
            "award_type__name",
            "nominee_name",
        )
    )
    lines = []
    for (bloc, award), group in groupby(rows, key=lambda r: (r[0], r[1])):
        line = SummaryLine(bloc=bloc or str(NO_BLOC), award=award)
        for *_, name, status in group:
            (line.awarded if status == Nomination.Status.AWARDED else line.proposed).append(name)
        lines.append(line)
    return lines


def statistics_lines(year: int) -> list[StatisticsLine]:
    """Every catalogue award with its awarded count for the year, zeros included; one query."""
    awarded = Q(nominations__year=year, nominations__status=Nomination.Status.AWARDED)
    types = AwardType.objects.annotate(
        collectives=Count("nominations", filter=awarded & Q(nominations__agency__isnull=False)),
        individuals=Count("nominations", filter=awarded & Q(nominations__person__isnull=False)),
    ).order_by("category", "precedence", "code")
    order = {AwardType.Category.TITLE: 0, AwardType.Category.COMMENDATION: 1}
    lines = [
        StatisticsLine(
            category=t.category,
            level=t.level,
            award=t.name,
            collectives=t.collectives,
            individuals=t.individuals,
        )
        for t in types
    ]
    return sorted(lines, key=lambda line: order.get(line.category, 2))


# Headers in the interface language, as the award list's (see awards.exports).
SUMMARY_HEADER = (
    pgettext_lazy("report column", "Emulation bloc"),
    pgettext_lazy("report column", "Award"),
    pgettext_lazy("report column", "Count"),
    pgettext_lazy("report column", "Awarded"),
    pgettext_lazy("report column", "Proposed"),
)
SUMMARY_WIDTHS = (40, 40, 10, 80, 80)
STATISTICS_HEADER = (
    pgettext_lazy("report column", "Category"),
    pgettext_lazy("report column", "Deciding level"),
    pgettext_lazy("report column", "Form"),
    pgettext_lazy("report column", "Total"),
    pgettext_lazy("report column", "Collectives"),
    pgettext_lazy("report column", "Individuals"),
)
STATISTICS_WIDTHS = (16, 22, 46, 10, 10, 10)


def summary_rows(lines: list[SummaryLine]) -> Iterator[tuple]:
    for line in lines:
        yield (line.bloc, line.award, line.count, "; ".join(line.awarded), "; ".join(line.proposed))


def statistics_rows(year: int, lines: list[StatisticsLine] | None = None) -> Iterator[tuple]:
    """The statutory table with the catalogue's labels in the interface language."""
    lines = statistics_lines(year) if lines is None else lines
    categories = {value: str(label) for value, label in AwardType.Category.choices}
    levels = {value: str(label) for value, label in AwardType.Level.choices}
    for line in lines:
        yield (
            categories.get(line.category, line.category),
            levels.get(line.level, line.level),
            line.award,
            line.total,
            line.collectives,
            line.individuals,
        )


def title_block(title: str, *, today: datetime.date | None = None) -> list[tuple]:
    """The rows above a sheet's table: its title, the issuer, the date of export."""
    today = today or datetime.date.today()
    who = issuer()
    return [
        (title,),
        (who.board,),
        (gettext("Province: %(province)s") % {"province": who.province},),
        (gettext("Exported on %(date)s") % {"date": f"{today:%d/%m/%Y}"},),
        (),
    ]


def report_sheets(year: int, *, today: datetime.date | None = None) -> list[Sheet]:
    """The yearly report as two worksheets for the XLSX download, each with a title
    block (the issuer, the year, the date of export) and a total row."""
    lines = summary_lines(year)
    statistics = statistics_lines(year)
    total = gettext("Total")
    return [
        Sheet(
            title=gettext("Summary %(year)s") % {"year": year},
            rows=summary_rows(lines),
            header=SUMMARY_HEADER,
            widths=SUMMARY_WIDTHS,
            preamble=title_block(
                gettext("Award summary by bloc and award, %(year)s") % {"year": year}, today=today
            ),
            footer=[(total, "", sum(line.count for line in lines), "", "")],
        ),
        Sheet(
            title=gettext("Statistics %(year)s") % {"year": year},
            rows=statistics_rows(year, statistics),
            header=STATISTICS_HEADER,
            widths=STATISTICS_WIDTHS,
            preamble=title_block(
                gettext("Statistics of awards by form and level, %(year)s") % {"year": year},
                today=today,
            ),
            footer=[
                (
                    total,
                    "",
                    "",
                    sum(s.total for s in statistics),
                    sum(s.collectives for s in statistics),
                    sum(s.individuals for s in statistics),
                )
            ],
        ),
    ]


def report_years() -> list[int]:
    """The years that have public nominations, newest first."""
    return list(
        Nomination.objects.public().order_by("-year").values_list("year_id", flat=True).distinct()
    )


def report_context(year: int) -> dict:
    """What the printable report page shows: the summary, the statistics and their totals."""
    statistics = statistics_lines(year)
    return {
        "year": year,
        "issuer": issuer(),
        "today": datetime.date.today(),
        "lines": summary_lines(year),
        "statistics": statistics,
        "totals": {
            "collectives": sum(s.collectives for s in statistics),
            "individuals": sum(s.individuals for s in statistics),
            "total": sum(s.total for s in statistics),
        },
    }
