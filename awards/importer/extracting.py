"""Read a Vietnamese bloc-meeting report and return what a careful reader extracts.

The output is a plain data structure (``ArticleData``) in the shape of the
corpus annotations (shared/corpus/README.md). The rules follow the grammar of
award reporting described under "Writing in the wild" in docs/domain.md:
names that contain "và", "&" and commas, shortened lists, the award before or
after the names, a giver named first, counts followed by names, numbered and
bulleted lists, photo captions. Nothing here touches the database.
"""

# The vocabulary below is long Vietnamese alternations; wrapping them would hide the words.
# ruff: noqa: E501

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import asdict, dataclass, field

from django.core.exceptions import AppRegistryNotReady, ImproperlyConfigured
from django.utils.translation import gettext

from awards.text import fold, match_key, normalize, normalize_text


def _(message: str) -> str:
    """The message in the active language; the English as written when Django is not set up.

    ``extract`` needs no settings (benchmarks and scripts call it bare), so a
    missing configuration falls back to the msgid instead of failing.
    """
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
# Vocabulary

# Upper-case letters for regex classes, listed one by one: a range such as "À-Ỹ"
# spans the lower-case letters between them too ("đã" would start a name).
_UP = "A-Z" + "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"

# Words that open the name of a unit. A piece of a list that does not start
# with one of them continues the previous name ("Sở Văn hóa, Thể thao và Du lịch").
_UNIT_HEADS = (
    "Sở|Ban|Cục|Chi cục|Tổng cục|UBND|Ủy ban|Uỷ ban|Hội|Liên hiệp|Liên minh|Liên đoàn|LĐLĐ|"
    "Công ty|Tổng công ty|Tập đoàn|Công an|Kho bạc|Ngân hàng|NHCSXH|Quỹ|Trường|Báo|Đài|Tòa án|Toà án|"
    "TAND|Viện|VKSND|Thanh tra|Văn phòng|Bộ Chỉ huy|Bộ đội|Bộ|Bảo hiểm|BHXH|BQL|Trung tâm|Đảng ủy|"
    "Đảng uỷ|Đảng bộ|Tỉnh đoàn|Thành đoàn|Huyện đoàn|Đoàn|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|"
    "Huyện ủy|Huyện uỷ|HTX|Hợp tác xã|Nhân dân|MTTQ|Mặt trận|Bệnh viện|Xí nghiệp|Nhà máy|Chi nhánh|"
    "Cảng vụ|Bưu điện|Điện lực|Viễn thông|Công đoàn|Phòng|Học viện|Đại học|Cao đẳng|Lữ đoàn|Sư đoàn|"
    "Trung đoàn|Cơ quan|Đội|Nhà xuất bản|Tạp chí|Thư viện|Bảo tàng|Vườn quốc gia|Hạt|Cảnh sát|Đồn|"
    "Hải quan|Cục Hải quan|Tổng Liên đoàn|Khu|Ủy ban MTTQ|Trạm|Lực lượng|Tòa|Toà|Thông tấn xã|Truyền hình|"
    "Ký túc xá|Làng|Hợp tác|Doanh nghiệp|Tổ|Nhóm|Chi bộ|Cụm|Khối|Kiểm toán|Thi hành án"
)
_PLACE_HEADS = "Xã|Phường|Thị trấn|Huyện|Thị xã|Thành phố|Quận|TP\\.|TX\\.|Tỉnh"
_UNIT_HEAD_RE = re.compile(rf"^(?:{_UNIT_HEADS})(?=\s|$|\.)", re.I)
_PLACE_HEAD_RE = re.compile(rf"^(?:{_PLACE_HEADS})\s+[{_UP}]")


def _is_head(piece: str) -> bool:
    """Does this piece open a new unit name (a capitalised unit word or a place type + name)?"""
    return bool(piece[:1].isupper() and (_UNIT_HEAD_RE.match(piece) or _PLACE_HEAD_RE.match(piece)))


_HONORIFIC = (
    r"(?:ông|bà|anh|chị|cô|thầy|đồng chí|đ/c|đại tá|thượng tá|trung tá|thiếu tá|đại úy|đại uý|"
    r"thượng úy|thượng uý|trung úy|trung uý|thiếu úy|thiếu uý|thiếu tướng|trung tướng|đại tướng|"
    r"tiến sĩ|thạc sĩ|bác sĩ|nhà giáo|nghệ sĩ|nghệ nhân|kỹ sư|luật sư|TS\.|ThS\.|PGS\.\s?TS\.|GS\.\s?TS\.|BS\.)"
)
_PERSON_RE = re.compile(
    rf"^{_HONORIFIC}\s+(?P<name>[{_UP}][^\s,;]*(?:\s+[{_UP}][^\s,;]*){{1,5}})", re.I
)
_SURNAMES = frozenset(
    [
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Lò",
        "Cầm",
        "Lường",
        "Đinh",
        "Trịnh",
        "Đào",
        "Lưu",
        "Tạ",
        "Kiều",
        "Quách",
        "Tô",
        "Triệu",
        "Vi",
        "Hứa",
        "Đoàn",
        "Lục",
        "Mạc",
        "Khổng",
        "Doãn",
        "Âu",
        "Ông",
        "Thân",
        "Chu",
        "Tăng",
        "Giàng",
        "Sùng",
        "Nông",
        "Ksor",
        "Rơ",
    ]
)
# Compound names with "và" or a comma inside: a domain lexicon, not article cases.
_COMPOUNDS = (
    "Văn hóa, Thể thao và Du lịch",
    "Văn hoá, Thể thao và Du lịch",
    "Văn hóa và Thể thao",
    "Văn hoá và Thể thao",
    "Thể thao và Du lịch",
    "Tài nguyên và Môi trường",
    "Kế hoạch và Đầu tư",
    "Giáo dục và Đào tạo",
    "Khoa học và Công nghệ",
    "Khoa học và Kỹ thuật",
    "Thông tin và Truyền thông",
    "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp và Môi trường",
    "Thương binh và Xã hội",
    "Phát thanh và Truyền hình",
    "Quản lý và Khai thác",
    "Dân tộc và Tôn giáo",
    "Đoàn ĐBQH và HĐND",
    "Nhân dân và cán bộ",
    "Nhân dân và Lực lượng vũ trang",
    "Khu kinh tế và các Khu công nghiệp",
    "KKT và KCN",
    "Xây dựng và Phát triển",
    "Đầu tư và Phát triển",
    "Tuyên giáo và Dân vận",
    "Ngoại vụ và Hợp tác",
    "Trẻ em và Bình đẳng giới",
)
_COMPOUND_RE = re.compile(
    "|".join(
        re.escape(c).replace(r"\ ", r"\s+") for c in sorted(_COMPOUNDS, key=len, reverse=True)
    ),
    re.I,
)

_AWARD_RE = re.compile(
    r"(?P<core>"
    r"[Cc]ờ\s+thi\s+đua(?:\s+xuất\s+sắc)?"
    r"|[Bb]ằng\s+khen"
    r"|[Hh]uân\s+chương\s+[^\s,;.]+(?:\s+[^\s,;.]+)?(?:\s+hạng\s+(?:[Nn]hất|[Nn]hì|[Bb]a|I{1,3}))"
    r"|[Hh]uân\s+chương\s+[A-ZĐ][^\s,;.]*(?:\s+[A-ZĐ][^\s,;.]*)*"
    r"|[Tt]ập\s+thể\s+[Ll]ao\s+động\s+(?:xuất\s+sắc|tiên\s+tiến)"
    r"|[Cc]hiến\s+sĩ\s+thi\s+đua(?:\s+(?:toàn\s+quốc|cấp\s+tỉnh|cấp\s+bộ|cấp\s+ngành|cấp\s+thành\s+phố"
    r"|cấp\s+cơ\s+sở|cơ\s+sở|tỉnh|thành\s+phố|toàn\s+lực\s+lượng))?"
    r"|[Gg]iấy\s+khen"
    r"|(?<![Tt]ập thể )[Ll]ao\s+động\s+tiên\s+tiến"
    r")"
    r"(?P<suffix>(?:\s+(?:của|cấp)\s+(?:(?!\s(?:cho|vì|theo|năm|do|được|là|gồm|và|trong|tại|nhằm|để)\b)[^,;.:()])*)?)"
)
_NOT_NAME_WORDS = re.compile(
    r"\b(?:được|đã|sẽ|tổ chức|đề nghị|tặng|trao|nhận|bình xét|suy tôn|thống nhất|xét|có thành tích|gồm)\b"
)
_COUNT_RE = re.compile(
    r"^\s*(?:\d+|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+(?:đơn vị|tập thể|cá nhân|đồng chí|doanh nghiệp|"
    r"trường|hội|địa phương|cơ quan|huyện|xã|tổ chức|công ty|người|hộ|suất|tỉnh|sở|ban|ngành|chi hội|"
    r"chi bộ|tổ|đội|phòng|khoa|lượt|thành viên|hội viên|gia đình|em|học sinh|giáo viên)\b",
    re.I,
)
_ANY_COUNT_RE = re.compile(
    r"(?:^|\s)\d+\s+(?:đơn vị|tập thể|cá nhân|đồng chí|doanh nghiệp|trường|địa phương|cơ quan|người|hộ|suất)\b",
    re.I,
)
_LEAD_RE = re.compile(
    r"^(?:(?:Qua|Trên cơ sở|Căn cứ|Theo|Tại|Dịp này|(?:Sáng|Chiều|Tối|Trưa)?\s*(?:ngày|hôm)|Sáng|Chiều|Tối|Trưa|Vào|(?:Năm|Tháng)\s+\d+|Nhân dịp|Cũng tại|Đồng thời|Ngoài ra|Về cá nhân|Về tập thể|"
    r"Bên cạnh đó|Sau đó|Kết quả|Cũng trong|Trong dịp|Ngay sau|Cũng dịp|Dịp|Trong khuôn khổ|Riêng)\b[^,:]*[,:]\s*)+",
    re.I,
)
_PROPOSE_VERB = re.compile(
    r"\b(?:đề nghị|đề xuất|suy tôn|bình xét|bình chọn|thống nhất|kiến nghị|công nhận)\b", re.I
)
_PROPOSED_MARK = re.compile(
    r"\b(?:đề nghị|đề xuất|suy tôn|bình xét|bình chọn|xét tặng|trình|kiến nghị|giới thiệu)\b", re.I
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
_CAPTION_RE = re.compile(r"(?:^|[\s.(])Ảnh\s*:\s*[^\n]{0,40}\)?\s*$")
_LIST_MARK = re.compile(r"^\s*(?:\d{1,2}\s*[.)/]|[a-zđ]\)|[-–—•+*·▪●○◦])\s*")
_QUOTED = re.compile(r"[\"“”„«](?P<q>[^\"“”„«»]{0,200})[\"“”»]")
_PAREN = re.compile(r"\s*\([^()]*\)")

# ---------------------------------------------------------------------------
# Small helpers


# A place named with its type in lower case, as clusters of provinces or districts write
# their members ("suy tôn tỉnh Đắk Lắk", "huyện Yên Thế làm Cụm phó").
_LOWER_PLACE = re.compile(rf"^(?:tỉnh|thành phố|huyện|thị xã|quận)\s+[{_UP}]")


def _is_name_start(text: str) -> bool:
    return _is_upper_start(text) or bool(_LOWER_PLACE.match(text.lstrip()))


def _is_upper_start(text: str) -> bool:
    text = text.lstrip()
    return bool(text) and (text[0].isupper() or text[0].isdigit())


def _title_words(text: str) -> bool:
    """Every word capitalised, as place names are ("Bà Rịa – Vũng Tàu"), unlike unit names."""
    words = [w for w in text.split() if w not in {"-", "–", "—"}]
    return bool(words) and len(words) <= 5 and all(w[0].isupper() for w in words)


def _strip_punct(text: str) -> str:
    return text.strip().strip(" ,;:.–-—").strip()


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _protect(text: str) -> str:
    """Hide the separators inside known compound names so that list splitting keeps them whole."""
    return _COMPOUND_RE.sub(lambda m: m.group(0).replace(" ", "\x03").replace(",", "\x04"), text)


def _unprotect(text: str) -> str:
    return text.replace("\x03", " ").replace("\x04", ",")


# ---------------------------------------------------------------------------
# Text preparation


@dataclass
class _Sentence:
    text: str
    items: list[str] | None = None  # list items that follow a header ending in ":"
    status: str | None = None  # inherited from a list header
    caption: bool = False


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
            starts_list = bool(_LIST_MARK.match(nxt))
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


def _clean_lines(text: str) -> tuple[list[str], dict]:
    """NFC per line, CRLF undone, site noise removed; returns lines and the header facts."""
    text = normalize_text(text).replace("\u2028", "\n").replace("\xa0", " ")
    raw = [normalize(line) for line in text.split("\n")]
    lines = _join_wrapped(raw)
    meta: dict = {}
    # the title is the first line, a dateline may follow
    idx = 0
    while idx < len(lines) and not lines[idx]:
        idx += 1
    if idx < len(lines):
        meta["title"] = lines[idx]
        idx += 1
    body: list[str] = []
    seen_content = False
    for line in lines[idx:]:
        if not line:
            body.append("")
            continue
        if seen_content and _NOISE_SECTION.match(line):
            break
        if line.count("|") >= 2:
            row = _table_row(line)
            if row:
                body.append(row)
            continue
        if _NOISE_LINE.match(line):
            continue
        if not seen_content and len(line) < 60 and re.search(r"\d{1,2}/\d{1,2}/\d{4}", line):
            m = re.search(r"(\d{1,2})/(\d{1,2})/(\d{4})", line)
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


def _table_row(line: str) -> str | None:
    """A table row naming a unit or person and an award becomes a list item "- AWARD: NAME".

    Other rows (headers, separators, share-button bars) are dropped.
    """
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    awards = [c for c in cells if _AWARD_RE.search(c)]
    names = [
        c
        for c in cells
        if c
        and c not in awards
        and not re.fullmatch(r"[\d.\s:-]*", c)
        and (looks_like_unit(c) or _person(c))
    ]
    if len(awards) != 1 or not names:
        return None
    return f"- {awards[0]}: {'; '.join(names)}"


def _split_sentences(paragraph: str) -> list[str]:
    out = []
    start = 0
    for m in re.finditer(r"[.!?…]+[\"”»)]?\s+", paragraph):
        end = m.end()
        before = paragraph[start : m.start()].split()
        last = before[-1] if before else ""
        nxt = paragraph[end : end + 1]
        if not nxt or not (nxt.isupper() or nxt.isdigit() or nxt in '"“(«-–+•'):
            continue
        token = last.rsplit(".", 1)[-1] if "." in last else last
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
    ("... tặng Cờ thi đua cho các đơn vị" and the units on the dashed lines below)."""
    if _LIST_MARK.match(line):
        return False
    line = line.rstrip()
    if line.endswith(":"):
        return True
    last = _split_sentences(line)[-1] if line else ""
    return bool(
        re.search(r"\b(?:cho|gồm|sau|là|đơn vị|tập thể|cá nhân|đồng chí)$", last)
        and _AWARD_RE.search(last)
    )


def _sentences(body: list[str]) -> list[_Sentence]:
    """Paragraphs to sentences; a header ending in ':' takes the list lines that follow it."""
    captions = []
    lines = []
    for line in body:
        if line and _CAPTION_RE.search(line) and len(line) < 300:
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
            j = i + 1
            while j < len(lines):
                nxt = lines[j]
                if not nxt:
                    j += 1
                    continue
                if _LIST_MARK.match(nxt):
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
                            out.append(_Sentence(s, status=status))
                else:
                    out.append(_Sentence(header, items=items))
                i = j
                continue
        if _LIST_MARK.match(line):
            line = _LIST_MARK.sub("", line, count=1)
        for s in _split_sentences(line):
            out.append(_Sentence(s))
        i += 1
    for cap in captions:
        for s in _split_sentences(cap):
            out.append(_Sentence(s, caption=True))
    return out


def _dequote(text: str) -> str:
    """Campaign names in quotes are not awards or units; quoted award names are kept bare."""

    def repl(m):
        inner = m.group("q")
        if _AWARD_RE.fullmatch(inner.strip()):
            return inner
        return "«»"

    return _QUOTED.sub(repl, text)


# ---------------------------------------------------------------------------
# Awards


def _level(text: str | None) -> str | None:
    """Which level gives: gov, state (President), prov, ministry, or other (a local body)."""
    if not text:
        return None
    t = text.lower()
    if re.search(r"thủ tướng|chính phủ|qđ-ttg", t):
        return "gov"
    if re.search(r"chủ tịch nước|qđ-ctn", t):
        return "state"
    if re.search(r"(?:ubnd|[uủ][ỷy] ban nhân dân|qđ-ub)", t):
        if re.search(r"(?:ubnd|ban nhân dân)\s+(?:huyện|quận|thị xã|xã|phường)", t):
            return "other"
        return "prov"
    if re.search(
        r"\b(?:của tỉnh|cấp tỉnh|của thành phố|cấp thành phố|xuất sắc của tỉnh)\b", t
    ) and not re.search(r"\b(?:hội|đoàn|mặt trận|mttq|liên đoàn)\b", t):
        return "prov"
    if re.search(
        r"\b(?:bộ|bộ trưởng|trung ương|tổng cục|ban chấp hành|đoàn chủ tịch|tổng liên đoàn|tập đoàn|"
        r"tổng công ty|ngân hàng nhà nước việt nam|bảo hiểm xã hội việt nam|kho bạc nhà nước)\b",
        t,
    ):
        if re.search(r"\bbộ chỉ huy\b", t):
            return "other"
        return "ministry"
    if re.search(r"\b(?:tỉnh|thành phố|huyện|quận|thị xã)\b", t):
        return "other"
    if "việt nam" in t or re.search(r"\bngành\b", t):
        return "ministry"
    return None


def award_code(core: str, suffix: str | None, giver: str | None) -> str:
    """The catalogue code for an award phrase and whoever gives it."""
    c = fold(core)
    level = _level(suffix) or _level(giver)
    if c.startswith("co thi dua"):
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


# ---------------------------------------------------------------------------
# Names


@dataclass
class _Name:
    text: str
    kind: str = "collective"
    written: str | None = None
    position: str | None = None


def _person(piece: str) -> tuple[str, str | None] | None:
    """(name, post) when the piece names a person: honorific + name, or a bare Vietnamese name."""
    piece = piece.strip()
    m = _PERSON_RE.match(piece)
    if m:
        name = m.group("name")
        rest = _strip_punct(piece[m.end() :]) or None
        return name, rest
    words = piece.split()
    if 3 <= len(words) <= 5 and words[0] in _SURNAMES and all(w[0].isupper() for w in words):
        return piece, None
    return None


_PLACE_END = re.compile(
    rf"^(?P<pre>.*?\b(?:tỉnh|huyện|thành phố|thị xã|quận|xã|phường|thị trấn|TP\.|TX\.|Tp\.))\s+"
    rf"(?P<place>[{_UP}][^\s,;]*(?:\s+(?:[–-]\s+)?[{_UP}][^\s,;]*)*)$"
)
_PLURAL = re.compile(
    r"\bcác\s+(?P<kind>tỉnh,\s*thành phố|tỉnh,\s*thành|huyện,\s*thành phố,\s*thị xã|huyện,\s*thị xã|"
    r"huyện,\s*thành phố|tỉnh|huyện|thành phố|thị xã|quận|xã|phường|thị trấn|[Ss]ở)\s*:?\s+(?=["
    + _UP
    + r"])"
)


def _split_pieces(text: str) -> list[tuple[str, str]]:
    """Split on ';', ',' and 'và', keeping each piece's separator before it."""
    text = _protect(text)
    parts = re.split(r"(\s*;\s*|\s*\x02\s*|\s*,\s*|\s+và\s+|\s+cùng\s+)", text)
    pieces = []
    sep = ""
    for k, part in enumerate(parts):
        if k % 2 == 1:
            sep = part
            continue
        if part.strip():
            pieces.append((sep, _unprotect(part.strip())))
    return pieces


def split_names(text: str) -> list[_Name]:
    """A list of nominees as written to separate names (see module docstring for the shapes)."""
    text = _collapse(_PAREN.sub("", text))
    text = re.sub(
        r"^(?:các|những)\s+(?:đơn vị|tập thể|cá nhân|cơ quan|địa phương|đồng chí|ông,?\s*bà)\s*(?:sau|gồm)?\s*:\s*",
        "",
        text,
    )
    text = re.sub(r"^(?:đơn vị|tập thể)\s+", "", text)
    m = _PLURAL.search(text)
    if m:
        before = text[: m.start()].rstrip()
        rest = text[m.end() :]
        kind = m.group("kind").split(",")[0].strip()
        names = split_names(before) if before else []
        prefix = ""
        if names and not before.endswith((",", ";")):
            prefix = names.pop().text
        unit = "Sở" if kind.lower() == "sở" else kind
        for _sep, piece in _split_pieces(rest):
            piece = _strip_punct(piece)
            if not piece or not _is_upper_start(piece):
                continue
            full = _collapse(f"{prefix} {unit} {piece}")
            names.append(_Name(full, written=piece))
        return names
    names: list[_Name] = []
    for sep, piece in _split_pieces(text):
        piece = _strip_punct(piece)
        if not piece:
            continue
        person = _person(piece)
        if person:
            names.append(_Name(person[0], kind="individual", position=person[1]))
            continue
        if names and names[-1].kind == "individual":
            # what follows a person up to the next name is the post ("ông A, Giám đốc Sở B")
            prev = names[-1]
            prev.position = _collapse(f"{prev.position}{sep}{piece}") if prev.position else piece
            continue
        if _is_head(piece) or not names or _COUNT_RE.match(piece):
            names.append(_Name(piece))
            continue
        prev = names[-1]
        pm = _PLACE_END.match(prev.text)
        if pm and _title_words(piece) and sep.strip() in {",", "và", ";", "\x02"}:
            names.append(_Name(_collapse(f"{pm.group('pre')} {piece}"), written=piece))
            continue
        if sep.strip() in {";", "\x02"}:
            names.append(_Name(piece))
            continue
        joiner = sep if sep.strip() == "," else f" {sep.strip()} "
        prev.text = _collapse(f"{prev.text}{joiner}{piece}").replace(" ,", ",")
    return names


# What opens a phrase that is never a nominee: a date or time, a pronoun or a
# collective noun, the meeting or the bloc itself, a programme or document.
_NOT_NOMINEE_START = re.compile(
    r"^(?:(?:ngày|tháng|năm|quý|tuần|từ|đến|vào|lúc)(?=\s+(?:\d|(?-i:[a-zđà-ỹ])))|sáng|chiều|tối|trưa|đêm|hôm|"
    r"dịp|nhân dịp|thời gian|giai đoạn|sau|trước|trong|hiện nay|khối thi đua|cụm thi đua|hội nghị|buổi|lễ|"
    rf"ban tổ chức(?!\s+(?-i:[{_UP}]))|"
    r"phong trào|chương trình|kế hoạch|quyết định|tờ trình|danh sách|đơn vị|các|những|nhiều|mọi|mỗi|"
    r"tất cả|toàn thể|chúng tôi|chúng ta|họ|đây|đó|này|ai|mình|tập thể|cá nhân|bạn|em|cháu)(?=\s|$|[,.;:])",
    re.I,
)
_TIME_INSIDE = re.compile(
    r"\b(?:ngày|tháng)\s+\d{1,2}\b|\b\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{2,4}\b", re.I
)
_ACRONYM = re.compile(rf"^[{_UP}][{_UP}A-Z0-9&.-]+(?=\s|$)")


def looks_like_unit(text: str, bloc: str | None = None) -> bool:
    """A collective nominee must read as a unit's name, not a date, a pronoun or the bloc itself.

    It opens with a unit or place word ("Sở", "UBND", "Huyện"), an acronym
    ("VNPT Hà Tĩnh") or two capitalised words (a brand name), and is not a
    time phrase, a collective noun or the reporting bloc.
    """
    text = text.strip()
    if not text or _NOT_NOMINEE_START.match(text) or _TIME_INSIDE.search(text):
        return False
    if bloc and match_key(text) == match_key(bloc):
        return False
    if _is_head(text) or _ACRONYM.match(text) or _LOWER_PLACE.match(text):
        return True
    words = text.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words[:2])


def _clean_name(name: _Name) -> _Name | None:
    text = _strip_punct(name.text)
    text = re.sub(r"\s+(?:năm|trong năm)\s+\d{4}$", "", text)
    text = re.sub(r"^(?:là|cho|gồm|đơn vị|tập thể)\s+", "", text)
    text = _strip_punct(text)
    if not text or len(text) < 2:
        return None
    if name.kind == "individual":
        name.text = text
        return name
    if not _is_name_start(text) or _COUNT_RE.match(text) or _ANY_COUNT_RE.search(text):
        return None
    if len(text.split()) > 16 or _NOT_NAME_WORDS.search(text) or "«»" in text:
        return None
    if fold(text) in {"khoi", "cum", "hoi nghi", "ubnd tinh", "uy ban nhan dan tinh"}:
        return None
    if not looks_like_unit(text):
        return None
    name.text = text
    return name


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
_NAME_END = re.compile(
    r"\s+(?:vì|do|về việc|về thành tích|để|nhằm|theo|với thành tích|đã có|có thành tích|đạt thành tích|"
    r"trong (?:năm|công tác|phong trào|việc|thực hiện)|dẫn đầu|tại hội nghị|tại buổi|nhân dịp|đã được|"
    r"được|đã)\b"
    r"|\s*,\s*(?:đề nghị|tặng|trao|là|vì|do|đồng thời)\b"
    r"|\s+(?:và\s+)?(?:tặng|trao|đề nghị|công nhận)\b"
    r"|\s*«»",
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


# ---------------------------------------------------------------------------
# Entry point


def extract(text: str) -> ArticleData:
    """Extract the bloc, the meeting, the nominations and the new leaders from article text."""
    body, meta = _clean_lines(text)
    article = ArticleData(
        title=meta.get("title"), published=meta.get("published"), authors=meta.get("authors", [])
    )
    article.text = "\n".join(body).strip()
    from awards.importer.leaders import leaders
    from awards.importer.metadata import read_decisions, read_meeting

    paragraphs = [p for p in body if p]
    read_meeting(article, paragraphs)
    sentences = _sentences(body)
    article.nominations = _nominations(sentences, article.warnings, article.bloc)
    article.leaders = leaders(sentences, article)
    read_decisions(article, sentences)
    if article.bloc is None:
        article.warnings.append(_("No emulation bloc is named."))
    if article.meeting_date is None:
        article.warnings.append(_("No meeting date was found."))
    return article
