"""Read a Vietnamese bloc-meeting report and return what a careful reader extracts.

The output is a plain data structure (``ArticleData``) in the shape of the
corpus annotations (shared/corpus/README.md). The rules follow the grammar of
award reporting described under "Writing in the wild" in docs/domain.md:
names that contain "và", "&" and commas, shortened lists, the award before or
after the names, a giver named first, counts followed by names, numbered and
bulleted lists, photo captions. Nothing here touches the database.
"""

# The vocabulary below is long Vietnamese alternations; wrapping them would hide the words.

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.apps import apps
from django.core.exceptions import AppRegistryNotReady, ImproperlyConfigured
from django.utils.translation import gettext

# The helpers below moved to one module per concern; leaders.py and metadata.py import them
# from here, so they stay importable under their old address.
from awards.importer.awards_phrases import (  # noqa: F401
    _AWARD_RE,
    _dequote,
    _level,
    _status_of,
    award_code,
)
from awards.importer.names import (  # noqa: F401
    _COUNT_RE,
    _LEAD_RE,
    _LOWER_PLACE,
    _NAME_END,
    _NOT_NAME_WORDS,
    _PAREN,
    _PLACE_END,
    _UP,
    _clean_name,
    _collapse,
    _is_head,
    _is_name_start,
    _is_upper_start,
    _Name,
    _person,
    _strip_punct,
    _title_words,
    item_name,
    looks_like_unit,
    split_names,
)
from awards.importer.segments import (  # noqa: F401
    _LIST_MARK,
    _YEAR_ANY,
    _Sentence,
    _split_sentences,
)


def _(message: str) -> str:
    """The message in the active language; the English as written when Django is not set up.

    ``extract`` needs no settings (benchmarks and scripts call it bare), so a
    missing configuration falls back to the msgid instead of failing. Before the app
    registry is ready gettext would fail anyway, after loading the catalogues each
    time (a twentieth of the parsing time): the registry is asked first.
    """
    if not apps.ready:
        return message
    try:
        return gettext(message)
    except (AppRegistryNotReady, ImproperlyConfigured):
        return message


# ---------------------------------------------------------------------------
# Data


@dataclass
class NominationData:
    nominee: str
    kind: str  # collective | individual
    award_text: str
    award: str  # a catalogue code, see AWARD_CODES
    status: str  # proposed | awarded
    giver: str | None = None
    written: str | None = None  # the nominee as the article wrote it, when completed
    position: str | None = None  # an individual's post, as written
    sentence: str = ""
    decision: str | None = None  # the number of a decision cited in the same sentence
    frame: str = ""  # the sentence shape that linked the name to the award (nominations.py)
    confidence: float = 1.0  # how far to trust the row: the frame's, less for a flag
    flags: list[str] = field(default_factory=list)  # "count": the names do not fill the count


@dataclass
class DecisionData:
    """A decision cited by the article: "Quyết định số 231/QĐ-TTg ngày 5/3/2021"."""

    number: str
    date: str | None = None  # ISO; None when the article gives no date
    issuer: str | None = None
    signer: str | None = None
    text: str = ""  # the citation as written


@dataclass
class LeaderData:
    agency: str
    role: str  # head | deputy
    year: int | None
    sentence: str = ""
    frame: str = ""  # the sentence shape that named the leader (leaders.py)
    confidence: float = 1.0  # how far to trust it: the frame's, less for a year not written
    # the bloc it heads, where that is not the article's own (a notice naming several blocs)
    bloc: str | None = None


@dataclass
class ArticleData:
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    province: str | None = None
    bloc: str | None = None
    award_year: int | None = None
    meeting_kind: str | None = None  # summary | pledge | midyear
    meeting_date: str | None = None
    venue: str | None = None
    nominations: list[NominationData] = field(default_factory=list)
    leaders: list[LeaderData] = field(default_factory=list)
    decisions: list[DecisionData] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # sentences that name an award or a leader's role but gave no row: shown for staff to read
    unread: list[str] = field(default_factory=list)
    text: str = ""

    @property
    def negative(self) -> bool:
        return not self.nominations and not self.leaders

    def to_dict(self) -> dict:
        """The corpus JSON shape (extra keys are allowed by the scorer)."""
        data = asdict(self)
        data.pop("text")
        data["negative"] = self.negative
        data["decision"] = data["decisions"][0] if data["decisions"] else None
        return data


AWARD_CODES = (
    "gov_flag",
    "prov_flag",
    "ministry_flag",
    "pm_cert",
    "prov_cert",
    "ministry_cert",
    "labor_order_1",
    "labor_order_2",
    "labor_order_3",
    "excellent_collective",
    "emulation_soldier_national",
    "emulation_soldier_province",
    "emulation_soldier_grassroots",
    "other",
)
INDIVIDUAL_AWARDS = {
    "emulation_soldier_national",
    "emulation_soldier_province",
    "emulation_soldier_grassroots",
}


# ---------------------------------------------------------------------------
# Entry point


def extract(text: str) -> ArticleData:
    """Extract the bloc, the meeting, the nominations and the new leaders from article text."""
    from awards.importer.leaders import leaders
    from awards.importer.metadata import read_decisions, read_meeting
    from awards.importer.nominations import _nominations, unread
    from awards.importer.segments import _clean_lines, _sentences

    body, meta = _clean_lines(text)
    article = ArticleData(
        title=meta.get("title"), published=meta.get("published"), authors=meta.get("authors", [])
    )
    article.text = "\n".join(body).strip()

    paragraphs = [p for p in body if p]
    read_meeting(article, paragraphs)
    sentences = _sentences(body)
    read: set[str] = set()  # sentences that gave a row, kept or dropped as a repeat
    article.nominations = _nominations(
        sentences, article.warnings, article.bloc, article.title, used=read
    )
    article.leaders = leaders(sentences, article)
    read_decisions(article, sentences)
    article.unread = unread(sentences, article, read)
    if article.bloc is None:
        article.warnings.append(_("No emulation bloc is named."))
    if article.meeting_date is None:
        article.warnings.append(_("No meeting date was found."))
    return article
