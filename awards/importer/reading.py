"""Turn uploaded bytes or pasted text into clean article text.

Articles reach the board as UTF-8 (with or without BOM), UTF-16, Windows-1258
files or saved HTML pages. Everything that is not an article (empty, binary,
an image, a huge file, a page of script) is refused with one ``ArticleInputError``
before anything is parsed or written.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from itertools import pairwise

from django.utils.translation import gettext_lazy as _

from awards.text import fold

MAX_BYTES = 20 * 1024 * 1024

# Magic numbers of the binary formats people most often upload by mistake.
_MAGIC = (
    (b"\x89PNG", _("PNG image")),
    (b"\xff\xd8\xff", _("JPEG image")),
    (b"GIF87a", _("GIF image")),
    (b"GIF89a", _("GIF image")),
    (b"BM", None),  # bitmap: only if it is also binary, checked below
    (b"II*\x00", _("TIFF image")),
    (b"MM\x00*", _("TIFF image")),
    (b"%PDF", _("PDF document")),
    (b"PK\x03\x04", _("ZIP/Office document")),
    (b"\xd0\xcf\x11\xe0", _("Office document")),
    (b"\x1f\x8b", _("gzip archive")),
    (b"\x7fELF", _("executable")),
    (b"MZ", None),
)
_HTML_HINT = re.compile(
    rb"<\s*(!doctype\s+html|html|head|body|div|p|article|meta|script|br)\b", re.I
)
_CODE_CHARS = re.compile(r"[{};=<>()\[\]$]")
_WORD = re.compile(r"[^\W\d_]{2,}")


class ArticleInputError(ValueError):
    """The input is not an article we can read; nothing has been written."""


def _is_image_or_binary(data: bytes) -> str | None:
    head = data[:16]
    for magic, label in _MAGIC:
        if head.startswith(magic) and label:
            return label
    if head[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _("WEBP image")
    return None


def _looks_utf16(data: bytes) -> str | None:
    """Guess UTF-16 without BOM: Vietnamese text has a NUL in every other byte for ASCII."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> str:
    """Decode bytes of an article, trying the encodings Vietnamese offices actually use."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return data.decode("utf-16", errors="replace")
    utf16 = _looks_utf16(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    if b"\x00" in data:  # anywhere, not only in the head: the database cannot store it
        raise ArticleInputError(_("The file is binary, not text."))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Windows-1258 writes tone marks as combining characters; NFC later composes them.
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ArticleInputError(_("The text encoding could not be recognised."))
    return str(best)


def looks_like_html(text: str) -> bool:
    """A page, not text that happens to quote a tag: it opens with markup or is full of it."""
    head = text[:5000].encode("utf-8", errors="ignore")
    if head.lstrip().startswith(b"<") and _HTML_HINT.search(head):
        return True
    return len(_HTML_HINT.findall(head)) >= 3


def html_to_text(html: str) -> str:
    """Keep only the article's own text (no navigation, share buttons or comment forms)."""
    import trafilatura  # imported lazily: it is slow to load and only HTML needs it

    text = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=True,
        include_links=False,
        favor_precision=True,
        with_metadata=False,
    )
    if not text:
        text = trafilatura.extract(html, include_comments=False, favor_recall=True) or ""
    # trafilatura drops the <title>/<h1> headline at times, and repeats it at others:
    # keep it once, as the first line.
    metadata = trafilatura.extract_metadata(html)
    headline = (getattr(metadata, "title", None) or "").strip() if metadata else ""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if headline:
        lines = [headline, *(line for line in lines if fold(line) != fold(headline))]
    return _as_paragraphs(lines)


_LIST_ITEM = re.compile(r"^(?:[-+•*–]|\d{1,2}[.)]|[a-zđ][.)])\s")


def _as_paragraphs(lines: list[str]) -> str:
    """One line per paragraph or list item, as the text importer reads plain articles:
    paragraphs apart by a blank line, the items of a list kept under their lead-in."""
    if not lines:
        return ""
    out = [lines[0]]
    for previous, line in pairwise(lines):
        joined = _LIST_ITEM.match(line) or previous.endswith(":")
        out.append(("\n" if joined else "\n\n") + line)
    return "".join(out)


def check_text(text: str) -> str:
    """Refuse text that cannot be an article: empty, binary noise or a page of code."""
    text = text.replace("\ufeff", "")
    stripped = text.strip()
    if not stripped:
        raise ArticleInputError(_("The article is empty."))
    controls = sum(
        1 for ch in stripped[:20000] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f"
    )
    sample_len = min(len(stripped), 20000)
    if controls > 0.01 * sample_len or "\ufffd" * 4 in stripped:
        raise ArticleInputError(_("The file is binary, not text."))
    words = _WORD.findall(stripped[:50000])
    if len(words) < 3:
        raise ArticleInputError(_("The text has no words to read."))
    code = len(_CODE_CHARS.findall(stripped[:50000]))
    if code > 0.04 * min(len(stripped), 50000) and code > 20:
        raise ArticleInputError(_("The text looks like program code, not an article."))
    return text


def read_article(data: bytes | str, *, filename: str | None = None) -> str:
    """Bytes or text in, article text out (NFC is applied later, by the extractor)."""
    if isinstance(data, str):
        if len(data.encode("utf-8", errors="ignore")) > MAX_BYTES:
            raise ArticleInputError(_("The article is larger than 20 MB."))
        text = data
    else:
        if not data:
            raise ArticleInputError(_("The article is empty."))
        if len(data) > MAX_BYTES:
            raise ArticleInputError(_("The article is larger than 20 MB."))
        label = _is_image_or_binary(data)
        if label:
            raise ArticleInputError(_("The file is a %(kind)s, not an article.") % {"kind": label})
        text = decode_bytes(data)
    if "\x00" in text:
        # a NUL anywhere (also after UTF-16 decoding, or in pasted text) is binary: PostgreSQL
        # refuses it, so a dry run that let it through would promise an import that fails
        raise ArticleInputError(_("The file is binary, not text."))
    name = (filename or "").lower()
    if name.endswith((".html", ".htm", ".xhtml")) or looks_like_html(text):
        text = html_to_text(text)
        if not text or not text.strip():
            raise ArticleInputError(_("The page holds no article text."))
    return check_text(text)
