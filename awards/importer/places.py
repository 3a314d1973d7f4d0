"""The country's place names, so that a unit's name ends where it really ends.

Articles name provinces and districts bare ("... gồm: Lào Cai, Hà Giang và Kon Tum"),
after a type word ("tỉnh Bắc Kạn", "huyện Chợ Mới") and after "TP." ("TP. Hải Phòng").
The names come from the maintained ``vietnamadminunits`` package: its legacy table holds
the 63 provinces and their districts as they stood before July 2025, which is what the
reporting of 2007-2025 names. Only its data file is read (importing the package would
load its geocoding dependencies); the words are folded (awards.text.fold) so that old and
new tone marks and missing accents still match.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path

from awards.text import fold

# Older and everyday names the package spells differently ("Huế" is "Thừa Thiên Huế"
# in every article before 2025; "TP.HCM" is written many ways).
_EXTRA_PROVINCES = (
    "Thừa Thiên Huế",
    "TP.HCM",
    "TPHCM",
    "HCM",
    "Sài Gòn",
    "Hồ Chí Minh",
    "Bà Rịa Vũng Tàu",
)


def _data_file() -> Path | None:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "parser_legacy.json"
    return path if path.exists() else None


@functools.cache
def _lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """(folded province names, folded district names) of the 63-province structure."""
    provinces = {fold(p) for p in _EXTRA_PROVINCES}
    districts: set[str] = set()
    path = _data_file()
    if path is not None:
        data = json.loads(path.read_text(encoding="utf-8"))
        for item in data.get("DICT_PROVINCE", {}).values():
            provinces.add(fold(item["provinceShort"]))
        for by_district in data.get("DICT_PROVINCE_DISTRICT", {}).values():
            for item in by_district.values():
                short = item.get("districtShort") or ""
                if short and not short[0].isdigit():
                    districts.add(fold(short))
    return frozenset(provinces), frozenset(districts)


@functools.lru_cache(maxsize=4096)
def _key(name: str) -> str:
    return fold(name)


def is_province(name: str) -> bool:
    """Is this a province or centrally-run city as written bare ("Bình Dương", "Huế")?"""
    return bool(name) and _key(name) in _lexicon()[0]


def is_place(name: str) -> bool:
    """Is this a province or a district (before July 2025) as written bare ("Chợ Mới")?"""
    key = _key(name)
    provinces, districts = _lexicon()
    return bool(key) and (key in provinces or key in districts)


def starts_with_province(text: str) -> bool:
    """Does the text open with a province's name ("Hải Phòng tổ chức ..." after "TP.")?"""
    words = text.split()
    return any(is_province(" ".join(words[:n])) for n in (4, 3, 2, 1) if len(words) >= n)
