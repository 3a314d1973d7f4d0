"""New leaders of a bloc: the head and deputy chosen for the coming term.

Only those elected, designated or handed the role count ("bầu Sở X làm Trưởng
khối năm 2021", "bàn giao nhiệm vụ Cụm trưởng cho Y"); a sitting head who
chairs the meeting is not a new leader. The low-level helpers (sentences, name
splitting) come from ``extracting``; this module only reads role phrases.
"""

# ruff: noqa: E501

from __future__ import annotations

import re

from awards.importer.extracting import (
    _LEAD_RE,
    _NAME_END,
    _NOT_NAME_WORDS,
    _PAREN,
    _YEAR_ANY,
    LeaderData,
    _dequote,
    _is_name_start,
    _Sentence,
    _strip_punct,
    looks_like_unit,
    split_names,
)
from awards.text import match_key

_ROLE_RE = re.compile(
    r"(?P<deputy>Phó\s+Trưởng\s+(?:khối|cụm)|Phó\s+(?:Cụm|Khối)\s+trưởng|(?:Cụm|Khối)\s+phó|"
    r"Phó\s+trưởng\s+(?:khối|cụm))"
    r"|(?P<head>Trưởng\s+(?:khối|cụm)|(?:Cụm|Khối)\s+trưởng)",
    re.I,
)
_YEAR_AFTER = re.compile(r"^\s*(?:,\s*)?(?:trong\s+)?năm(?:\s+học)?\s+(\d{4})")

_ANCHOR_BEFORE = re.compile(
    r"(?P<verb>\blàm|\blà|\bđảm nhận|\bđảm nhiệm|\bgiữ|\bbàn giao(?:\s+(?:lại\s+)?(?:nhiệm vụ|chức|vị trí|cương vị))?)"
    r"(?:\s+(?:nhiệm vụ|vị trí|chức|cương vị|vai trò))?\s+(?:đơn vị\s+)?$",
    re.I,
)
_ELECT_VERB = re.compile(r"\b(?:bầu|suy tôn|giới thiệu|chọn|cử|thống nhất|đề cử|tín nhiệm)\b", re.I)


def _leader_name(text: str) -> str | None:
    text = _PAREN.sub("", text)
    text = _LEAD_RE.sub("", text.strip(" ,;"))
    text = re.sub(r"^\s*(?:và|,|;)\s*", "", text)
    text = re.sub(r"^(?:năm(?:\s+học)?\s+\d{4}(?:\s*[–-]\s*\d{4})?\s*[,;]?\s*(?:và\s+)?)", "", text)
    text = re.sub(r"^(?:Hội nghị|Khối|Cụm|các đơn vị|Các đơn vị)(?:\s+(?:đã|cũng))?\s+", "", text)
    # "Sở X luân phiên giữ chức ...", "Sở X tiếp tục làm ...": the adverb is not the name
    text = re.sub(r"(?:\s+(?:sẽ|tiếp tục|luân phiên|chính thức))+\s*$", "", text)
    text = _strip_punct(text)
    if not text or not _is_name_start(text) or len(text.split()) > 16:
        return None
    if _NOT_NAME_WORDS.search(text) or _ROLE_RE.search(text):
        return None
    return text


_ROLE_THEN_LA = re.compile(
    r"^(?:\s+luân phiên)?(?:\s*,?\s*(?:trong\s+)?năm\s+(?P<y>\d{4}))?\s+(?:sẽ\s+)?là\s+(?P<n>[^;.]+)"
)


def _named_after_role(
    after: str, year: int | None, award_year: int | None, batch: list
) -> tuple[list[str], int | None]:
    """ "Cụm trưởng năm 2025 là X", "hai Cụm phó là A và B": the term after the year summarised.

    A role with its holder after "là" names the sitting leader unless the term is the
    year after the results the meeting summarises (or follows such a head in the sentence).
    """
    m = _ROLE_THEN_LA.match(after)
    if not m or award_year is None:
        return [], None
    y = int(m.group("y")) if m.group("y") else year
    if y is None and any(y2 == award_year + 1 for _l, y2 in batch):
        y = award_year + 1
    if y != award_year + 1:
        return [], None
    text = _NAME_END.split(m.group("n"))[0]
    text = re.split(r",\s*(?=(?:hai\s+|các\s+)?(?:Phó|Cụm|Khối|Trưởng)\b)", text)[0]
    names = []
    for piece in split_names(text):
        name = _leader_name(piece.text)
        if name and looks_like_unit(name):
            names.append(name)
    return names, y


def leaders(sentences: list[_Sentence], award_year: int | None) -> list[LeaderData]:
    found: list[LeaderData] = []
    for sent in sentences:
        if sent.caption:
            continue
        text = _dequote(sent.text)
        roles = list(_ROLE_RE.finditer(text))
        if not roles:
            continue
        batch: list[tuple[LeaderData, int | None]] = []
        prev_end = 0
        for r in roles:
            before = text[prev_end : r.start()]
            anchor = _ANCHOR_BEFORE.search(before)
            ym = _YEAR_AFTER.match(text[r.end() :])
            role_end = r.end() + (ym.end() if ym else 0)
            year = int(ym.group(1)) if ym else None
            if not anchor:
                named, y = _named_after_role(text[r.end() :], year, award_year, batch)
                for agency in named:
                    role = "deputy" if r.group("deputy") else "head"
                    batch.append(
                        (LeaderData(agency=agency, role=role, year=y, sentence=sent.text), y)
                    )
                prev_end = role_end
                continue
            verb = anchor.group("verb").lower()
            name = None
            # "bầu Tòa án tỉnh là Trưởng khối, Viện Kiểm sát là Phó Trưởng khối": "là" names a
            # new leader only after an election verb; "Sở X là Trưởng khối" alone is the sitting one
            if verb == "là" and not (_ELECT_VERB.search(before) or batch):
                prev_end = role_end
                continue
            if verb.startswith("bàn giao"):
                seg = before[: anchor.start()]
                if re.search(r"\bnhận\s*$", seg):
                    name = _leader_name(re.split(r"[;]", seg[: seg.rstrip().rfind("nhận")])[-1])
                else:
                    after = text[role_end:]
                    cm = re.match(r"^\s*(?:,\s*)?cho\s+(?P<n>[^;.]+)", after)
                    if cm:
                        name = _leader_name(_NAME_END.split(cm.group("n"))[0])
            else:
                seg = before[: anchor.start()]
                seg = re.split(r";", seg)[-1]
                passive = re.search(r"^(?P<n>.*?)\s+(?:đã\s+|cũng\s+)?được\b", seg)
                if (passive and _ELECT_VERB.search(seg[passive.end() :])) or (
                    passive and not _ELECT_VERB.search(seg)
                ):
                    name = _leader_name(passive.group("n"))
                else:
                    verbs = list(_ELECT_VERB.finditer(seg))
                    if verbs:
                        seg = seg[verbs[-1].end() :]
                    name = _leader_name(seg)
            prev_end = role_end
            if not name:
                continue
            role = "deputy" if r.group("deputy") else "head"
            if year is None:
                later = _YEAR_ANY.search(text[role_end:])
                if (later and not _ROLE_RE.search(text[role_end : role_end + later.start()])) or (
                    later and r is not roles[-1]
                ):
                    year = int(later.group(1))
            batch.append((LeaderData(agency=name, role=role, year=year, sentence=sent.text), year))
        known = [y for _l, y in batch if y]
        for leader, _y in batch:
            if leader.year is None:
                leader.year = known[0] if known else (award_year + 1 if award_year else None)
            found.append(leader)
    unique = []
    seen = set()
    for leader in found:
        key = (match_key(leader.agency), leader.role, leader.year)
        if key not in seen:
            seen.add(key)
            unique.append(leader)
    return unique
