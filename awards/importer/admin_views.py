"""Admin "Import article" view (being built: paste or upload, preview, confirm)."""

from django.http import HttpResponse


def import_article_view(request, model_admin):
    return HttpResponse("Import article: not yet available.", status=501)
