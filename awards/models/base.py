"""Shared model plumbing: NFC on every save, timestamps, names that change over time."""

import datetime
import functools

from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.text import fold, match_key, normalize, normalize_text, slugify_vi

# Between an identity's names and its context in ``search_text``: folded names are never empty.
CONTEXT_SEPARATOR = "\n\n"


def compose_search_text(names, context=()) -> str:
    """The folded ``search_text``: every name one per line, then, after a blank line, the
    context the public search also matches (province, blocs) and the names with their
    abbreviations written out, so that "SCT bac ninh" finds "Sở Công Thương" of Bắc Ninh.

    A plain function over plain values, so that a migration can rebuild the column.
    """
    from awards.abbreviations import expand  # abbreviations imports awards.text only

    folded = list(dict.fromkeys(fold(t) for t in names if t and fold(t)))
    extra = [fold(t) for t in context if t]
    extra += [form for name in folded for form in (match_key(name), expand(name))]
    extra = [line for line in dict.fromkeys(extra) if line and line not in folded]
    text = "\n".join(folded)
    return text + CONTEXT_SEPARATOR + "\n".join(extra) if extra else text


def search_names(search_text: str) -> list[str]:
    """The folded names of a ``search_text`` (current, former, aliases), without the context."""
    return [line for line in search_text.split(CONTEXT_SEPARATOR, 1)[0].split("\n") if line]


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


@functools.lru_cache(maxsize=4096)
def same_name(then: str, now: str, *, province: str = "") -> bool:
    """Whether two spellings name the same thing, so that showing "now …" would be noise.

    Compared folded, with abbreviations expanded (case, marks, "&"/"và", "HTX"/"Hợp
    tác xã" are not renames), and with the province's name allowed at the end of
    either: "Quỹ Đầu tư phát triển tỉnh" is "Quỹ Đầu tư phát triển tỉnh Bắc Ninh"
    written inside Bắc Ninh. Any other difference is a rename.
    """
    from awards.abbreviations import expand  # it imports awards.text, as this module does

    a, b = expand(then), expand(now)
    if a == b:
        return True
    suffix = " " + match_key(province) if match_key(province) else ""
    return bool(suffix) and a.removesuffix(suffix) == b.removesuffix(suffix)


def name_valid_on(names, on):
    """Pick, from name rows ordered by valid_from, the one in force on a date.

    Works on a prefetched list so that pages showing many names make no query each.
    """
    if on is None:
        return None
    return next((row for row in names if in_force(row.valid_from, row.valid_to, on)), None)


def unique_slug(model, text: str, instance_pk=None) -> str:
    """An ASCII slug from a Vietnamese name, suffixed -2, -3… when taken."""
    base = slugify_vi(text) or "x"
    slug, n = base, 1
    while model._default_manager.filter(slug=slug).exclude(pk=instance_pk).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class NamedOverTime(NormalizedModel):
    """An identity whose name changes over time: an agency, a bloc.

    The concrete model has ``name`` (the name in force now), ``slug`` and
    ``search_text``; its name history is a ``NamePeriod`` model with
    ``related_name="names"``, and its other spellings are ``Alias`` rows
    (``related_name="aliases"``). ``search_text`` holds every one of them folded,
    one per line, for the accent-insensitive search, then the context of
    ``search_context`` (``compose_search_text``).
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.normalize_text_fields()
        if not self.slug:
            self.slug = unique_slug(type(self), self.slug_text(), self.pk)
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)

    def slug_text(self) -> str:
        """The text the slug is made from when none is given."""
        return self.name

    def build_search_text(self) -> str:
        texts = [self.name]
        if self.pk:
            texts += list(self.names.values_list("name", flat=True))
            texts += list(self.aliases.values_list("text", flat=True))
        return compose_search_text(texts, self.search_context())

    def search_context(self) -> list[str]:
        """Other words a reader may add to the name (the province…); none by default."""
        return []

    def refresh_search_text(self) -> None:
        """Called when a name or alias changes; a queryset update so no signal loops."""
        type(self)._default_manager.filter(pk=self.pk).update(search_text=self.build_search_text())

    def name_on(self, day: datetime.date | None) -> str:
        """The name in force on a day (the current name when no history covers it)."""
        row = name_valid_on(self.names.all(), day)
        return row.name if row else self.name


class NamePeriod(NormalizedModel):
    """A name an identity (``NamedOverTime``) bore from ``valid_from`` to ``valid_to``.

    Either end may be open; the open-ended row is the current name, and saving it
    makes it the owner's ``name``. ``owner_field`` names the foreign key to the owner.
    """

    owner_field = ""

    name = models.CharField(_("name"), max_length=300)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        owner = getattr(self, self.owner_field)
        if self.valid_to is None and owner.name != self.name:
            type(owner)._default_manager.filter(pk=owner.pk).update(name=self.name)
            owner.name = self.name
        owner.refresh_search_text()

    def in_force_on(self, day: datetime.date) -> bool:
        return in_force(self.valid_from, self.valid_to, day)
