"""Vietnamese text handling: the one place that normalises, folds and slugifies.

Everything that stores, searches or matches text calls these functions, so that
"Sở Công thương", "SO CONG THUONG" and a decomposed "Sở Công thương" all meet.
"""

import functools
import re
import unicodedata

# NFD leaves đ/Đ whole (they are letters, not d + mark), so map them by hand.
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^a-z0-9&]+")
_VIETNAMESE_MARKS = re.compile("[\u0300-\u036f]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def normalize(value: str | None) -> str:
    """NFC, with runs of whitespace (also line breaks inside a name) made one space."""
    if not value:
        return ""
    value = unicodedata.normalize("NFC", value).replace("\ufeff", "")
    return _SPACES.sub(" ", value).strip()


def normalize_text(value: str | None) -> str:
    """NFC for multi-line text (articles, notes): line breaks kept, CR LF and CR made LF."""
    if not value:
        return ""
    value = unicodedata.normalize("NFC", value).replace("\ufeff", "")
    return value.replace("\r\n", "\n").replace("\r", "\n")


def strip_marks(value: str) -> str:
    """Remove tone and vowel marks; đ becomes d. Case is kept.

    Every Vietnamese mark decomposes into U+0300–U+036F, dropped by one regex; only
    the few other non-ASCII characters left (quotes, dashes, other scripts) are looked
    up one by one. A character loop over whole articles was a tenth of the importer's time.
    """
    decomposed = _VIETNAMESE_MARKS.sub("", unicodedata.normalize("NFD", value.translate(_D_MAP)))
    if decomposed.isascii():
        return decomposed
    return _NON_ASCII.sub(_drop_combining, decomposed)


def _drop_combining(match: re.Match) -> str:
    return "" if unicodedata.combining(match.group()) else match.group()


def fold(value: str | None) -> str:
    """Lower case, marks stripped, đ → d, whitespace collapsed: the form for search and matching.

    Old and new tone placement ("hoà"/"hòa") fold to the same string, since the
    marks are dropped. "&" is kept; callers that treat "&" and "và" alike use
    ``match_key``. Idempotent: fold(fold(x)) == fold(x).
    """
    if not value:
        return ""
    # NFD inside strip_marks accepts any normal form, so no NFC pass is needed first.
    return _SPACES.sub(" ", strip_marks(value).replace("\ufeff", "")).strip().lower()


def match_key(value: str | None) -> str:
    """A stricter key for matching names: folded, "&" read as "va", punctuation dropped."""
    folded = fold(value).replace("&", " va ")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", folded)).strip()


def slugify_vi(value: str | None, max_length: int = 80) -> str:
    """An ASCII slug: "Sở Thông tin & Truyền thông" → "so-thong-tin-truyen-thong"."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(value)).strip("-")
    return slug[:max_length].rstrip("-")


# Vietnamese collation: the order of ICU's "vi" collation (PostgreSQL's vi_icu), in Python.
# Letters: the Vietnamese alphabet, with f, j, w, z where the Latin one has them.
_LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# The 29 letters of the Vietnamese alphabet, the headings of an A–Z list.
ALPHABET = tuple(c.upper() for c in _LETTERS if c not in "fjwz")
# Spaces and punctuation sort before digits, digits before letters; this is ICU's order
# (read from PostgreSQL: ORDER BY … COLLATE vi_icu over these characters).
_BEFORE_LETTERS = " _-–—,;:!?.…·'‘’\"“”«»()[]{}@*/\\&#%`^+<=>|~$0123456789"
_PRIMARY = {ch: i for i, ch in enumerate(_BEFORE_LETTERS + _LETTERS, start=1)}
# Tones are a secondary difference, in the order of Vietnamese dictionaries (and of ICU):
# level, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


@functools.lru_cache(maxsize=65536)
def _letter_weights(ch: str) -> tuple[int, int, int]:
    """(primary, tone, case) of one NFC character."""
    lower = ch.lower()
    decomposed = unicodedata.normalize("NFD", lower)
    tone = next((_TONES[m] for m in decomposed if m in _TONES), 0)
    base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in _TONES))
    # Characters outside the table (other scripts, symbols) come after it, by code point.
    primary = _PRIMARY.get(base) or len(_PRIMARY) + 1 + ord(base[0])
    return primary, tone, 0 if ch == lower else 1


def sort_key(value: str | None) -> tuple:
    """The key that sorts Vietnamese names as a Vietnamese reader expects (and as ICU does).

    "Ban Tổ chức" before "Ban Tuyên giáo" (ô before u), "Đ…" after every "D…" and before
    "E…", "Ủy…" among the "U…" and "Ư…" after them. Letters count first, then tones
    (none, huyền, hỏi, ngã, sắc, nặng), then case (lower first), then the code points:
    the levels of ICU's comparison, so that this order and PostgreSQL's ``vi_icu``
    collation agree (tests/test_collation.py holds them to it). SQLite sorts with it.
    """
    text = normalize(value)
    weights = [_letter_weights(ch) for ch in text]
    return (
        tuple(w[0] for w in weights),
        tuple(w[1] for w in weights),
        tuple(w[2] for w in weights),
        text.encode(),
    )


def initial(value: str | None) -> str:
    """The letter a name is filed under in an A–Z list: "Ủy ban…" under U, "Đài…" under Đ."""
    text = normalize(value)
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text[0].upper())
    letter = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in _TONES))
    return letter if letter.lower() in _LETTERS else "#"


def given_name(full_name: str | None) -> str:
    """The given name (tên), the last word of a Vietnamese full name: lists of people sort by it."""
    return normalize(full_name).rpartition(" ")[2]
