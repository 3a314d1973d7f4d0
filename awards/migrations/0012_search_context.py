"""Rebuild ``search_text`` of agencies and blocs with their context (province, blocs) and
their names with abbreviations written out (``compose_search_text``), on any database."""

from django.db import migrations

from awards.models.agencies import province_forms
from awards.models.base import compose_search_text


def rebuild(apps, schema_editor):
    Agency = apps.get_model("awards", "Agency")
    Bloc = apps.get_model("awards", "Bloc")
    for model, context in (
        (
            Agency,
            lambda a: [
                *province_forms(a.province),
                *sorted({m.bloc.name for m in a.memberships.all()}),
            ],
        ),
        (Bloc, lambda b: [b.organiser]),
    ):
        rows = model.objects.prefetch_related("names", "aliases")
        if model is Agency:
            rows = rows.prefetch_related("memberships__bloc")
        for row in rows:
            names = [row.name, *(n.name for n in row.names.all()), *(a.text for a in row.aliases.all())]
            text = compose_search_text(names, context(row))
            if text != row.search_text:
                model.objects.filter(pk=row.pk).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [("awards", "0011_vietnamese_collation")]
    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
