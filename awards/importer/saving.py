"""Save an extracted, reviewed article: one transaction, every record linked to its source.

Importing the same text twice is recognised by ``SourceDocument.content_hash`` and
changes nothing. A nomination already on record (same agency or person, award and
year) is not duplicated, so a second article about the same meeting adds only what
is new.

Every record goes through the staff write service (``awards.services.record_save``)
with the importing user, so the importer obeys the same roles, closed years and
status rules as the admin; a refusal saves nothing and is reported, not raised.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from awards.importer.extracting import ArticleData, extract
from awards.importer.outlets import outlet_name
from awards.importer.resolving import Resolution, Resolver, resolve_article
from awards.text import fold

# What an import creates or links, counted in words: "1 emulation bloc", "9 nominations".
COUNT_PHRASES = {
    "sources": ngettext_lazy("%(count)d source", "%(count)d sources", "count"),
    "blocs": ngettext_lazy("%(count)d emulation bloc", "%(count)d emulation blocs", "count"),
    "meetings": ngettext_lazy("%(count)d bloc meeting", "%(count)d bloc meetings", "count"),
    "agencies": ngettext_lazy("%(count)d agency", "%(count)d agencies", "count"),
    "people": ngettext_lazy("%(count)d person", "%(count)d people", "count"),
    "decisions": ngettext_lazy("%(count)d decision", "%(count)d decisions", "count"),
    "nominations": ngettext_lazy("%(count)d nomination", "%(count)d nominations", "count"),
    "leaders": ngettext_lazy("%(count)d bloc leader", "%(count)d bloc leaders", "count"),
}


def _counted(counts: dict[str, int]) -> str:
    """The non-zero counts in words, e.g. "1 emulation bloc, 9 nominations"."""
    return ", ".join(COUNT_PHRASES[k] % {"count": v} for k, v in counts.items() if v)


@dataclass
class ImportResult:
    """What an import did (or, in a dry run, would do)."""

    article: ArticleData
    resolutions: dict
    source_id: int | None = None
    already_imported: bool = False
    dry_run: bool = False
    created: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    refused: str = ""  # why nothing was saved (a closed year, the user's role)

    def __str__(self):
        if self.refused:
            return _("nothing saved: %(reason)s") % {"reason": self.refused}
        if self.already_imported:
            return _("already imported, nothing changed (source #%(id)s)") % {"id": self.source_id}
        if self.dry_run:
            created, linked = self.plan()
        else:
            created, linked = self.created, {}
        counts = _counted(created) or _("nothing new")
        prefix = _("dry run, would create") if self.dry_run else _("created")
        out = f"{prefix}: {counts}"
        links = _counted(linked)
        if links:
            out += "; " + _("would link to existing: %(links)s") % {"links": links}
        return out

    def plan(self) -> tuple[dict[str, int], dict[str, int]]:
        """What saving would create and what it would link to existing records (for dry runs).

        Read from the extraction and its resolutions only; an award already on
        record is found (and skipped) when saving.
        """
        article, res = self.article, self.resolutions
        create = dict.fromkeys(("blocs", "agencies", "people", "nominations", "leaders"), 0)
        link = dict.fromkeys(("blocs", "agencies", "decisions"), 0)
        bloc = res.get("bloc")
        if article.bloc:
            if bloc and bloc.pk:
                link["blocs"] = 1
            else:
                create["blocs"] = 1
        new_names, linked = set(), set()
        rows = list(zip(article.nominations, res.get("nominations", []), strict=False))
        rows += [(x, r) for x, r in zip(article.leaders, res.get("leaders", []), strict=False)]
        for item, r in rows:
            name = getattr(item, "nominee", None) or getattr(item, "agency", "")
            if getattr(item, "kind", "collective") == "individual":
                continue
            if r is not None and r.pk:
                linked.add(r.pk)
            else:
                new_names.add(fold(name))
        create["agencies"] = len(new_names)
        link["agencies"] = len(linked)
        create["people"] = len(
            {fold(n.nominee) for n in article.nominations if n.kind == "individual"}
        )
        create["nominations"] = len(article.nominations)
        create["leaders"] = len(article.leaders)
        dated = {d.number for d in article.decisions if d.date}
        used = {n.decision for n in article.nominations if n.decision in dated}
        create["decisions"] = len(used)
        return create, link

    def as_dict(self) -> dict:
        """The corpus shape, with each resolution beside the name it resolves."""
        data = self.article.to_dict()
        res = self.resolutions
        data["bloc_resolution"] = res["bloc"].as_dict() if res.get("bloc") else None
        data["venue_resolution"] = res["venue"].as_dict() if res.get("venue") else None
        for item, r in zip(data["nominations"], res.get("nominations", []), strict=False):
            item["resolution"] = r.as_dict() if r else None
        for item, r in zip(data["leaders"], res.get("leaders", []), strict=False):
            item["resolution"] = r.as_dict() if r else None
        for item, r in zip(data["leaders"], res.get("leader_blocs", []), strict=False):
            if item.get("bloc"):
                item["bloc_resolution"] = r.as_dict() if r else None
        data["warnings"] = list(self.article.warnings) + self.warnings
        if self.dry_run:
            create, link = self.plan()
            data["would_create"] = create
            data["would_link"] = link
        if self.already_imported:
            data["already_imported"] = True
        return data


def _write(instance, user):
    """One record through the write service, as the importing user."""
    from awards import services

    return services.record_save(instance=instance, user=user, reason="article import")


def content_hash_of(text: str) -> str:
    from awards.models.sources import content_hash

    return content_hash(text)


def _agency_kind(name: str) -> str:
    from awards.models import Agency

    key = fold(name)
    for prefix, kind in (
        ("so ", Agency.Kind.DEPARTMENT),
        ("ubnd ", Agency.Kind.DISTRICT),
        ("uy ban nhan dan ", Agency.Kind.DISTRICT),
        ("cong ty", Agency.Kind.ENTERPRISE),
        ("tong cong ty", Agency.Kind.ENTERPRISE),
        ("htx", Agency.Kind.ENTERPRISE),
        ("hop tac xa", Agency.Kind.ENTERPRISE),
        ("hoi ", Agency.Kind.MASS_ORGANISATION),
        ("lien hiep", Agency.Kind.MASS_ORGANISATION),
        ("ldld", Agency.Kind.MASS_ORGANISATION),
        ("lien doan", Agency.Kind.MASS_ORGANISATION),
        ("tinh doan", Agency.Kind.MASS_ORGANISATION),
    ):
        if key.startswith(prefix):
            return kind
    return Agency.Kind.AGENCY


class _Saver:
    """Creates records for one article; agencies created once even when named twice."""

    def __init__(self, *, article, resolutions, source, user, counts, warnings):
        self.article = article
        self.res = resolutions
        self.source = source
        self.user = user
        self.counts = counts
        self.warnings = warnings
        self.new_agencies: dict[str, object] = {}
        self.years: dict[int, object] = {}

    def year(self, value: int):
        from awards.models import EmulationYear

        if value not in self.years:
            found = EmulationYear.objects.filter(year=value).first()
            self.years[value] = found or _write(EmulationYear(year=value), self.user)
        return self.years[value]

    def agency(self, resolution: Resolution | None, name: str):
        from awards.models import Agency

        if resolution is not None and resolution.pk:
            return Agency.objects.get(pk=resolution.pk)
        key = fold(name)
        if key not in self.new_agencies:
            agency = _write(
                Agency(
                    name=name,
                    kind=_agency_kind(name),
                    province=self.article.province or "",
                    notes=_("Created by the article importer from: %(title)s")
                    % {"title": self.source.title or self.source.pk},
                ),
                self.user,
            )
            self.counts["agencies"] += 1
            self.new_agencies[key] = agency
        return self.new_agencies[key]

    def bloc(self):
        from awards.models import Bloc

        r = self.res.get("bloc")
        if r and r.pk:
            return Bloc.objects.get(pk=r.pk)
        if not self.article.bloc:
            return None
        kind = Bloc.Kind.CUM if fold(self.article.bloc).startswith("cum") else Bloc.Kind.KHOI
        self.counts["blocs"] += 1
        return _write(
            Bloc(name=self.article.bloc, kind=kind, organiser=self.article.province or ""),
            self.user,
        )

    def person(self, nom, agency=None):
        from awards.models import Person

        found = Person.objects.filter(search_text=fold(nom.nominee)).first()
        if found:
            return found
        self.counts["people"] += 1
        return _write(
            Person(full_name=nom.nominee, position=nom.position or "", agency=agency), self.user
        )


def _results_year(article: ArticleData) -> int | None:
    if article.award_year:
        return article.award_year
    if article.meeting_date:
        return dt.date.fromisoformat(article.meeting_date).year
    return None


def _decisions(article: ArticleData, source, counts: dict, user) -> dict:
    """Create or reuse a Decision for each dated decision that an award cites, by number.

    A decision is unique on number and date; one without a date cannot be
    recorded (the date is required), so its citation stays in the notes.
    """
    from awards import services
    from awards.models import Decision

    used = {n.decision for n in article.nominations if n.status == "awarded" and n.decision}
    out = {}
    for cited in article.decisions:
        if cited.number not in used or not cited.date:
            continue
        date = dt.date.fromisoformat(cited.date)
        new = not Decision.objects.filter(number=cited.number, date=date).exists()
        decision = services.decision_find_or_create(
            number=cited.number,
            date=date,
            issuer=(cited.issuer or "")[:200],
            signer=(cited.signer or "")[:200],
            source=source,
            user=user,
        )
        counts["decisions"] += int(new)
        out[cited.number] = decision
    return out


@transaction.atomic
def _save(article: ArticleData, resolutions: dict, *, text, source_url, user) -> ImportResult:
    from awards.models import (
        AwardType,
        Bloc,
        BlocMeeting,
        Membership,
        Nomination,
        SourceDocument,
    )
    from awards.rules import check_nomination

    counts = dict.fromkeys(
        (
            "sources",
            "blocs",
            "meetings",
            "agencies",
            "people",
            "decisions",
            "nominations",
            "leaders",
        ),
        0,
    )
    warnings: list[str] = []
    source = _write(
        SourceDocument(
            kind=SourceDocument.Kind.ARTICLE,
            title=(article.title or "")[:500],
            # an article that names no province is about the register's own
            publisher=outlet_name(article.publisher, article.province or settings.REGISTER_PROVINCE)
            or "",
            url=source_url or "",
            published=dt.date.fromisoformat(article.published) if article.published else None,
            authors=", ".join(article.authors)[:300],
            raw_text=text,
            imported_by=user,
        ),
        user,
    )
    counts["sources"] = 1
    saver = _Saver(
        article=article,
        resolutions=resolutions,
        source=source,
        user=user,
        counts=counts,
        warnings=warnings,
    )
    bloc = saver.bloc()
    year_value = _results_year(article)
    if bloc and year_value:
        venue_r = resolutions.get("venue")
        kind = article.meeting_kind or BlocMeeting.Kind.SUMMARY
        meeting = BlocMeeting(
            bloc=bloc,
            year=saver.year(year_value),
            kind=kind,
            date=dt.date.fromisoformat(article.meeting_date) if article.meeting_date else None,
            venue=(article.venue or "")[:300],
            venue_agency_id=venue_r.pk if venue_r and venue_r.pk else None,
            source=source,
        )
        same = BlocMeeting.objects.filter(
            bloc=bloc, year_id=year_value, kind=kind, date=meeting.date
        )
        if not same.exists():
            _write(meeting, user)
            counts["meetings"] += 1
    decisions = _decisions(article, source, counts, user)
    award_types = {a.code: a for a in AwardType.objects.all()}
    for nom, res in zip(article.nominations, resolutions["nominations"], strict=False):
        award = award_types.get(nom.award)
        if award is None or year_value is None:
            warnings.append(_("Skipped %(name)s: unknown award or year.") % {"name": nom.nominee})
            continue
        agency = person = None
        if nom.kind == "individual":
            person = saver.person(nom)
        else:
            agency = saver.agency(res, nom.nominee)
        duplicate = Nomination.objects.filter(
            year_id=year_value,
            award_type=award,
            status__in=Nomination.PUBLIC_STATUSES,
            **({"agency": agency} if agency else {"person": person}),
        ).exists()
        if duplicate:
            warnings.append(
                _("%(name)s already holds or is proposed for %(award)s in %(year)s.")
                % {"name": nom.nominee, "award": award, "year": year_value}
            )
            continue
        decision = decisions.get(nom.decision) if nom.status == "awarded" else None
        notes = nom.award_text
        cited = next((d for d in article.decisions if d.number == nom.decision), None)
        if cited and decision is None:
            notes = f"{notes}; {cited.text}"  # no date given: the citation stays in the notes
        nomination = Nomination(
            decision=decision,
            year=saver.year(year_value),
            bloc=bloc,
            award_type=award,
            agency=agency,
            person=person,
            nominee_name=nom.nominee[:300],
            status=nom.status,
            source=source,
            notes=notes,
        )
        if nomination.status == "awarded" and check_nomination(nomination):
            # the published decision is the evidence; the preview showed the rule warnings
            nomination.override_reason = _("Awarded in the source article.")
        _write(nomination, user)
        counts["nominations"] += 1
    leader_blocs = resolutions.get("leader_blocs") or [None] * len(article.leaders)
    for leader, res, bloc_res in zip(
        article.leaders, resolutions["leaders"], leader_blocs, strict=False
    ):
        leader_bloc = bloc
        if leader.bloc:
            # a notice naming the heads of several blocs: each leader goes to its own bloc,
            # never to the article's, and only to a bloc the register already holds
            leader_bloc = Bloc.objects.get(pk=bloc_res.pk) if bloc_res and bloc_res.pk else None
            if leader_bloc is None:
                warnings.append(
                    _("Skipped leader %(name)s: the bloc %(bloc)s is not in the register.")
                    % {"name": leader.agency, "bloc": leader.bloc}
                )
                continue
        if leader_bloc is None or leader.year is None:
            warnings.append(
                _("Skipped leader %(name)s: no bloc or year.") % {"name": leader.agency}
            )
            continue
        agency = saver.agency(res, leader.agency)
        year = saver.year(leader.year)
        if (
            leader.role == Membership.Role.HEAD
            and Membership.objects.filter(bloc=leader_bloc, year=year, role=Membership.Role.HEAD)
            .exclude(agency=agency)
            .exists()
        ):
            warnings.append(
                _("%(bloc)s already has a head for %(year)s; %(name)s not recorded.")
                % {"bloc": leader_bloc, "year": leader.year, "name": leader.agency}
            )
            continue
        membership = Membership.objects.filter(bloc=leader_bloc, agency=agency, year=year).first()
        if membership is None:
            _write(
                Membership(
                    bloc=leader_bloc, agency=agency, year=year, role=leader.role, source=source
                ),
                user,
            )
        elif membership.role != leader.role:
            membership.role = leader.role
            membership.source = source
            _write(membership, user)
        counts["leaders"] += 1
    return ImportResult(
        article=article,
        resolutions=resolutions,
        source_id=source.pk,
        created=counts,
        warnings=warnings,
    )


def article_import(
    *,
    text: str,
    source_url: str | None = None,
    user=None,
    dry_run: bool = False,
    article: ArticleData | None = None,
    resolutions: dict | None = None,
) -> ImportResult:
    """Extract (unless a reviewed ``article`` is given), resolve and save an article atomically.

    ``resolutions`` lets the admin preview pass the agencies staff picked; a row
    resolved with ``pk=None`` becomes a new agency.
    """
    from awards.models import SourceDocument

    article = article or extract(text)
    resolver = None if resolutions is not None else Resolver()
    resolutions = resolutions or resolve_article(article, resolver)
    if resolver is not None and not resolver.available:
        article.warnings.append(_("Names were not resolved: the database is not available."))
    if dry_run:
        return ImportResult(article=article, resolutions=resolutions, dry_run=True)
    existing = SourceDocument.objects.filter(content_hash=content_hash_of(text)).first()
    if existing:
        return ImportResult(
            article=article,
            resolutions=resolutions,
            source_id=existing.pk,
            already_imported=True,
        )
    try:
        return _save(article, resolutions, text=text, source_url=source_url, user=user)
    except (PermissionDenied, ValidationError) as exc:
        # the transaction rolled back: nothing of this article was saved
        reason = " ".join(getattr(exc, "messages", None) or [str(exc)])
        return ImportResult(article=article, resolutions=resolutions, refused=reason)
