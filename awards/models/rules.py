"""Quotas and eligibility as data: task ratings, quota, exclusion and prerequisite rules.

The rows are configuration that board administrators edit; awards/rules.py is the
one implementation that reads them. Every rule carries its legal basis and the
achievement years it is valid for, because the law changed (2003/2013, 2022, 2025).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .base import NormalizedModel, TimeStamped, validity_constraint


class RuleValidity(models.Model):
    """A rule's name, legal basis and the achievement years it applies to (inclusive)."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=300, help_text=_("Shown in every warning."))
    legal_basis = models.CharField(_("legal basis"), max_length=500)
    valid_from = models.PositiveSmallIntegerField(
        _("valid from year"), null=True, blank=True, help_text=_("Empty: since always.")
    )
    valid_to = models.PositiveSmallIntegerField(
        _("valid to year"), null=True, blank=True, help_text=_("Empty: still in force.")
    )
    active = models.BooleanField(_("active"), default=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def applies_to_year(self, year: int) -> bool:
        return (
            self.active
            and (self.valid_from is None or self.valid_from <= year)
            and (self.valid_to is None or year <= self.valid_to)
        )


def valid_years_constraint(name: str) -> models.CheckConstraint:
    return validity_constraint(
        name, suffix="valid_years", message=_("A rule cannot end before it starts.")
    )


class TaskRating(NormalizedModel, TimeStamped):
    """The yearly task-completion rating (xếp loại mức độ hoàn thành nhiệm vụ) of an agency or
    a person, which several prerequisites count."""

    class Level(models.TextChoices):
        EXCELLENT = "excellent", _("excellently completed tasks (hoàn thành xuất sắc nhiệm vụ)")
        GOOD = "good", _("well completed tasks (hoàn thành tốt nhiệm vụ)")
        COMPLETED = "completed", _("completed tasks (hoàn thành nhiệm vụ)")
        NOT_COMPLETED = "not_completed", _("did not complete tasks (không hoàn thành nhiệm vụ)")

    # Higher is better; "good or better" compares these ranks.
    RANK = {"excellent": 4, "good": 3, "completed": 2, "not_completed": 1}

    year = models.ForeignKey(
        "awards.EmulationYear",
        to_field="year",
        db_column="year",
        on_delete=models.PROTECT,
        related_name="ratings",
        verbose_name=_("year"),
    )
    agency = models.ForeignKey(
        "awards.Agency",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="ratings",
        verbose_name=_("agency"),
    )
    person = models.ForeignKey(
        "awards.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="ratings",
        verbose_name=_("person"),
    )
    level = models.CharField(_("rating"), max_length=20, choices=Level.choices)
    source = models.ForeignKey(
        "awards.SourceDocument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ratings",
        verbose_name=_("source"),
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task rating")
        verbose_name_plural = _("task ratings")
        ordering = ["-year_id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(agency__isnull=False) & models.Q(person__isnull=True))
                | (models.Q(agency__isnull=True) & models.Q(person__isnull=False)),
                name="taskrating_one_subject",
                violation_error_message=_("A rating is of an agency or of a person, not both."),
            ),
            models.UniqueConstraint(
                fields=["agency", "year"],
                condition=models.Q(agency__isnull=False),
                name="taskrating_agency_once_a_year",
                violation_error_message=_("This agency is already rated for this year."),
            ),
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=models.Q(person__isnull=False),
                name="taskrating_person_once_a_year",
                violation_error_message=_("This person is already rated for this year."),
            ),
        ]

    def __str__(self):
        return f"{self.agency or self.person} {self.year_id}: {self.get_level_display()}"

    @classmethod
    def at_least(cls, level: str, minimum: str) -> bool:
        return cls.RANK.get(level, 0) >= cls.RANK[minimum]


class QuotaRule(RuleValidity):
    """How many nominations of an award a bloc may propose in a year: a number or a share.

    The share is of the bloc's members that year, or, when ``share_of`` is set, of the
    bloc's nominations for that other award (e.g. 20% of the provincial-flag holders).
    """

    class Scope(models.TextChoices):
        BLOC = "bloc", _("each bloc")
        ORGANISER = "organiser", _("all blocs of the organiser together")

    award_type = models.ForeignKey(
        "awards.AwardType",
        on_delete=models.CASCADE,
        related_name="quota_rules",
        verbose_name=_("award"),
    )
    scope = models.CharField(
        _("counted over"), max_length=12, choices=Scope.choices, default=Scope.BLOC
    )
    organiser = models.CharField(
        _("organiser"),
        max_length=200,
        blank=True,
        help_text=_("The province or ministry whose regulation sets it; empty: every bloc."),
    )
    bloc = models.ForeignKey(
        "awards.Bloc",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="quota_rules",
        verbose_name=_("only this bloc"),
    )
    max_count = models.PositiveSmallIntegerField(_("at most (number)"), null=True, blank=True)
    max_share = models.DecimalField(
        _("at most (share)"),
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("e.g. 0.2 for 20%."),
    )
    share_of = models.ForeignKey(
        "awards.AwardType",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("share of the nominees for"),
        help_text=_("Empty: a share of the bloc's members that year."),
    )

    class Meta:
        verbose_name = _("quota rule")
        verbose_name_plural = _("quota rules")
        ordering = ["award_type__precedence", "code"]
        constraints = [
            valid_years_constraint("quotarule"),
            models.CheckConstraint(
                condition=models.Q(max_count__isnull=False) | models.Q(max_share__isnull=False),
                name="quotarule_has_limit",
                violation_error_message=_("Give a number or a share."),
            ),
            models.CheckConstraint(
                condition=models.Q(max_share__isnull=True)
                | (models.Q(max_share__gt=0) & models.Q(max_share__lte=1)),
                name="quotarule_share_range",
                violation_error_message=_("A share lies between 0 and 1."),
            ),
        ]


class ExclusionRule(RuleValidity):
    """Awards of which a nominee may hold at most one in a year (one achievement, one award)."""

    award_types = models.ManyToManyField(
        "awards.AwardType", related_name="exclusion_rules", verbose_name=_("awards")
    )

    class Meta:
        verbose_name = _("exclusion rule")
        verbose_name_plural = _("exclusion rules")
        ordering = ["code"]
        constraints = [valid_years_constraint("exclusionrule")]


class PrerequisiteRule(RuleValidity):
    """One condition from history that a nominee for ``award_type`` must meet.

    A statute with several conditions is several rows sharing a legal basis, so that
    each warning names the one condition that fails and the years missing from it.
    Windows end with the nomination's own year.
    """

    class Kind(models.TextChoices):
        HELD_BEFORE = "held_before", _("already holds one of the awards (an earlier year)")
        HELD_SAME_YEAR = "held_same_year", _("holds one of the awards in the same year")
        CHAIN = "chain", _("N consecutive years, each with one of the awards or the rating")
        COUNT = "count", _("in the last N years, at least K years with the awards or the rating")
        LEADS_BLOC = "leads_bloc", _("leads its bloc that year")

    award_type = models.ForeignKey(
        "awards.AwardType",
        on_delete=models.CASCADE,
        related_name="prerequisite_rules",
        verbose_name=_("award"),
    )
    recipients = models.CharField(
        _("applies to"),
        max_length=20,
        choices=[
            ("collective", _("collective")),
            ("individual", _("individual")),
            ("both", _("collective or individual")),
        ],
        default="both",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    required_awards = models.ManyToManyField(
        "awards.AwardType",
        blank=True,
        related_name="required_by_rules",
        verbose_name=_("required awards (any of)"),
    )
    min_rating = models.CharField(
        _("rating at least"), max_length=20, choices=TaskRating.Level.choices, blank=True
    )
    years = models.PositiveSmallIntegerField(_("years (N)"), null=True, blank=True)
    min_count = models.PositiveSmallIntegerField(_("at least (K)"), null=True, blank=True)

    class Meta:
        verbose_name = _("prerequisite rule")
        verbose_name_plural = _("prerequisite rules")
        ordering = ["award_type__precedence", "code"]
        constraints = [
            valid_years_constraint("prerequisiterule"),
            models.CheckConstraint(
                condition=~models.Q(kind__in=["chain", "count"]) | models.Q(years__gte=1),
                name="prerequisiterule_window",
                violation_error_message=_("A chain or a count needs its number of years."),
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="count") | models.Q(min_count__gte=1),
                name="prerequisiterule_count",
                violation_error_message=_("A count needs its minimum."),
            ),
        ]


class BlocSecretary(models.Model):
    """A user who keeps a bloc's records: a bloc secretary sees only the blocs assigned here."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="bloc_assignments",
        verbose_name=_("user"),
    )
    bloc = models.ForeignKey(
        "awards.Bloc",
        on_delete=models.CASCADE,
        related_name="secretaries",
        verbose_name=_("bloc"),
    )

    class Meta:
        verbose_name = _("bloc secretary")
        verbose_name_plural = _("bloc secretaries")
        ordering = ["bloc", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "bloc"], name="blocsecretary_unique"),
        ]

    def __str__(self):
        return f"{self.user} – {self.bloc}"
