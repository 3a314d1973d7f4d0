"""The ``vi_icu`` collation the public pages sort with (awards.collation), on PostgreSQL.

SQLite gets a collation of the same name on every connection instead
(awards.collation.register_sqlite_collation), so nothing is done there.
"""

from django.db import migrations

CREATE = "CREATE COLLATION IF NOT EXISTS vi_icu (provider = icu, locale = 'vi-VN')"
DROP = "DROP COLLATION IF EXISTS vi_icu"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("awards", "0010_record_version")]

    operations = [migrations.RunPython(create, drop)]
