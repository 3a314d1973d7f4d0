"""Where a record comes from: a news article, minutes or a decision."""

import hashlib

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from awards.text import normalize

from .base import NormalizedModel


def content_hash(text: str) -> str:
    """Hash of the text after normalisation, so a re-encoded copy is the same document."""
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()


class SourceDocumentQuerySet(models.QuerySet):
    def public(self):
        """Published articles and decisions; minutes and other papers stay with the staff."""
        return self.filter(kind__in=SourceDocument.PUBLIC_KINDS)


class SourceDocument(NormalizedModel):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("news article")
        MINUTES = "minutes", _("meeting minutes")
        DECISION = "decision", _("decision")
        OTHER = "other", _("other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ARTICLE)
    title = models.CharField(_("title"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    published = models.DateField(_("published"), null=True, blank=True)
    authors = models.CharField(_("authors"), max_length=300, blank=True)
    raw_text = models.TextField(_("text"))
    content_hash = models.CharField(_("content hash"), max_length=64, unique=True, editable=False)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )

    # Published texts; meeting minutes and other papers are the board's, not the public's.
    PUBLIC_KINDS = (Kind.ARTICLE, Kind.DECISION)

    objects = SourceDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")
        ordering = ["-imported_at"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(raw_text=""), name="source_has_text"),
        ]

    def __str__(self):
        return self.title or self.url or f"#{self.pk}"

    def get_absolute_url(self):
        return reverse("awards:source", kwargs={"pk": self.pk})

    @property
    def text_is_public(self) -> bool:
        return self.kind in self.PUBLIC_KINDS

    def save(self, *args, **kwargs):
        self.normalize_text_fields()
        self.content_hash = content_hash(self.raw_text)
        super().save(*args, **kwargs)
