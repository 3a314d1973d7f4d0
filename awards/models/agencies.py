"""Agencies as stable identities, the names they had, how they changed, and people."""

import datetime

from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from awards.text import fold

from .base import (
    NamedOverTime,
    NamePeriod,
    NormalizedModel,
    TimeStamped,
    unique_slug,
    validity_constraint,
)


def province_forms(province: str) -> list[str]:
    """A province as written and as readers add it to a name: "Bắc Ninh", "tỉnh Bắc Ninh"."""
    if not province:
        return []
    if fold(province).startswith(("tinh ", "thanh pho ", "tp")):
        return [province]
    return [province, f"tỉnh {province}"]


class AgencyQuerySet(models.QuerySet):
    def search(self, query: str):
        """Accent-insensitive match on every name and alias the agency ever had."""
        folded = fold(query)
        if not folded:
            return self.none()
        return self.filter(search_text__contains=folded)


class Agency(NamedOverTime, TimeStamped):
    """A department, agency, mass organisation, enterprise or district: one identity over time.

    ``name`` is the name in force now, kept equal to the open-ended AgencyName row;
    an award shows the name the agency had then (``name_on``).
    """

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Department (sở)")
        AGENCY = "agency", _("Agency")
        MASS_ORGANISATION = "mass_org", _("Mass organisation")
        ENTERPRISE = "enterprise", _("Enterprise")
        DISTRICT = "district", _("District / locality")
        CENTRAL = "central", _("Central agency")
        OTHER = "other", _("Other")

    name = models.CharField(_("current name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.AGENCY)
    province = models.CharField(_("province"), max_length=100, blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    search_text = models.TextField(
        _("search text"), blank=True, editable=False, help_text=_("Folded names and aliases.")
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="agency_name_not_empty"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("awards:agency", kwargs={"slug": self.slug})

    def search_context(self) -> list[str]:
        """The province and every bloc the agency was in: "so cong thuong bac ninh" finds it."""
        province = province_forms(self.province)
        if not self.pk:
            return province
        blocs = self.memberships.values_list("bloc__name", flat=True).distinct()
        return [*province, *sorted(set(blocs))]

    @transaction.atomic
    def rename(self, new_name: str, *, on: datetime.date, legal_basis: str = "") -> "AgencyName":
        """Close the current name the day before ``on`` and open ``new_name`` from ``on``."""
        current = self.names.filter(valid_to__isnull=True).first()
        if current is None:
            AgencyName.objects.create(
                agency=self, name=self.name, valid_to=on - datetime.timedelta(days=1)
            )
        else:
            current.valid_to = on - datetime.timedelta(days=1)
            current.save()
        return AgencyName.objects.create(
            agency=self, name=new_name, valid_from=on, legal_basis=legal_basis
        )

    def successors(self):
        """Agencies this one was renamed, merged, split or absorbed into."""
        return Agency.objects.filter(successor_links__predecessor=self)

    def predecessors(self):
        return Agency.objects.filter(predecessor_links__successor=self)


class AgencyName(NamePeriod):
    """A name an agency had, and when; the open-ended row is its current name."""

    owner_field = "agency"

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="names", verbose_name=_("agency")
    )
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("agency name")
        verbose_name_plural = _("agency names")
        ordering = ["agency", models.F("valid_from").asc(nulls_first=True)]
        constraints = [
            validity_constraint("agencyname"),
            models.CheckConstraint(condition=~models.Q(name=""), name="agencyname_not_empty"),
            models.UniqueConstraint(
                fields=["agency"],
                condition=models.Q(valid_to__isnull=True),
                name="agencyname_one_current",
                violation_error_message=_("An agency has one current name."),
            ),
        ]

    def __str__(self):
        start = self.valid_from.strftime("%d/%m/%Y") if self.valid_from else "…"
        end = self.valid_to.strftime("%d/%m/%Y") if self.valid_to else "…"
        return f"{self.name} ({start} – {end})"


class AgencyLineage(NormalizedModel):
    """How an agency became another: renamed, merged, split or absorbed (with its legal basis)."""

    class Kind(models.TextChoices):
        RENAMED = "renamed", _("renamed into")
        MERGED = "merged", _("merged into")
        SPLIT = "split", _("split into")
        ABSORBED = "absorbed", _("absorbed by")

    predecessor = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="predecessor_links",
        verbose_name=_("predecessor"),
    )
    successor = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="successor_links",
        verbose_name=_("successor"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("agency lineage")
        verbose_name_plural = _("agency lineages")
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")),
                name="lineage_not_self",
                violation_error_message=_("An agency cannot succeed itself."),
            ),
            models.UniqueConstraint(
                fields=["predecessor", "successor", "kind"], name="lineage_unique"
            ),
        ]

    def __str__(self):
        kind = self.get_kind_display()
        return f"{self.predecessor} → {kind} → {self.successor} ({self.date:%d/%m/%Y})"


class Alias(NormalizedModel):
    """Another spelling of an agency or a bloc, unique once folded."""

    text = models.CharField(_("text"), max_length=300)
    folded = models.CharField(_("folded"), max_length=300, unique=True, editable=False)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="aliases",
        verbose_name=_("agency"),
    )
    bloc = models.ForeignKey(
        "awards.Bloc",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="aliases",
        verbose_name=_("bloc"),
    )

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        ordering = ["folded"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(agency__isnull=False) & models.Q(bloc__isnull=True))
                | (models.Q(agency__isnull=True) & models.Q(bloc__isnull=False)),
                name="alias_one_target",
                violation_error_message=_("An alias belongs to an agency or to a bloc."),
            ),
            models.CheckConstraint(condition=~models.Q(folded=""), name="alias_not_empty"),
        ]

    def __str__(self):
        return f"{self.text} → {self.agency or self.bloc}"

    def save(self, *args, **kwargs):
        self.normalize_text_fields()
        self.folded = fold(self.text)
        super().save(*args, **kwargs)
        (self.agency or self.bloc).refresh_search_text()


class Person(NormalizedModel, TimeStamped):
    """An individual nominee, so that one person's awards add up across the years."""

    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=300, blank=True)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("agency"),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(full_name=""),
                name="person_has_name",
                violation_error_message=_("A person has a name."),
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.position})" if self.position else self.full_name

    def get_absolute_url(self):
        return reverse("awards:person", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        self.normalize_text_fields()
        if not self.slug:
            self.slug = unique_slug(Person, self.full_name, self.pk)
        self.search_text = fold(self.full_name)
        super().save(*args, **kwargs)
