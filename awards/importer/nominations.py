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
    _HOUSEHOLD,
    _LEAD_RE,
    _NAME_END,
    _PAREN,
    _SUB_UNIT,
    _UP,
    NUMBER_WORDS,
    _clean_name,
    _collapse,
    _is_head,
    _Name,
    _person,
    _strip_punct,
    item_name,
    looks_like_unit,
    misspelt_head,
    number_value,
    split_names,
)
from awards.importer.segments import _Sentence
from awards.text import fold, match_key

_AFTER_CHO = re.compile(
    r"^(?P<gap>(?:(?!\b(?:tặng|trao|đề nghị|được)\b)[^;:]){0,80}?"
    r"(?:(?:đã\s+)?được\s+(?:đề nghị\s+)?(?:[^;:\s]+\s+){0,4}?(?:xét\s+)?(?:tặng|trao)\s+)?)"
    r"\bcho(?:\s*:\s*|\s+|(?=[A-ZĐ]))(?P<rest>.*)$",
    re.S,
)
# the award named first, then given in the passive: "... được trao cho", "... đã được UBND tỉnh tặng cho"
_GIVEN_AFTER = re.compile(
    r"^\s*,?\s*(?:đã\s+|vừa\s+|cũng\s+)*được\s+"
    r"(?:(?!đề nghị|đề xuất|xét|bình|suy tôn|trình)[^\s;:,.]+\s+){0,5}?(?:trao|tặng)\b"
)
# a count, then its names in parentheses: "02 đơn vị (gồm: A, B)" reads as "02 đơn vị gồm: A, B"
_COUNTED_PAREN = re.compile(
    rf"(?P<count>\b(?:\d+|{NUMBER_WORDS})\s+(?P<noun>đơn vị|tập thể|cá nhân|đồng chí|doanh nghiệp|cơ quan|"
    r"trường|địa phương|công ty|bệnh viện|xã|phường|thị trấn|huyện))"
    r"\s*\(\s*(?P<list>(?:(?:gồm|bao gồm|là)\s*:?\s*)?[^()]+?)\s*\)",
    re.I,
)
_PLACE_NOUNS = {"xã", "phường", "thị trấn", "huyện"}


def _counted_list(m: re.Match) -> str:
    """ "02 tập thể (A, B)" and "02 tập thể (gồm: A, B)" both read as "02 tập thể gồm: A, B";
    "3 xã (A, B và C)" as "3 xã gồm: xã A, xã B và xã C"."""
    listed = m.group("list")
    if re.match(r"(?:gồm|bao gồm|là)\b", listed, re.I):
        return f"{m.group('count')} {listed}"
    if not listed[:1].isupper():
        return m.group(0)
    noun = m.group("noun").lower()
    if noun in _PLACE_NOUNS:
        listed = re.sub(
            rf"(^|,\s*|\s+và\s+)(?=[{_UP}])(?!(?:Xã|Phường|Thị trấn|Huyện)\b)",
            rf"\g<1>{noun} ",
            listed,
        )
    return f"{m.group('count')} gồm: {listed}"


# "17 đơn vị được nhận cờ … (trong đó Hội A là 1 trong những đơn vị …)", "cho 5 tập thể (trong
# đó có Trường B)": the one named inside stands for the count it belongs to
_WITHIN_PAREN = re.compile(
    r"\s*\(\s*trong đó\s+(?:có\s+)?(?P<name>[^()]+?)"
    r"(?:\s+(?:cũng\s+)?là\s+(?:1|một)\s+trong\b[^()]*)?\s*\)"
)
_COUNT_PHRASE = re.compile(
    rf"\b(?:\d{{1,3}}|{NUMBER_WORDS})\s+(?P<noun>đơn vị|tập thể|cá nhân|đồng chí|doanh nghiệp|cơ quan|trường|"
    r"địa phương|xã|phường|huyện)\b(?:\s+(?:xuất sắc|tiêu biểu|có thành tích xuất sắc))?",
    re.I,
)


def _named_within_counts(text: str) -> str:
    """Put the name a "(trong đó …)" gives in place of the count before it, so the sentence
    reads as if it named it: "5 tập thể và 5 cá nhân được nhận Bằng khen (trong đó có đồng
    chí A)" → "5 tập thể và đồng chí A được nhận Bằng khen". A person takes the count of
    persons, a unit the last count of units; no fitting count, no change."""
    out, start = [], 0
    for m in _WITHIN_PAREN.finditer(text):
        name = m.group("name").strip()
        person = _person(name)
        clause_at = max(text.rfind(";", 0, m.start()), start - 1) + 1
        counts = [
            c
            for c in _COUNT_PHRASE.finditer(text, clause_at, m.start())
            if (c.group("noun").lower() in {"cá nhân", "đồng chí"}) == bool(person)
        ]
        if not counts or not (person or looks_like_unit(name)):
            continue
        c = counts[-1]
        out.append(text[start : c.start()] + name + text[c.end() : m.start()])
        start = m.end()
    return "".join(out) + text[start:] if out else text


# "… đón nhận danh hiệu Anh hùng … do Chủ tịch nước phong tặng cho Ban An ninh tỉnh A"
_AFTER_DO_CHO = re.compile(
    r"^\s*(?:năm\s+\d{4}\s*)?,?\s*do\s+[^;:,]{2,60}?\s+(?:phong\s+tặng|trao\s+tặng|tặng|trao)\s+cho\s+(?P<rest>.*)$",
    re.S,
)
# "đón nhận Bằng khen của Thủ tướng tặng Đoàn Thanh niên …": "tặng" with no "cho"
_AFTER_TANG = re.compile(r"^\s+(?:trao\s+)?tặng\s+(?P<rest>[A-ZĐ].*)$", re.S)
_AFTER_LA = re.compile(r"^\s*(?:năm\s+\d{4}\s*)?,?\s*là(?:\s*:\s*|\s+)(?P<rest>.*)$", re.S)
_AFTER_COLON = re.compile(r"^\s*(?:năm\s+\d{4}\s*)?(?:gồm|bao gồm)?\s*:\s*(?P<rest>.*)$", re.S)
_AFTER_GOM = re.compile(
    r"^(?:(?!\b(?:được|tặng|trao|đề nghị)\b)[^;]){0,140}?\b(?:gồm|bao gồm)\s*:\s*(?P<rest>.*)$"
    r"|^(?:(?!\b(?:được|tặng|trao|đề nghị)\b)[^;]){0,60}?\b(?:gồm|bao gồm)\s+(?P<rest2>.*)$",
    re.S,
)
_COUNT_LEAD = re.compile(
    rf"^(?P<count>(?:\d+|{NUMBER_WORDS})\s+(?:đơn vị|tập thể|cá nhân|đồng chí|doanh nghiệp|trường|địa phương|"
    r"cơ quan|gia đình|hộ|xã|phường|thị trấn|huyện|bệnh viện|công ty|hợp tác xã|trạm|hội|sở)[^:;]*?)(?:\s+(?:là|gồm|bao gồm)\s*:?\s*|\s*:\s*)(?P<rest>.*)$",
    re.I | re.S,
)
_SUBJECT_END = re.compile(
    r"(?<!công)(?<!ghi)(?<!xác)(?<!tiếp)(?<!thừa)(?:\s+(?:đã|cũng|đều|vừa|được|rất|vinh dự))*\s+(?:được|nhận|đón nhận|vinh dự|có tên|đạt)\b"
)


# a rank or a score after the name: "Sở X dẫn đầu khối với 98,5 điểm", "Sở Y xếp thứ hai"
_RANK_TAIL = re.compile(
    r"\s*,?\s+(?:(?:dẫn đầu|đứng đầu)(?:\s+(?:khối|cụm|toàn khối|toàn cụm))?|(?:xếp|đứng)\s+(?:thứ|hạng|vị trí)\s+\w+)"
    r"(?:\s+với\s+[\d,.]+\s+điểm)?|\s*,?\s+(?:với|đạt)\s+[\d,.]+\s+điểm"
)
# a list cut short by the next award: "tặng Cờ thi đua cho A và Bằng khen cho B"
_DANGLING_JOIN = re.compile(r"\s*(?:,|\bvà|\bcùng)(?:\s+(?:với|danh hiệu|tặng|trao))?\s*$")


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


def _names_for(
    clause: str, start: int, end: int, prev_end: int, next_start: int
) -> tuple[str | None, str]:
    """The nominee text of the award mention clause[start:end], and the frame that found it."""
    got, frame = _names_for_raw(clause, start, end, prev_end, next_start)
    if got is None:
        return None, frame
    return _DANGLING_JOIN.sub("", _RANK_TAIL.sub("", got)), frame


# what closes a subject that is not part of the name: "Sở Y tế tỉnh A vinh dự là 1 trong 5 Sở …"
# and "… cùng với 2 đơn vị khác", "… và một số tập thể, cá nhân" (others, unnamed)
_SUBJECT_TAIL = re.compile(
    r"\s+(?:(?:vinh dự|cũng|đã)\s+)*là\s+(?:1|một)\s+trong\b.*$"
    # "Trường A là đơn vị dẫn đầu khối, được …"
    r"|\s+là\s+(?:đơn vị|tập thể|cơ quan)\b.*$"
    r"|\s+(?:và|cùng)(?:\s+với)?\s+(?:\d+|các|những|nhiều|một số|hai|ba)\s.*$"
)
# what opens a subject and is not part of it: "Kết quả xã A đạt …", "…, trong đó A, B được …"
_SUBJECT_OPEN = re.compile(
    r"^.*\b(?:trong đó|[Kk]ết quả|[Tt]heo đó|[Đđ]ặc biệt là|như)\s*,?\s+(?=\S)"
    # what a speaker reports: "Bà A, Chủ tịch Hội cho biết, … Hội B được …"
    r"|^.*\b(?:cho biết|khẳng định|nhấn mạnh|thông tin|thông báo)\s*,\s*(?=\S)"
)


_FIRST_PREDICATE = re.compile(
    r"\s+(?:đã\s+|vừa\s+)?(?:long trọng\s+|trọng thể\s+)?(?:tổ chức|tiến hành|sơ kết|tổng kết|họp|kỷ niệm|triển khai)\b"
)


def _subject_names(before: str) -> str | None:
    """Names written before the award and its verb: "A và B được tặng", "X đạt … và đề nghị"."""
    ends = list(_SUBJECT_END.finditer(before))
    # the last verb first ("Tại hội nghị, A được bình chọn, được tặng"), then the earlier ones
    for sm in reversed(ends):
        subject = before[: sm.start()]
        subject = _LEAD_RE.sub("", subject.strip(" ,;"))
        verbs = list(_PROPOSE_VERB.finditer(subject))
        if verbs:
            subject = subject[verbs[-1].end() :]
        if ":" in subject:
            head, tail = subject.rsplit(":", 1)
            if not re.search(r"\bcác\s+\w+(?:,\s*\w+(?:\s+\w+)?)?\s*$", head):
                subject = tail
        subject = _SUBJECT_OPEN.sub("", _SUBJECT_TAIL.sub("", subject))
        subject = _LEAD_RE.sub("", subject)
        if re.search(
            r"\svà\s*$|\b(?:tổ chức|tiến hành)\s+(?:trọng thể\s+)?(?:buổi\s+)?lễ\s*$", subject
        ):
            # "Hội A tổ chức hội nghị … và đón nhận Cờ …", "Bệnh viện B tổ chức lễ đón nhận
            # Cờ …": the subject of the first verb
            subject = _FIRST_PREDICATE.split(subject, maxsplit=1)[0]
        subject = re.sub(r"^\s*(?:và|,|;)\s*", "", subject)
        if subject.strip() and any(
            (n.kind == "individual" or _clean_name(n)) for n in split_names(subject)
        ):
            return subject
    return None


_NAME_THEN_AWARD = re.compile(r"^\s*(?P<n>[^:;–—]{3,120}?)\s*(?::|\s[–—-])\s*(?:danh hiệu\s+)?$")


def _names_for_raw(
    clause: str, start: int, end: int, prev_end: int, next_start: int
) -> tuple[str | None, str]:
    after = clause[end:next_start]
    for pattern, frame in (
        (_AFTER_CHO, "award-cho-names"),
        (_AFTER_DO_CHO, "award-cho-names"),
        (_AFTER_LA, "award-la-names"),
        (_AFTER_COLON, "award-colon-names"),
        (_AFTER_GOM, "award-gom-names"),
        (_AFTER_TANG, "award-tang-names"),
    ):
        m = pattern.match(after)
        if m:
            return _names_after(m.group("rest") or m.groupdict().get("rest2") or ""), frame
    before = clause[prev_end:start]
    subject = _subject_names(before)
    if subject:
        return subject, "names-verb-award"
    # a list item "Sở A: Cờ thi đua của Chính phủ;" or "Sở B – Bằng khen …": the name, then
    # its award
    # (only in a list line, and where the award ends it: the caller checks the line)
    m = (
        _NAME_THEN_AWARD.match(before)
        if prev_end == 0 and re.fullmatch(r"[\s.;,]*(?:năm\s+\d{4}[\s.;,]*)?", after)
        else None
    )
    if m and any(_clean_name(n) for n in split_names(m.group("n"))):
        return m.group("n"), "name-colon-award"
    # "02 đơn vị nhì khối là A và B đề nghị UBND tỉnh tặng Bằng khen"
    m = re.search(r"\blà\s+(?P<n>[^,;:]+?)\s+(?:được\s+)?(?:đề nghị|đề xuất)\b[^;:]{0,80}$", before)
    if m and any(_clean_name(n) for n in split_names(m.group("n"))):
        return m.group("n"), "la-names-award"
    # "suy tôn Sở X là ...", "bình chọn suy tôn A, B đề nghị tặng ...": a comma before a
    # capital continues the list, before anything else it ends the name
    m = re.search(
        rf"\b(?:suy tôn|bình chọn|bầu)(?:\s+(?:và\s+)?(?:suy tôn|bình chọn))*\s+(?P<n>.+?)\s*(?:,?\s*là\s+|\s+dẫn đầu|,?\s+(?:đề nghị|để|được)\b|,(?!\s*[{_UP}]))",
        before,
    )
    if m:
        return m.group("n"), "suy-ton-names-award"
    return None, ""


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
            and re.search(r"\b(?:cho|là)\s+[^:]*$", merged[-1])
            and _AWARD_RE.search(merged[-1])
            and (_is_head(c.strip()) or _person(c.split(",")[0]))
            and not _AWARD_RE.search(c)
            and not re.search(
                r"\b(?:được|đề nghị|tặng|trao|nhận|là|làm|bầu|đã|xin|rút|không|sẽ|có)\b", c
            )
        ):
            # "…; Đại úy B, Cán bộ …": persons with posts keep the ';' that separates them
            # and so do sub-units with their parents ("…; Khoa B, Bệnh viện C")
            keep = _person(c.split(",")[0]) or ("," in c and _SUB_UNIT.match(c.strip()))
            merged[-1] += ("; " if keep else ", ") + c
            continue
        # "03 đơn vị gồm: A; B và C được suy tôn …": the list after "gồm:" goes on past ';'
        if (
            merged
            and re.search(r"(?:gồm|là)\s*:\s*[^:]*$", merged[-1])
            and not _AWARD_RE.search(merged[-1].rsplit(":", 1)[1])
        ):
            merged[-1] += "; " + c
            continue
        merged.append(c)
    return merged


_GIVE_VERB_END = re.compile(
    r"\s+(?:xét\s+)?(?:trao\s+tặng|tặng\s+thưởng|tặng|trao|khen\s+thưởng)\s*$"
)
# the giver after the award: "Cờ thi đua xuất sắc do Trung ương Đoàn trao tặng"
_GIVER_AFTER = re.compile(
    r"^\s*,?\s*do\s+(?P<giver>[^,;.:]{2,80}?)\s+(?:trao\s+tặng|tặng\s+thưởng|tặng|trao|khen\s+tặng)\b"
)


_PRESENTER = re.compile(
    r"\b(?:[Đđ]ồng chí|[Đđ]/c|[Ôô]ng|[Bb]à)\s+[A-ZĐ]|\bPhó\s+(?:Chủ tịch|Giám đốc|Trưởng)|\bThừa ủy quyền|\bThừa uỷ quyền"
)


def _givers(before: str) -> list[str]:
    """Who gives the award named after ``before``: "đề nghị Bộ Y tế tặng", "… cho A và UBND tỉnh tặng".

    Several givers of one award ("đề nghị Thủ tướng Chính phủ, UBND tỉnh tặng cờ") are each
    returned; a name list before the award ("cho A và B") holds nominees, not givers.
    """
    if re.search(r"\bcho\b", before):
        # "… cho Trường A và UBND tỉnh tặng": only a giver that comes after the names counts
        m = re.search(
            r"(?:\bvà|,|;)\s+(?P<g>(?:(?!\b(?:và|cho)\b)[^,;])+?)" + _GIVE_VERB_END.pattern, before
        )
        if not m or not _level(m.group("g")):
            return []
        before = m.group("g") + " tặng "
    cut = 0
    for m in re.finditer(r"đề nghị|\bđược\b|\bnhận\b|\btrình\b|:", before):
        cut = m.end()
    window = before[cut:]
    if _PRESENTER.search(window):
        # "Đồng chí A, Phó Chủ tịch UBND tỉnh trao cờ …": a person hands it over; whose award it
        # is, the award's own words or the rest of the article tell
        return []
    if not _GIVE_VERB_END.search(window):
        # no verb: the old reading, the words after the last comma ("…, UBND tỉnh")
        window = window.rsplit(",", 1)[-1]
        return [window] if _level(window) else []
    window = _GIVE_VERB_END.sub("", window)
    pieces = [p for p in re.split(r"\s*,\s*|\s+và\s+", window) if p.strip()]
    levels = [_level(p) for p in pieces]
    if (
        len(pieces) > 1
        and all(levels)
        and len(set(levels)) == len(levels)
        and all(p.strip()[:1].isupper() for p in pieces)
    ):
        return pieces
    window = window.rsplit(",", 1)[-1] if not _level(window) else window
    return [window] if _level(window) else []


# confidence of each frame: how often its rows are right on the articles it was designed on
_FRAME_CONFIDENCE = {
    "list-items": 0.9,
    "award-cho-names": 0.9,
    "award-colon-names": 0.85,
    "award-gom-names": 0.8,
    "award-la-names": 0.8,
    "award-tang-names": 0.75,
    "names-verb-award": 0.75,
    "suy-ton-names-award": 0.7,
    "la-names-award": 0.65,
    "shared-subject": 0.7,
    "cung-voi": 0.7,
    "counted-list-next-sentence": 0.6,
    "list-going-on": 0.6,
    "units-referred-back": 0.6,
    "headline": 0.6,
    "name-colon-award": 0.8,
    "article-subject": 0.6,
}
_COUNT_NOUN = r"(?:đơn vị|tập thể|cá nhân|đồng chí|doanh nghiệp|cơ quan|trường|địa phương|gia đình|xã|huyện|tỉnh|Sở[^,:;]{0,20}?)"
_STATED_COUNT = re.compile(rf"(?<![\d/])\b(?P<n>\d{{1,3}}|{NUMBER_WORDS})\s+{_COUNT_NOUN}\b", re.I)
# "và đề nghị cờ …", ", được đề nghị …": a second award for the names before the first
_SHARED_SUBJECT = re.compile(
    r"^\s*(?:,\s*)?(?:và|cùng)\s+(?:được\s+)?(?:đề nghị|đề xuất|đạt|nhận|được|tặng)?\s*(?:danh hiệu\s+)?$"
)
# "… tặng Cờ thi đua năm 2024 cùng với đơn vị A và B": more names after the award
_CUNG_VOI = re.compile(r"\bcùng với\s+(?:(?:các\s+)?đơn vị\s+)?(?P<n>[^;:]+)$")
# "3 đơn vị tiêu biểu năm 2022, gồm: A - …; B - …": a counted list whose award came before
_COUNTED_LIST = re.compile(
    rf"^(?P<count>(?:\d{{1,3}}|{NUMBER_WORDS}|các|những)\s+(?P<noun>{_COUNT_NOUN})[^:;]{{0,80}}?)\s*,?\s*(?:gồm|bao gồm|là)\s*:\s*(?P<rest>.+)$",
    re.I | re.S,
)
# a paragraph that only goes on with a list: "A, VKSND tối cao; B; C."
_BARE_LIST_WORDS = re.compile(r"\b(?:được|đã|sẽ|tổ chức|đề nghị|tặng|trao|nhận|là|có|với)\b")


_HISTORY = re.compile(
    r"\b(?:\d+|hai|ba|bốn|năm|nhiều)\s+lần\s+(?:được|liên tiếp|liền)|\b(?:\d+|hai|ba|bốn|năm|nhiều)\s+năm\s+(?:liền|liên tục|liên tiếp)"
    # "nhiều năm qua, đơn vị được tặng …", "ông A từng được tặng …"
    r"|\b(?:nhiều|những|các)\s+năm\s+(?:qua|trước|trước đây)\s*,|\btừng\s+(?:được|nhận|đạt)",
    re.I,
)


# "phấn đấu đạt danh hiệu …", "đăng ký … Cờ thi đua": an aim for the year, not an award
_PLEDGE = re.compile(
    r"\b(?:phấn đấu|đăng ký|cam kết|giao ước|hướng tới|hướng đến|quyết tâm|giữ vững)\b", re.I
)


_PLACE_TYPE = re.compile(r"\b(?:tinh|thanh pho|tp)\b")


# Cheap word tests before the patterns: most sentences hold none of these words.
def _quotes_law(text: str) -> bool:
    low = text.lower()
    return ("xét tặng" in low or "được tặng cho" in low) and bool(_LAW_CLAUSE.search(text))


def _withdrawn(text: str) -> bool:
    low = text.lower()
    return (
        "rút" in low or "không" in low or "chưa" in low or "loại" in low or "từ chối" in low
    ) and bool(_SKIP_CLAUSE.search(text))


def _told_as_history(text: str) -> bool:
    low = text.lower()
    return (
        " lần " in low
        or "liền" in low
        or "liên tục" in low
        or "liên tiếp" in low
        or "năm" in low
        or "từng" in low
    ) and bool(_HISTORY.search(text))


def _pledged(text: str) -> bool:
    low = text.lower()
    return (
        "phấn đấu" in low
        or "đăng ký" in low
        or "cam kết" in low
        or "giao ước" in low
        or "hướng tới" in low
        or "hướng đến" in low
        or "quyết tâm" in low
        or "giữ vững" in low
    ) and bool(_PLEDGE.search(text))


def _count_of(text: str) -> int | None:
    """The last count stated in the text ("cho 03 đơn vị", "ba tập thể")."""
    found = list(_STATED_COUNT.finditer(text))
    if not found:
        return None
    n = found[-1].group("n").lower()
    return number_value(n)


_CONSULTATION = re.compile(
    r"lấy ý kiến (?:của )?nhân dân|xin ý kiến nhân dân|lấy ý kiến dư luận", re.I
)


def _consultation(sentences: list[_Sentence]) -> bool:
    """A notice asking the public's opinion: everything in it is still a proposal."""
    return any("ý k" in s.text.lower() and _CONSULTATION.search(s.text) for s in sentences[:6])


def _award_kind(core: str) -> str | None:
    c = core.lower()
    return "flag" if c.startswith("cờ") else "cert" if c.startswith("bằng khen") else None


def _article_givers(texts: list[str]) -> dict[str, str]:
    """The giver of the article's flags and of its certificates, where every mention that
    names one names the same level ("tặng cờ thi đua cho 8 Sở" after "Bộ GD&ĐT … tặng")."""
    seen: dict[str, dict[str, str]] = {"flag": {}, "cert": {}}
    for text in texts:
        if not text or not may_name_award(text):
            continue
        text = _dequote(text)
        for m in _AWARD_RE.finditer(text):
            kind = _award_kind(m.group("core"))
            if not kind:
                continue
            giver = m.group("suffix").strip() or next(
                iter(_givers(text[max(0, m.start() - 120) : m.start()])), None
            )
            level = _level(giver)
            if level:
                seen[kind].setdefault(level, giver)
    return {kind: next(iter(g.values())) for kind, g in seen.items() if len(g) == 1}


# "8 Sở GD&ĐT được nhận cờ thi đua gồm: …": the unit each bare place name completes
_COUNTED_UNIT = re.compile(
    rf"(?:\d+|{NUMBER_WORDS})\s+(?P<unit>(?:Sở|Hội|Công an|Liên đoàn|LĐLĐ|Cục|Ban|Đài|Báo|"
    r"Bộ Chỉ huy|Viện [Kk]iểm sát|VKSND|Tòa án|TAND|Thanh tra|Văn phòng|Kho bạc|Bảo hiểm xã hội|BHXH|Tỉnh đoàn|"
    r"Liên minh)\b[^,:;]*?)(?=\s+(?:được|đã|gồm|là|nhận|đạt|có|tiêu biểu|xuất sắc|dẫn đầu)\b|\s*:)"
)


def _complete_places(names: list[_Name], context: str) -> list[_Name]:
    """Bare place names take the unit their count named: "Hải Phòng" → "Sở GD&ĐT Hải Phòng"."""
    if not any(n.written == "place" for n in names):
        return names
    unit = _COUNTED_UNIT.search(context)
    out = []
    for n in names:
        if n.written == "place":
            n = _Name(f"{unit.group('unit')} {n.text}", written=n.text) if unit else _Name(n.text)
        out.append(n)
    return out


# "A và B lần lượt được tặng X và Y": the names pair with the awards in order
_RESPECTIVE = re.compile(r"\s*,?\s+lần lượt\b\s*,?")
# "Hai đơn vị nói trên được đề nghị tặng …": the units the sentence before ranked
_ANAPHOR = re.compile(
    rf"\b(?P<n>\d|{NUMBER_WORDS})\s+(?:đơn vị|tập thể)\s+(?:nói\s+trên|trên(?!\s+(?:địa bàn|lĩnh vực|toàn|cả))|này)\b",
    re.I,
)
_SUBJECT_FRAMES = {"names-verb-award", "suy-ton-names-award", "la-names-award"}
_RANKED = re.compile(
    r"\s+(?:xếp|đứng|đạt|dẫn đầu|được xếp)\s+(?:thứ|hạng|vị trí|giải|đầu)?\s*(?:nhất|nhì|ba|\d|I{1,3}\b|\w+)"
)


def _ranked_units(text: str) -> list[_Name]:
    """The units a sentence ranks, in its order: "suy tôn A đứng thứ nhất, B đứng thứ nhì"."""
    out: list[_Name] = []
    for piece in re.split(r"\s*[,;]\s*|\s+và\s+", _PAREN.sub("", text)):
        rank = _RANKED.search(piece)
        if not rank:
            continue
        name = piece[: rank.start()]
        verbs = list(_PROPOSE_VERB.finditer(name))
        if verbs:
            name = name[verbs[-1].end() :]
        name = _LEAD_RE.sub("", name.strip())
        cleaned = _clean_name(_Name(name))
        if cleaned is None or not looks_like_unit(cleaned.text):
            return []  # a piece that ranks something else: no list to refer back to
        out.append(cleaned)
    return out


def _pair_in_order(names: list[_Name], index: int, total: int) -> list[_Name] | None:
    """The one name of ``names`` that the ``index``-th of ``total`` awards goes to, or None
    when the names and the awards do not pair one to one."""
    distinct = list({n.text: n for n in names}.values())
    return [distinct[index]] if len(distinct) == total and index < total else None


# an award with no subject of its own: ", được Trung ương Hội tặng Cờ …" after a report, or
# a bare unit word ("Năm 2025, Hội được …", "đơn vị vinh dự được …") standing for the unit
# the article is about
_NO_SUBJECT = re.compile(
    r"(?:^|,)\s*(?:(?:Hội|Sở|Đơn vị|đơn vị|Nhà trường|nhà trường|Trường|Công ty|Bệnh viện|Ban|Đoàn|"
    r"Cục|Chi cục|Huyện|Xã|Phường|Hội này|đơn vị này)\s+)?"
    r"(?:(?:đã|cũng|vừa|vinh dự|tiếp tục)\s+)*được\s+[^,;:]{0,80}?\b(?:trao\s+tặng|tặng|trao)\s*(?:danh hiệu\s+)?$"
)
_PROTAGONIST = re.compile(
    r"^(?P<s>[^,;:]+?)\s+(?:đã\s+|vừa\s+)?(?:long trọng\s+|trọng thể\s+)?"
    r"(?:tổ chức|tổng kết|sơ kết|đón nhận|nhận|được|vinh dự)\b"
)


def _protagonist(sentences: list[_Sentence], title: str | None) -> str | None:
    """The unit the article is about: the subject of its lead ("Vừa qua, Hội A tổ chức …"),
    else of its headline; None when neither opens with a unit's name."""
    lead = next((s.text for s in sentences if not s.caption), "")
    for text in (lead, title or ""):
        m = _PROTAGONIST.match(_LEAD_RE.sub("", text.strip()))
        name = _clean_name(_Name(m.group("s"))) if m else None
        if name and _is_head(name.text) and len(name.text.split()) >= 2:
            return name.text
    return None


def _headline_rows(title: str, found: list[NominationData], warnings, bloc) -> list[NominationData]:
    """Rows the headline alone gives: "Bệnh viện A đón nhận Cờ thi đua của Chính phủ" over a
    body that says only "đơn vị". Kept for an award the body gave no row for, at a lower
    confidence: a headline is written short."""
    read = {nom.award for nom in found}
    rows = _nominations([_Sentence(title)], warnings, bloc, title=None, title_read=True)
    out = []
    for nom in rows:
        if nom.award in read or nom.frame not in {"names-verb-award", "award-cho-names"}:
            continue
        if not (nom.giver or _level(nom.award_text)):
            # "X nhận cờ Đơn vị dẫn đầu …": whose flag it is, the headline does not say
            continue
        nom.frame, nom.confidence = "headline", _FRAME_CONFIDENCE["headline"]
        out.append(nom)
    return out


def _nominations(
    sentences: list[_Sentence],
    warnings: list[str],
    bloc: str | None = None,
    title: str | None = None,
    used: set[str] | None = None,
    title_read: bool = False,
) -> list[NominationData]:
    """The nominations of an article; ``used`` collects the sentences that gave a row
    (a row dropped as a repeat still read its sentence)."""
    found: list[NominationData] = []
    consultation = _consultation(sentences)
    article_givers: dict | None = None  # read on the first award named without its giver
    # the last award named without names, and the count beside it (for a list that follows)
    pending: dict | None = None
    going_on: dict | None = None  # a counted list not yet full, that later paragraphs continue
    awaited: list[dict] = []  # every award that waited for a list, to tell which were read
    previous = ""  # the sentence before, for "Hai đơn vị nói trên …"
    protagonist: str | None = None  # the unit the article is about, read when first needed
    for sent in sentences:
        before_sent, previous = previous, sent.text
        if going_on is not None and not sent.caption:
            got = _list_goes_on(sent, going_on, bloc, found)
            if got:
                continue
            if got is None:
                going_on = None
        if not may_name_award(sent.text):
            if pending is not None:
                _counted_list_rows(sent, sent.text, pending, bloc, found)
                pending["left"] -= 1
                if pending["left"] <= 0:
                    pending = None
            continue
        text = sent.text
        if "trong đó" in text:
            text = _named_within_counts(text)
        if "(" in text:
            text = _PAREN.sub("", _COUNTED_PAREN.sub(_counted_list, text))
        text = _dequote(text)
        if _quotes_law(text):
            continue
        sentence_status = sent.status
        prev_level_text = None
        clauses = _clauses(text)
        mentioned = False
        for ci, clause in enumerate(clauses):
            if _withdrawn(clause):
                continue
            resp = _RESPECTIVE.search(clause) if "lần lượt" in clause else None
            if resp:
                clause = f"{clause[: resp.start()]} {clause[resp.end() :]}"
            mentions = list(_AWARD_RE.finditer(clause))
            mentioned = mentioned or bool(mentions)
            prev_end = 0
            prev_names: list[_Name] = []
            prev_from_article = False  # the names before were the article's unit ("subject")
            # the names of a respective reading ("lần lượt", or units referred back to) and the
            # awards they pair with
            paired_at = resp.start() if resp else None
            paired: list[_Name] = []
            anaphor = _ANAPHOR.search(clause) if mentions and before_sent else None
            if anaphor and anaphor.end() <= mentions[0].start():
                paired = _ranked_units(before_sent)
                if len(paired) != number_value(anaphor.group("n")):
                    paired = []
                paired_at = anaphor.end() if paired else paired_at
            in_pair = [x for x in mentions if paired_at is not None and x.start() >= paired_at]
            for mi, m in enumerate(mentions):
                next_start = mentions[mi + 1].start() if mi + 1 < len(mentions) else len(clause)
                if _told_as_history(clause[prev_end : m.start()]) or _pledged(
                    clause[max(prev_end, m.start() - 60) : m.start()]
                ):
                    # "2 lần được tặng cờ thi đua …": a tally of earlier years, not this meeting's
                    prev_end = m.end()
                    continue
                before_all = clause[: m.start()]
                status = _status_of(before_all, sentence_status)
                if status is None:
                    # "Chủ tịch UBND tỉnh tặng Bằng khen cho ...": a giver that gives, unasked;
                    # "Bằng khen của Thủ tướng Chính phủ được trao cho ...": given, in the passive
                    given = re.search(r"\b(?:nhận|tặng)\b", before_all, re.I) or _GIVEN_AFTER.match(
                        clause[m.end() : next_start]
                    )
                    status = "awarded" if given else "proposed"
                sentence_status = status
                if (
                    consultation
                    and not sent.caption
                    and not re.search(r"đón nhận|\btrao\b|đã được|\bnhận\b", before_all, re.I)
                ):
                    # a notice asking the public's opinion: "Tặng Huân chương … cho …" is proposed
                    status = "proposed"
                suffix = m.group("suffix").strip() or None
                givers = _givers(clause[prev_end : m.start()])
                after = _GIVER_AFTER.match(clause[m.end() : next_start])
                if not givers and after and _level(after.group("giver")):
                    givers = [after.group("giver")]
                giver = givers[0] if givers else None
                if not suffix and not giver and prev_level_text:
                    giver = prev_level_text
                if not suffix and not giver:
                    if article_givers is None:
                        article_givers = _article_givers(
                            [title or "", *(s.text for s in sentences)]
                        )
                    giver = article_givers.get(_award_kind(m.group("core")) or "")
                if suffix or giver:
                    prev_level_text = suffix or giver
                code = award_code(m.group("core"), suffix, giver)
                codes = [code]
                if not suffix and len(givers) > 1:
                    codes = list(
                        dict.fromkeys(award_code(m.group("core"), None, g) for g in givers)
                    )
                is_last = mi == len(mentions) - 1 and ci == len(clauses) - 1
                count = None
                shared_from_article = False
                if sent.items is not None and is_last:
                    frame = "list-items"
                    raw_names: list[_Name] = []
                    for item in sent.items:
                        item = item_name(item)
                        raw_names.extend(split_names(item) if _person(item) else [_Name(item)])
                    count = _count_of(clause[m.end() :])
                else:
                    names_text, frame = _names_for(clause, m.start(), m.end(), prev_end, next_start)
                    if frame == "name-colon-award" and not sent.item:
                        # "Sở A: Bằng khen … ghi nhận …" in running text is a subheading
                        names_text, frame = None, ""
                    raw_names = split_names(names_text) if names_text else []
                    if names_text and frame.startswith("award-"):
                        count = _count_of(clause[m.end() : next_start].split(names_text[:12])[0])
                        if count is None and frame in {"award-gom-names", "award-colon-names"}:
                            # "Danh sách 22 tập thể … tặng Cờ thi đua gồm: …"
                            count = _count_of(clause[prev_end : m.start()])
                    if (
                        not raw_names
                        and prev_names
                        and _SHARED_SUBJECT.match(clause[prev_end : m.start()])
                        # "… và tặng Bằng khen cho 20 tập thể": names of its own, uncounted here
                        and not re.search(r"\bcho\b", clause[m.end() : next_start])
                    ):
                        raw_names, frame = prev_names, "shared-subject"
                        shared_from_article = prev_from_article
                    more = _CUNG_VOI.search(clause[m.end() : next_start])
                    if more:
                        extra = split_names(_NAME_END.split(more.group("n"))[0])
                        raw_names = [*raw_names, *extra]
                        frame = frame or "cung-voi"
                pair_flags: list[str] = ["subject"] if shared_from_article else []
                if (
                    not raw_names
                    and frame == ""
                    and _NO_SUBJECT.search(clause[prev_end : m.start()])
                    and not re.search(r"\bcho\b", clause[m.end() : next_start])
                ):
                    if protagonist is None:
                        protagonist = _protagonist(sentences, title) or ""
                    if protagonist:
                        # flagged: the unit is read from the article, not from the sentence
                        raw_names, frame = [_Name(protagonist)], "article-subject"
                        pair_flags = ["subject"]
                prev_end = m.end()
                if m in in_pair and (anaphor or in_pair.index(m) > 0 or frame in _SUBJECT_FRAMES):
                    # names written before the awards; an award with names of its own after
                    # it ("lần lượt trao Cờ cho A và Bằng khen cho B") pairs nothing
                    if anaphor and paired:
                        raw_names, frame = paired, "units-referred-back"
                    elif in_pair.index(m) == 0:
                        paired = raw_names
                    elif paired and (not raw_names or frame == "shared-subject"):
                        raw_names = paired
                    else:
                        in_pair = []
                    one = (
                        _pair_in_order(raw_names, in_pair.index(m), len(in_pair))
                        if in_pair
                        else None
                    )
                    if len(in_pair) > 1 and one:
                        raw_names = one
                        # without "lần lượt" the order is read, not written: staff check it
                        pair_flags = [] if resp else ["respective"]
                    elif len(in_pair) > 1:
                        pair_flags = ["respective"]
                elif m in in_pair:
                    in_pair = []
                raw_names = _complete_places(raw_names, clause)
                rows = _rows(raw_names, codes, bloc)
                prev_names = raw_names if rows else []
                prev_from_article = bool(rows) and "subject" in pair_flags
                if not rows and mi == len(mentions) - 1:
                    pending = {
                        "codes": codes,
                        "award_text": _collapse(m.group(0)),
                        "status": status,
                        "giver": giver,
                        "count": _count_of(text),
                        "counts": _counts_by_noun(text),
                        "left": 3,
                        "sentence": sent.text,
                    }
                    awaited.append(pending)
                elif rows:
                    pending = None
                named = len({r[0].text for r in rows})
                flags = (["count"] if count and count != named else []) + pair_flags
                if rows and count and count > named and is_last:
                    # "Danh sách 22 tập thể … gồm: A; B." and the list goes on below
                    going_on = {
                        "codes": codes,
                        "award_text": _collapse(m.group(0)),
                        "status": status,
                        "giver": giver,
                        "left": count - named,
                        "frame": frame,
                        "rows": [],  # the header's rows, flagged until the list is full
                    }
                added = _add_rows(
                    found, rows, sent, frame, flags, _collapse(m.group(0)), status, giver
                )
                if going_on is not None and "rows" in going_on and not going_on["rows"]:
                    going_on["rows"] = added
        if mentioned or pending is None:
            continue
        _counted_list_rows(sent, text, pending, bloc, found)
        pending["left"] -= 1
        if pending["left"] <= 0:
            pending = None
    if title and not title_read and may_name_award(title):
        found.extend(_headline_rows(title, found, warnings, bloc))
    if used is not None:
        used.update(nom.sentence for nom in found)
        used.update(p["sentence"] for p in awaited if p.get("read"))
    abbreviations = _abbreviations(sentences)
    unique: list[NominationData] = []
    seen = set()
    for nom in found:
        # "Sở Y tế Lào Cai" and "Sở Y tế tỉnh Lào Cai" are one unit, and so are "Hội CTĐ tỉnh"
        # and "Hội Chữ thập đỏ tỉnh" where the article wrote "Hội Chữ thập đỏ (CTĐ) tỉnh"
        name = " ".join(
            abbreviations.get(w) or _COMMON_ABBREVIATIONS.get(w, w) for w in nom.nominee.split()
        )
        key = (" ".join(_PLACE_TYPE.sub(" ", match_key(name)).split()), nom.award)
        if key in seen:
            continue
        seen.add(key)
        unique.append(nom)
    return unique


def _noun_key(noun: str) -> str:
    return fold(noun).split()[0] if noun else ""


def _counts_by_noun(text: str) -> dict[str, int]:
    """Every count in the text by its noun: "ba cá nhân và 11 tập thể" → {ca: 3, tap: 11}."""
    out: dict[str, int] = {}
    for m in _STATED_COUNT.finditer(text):
        n = m.group("n").lower()
        noun = m.group(0)[len(m.group("n")) :].strip()
        out[fold(noun)[:3]] = number_value(n) or 0
    return out


def _counted_list_rows(sent: _Sentence, text: str, pending: dict, bloc, found: list) -> bool:
    """A counted list after an award named, without names, in the sentence before:
    "… đề nghị tặng Cờ thi đua của Chính phủ cho 3 đơn vị. 3 đơn vị …, gồm: A; B; C",
    "… đối với ba cá nhân và 11 tập thể. Các tập thể gồm: …; Ba cá nhân … gồm: …"."""
    listed = _COUNTED_LIST.match(text)
    if sent.items is not None:
        head_count, raw_names = _count_of(text), []
        for item in sent.items:
            raw_names.extend(split_names(item_name(item)))
        if not head_count or head_count != pending["count"]:
            return False
    elif listed:
        word = listed.group("count").split()[0].lower()
        known = pending["counts"].get(fold(listed.group("noun"))[:3])
        head_count = known if word in {"các", "những"} else _count_of(listed.group("count"))
        if not head_count or head_count not in {known, pending["count"]}:
            return False
        raw_names = split_names(listed.group("rest"))
    else:
        return False
    rows = _rows(raw_names, pending["codes"], bloc)
    if rows:
        pending["read"] = True
    flags = ["count"] if head_count != len({r[0].text for r in rows}) else []
    _add_rows(found, rows, sent, "counted-list-next-sentence", flags, **_award_of(pending))
    return bool(rows)


def _list_goes_on(sent: _Sentence, going_on: dict, bloc, found: list) -> bool | None:
    """Rows from a paragraph that only continues a counted list; None once it stops.

    True: the paragraph gave rows; False: it is not part of the list (a caption, a stray
    line) but the list may still go on after it; None: the list has ended.
    """
    text = _strip_punct(sent.text)
    if ";" not in text or _BARE_LIST_WORDS.search(text) or _AWARD_RE.search(text):
        # a photo caption or a stray line may stand between; a paragraph of text ends the list
        going_on["skipped"] = going_on.get("skipped", 0) + 1
        return False if going_on["skipped"] <= 3 and len(text) < 200 else None
    rows = _rows(split_names(text), going_on["codes"], bloc)
    if not rows:
        return None
    _add_rows(found, rows, sent, "list-going-on", [], **_award_of(going_on))
    going_on["left"] -= len({r[0].text for r in rows})
    going_on["skipped"] = 0
    if going_on["left"] > 0:
        return True
    if going_on["left"] == 0:
        # the list is full: the count its header stated is met
        for nom in going_on.get("rows", []):
            if "count" in nom.flags:
                nom.flags.remove("count")
                nom.confidence = round(nom.confidence + 0.2, 2)
    return None


def may_name_award(text: str) -> bool:
    """A cheap test before the award patterns: most sentences name no award at all."""
    low = text.lower()
    # each word spelt out: a generator over a tuple of them cost more than the tests
    return (
        "cờ" in low
        or "khen" in low
        or "huân chương" in low
        or "chiến sĩ" in low
        or "lao động" in low
        or "quyết thắng" in low
        or "tiên tiến" in low
        or "anh hùng" in low
    )


# Abbreviations every article uses, for telling that two rows name one unit
# ("Sở GD&ĐT Hòa Bình" and "Sở Giáo dục và Đào tạo Hòa Bình").
_COMMON_ABBREVIATIONS = {
    "GD&ĐT": "Giáo dục và Đào tạo",
    "GDĐT": "Giáo dục và Đào tạo",
    "KH&CN": "Khoa học và Công nghệ",
    "KH&ĐT": "Kế hoạch và Đầu tư",
    "TN&MT": "Tài nguyên và Môi trường",
    "TT&TT": "Thông tin và Truyền thông",
    "NN&PTNT": "Nông nghiệp và Phát triển nông thôn",
    "LĐ-TB&XH": "Lao động - Thương binh và Xã hội",
    "LĐTB&XH": "Lao động - Thương binh và Xã hội",
    "VH-TT&DL": "Văn hóa, Thể thao và Du lịch",
    "VHTT&DL": "Văn hóa, Thể thao và Du lịch",
    "GTVT": "Giao thông vận tải",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "LĐLĐ": "Liên đoàn Lao động",
    "LHPN": "Liên hiệp Phụ nữ",
    "CCB": "Cựu chiến binh",
    "VKSND": "Viện Kiểm sát nhân dân",
    "TAND": "Tòa án nhân dân",
    "BHXH": "Bảo hiểm xã hội",
}
_ABBREVIATION = re.compile(r"\(\s*(?P<abbr>[A-ZĐ]{2,6})\s*\)")


def _abbreviations(sentences: list[_Sentence]) -> dict[str, str]:
    """Abbreviations the article defines: "Hội Chữ thập đỏ (CTĐ)" gives CTĐ → Chữ thập đỏ."""
    found: dict[str, str] = {}
    for sent in sentences:
        if "(" not in sent.text:
            continue
        for m in _ABBREVIATION.finditer(sent.text):
            abbr = m.group("abbr")
            words = sent.text[: m.start()].split()[-len(abbr) :]
            if len(words) == len(abbr) and all(
                w[:1].upper() == a for w, a in zip(words, abbr, strict=True)
            ):
                found[abbr] = " ".join(words)
    return found


_COLLECTIVE_ONLY = {"gov_flag", "prov_flag", "ministry_flag", "excellent_collective"}


def _rows(
    raw_names: list[_Name], codes: list[str], bloc: str | None
) -> list[tuple[_Name, str, str]]:
    """(name, kind, code) for each name that reads as a nominee, once per award code."""
    rows = []
    for raw in raw_names:
        if _HOUSEHOLD.match(raw.text):
            # a couple (a martyr's parents) is one household, named as written, not a unit
            name = _Name(_strip_punct(raw.text))
        else:
            if raw.kind == "collective" and _person(raw.text):
                person = _person(raw.text)
                raw = _Name(person[0], kind="individual", position=person[1])
            name = _clean_name(_Name(raw.text, raw.kind, raw.written, raw.position))
            if not name or (name.kind == "collective" and not looks_like_unit(name.text, bloc)):
                continue
        for code in codes:
            if name.kind == "individual" and code in _COLLECTIVE_ONLY:
                # a flag or a collective title never goes to a person: the person is a speaker
                continue
            kind = (
                "individual"
                if (name.kind == "individual" or code in INDIVIDUAL_AWARDS)
                else "collective"
            )
            rows.append((name, kind, code))
    return rows


def _award_of(waiting: dict) -> dict:
    """The award a waiting list takes its rows from (a pending award, a list going on)."""
    return {k: waiting[k] for k in ("award_text", "status", "giver")}


def _add_rows(
    found: list[NominationData],
    rows: list[tuple[_Name, str, str]],
    sent: _Sentence,
    frame: str,
    flags: list[str],
    award_text: str,
    status: str,
    giver: str | None,
) -> list[NominationData]:
    """Append one row per (name, kind, code) and return the rows added.

    The one place rows are made, whether the names came with their award, after a header
    that waited for them, or in a list going on below it."""
    added = [
        _row(name, kind, code, award_text, status, giver, sent, frame, flags)
        for name, kind, code in rows
    ]
    found.extend(added)
    return added


def _row(name, kind, code, award_text, status, giver, sent, frame, flags) -> NominationData:
    if kind == "collective" and misspelt_head(name.text):
        # "Sờ Tài chính", "Công tuy …": kept as written, for staff to match to the agency
        flags = [*flags, "spelling"]
    confidence = _FRAME_CONFIDENCE.get(frame, 0.6) - (0.2 if flags else 0.0)
    return NominationData(
        nominee=name.text,
        kind=kind,
        award_text=award_text,
        award=code,
        status=status,
        giver=_collapse(giver) if giver else None,
        written=name.written,
        position=name.position,
        sentence=sent.text,
        frame=frame,
        confidence=round(confidence, 2),
        flags=list(flags),
    )


def unread(sentences: list[_Sentence], article, read: set[str] | None = None) -> list[str]:
    """Sentences that name an award or a leader's role and yielded no row, in article order.

    Nothing read is silently dropped: staff see these in the preview and add rows by hand.
    A law quoted ("Luật … quy định … được xét tặng") is not a sentence about this bloc.
    """
    from awards.importer.leaders import _ROLE_RE

    used = {n.sentence for n in article.nominations} | {x.sentence for x in article.leaders}
    used |= read or set()
    out: list[str] = []
    for sent in sentences:
        if sent.text in used or sent.text in out:
            continue
        low = sent.text.lower()
        # the plain word tests first, the patterns only where the words are
        role = (
            ("khối" in low or "cụm" in low)
            and ("trưởng" in low or "phó" in low)
            and _ROLE_RE.search(sent.text)
        )
        named = role or (may_name_award(sent.text) and _AWARD_RE.search(_dequote(sent.text)))
        if named and not _quotes_law(sent.text):
            out.append(sent.text)
    return out
