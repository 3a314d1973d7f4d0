"""Article text to paragraphs, sentences and list items attached to their header.

Undoes hard wrapping, drops site noise (share bars, related links, comment forms), keeps
photo captions apart, and gives a header ending in ":" the list lines below it.
"""

# The vocabulary below is long Vietnamese alternations; wrapping them would hide the words.
# ruff: noqa: E501

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass

from awards.importer.awards_phrases import _AWARD_RE, _dequote, _status_of
from awards.importer.names import _person, looks_like_unit
from awards.importer.places import is_place
from awards.text import normalize_text

_YEAR_ANY = re.compile(r"\bnăm(?:\s+học)?\s+(\d{4})")
_ABBREV_BEFORE_DOT = {
    "TP",
    "TX",
    "Tp",
    "Q",
    "P",
    "H",
    "TT",
    "ThS",
    "TS",
    "PGS",
    "GS",
    "BS",
    "Th",
    "St",
    "Đ",
    "NXB",
    "Mr",
    "Mrs",
    "v.v",
    "ThS.BS",
}
_NOISE_SECTION = re.compile(
    r"^(?:Tin liên quan|Tin cùng chuyên mục|Bài liên quan|Tin khác|Các tin khác|Xem thêm|Ý kiến bạn đọc|"
    r"Gửi bình luận|Bình luận|Tin mới|Tin đọc nhiều|Đọc nhiều|Tin nổi bật|Từ khóa|Từ khoá|Tags?)\b",
    re.I,
)
_NOISE_LINE = re.compile(
    r"^(?:Chia sẻ|Share|Lượt xem|Lượt đọc|Bản in|In bài|Gửi email|Gửi bạn bè|Gửi cho bạn bè|Lên đầu trang|"
    r"reset captcha|Nhập lại|Facebook|Zalo|Twitter|Like|Tweet|Email|Quay lại|Về trang chủ|»|>>|Nguồn:)",
    re.I,
)
# A comment form's fields left on a line of their own (only on the text shown to readers).
_FORM_FIELD = re.compile(
    r"^(?:Họ và tên|Họ tên|Email|E-mail|Điện thoại|Số điện thoại|Nội dung|Tiêu đề|Mã xác nhận|"
    r"Mã bảo vệ|Gửi|Gửi bình luận|Nhập lại|Hủy|Huỷ)\s*[*:]?\s*$",
    re.I,
)
_CAPTION_RE = re.compile(r"(?:^|[\s.(])Ảnh\s*:\s*[^\n]{0,40}\)?\s*$")
_LIST_MARK = re.compile(r"^\s*(?:\d{1,2}\s*[.)/]|[a-zđ]\)|[-–—•+*·▪●○◦])\s*")
_NUMBER_MARK = re.compile(r"^\s*(?:\d{1,2}\s*[.)/]|[a-zđ]\))\s*")

# ---------------------------------------------------------------------------
# Text preparation


@dataclass
class _Sentence:
    text: str
    items: list[str] | None = None  # list items that follow a header ending in ":"
    status: str | None = None  # inherited from a list header
    caption: bool = False
    item: bool = False  # a list line ("- Sở A: Cờ thi đua …"), not running text


def _join_wrapped(lines: list[str]) -> list[str]:
    """Undo hard wrapping: a block of similar-length lines is one paragraph broken by the editor."""
    out: list[str] = []
    block: list[str] = []
    # a whole document wrapped at a fixed width: most lines are 45-100 characters, none much longer
    sizes = [len(x) for x in lines if x]
    doc_wrapped = (
        len(sizes) >= 6
        and sum(1 for n in sizes if 45 <= n <= 100) >= 0.6 * len(sizes)
        and sum(1 for n in sizes if n > 110) <= 0.05 * len(sizes)
    )

    def flush():
        if not block:
            return
        lengths = [len(x) for x in block[:-1]]
        wrapped = doc_wrapped or (
            len(block) >= 3 and sum(1 for n in lengths if 45 <= n <= 100) >= 0.6 * len(lengths)
        )
        current = block[0]
        for nxt in block[1:]:
            # a list item or a table row ("| 1 | UBND xã A | Cờ thi đua |") stands on its own
            starts_list = (
                bool(_LIST_MARK.match(nxt)) or _is_table_row(nxt) or _is_table_row(current)
            )
            lower_cont = nxt[:1].islower() and not current.endswith((".", ":", ";", "!", "?"))
            if not starts_list and (wrapped or lower_cont) and not _NOISE_LINE.match(nxt):
                current = current + " " + nxt
            else:
                out.append(current)
                current = nxt
        out.append(current)
        out.append("")
        block.clear()

    for line in lines:
        if line:
            block.append(line)
        else:
            flush()
    flush()
    return out


def _is_table_row(line: str) -> bool:
    """A row of a table pasted as text: cells between "|" (tabs were made "|")."""
    return line.count("|") >= 2


def _cells_as_row(line: str) -> str:
    """A line of tab-separated cells as a "|" table row; any other line as it is."""
    if "\t" not in line:
        return line
    cells = line.strip()
    return f"| {' | '.join(cells.split(chr(9)))} |" if "\t" in cells else line


def _clean_lines(text: str) -> tuple[list[str], dict]:
    """NFC per line, CRLF undone, site noise removed; returns lines and the header facts."""
    text = normalize_text(text).replace("\u2028", "\n").replace("\xa0", " ")
    # a table pasted from a word processor keeps its cells apart with tabs: read them as "|";
    # the text is NFC already, and so is every line of it: only the spaces are left to tidy
    raw = [" ".join(_cells_as_row(line).split()) for line in text.split("\n")]
    lines = _join_wrapped(raw)
    meta: dict = {}
    # the title is the first line, a dateline may follow
    idx = 0
    while idx < len(lines) and not lines[idx]:
        idx += 1
    if idx < len(lines):
        meta["title"] = lines[idx]
        # an excerpt that opens mid-article has no title: a first line that heads a list
        # (ends in ":") or runs as long as a paragraph is read as text too
        if not (lines[idx].rstrip().endswith(":") or len(lines[idx]) > 160):
            idx += 1
    body: list[str] = []
    seen_content = False
    table_award: list[str | None] = [None]  # the award a section row of a table heads
    for line in lines[idx:]:
        if not line:
            body.append("")
            continue
        if seen_content and _NOISE_SECTION.match(line):
            break
        if _is_table_row(line):
            row = _table_row(line, table_award)
            if row:
                body.append(row)
            continue
        table_award[0] = None  # text between two tables: a section ends with its table
        if _NOISE_LINE.match(line):
            continue
        if not seen_content and len(line) < 60 and (m := _DATELINE.search(line)):
            with contextlib.suppress(ValueError):
                meta["published"] = dt.date(
                    int(m.group(3)), int(m.group(2)), int(m.group(1))
                ).isoformat()
            continue
        if len(line) > 60:
            seen_content = True
        body.append(line)
    # the author line: the last short capitalised line after the text
    while body and not body[-1]:
        body.pop()
    if body:
        last = body[-1]
        words = last.replace("–", " ").replace("-", " ").split()
        short = 1 <= len(words) <= 8 and len(last) < 50 and not last.endswith((".", ":", ";"))
        if short and all(w[0].isupper() for w in words if w[0].isalpha()):
            meta["authors"] = [a.strip() for a in re.split(r"\s+[–-]\s+|,\s*", last) if a.strip()]
            body.pop()
    return body, meta


def without_site_noise(text: str) -> str:
    """The article as readers should see it: the lines the importer drops as site noise
    (share and print bars, comment forms, related links after the text) removed, the
    rest kept as written."""
    kept: list[str] = []
    seen_content = False
    for line in normalize_text(text).split("\n"):
        stripped = line.strip()
        if seen_content and _NOISE_SECTION.match(stripped):
            break
        if _NOISE_LINE.match(stripped) or _FORM_FIELD.match(stripped):
            continue
        if len(stripped) > 60:
            seen_content = True
        kept.append(line if stripped else "")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def _table_row(line: str, section: list[str | None]) -> str | None:
    """A table row naming a unit or person and an award becomes a list item "- AWARD: NAME".

    A row that names only an award ("| II | Bằng khen của Chủ tịch UBND tỉnh | |") heads
    the rows below it, which name only units; ``section`` keeps that award. Other rows
    (headers, separators, share-button bars) are dropped.
    """
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    awards = [c for c in cells if _AWARD_RE.search(c)]
    names = [
        c
        for c in cells
        if c
        and c not in awards
        and not re.fullmatch(r"[\dIVXivx.\s:-]*", c)
        and (looks_like_unit(c) or _person(c))
    ]
    if len(awards) == 1 and not names:
        section[0] = awards[0]
        return None
    if not awards and names and section[0]:
        awards = [section[0]]
    if len(awards) != 1 or not names:
        return None
    return f"- {awards[0]}: {'; '.join(names)}"


_PLACE_ABBREV = {"TP", "TX", "Tp", "Tx"}


def _place_follows(text: str) -> bool:
    """Does a place's name follow "TP." ("TP. Hồ Chí Minh", "TP. Cà Mau")?"""
    words = re.findall(r"[^\s,.;:()]+", text)[:4]
    return any(is_place(" ".join(words[:n])) for n in range(len(words), 0, -1))


_SENTENCE_END = re.compile(r"[.!?…]+[\"”»)]?\s+")
_DATELINE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
# the words a list header may end with, before the award test (see _is_list_header)
_HEADER_END_WORDS = ("cho", "gồm", "sau", "là", "đơn vị", "tập thể", "cá nhân", "đồng chí")
_HEADER_END = re.compile(r"\b(?:cho|gồm|sau|là|đơn vị|tập thể|cá nhân|đồng chí)$")


def _split_sentences(paragraph: str) -> list[str]:
    out = []
    start = 0
    for m in _SENTENCE_END.finditer(paragraph):
        end = m.end()
        before = paragraph[start : m.start()].split()
        last = before[-1] if before else ""
        nxt = paragraph[end : end + 1]
        if not nxt or not (nxt.isupper() or nxt.isdigit() or nxt in '"“(«-–+•'):
            continue
        token = last.rsplit(".", 1)[-1] if "." in last else last
        if (
            token in _PLACE_ABBREV
            and m.group(0).startswith(".")
            and not _place_follows(paragraph[end : end + 40])
        ):
            # "… và Thanh tra TP. Hai đơn vị …": "TP." closes the sentence unless a place follows
            out.append(paragraph[start:end].strip())
            start = end
            continue
        if (
            token in _ABBREV_BEFORE_DOT
            or last in _ABBREV_BEFORE_DOT
            or (len(token) == 1 and token.isupper())
        ):
            continue
        out.append(paragraph[start:end].strip())
        start = end
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


def _is_list_header(line: str) -> bool:
    """A line that a list follows: it ends in ':', or it names an award and stops unpunctuated
    ("... tặng Cờ thi đua cho các đơn vị" and the units on the dashed lines below).

    A numbered line can head a dashed list of its own ("1. Cờ thi đua … cho 10 tập thể gồm:").
    """
    if _NUMBER_MARK.match(line):
        body = _NUMBER_MARK.sub("", line, count=1).rstrip()
        return body.endswith(":") and bool(_AWARD_RE.search(body))
    if _LIST_MARK.match(line):
        return False
    line = line.rstrip()
    if line.endswith(":"):
        return True
    if not line.endswith(_HEADER_END_WORDS):
        # the last sentence ends where the line does: no header word, no header
        return False
    last = _split_sentences(line)[-1]
    return bool(_HEADER_END.search(last) and _AWARD_RE.search(last))


def _sentences(body: list[str]) -> list[_Sentence]:
    """Paragraphs to sentences; a header ending in ':' takes the list lines that follow it."""
    captions = []
    lines = []
    for line in body:
        if line and "Ảnh" in line and _CAPTION_RE.search(line) and len(line) < 300:
            captions.append(re.sub(r"[\s.(]*Ảnh\s*:.*$", "", line).strip())
            continue
        lines.append(line)
    out: list[_Sentence] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line:
            i += 1
            continue
        if _is_list_header(line):
            items = []
            numbered = bool(_NUMBER_MARK.match(line))
            if numbered:
                line = _NUMBER_MARK.sub("", line, count=1)
            j = i + 1
            while j < len(lines):
                nxt = lines[j]
                if not nxt:
                    j += 1
                    continue
                # under a numbered header only the dashed lines are its items; "2." starts anew,
                # and so does a numbered line that heads a list of its own
                if (
                    _LIST_MARK.match(nxt)
                    and not (numbered and _NUMBER_MARK.match(nxt))
                    and not (_NUMBER_MARK.match(nxt) and _is_list_header(nxt))
                ):
                    items.append(_LIST_MARK.sub("", nxt, count=1))
                    j += 1
                    continue
                break
            if items:
                heads = _split_sentences(line)
                for h in heads[:-1]:
                    out.append(_Sentence(h))
                header = heads[-1] if heads else line
                if any(_AWARD_RE.search(_dequote(it)) for it in items):
                    status = _status_of(header, None)
                    out.append(_Sentence(header))
                    for it in items:
                        for s in _split_sentences(it):
                            out.append(_Sentence(s, status=status, item=True))
                else:
                    out.append(_Sentence(header, items=items))
                i = j
                continue
        item = bool(_LIST_MARK.match(line))
        if item:
            line = _LIST_MARK.sub("", line, count=1)
        for s in _split_sentences(line):
            out.append(_Sentence(s, item=item))
        i += 1
    for cap in captions:
        for s in _split_sentences(cap):
            out.append(_Sentence(s, caption=True))
    return out
