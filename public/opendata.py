"""What the About page says about the open data: who keeps it, when it last changed, what
each column of a download means and what the API answers.

The data dictionary is made from ``awards.exports.COLUMNS`` and the API's sample from the
API itself, so neither can drift from what a reader downloads.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Max
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from awards import exports
from awards.models import Nomination
from emulation.export_limit import LARGE_API_PAGE
from public import api

# What a column's cells hold, by Column.kind.
KINDS = {
    "number": _("whole number"),
    "text": _("free text"),
    "status": _("status label"),
    "recipient": _("label: collective or individual"),
    "date": _("date, YYYY-MM-DD"),
}
# What each column means, by its header's message id (the header itself is in the
# interface language, as in the files).
MEANINGS = {
    "Year": _("The achievement year the award is for (usually decided the year after)."),
    "Emulation bloc": _("The emulation bloc or cluster that proposed it, by its current name."),
    "Name when awarded": _("The unit or person as named at the time of the award."),
    "Name today": _("The same unit or person by today's name (the same if never renamed)."),
    "Collective or individual": _("Whether a unit (collective) or a person was awarded."),
    "Unit (of an individual)": _("For a person, the unit they worked in, as named that year."),
    "Award": _("The award: an emulation title or a form of commendation."),
    "Status": _("Awarded (a decision granted it) or proposed (not decided yet)."),
    "Decision number": _("The number of the decision that granted it, e.g. 163/QĐ-UBND."),
    "Decision date": _("The date of that decision."),
    "Source": _("The published source the record was taken from: its title, else its address."),
    "Source address": _("The web address of that source, when known."),
}
SAMPLE_QUERY = "page_size=1"


@dataclass(frozen=True)
class DictionaryEntry:
    header: str
    kind: str
    meaning: str


def data_dictionary() -> list[DictionaryEntry]:
    """One entry per exported column, in file order; a column without a written meaning is
    still listed (a test asks for the meaning)."""
    with translation.override(None):  # no catalogue: the message ids
        keys = [str(column.header) for column in exports.COLUMNS]
    return [
        DictionaryEntry(
            header=str(column.header),
            kind=str(KINDS.get(column.kind, column.kind)),
            meaning=str(MEANINGS.get(key, "")),
        )
        for key, column in zip(keys, exports.COLUMNS, strict=True)
    ]


def last_updated():
    """When a public record last changed (one query); None on an empty register."""
    return Nomination.objects.public().aggregate(latest=Max("updated_at"))["latest"]


def api_sample(request) -> tuple[str, str]:
    """The URL and the real answer of a one-row page of ``/api/v1/awards/`` (two queries)."""
    sample = copy.copy(request)
    sample.path = sample.path_info = reverse("api:awards")
    sample.META = {**request.META, "QUERY_STRING": SAMPLE_QUERY}
    sample.GET = QueryDict(SAMPLE_QUERY)
    data = api.awards_page(sample)
    url = sample.build_absolute_uri()
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return url, text


def about_context(request) -> dict:
    return {
        "owner": settings.REGISTER_OWNER,
        "province": settings.REGISTER_PROVINCE,
        "contact_email": settings.REGISTER_CONTACT_EMAIL,
        "licence": settings.OPEN_DATA_LICENCE,
        "licence_url": settings.OPEN_DATA_LICENCE_URL,
        "last_updated": last_updated(),
        "dictionary": data_dictionary(),
        "award_fields": api.award_fields(),
        "api_root": request.build_absolute_uri(reverse("api:root")),
        "csv_url": request.build_absolute_uri(reverse("awards:award_list") + "?format=csv"),
        "sample": api_sample(request),
        "default_page_size": api.DEFAULT_PAGE_SIZE,
        "max_page_size": api.MAX_PAGE_SIZE,
        "large_page": LARGE_API_PAGE,
    }
