"""Nominations for awards and the decisions that settle them."""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .base import NormalizedModel, TimeStamped

# "163/QĐ-UBND", "231/QĐ-TTg", "1234/QĐ-BCA-V03"
DECISION_NUMBER = re.compile(r"^\d+[a-zA-Z]?/Q[ĐD]-[\w.\-]+$")


class Decision(NormalizedModel, TimeStamped):
    """A decision (quyết định) that grants awards: its number, date, issuer and signer."""

    number = models.CharField(
        _("number"), max_length=60, help_text=_("In the official form, e.g. 163/QĐ-UBND.")
    )
    date = models.DateField(_("date"))
    issuer = models.CharField(
        _("issuer"), max_length=200, help_text=_("e.g. Chủ tịch UBND tỉnh Bắc Ninh")
    )
    signer = models.CharField(_("signer"), max_length=200, blank=True)
    version = models.PositiveIntegerField(
        _("version"),
        default=0,
        editable=False,
        help_text=_("Raised by every save; a form sent from an older version is a conflict."),
    )
    source = models.ForeignKey(
        "awards.SourceDocument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("source"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-date", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["number", "date"],
                name="decision_unique_number_date",
                violation_error_message=_("A decision with this number and date exists."),
            ),
            models.CheckConstraint(condition=~models.Q(number=""), name="decision_has_number"),
        ]

    def __str__(self):
        return f"{self.number} ngày {self.date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("awards:decision", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if self.number and not DECISION_NUMBER.match(self.number.replace(" ", "")):
            raise ValidationError(
                {"number": _("Write the number in the official form, e.g. 163/QĐ-UBND.")}
            )


class NominationQuerySet(models.QuerySet):
    def public(self):
        """What the public sees: proposed and awarded, never rejected, withdrawn or revoked."""
        return self.filter(status__in=Nomination.PUBLIC_STATUSES)

    def for_list(self):
        """Everything a list row shows, in one query."""
        return self.select_related(
            "award_type", "bloc", "agency", "person", "person__agency", "decision", "source"
        )

    def for_year(self, year: int):
        return self.filter(year_id=year)

    def collective(self):
        return self.filter(agency__isnull=False)

    def individual(self):
        return self.filter(person__isnull=False)


class Nomination(NormalizedModel, TimeStamped):
    """A unit or person proposed for an award for one achievement year, and what became of it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        AWARDED = "awarded", _("awarded")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")
        REVOKED = "revoked", _("revoked")

    PUBLIC_STATUSES = (Status.PROPOSED, Status.AWARDED)

    year = models.ForeignKey(
        "awards.EmulationYear",
        to_field="year",
        db_column="year",
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("achievement year"),
    )
    bloc = models.ForeignKey(
        "awards.Bloc",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("bloc"),
    )
    award_type = models.ForeignKey(
        "awards.AwardType",
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("award"),
    )
    agency = models.ForeignKey(
        "awards.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("agency"),
    )
    person = models.ForeignKey(
        "awards.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("person"),
    )
    nominee_name = models.CharField(
        _("nominee as named"),
        max_length=300,
        blank=True,
        help_text=_("The name at the time of the award; filled in from the agency if left empty."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    status_reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why it was rejected, withdrawn or revoked.")
    )
    votes = models.PositiveIntegerField(_("votes"), null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("decision"),
    )
    source = models.ForeignKey(
        "awards.SourceDocument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("source"),
    )
    notes = models.TextField(_("notes"), blank=True)
    override_reason = models.TextField(
        _("rule override reason"),
        blank=True,
        help_text=_("Why it was approved although a quota or eligibility rule warned."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=0,
        editable=False,
        help_text=_("Raised by every save; a form sent from an older version is a conflict."),
    )
    history = HistoricalRecords()

    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-year_id", "award_type__precedence", "nominee_name"]
        permissions = [
            ("decide_nomination", _("Can approve, reject and revoke nominations")),
        ]
        indexes = [
            models.Index(fields=["year", "status"], name="nomination_year_status"),
            models.Index(fields=["award_type", "year"], name="nomination_award_year"),
            # The public list sorted by name walks this instead of sorting every row.
            models.Index(fields=["nominee_name"], name="nomination_nominee_name"),
            # The public list sorted by status (ties by id, the same way) walks this.
            models.Index(fields=["status", "id"], name="nomination_status_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(agency__isnull=False) & models.Q(person__isnull=True))
                | (models.Q(agency__isnull=True) & models.Q(person__isnull=False)),
                name="nomination_one_nominee",
                violation_error_message=_("A nomination names an agency or a person, not both."),
            ),
            models.UniqueConstraint(
                fields=["agency", "award_type", "year"],
                condition=models.Q(agency__isnull=False)
                & models.Q(status__in=["proposed", "awarded"]),
                name="nomination_agency_award_once_a_year",
                violation_error_message=_(
                    "This agency already holds or is proposed for this award in this year."
                ),
            ),
            models.UniqueConstraint(
                fields=["person", "award_type", "year"],
                condition=models.Q(person__isnull=False)
                & models.Q(status__in=["proposed", "awarded"]),
                name="nomination_person_award_once_a_year",
                violation_error_message=_(
                    "This person already holds or is proposed for this award in this year."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="awarded")
                | models.Q(decision__isnull=False)
                | models.Q(source__isnull=False),
                name="nomination_awarded_has_evidence",
                violation_error_message=_("An award needs a decision or a source document."),
            ),
        ]

    def __str__(self):
        return f"{self.nominee_display} – {self.award_type} {self.year_id}"

    @property
    def is_collective(self) -> bool:
        return self.agency_id is not None

    @property
    def nominee_display(self) -> str:
        if self.nominee_name:
            return self.nominee_name
        nominee = self.agency or self.person
        return str(nominee) if nominee else ""

    def achievement_date(self) -> datetime.date:
        """The day whose names apply: the end of the achievement year."""
        return datetime.date(int(self.year_id), 12, 31)

    def clean(self):
        super().clean()
        errors = {}
        has_nominee = self.agency_id or self.person_id
        if (
            self.award_type_id
            and has_nominee
            and not self.award_type.accepts(collective=self.is_collective)
        ):
            errors["award_type"] = _("%(award)s is not given to this kind of nominee.") % {
                "award": self.award_type
            }
        closed = (self.Status.REJECTED, self.Status.WITHDRAWN, self.Status.REVOKED)
        if self.status in closed and not self.status_reason.strip():
            errors["status_reason"] = _("Give the reason for this status.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.nominee_name:
            if self.agency_id:
                self.nominee_name = self.agency.name_on(self.achievement_date())
            elif self.person_id:
                self.nominee_name = self.person.full_name
        super().save(*args, **kwargs)
