"""Emulation blocs, the results year, who was in a bloc each year, and its meetings."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .base import NamedOverTime, NamePeriod, NormalizedModel, TimeStamped, validity_constraint


class Bloc(NamedOverTime, TimeStamped):
    """A khối or cụm thi đua, organised by a province, a ministry or a national organisation."""

    class Kind(models.TextChoices):
        KHOI = "khoi", _("Bloc (khối thi đua)")
        CUM = "cum", _("Cluster (cụm thi đua)")

    class OrganiserKind(models.TextChoices):
        PROVINCE = "province", _("Province")
        MINISTRY = "ministry", _("Ministry or sector")
        NATIONAL_ORG = "national_org", _("National organisation")

    name = models.CharField(_("current name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.KHOI)
    organiser_kind = models.CharField(
        _("organiser kind"),
        max_length=20,
        choices=OrganiserKind.choices,
        default=OrganiserKind.PROVINCE,
    )
    organiser = models.CharField(
        _("organiser"), max_length=200, help_text=_("e.g. Bắc Ninh, Bộ Công an")
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    class Meta:
        verbose_name = _("emulation bloc")
        verbose_name_plural = _("emulation blocs")
        ordering = ["organiser", "name"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="bloc_name_not_empty"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("awards:bloc", kwargs={"slug": self.slug})

    def slug_text(self) -> str:
        return f"{self.name} {self.organiser}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.refresh_members_search_text()

    def search_context(self) -> list[str]:
        return [self.organiser]

    def refresh_search_text(self) -> None:
        super().refresh_search_text()
        self.refresh_members_search_text()

    def refresh_members_search_text(self) -> None:
        """Members' search text holds the bloc's name, so a rename reaches them."""
        from .agencies import Agency

        for agency in Agency.objects.filter(memberships__bloc=self).distinct():
            agency.refresh_search_text()


class BlocName(NamePeriod):
    """A name a bloc had, and when; the open-ended row is its current name."""

    owner_field = "bloc"

    bloc = models.ForeignKey(
        Bloc, on_delete=models.CASCADE, related_name="names", verbose_name=_("bloc")
    )

    class Meta:
        verbose_name = _("bloc name")
        verbose_name_plural = _("bloc names")
        ordering = ["bloc", models.F("valid_from").asc(nulls_first=True)]
        constraints = [
            validity_constraint("blocname"),
            models.UniqueConstraint(
                fields=["bloc"],
                condition=models.Q(valid_to__isnull=True),
                name="blocname_one_current",
            ),
        ]

    def __str__(self):
        return self.name


class EmulationYearQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=EmulationYear.Status.OPEN)


class EmulationYear(models.Model):
    """The year whose results are summarised (not the year of the decision)."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = EmulationYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("emulation year")
        verbose_name_plural = _("emulation years")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=1945) & models.Q(year__lte=2100),
                name="emulationyear_plausible",
                violation_error_message=_("The year must lie between 1945 and 2100."),
            ),
        ]

    def __str__(self):
        return str(self.year)

    def get_absolute_url(self):
        return reverse("awards:year", kwargs={"year": self.year})

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class MembershipQuerySet(models.QuerySet):
    def leaders(self):
        return self.filter(role__in=[Membership.Role.HEAD, Membership.Role.DEPUTY])


class Membership(NormalizedModel, TimeStamped):
    """An agency in a bloc for one year, as member, head or deputy."""

    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        HEAD = "head", _("head")
        DEPUTY = "deputy", _("deputy")

    bloc = models.ForeignKey(
        Bloc, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("bloc")
    )
    agency = models.ForeignKey(
        "awards.Agency",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("agency"),
    )
    year = models.ForeignKey(
        EmulationYear,
        to_field="year",
        db_column="year",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("year"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    source = models.ForeignKey(
        "awards.SourceDocument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("source"),
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-year_id", "bloc__name", "role", "agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["bloc", "agency", "year"],
                name="membership_once_per_year",
                violation_error_message=_("This agency is already in this bloc for this year."),
            ),
            models.UniqueConstraint(
                fields=["bloc", "year"],
                condition=models.Q(role="head"),
                name="membership_one_head",
                violation_error_message=_("A bloc has one head per year."),
            ),
        ]

    def __str__(self):
        return f"{self.agency} – {self.bloc} {self.year_id} ({self.get_role_display()})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.agency.refresh_search_text()  # its blocs are part of it

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.agency.refresh_search_text()
        return result


class BlocMeeting(NormalizedModel, TimeStamped):
    """A bloc's meeting; the year-end summary is where heads are elected and awards proposed."""

    class Kind(models.TextChoices):
        PLEDGE = "pledge", _("pledge signing")
        MIDYEAR = "midyear", _("mid-year review")
        SUMMARY = "summary", _("year-end summary")

    bloc = models.ForeignKey(
        Bloc, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("bloc")
    )
    year = models.ForeignKey(
        EmulationYear,
        to_field="year",
        db_column="year",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("results year"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SUMMARY)
    date = models.DateField(_("date"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    venue_agency = models.ForeignKey(
        "awards.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_meetings",
        verbose_name=_("host agency"),
    )
    source = models.ForeignKey(
        "awards.SourceDocument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("source"),
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bloc meeting")
        verbose_name_plural = _("bloc meetings")
        ordering = ["-year_id", "bloc__name", "date"]
        constraints = [
            models.UniqueConstraint(fields=["bloc", "year", "kind", "date"], name="meeting_unique"),
        ]

    def __str__(self):
        day = self.date.strftime("%d/%m/%Y") if self.date else self.year_id
        return f"{self.bloc} – {self.get_kind_display()} {day}"
