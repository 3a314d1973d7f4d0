"""Nominations: the names each award phrase governs, linked by a small set of frames.

Frames: the award then "cho" and the names; the names before the award ("A và B được
tặng …", "suy tôn A, B đề nghị tặng …"); the award then "là", ":" or "gồm" and the names;
list items under a header that names the award.
"""

# The vocabulary below is long Vietnamese alternations; wrapping them would hide the words.
# ruff: noqa: E501

from __future__ import annotations

import re

from awards.importer.awards_phrases import (
    _AWARD_RE,
    _LAW_CLAUSE,
    _PROPOSE_VERB,
    _SKIP_CLAUSE,
    _dequote,
    _level,
    _status_of,
    award_code,
)
from awards.importer.extracting import INDIVIDUAL_AWARDS, NominationData
from awards.importer.names import (
    _COUNT_RE,
    _LEAD_RE,
    _NAME_END,
    _PAREN,
    _UP,
    _clean_name,
    _collapse,
    _is_head,
    _Name,
    _person,
    _strip_punct,
    looks_like_unit,
    split_names,
)
from awards.importer.segments import _Sentence
from awards.text import match_key

_AFTER_CHO = re.compile(
    r"^(?P<gap>(?:(?!\b(?:tặng|trao|đề nghị|được)\b)[^;:]){0,30}?"
    r"(?:(?:đã\s+)?được\s+(?:đề nghị\s+)?(?:[^;:\s]+\s+){0,4}?(?:xét\s+)?(?:tặng|trao)\s+)?)"
    r"\bcho(?:\s*:\s*|\s+)(?P<rest>.*)$",
    re.S,
)
# the award named first, then given in the passive: "... được trao cho", "... đã được UBND tỉnh tặng cho"
_GIVEN_AFTER = re.compile(
    r"^\s*,?\s*(?:đã\s+|vừa\s+|cũng\s+)*được\s+"
    r"(?:(?!đề nghị|đề xuất|xét|bình|suy tôn|trình)[^\s;:,.]+\s+){0,5}?(?:trao|tặng)\b"
)
# a count, then its names in parentheses: "02 đơn vị (gồm: A, B)" reads as "02 đơn vị gồm: A, B"
_COUNTED_PAREN = re.compile(
    r"(?P<count>\b(?:\d+|hai|ba|bốn|năm)\s+(?:đơn vị|tập thể|cá nhân|đồng chí|doanh nghiệp|cơ quan|trường))"
    r"\s*\(\s*(?P<list>(?:gồm|bao gồm|là)\s*:?\s*[^()]+?)\s*\)",
    re.I,
)
_AFTER_LA = re.compile(r"^\s*(?:năm\s+\d{4}\s*)?,?\s*là\s+(?P<rest>.*)$", re.S)
_AFTER_COLON = re.compile(r"^\s*(?:năm\s+\d{4}\s*)?(?:gồm|bao gồm)?\s*:\s*(?P<rest>.*)$", re.S)
_AFTER_GOM = re.compile(
    r"^(?:(?!\b(?:được|tặng|trao|đề nghị)\b)[^;]){0,60}?\b(?:gồm|bao gồm)\s*:?\s+(?P<rest>.*)$",
    re.S,
)
_COUNT_LEAD = re.compile(
    r"^(?P<count>(?:\d+|một|hai|ba|bốn|năm)\s+(?:đơn vị|tập thể|cá nhân|đồng chí|doanh nghiệp|trường|địa phương|"
    r"cơ quan)[^:;]*?)(?:\s+(?:là|gồm|bao gồm)\s*:?\s*|\s*:\s*)(?P<rest>.*)$",
    re.I | re.S,
)
_SUBJECT_END = re.compile(
    r"(?<!công)(?<!ghi)(?<!xác)(?<!tiếp)(?<!thừa)(?:\s+(?:đã|cũng|đều|vừa|được|rất|vinh dự))*\s+(?:được|nhận|đón nhận|vinh dự|có tên)\b"
)


# a rank or a score after the name: "Sở X dẫn đầu khối với 98,5 điểm", "Sở Y xếp thứ hai"
_RANK_TAIL = re.compile(
    r"\s*,?\s+(?:(?:dẫn đầu|đứng đầu)(?:\s+(?:khối|cụm|toàn khối|toàn cụm))?|(?:xếp|đứng)\s+(?:thứ|hạng|vị trí)\s+\w+)"
    r"(?:\s+với\s+[\d,.]+\s+điểm)?|\s*,?\s+(?:với|đạt)\s+[\d,.]+\s+điểm"
)
# a list cut short by the next award: "tặng Cờ thi đua cho A và Bằng khen cho B"
_DANGLING_JOIN = re.compile(r"\s*(?:,|\bvà|\bcùng)\s*$")


def _names_after(rest: str) -> str | None:
    m = _COUNT_LEAD.match(rest.strip())
    if m:
        rest = m.group("rest")
    elif _COUNT_RE.match(rest):
        return None
    end = _NAME_END.search(rest)
    if end:
        rest = rest[: end.start()]
    return rest


def _names_for(clause: str, start: int, end: int, prev_end: int, next_start: int) -> str | None:
    """Find the nominee text of the award mention clause[start:end]."""
    got = _names_for_raw(clause, start, end, prev_end, next_start)
    if got is None:
        return None
    return _DANGLING_JOIN.sub("", _RANK_TAIL.sub("", got))


def _names_for_raw(clause: str, start: int, end: int, prev_end: int, next_start: int) -> str | None:
    after = clause[end:next_start]
    for pattern in (_AFTER_CHO, _AFTER_LA, _AFTER_COLON, _AFTER_GOM):
        m = pattern.match(after)
        if m:
            got = _names_after(m.group("rest"))
            if got is not None:
                return got
            return None
    before = clause[prev_end:start]
    ends = list(_SUBJECT_END.finditer(before))
    sm = ends[-1] if ends else None
    if sm:
        subject = before[: sm.start()]
        subject = _LEAD_RE.sub("", subject.strip(" ,;"))
        verbs = list(_PROPOSE_VERB.finditer(subject))
        if verbs:
            subject = subject[verbs[-1].end() :]
        if ":" in subject:
            head, tail = subject.rsplit(":", 1)
            if not re.search(r"\bcác\s+\w+(?:,\s*\w+(?:\s+\w+)?)?\s*$", head):
                subject = tail
        subject = re.sub(r"^\s*(?:và|,|;)\s*", "", subject)
        if subject.strip():
            return subject
    # "suy tôn Sở X là ...", "suy tôn các tỉnh A, B đề nghị tặng ...": a comma before a
    # capital continues the list, before anything else it ends the name
    m = re.search(
        rf"\b(?:suy tôn|bình chọn)\s+(?P<n>.+?)\s*(?:,?\s*là\s+|\s+dẫn đầu|,?\s+(?:đề nghị|để|được)\b|,(?!\s*[{_UP}]))",
        before,
    )
    if m:
        return m.group("n")
    return None


# ---------------------------------------------------------------------------
# Nominations


def _clauses(sentence: str) -> list[str]:
    """Split at ';' except inside a list introduced by '...AWARD (gồm):'."""
    colon_at = None
    for m in re.finditer(r":", sentence):
        if _AWARD_RE.search(sentence[: m.start()]) and not _AWARD_RE.search(sentence[m.end() :]):
            colon_at = m.end()
    if colon_at is not None:
        head, tail = sentence[:colon_at], sentence[colon_at:].replace(";", "\x02")
        return [
            *[c for c in re.split(r"\s*;\s*", head[:-1]) if c][:-1],
            re.split(r"\s*;\s*", head[:-1])[-1] + ":" + tail,
        ]
    merged: list[str] = []
    for c in re.split(r"\s*;\s*", sentence):
        if not c.strip():
            continue
        # "... tặng Bằng khen cho A và B; C": a bare list of units after ';' goes on with the list
        if (
            merged
            and re.search(r"\bcho\s+[^:]*$", merged[-1])
            and _is_head(c.strip())
            and not _AWARD_RE.search(c)
            and not re.search(
                r"\b(?:được|đề nghị|tặng|trao|nhận|là|làm|bầu|đã|xin|rút|không|sẽ|có)\b", c
            )
        ):
            merged[-1] += ", " + c
            continue
        merged.append(c)
    return merged


def _giver_window(before: str) -> str:
    # "... cho Viện Kiểm sát nhân dân tỉnh và Bằng khen": the words before hold a nominee, not a giver
    if re.search(r"\bcho\b", before):
        return ""
    cut = 0
    for m in re.finditer(r"đề nghị|\bđược\b|\bnhận\b|,|:", before):
        cut = m.end()
    return before[cut:]


def _nominations(
    sentences: list[_Sentence], warnings: list[str], bloc: str | None = None
) -> list[NominationData]:
    found: list[NominationData] = []
    for sent in sentences:
        text = _dequote(_PAREN.sub("", _COUNTED_PAREN.sub(r"\g<count> \g<list>", sent.text)))
        if _LAW_CLAUSE.search(text):
            continue
        sentence_status = sent.status
        prev_level_text = None
        clauses = _clauses(text)
        for ci, clause in enumerate(clauses):
            if _SKIP_CLAUSE.search(clause):
                continue
            mentions = list(_AWARD_RE.finditer(clause))
            prev_end = 0
            for mi, m in enumerate(mentions):
                next_start = mentions[mi + 1].start() if mi + 1 < len(mentions) else len(clause)
                before_all = clause[: m.start()]
                status = _status_of(before_all, sentence_status)
                if status is None:
                    # "Chủ tịch UBND tỉnh tặng Bằng khen cho ...": a giver that gives, unasked;
                    # "Bằng khen của Thủ tướng Chính phủ được trao cho ...": given, in the passive
                    given = re.search(r"\b(?:nhận|tặng)\b", before_all) or _GIVEN_AFTER.match(
                        clause[m.end() : next_start]
                    )
                    status = "awarded" if given else "proposed"
                sentence_status = status
                suffix = m.group("suffix").strip() or None
                window = _giver_window(clause[prev_end : m.start()])
                giver = window if _level(window) else None
                if not suffix and not giver and prev_level_text:
                    giver = prev_level_text
                if suffix or giver:
                    prev_level_text = suffix or giver
                code = award_code(m.group("core"), suffix, giver)
                is_last = mi == len(mentions) - 1 and ci == len(clauses) - 1
                if sent.items is not None and is_last:
                    raw_names: list[_Name] = []
                    for item in sent.items:
                        raw_names.extend(
                            split_names(item) if _person(item) else [_Name(_strip_punct(item))]
                        )
                else:
                    names_text = _names_for(clause, m.start(), m.end(), prev_end, next_start)
                    raw_names = split_names(names_text) if names_text else []
                prev_end = m.end()
                award_text = _collapse(m.group(0))
                for raw in raw_names:
                    if raw.kind == "collective" and _person(raw.text):
                        person = _person(raw.text)
                        raw = _Name(person[0], kind="individual", position=person[1])
                    name = _clean_name(raw)
                    if not name or (
                        name.kind == "collective" and not looks_like_unit(name.text, bloc)
                    ):
                        continue
                    kind = (
                        "individual"
                        if (name.kind == "individual" or code in INDIVIDUAL_AWARDS)
                        else "collective"
                    )
                    found.append(
                        NominationData(
                            nominee=name.text,
                            kind=kind,
                            award_text=award_text,
                            award=code,
                            status=status,
                            giver=_collapse(giver) if giver else None,
                            written=name.written,
                            position=name.position,
                            sentence=sent.text,
                        )
                    )
    unique: list[NominationData] = []
    seen = set()
    for nom in found:
        key = (match_key(nom.nominee), nom.award)
        if key in seen:
            continue
        seen.add(key)
        unique.append(nom)
    return unique
