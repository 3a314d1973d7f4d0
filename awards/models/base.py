"""Shared model plumbing: NFC on every save, timestamps, names that change over time."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.text import normalize, normalize_text


class NormalizedModel(models.Model):
    """Normalises every text field to NFC before saving, so no lookup misses on encoding.

    Single-line fields also get their whitespace collapsed (a line break inside a
    name pasted from an article); multi-line text keeps its lines.
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.normalize_text_fields()
        super().save(*args, **kwargs)

    def normalize_text_fields(self) -> None:
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname, None)
            if not isinstance(value, str):
                continue
            if isinstance(field, models.TextField):
                value = normalize_text(value)
            elif isinstance(field, models.CharField):
                value = normalize(value)
            setattr(self, field.attname, value)


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


NAME_PERIOD_MESSAGE = _("A name cannot end before it starts.")


def validity_constraint(
    prefix: str, *, suffix: str = "valid_period", message=NAME_PERIOD_MESSAGE
) -> models.CheckConstraint:
    """A period's end (valid_to) is never before its start (valid_from); either may be open."""
    return models.CheckConstraint(
        condition=models.Q(valid_to__isnull=True)
        | models.Q(valid_from__isnull=True)
        | models.Q(valid_to__gte=models.F("valid_from")),
        name=f"{prefix}_{suffix}",
        violation_error_message=message,
    )


def in_force(valid_from, valid_to, day) -> bool:
    """Whether a period covers ``day`` (either end may be open): the one definition of
    "the name in force on a date", used by the models, the public pages and the importer."""
    return (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to)


def name_valid_on(names, on):
    """Pick, from name rows ordered by valid_from, the one in force on a date.

    Works on a prefetched list so that pages showing many names make no query each.
    """
    if on is None:
        return None
    return next((row for row in names if in_force(row.valid_from, row.valid_to, on)), None)
