"""The article's facts about the meeting: bloc, results year, date, venue, province, decisions.

Read from the lead paragraph and the title (the first sentences name the bloc,
the year summarised, the date and the place) and, for decisions, from every
sentence. Nominations and leaders are read elsewhere (``extracting``, ``leaders``).
"""

# ruff: noqa: E501

from __future__ import annotations

import contextlib
import datetime as dt
import re

from awards.importer.extracting import (
    _UP,
    _YEAR_ANY,
    ArticleData,
    DecisionData,
    _collapse,
    _is_upper_start,
    _Sentence,
    _strip_punct,
)
from awards.text import fold

# "ngày 01-02/4/2019": a meeting over two days starts on the first
_DATE_DMY = re.compile(
    r"\b(\d{1,2})(?:\s*-\s*\d{1,2}(?=\s*/))?\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?\b"
)
_DATE_WORDS = re.compile(r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?", re.I)

_BLOC_STOP = (
    r"đã|tổ chức|gồm|tổng kết|triển khai|ký kết|ký|họp|trực thuộc|thuộc|do|vừa|chính thức|long trọng|"
    r"năm|trong|trên địa bàn|diễn ra|là|có|được|nhận|đề nghị|bầu|phát động|sơ kết|hoàn thành"
)
# "Khối thi đua …", and blocs written without "thi đua": "Khối các sở …", "Khối cơ quan …", "Khối 9"
_BLOC_RE = re.compile(
    r"(?P<bloc>(?:Khối|Cụm|khối|cụm)(?:\s+[Tt]hi\s+đua|(?=\s+(?:các|Các|cơ\s+quan|Cơ\s+quan|số|\d)))"
    rf"\s+(?:(?!\b(?:{_BLOC_STOP})\b)[^.;:()\"“])+?)"
    rf"(?=\s*,?\s+(?:{_BLOC_STOP})\b"
    r"|\s+(?:và|cùng)\s+(?:Khối|Cụm)\s+thi\s+đua|\s*[.;:(\"“]|$"
    # "… Khối thi đua các cơ quan tổng hợp, Sở B làm Phó Trưởng khối": the next holder
    r"|\s*,\s+[^,;.]{0,60}?\s(?:làm|là)\s+(?:[Pp]hó|[Tt]rưởng|[Kk]hối\s+[tp]|[Cc]ụm\s+[tp]))"
)
_VENUE_RE = re.compile(r"\btại\s+(?!hội nghị|buổi)(?P<v>[^.;]+)", re.I)


# words that never open a bloc's own name ("Khối thi đua luôn tích cực …", "khối thi đua ở 2 đơn vị")
_NOT_BLOC_START = re.compile(
    r"^(?:Khối|Cụm|khối|cụm)(?:\s+[Tt]hi\s+đua)?\s+(?:ở|luôn|này|đó|cũng|tiếp tục|với|mình|đều|"
    r"nói chung|nhằm|để|và|hay|hoặc|rất|ngày càng|các\s+khối|các\s+cụm)\b"
)


def _bloc(first: str, title: str | None) -> str | None:
    found = []
    for source in (first, title or ""):
        for m in _BLOC_RE.finditer(source):
            bloc = _strip_punct(m.group("bloc"))
            bloc = re.sub(r",\s*$", "", bloc)
            words = bloc.split()
            if _NOT_BLOC_START.match(bloc):
                continue
            # "Khối 9", "khối thi đua VI": a number names a bloc; otherwise three words at least
            if len(words) >= 4 or (
                len(words) >= 2 and re.fullmatch(r"\d+|[IVX]+|số\s+\S+", " ".join(words[-1:]))
            ):
                found.append(bloc)
    if not found:
        return None
    # "cụm số 11" in the lead and "cụm thi đua số 11" in the title: the full form
    return next((b for b in found if re.search(r"[Tt]hi\s+đua", b)), found[0])


_SUMMARY_SCHOOL_YEAR = re.compile(r"tổng kết[^.]{0,120}?năm\s+học\s+\d{4}\s*[-–—/]\s*(\d{4})", re.I)
_SUMMARY_SCHOOL_YEAR_START = re.compile(r"tổng kết[^.]{0,120}?năm\s+học\s+(\d{4})", re.I)
_SUMMARY_YEAR = re.compile(r"tổng kết[^.]{0,120}?năm\s+(\d{4})", re.I)
_RESULTS_JUDGED = re.compile(r"\b(?:họp|bình)\s+xét\s+thi\s+đua[^.]{0,40}?năm\s+(\d{4})", re.I)
_PLEDGE_MEETING = re.compile(r"ký kết giao ước|giao ước thi đua|phát động thi đua", re.I)


def _award_year(first: str, title: str | None) -> tuple[int | None, str | None]:
    # each pattern runs only where its words are (case-blind patterns are slow on a lead)
    sources = [(source, source.lower()) for source in (first, title or "")]
    # a school year counts as the year it ends: "năm học 2022-2023" is 2023
    for source, low in sources:
        m = "tổng kết" in low and _SUMMARY_SCHOOL_YEAR.search(source)
        if m:
            return int(m.group(1)), "summary"
    for source, low in sources:
        if "tổng kết" not in low:
            continue
        m = _SUMMARY_SCHOOL_YEAR_START.search(source)
        if m:
            return int(m.group(1)), "summary"
        m = _SUMMARY_YEAR.search(source)
        if m:
            return int(m.group(1)), "summary"
    # "họp xét thi đua năm 2015", "bình xét thi đua năm 2015": the year's results judged
    for source, low in sources:
        m = "xét" in low and _RESULTS_JUDGED.search(source)
        if m:
            return int(m.group(1)), "summary"
    for source, low in sources:
        if "sơ kết" in low:
            return None, "midyear"
        if ("giao ước" in low or "phát động thi đua" in low) and _PLEDGE_MEETING.search(source):
            return None, "pledge"
    return None, None


# the words that say a year is the one awards are for ("dẫn đầu … năm 2020"); looked up in
# the 120 characters before each year (a plain search: case-blind regexes are slow)
_ACHIEVEMENT_WORDS = (
    "dẫn đầu",
    "thành tích",
    "hoàn thành xuất sắc",
    "phong trào thi đua",
    "công tác thi đua",
    "xuất sắc nhất",
    "cờ thi đua",
)
_YEAR_MENTION = re.compile(r"\bnăm(?:\s+học)?\s+(\d{4})(?:\s*[-–—/]\s*(\d{4}))?\b")


def _achievement_year(text: str, meeting_date: str | None, *, before: bool = False) -> int | None:
    """The year an award is for, when no summary meeting names it ("dẫn đầu ... năm 2020").

    A date's year ("ngày 10 tháng 3 năm 2021") is not an achievement year, nor
    is a year after the meeting (``before``: nor the meeting's own, at a mid-year
    review); a school year counts as the year it ends; of several, the most said.
    """
    limit = int(meeting_date[:4]) - (1 if before else 0) if meeting_date else None
    years = []
    for m in _YEAR_MENTION.finditer(text):
        window = text[max(0, m.start() - 120) : m.start()]
        if re.search(r"tháng\s+\d{1,2}\s*$", window):
            continue
        window = re.split(r"[.;]", window)[-1].lower()
        words = [word for word in _ACHIEVEMENT_WORDS if word in window]
        if not words:
            continue
        year = int(m.group(2) or m.group(1))
        if limit is None or year <= limit:
            # "đề nghị tặng Cờ thi đua năm 2025" may name the year of the proposal: it weighs less
            years.append((year, 1 if words != ["cờ thi đua"] else 0.5))
    if not years:
        return None
    # the year said most often; of equals the latest ("thành tích năm 2003" is history)
    weight: dict[int, float] = {}
    for year, w in years:
        weight[year] = weight.get(year, 0) + w
    return max(weight, key=lambda y: (weight[y], y))


# "9/9 phiếu", "06/6 đơn vị": a share, not a date
_FRACTION_AFTER = re.compile(
    r"^\s*(?:phiếu|đơn vị|tập thể|cá nhân|thành viên|xã|huyện|tỉnh|chỉ tiêu|trường|người)\b", re.I
)
_CITATION_BEFORE = re.compile(
    r"(?:số\s*\S*\d\S*|(?:Quyết định|Kế hoạch|Công văn|Thông báo|Hướng dẫn|Nghị quyết)(?:\s+số)?\s*\S*)\s*,?\s*(?:ký\s+)?$",
    re.I,
)


def _cited(text: str, m: re.Match) -> bool:
    """A date that belongs to a cited document ("Kế hoạch số 44/KH-UBND ngày 24/02/2021 của …")."""
    before = text[max(0, m.start() - 40) : m.start()]
    before = re.sub(r"\s*ngày\s*$", "", before)
    return bool(_CITATION_BEFORE.search(before)) or bool(
        re.match(r"^\s*(?:của|về việc)\b", text[m.end() :])
    )


def _meeting_date(
    first: str, published: str | None, award_year: int | None, title: str | None
) -> str | None:
    candidates = []
    for m in _DATE_WORDS.finditer(first):
        if not _cited(first, m):
            candidates.append((m.start(), m.group(1), m.group(2), m.group(3)))
            break
    for dm in _DATE_DMY.finditer(first):
        pre = first[max(0, dm.start() - 25) : dm.start()]
        if re.search(r"(?:số|Quyết định|QĐ)\s*$", pre) or "/" in first[dm.end() : dm.end() + 1]:
            continue
        if _cited(first, dm) or _FRACTION_AFTER.match(first[dm.end() :]):
            continue
        candidates.append((dm.start(), dm.group(1), dm.group(2), dm.group(3)))
        break
    if not candidates:
        return None
    _pos, d, mo, y = min(candidates)
    day, month = int(d), int(mo)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    if y:
        year = int(y)
    elif published:
        pub = dt.date.fromisoformat(published)
        year = pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1
    elif award_year and re.search(r"năm\s+học", f"{first} {title or ''}", re.I):
        # a school year ends in the summer: its summary meets in the year it ends
        year = award_year if month <= 10 else award_year - 1
    elif award_year:
        # a January meeting closes the previous year; the results year is the earlier one
        year = award_year if month >= 7 else award_year + 1
    else:
        ym = _YEAR_ANY.search(first) or _YEAR_ANY.search(title or "")
        if not ym:
            return None
        year = int(ym.group(1))
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _venue(first: str, bloc: str | None) -> str | None:
    # "TP." and "TX." end no sentence: hide their dots while the venue is read
    if "TP." in first or "TX." in first or "Tp." in first or "Tx." in first:
        first = _PLACE_ABBREVIATION.sub("\\1\x05", first)
    m = _VENUE_RE.search(first)
    if not m:
        return None
    venue = m.group("v").replace("\x05", ".")
    cut = len(venue)
    bm = re.search(r",\s*(?:Khối|Cụm)\s+thi\s+đua", venue)
    if bm:
        cut = bm.start()
    else:
        cm = re.search(r",", venue)
        if cm:
            cut = cm.start()
    venue = _strip_punct(venue[:cut])
    if not venue or (
        not _is_upper_start(venue)
        and not re.match(
            rf"^(?:thành phố|trụ sở|hội trường|phòng họp|huyện|thị xã|quận|xã|phường|thị trấn)"
            rf"\s+(?:của\s+|[{_UP}])",
            venue,
        )
    ):
        return None
    return venue


_PLACE_ABBREVIATION = re.compile(r"\b(TP|TX|Tp|Tx)\.")
_PROVINCE = re.compile(
    rf"\b(?:tỉnh|thành phố)\s+(?P<p>[{_UP}][^\s,.;]*(?:\s+[{_UP}][^\s,.;]*){{0,3}})"
)


def _province(text: str) -> str | None:
    # the pattern opens with no plain letter, so it would be tried at every character of
    # the article: start it where its first word is
    starts = [i for i in (text.find("tỉnh"), text.find("thành phố")) if i >= 0]
    m = _PROVINCE.search(text, min(starts)) if starts else None
    return m.group("p") if m else None


# ---------------------------------------------------------------------------
# Decisions

_DECISION_RE = re.compile(
    r"\b[Qq]uyết\s+định\s+(?:số\s*)?(?P<number>\d+[a-zA-Z]?\s*/\s*Q[ĐD]\s*-\s*[\w.\-]*\w)"
    r"(?:\s*,?\s*(?:ký\s+)?ngày\s+(?:(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
    r"|(?P<wd>\d{1,2})\s+tháng\s+(?P<wm>\d{1,2})\s+năm\s+(?P<wy>\d{4})))?"
)
_SIGNER_RE = re.compile(
    rf"(?:do|được)\s+(?:đồng chí|ông|bà|đ/c)\s+(?P<name>[{_UP}][^\s,;]*(?:\s+[{_UP}][^\s,;]*){{1,4}})"
    r"[^.;]{0,80}?\bký\b"
)


def decision_issuer(number: str, province: str | None) -> str | None:
    """Who issues a decision, read from its number's suffix (TTg, CTN, UBND)."""
    suffix = number.split("-", 1)[1] if "-" in number else ""
    key = fold(suffix).split("-")[0].split(".")[0]
    if key == "ttg":
        return "Thủ tướng Chính phủ"
    if key == "ctn":
        return "Chủ tịch nước"
    if key.startswith("ub"):
        return f"Chủ tịch UBND tỉnh {province}" if province else "Chủ tịch UBND tỉnh"
    return None


def _decisions(sentences: list[_Sentence], province: str | None) -> dict[str, DecisionData]:
    """Every decision cited, by number (the first citation with a date wins)."""
    found: dict[str, DecisionData] = {}
    for sent in sentences:
        if "uyết" not in sent.text:
            continue  # no "Quyết định" cited
        for m in _DECISION_RE.finditer(sent.text):
            number = re.sub(r"\s+", "", m.group("number"))
            day = None
            d, mo, y = (
                m.group("d") or m.group("wd"),
                m.group("m") or m.group("wm"),
                m.group("y") or m.group("wy"),
            )
            if d:
                with contextlib.suppress(ValueError):
                    day = dt.date(int(y), int(mo), int(d)).isoformat()
            signer = _SIGNER_RE.search(sent.text[m.end() :])
            known = found.get(number)
            if known is None or (known.date is None and day):
                found[number] = DecisionData(
                    number=number,
                    date=day,
                    issuer=decision_issuer(number, province),
                    signer=signer.group("name") if signer else None,
                    text=_collapse(m.group(0)),
                )
    return found


def _link_decisions(article: ArticleData, decisions: dict[str, DecisionData]) -> None:
    """An award takes the decision cited in its sentence, else the article's only decision."""
    article.decisions = list(decisions.values())
    for nom in article.nominations:
        if nom.status != "awarded":
            continue
        cited = [re.sub(r"\s+", "", m.group("number")) for m in _DECISION_RE.finditer(nom.sentence)]
        if cited:
            nom.decision = cited[0]
        elif len(decisions) == 1:
            nom.decision = next(iter(decisions))


# ---------------------------------------------------------------------------
# Entry point


def _lead(paragraphs: list[str], first: str) -> list[str]:
    """The paragraphs that may open the report after the first: long ones, not document
    references ("Thực hiện Kế hoạch số …"), at most two."""
    out = []
    start = paragraphs.index(first) + 1 if first in paragraphs else 1
    for p in paragraphs[start : start + 5]:
        if len(p) >= 60 and not _DOC_REFERENCE.match(p):
            out.append(p)
        if len(out) == 2:
            break
    return out


_DOC_REFERENCE = re.compile(
    r"^(?:Thực hiện|Căn cứ|Theo)\s+(?:Kế hoạch|Quyết định|Công văn|Hướng dẫn)", re.I
)


def read_meeting(article: ArticleData, paragraphs: list[str]) -> None:
    """Fill the article's publisher, bloc, year, meeting kind and date, venue and province.

    The first paragraph and the title say most; when they do not (a subtitle, a site
    banner or a document reference comes first), the next long paragraphs are read.
    """
    # the first paragraph that reads as a lead: not a byline ("ĐĂNG NGUYÊN |") nor a
    # document reference ("Thực hiện Kế hoạch số …")
    first = next(
        (p for p in paragraphs[:4] if len(p) >= 40 and not _DOC_REFERENCE.match(p)),
        paragraphs[0] if paragraphs else "",
    )
    pm = re.match(r"^\(\s*([A-ZĐ][\w.&]{1,15})\s*\)\s*[-–—:]?\s*", first)
    if pm:
        article.publisher = pm.group(1)
        first = first[pm.end() :]
    more = _lead(paragraphs, first)
    article.bloc = _bloc(first, article.title) or next(
        (b for p in more if (b := _bloc(p, None))), None
    )
    article.award_year, article.meeting_kind = _award_year(first, article.title)
    if article.award_year is None and article.meeting_kind is None:
        for p in more:
            year, kind = _award_year(p, None)
            if year:
                article.award_year, article.meeting_kind = year, kind
                break
    article.meeting_date = _meeting_date(
        first, article.published, article.award_year, article.title
    ) or next(
        (
            d
            for p in more
            if (d := _meeting_date(p, article.published, article.award_year, article.title))
        ),
        None,
    )
    # a lead inside a document reference ("Thực hiện Kế hoạch số …; Ngày 19/3/2021, tại …")
    cited = [p for p in paragraphs[:3] if _DOC_REFERENCE.match(p)]
    if article.meeting_date is None:
        article.meeting_date = next(
            (
                d
                for p in cited
                if (d := _meeting_date(p, article.published, article.award_year, article.title))
            ),
            None,
        )
    # a lead taken for the title ("Sáng 27/3/2024 tại …, Khối thi đua … triển khai …")
    title = article.title or ""
    if article.meeting_date is None and len(title) >= 60:
        article.meeting_date = _meeting_date(
            title, article.published, article.award_year, article.title
        )
    # no year summarised: the year the awards are for ("dẫn đầu … năm 2019"), also at a
    # mid-year review that hands over last year's flags (never at a pledge meeting)
    if article.award_year is None and article.meeting_kind in (None, "midyear"):
        article.award_year = _achievement_year(
            "\n".join([*paragraphs, article.title or ""]),
            article.meeting_date,
            before=article.meeting_kind == "midyear",
        )
    article.venue = _venue(first, article.bloc) or next(
        (v for p in more if (v := _venue(p, article.bloc))), None
    )
    if article.venue is None and len(title) >= 60:
        article.venue = _venue(title, article.bloc)
    if article.venue is None:
        article.venue = next((v for p in cited if (v := _venue(p, article.bloc))), None)
    article.province = _province(first) or _province(article.text)


def read_decisions(article: ArticleData, sentences: list[_Sentence]) -> None:
    """Every decision the article cites, each award linked to its own."""
    _link_decisions(article, _decisions(sentences, article.province))
