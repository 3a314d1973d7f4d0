"""Names of units and persons: where a nominee's name starts, where it ends, how a list splits.

Unit heads (Sở, Ban, UBND, Công an, VKSND, xã/phường/huyện …), honorifics and surnames,
compound names that hold "và" and commas, and the test that a phrase reads as a unit.
"""

# The vocabulary below is long Vietnamese alternations; wrapping them would hide the words.
# ruff: noqa: E501

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from awards.importer.places import is_place
from awards.text import fold, match_key

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
    "Ký túc xá|Làng|Hợp tác|Doanh nghiệp|Tổ|Nhóm|Chi bộ|Cụm|Khối|Kiểm toán|Thi hành án|"
    "Thị ủy|Thị uỷ|Quận ủy|Quận uỷ|Hội đồng|Bộ Tư lệnh|Ban Chỉ huy|Kiểm lâm|Gia đình|"
    "Tiểu đoàn|Đại đội|Trung đội|Hải đội|Hải đoàn|Quân đoàn|Binh đoàn|Trại giam|Phân trại|"
    # the tax and statistics offices as named since 2025 ("Thuế tỉnh A", "Thuế cơ sở 3 tỉnh A")
    r"Thuế|Thống kê|Khoa(?!\s+học)"
)
_PLACE_HEADS = "Xã|Phường|Thị trấn|Huyện|Thị xã|Thành phố|Quận|TP\\.|TX\\.|Tỉnh"
_UNIT_HEAD_RE = re.compile(rf"^(?:{_UNIT_HEADS})(?=[\s,.]|$)", re.I)
_PLACE_HEAD_RE = re.compile(rf"^(?:{_PLACE_HEADS})\s+[{_UP}]")


def _is_head(piece: str) -> bool:
    """Does this piece open a new unit name (a capitalised unit word or a place type + name)?

    A unit word misspelt by one letter or one tone mark ("Sờ Tài chính", "UBNB xã A",
    "Công tuy Cổ phần B") still opens one: see ``misspelt_head``."""
    return bool(
        piece[:1].isupper()
        and (_UNIT_HEAD_RE.match(piece) or _PLACE_HEAD_RE.match(piece) or misspelt_head(piece))
    )


_HONORIFIC = (
    r"(?:ông|bà|anh|chị|cô|thầy|đồng chí|đ/c|đại tá|thượng tá|trung tá|thiếu tá|đại úy|đại uý|"
    r"thượng úy|thượng uý|trung úy|trung uý|thiếu úy|thiếu uý|thiếu tướng|trung tướng|đại tướng|"
    r"liệt sĩ|liệt sỹ|tiến sĩ|thạc sĩ|bác sĩ|nhà giáo|nghệ sĩ|nghệ nhân|kỹ sư|luật sư|TS\.|ThS\.|PGS\.\s?TS\.|GS\.\s?TS\.|BS\.)"
)
_PERSON_RE = re.compile(
    rf"^{_HONORIFIC}\s+(?P<name>[{_UP}][^\s,;–-]*(?:\s+[{_UP}][^\s,;–-]*){{1,5}})", re.I
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
# Unit words as typed in a hurry: the same letters with another tone mark ("Sờ" for "Sở"),
# an acronym one letter off ("UBNB"), a two-word unit word one letter off ("Công tuy").
# Words of their own that fold like a unit word ("Số", "Tô", "Hồi", "Bồ") and surnames are
# left out, and so are persons' ranks ("Trung tá" is one letter from "Trung tâm").
_HEADS_FOLDED = frozenset(fold(h) for h in _UNIT_HEADS.split("|"))
_NOT_MISSPELT = frozenset(fold(w) for w in _SURNAMES) | {"so", "to", "bo", "hoi", "doi", "ban"}
_MISSPELT_SO = frozenset({"Sờ", "Sỡ", "Sỏ", "Sợ", "Sơ"})
_LOWER_PLACE_WORD = re.compile(r"(?:tỉnh|thành|huyện|thị|quận|xã|phường)$")


def _one_edit(a: str, b: str) -> bool:
    """Do two strings differ by exactly one inserted, deleted or replaced character?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def misspelt_head(piece: str) -> bool:
    """Does the piece open with a unit word misspelt ("Sờ Tài chính", "UBNB xã A", "Công tuy
    Cổ phần B"), followed by a name as a unit word is?"""
    words = piece.split(maxsplit=3)
    if len(words) < 2 or not words[0][:1].isupper() or _UNIT_HEAD_RE.match(piece):
        return False
    if _PLACE_HEAD_RE.match(piece) or _PERSON_RE.match(piece):
        return False
    return _misspelt(words[0], words[1], words[2] if len(words) > 2 else "")


@functools.lru_cache(maxsize=4096)
def _misspelt(first: str, second: str, third: str) -> bool:
    two = fold(f"{first} {second}")
    if (
        third[:1].isupper()
        and len(two) >= 6
        and (two in _HEADS_FOLDED or any(" " in h and _one_edit(two, h) for h in _HEADS_FOLDED))
    ):
        return True  # "Trung tam Y tế", "Công tuy Cổ phần"
    if not (second[:1].isupper() or _LOWER_PLACE_WORD.match(second)):
        return False
    one = fold(first)
    if one in _HEADS_FOLDED:
        # the tone marks differ ("Sờ Tài chính"), unless the word is a word of its own
        return one not in _NOT_MISSPELT or first in _MISSPELT_SO
    return (
        first.isupper()
        and len(one) >= 4
        and any(h.isascii() and " " not in h and _one_edit(one, h) for h in _HEADS_FOLDED)
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
    "Đảng bộ, Chính quyền và Nhân dân",
    "Đảng bộ, chính quyền và nhân dân",
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

_NOT_NAME_WORDS = re.compile(
    r"\b(?:được|đã|sẽ|tổ chức|đề nghị|tặng|trao|nhận|bình xét|suy tôn|thống nhất|xét|có thành tích|gồm)\b"
)
# Counts written in words, up to ninety-nine ("mười hai tập thể", "hai mươi mốt đơn vị"):
# the longest reading first, so "mười hai" is not read as "hai".
_UNITS = {
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}
_DIGIT_WORD = "một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín"
NUMBER_WORDS = (
    rf"(?:(?:hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín)\s+mươi(?:\s+(?:mốt|tư|lăm|{_DIGIT_WORD}))?"
    rf"|mười(?:\s+(?:một|tư|lăm|{_DIGIT_WORD}))?|{_DIGIT_WORD})"
)


def number_value(text: str) -> int | None:
    """The value of a count in digits or words: "03" → 3, "mười hai" → 12, "hai mươi mốt" → 21."""
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    words = text.split()
    if not words:
        return None
    if words[0] == "mười":
        tens, rest = 10, words[1:]
    elif len(words) >= 2 and words[1] == "mươi" and words[0] in _UNITS:
        tens, rest = 10 * _UNITS[words[0]], words[2:]
    else:
        tens, rest = 0, words
    if len(rest) > 1 or (rest and rest[0] not in _UNITS):
        return None
    return tens + (_UNITS[rest[0]] if rest else 0) or None


_COUNT_RE = re.compile(
    rf"^\s*(?:\d+|{NUMBER_WORDS})\s+(?:đơn vị|tập thể|cá nhân|đồng chí|doanh nghiệp|"
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
    r"Bên cạnh đó|Sau đó|Kết quả|Cũng trong|Trong dịp|Ngay sau|Cũng dịp|Cùng dịp|Cùng ngày|Dịp|Trong khuôn khổ|Riêng|Vừa qua|Mới đây)\b[^,:]*[,:]\s*)+",
    re.I,
)

_PAREN = re.compile(r"\s*\([^()]*\)")

# ---------------------------------------------------------------------------
# Small helpers


# A place named with its type in lower case, as clusters of provinces or districts write
# their members ("suy tôn tỉnh Đắk Lắk", "huyện Yên Thế làm Cụm phó").
_LOWER_PLACE = re.compile(rf"^(?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn)\s+[{_UP}]")


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
    return " ".join(text.split())  # as re.sub(r"\s+", " ", text).strip(), several times faster


def _protect(text: str) -> str:
    """Hide the separators inside known compound names so that list splitting keeps them whole."""
    if "và" not in text.lower():
        return text  # every compound holds "và"
    return _COMPOUND_RE.sub(lambda m: m.group(0).replace(" ", "\x03").replace(",", "\x04"), text)


def _unprotect(text: str) -> str:
    return text.replace("\x03", " ").replace("\x04", ",")


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


_PERSON_NAME = rf"[{_UP}][^\s,;()-]*(?:\s+[{_UP}][^\s,;()-]*){{1,4}}"
_DASH = re.compile(r"\s+[-–]\s+")
_HOUSEHOLD = re.compile(
    rf"^(?:[Ôô]ng|[Bb]à)\s+{_PERSON_NAME}\s*[-–]\s*(?:[Ôô]ng|[Bb]à)\s+{_PERSON_NAME}"
)


_AND_RANK = re.compile(rf"\s+và\s+(?={_HONORIFIC}\s+[{_UP}])", re.I)


def _item_as_name(item: str) -> _Name:
    person = _person(item)
    if person:
        return _Name(person[0], kind="individual", position=person[1])
    head, _, post = item.partition(",")
    person = _person(head)
    if person:
        # "Nguyễn Văn A, Giám đốc Sở B": a person and the post after the comma
        return _Name(person[0], kind="individual", position=_strip_punct(post) or person[1])
    return _Name(_strip_punct(item))


# the part of a larger unit that an item names before its parent ("Khoa Nhi, Bệnh viện A")
_SUB_UNIT = re.compile(
    r"(?:Phòng|Khoa|Đội|Trạm|Tổ|Ban|Bộ phận|Chi nhánh|Trung tâm|Văn phòng|Đồn|Tiểu đoàn|"
    r"Đại đội|Lớp|Chi bộ|Chi hội|Xưởng|Phân xưởng)\s"
)


def _and_unit_split(item: str) -> list[str]:
    """ "Khoa B, Bệnh viện C và Trung tâm D" → the item and "Trung tâm D" (compound names kept)."""
    protected = _protect(item)
    head, sep, tail = protected.rpartition(" và ")
    if sep and "," in head and _is_head(_unprotect(tail)) and not _person(_unprotect(tail)):
        return [_unprotect(head), _unprotect(tail)]
    return [item]


def split_names(text: str) -> list[_Name]:
    """A list of nominees as written to separate names (see module docstring for the shapes)."""
    text = _collapse(_PAREN.sub("", text))
    if _ITEM_TAIL.search(text):
        # "A - dẫn đầu Cụm 5; B - dẫn đầu Cụm 6": each item loses its tail, the list stays
        text = "; ".join(p for p in (item_name(x) for x in text.split(";")) if p)
    text = re.sub(
        r"^(?:các|những)\s+(?:đơn vị|tập thể|cá nhân|cơ quan|địa phương|đồng chí|ông,?\s*bà)\s*(?:sau|gồm)?\s*:\s*",
        "",
        text,
    )
    text = re.sub(r"^(?:đơn vị|tập thể)\s+", "", text)
    items = [_strip_punct(x) for x in re.split(r"\s*[;\x02]\s*", text) if _strip_punct(x)]
    parents = {x.rsplit(",", 1)[1].strip() for x in items if "," in x}
    if (
        (len(items) >= 3 and sum("," in x for x in items) * 2 >= len(items))
        or (len(items) >= 2 and len(parents) == 1 and all("," in x for x in items))
        or (len(items) >= 2 and all(_SUB_UNIT.match(x) and "," in x for x in items))
    ):
        # "Phòng 6, Cục An ninh nội địa; Công an tỉnh A; Phòng B, Công an tỉnh C": where ';'
        # separates the items, a comma inside one joins a unit to its parent
        # "…; Đại úy B, Cán bộ …, Bộ Công an và Thượng úy C, …": a rank after "và" opens a person
        # "…; Khoa B, Bệnh viện C và Trung tâm D": a unit after the last "và" is one more item
        items = [z for x in items for y in _AND_RANK.split(x) for z in _and_unit_split(y)]
        return [_item_as_name(x) for x in items]
    m = _PLURAL.search(text)
    if m:
        before = text[: m.start()].rstrip()
        rest = text[m.end() :]
        kind = m.group("kind").split(",")[0].strip()
        names = split_names(before) if before else []
        prefix = ""
        if names and not before.endswith((",", ";")):
            prefix = names.pop().text
            # "lực lượng công an các huyện A, B": the forces of a unit are that unit
            bare = re.sub(r"^(?:lực lượng|toàn thể)\s+", "", prefix)
            if bare != prefix and bare[:1].islower():
                prefix = bare[:1].upper() + bare[1:]
        unit = "Sở" if kind.lower() == "sở" else kind
        for _sep, piece in _split_pieces(rest):
            piece = _strip_punct(piece)
            if not piece or not _is_upper_start(piece):
                continue
            full = _collapse(f"{prefix} {unit} {piece}")
            names.append(_Name(full, written=piece))
        return names
    names: list[_Name] = []
    closed: set[int] = set()  # names a later piece may not extend (a household, a family)
    for sep, piece in _split_pieces(text):
        piece = _strip_punct(piece)
        if not piece:
            continue
        household = _HOUSEHOLD.match(piece)
        if household:
            # "ông A - bà B (xã …)": a couple, one household nominee
            names.append(_Name(household.group(0).strip()))
            closed.add(len(names) - 1)
            continue
        person = _person(piece)
        if (
            person
            and names
            and names[-1].text.startswith("Gia đình")
            and len(names) - 1 not in closed
        ):
            # "Gia đình ông A, bà B - xã …": the family names both parents
            parent = _DASH.split(piece)[0]
            names[-1].text = f"{names[-1].text}, {parent}"
            closed.add(len(names) - 1)
            continue
        if person:
            names.append(_Name(person[0], kind="individual", position=person[1]))
            continue
        if names and len(names) - 1 in closed and not _is_head(piece):
            continue
        if _title_words(piece) and (not names or names[-1].written == "place") and is_place(piece):
            # "gồm: Lào Cai, Hà Giang và Kon Tum": bare places, each a name (completed by the caller)
            names.append(_Name(piece, written="place"))
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
        if _LOWER_PLACE.match(piece) and _LOWER_PLACE.match(prev.text):
            # "xã A và phường B", "xã A, xã B": places of a cluster, each a name
            names.append(_Name(piece))
            continue
        pm = _PLACE_END.match(prev.text)
        if pm and sep.strip() in {"và", ";", "\x02"} and _LOWER_PLACE.match(piece):
            kind = piece.split()[0].lower()
            if pm.group("pre").lower().endswith(" " + kind):
                # "Hội Nông dân xã A và xã B": the same unit of the next place
                unit = pm.group("pre")[: -len(kind)].rstrip()
                names.append(_Name(_collapse(f"{unit} {piece}"), written=piece))
                continue
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


@functools.lru_cache(maxsize=8)
def _bloc_key(bloc: str) -> str:
    """The bloc's match key, made once per article rather than once per name tested."""
    return match_key(bloc)


def looks_like_unit(text: str, bloc: str | None = None) -> bool:
    """A collective nominee must read as a unit's name, not a date, a pronoun or the bloc itself.

    It opens with a unit or place word ("Sở", "UBND", "Huyện"), an acronym
    ("VNPT Hà Tĩnh") or two capitalised words (a brand name), and is not a
    time phrase, a collective noun or the reporting bloc.
    """
    text = text.strip()
    if not text or _NOT_NOMINEE_START.match(text) or _TIME_INSIDE.search(text):
        return False
    if bloc and match_key(text) == _bloc_key(bloc):
        return False
    if _is_head(text) or _ACRONYM.match(text) or _LOWER_PLACE.match(text):
        return True
    words = text.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words[:2])


def _clean_name(name: _Name) -> _Name | None:
    text = _strip_punct(name.text)
    text = re.sub(r"\s+(?:năm|trong năm)\s+\d{4}$", "", text)
    # "trao Cờ cho đại diện lãnh đạo Công an tỉnh": the unit, not its representative
    text = re.sub(r"^(?:là|cho|gồm|đơn vị|tập thể|đại diện(?:\s+lãnh đạo)?)\s+", "", text)
    text = _strip_punct(text)
    if not text or len(text) < 2:
        return None
    if name.kind == "individual":
        name.text = text
        return name
    if not _is_name_start(text) or _COUNT_RE.match(text) or _ANY_COUNT_RE.search(text):
        return None
    if re.search(r"\s[A-ZĐ]$", text):
        # "… cho tập thể Thanh tra tỉnh B": a name cut off where the page was cut
        return None
    words = len(text.split())
    if words > 22 or _NOT_NAME_WORDS.search(text) or "«»" in text:
        return None
    # folding is dear: only a phrase of five words or fewer can fold to one of these
    if words <= 5 and fold(text) in {
        "khoi",
        "cum",
        "hoi nghi",
        "ubnd tinh",
        "uy ban nhan dan tinh",
    }:
        return None
    if not looks_like_unit(text):
        return None
    name.text = text
    return name


# Where a nominee's name ends in running text: a reason, a verb, a rank or a quoted campaign.
_NAME_END = re.compile(
    r"\s+(?:vì|do|về việc|về thành tích|để|nhằm|theo|với thành tích|đã có|có thành tích|đạt thành tích|"
    r"trong (?:năm|công tác|phong trào|việc|thực hiện)|dẫn đầu|tại [Hh]ội nghị|tại [Bb]uổi|tại [Ll]ễ|nhân dịp|đã được|"
    r"được|đã)\b"
    r"|\s*,\s*(?:đề nghị|tặng|trao|là|vì|do|đồng thời)\b"
    r"|\s+(?:và\s+)?(?:tặng|trao|đề nghị|công nhận)\b"
    r"|\s*«»"
    # "… cho Sở A của UBND tỉnh": the giver of the proposal, not part of the name
    r"|\s+của\s+(?:UBND|Ủy ban|Uỷ ban|Bộ|Chính phủ|Thủ tướng)\b"
    # a byline glued to the last name: "… huyện Nam Giang.TRẦN AN"
    rf"|\.(?=[{_UP}]{{2,}}\s+[{_UP}]{{2,}})",
)


# What follows a listed name and is not part of it: a reason ("; đã có thành tích …",
# ", Đã hoàn thành xuất sắc …"), a tail after a dash ("A - dẫn đầu Cụm thi đua số 3"),
# a decision's closing "./.".
_ITEM_TAIL = re.compile(
    r"\s*[;,]\s*(?=(?:[Đđ]ã|[Cc]ó thành tích|[Vv]ì|[Dd]ẫn đầu|[Đđ]ạt|[Hh]oàn thành|[Xx]ếp)\b)"
    r"|\s+[-–]\s+(?=(?:dẫn đầu|đứng đầu|đơn vị|xếp|đạt|là|với|có)\b)"
    r"|\s*\./\.\s*$"
    # a sentence end inside an item: what follows is a credit or the next sentence
    r"|(?<!\bTP)(?<!\bTX)(?<!\bTp)\.\s+\S.*$"
)


def item_name(item: str) -> str:
    """The name a list item gives, without the reason or rank that follows it."""
    cut = _ITEM_TAIL.search(item)
    if cut:
        item = item[: cut.start()]
    return _strip_punct(item)
