"""Award phrases: the catalogue's awards in the spellings met in the wild, their givers and status.

An award phrase is coded from its words and whoever gives it ("Cờ thi đua của Chính phủ"
is gov_flag, "Bằng khen của Bộ Công an" ministry_cert); the status comes from the verbs
before it (đề nghị, suy tôn: proposed; tặng, trao, nhận quyết định: awarded).
"""

# The vocabulary below is long Vietnamese alternations; wrapping them would hide the words.
# ruff: noqa: E501

from __future__ import annotations

import re

from awards.text import fold

_AWARD_RE = re.compile(
    r"(?P<core>"
    r"[Cc]ờ\s+[Tt]hi\s+[Đđ]ua(?:\s+[Xx]uất\s+sắc)?"
    # "Cờ dẫn đầu cụm thi đua của tỉnh"; "Cờ" alone right after the giver's verb ("đề nghị UBND
    # tỉnh tặng Cờ, …") or before its giver ("xét tặng cờ UBND Tỉnh")
    r"|[Cc]ờ\s+dẫn\s+đầu(?:\s+(?:cụm|khối)(?:\s+thi\s+đua)?)?"
    r"|(?<=tặng\s)[Cc]ờ(?=\s*[,.;]|\s+(?:cho|năm|UBND|Ủy ban|Uỷ ban|của)\b)"
    # the flag named by its title: Cờ "Đơn vị dẫn đầu phong trào thi đua" (the quotes dropped by _dequote)
    r"|[Cc]ờ\s+[Đđ]ơn\s+vị\s+(?:xuất\s+sắc|dẫn\s+đầu)(?:\s+(?:trong\s+)?phong\s+trào\s+thi\s+đua)?(?:\s+năm\s+\d{4})?"
    # the state's hero titles (coded "other")
    r"|[Aa]nh\s+hùng\s+(?:[Ll]ao\s+động|[Ll]ực\s+lượng\s+vũ\s+trang\s+nhân\s+dân)(?:\s+thời\s+kỳ\s+đổi\s+mới)?"
    # police and army unit titles, only as written in quotes ("danh hiệu “Đơn vị quyết thắng”")
    r"|“[Đđ]ơn\s+vị\s+(?:[Qq]uyết\s+thắng|[Tt]iên\s+tiến)”"
    r"|[Bb]ằng\s+[Kk]hen"
    r"|[Hh]uân\s+chương\s+[^\s,;.]+(?:\s+[^\s,;.]+)?(?:\s+hạng\s+(?:[Nn]hất|[Nn]hì|[Bb]a|I{1,3}))"
    r"|[Hh]uân\s+chương\s+[A-ZĐ][^\s,;.]*(?:\s+[A-ZĐ][^\s,;.]*)*"
    r"|[Tt]ập\s+thể\s+[Ll]ao\s+động\s+(?:xuất\s+sắc|tiên\s+tiến)"
    r"|[Cc]hiến\s+sĩ\s+thi\s+đua(?:\s+(?:toàn\s+quốc|cấp\s+tỉnh|cấp\s+bộ|cấp\s+ngành|cấp\s+thành\s+phố"
    r"|cấp\s+cơ\s+sở|cơ\s+sở|tỉnh|thành\s+phố|toàn\s+lực\s+lượng))?"
    r"|[Gg]iấy\s+khen"
    r"|(?<![Tt]ập thể )[Ll]ao\s+động\s+tiên\s+tiến"
    r")"
    # the giver after "của"/"cấp", or bare where the catalogue spells it so ("Cờ thi đua Chính phủ",
    # "Cờ thi đua UBND tỉnh"); a year may stand between ("… năm 2013 của Chính phủ")
    r"(?P<suffix>(?:(?:\s+năm\s+\d{4})?\s+(?:(?:của|cấp)\s+|(?=(?:UBND|Ủy ban|Uỷ ban|Chính phủ|Thủ tướng|Bộ\s|Trung ương|Tỉnh ủy|Tỉnh uỷ|Tổng cục|Tổng Liên đoàn|ngành\s)))"
    r"(?:(?!\s(?:cho|vì|theo|năm|do|được|là|gồm|và|trong|tại|nhằm|để|tặng|trao)\b)[^,;.:()“”\"])*)?)"
)

_PROPOSE_VERB = re.compile(
    r"\b(?:đề nghị|đề xuất|suy tôn|bình xét|bình chọn|thống nhất|kiến nghị|công nhận)\b", re.I
)
_PROPOSED_MARK = re.compile(
    r"\b(?:đề nghị|đề xuất|suy tôn|bình xét|bình chọn|xét tặng|trình(?!\s+(?:bày|diễn|chiếu))|kiến nghị|giới thiệu)\b",
    re.I,
)
_AWARDED_MARK = re.compile(
    r"\b(?:trao|đón nhận|vinh dự|công bố|[Qq]uyết định|tặng thưởng|được tặng|đã tặng|được trao|nhận)\b",
    re.I,
)
_SKIP_CLAUSE = re.compile(
    r"xin rút|rút khỏi|rút tên|không đề nghị|không tham gia|không xét|không bình xét|chưa đủ|bị loại|"
    r"loại khỏi|từ chối|chưa xem xét|không được đề nghị|không đủ điều kiện",
    re.I,
)
_LAW_CLAUSE = re.compile(
    r"(?:\b(?:Luật|Nghị định|Thông tư|quy định|tiêu chuẩn)\b.*\b(?:xét tặng|được tặng cho)\b)"
    r"|được xét tặng|xét tặng cho",
    re.I,
)

_HAS_QUOTE = re.compile(r"[\"“”„«]")
_QUOTED = re.compile(r"[\"“”„«](?P<q>[^\"“”„«»]{0,200})[\"“”»]")


def _dequote(text: str) -> str:
    """Campaign names in quotes are not awards or units; quoted award names are kept bare."""
    if not _HAS_QUOTE.search(text):
        return text

    def repl(m):
        inner = m.group("q")
        if _AWARD_RE.fullmatch(inner.strip()):
            return inner
        # Cờ "Đơn vị dẫn đầu phong trào thi đua": the quoted words are the flag's title
        if _FLAG_BEFORE.search(text, 0, m.start()) and _FLAG_TITLE.match(inner.strip()):
            return inner
        if _UNIT_TITLE.fullmatch(inner.strip()):
            return f"“{inner.strip()}”"
        return "«»"

    return _QUOTED.sub(repl, text)


_FLAG_BEFORE = re.compile(r"[Cc]ờ\s*$")
_FLAG_TITLE = re.compile(r"[Đđ]ơn\s+vị\s+(?:xuất\s+sắc|dẫn\s+đầu)")
_UNIT_TITLE = re.compile(r"[Đđ]ơn\s+vị\s+(?:[Qq]uyết\s+thắng|[Tt]iên\s+tiến)")


# ---------------------------------------------------------------------------
# Awards


# The words that tell who gives an award (see _level); compiled once, read for every giver.
_CENTRAL_AGENCY = re.compile(r"(?:thanh tra|văn phòng|ban cơ yếu)\s+chính phủ")
_GOVERNMENT = re.compile(r"thủ tướng|chính phủ|qđ-ttg")
_PRESIDENT = re.compile(r"chủ tịch nước|qđ-ctn")
_PEOPLES_COMMITTEE = re.compile(r"(?:ubnd|[uủ][ỷy] ban nhân dân|qđ-ub)")
_LOCAL_COMMITTEE = re.compile(r"(?:ubnd|ban nhân dân)\s+(?:huyện|quận|thị xã|xã|phường)")
_OF_THE_PROVINCE = re.compile(
    r"\b(?:của tỉnh|cấp tỉnh|của thành phố|cấp thành phố|xuất sắc của tỉnh)\b"
)
_MASS_ORGANISATION = re.compile(r"\b(?:hội|đoàn|mặt trận|mttq|liên đoàn)\b")
_GENERAL_DEPARTMENT = re.compile(r"\btổng cục\b")
_MINISTRY_WORD = re.compile(r"\bbộ\b")
_CENTRAL_BODY = re.compile(
    r"\b(?:bộ|bộ trưởng|trung ương|ban chấp hành|đoàn chủ tịch|tổng liên đoàn|tập đoàn|"
    r"tổng công ty|ngân hàng nhà nước việt nam|bảo hiểm xã hội việt nam|kho bạc nhà nước)\b"
)
_MILITARY_COMMAND = re.compile(r"\bbộ (?:chỉ huy|tư lệnh)\b")
_LOCAL_PLACE = re.compile(r"\b(?:tỉnh|thành phố|huyện|quận|thị xã)\b")
_SECTOR = re.compile(r"\bngành\b")


def _level(text: str | None) -> str | None:
    """Which level gives: gov, state (President), prov, ministry, or other (a local body)."""
    if not text:
        return None
    t = text.lower()
    # central agencies with "Chính phủ" in their name give ministry-level awards
    if _CENTRAL_AGENCY.search(t) and "thủ tướng" not in t:
        return "ministry"
    if _GOVERNMENT.search(t):
        return "gov"
    if _PRESIDENT.search(t):
        return "state"
    if _PEOPLES_COMMITTEE.search(t):
        return "other" if _LOCAL_COMMITTEE.search(t) else "prov"
    if _OF_THE_PROVINCE.search(t) and not _MASS_ORGANISATION.search(t):
        return "prov"
    # a department of a ministry ("Tổng cục Chính trị Công an nhân dân") is not the ministry
    if _GENERAL_DEPARTMENT.search(t) and not _MINISTRY_WORD.search(t):
        return "other"
    if _CENTRAL_BODY.search(t):
        return "other" if _MILITARY_COMMAND.search(t) else "ministry"
    if _LOCAL_PLACE.search(t):
        return "other"
    if "việt nam" in t or _SECTOR.search(t):
        return "ministry"
    return None


def award_code(core: str, suffix: str | None, giver: str | None) -> str:
    """The catalogue code for an award phrase and whoever gives it."""
    c = fold(core)
    level = _level(suffix) or _level(giver)
    if c.startswith("“don vi"):
        return "other"
    if c == "co" or c.startswith(("co thi dua", "co don vi", "co dan dau")):
        return {
            "gov": "gov_flag",
            "prov": "prov_flag",
            "ministry": "ministry_flag",
            "other": "other",
        }.get(level or "prov", "prov_flag")
    if c.startswith("bang khen"):
        return {
            "gov": "pm_cert",
            "prov": "prov_cert",
            "ministry": "ministry_cert",
            "other": "other",
        }.get(level or "prov", "prov_cert")
    if c.startswith("huan chuong lao dong"):
        for word, code in (
            ("nhat", "labor_order_1"),
            ("nhi", "labor_order_2"),
            ("ba", "labor_order_3"),
        ):
            if c.endswith(" " + word):
                return code
        if c.endswith(" iii"):
            return "labor_order_3"
        if c.endswith(" ii"):
            return "labor_order_2"
        if c.endswith(" i"):
            return "labor_order_1"
        return "other"
    if c.startswith("tap the lao dong xuat sac"):
        return "excellent_collective"
    if c.startswith("chien si thi dua"):
        if "toan quoc" in c:
            return "emulation_soldier_national"
        if "co so" in c:
            return "emulation_soldier_grassroots"
        if c == "chien si thi dua" and level == "gov":
            return "emulation_soldier_national"
        return "emulation_soldier_province"
    return "other"


def _status_of(before: str, inherited: str | None) -> str | None:
    if _PROPOSED_MARK.search(before):
        return "proposed"
    if _AWARDED_MARK.search(before):
        if (
            inherited
            and re.search(r"\bnhận\b", before)
            and not re.search(r"đón nhận|trao", before, re.I)
        ):
            return inherited
        return "awarded"
    return inherited
