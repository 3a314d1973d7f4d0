"""Abbreviations found in Vietnamese award articles, and their long forms.

Shared by the public search and the importer, so that "Sở KH&ĐT" and
"Sở Kế hoạch và Đầu tư" meet. Everything works on ``match_key`` forms
(folded, "&" read as "va", punctuation dropped), so "KH&ĐT", "KH & ĐT" and
"kh&dt" are one key.
"""

import re
from functools import lru_cache

from awards.text import match_key

# Abbreviation as written → long form as written; both are keyed with match_key.
ABBREVIATIONS: dict[str, str] = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "HTX": "Hợp tác xã",
    "TP.": "Thành phố",
    "TP": "Thành phố",
    "MTTQ": "Mặt trận Tổ quốc",
    "LĐLĐ": "Liên đoàn Lao động",
    "CCB": "Cựu chiến binh",
    "KH&ĐT": "Kế hoạch và Đầu tư",
    "GD&ĐT": "Giáo dục và Đào tạo",
    "VH-TT&DL": "Văn hóa, Thể thao và Du lịch",
    "VHTT&DL": "Văn hóa, Thể thao và Du lịch",
    "TN&MT": "Tài nguyên và Môi trường",
    "LĐ-TB&XH": "Lao động - Thương binh và Xã hội",
    "LĐTB&XH": "Lao động - Thương binh và Xã hội",
    "BQL": "Ban quản lý",
    "KCN": "Khu công nghiệp",
    "TT&TT": "Thông tin và Truyền thông",
    "KH&CN": "Khoa học và Công nghệ",
    "GTVT": "Giao thông vận tải",
    "NN&PTNT": "Nông nghiệp và Phát triển nông thôn",
    "NN&MT": "Nông nghiệp và Môi trường",
    "TDTT": "Thể dục thể thao",
    "BHXH": "Bảo hiểm xã hội",
    "CAND": "Công an nhân dân",
    "ANND": "An ninh nhân dân",
    "QĐND": "Quân đội nhân dân",
    "TNCS HCM": "Thanh niên Cộng sản Hồ Chí Minh",
    "LHPN": "Liên hiệp Phụ nữ",
    "TĐKT": "Thi đua, khen thưởng",
    "BCH": "Ban Chấp hành",
    "UB": "Ủy ban",
    "CA": "Công an",
    "VKSND": "Viện Kiểm sát nhân dân",
    "TAND": "Tòa án nhân dân",
    "TW": "Trung ương",
    "HND": "Hội Nông dân",
    # Run together, without "&", as readers and some articles type them.
    "KHĐT": "Kế hoạch và Đầu tư",
    "GDĐT": "Giáo dục và Đào tạo",
    "TNMT": "Tài nguyên và Môi trường",
    "LĐTBXH": "Lao động - Thương binh và Xã hội",
    "VHTTDL": "Văn hóa, Thể thao và Du lịch",
    "TTTT": "Thông tin và Truyền thông",
    "KHCN": "Khoa học và Công nghệ",
    "NNPTNT": "Nông nghiệp và Phát triển nông thôn",
    # Departments by their initials ("SCT" for "Sở Công Thương").
    "SCT": "Sở Công Thương",
    "STC": "Sở Tài chính",
    "SXD": "Sở Xây dựng",
    "SNV": "Sở Nội vụ",
    "STP": "Sở Tư pháp",
    "SYT": "Sở Y tế",
    "SKHĐT": "Sở Kế hoạch và Đầu tư",
    "SGDĐT": "Sở Giáo dục và Đào tạo",
    "SKHCN": "Sở Khoa học và Công nghệ",
    # Awards.
    "CSTĐ": "Chiến sĩ thi đua",
    "HCLĐ": "Huân chương Lao động",
    "TTLĐ": "Tập thể lao động",
}


@lru_cache(maxsize=1)
def _patterns() -> tuple[list[tuple[re.Pattern, str]], list[tuple[re.Pattern, str]]]:
    """Whole-word patterns on match_key forms, longest first so "vh tt va dl" wins over "tt"."""
    pairs = sorted(
        {(match_key(short), match_key(long)) for short, long in ABBREVIATIONS.items()},
        key=lambda p: -len(p[0]),
    )
    expand = [(re.compile(rf"(?<!\S){re.escape(s)}(?!\S)"), long) for s, long in pairs]
    by_long = sorted(pairs, key=lambda p: -len(p[1]))
    contract = [(re.compile(rf"(?<!\S){re.escape(long)}(?!\S)"), s) for s, long in by_long]
    return expand, contract


def _replace_all(key: str, patterns) -> str:
    # A placeholder keeps an expansion from being rewritten by a shorter pattern.
    found = []
    for pattern, replacement in patterns:

        def keep(_m, replacement=replacement):
            found.append(replacement)
            return f"\x00{len(found) - 1}\x00"

        key = pattern.sub(keep, key)
    return re.sub(r"\x00(\d+)\x00", lambda m: found[int(m.group(1))], key)


def expand(text: str) -> str:
    """The match_key of ``text`` with every abbreviation written out ("so kh va dt" → long)."""
    return _replace_all(match_key(text), _patterns()[0])


def contract(text: str) -> str:
    """The match_key of ``text`` with long forms abbreviated (the reverse of ``expand``)."""
    return _replace_all(match_key(text), _patterns()[1])


def variants(text: str) -> list[str]:
    """The match_key forms under which a name may have been written, without duplicates."""
    return list(dict.fromkeys(v for v in (match_key(text), expand(text), contract(text)) if v))
