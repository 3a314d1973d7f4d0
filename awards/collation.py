"""Vietnamese order in the database: one collation name, ``vi_icu``, on both databases.

PostgreSQL has ICU: migration 0011 creates the collation there. SQLite has none,
so every SQLite connection gets a collation of the same name that compares with
``awards.text.sort_key``. Querysets order with ``collated("name")`` and read the
same on either database.
"""

import functools

from django.db.models import F
from django.db.models.functions import Collate

from awards.text import sort_key

COLLATION = "vi_icu"


def collated(field, *, descending: bool = False):
    """An ordering expression for a field (or an expression) in Vietnamese order."""
    expression = Collate(F(field) if isinstance(field, str) else field, COLLATION)
    return expression.desc() if descending else expression.asc()


@functools.lru_cache(maxsize=65536)
def _key(value: str) -> tuple:
    return sort_key(value)


def compare(a: str, b: str) -> int:
    """SQLite's collation callback: negative, zero or positive, like ``strcmp``."""
    key_a, key_b = _key(a), _key(b)
    return (key_a > key_b) - (key_a < key_b)


def register_sqlite_collation(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver (connected in AwardsConfig.ready)."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, compare)
