"""Admin "Import article": paste or upload, preview with highlights, correct rows, confirm.

The preview never writes; it warns when the text was imported before and when its years
are closed. Confirming re-extracts the same text, applies the staff's corrections (drop
a row, edit the nominee, award or status, pick another agency, whose name in the award
year is then the nominee's name) and saves everything through ``article_import`` in one
transaction; a confirm that keeps no row saves nothing.

A pasted excerpt is often one paragraph with no headline: the extractor takes the first
line as the title, so when that finds nothing the text is read again as body only.
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from awards.importer.extracting import AWARD_CODES, extract
from awards.importer.reading import ArticleInputError, read_article
from awards.importer.resolving import Resolution, Resolver, resolve_article
from awards.importer.saving import _results_year, article_import, content_hash_of

# Read before an excerpt with no headline, so that its first sentence is body, not title.
EXCERPT_HEADLINE = "\u2014"

STATUSES = ("proposed", "awarded")


def _award_choices() -> list[tuple[str, str]]:
    """The importer's codes labelled with the catalogue's names, so staff pick by name."""
    from awards.models import AwardType

    names = dict(AwardType.objects.filter(code__in=AWARD_CODES).values_list("code", "name"))
    return [(code, names.get(code, code)) for code in AWARD_CODES]


def _status_choices() -> list[tuple[str, str]]:
    from awards.models import Nomination

    return [(status, Nomination.Status(status).label) for status in STATUSES]


def rule_warnings(article, resolutions) -> list[list[str]]:
    """Warnings of awards.rules for each nomination row (the shared rule module, issue 5)."""
    out: list[list[str]] = [[] for _n in article.nominations]
    try:
        from awards.models import Nomination
        from awards.rules import check_nomination
    except ImportError:  # the rules module is optional for the importer
        return out
    year = article.award_year
    bloc = resolutions.get("bloc")
    for i, (nom, res, award) in enumerate(
        zip(
            article.nominations,
            resolutions["nominations"],
            resolutions["award_types"],
            strict=False,
        )
    ):
        if not (year and res and res.pk and award.pk):
            continue
        candidate = Nomination(
            year_id=year,
            award_type_id=award.pk,
            agency_id=res.pk,
            bloc_id=bloc.pk if bloc and bloc.pk else None,
            status=nom.status,
        )
        try:
            out[i] = [str(p) for p in check_nomination(candidate)]
        except Exception as exc:  # a rule error must not hide the preview
            out[i] = [_("Rules could not be checked: %(error)s") % {"error": exc}]
    return out


def extract_text(text: str):
    """Extract an article; a bare excerpt (nothing found with its first line as title) is
    read again as body only, with no title."""
    article = extract(text)
    if article.nominations or article.leaders:
        return article
    excerpt = extract(EXCERPT_HEADLINE + "\n\n" + text)
    if not (excerpt.nominations or excerpt.leaders):
        return article
    excerpt.title = None
    return excerpt


def preview_notices(text: str, article) -> list[dict]:
    """What staff should know before confirming: an earlier import, closed years."""
    from awards.models import EmulationYear, SourceDocument

    notices = []
    earlier = SourceDocument.objects.filter(content_hash=content_hash_of(text)).first()
    if earlier is not None:
        notices.append(
            {
                "css": "imp-reimport",
                "text": _(
                    "This text was imported before (%(source)s); confirming will change nothing."
                )
                % {"source": earlier.title or earlier.pk},
                "url": reverse("admin:awards_sourcedocument_change", args=[earlier.pk]),
            }
        )
    years = {_results_year(article)} | {leader.year for leader in article.leaders}
    for year in EmulationYear.objects.filter(year__in=years - {None}).order_by("year"):
        if year.is_closed:
            notices.append(
                {
                    "css": "imp-closed",
                    "text": _("%(year)s is closed: its records can no longer be added or changed.")
                    % {"year": year.year},
                    "url": "",
                }
            )
    return notices


def highlight(text: str, article) -> str:
    """The article text, escaped, with the recognised pieces marked (never |safe on raw text)."""
    pieces: list[tuple[str, str]] = []
    for n in article.nominations:
        pieces.append((n.written or n.nominee, "nominee"))
        pieces.append((n.award_text, "award"))
    for x in article.leaders:
        pieces.append((x.agency, "leader"))
    for value, css in ((article.bloc, "bloc"), (article.venue, "venue")):
        if value:
            pieces.append((value, css))
    spans: list[tuple[int, int, str]] = []
    for value, css in sorted(pieces, key=lambda p: -len(p[0] or "")):
        if not value:
            continue
        for m in re.finditer(re.escape(value), text):
            if not any(s < m.end() and m.start() < e for s, e, _c in spans):
                spans.append((m.start(), m.end(), css))
    spans.sort()
    out, pos = [], 0
    for start, end, css in spans:
        out.append(escape(text[pos:start]))
        out.append(format_html('<mark class="imp-{}">{}</mark>', css, text[start:end]))
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(str(p) for p in out))  # every part was escaped above


def _inputs(request) -> list[tuple[str, str]]:
    """(label, text) for the pasted text and each uploaded file; errors become messages."""
    found = []
    pasted = request.POST.get("text", "")
    if pasted.strip():
        found.append((_("Pasted text"), pasted))
    for upload in request.FILES.getlist("files"):
        found.append((upload.name, upload.read()))
    out = []
    for label, data in found:
        try:
            out.append((label, read_article(data, filename=label)))
        except ArticleInputError as exc:
            messages.error(request, f"{label}: {exc}")
    return out


def _agency_widget(model_admin):
    """Django admin's autocomplete on Nomination.agency (AgencyAdmin has search_fields)."""
    from django import forms
    from django.contrib.admin.widgets import AutocompleteSelect

    from awards.models import Agency, Nomination

    field = forms.ModelChoiceField(
        queryset=Agency.objects.all(),
        required=False,
        widget=AutocompleteSelect(Nomination._meta.get_field("agency"), model_admin.admin_site),
    )
    return field.widget


def _choices(res, candidates) -> list[dict]:
    """Options of a row's agency picker: the resolved agency, the closest others, "new"."""
    options = []
    if res is not None and res.pk:
        options.append({"value": str(res.pk), "label": res.label, "score": res.score})
    for pk, label, score in candidates:
        if not any(o["value"] == str(pk) for o in options):
            options.append({"value": str(pk), "label": label, "score": score})
    selected = str(res.pk) if res is not None and res.pk else "new"
    for o in options:
        o["selected"] = o["value"] == selected
    return options


def _preview(request, model_admin, items):
    resolver = Resolver()
    widget = _agency_widget(model_admin)
    articles = []
    for i, (label, text) in enumerate(items):
        article = extract_text(text)
        res = resolve_article(article, resolver)
        rules = rule_warnings(article, res)
        rows = [
            {
                "index": j,
                "nom": n,
                "res": r,
                "award": a,
                "rules": rules[j],
                "choices": []
                if n.kind == "individual"
                else _choices(r, resolver.agency_candidates(n.nominee)),
                "picker": ""
                if n.kind == "individual"
                else widget.render(
                    f"a{i}-n{j}-agency_search", None, attrs={"id": f"id_a{i}-n{j}-agency_search"}
                ),
            }
            for j, (n, r, a) in enumerate(
                zip(article.nominations, res["nominations"], res["award_types"], strict=False)
            )
        ]
        leaders = list(zip(article.leaders, res["leaders"], res["leader_blocs"], strict=False))
        articles.append(
            {
                "index": i,
                "label": label,
                "text": text,
                "article": article,
                "res": res,
                "rows": rows,
                "leaders": leaders,
                "highlighted": highlight(article.text, article),
                "notices": preview_notices(text, article),
            }
        )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Import article: preview"),
        "articles": articles,
        "award_choices": _award_choices(),
        "status_choices": _status_choices(),
        "resolver_error": resolver.error,
        "media": model_admin.media + widget.media,
    }
    return render(request, "admin/awards/import_article_preview.html", context)


def _name_in_year(agency_id: int, article) -> str | None:
    """The agency's name at the end of the article's results year (its current name if none)."""
    import datetime

    from awards.models import Agency

    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        return None
    year = _results_year(article)
    return agency.name_on(datetime.date(year, 12, 31) if year else None)


def _apply_corrections(post, i: int, article, resolutions) -> None:
    """Apply the preview form's edits to one article's extraction and resolutions, in place."""
    keep_noms, keep_res, keep_awards = [], [], []
    for j, (nom, res, award) in enumerate(
        zip(
            article.nominations,
            resolutions["nominations"],
            resolutions["award_types"],
            strict=False,
        )
    ):
        prefix = f"a{i}-n{j}-"
        if not post.get(prefix + "keep"):
            continue
        nom.nominee = post.get(prefix + "nominee", nom.nominee).strip() or nom.nominee
        if post.get(prefix + "award") in AWARD_CODES:
            nom.award = post[prefix + "award"]
        if post.get(prefix + "status") in STATUSES:
            nom.status = post[prefix + "status"]
        # a pick in the search box wins over the list of closest names
        choice = post.get(prefix + "agency_search", "") or post.get(prefix + "agency", "")
        if nom.kind == "collective":
            if choice == "new":
                res = Resolution(nom.nominee, "new")
            elif choice.isdigit():
                if not res or str(res.pk) != choice:
                    # another agency: the award carries its name of that year, not the text's
                    nom.nominee = _name_in_year(int(choice), article) or nom.nominee
                    res = Resolution(nom.nominee, "chosen", int(choice))
                else:
                    res = Resolution(nom.nominee, res.how, int(choice))
        keep_noms.append(nom)
        keep_res.append(res)
        keep_awards.append(award)
    article.nominations = keep_noms
    resolutions["nominations"] = keep_res
    resolutions["award_types"] = keep_awards
    leaders, leader_res, bloc_res = [], [], []
    blocs = resolutions.get("leader_blocs") or [None] * len(article.leaders)
    for k, (leader, res, bres) in enumerate(
        zip(article.leaders, resolutions["leaders"], blocs, strict=False)
    ):
        if post.get(f"a{i}-l{k}-keep"):
            leaders.append(leader)
            leader_res.append(res)
            bloc_res.append(bres)
    article.leaders = leaders
    resolutions["leaders"] = leader_res
    resolutions["leader_blocs"] = bloc_res


# more articles than one preview ever shows: a tampered count, not a page to loop over
MAX_CONFIRMED_ARTICLES = 100


def _confirm(request, model_admin):
    # The preview refused any article with a NUL, but the confirm form comes back from the
    # browser (hidden text, edited names): PostgreSQL cannot store a NUL, so refuse it here too.
    if any(
        "\x00" in key or any("\x00" in v for v in values) for key, values in request.POST.lists()
    ):
        messages.error(
            request, _("A NUL character is not text: the form was refused, nothing was saved.")
        )
        return redirect(reverse("admin:awards_sourcedocument_import"))
    try:
        count = min(int(request.POST.get("count", "0") or 0), MAX_CONFIRMED_ARTICLES)
    except ValueError:
        count = 0
    resolver = Resolver()
    for i in range(count):
        text = request.POST.get(f"a{i}-text", "")
        if not request.POST.get(f"a{i}-keep") or not text.strip():
            continue
        article = extract_text(text)
        resolutions = resolve_article(article, resolver)
        _apply_corrections(request.POST, i, article, resolutions)
        label = request.POST.get(f"a{i}-label", "")
        if not (article.nominations or article.leaders):
            # no row kept: a source and a meeting alone would only clutter the register
            messages.error(
                request,
                _("%(label)s: nothing to save, no nomination or leader was kept.")
                % {"label": label},
            )
            continue
        result = article_import(
            text=text,
            article=article,
            resolutions=resolutions,
            user=request.user,
            source_url=request.POST.get(f"a{i}-url") or None,
        )
        level = messages.WARNING if result.already_imported else messages.SUCCESS
        if result.refused:  # e.g. a closed year: nothing was saved
            level = messages.ERROR
        messages.add_message(request, level, f"{label}: {result}")
        for warning in result.warnings:
            messages.warning(request, f"{label}: {warning}")
    return redirect(reverse("admin:awards_sourcedocument_changelist"))


def import_article_view(request, model_admin):
    """Paste text or upload files → preview → confirm (saved atomically per article)."""
    if not model_admin.has_add_permission(request):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    if request.method == "POST" and request.POST.get("action") == "confirm":
        return _confirm(request, model_admin)
    if request.method == "POST":
        items = _inputs(request)
        if items:
            return _preview(request, model_admin, items)
        if not request.POST.get("text", "").strip() and not request.FILES.getlist("files"):
            messages.error(request, _("Paste an article or choose a file."))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Import article"),
    }
    return render(request, "admin/awards/import_article.html", context)
