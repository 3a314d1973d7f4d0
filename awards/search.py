"""Accent-insensitive search over agencies, blocs and people, on the folded ``search_text``.

``search_text`` holds every name and alias an agency or bloc ever had, folded
(``awards.text.fold``), one per line, so a query without diacritics finds
"Sở Công thương" and a former name finds today's agency. The query is read as
``match_key`` forms ("&" as "va") with abbreviations both written out and
shortened (``awards.abbreviations``); each form must have all its words in the
text, "va" aside, since the stored text may say "&" or "và".

One code path for both databases: the filter is plain ``LIKE``. PostgreSQL adds
what it does better — trigram word similarity (GIN-indexed by migration 0003)
to forgive typos, and to rank.
"""

from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.db import connection
from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When

from awards.abbreviations import variants
from awards.models import Agency, AgencyName, Bloc, Person
from awards.text import fold

# "&" and "và" both become "va" in a match key; stored text may have either, so skip it.
STOPWORDS = frozenset({"va"})
MAX_QUERY_LENGTH = 200


def _words(key: str) -> list[str]:
    words = key.split()
    return [w for w in words if w not in STOPWORDS] or words


def _uses_trigram() -> bool:
    return connection.vendor == "postgresql"


def text_q(query: str, field: str = "search_text") -> Q | None:
    """A filter matching ``query`` against a folded column; None when the query is empty."""
    forms = variants(query[:MAX_QUERY_LENGTH])
    if not forms:
        return None
    conditions = [
        reduce(and_, (Q(**{f"{field}__contains": w}) for w in _words(form))) for form in forms
    ]
    if _uses_trigram():
        conditions.append(Q(**{f"{field}__trigram_word_similar": fold(query)}))
    return reduce(or_, conditions)


def matching(queryset: QuerySet, query: str) -> QuerySet:
    """``queryset`` narrowed to rows whose search text matches, unordered (for subqueries)."""
    condition = text_q(query)
    return queryset.none() if condition is None else queryset.filter(condition)


def ranked(queryset: QuerySet, query: str, *, name_field: str) -> QuerySet:
    """Matches best first: the whole phrase at the start, then anywhere, then the words alone.

    On PostgreSQL, trigram word similarity breaks ties (a typo ranks below an exact hit).
    """
    results = matching(queryset, query)
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


def search_agencies(query: str) -> QuerySet:
    """Agencies by any name they had, with their names to show which one matched."""
    names = Prefetch("names", queryset=AgencyName.objects.order_by("valid_from"))
    return ranked(Agency.objects.prefetch_related(names), query, name_field="name")


def search_blocs(query: str) -> QuerySet:
    return ranked(Bloc.objects.all(), query, name_field="name")


def search_people(query: str) -> QuerySet:
    return ranked(Person.objects.select_related("agency"), query, name_field="full_name")


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
    """The search page: three bounded queries (and one prefetch), whatever the data size."""
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    if not fold(query):
        return SearchResults(query, [], [], [])
    # One row beyond the limit tells whether there are more, without a COUNT.
    found = {
        "agencies": list(search_agencies(query)[: limit + 1]),
        "blocs": list(search_blocs(query)[: limit + 1]),
        "people": list(search_people(query)[: limit + 1]),
    }
    more = frozenset(kind for kind, rows in found.items() if len(rows) > limit)
    return SearchResults(query, *(rows[:limit] for rows in found.values()), more=more)


def former_names(agency: Agency) -> list[AgencyName]:
    """The names an agency no longer bears (from its prefetched names)."""
    return [n for n in agency.names.all() if n.name != agency.name]
