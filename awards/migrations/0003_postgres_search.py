"""PostgreSQL only: unaccent and trigram, with GIN trigram indexes on the folded search text.

Kept out of Meta.indexes because a GIN index breaks SQLite migrations; on other
databases this migration does nothing and search falls back to LIKE on the
same folded columns (one code path, two speeds).
"""

from django.db import migrations

INDEXES = [
    ("awards_agency", "search_text", "agency_search_trgm"),
    ("awards_bloc", "search_text", "bloc_search_trgm"),
    ("awards_person", "search_text", "person_search_trgm"),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for table, column, name in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, _column, name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("awards", "0002_seed_award_types")]
    operations = [migrations.RunPython(forwards, backwards)]
