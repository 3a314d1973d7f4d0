"""Names in an article → existing agencies, blocs and award types, each saying how.

The order is the one staff would follow by hand: the exact name in force at the
article's date, a registered alias, the folded form, the form with abbreviations
written out (awards.abbreviations), then a fuzzy match (rapidfuzz). Anything else
is proposed as a new agency and flagged for review.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import DatabaseError
from django.utils.translation import gettext_lazy as _

from awards.abbreviations import expand
from awards.text import fold, match_key, normalize

FUZZY_CUTOFF = 90.0
HOW_LABELS = {
    "exact": _("exact name"),
    "former": _("a name it had then"),
    "alias": _("alias"),
    "folded": _("same name, other spelling"),
    "abbreviation": _("abbreviation written out"),
    "fuzzy": _("close spelling"),
    "chosen": _("chosen by staff"),
    "code": _("catalogue code"),
    "new": _("new, to be created"),
    "unresolved": _("not resolved"),
}


@dataclass
class Resolution:
    """What a name resolved to, and how (one of HOW_LABELS)."""

    text: str
    how: str
    pk: int | None = None
    label: str | None = None
    score: float | None = None

    @property
    def is_new(self) -> bool:
        return self.pk is None

    @property
    def how_label(self) -> str:
        return str(HOW_LABELS.get(self.how, self.how))

    def as_dict(self) -> dict:
        return {"how": self.how, "id": self.pk, "name": self.label, "score": self.score}


def no_word_swapped(text: str, candidate: str, *, word_cutoff: float = 75.0) -> bool:
    """A close spelling may mend a typo or add a word, never put one name for another.

    "UBND huyện Tiên Yên" and "UBND huyện Tiên Du" score above the fuzzy cutoff,
    yet the word that differs is the whole identity: refuse when a word of the
    text has no close counterpart among the candidate's own differing words.
    """
    from rapidfuzz import fuzz

    words, others = text.split(), candidate.split()
    left = [w for w in words if w not in others]
    right = [w for w in others if w not in words]
    if not left or not right:
        return True  # one name only adds words to the other ("tỉnh", the province)
    return all(max(fuzz.ratio(w, o) for o in right) >= word_cutoff for w in left)


@dataclass
class _Entry:
    pk: int
    label: str
    name: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    province: str = ""

    def valid_on(self, day: dt.date | None) -> bool:
        from awards.models.base import in_force

        return day is None or in_force(self.valid_from, self.valid_to, day)


class _Index:
    """All names of one kind of thing, keyed four ways, loaded once per article."""

    def __init__(self, entries: list[_Entry], aliases: list[tuple[str, int, str]]):
        self.entries = entries
        self.exact: dict[str, list[_Entry]] = {}
        self.folded: dict[str, list[_Entry]] = {}
        self.expanded: dict[str, list[_Entry]] = {}
        for e in entries:
            self.exact.setdefault(normalize(e.name), []).append(e)
            self.folded.setdefault(match_key(e.name), []).append(e)
            self.expanded.setdefault(expand(e.name), []).append(e)
        self.aliases = {folded: (pk, label) for folded, pk, label in aliases}
        self._choices = list(self.expanded)

    @staticmethod
    def _pick(cands: list[_Entry], day, province) -> tuple[_Entry, bool] | None:
        """Prefer a name valid on the day and an agency of the article's province."""
        if not cands:
            return None
        prov = fold(province) if province else ""
        ranked = sorted(
            cands,
            key=lambda e: (not e.valid_on(day), bool(prov) and fold(e.province) != prov),
        )
        best = ranked[0]
        return best, best.valid_on(day)

    def resolve(self, text: str, *, day=None, province=None, fuzzy_scorer=None) -> Resolution:
        text = normalize(text)
        if not text:
            return Resolution(text, "unresolved")
        for how, key, table in (
            ("exact", text, self.exact),
            ("folded", match_key(text), self.folded),
        ):
            got = self._pick(table.get(key, []), day, province)
            if got:
                entry, valid = got
                kind = how if valid or how != "exact" else "former"
                return Resolution(text, kind, entry.pk, entry.label)
        alias = self.aliases.get(fold(text))
        if alias:
            return Resolution(text, "alias", alias[0], alias[1])
        got = self._pick(self.expanded.get(expand(text), []), day, province)
        if got:
            return Resolution(text, "abbreviation", got[0].pk, got[0].label)
        if self._choices:
            from rapidfuzz import fuzz, process

            found = process.extractOne(
                expand(text),
                self._choices,
                scorer=fuzzy_scorer or fuzz.ratio,
                score_cutoff=FUZZY_CUTOFF,
            )
            if found and no_word_swapped(expand(text), found[0]):
                got = self._pick(self.expanded[found[0]], day, province)
                return Resolution(text, "fuzzy", got[0].pk, got[0].label, round(found[1], 1))
        return Resolution(text, "new")

    def candidates(self, text: str, *, limit: int = 5) -> list[tuple[int, str, float]]:
        """The closest names by rapidfuzz, one row per record: (pk, label, score), best first."""
        if not self._choices or not text:
            return []
        from rapidfuzz import fuzz, process

        out: dict[int, tuple[int, str, float]] = {}
        for key, score, _i in process.extract(
            expand(normalize(text)), self._choices, scorer=fuzz.WRatio, limit=limit * 3
        ):
            for e in self.expanded[key]:
                if e.pk not in out and score >= 50:
                    out[e.pk] = (e.pk, e.label, round(score, 1))
        return sorted(out.values(), key=lambda c: -c[2])[:limit]


class Resolver:
    """Resolves names against the database; degrades to "unresolved" when it is unavailable."""

    def __init__(self):
        self.available = True
        self.error: str | None = None
        try:
            self.agencies = self._agency_index()
            self.blocs = self._bloc_index()
            self.award_types = self._award_types()
        except DatabaseError as exc:  # no tables yet (a dry run on an empty database)
            self.available = False
            self.error = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
            self.agencies = self.blocs = None
            self.award_types = {}

    @staticmethod
    def _names_index(model, name_model, owner: str, place: str) -> _Index:
        """Every current and former name of agencies (or blocs), and their aliases."""
        from awards.models import Alias

        key = f"{owner}_id"
        owners = {o.pk: o for o in model.objects.only("pk", "name", place)}
        entries = [
            _Entry(o.pk, o.name, o.name, None, None, getattr(o, place)) for o in owners.values()
        ]
        for row in name_model.objects.values(key, "name", "valid_from", "valid_to"):
            found = owners.get(row[key])
            if found:
                entries.append(
                    _Entry(
                        found.pk,
                        found.name,
                        row["name"],
                        row["valid_from"],
                        row["valid_to"],
                        getattr(found, place),
                    )
                )
        aliases = [
            (a["folded"], a[key], owners[a[key]].name)
            for a in Alias.objects.filter(**{f"{owner}__isnull": False}).values("folded", key)
            if a[key] in owners
        ]
        return _Index(entries, aliases)

    @classmethod
    def _agency_index(cls) -> _Index:
        from awards.models import Agency, AgencyName

        return cls._names_index(Agency, AgencyName, "agency", "province")

    @classmethod
    def _bloc_index(cls) -> _Index:
        from awards.models import Bloc, BlocName

        return cls._names_index(Bloc, BlocName, "bloc", "organiser")

    @staticmethod
    def _award_types() -> dict[str, tuple[int, str]]:
        from awards.models import AwardType

        return {
            code: (pk, name)
            for pk, code, name in AwardType.objects.values_list("pk", "code", "name")
        }

    def agency(self, text: str | None, *, day=None, province=None) -> Resolution:
        if not text:
            return Resolution("", "unresolved")
        if not self.available:
            return Resolution(text, "unresolved")
        return self.agencies.resolve(text, day=day, province=province)

    def agency_candidates(self, text: str | None, *, limit: int = 5) -> list:
        """Agencies staff may pick for a row: the closest names first (empty without a database)."""
        if not text or not self.available:
            return []
        return self.agencies.candidates(text, limit=limit)

    def bloc(self, text: str | None, *, day=None, province=None) -> Resolution:
        if not text:
            return Resolution("", "unresolved")
        if not self.available:
            return Resolution(text, "unresolved")
        from rapidfuzz import fuzz

        # an article often adds the province to the bloc's name ("... tỉnh Thanh Hóa")
        res = self.blocs.resolve(
            text, day=day, province=province, fuzzy_scorer=fuzz.token_set_ratio
        )
        return res

    def award_type(self, code: str) -> Resolution:
        found = self.award_types.get(code)
        if not found:
            return Resolution(code, "unresolved")
        return Resolution(code, "code", found[0], found[1])


def venue_name(venue: str | None) -> str | None:
    """The host agency inside a venue ("Hội trường UBND huyện X" → "UBND huyện X")."""
    if not venue:
        return None
    for prefix in ("hội trường ", "trụ sở ", "phòng họp ", "hội trường của "):
        if venue.lower().startswith(prefix):
            return venue[len(prefix) :].strip() or None
    return venue


def resolve_article(article, resolver: Resolver | None = None) -> dict:
    """Resolve every name of an extracted article; returns the resolutions by role."""
    resolver = resolver or Resolver()
    day = None
    if article.meeting_date:
        day = dt.date.fromisoformat(article.meeting_date)
    elif article.award_year:
        day = dt.date(article.award_year, 12, 31)
    province = article.province
    host = venue_name(article.venue)
    return {
        "available": resolver.available,
        "error": resolver.error,
        "bloc": resolver.bloc(article.bloc, day=day, province=province),
        "venue": resolver.agency(host, day=day, province=province) if host else None,
        "nominations": [
            None
            if n.kind == "individual"
            else resolver.agency(n.nominee, day=day, province=province)
            for n in article.nominations
        ],
        "award_types": [resolver.award_type(n.award) for n in article.nominations],
        "leaders": [resolver.agency(x.agency, day=day, province=province) for x in article.leaders],
        # a leader of another bloc than the article's (a notice naming several): that bloc
        "leader_blocs": [
            resolver.bloc(x.bloc, day=day, province=province) if x.bloc else None
            for x in article.leaders
        ],
    }
