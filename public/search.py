"""Accent-insensitive search over agencies, blocs and people, on the folded ``search_text``.

``search_text`` holds every name and alias an agency or bloc ever had, folded
(``awards.text.fold``), one per line, so a query without diacritics finds
"Sở Công thương" and a former name finds today's agency. The query is read as
``match_key`` forms ("&" as "va") with abbreviations both written out and
shortened (``awards.abbreviations``); a form matches when its words appear in
that order, "va" aside, since the stored text may say "&" or "và".

One code path for both databases: the filter is plain ``LIKE``, each form's words
in order. PostgreSQL adds trigram word similarity (pg_trgm, GIN-indexed by
migration 0003) to rank the hits and, when the exact words find nothing, to
forgive typos; it is kept out of the main filter because under an ``OR`` the
planner scans every row computing it (measured: 35 ms against 2 ms on 20,000 people).
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db import connection, models
from django.db.models import Case, IntegerField, Lookup, Q, QuerySet, Value, When

from awards.abbreviations import variants
from awards.models import Agency, AgencyName, Bloc, Person
from awards.text import fold
from public.tables import Links

# "&" and "và" both become "va" in a match key; stored text may have either, so skip it.
STOPWORDS = frozenset({"va"})
MAX_QUERY_LENGTH = 200


def _words(key: str) -> list[str]:
    words = key.split()
    return [w for w in words if w not in STOPWORDS] or words


def _uses_trigram() -> bool:
    return connection.vendor == "postgresql"


@models.TextField.register_lookup
class FoldedLike(Lookup):
    """``LIKE`` with a pattern built here from match-key words (only a-z, 0-9: nothing to escape).

    One pattern per form ("%so%cong%thuong%") keeps the words in order and, on
    PostgreSQL, gives the trigram index whole words to work with.
    """

    lookup_name = "folded_like"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} LIKE {rhs}", [*lhs_params, *rhs_params]


def like_pattern(form: str) -> str:
    return "%" + "%".join(_words(form)) + "%"


def text_q(query: str, field: str = "search_text", *, fuzzy: bool = False) -> Q | None:
    """A filter matching ``query`` against a folded column; None when the query is empty.

    ``fuzzy`` asks for trigram word similarity instead (PostgreSQL only): it forgives
    typos but costs a scan, so it only runs when the exact words found nothing.
    """
    forms = variants(query[:MAX_QUERY_LENGTH])
    if not forms:
        return None
    if fuzzy:
        return Q(**{f"{field}__trigram_word_similar": fold(query)})
    patterns = dict.fromkeys(like_pattern(form) for form in forms)
    return reduce(or_, (Q(**{f"{field}__folded_like": p}) for p in patterns))


def matching(queryset: QuerySet, query: str, *, fuzzy: bool = False) -> QuerySet:
    """``queryset`` narrowed to rows whose search text matches, unordered (for subqueries)."""
    condition = text_q(query, fuzzy=fuzzy)
    return queryset.none() if condition is None else queryset.filter(condition)


def ranked(queryset: QuerySet, query: str, *, name_field: str, fuzzy: bool = False) -> QuerySet:
    """Matches best first: the whole phrase at the start, then anywhere, then the words alone.

    On PostgreSQL, trigram word similarity breaks ties (a typo ranks below an exact hit).
    """
    results = matching(queryset, query, fuzzy=fuzzy)
    forms = [fold(query), *variants(query)]
    whens = [When(search_text__startswith=f, then=Value(0)) for f in forms]
    whens += [When(search_text__contains=f, then=Value(1)) for f in forms]
    results = results.annotate(
        phrase_rank=Case(*whens, default=Value(2), output_field=IntegerField())
    )
    order = ["phrase_rank"]
    if _uses_trigram():
        from django.contrib.postgres.search import TrigramWordSimilarity

        results = results.annotate(similarity=TrigramWordSimilarity(fold(query), "search_text"))
        order.append("-similarity")
    return results.order_by(*order, name_field)


def search_agencies(query: str, *, fuzzy: bool = False) -> QuerySet:
    """Agencies by any name they had (their former names: ``with_former_names``)."""
    agencies = Agency.objects.only("pk", "name", "slug", "search_text")
    return ranked(agencies, query, name_field="name", fuzzy=fuzzy)


def search_blocs(query: str, *, fuzzy: bool = False) -> QuerySet:
    blocs = Bloc.objects.only("pk", "name", "slug", "organiser")
    return ranked(blocs, query, name_field="name", fuzzy=fuzzy)


def search_people(query: str, *, fuzzy: bool = False) -> QuerySet:
    people = Person.objects.select_related("agency").only(
        "pk", "full_name", "slug", "position", "agency__name"
    )
    return ranked(people, query, name_field="full_name", fuzzy=fuzzy)


def with_former_names(agencies: list[Agency]) -> list[Agency]:
    """Set ``former`` (names no longer borne, oldest first) and ``url`` on each agency.

    Only an agency whose search text has more than one line (a former name or
    an alias) can have one, so the names query runs for those alone, if any.
    """
    agency_url = Links().agency_url
    for agency in agencies:
        agency.former = []
        agency.url = agency_url(agency.slug)
    candidates = {a.pk: a for a in agencies if "\n" in a.search_text}
    if candidates:
        names = (
            AgencyName.objects.filter(agency_id__in=candidates)
            .order_by("valid_from")
            .values_list("agency_id", "name")
        )
        for agency_id, name in names:
            agency = candidates[agency_id]
            if name != agency.name:
                agency.former.append(name)
    return agencies


@dataclass
class SearchResults:
    """The first hits of each kind; ``more`` names the kinds whose list was cut."""

    query: str
    agencies: list
    blocs: list
    people: list
    more: frozenset = frozenset()

    @property
    def empty(self) -> bool:
        return not (self.agencies or self.blocs or self.people)


def site_search(query: str, *, limit: int = 25) -> SearchResults:
    """The search page: three bounded queries, at most three typo retries, and the former
    names of the agencies found when one of them has any."""
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    if not fold(query):
        return SearchResults(query, [], [], [])
    # One row beyond the limit tells whether there are more, without a COUNT.
    searches = {"agencies": search_agencies, "blocs": search_blocs, "people": search_people}
    found = {kind: list(search(query)[: limit + 1]) for kind, search in searches.items()}
    if not any(found.values()) and _uses_trigram():
        # Nothing has these words: perhaps a typo, which trigram similarity forgives.
        found = {
            kind: list(search(query, fuzzy=True)[: limit + 1]) for kind, search in searches.items()
        }
    more = frozenset(kind for kind, rows in found.items() if len(rows) > limit)
    found["agencies"] = with_former_names(found["agencies"][:limit])
    return SearchResults(query, *(rows[:limit] for rows in found.values()), more=more)
