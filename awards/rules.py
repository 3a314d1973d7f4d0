"""The one implementation of quotas and eligibility, read from the rule tables.

The admin (its forms, the nomination list, the checks page) and the write services
every save goes through call ``check_nomination`` or ``year_problems``; no rule is
written twice. (The public pages show no rule.) Rules are data
(awards.models.rules); this module only knows how each *kind* of rule is evaluated.

What counts as "held" in a year: an awarded nomination, and, for the nomination's own
year, also a proposed one (proposals of one meeting are decided together). Windows of
consecutive years end with the nomination's achievement year; a year with no record
breaks a chain and is named as missing.

An award whose override was recorded with a written reason has no open problem: the
board has weighed the warnings (a reason typed on a mere proposal closes nothing). A
bloc leads with the flag it proposes: when no rank is typed, the bloc's only proposal
for that flag in the year (of several, the one with the most votes) counts as first.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from awards.models import (
    AwardType,
    Bloc,
    ExclusionRule,
    Membership,
    Nomination,
    PrerequisiteRule,
    QuotaRule,
    TaskRating,
)
from awards.text import fold

ACTIVE = Nomination.PUBLIC_STATUSES  # nominations still standing


@dataclass(frozen=True)
class RuleProblem:
    """A broken rule, explained: which rule, on what legal basis, and which years are missing."""

    rule_kind: str  # "prerequisite", "exclusion" or "quota"
    rule_code: str
    rule_name: str
    legal_basis: str
    message: str
    missing_years: tuple[int, ...] = ()
    nomination_id: int | None = None
    bloc_id: int | None = None
    year: int | None = None

    def __str__(self):
        return f"{self.rule_name}: {self.message} ({self.legal_basis})"


@dataclass
class _History:
    """One nominee's record: award type ids held per year and the rating per year."""

    held: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    proposed: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    ratings: dict[int, str] = field(default_factory=dict)
    # (year, award_type_id) -> nomination ids, for exclusions
    active: dict[tuple[int, int], set[int]] = field(default_factory=lambda: defaultdict(set))

    def holds(self, year: int, award_ids: set[int], *, own_year: int) -> bool:
        got = self.held.get(year, set())
        if year == own_year:
            got = got | self.proposed.get(year, set())
        return bool(got & award_ids)


def _subject(nomination) -> tuple[str, int] | None:
    if nomination.agency_id:
        return ("agency", nomination.agency_id)
    if nomination.person_id:
        return ("person", nomination.person_id)
    return None


class _Rules:
    """All active rules, loaded once per check (a handful of rows)."""

    def __init__(self):
        self.prerequisites = list(
            PrerequisiteRule.objects.filter(active=True).prefetch_related("required_awards")
        )
        self.exclusions = list(
            ExclusionRule.objects.filter(active=True).prefetch_related("award_types")
        )
        self.quotas = list(QuotaRule.objects.filter(active=True).select_related("award_type"))
        self.award_names = dict(AwardType.objects.values_list("id", "name"))

    def max_window(self) -> int:
        return max([r.years or 1 for r in self.prerequisites] + [1])

    def names(self, ids: Iterable[int]) -> str:
        return ", ".join(sorted(self.award_names.get(i, str(i)) for i in ids))


class _Checker:
    """Evaluates rules for a set of nominations with bulk-loaded histories (no N+1)."""

    def __init__(self, nominations: list, rules: _Rules | None = None):
        self.rules = rules or _Rules()
        self.histories: dict[tuple[str, int], _History] = defaultdict(_History)
        self._quota_cache: dict[tuple, tuple[int, int | None]] = {}
        self._load(nominations)

    def _load(self, nominations: list) -> None:
        bloc_ids = {n.bloc_id for n in nominations if n.bloc_id}
        self.blocs = {b.pk: b for b in Bloc.objects.filter(pk__in=bloc_ids)} if bloc_ids else {}
        self._load_bloc_proposals(nominations)
        agencies = {n.agency_id for n in nominations if n.agency_id}
        people = {n.person_id for n in nominations if n.person_id}
        years = [int(n.year_id) for n in nominations if n.year_id]
        if not years or not (agencies or people):
            return
        start, end = min(years) - self.rules.max_window() - 50, max(years)
        who = Q(agency_id__in=agencies) | Q(person_id__in=people)
        rows = Nomination.objects.filter(who, status__in=ACTIVE, year_id__lte=end).values_list(
            "id", "agency_id", "person_id", "year_id", "award_type_id", "status"
        )
        for pk, agency_id, person_id, year, award_id, status in rows:
            key = ("agency", agency_id) if agency_id else ("person", person_id)
            history = self.histories[key]
            if status == Nomination.Status.AWARDED:
                history.held[year].add(award_id)
            else:
                history.proposed[year].add(award_id)
            history.active[(year, award_id)].add(pk)
        ratings = TaskRating.objects.filter(who, year_id__gte=start, year_id__lte=end)
        for agency_id, person_id, year, level in ratings.values_list(
            "agency_id", "person_id", "year_id", "level"
        ):
            key = ("agency", agency_id) if agency_id else ("person", person_id)
            self.histories[key].ratings[year] = level

    def _load_bloc_proposals(self, nominations: list) -> None:
        """The active nominations for "leads the bloc" awards in the blocs and years checked.

        Keyed by (bloc, year, award): (pk, votes, rank, name) rows, read in one query.
        """
        self.bloc_proposals: dict[tuple[int, int, int], list[tuple]] = defaultdict(list)
        leading = {
            r.award_type_id
            for r in self.rules.prerequisites
            if r.kind == PrerequisiteRule.Kind.LEADS_BLOC
        }
        pairs = {
            (n.bloc_id, int(n.year_id))
            for n in nominations
            if n.bloc_id and n.year_id and n.award_type_id in leading
        }
        if not pairs:
            return
        rows = Nomination.objects.filter(
            bloc_id__in={b for b, _y in pairs},
            year_id__in={y for _b, y in pairs},
            award_type_id__in=leading,
            status__in=ACTIVE,
        ).values_list("pk", "bloc_id", "year_id", "award_type_id", "votes", "rank", "nominee_name")
        for pk, bloc_id, year, award_id, votes, rank, name in rows:
            self.bloc_proposals[(bloc_id, year, award_id)].append((pk, votes, rank, name))

    def _bloc_leader(self, nomination, year: int, best: int):
        """Who leads the bloc for this award: (leads?, the name of the one that does).

        A typed rank within ``best`` leads; without one, the bloc's proposal with the
        most votes (the earliest on a tie) among those without a rank, if none is ranked.
        """
        others = [
            row
            for row in self.bloc_proposals.get(
                (nomination.bloc_id, year, nomination.award_type_id), []
            )
            if row[0] != nomination.pk
        ]
        if nomination.rank is not None:
            return nomination.rank <= best, ""
        ranked = [row for row in others if row[2] is not None and row[2] <= best]
        if ranked:
            return False, ranked[0][3]
        mine = (nomination.pk, nomination.votes, None, nomination.nominee_display)
        unranked = [row for row in others if row[2] is None] + [mine]
        first = min(unranked, key=lambda r: (-(r[1] or 0), r[0] is None, r[0] or 0))
        return first is mine, first[3]

    def check(self, nomination) -> list[RuleProblem]:
        if nomination.status not in ACTIVE or not nomination.award_type_id:
            return []
        subject = _subject(nomination)
        if subject is None or not nomination.year_id:
            return []
        year = int(nomination.year_id)
        history = self.histories[subject]
        problems = []
        for rule in self.rules.prerequisites:
            if self._prerequisite_applies(rule, nomination, year):
                problem = self._prerequisite(rule, nomination, year, history)
                if problem:
                    problems.append(problem)
        problems += self._exclusions(nomination, year, history)
        problems += self._quotas(nomination, year)
        return problems

    # prerequisites ----------------------------------------------------------------------

    def _prerequisite_applies(self, rule, nomination, year) -> bool:
        if rule.award_type_id != nomination.award_type_id or not rule.applies_to_year(year):
            return False
        if rule.recipients == "collective":
            return nomination.agency_id is not None
        if rule.recipients == "individual":
            return nomination.person_id is not None
        return True

    def _problem(self, rule, kind, nomination, year, message, missing=()):
        return RuleProblem(
            rule_kind=kind,
            rule_code=rule.code,
            rule_name=rule.name,
            legal_basis=rule.legal_basis,
            message=message,
            missing_years=tuple(sorted(missing)),
            nomination_id=nomination.pk,
            bloc_id=nomination.bloc_id,
            year=year,
        )

    def _year_ok(self, rule, history, y, own_year, required) -> bool:
        if required and history.holds(y, required, own_year=own_year):
            return True
        level = history.ratings.get(y)
        return bool(rule.min_rating and level and TaskRating.at_least(level, rule.min_rating))

    def _what(self, rule, required) -> str:
        parts = []
        if required:
            parts.append(self.rules.names(required))
        if rule.min_rating:
            parts.append(
                _("a rating of at least “%(level)s”")
                % {"level": TaskRating.Level(rule.min_rating).label}
            )
        return _(" or ").join(parts)

    def _prerequisite(self, rule, nomination, year, history) -> RuleProblem | None:
        required = {a.pk for a in rule.required_awards.all()}
        kind = rule.kind
        if kind == PrerequisiteRule.Kind.HELD_BEFORE:
            if any(history.holds(y, required, own_year=year) for y in history.held if y < year):
                return None
            message = _("No earlier %(awards)s is recorded before %(year)s.") % {
                "awards": self.rules.names(required),
                "year": year,
            }
            return self._problem(rule, "prerequisite", nomination, year, message)
        if kind == PrerequisiteRule.Kind.HELD_SAME_YEAR:
            if history.holds(year, required, own_year=year):
                return None
            message = _("%(awards)s is not recorded for %(year)s.") % {
                "awards": self.rules.names(required),
                "year": year,
            }
            return self._problem(rule, "prerequisite", nomination, year, message, [year])
        if kind in (PrerequisiteRule.Kind.CHAIN, PrerequisiteRule.Kind.COUNT):
            window = range(year - rule.years + 1, year + 1)
            missing = [y for y in window if not self._year_ok(rule, history, y, year, required)]
            params = {
                "n": rule.years,
                "what": self._what(rule, required),
                "start": window[0],
                "end": year,
                "missing": ", ".join(str(y) for y in missing),
            }
            if kind == PrerequisiteRule.Kind.CHAIN:
                if not missing:
                    return None
                message = (
                    _(
                        "Needs %(n)s consecutive years (%(start)s–%(end)s) with %(what)s; "
                        "missing: %(missing)s."
                    )
                    % params
                )
                return self._problem(rule, "prerequisite", nomination, year, message, missing)
            found = rule.years - len(missing)
            if found >= rule.min_count:
                return None
            params.update(k=rule.min_count, found=found)
            message = (
                _(
                    "Needs %(k)s of the %(n)s years %(start)s–%(end)s with %(what)s; "
                    "found %(found)s, years without: %(missing)s."
                )
                % params
            )
            return self._problem(rule, "prerequisite", nomination, year, message, missing)
        if kind == PrerequisiteRule.Kind.LEADS_BLOC:
            best = rule.min_count or 1
            if not nomination.bloc_id:
                message = _("Not proposed by a bloc, so it cannot lead one.")
                return self._problem(rule, "prerequisite", nomination, year, message, [year])
            leads, leader = self._bloc_leader(nomination, year, best)
            if leads:
                return None
            if nomination.rank is None:
                message = _(
                    "Its rank in the bloc for %(year)s is not recorded, and %(leader)s "
                    "is proposed first."
                ) % {"year": year, "leader": leader}
            else:
                message = _("Ranked %(rank)s in its bloc in %(year)s, not first.") % {
                    "rank": nomination.rank,
                    "year": year,
                }
            return self._problem(rule, "prerequisite", nomination, year, message, [year])
        return None

    # exclusions -------------------------------------------------------------------------

    def _exclusions(self, nomination, year, history) -> list[RuleProblem]:
        problems = []
        for rule in self.rules.exclusions:
            ids = {a.pk for a in rule.award_types.all()}
            if nomination.award_type_id not in ids or not rule.applies_to_year(year):
                continue
            others = {
                award_id
                for (y, award_id), pks in history.active.items()
                if y == year
                and award_id in ids
                and award_id != nomination.award_type_id
                and pks - {nomination.pk}
            }
            if others:
                message = _("Also holds or is proposed for %(awards)s in %(year)s.") % {
                    "awards": self.rules.names(others),
                    "year": year,
                }
                problems.append(self._problem(rule, "exclusion", nomination, year, message))
        return problems

    # quotas -----------------------------------------------------------------------------

    def _quotas(self, nomination, year) -> list[RuleProblem]:
        if not nomination.bloc_id:
            return []
        problems = []
        for rule in self.rules.quotas:
            if rule.award_type_id != nomination.award_type_id or not rule.applies_to_year(year):
                continue
            bloc = self.blocs.get(nomination.bloc_id) or nomination.bloc
            if rule.bloc_id and rule.bloc_id != bloc.pk:
                continue
            if rule.organiser and fold(rule.organiser) != fold(bloc.organiser):
                continue
            count, limit = self._quota_figures(rule, bloc, year)
            if nomination.pk is None:  # an unsaved proposal adds itself to the count
                count += 1
            if limit is not None and count > limit:
                where = bloc.name if rule.scope == QuotaRule.Scope.BLOC else bloc.organiser
                message = _(
                    "%(where)s proposes %(count)s × %(award)s for %(year)s; the quota is %(limit)s."
                ) % {
                    "where": where,
                    "count": count,
                    "award": rule.award_type.name,
                    "year": year,
                    "limit": limit,
                }
                problems.append(self._problem(rule, "quota", nomination, year, message))
        return problems

    def _quota_figures(self, rule, bloc, year) -> tuple[int, int | None]:
        key = (rule.pk, bloc.pk if rule.scope == QuotaRule.Scope.BLOC else bloc.organiser, year)
        if key not in self._quota_cache:
            if rule.scope == QuotaRule.Scope.BLOC:
                where = Q(bloc=bloc)
                members = Membership.objects.filter(bloc=bloc, year_id=year)
            else:
                where = Q(bloc__organiser=bloc.organiser)
                members = Membership.objects.filter(bloc__organiser=bloc.organiser, year_id=year)
            in_year = Nomination.objects.filter(where, year_id=year, status__in=ACTIVE)
            count = in_year.filter(award_type_id=rule.award_type_id).count()
            limits = []
            if rule.max_count is not None:
                limits.append(rule.max_count)
            if rule.max_share is not None:
                if rule.share_of_id:
                    base = in_year.filter(award_type_id=rule.share_of_id).count()
                else:
                    base = members.count()
                limits.append(math.floor(base * rule.max_share))
            self._quota_cache[key] = (count, min(limits) if limits else None)
        return self._quota_cache[key]


def overridden(nomination) -> bool:
    """The board awarded it anyway and wrote why: its warnings are closed."""
    return nomination.status == Nomination.Status.AWARDED and bool(
        (nomination.override_reason or "").strip()
    )


def check_nomination(nomination, *, open_only: bool = False) -> list[RuleProblem]:
    """Every rule this nomination (saved or not) breaks, each explaining itself.

    ``open_only`` leaves out an overridden award's problems (for warnings shown to staff);
    the services ask for all, to know whether an override reason is needed.
    """
    if open_only and overridden(nomination):
        return []
    return _Checker([nomination]).check(nomination)


def check_nominations(nominations, *, open_only: bool = False) -> dict[int | None, list]:
    """Problems of many nominations at once, keyed by pk: for list columns and previews."""
    nominations = list(nominations)
    checker = _Checker(nominations)
    result: dict = {}
    for n in nominations:
        found = [] if open_only and overridden(n) else checker.check(n)
        result.setdefault(n.pk, []).extend(found)
    return result


def year_problems(year: int, *, blocs=None) -> list[RuleProblem]:
    """Every open problem of a year (active nominations), optionally only for some blocs.

    A quota excess is listed once per rule and bloc, not once per nomination.
    """
    qs = Nomination.objects.filter(year_id=year, status__in=ACTIVE).select_related(
        "bloc", "award_type"
    )
    if blocs is not None:
        qs = qs.filter(bloc__in=blocs)
    nominations = list(qs.order_by("bloc__name", "award_type__precedence", "nominee_name"))
    checker = _Checker(nominations)
    problems, seen_quota = [], set()
    for n in nominations:
        if overridden(n):
            continue  # weighed by the board when it decided
        for problem in checker.check(n):
            if problem.rule_kind == "quota":
                key = (problem.rule_code, problem.message)
                if key in seen_quota:
                    continue
                seen_quota.add(key)
            problems.append(problem)
    return problems
