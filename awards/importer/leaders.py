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
    _UP,
    ArticleData,
    LeaderData,
    _dequote,
    _is_head,
    _is_name_start,
    _person,
    _Sentence,
    _split_sentences,
    _strip_punct,
    looks_like_unit,
    split_names,
)
from awards.text import match_key

# Role words. "Phó khối" and "phó cụm" are deputies too; "Thường trực cụm" is no role.
# (Spelt out case by case rather than with re.I: case-blind matching of Vietnamese letters
# is several times slower, and every sentence is searched.)
_P = r"(?:[Pp]hó|PHÓ)"
_T = r"(?:[Tt]rưởng|TRƯỞNG)"
_K = r"(?:[Kk]hối|KHỐI|[Cc]ụm|CỤM)"
# Every role opens with one of these words, as spelt in _P, _T and _K.
_ROLE_WORD = re.compile("Phó|phó|PHÓ|Trưởng|trưởng|TRƯỞNG|Khối|khối|KHỐI|Cụm|cụm|CỤM")


class _RolePattern:
    """The role pattern, tried only where a role word starts.

    The pattern opens with a choice of letter cases, which the regex engine tries at
    every character of a sentence; an alternation of plain words opens with letters it
    scans for in C. Same matches as the pattern's own ``search`` and ``finditer``.
    """

    def __init__(self, pattern: str):
        self.pattern = re.compile(pattern)

    def search(self, text: str, pos: int = 0) -> re.Match | None:
        while word := _ROLE_WORD.search(text, pos):
            m = self.pattern.match(text, word.start())
            if m:
                return m
            pos = word.end()  # no role word starts inside another
        return None

    def finditer(self, text: str):
        pos = 0
        while m := self.search(text, pos):
            yield m
            pos = m.end()


_ROLE_RE = _RolePattern(
    rf"(?P<deputy>{_P}\s+{_T}\s+{_K}|{_P}\s+{_K}\s+{_T}|{_K}\s+{_P}|{_P}\s+{_K}(?!\s+{_T}))"
    rf"|(?P<head>{_T}\s+{_K}|{_K}\s+{_T})"
)
# A year, or a school year that counts as the year it ends ("năm học 2022-2023" → 2023).
_YEAR = r"năm(?:\s+học)?\s+(?P<y1>\d{4})(?:\s*[-–—/]\s*(?P<y2>\d{4}))?"
_YEAR_ANY = re.compile(rf"\b{_YEAR}")
# the year right after a role, maybe after the bloc's name: "Cụm trưởng Cụm thi đua số 6 năm 2016"
_YEAR_AFTER = re.compile(
    rf"^(?:\s*,?\s*(?:của\s+)?(?:Khối|Cụm)\s+thi\s+đua[^,;.()]{{0,50}}?)?\s*,?\s*(?:trong\s+)?{_YEAR}",
    re.I,
)
# "Năm 2026, Sở X làm Khối trưởng": a term named before the clause
_LEAD_YEAR = re.compile(
    r"^\s*(?:và\s+)?(?:trong\s+)?năm(?:\s+học)?\s+(\d{4})(?:\s*[-–—/]\s*(\d{4}))?\s*,?\s*", re.I
)


# How far to trust a leader, by the frame that read it: an election or a handover says it in
# so many words; a holder after "là" or "do", or a role written as a colon list, a little
# less; a tag on a unit or a holder whose verb is left out is read from the shape alone.
_FRAME_CONFIDENCE = {
    "chosen_as": 0.9,
    "handover": 0.9,
    "respectively": 0.85,
    "role_then_la": 0.85,
    "role_then_do": 0.8,
    "two_holders": 0.8,
    "colon": 0.8,
    "tag": 0.7,
    "verb_left_out": 0.7,
}
# less when the term's year is not written in the sentence but taken from the meeting
_YEAR_INFERRED = 0.1


def _leader(
    agency: str, role: str, year: int | None, sentence: str, frame: str, bloc: str | None
) -> tuple[LeaderData, int | None]:
    """A leader with the frame that read it, the bloc named with it, and its term year."""
    leader = LeaderData(
        agency=agency,
        role=role,
        year=year,
        sentence=sentence,
        frame=frame,
        confidence=_FRAME_CONFIDENCE.get(frame, 0.7),
        bloc=bloc,
    )
    return leader, year


# A bloc named beside a role: "Trưởng Khối thi đua các cơ quan kinh tế", "Cụm thi đua số 2:
# Cụm trưởng …". It ends at punctuation, at a verb or a year, or at a comma before a name.
_BLOC_MENTION = re.compile(
    r"(?:Khối|Cụm|KHỐI|CỤM|khối|cụm)\s+(?:thi\s+đua|số\s+\d+|\d+\b|[IVX]+\b|các\s+(?!khối|cụm))"
    r"(?:(?:\s+|,\s+(?=[a-zđà-ỹ]))(?!(?:năm|là|làm|do|gồm|có|được|và|đã|sẽ|tổ|với|trong|tại|cho|"
    r"theo|phó|Phó|trưởng|Trưởng|như|từ|ký|bao)\b)[^\s,;:.()“”\"]+)*"
)


def _bloc_at(mentions: list[re.Match], r: re.Match, default: str | None) -> str | None:
    """The bloc of the role at ``r``: the one named right after it ("Trưởng Khối thi đua X",
    "Cụm trưởng Cụm thi đua số 2"), else the last one named before it in the sentence
    ("Khối thi đua X: Trưởng khối …"), else the one its list header named."""
    for m in mentions:
        if r.start() < m.start() <= r.end() + 1 or (
            m.start() >= r.end() and not m.string[r.end() : m.start()].strip()
        ):
            return _strip_punct(m.group(0))
    before = [m for m in mentions if m.end() <= r.start()]
    return _strip_punct(before[-1].group(0)) if before else default


def _year_of(m: re.Match) -> int:
    return int(m.group("y2") or m.group("y1"))


_ANCHOR_BEFORE = re.compile(
    r"(?P<verb>\blàm|\blà|\bđảm nhận|\bđảm nhiệm|\bgiữ|\b(?:tiếp\s+)?nhận|\bbàn giao(?:\s+(?:lại\s+)?(?:nhiệm vụ|chức|vị trí|cương vị))?)"
    r"(?:\s+(?:nhiệm vụ|vị trí|chức|cương vị|vai trò))?\s+(?:đơn vị\s+)?$",
    re.I,
)
# words that choose or designate the coming term's leader
_ELECT_VERB = re.compile(
    r"\b(?:bầu|suy tôn|giới thiệu|chọn|cử|thống nhất|nhất trí|đề cử|đề xuất|công nhận|tín nhiệm|phân công|"
    r"(?<!bàn )giao\s+nhiệm\s+vụ|được\s+giao)\b",
    re.I,
)
# "(bàn) giao nhiệm vụ Cụm trưởng … cho X": the role handed to X (never "trao cờ luân lưu")
# an election verb right before the role: "bầu trưởng khối …", "đã bầu ra Cụm trưởng mới là …"
_ELECTED_ROLE_NEXT = re.compile(_ELECT_VERB.pattern + r"(?:\s+ra)?\s*$", re.I)
_HANDOVER_BEFORE = re.compile(
    r"\b(?:bàn\s+giao|chuyển\s+giao|giao)(?!\s+ước)"
    r"(?:\s+(?:lại|nhiệm\s+vụ|trách\s+nhiệm|chức|vị\s+trí|cương\s+vị|vai\s+trò|là|làm))*\s+$",
    re.I,
)
_CHO_AFTER = re.compile(
    r"^(?P<mid>(?:(?!\b(?:được|là|làm|tặng|trao|bầu)\b)[^;.:]){0,80}?)\bcho\s+(?P<n>[^;.]+)", re.I
)
# a role tagged onto a unit: "Sở X (Trưởng khối năm 2025)", "Hội A (làm phó khối)", "Cục B - đơn vị
# trưởng khối", "Sở C, đơn vị Trưởng khối năm 2025," (a person's post, "ông A, Trưởng khối", is none)
_TAG_OPEN = re.compile(
    r"(?:(?:\(\s*|\s*[-–]\s*)(?:là\s+|làm\s+)?(?:đơn\s+vị\s+)?|,\s*(?:là\s+)?đơn\s+vị\s+)$", re.I
)
# what a name never starts with before a tag
_TAG_CUT = re.compile(r".*(?:[;:()]\s*(?:,|và\b)?|\b(?:tại|của|gồm|cho|có|là)\b)", re.I | re.S)
_CHAIRS = re.compile(r"^[^.;]{0,60}?\b(?:chủ\s+trì|chủ\s+tọa|chủ\s+toạ|điều\s+hành)\b", re.I)
_LOWER_UNIT = re.compile(rf"^(?:xã|phường|thị trấn|huyện|tỉnh|thành phố|thị xã|quận)\s+[{_UP}]")
_NAME_LEAD = re.compile(
    r"^(?:(?:theo đó|trong đó|kết quả|đồng thời|sau đó|tiếp đó|hội nghị|các đại biểu|đại biểu|"
    r"đại diện|thay mặt|lãnh đạo|đơn vị|cơ quan|trụ sở(?:\s+của)?|với vai trò(?:\s+là)?|với tư cách(?:\s+là)?|"
    r"(?:date\s+)?\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})(?:\s+(?:đã|cũng))?\s*[,:]?\s*)+",
    re.I,
)
_KICKOFF = re.compile(
    rf"(?:ký\s+kết|ký|giao\s+ước|phát\s+động|triển\s+khai)[^.;]{{0,80}}?\b{_YEAR}", re.I
)


# a notice that designates the leaders of a year: "thông báo Trưởng, Phó các khối thi đua năm 2025"
_NOTICE = re.compile(
    r"\b(?:thông\s+báo|phân\s+công|chỉ\s+định)\b[^.]{0,40}?\b(?:Trưởng|Phó)\b[^.]{0,80}?"
    rf"\b(?:khối|cụm)\b[^.]{{0,60}}?\b{_YEAR}",
    re.I,
)
# "Trưởng khối: Sở X" in a list of roles
_CLAUSE_VERB = re.compile(r"\b(?:làm|là|giữ|đảm nhận|đảm nhiệm)\b", re.I)
_COLON_AFTER = re.compile(r"^\s*:\s*(?P<n>[^;.:]+)")


def coming_term(article: ArticleData) -> tuple[int | None, bool, bool]:
    """The year of the term whose leaders the article names; whether the meeting opens
    that term; whether the article is a notice designating them.

    A summary of year N chooses the leaders of N+1; a kick-off or pledge meeting
    ("ký kết giao ước thi đua năm N", "triển khai nhiệm vụ năm N") opens year N,
    so the head it names is that term's, and so does a notice that designates them.
    """
    paragraphs = article.text.split("\n")[:2]
    for source in (article.title or "", *paragraphs):
        m = _NOTICE.search(source)
        if m:
            return _year_of(m), True, True
    if article.award_year:
        return article.award_year + 1, False, False
    for source in (article.title or "", *paragraphs):
        m = _KICKOFF.search(source)
        if m:
            return _year_of(m), True, False
    if article.meeting_kind == "pledge" and article.meeting_date:
        return int(article.meeting_date[:4]), True, False
    return None, False, False


# the votes after a name: "Sở X 10/12 phiếu", "Sở X với 100% số phiếu", "Sở X đạt 9 phiếu"
_VOTES_AFTER = re.compile(
    r"\s*,?\s+(?:(?:với|đạt|được)\s+)?(?:\d+\s*/\s*\d+|[\d,.]+\s*%|\d+)\s+(?:số\s+)?phiếu\b.*$"
)


def _leader_name(text: str) -> str | None:
    text = _PAREN.sub("", text)
    text = _LEAD_RE.sub("", text.strip(" ,;"))
    text = re.sub(r"^\s*(?:và|,|;)\s*", "", text)
    text = _LEAD_YEAR.sub("", text)
    text = re.sub(r"^(?:Hội nghị|Khối|Cụm|các đơn vị|Các đơn vị)(?:\s+(?:đã|cũng))?\s+", "", text)
    text = _NAME_LEAD.sub("", text)
    # "Sở X luân phiên giữ chức ...", "Sở X tiếp tục làm ...": the adverb is not the name
    text = re.sub(
        r"(?:\s+(?:sẽ|tiếp tục|luân phiên|chính thức|đảm nhận|đảm nhiệm|lần lượt))+\s*$", "", text
    )
    text = _strip_punct(_VOTES_AFTER.sub("", _strip_punct(text)))
    if not text or not (_is_name_start(text) or _LOWER_UNIT.match(text)) or len(text.split()) > 16:
        return None
    if _NOT_NAME_WORDS.search(text) or _ROLE_RE.search(text):
        return None
    return text


def _unit_name(text: str) -> str | None:
    """A leader that is a unit (never a person: a person's post is no bloc role)."""
    name = _leader_name(text)
    if not name or _person(name):
        return None
    if not (looks_like_unit(name) or _LOWER_UNIT.match(name)):
        return None
    return name


_COMMA_CLAUSE = re.compile(
    rf",\s*(?![{_UP}\d]|(?:huyện|tỉnh|thành phố|thị xã|quận|xã|phường|thị trấn)\s)"
)
_DO_AFTER = re.compile(
    r"^\s*,?\s*do\s+(?P<n>[^;.,]+?)\s+(?:đảm\s+nhận|đảm\s+nhiệm|phụ\s+trách|nắm\s+giữ|giữ)\b"
)
_ROLE_THEN_LA = re.compile(
    r"^(?:\s+(?:luân phiên|mới))?(?:\s*,?\s*(?:trong\s+)?năm(?:\s+học)?\s+(?P<y>\d{4})(?:\s*[-–—/]\s*(?P<y2>\d{4}))?)?"
    r"\s+(?:sẽ\s+)?là\s+(?:đơn\s+vị\s+)?(?P<n>[^;.]+)"
)


_TERM_AFTER_NAME = re.compile(r"\s+(?:(?:cho|trong|vào)\s+)?năm(?:\s+học)?\s+\d{4}")


def _named_after_role(
    after: str, year: int | None, term: int | None, batch: list, elected: bool, kickoff: bool
) -> tuple[list[str], int | None]:
    """ "Cụm trưởng năm 2025 là X", "bầu trưởng khối năm 2026 là A": the role, then its holder.

    Without an election verb just before the role, such a sentence names the sitting
    leader unless a summary meeting names the coming term (or such a head came before
    in the sentence); at a kick-off meeting it states the head already in place.
    """
    m = _ROLE_THEN_LA.match(after)
    if not m:
        return [], None
    y = int(m.group("y2") or m.group("y")) if m.group("y") else year
    if y is None and any(y2 == term for _l, y2 in batch):
        y = term
    if not elected and (term is None or y != term or kickoff):
        return [], None
    # "… là A (Cụm trưởng) và B (Cụm phó)": the tags say who holds which role
    if any(_ROLE_RE.search(p) for p in re.findall(r"\(([^()]*)\)", m.group("n"))):
        return [], None
    text = _NAME_END.split(m.group("n"))[0]
    # "… là Sở B cho năm 2026": the term closes the name
    text = _TERM_AFTER_NAME.split(text)[0]
    text = re.split(r",\s*(?=(?:hai\s+|các\s+)?(?:Phó|Cụm|Khối|Trưởng)\b)", text)[0]
    # ", lãnh đạo các tổ chức …": a comma before a lower-case word that is no place ends the name
    text = _COMMA_CLAUSE.split(text)[0]
    text = re.split(r"\s+và\s+(?=(?:Phó|Cụm|Khối|Trưởng)\b)", text, flags=re.I)[0]
    names = []
    for piece in split_names(text):
        name = _unit_name(piece.text)
        if name:
            names.append(name)
    return names, y


def _tagged(text: str, r: re.Match) -> str | None:
    """The unit a role is tagged onto: "X (Trưởng khối …)", "X - đơn vị Khối trưởng"."""
    before = text[: r.start()]
    tag = _TAG_OPEN.search(before)
    if not tag:
        return None
    seg = before[: tag.start()]
    cut = _TAG_CUT.match(seg)
    if cut:
        seg = seg[cut.end() :]
    names = split_names(seg) if seg.strip() else []
    return _unit_name(names[-1].text) if names else None


def _handed_to(after: str) -> tuple[str | None, int]:
    """ "… Cụm thi đua số 1 năm học 2025-2026 cho Trường A, Cụm phó cho Trường B": A.

    Returns the name and how much of ``after`` it used (up to the next role).
    """
    m = _CHO_AFTER.match(after)
    if not m or _ROLE_RE.search(m.group("mid")):
        return None, 0
    n = m.group("n")
    used = m.end()
    nxt = _ROLE_RE.search(n)
    if nxt:
        n = n[: nxt.start()]
        used = m.start("n") + nxt.start()
    n = _NAME_END.split(n)[0]
    n = re.split(r"\s+(?:đảm nhận|đảm nhiệm|phụ trách)\b", n)[0]
    return _unit_name(n), used


def _read_sentence(
    text: str,
    sentence: str,
    term: int | None,
    kickoff: bool,
    notice: bool,
    prev: str,
    header_bloc: str | None = None,
) -> list[LeaderData]:
    roles = list(_ROLE_RE.finditer(text))
    mentions = list(_BLOC_MENTION.finditer(text))

    def bloc(r: re.Match) -> str | None:
        return _bloc_at(mentions, r, header_bloc)

    batch: list[tuple[LeaderData, int | None]] = []
    prev_end = 0
    handover = False
    lead = _LEAD_YEAR.match(_LEAD_RE.sub("", text)) or re.match(
        r"^\s*năm(?:\s+học)?\s+(\d{4})(?:\s*[-–—/]\s*(\d{4}))?", text, re.I
    )
    lead_year = int(lead.group(2) or lead.group(1)) if lead else None
    i = 0
    while i < len(roles):
        r = roles[i]
        before = text[prev_end : r.start()]
        after = text[r.end() :]
        ym = _YEAR_AFTER.match(after)
        role_end = r.end() + (ym.end() if ym else 0)
        year = _year_of(ym) if ym else None
        role = "deputy" if r.group("deputy") else "head"

        # 1. handed over: "bàn giao nhiệm vụ Cụm trưởng … cho X", and "…, Cụm phó cho Y" after it
        if _HANDOVER_BEFORE.search(before) or (
            handover and re.fullmatch(r"\s*[,;]?\s*(?:và\s+)?", before)
        ):
            name, used = _handed_to(after)
            if name:
                handover = True
                if year is None:
                    ym2 = _YEAR_ANY.search(after[: after.find(" cho ") + 1])
                    year = _year_of(ym2) if ym2 else None
                batch.append(_leader(name, role, year, sentence, "handover", bloc(r)))
                prev_end = r.end() + used
                i += 1
                continue

        # 2. a tag on a unit: "Sở X (Trưởng khối năm 2025)", "Cục Y - đơn vị trưởng khối";
        # a role and its holder after a colon: "Trưởng khối: Sở X; Phó Trưởng khối: Sở Y"
        name = _tagged(text, r)
        colon = None if name else _COLON_AFTER.match(text[role_end:])
        if colon and not _CLAUSE_VERB.search(colon.group("n")):
            n = colon.group("n")
            nxt = _ROLE_RE.search(n)
            name = _unit_name(_NAME_END.split(n[: nxt.start()] if nxt else n)[0])
        if name:
            if year is None:
                close = re.match(r"^[^()]*\)", after)
                ym2 = _YEAR_ANY.search(close.group(0)) if close else None
                year = _year_of(ym2) if ym2 else None
            # the head who chairs ("Sở X – Trưởng khối năm 2025 – chủ trì") sits already
            chairs = _CHAIRS.match(text[role_end:])
            # in an election ("bầu … là A (Cụm trưởng) và B (Cụm phó)") the tag names the elected
            elected = bool(_ELECT_VERB.search(text[: r.start()])) and (
                year is None or term is None or year == term
            )
            if not chairs and (
                elected or (year is not None and year == term) or (year is None and kickoff)
            ):
                batch.append(
                    _leader(name, role, year, sentence, "colon" if colon else "tag", bloc(r))
                )
            prev_end = role_end
            i += 1
            continue

        anchor = _ANCHOR_BEFORE.search(before)
        if not anchor:
            # "bầu trưởng khối năm 2026 là A và Phó khối là B"
            elected = notice or bool(_ELECTED_ROLE_NEXT.search(before)) or bool(batch)
            # "Năm 2026, Khối trưởng là …": the year before the clause
            if year is None and lead_year is not None and not batch:
                year = lead_year
            named, y = _named_after_role(
                text[role_end:] if ym else after, year, term, batch, elected, kickoff
            )
            frame = "role_then_la"
            # "Trưởng khối năm 2026 do Sở X đảm nhiệm": the holder after "do"
            dm = None if named else _DO_AFTER.match(text[role_end:])
            if dm and (
                (year is not None and year == term)
                or (year is None and (elected or kickoff or batch))
            ):
                name = _unit_name(dm.group("n"))
                if name:
                    named, y, frame = [name], year, "role_then_do"
            for agency in named:
                batch.append(_leader(agency, role, y, sentence, frame, bloc(r)))
            if not named and batch:
                # "X làm Khối trưởng và Y Khối phó": a second holder with the verb left out
                m = re.fullmatch(r"\s*(?:,|;)?\s*(?:và\s+)?(?P<n>[^,;]+?)\s*", before)
                name = _unit_name(m.group("n")) if m else None
                if name:
                    batch.append(_leader(name, role, year, sentence, "verb_left_out", bloc(r)))
            prev_end = role_end
            i += 1
            continue

        verb = anchor.group("verb").lower()
        seg = before[: anchor.start()]
        group = [r]
        # "A và B được bầu làm Trưởng khối và Phó Trưởng khối": respectively
        j = i + 1
        end = role_end
        while j < len(roles) and re.fullmatch(r"\s*(?:,|và)\s*", text[end : roles[j].start()]):
            group.append(roles[j])
            ymj = _YEAR_AFTER.match(text[roles[j].end() :])
            end = roles[j].end() + (ymj.end() if ymj else 0)
            if ymj and year is None:
                year = _year_of(ymj)
            j += 1
        name_text = None
        if verb.startswith("bàn giao"):
            if re.search(r"\bnhận\s*$", seg):
                name_text = re.split(r"[;]", seg[: seg.rstrip().rfind("nhận")])[-1]
            else:
                cm = re.match(r"^\s*(?:,\s*)?cho\s+(?P<n>[^;.]+)", text[role_end:])
                if cm:
                    name_text = _NAME_END.split(cm.group("n"))[0]
        else:
            seg = re.split(r";", seg)[-1]
            passive = re.search(r"^(?P<n>.*?)\s+(?:đã\s+|cũng\s+)?được\b", seg)
            # "X được bầu làm …", "X được giao làm …": the name before "được"
            if passive and (
                _ELECT_VERB.search(seg[passive.end() :])
                or not any(v.start() < passive.end("n") for v in _ELECT_VERB.finditer(seg))
            ):
                name_text = passive.group("n")
            else:
                verbs = list(_ELECT_VERB.finditer(seg))
                if verbs:
                    seg = seg[verbs[-1].end() :]
                name_text = seg
        prev_end = end
        i = j
        if not name_text:
            continue
        local_elected = (
            notice
            or bool(_ELECT_VERB.search(before))
            or verb.startswith(("bàn giao", "đảm", "nhận", "tiếp"))
        )
        if year is None:
            ly = _LEAD_YEAR.match(_LEAD_RE.sub("", name_text.strip(" ,;")))
            if ly:
                year = int(ly.group(2) or ly.group(1))
        if year is None:
            later = _YEAR_ANY.search(text[end:])
            if (later and not _ROLE_RE.search(text[end : end + later.start()])) or (
                later and r is not roles[-1]
            ):
                year = _year_of(later)
        if year is None and lead_year is not None:
            year = lead_year
        # "Sở X là Trưởng khối", "Năm 2025, Sở X làm Khối trưởng" with no election: the sitting
        # leader, unless the year is the coming term's
        # at a kick-off the plain "X là Trưởng khối năm N" states the head already in place
        if (
            not local_elected
            and not batch
            and verb == "là"
            and (kickoff or year is None or year != term)
        ):
            continue
        # "Năm 2025, Sở X được giao là Trưởng khối" at the 2025 summary: this year's, not the next
        if year is not None and term is not None and year != term:
            continue
        # "…, do Sở X làm Trưởng khối": the host that leads; new only in a notice, at a kick-off
        # or for the coming year
        do = re.search(r"\bdo\s+(?=\S)", name_text)
        if do:
            if not (local_elected or kickoff or (year is not None and year == term)):
                continue
            name_text = name_text[do.end() :]
        if len(group) > 1:
            pieces = [_unit_name(p.text) for p in split_names(name_text)]
            pieces = [p for p in pieces if p]
            if len(pieces) == len(group):
                for agency, g in zip(pieces, group, strict=True):
                    gr = "deputy" if g.group("deputy") else "head"
                    batch.append(_leader(agency, gr, year, sentence, "respectively", bloc(g)))
                continue
        # "Sở A và Sở B là Khối phó": two holders of one role, each a unit of its own
        pieces = split_names(name_text)
        if len(pieces) > 1 and all(_is_head(p.text) for p in pieces):
            for p in pieces:
                agency = _unit_name(p.text)
                if agency:
                    batch.append(_leader(agency, role, year, sentence, "two_holders", bloc(r)))
            continue
        name = _leader_name(name_text)
        if not name and pieces:
            # "Trưởng khối thi đua văn hóa - xã hội, Sở Nội vụ làm …": the last name before the verb
            name = _leader_name(pieces[-1].text)
        if not name:
            continue
        batch.append(_leader(name, role, year, sentence, "chosen_as", bloc(r)))
    known = [y for _l, y in batch if y]
    prev_year = None
    if not known and _ROLE_RE.search(prev):
        pm = _YEAR_ANY.search(prev)
        prev_year = _year_of(pm) if pm else None
    # "bầu chọn cụm trưởng và cụm phó năm 2023 là A (Cụm trưởng) và B (Cụm phó)"
    ev = _ELECT_VERB.search(text)
    ey = _YEAR_ANY.search(text, ev.end()) if ev and not known else None
    sent_year = _year_of(ey) if ey else None
    out = []
    for leader, _y in batch:
        if leader.year is None:
            leader.year = known[0] if known else (sent_year or prev_year or term)
            if not known and not sent_year:
                leader.confidence = round(leader.confidence - _YEAR_INFERRED, 2)
        out.append(leader)
    return out


def leaders(sentences: list[_Sentence], article: ArticleData) -> list[LeaderData]:
    """The bloc's leaders for the coming term, from the title, the body and the captions."""
    context = None  # the coming term, read only when a sentence names a role
    # each text with the bloc its list header names ("Khối thi đua X:" above "- Trưởng khối: …")
    texts = [(s, None) for s in _split_sentences(article.title)] if article.title else []
    for s in sentences:
        texts.append((s.text, None))
        if s.items:
            named = list(_BLOC_MENTION.finditer(s.text))
            header_bloc = _strip_punct(named[-1].group(0)) if named else None
            texts.extend((item, header_bloc) for item in s.items)
    found: list[LeaderData] = []
    prev = ""
    for sentence, header_bloc in texts:
        low = sentence.lower()
        if not (("khối" in low or "cụm" in low) and ("trưởng" in low or "phó" in low)):
            prev = sentence
            continue
        text = _dequote(sentence)
        if _ROLE_RE.search(text):
            context = context or coming_term(article)
            found.extend(_read_sentence(text, sentence, *context, prev, header_bloc))
        prev = text
    unique = []
    seen = set()
    for leader in found:
        key = (match_key(leader.agency), leader.role, leader.year)
        if key not in seen:
            seen.add(key)
            unique.append(leader)
    _own_blocs(unique, article.bloc)
    return unique


def _same_bloc(a: str, b: str) -> bool:
    """One bloc named more or less fully ("Khối thi đua số 1" and "khối thi đua số 1 tỉnh")."""
    short, long_ = sorted((match_key(a), match_key(b)), key=len)
    return short == long_ or long_.startswith(short + " ")


def _own_blocs(found: list[LeaderData], article_bloc: str | None) -> None:
    """Keep a leader's bloc only where it is not simply the article's own: a notice naming the
    heads of several blocs at once, or an article that names no bloc of its own."""
    named: list[str] = []
    for leader in found:
        if leader.bloc and not any(_same_bloc(leader.bloc, b) for b in named):
            named.append(leader.bloc)
    if article_bloc and len(named) < 2:
        for leader in found:
            leader.bloc = None
