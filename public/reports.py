"""The yearly summary: per bloc and award the counts and names, and the statutory statistics.

Both read only public nominations (proposed and awarded). The statistics follow
form 0602 of Circular 02/2023/TT-BNV: the number of awards by form (emulation
title or form of commendation) and deciding level, collectives and individuals
apart; only awarded nominations count there, since a proposal is not an award.
The exact row layout of the form is to be checked against the circular.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count, F, Q
from django.utils import translation

from awards.exports import Sheet
from awards.models import AwardType, Nomination

NO_BLOC = "Không thuộc khối/cụm"


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
        line = SummaryLine(bloc=bloc or NO_BLOC, award=award)
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


# Files are in Vietnamese whatever the interface language (see awards.exports).
SUMMARY_HEADER = (
    "Khối/Cụm thi đua",
    "Hình thức khen thưởng",
    "Số lượng",
    "Đã khen thưởng",
    "Đề nghị",
)
SUMMARY_WIDTHS = (40, 40, 10, 80, 80)
STATISTICS_HEADER = ("Loại", "Cấp quyết định", "Hình thức", "Tổng số", "Tập thể", "Cá nhân")
STATISTICS_WIDTHS = (16, 22, 46, 10, 10, 10)


def summary_rows(lines: list[SummaryLine]) -> Iterator[tuple]:
    for line in lines:
        yield (line.bloc, line.award, line.count, "; ".join(line.awarded), "; ".join(line.proposed))


def statistics_rows(year: int) -> Iterator[tuple]:
    """The statutory table with the catalogue's Vietnamese labels, whatever the interface's."""
    lines = statistics_lines(year)
    with translation.override("vi"):
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


def report_sheets(year: int) -> list[Sheet]:
    """The yearly report as two worksheets, for the XLSX download."""
    return [
        Sheet(
            title=f"Tổng hợp {year}",
            rows=summary_rows(summary_lines(year)),
            header=SUMMARY_HEADER,
            widths=SUMMARY_WIDTHS,
        ),
        Sheet(
            title=f"Thống kê {year}",
            rows=statistics_rows(year),
            header=STATISTICS_HEADER,
            widths=STATISTICS_WIDTHS,
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
        "lines": summary_lines(year),
        "statistics": statistics,
        "totals": {
            "collectives": sum(s.collectives for s in statistics),
            "individuals": sum(s.individuals for s in statistics),
            "total": sum(s.total for s in statistics),
        },
    }
