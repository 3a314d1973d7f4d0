"""The award catalogue: emulation titles and forms of commendation, kept apart."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class AwardType(models.Model):
    """One award of the catalogue, with a stable code (seeded by a data migration)."""

    class Category(models.TextChoices):
        TITLE = "title", _("Emulation title (danh hiệu thi đua)")
        COMMENDATION = "commendation", _("Form of commendation (hình thức khen thưởng)")
        OTHER = "other", _("Other")

    class Recipients(models.TextChoices):
        COLLECTIVE = "collective", _("collective")
        INDIVIDUAL = "individual", _("individual")
        BOTH = "both", _("collective or individual")

    class Level(models.TextChoices):
        STATE = "state", _("President (State)")
        GOVERNMENT = "government", _("Prime Minister (Government)")
        MINISTRY = "ministry", _("Ministry, sector, central organisation")
        PROVINCE = "province", _("Province")
        GRASSROOTS = "grassroots", _("Grassroots (agency head)")
        OTHER = "other", _("Other")

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("official name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    short_name = models.CharField(_("short name"), max_length=80)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    recipients = models.CharField(_("recipients"), max_length=20, choices=Recipients.choices)
    level = models.CharField(_("deciding level"), max_length=20, choices=Level.choices)
    precedence = models.PositiveSmallIntegerField(
        _("precedence"), default=100, help_text=_("Lower comes first in lists.")
    )
    spellings = models.JSONField(
        _("spellings in the wild"), default=list, blank=True, help_text=_("One phrase per item.")
    )
    cash_multiplier = models.DecimalField(
        _("cash multiplier of the base salary"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("award type")
        verbose_name_plural = _("award types")
        ordering = ["precedence", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cash_multiplier__isnull=True) | models.Q(cash_multiplier__gt=0),
                name="awardtype_multiplier_positive",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("awards:award_type", kwargs={"code": self.code})

    def accepts(self, *, collective: bool) -> bool:
        if self.recipients == self.Recipients.BOTH:
            return True
        return (self.recipients == self.Recipients.COLLECTIVE) == collective
