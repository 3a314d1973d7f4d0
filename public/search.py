"""The public search: agencies, blocs, people and award types from what a reader types.

A query is read in three steps, the same on every database:

1. **Words.** The query's ``match_key`` words ("&" as "va", no marks), with its
   abbreviations written out (``awards.abbreviations.expand``: "SCT" → "so cong
   thuong"). Every word must begin a word somewhere in a row's ``search_text`` —
   its names, former names and aliases, its province and its blocs
   (``awards.models.base.compose_search_text``, which also stores each name with its
   abbreviations written out, so both ways meet) — in any order.
2. **Filters.** A year ("2019") and an award of the catalogue named by its name,
   short name or a spelling in the wild ("co thi dua chinh phu") are taken out of
   the words and become filters: the page then shows those awards, narrowed to the
   agencies and people the remaining words name.
3. **Typos.** When nothing matches, each word found in no name is replaced by the
   nearest word of the register's vocabulary (rapidfuzz, optimal string alignment
   distance), and the search runs again; when still nothing matches, the closest
   names are offered ("Did you mean …").

The database filters (``LIKE`` on word starts, which PostgreSQL's trigram indexes
of migration 0003 serve) and returns at most ``CANDIDATES`` rows in a coarse order;
Python ranks them (``rank_key``): typo forgiveness and ranking in Python give the
same results on SQLite and PostgreSQL, measured by ``benchmarks/search_quality.py``.
"""

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.db.models import (
    Case,
    Count,
    IntegerField,
    Lookup,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Length
from django.http import QueryDict
from django.urls import reverse
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from awards.abbreviations import ABBREVIATIONS, expand
from awards.models import Agency, AgencyName, AwardType, Bloc, Nomination, Person
from awards.models.base import search_names
from awards.text import fold, match_key
from public.caching import lookup
from public.tables import Links, record_rows

# "&" and "và" both become "va" in a match key; stored text may have either, so skip it.
STOPWORDS = frozenset({"va"})
# Left out when matching an award's name: "cờ thi đua (của) Chính phủ".
AWARD_FILLERS = frozenset({"cua", "va"})
MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
# Rows fetched per kind for ranking in Python; more than a page, few enough to rank.
CANDIDATES = 100
AWARD_ROWS = 10
SUGGESTIONS = 5
# The result kinds, in the page's order when they answer the query equally well.
KINDS = ("awards", "agencies", "blocs", "people", "award_types")
YEAR = re.compile(r"^(19[4-9]\d|20\d\d|2100)$")


@TextField.register_lookup
class FoldedLike(Lookup):
    """``LIKE`` with a pattern built here from match-key words (a-z, 0-9: nothing to escape)."""

    lookup_name = "folded_like"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} LIKE {rhs}", [*lhs_params, *rhs_params]


# --- reading the query -------------------------------------------------------------------


def _words(text: str) -> list[str]:
    words = text.split()
    return [w for w in words if w not in STOPWORDS] or words


def forms(text: str) -> list[list[str]]:
    """The word lists a query may mean: as typed and with abbreviations written out."""
    found = []
    for form in dict.fromkeys((expand(text), match_key(text))):
        words = _words(form)[:MAX_WORDS]
        if words and words not in found:
            found.append(words)
    return found


def word_q(word: str, field: str = "search_text") -> Q:
    """``word`` begins a word of the folded column (lines are split by "\\n", words by " ")."""
    return reduce(
        or_,
        (Q(**{f"{field}__folded_like": p}) for p in (f"{word}%", f"% {word}%", f"%\n{word}%")),
    )


def text_q(query: str | list[list[str]], field: str = "search_text") -> Q | None:
    """Rows whose folded column has every word of one form of ``query``; None when empty."""
    word_lists = forms(query[:MAX_QUERY_LENGTH]) if isinstance(query, str) else query
    if not word_lists:
        return None
    return reduce(or_, (reduce(and_, (word_q(w, field) for w in ws)) for ws in word_lists))


def matching(queryset: QuerySet, query: str) -> QuerySet:
    """``queryset`` narrowed to rows whose search text matches, unordered (for subqueries)."""
    condition = text_q(query)
    return queryset.none() if condition is None else queryset.filter(condition)


# --- the catalogue and the vocabulary, cached with the pages ----------------------------


@dataclass(frozen=True)
class AwardPhrase:
    code: str
    name: str
    words: tuple[str, ...]


def award_phrases() -> list[AwardPhrase]:
    """Every way the catalogue names an award, as words (fillers out), longest first."""

    def compute():
        phrases = []
        for code, name, short, spellings in AwardType.objects.values_list(
            "code", "name", "short_name", "spellings"
        ):
            for text in {name, short, *(spellings or [])}:
                words = tuple(w for w in expand(text).split() if w not in AWARD_FILLERS)
                if words:
                    phrases.append(AwardPhrase(code, name, words))
        return sorted(set(phrases), key=lambda p: (-len(p.words), p.code))

    return lookup("search-award-phrases", compute)


def _typo_limit(word: str) -> int:
    return 1 if len(word) <= 5 else 2


@dataclass
class Vocabulary:
    """Every word of the register's names with how often it occurs, which agencies, blocs
    and people hold it (``rows``: all their words; ``named``: the words of their names),
    to check a correction against, and their names for "Did you mean"."""

    counts: dict[str, int]
    words: list[str]  # sorted, for prefix look-ups
    rows: dict[str, frozenset]  # word → ids of the rows holding it
    named: dict[str, frozenset]  # word → ids of the rows whose names hold it
    names: list[tuple[str, str, str]]  # (folded name, name, url) of agencies, blocs, people

    def _starting(self, prefix: str) -> list[str]:
        i = bisect.bisect_left(self.words, prefix)
        found = []
        while i < len(self.words) and self.words[i].startswith(prefix):
            found.append(self.words[i])
            i += 1
        return found

    def holders(self, word: str, index: dict | None = None) -> frozenset:
        """Ids of the rows with a word that ``word`` begins (as the database matches)."""
        index = self.rows if index is None else index
        return frozenset().union(*(index.get(w, ()) for w in self._starting(word)))

    def knows(self, word: str) -> bool:
        """Whether ``word`` begins some word of the register."""
        i = bisect.bisect_left(self.words, word)
        return i < len(self.words) and self.words[i].startswith(word)

    def near(self, word: str) -> list[tuple[str, int]]:
        """(known word, edits) within a typo of ``word`` (a swap is one edit), nearest first."""
        found = process.extract(
            word, self.words, scorer=OSA.distance, score_cutoff=_typo_limit(word), limit=None
        )
        found = [(w, d) for w, d, _i in found if w != word]
        return sorted(found, key=lambda f: (f[1], -self.counts[f[0]], f[0]))

    def nearest(self, word: str) -> str | None:
        """The closest known word: fewest edits, then the most frequent."""
        found = self.near(word)
        return found[0][0] if found else None

    def _holding_all(self, words: list[str]) -> frozenset | None:
        """Ids of the rows holding every word; None when there are no words."""
        words = _words(" ".join(words))
        sets = sorted((self.holders(w) for w in words), key=len)
        return sets[0].intersection(*sets[1:]) if sets else None

    def finds(self, words: list[str]) -> bool:
        """Whether one agency, bloc or person has every word (as the database would say)."""
        return bool(self._holding_all(words))

    def fix_one(self, words: list[str]) -> list[str] | None:
        """``words`` with the one word replaced that makes some row hold them all, if any:
        the nearest replacement, then one found in those rows' names ("dao tai" → "dao tao",
        not "thi" of the bloc's name), then the one most rows agree with, then the length
        typed ("tran van duk" → "duc", not "du")."""
        best = None
        for i, word in enumerate(words):
            if word in STOPWORDS or word.isdigit():
                continue
            rows = self._holding_all(words[:i] + words[i + 1 :])
            if rows is not None and not rows:
                continue
            for candidate, edits in self.near(word):
                holders = self.exact(candidate)
                agree = len(holders if rows is None else holders & rows)
                if not agree:
                    continue
                named = self.exact(candidate, self.named)
                in_names = len(named if rows is None else named & rows)
                length = abs(len(candidate) - len(word))
                key = (edits, -in_names, -agree, length, -self.counts[candidate])
                if best is None or key < best[0]:
                    best = (key, i, candidate)
        if best is None:
            return None
        _key, i, candidate = best
        return [*words[:i], candidate, *words[i + 1 :]]

    def exact(self, word: str, index: dict | None = None) -> frozenset:
        """Ids of the rows holding ``word`` itself (a candidate is a whole known word)."""
        return (self.rows if index is None else index).get(word, frozenset())


def vocabulary() -> Vocabulary:
    def compute():
        counts: Counter = Counter()
        rows, named, names = defaultdict(set), defaultdict(set), []
        links = Links()

        def add(words: set, name_words: set) -> None:
            row = len(names)
            counts.update(words)
            for word in words:
                rows[word].add(row)
            for word in name_words:
                named[word].add(row)

        for model, pattern in ((Agency, links.agency), (Bloc, links.bloc)):
            for name, slug, text in model.objects.values_list("name", "slug", "search_text"):
                in_names = " ".join(expand(n) for n in search_names(text))
                add(set(match_key(text).split()), set(in_names.split()))
                names.append((match_key(name), name, links.join(pattern, slug)))
        for name, slug, text in Person.objects.values_list("full_name", "slug", "search_text"):
            words = set(match_key(text).split())
            add(words, words)
            names.append((match_key(name), name, links.join(links.person, slug)))
        for phrase in award_phrases():
            counts.update(phrase.words)
        counts.update(w for short in ABBREVIATIONS for w in match_key(short).split())
        freeze = lambda index: {w: frozenset(ids) for w, ids in index.items()}  # noqa: E731
        return Vocabulary(dict(counts), sorted(counts), freeze(rows), freeze(named), names)

    return lookup("search-vocabulary", compute)


def corrected_words(words: list[str], vocab: Vocabulary) -> list[str]:
    """``words`` with each unknown one replaced by its nearest known word, when there is one."""
    fixed = []
    for word in words:
        if word.isdigit() or vocab.knows(word):
            fixed.append(word)
        else:
            fixed.append(vocab.nearest(word) or word)
    return fixed


def corrected_query(key: str, vocab: Vocabulary) -> str:
    """The query as the reader probably meant it (``key`` itself when no fix helps).

    First one word changed so that some row has them all (a typo among known words
    too: "dao tai" → "dao tao"); else every unknown word replaced by its nearest
    known word, then, if that still finds nothing, one more word changed.
    """
    words = key.split()[: MAX_WORDS * 2]

    def rebuilt(understood: Understood, names: list[str]) -> str:
        filters = list(understood.award.words) if understood.award else []
        return " ".join(names + filters + ([str(understood.year)] if understood.year else []))

    understood = understand(key)
    if understood.words and len(understood.words) <= MAX_WORDS // 2:
        if vocab.finds(understood.words):
            return key
        fixed = vocab.fix_one(understood.words)
        if fixed:
            return rebuilt(understood, fixed)
    text = " ".join(corrected_words(words, vocab))
    understood = understand(text)
    if (
        understood.words
        and len(understood.words) <= MAX_WORDS // 2
        and not vocab.finds(understood.words)
    ):
        fixed = vocab.fix_one(understood.words)
        if fixed:
            return rebuilt(understood, fixed)
    return text


# --- understanding filters --------------------------------------------------------------


@dataclass
class Understood:
    """A query split into filters (a year, an award) and the words that name someone."""

    words: list[str]
    year: int | None = None
    award: AwardPhrase | None = None

    @property
    def has_filters(self) -> bool:
        return self.year is not None or self.award is not None


def understand(text: str) -> Understood:
    """Take a year and the longest award name out of the (expanded) words of ``text``."""
    words = expand(text).split()[: MAX_WORDS * 2]
    year = None
    for i, word in enumerate(words):
        if YEAR.match(word):
            year = int(word)
            # "năm 2019": the word "year" goes with it.
            del words[i - 1 if i and words[i - 1] == "nam" else i : i + 1]
            break
    award = None
    kept = [(i, w) for i, w in enumerate(words) if w not in AWARD_FILLERS]
    plain = [w for _i, w in kept]
    for phrase in award_phrases():
        n = len(phrase.words)
        for start in range(len(plain) - n + 1):
            if tuple(plain[start : start + n]) == phrase.words:
                first, last = kept[start][0], kept[start + n - 1][0]
                words = words[:first] + words[last + 1 :]
                award = phrase
                break
        if award:
            break
    return Understood(words, year, award)


# --- ranking ----------------------------------------------------------------------------


def _covers(query_word: str, line_words: list[str]) -> bool:
    return any(w.startswith(query_word) for w in line_words)


def rank_key(names: list[str], word_lists: list[list[str]], current: str):
    """How well one row's names answer the query, smaller first.

    Most query words within one name, then that name equal to / starting with the
    query, then the fewest other words in it, then the current name before others.
    """
    best = None
    current_key = match_key(current)
    lines = list(dict.fromkeys(f for n in names for f in (match_key(n), expand(n))))
    for ws in word_lists:
        phrase = " ".join(ws)
        for line in lines:
            line_words = _words(line)
            covered = sum(_covers(w, line_words) for w in ws)
            joined = " ".join(line_words)
            exact = 0 if joined == phrase else 1 if joined.startswith(phrase) else 2
            key = (
                -covered,
                exact,
                len(line_words) - covered,
                line not in (current_key, expand(current_key)),
                len(current),
            )
            best = key if best is None or key < best else best
    return best


def _coarse(queryset: QuerySet, word_lists: list[list[str]], name_field: str) -> QuerySet:
    """A database order good enough to keep the best rows among the first ``CANDIDATES``."""
    whens = []
    for ws in word_lists:
        phrase = " ".join(ws)
        whens.append(When(search_text__startswith=phrase, then=Value(0)))
        whens.append(When(search_text__contains=phrase, then=Value(1)))
    return queryset.annotate(
        phrase_rank=Case(*whens, default=Value(2), output_field=IntegerField())
    ).order_by("phrase_rank", Length(name_field), "pk")


def _search(queryset, word_lists, *, name_field, names_of, limit):
    """The best ``limit`` rows, whether there were more, and the best row's rank key."""
    condition = text_q(word_lists)
    if condition is None:
        return [], False, None
    rows = list(_coarse(queryset.filter(condition), word_lists, name_field)[:CANDIDATES])
    keys = {r.pk: rank_key(names_of(r), word_lists, getattr(r, name_field)) for r in rows}
    rows.sort(key=lambda r: keys[r.pk])
    return rows[:limit], len(rows) > limit, keys[rows[0].pk] if rows else None


# --- the results --------------------------------------------------------------------------


@dataclass
class AgencyHit:
    name: str
    url: str
    province: str
    kind: str
    former: list[str] = field(default_factory=list)
    award_count: int = 0
    latest_year: int | None = None
    latest_award: str = ""


@dataclass
class AwardsHit:
    """The awards a query named by award and/or year, narrowed by its other words."""

    award_name: str
    award_url: str
    year: int | None
    rows: list
    count: int
    list_url: str


@dataclass
class SearchResults:
    """Results by kind; ``groups`` names the kinds found, the best answer first."""

    query: str
    agencies: list = field(default_factory=list)
    blocs: list = field(default_factory=list)
    people: list = field(default_factory=list)
    award_types: list = field(default_factory=list)
    awards: AwardsHit | None = None
    corrected: str = ""
    suggestions: list = field(default_factory=list)
    more: frozenset = frozenset()
    groups: list = field(default_factory=list)

    @property
    def first(self):
        """The first result the page shows (for the benchmark): (kind, name)."""
        for kind in self.groups:
            if kind == "awards":
                return kind, self.awards.award_name or str(self.awards.year)
            item = getattr(self, kind)[0]
            name = item[0] if kind == "award_types" else getattr(item, "full_name", None)
            return kind, name or item.name
        return None

    @property
    def empty(self) -> bool:
        return not (self.agencies or self.blocs or self.people or self.award_types or self.awards)


def _agency_hits(agencies: list[Agency]) -> list[AgencyHit]:
    """Province, kind, awards and the latest award of each agency found: one query (two with
    former names, only when one of them has some)."""
    if not agencies:
        return []
    awarded = Nomination.objects.filter(status=Nomination.Status.AWARDED, agency=OuterRef("pk"))
    latest = awarded.order_by("-year_id", "award_type__precedence")
    stats = {
        pk: rest
        for pk, *rest in Agency.objects.filter(pk__in=[a.pk for a in agencies])
        .annotate(
            award_count=Count(
                "nominations", filter=Q(nominations__status=Nomination.Status.AWARDED)
            ),
            latest_year=Subquery(latest.values("year_id")[:1]),
            latest_award=Subquery(latest.values("award_type__short_name")[:1]),
        )
        .values_list("pk", "award_count", "latest_year", "latest_award")
    }
    links, kinds = Links(), dict(Agency.Kind.choices)
    hits = {}
    for a in agencies:
        count, year, award = stats.get(a.pk, (0, None, ""))
        hits[a.pk] = AgencyHit(
            a.name, links.agency_url(a.slug), a.province, str(kinds.get(a.kind, a.kind)),
            award_count=count, latest_year=year, latest_award=award or "",
        )  # fmt: skip
    with_names = [a.pk for a in agencies if len(search_names(a.search_text)) > 1]
    if with_names:
        names = (
            AgencyName.objects.filter(agency_id__in=with_names)
            .order_by("valid_from")
            .values_list("agency_id", "name")
        )
        for agency_id, name in names:
            hit = hits[agency_id]
            if fold(name) != fold(hit.name) and name not in hit.former:
                hit.former.append(name)
    return list(hits.values())


def _award_types(word_lists: list[list[str]], understood: Understood):
    """(name, url) of the catalogue's awards named by the query (the filter's first),
    and the best one's rank key."""
    links = Links()
    found: dict[str, tuple[str, list]] = {}
    for phrase in award_phrases():
        if any(all(_covers(w, phrase.words) for w in ws) for ws in word_lists):
            found.setdefault(phrase.code, (phrase.name, []))[1].append(" ".join(phrase.words))
    ranked = sorted(found.items(), key=lambda item: rank_key(item[1][1], word_lists, item[1][0]))
    if understood.award:
        ranked.insert(0, (understood.award.code, (understood.award.name, [])))
    hits = list(dict.fromkeys((name, links.join(links.award, code)) for code, (name, _) in ranked))
    best = rank_key(ranked[0][1][1], word_lists, ranked[0][1][0]) if found else None
    return hits, best


def _awards(understood: Understood) -> AwardsHit:
    """Through the award list's own FilterSet, so the count is the list's count."""
    from public.filters import filtered_nominations  # it imports this module

    params = QueryDict(mutable=True)
    if understood.award:
        params["award_type"] = understood.award.code
    if understood.year:
        params.update({"year_from": understood.year, "year_to": understood.year})
    if understood.words:
        params["q"] = " ".join(understood.words)
    filterset = filtered_nominations(params, Nomination.objects.public())
    nominations = filterset.qs if filterset.is_valid() else Nomination.objects.none()
    order = ("-year_id", "award_type__precedence", "nominee_name", "pk")
    rows = record_rows(nominations.order_by(*order)[:AWARD_ROWS])
    links = Links()
    award = understood.award
    return AwardsHit(
        award_name=award.name if award else "",
        award_url=links.join(links.award, award.code) if award else "",
        year=understood.year,
        rows=rows,
        count=nominations.count() if len(rows) == AWARD_ROWS else len(rows),
        list_url=reverse("awards:award_list") + "?" + params.urlencode(),
    )


def _run(text: str, limit: int) -> SearchResults:
    understood = understand(text)
    if understood.has_filters:
        # The filters were read on the expanded words: the rest is in that form alone.
        word_lists = [_words(" ".join(understood.words))] if understood.words else []
    else:
        word_lists = forms(text)
    results = SearchResults(text)
    more, best = set(), {}
    if word_lists:
        agencies, cut, best["agencies"] = _search(
            Agency.objects.only("pk", "name", "slug", "kind", "province", "search_text"),
            word_lists,
            name_field="name",
            names_of=lambda a: search_names(a.search_text),
            limit=limit,
        )
        results.agencies = _agency_hits(agencies)
        more |= {"agencies"} if cut else set()
        results.blocs, cut, best["blocs"] = _search(
            Bloc.objects.only("pk", "name", "slug", "organiser", "search_text"),
            word_lists,
            name_field="name",
            names_of=lambda b: search_names(b.search_text),
            limit=limit,
        )
        more |= {"blocs"} if cut else set()
        people, cut, best["people"] = _search(
            Person.objects.select_related("agency").only(
                "pk", "full_name", "slug", "position", "search_text", "agency__name"
            ),
            word_lists,
            name_field="full_name",
            names_of=lambda p: [p.search_text],
            limit=limit,
        )
        links = Links()
        for person in people:
            person.url = links.join(links.person, person.slug)
        results.people = people
        more |= {"people"} if cut else set()
    results.award_types, best["award_types"] = _award_types(word_lists, understood)
    if understood.has_filters:
        results.awards = _awards(understood)
    results.more = frozenset(more)
    # Kinds in the order of their best match; the filtered awards answer first.
    found = [kind for kind in KINDS if getattr(results, kind)]
    results.groups = sorted(found, key=lambda kind: (kind != "awards", best.get(kind) or ()))
    return results


def site_search(query: str, *, limit: int = 25) -> SearchResults:
    """The search page's results: a bounded number of queries whatever the data."""
    query = (query or "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
    key = match_key(query)
    if not key:
        return SearchResults(query)
    results = _run(key, limit)
    if results.empty or (results.awards and not results.awards.count):
        vocab = vocabulary()
        fixed = corrected_query(key, vocab)
        if fixed != key:
            retry = _run(fixed, limit)
            if not retry.empty:
                retry.query, retry.corrected = query, fixed
                return retry
        if results.empty:
            results.suggestions = suggestions(fixed, vocab)
    results.query = query
    return results


def suggestions(key: str, vocab: Vocabulary) -> list[tuple[str, str]]:
    """(name, url) of the names closest to the query, for "Did you mean"."""
    found = process.extract(
        key,
        [n[0] for n in vocab.names],
        scorer=fuzz.WRatio,
        limit=SUGGESTIONS,
        score_cutoff=60,
    )
    return [vocab.names[i][1:] for _choice, _score, i in found]
