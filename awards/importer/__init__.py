"""The article importer: bytes → text (reading) → facts (extracting) → records (resolving, saving).

Imports stay light here so that ``manage.py import_article`` starts fast; the
Django models are loaded only by the modules that need them.
"""


def import_article_text(text, *, source_url=None, user=None, dry_run=False):
    """Import one article's text: the entry point for ``load_demo`` (see ``saving``)."""
    from awards.importer.saving import article_import

    return article_import(text=text, source_url=source_url, user=user, dry_run=dry_run)
