"""News outlets' byline codes ("(BTV) Chiều 02/12, …") and the names readers know them by.

Articles open with the outlet's code in parentheses; the source page and the open data
name the publisher in full. A code can stand for different outlets in different
provinces ("BTV" is Bắc Ninh's and Bình Dương's television), so the province the
article is about picks one; a code we do not know is kept as written.
"""

from awards.text import fold

# (code, province or None for a code used by one outlet only) → the outlet's name.
OUTLETS: dict[tuple[str, str | None], str] = {
    ("BTV", "Bắc Ninh"): "Đài Phát thanh và Truyền hình Bắc Ninh",
    ("BTV", "Bình Dương"): "Đài Phát thanh và Truyền hình Bình Dương",
    ("BBN", None): "Báo Bắc Ninh",
    ("BDO", None): "Báo Bình Dương",
    ("QNO", None): "Báo Quảng Nam",
    ("NTO", None): "Báo Ninh Thuận",
    ("BTH", "Thanh Hóa"): "Báo Thanh Hóa",
    ("ĐN", "Đồng Nai"): "Báo Đồng Nai",
    ("HP", "Hải Phòng"): "Báo Hải Phòng",
    ("TTXVN", None): "Thông tấn xã Việt Nam",
    ("VOV", None): "Đài Tiếng nói Việt Nam",
    ("VTV", None): "Đài Truyền hình Việt Nam",
    ("QĐND", None): "Báo Quân đội nhân dân",
    ("CAND", None): "Báo Công an nhân dân",
    ("ND", None): "Báo Nhân Dân",
}
_BY_KEY = {(fold(code), fold(province or "")): name for (code, province), name in OUTLETS.items()}


def outlet_name(code: str | None, province: str | None) -> str | None:
    """The outlet's full name for a byline code, "BTV" → "Đài Phát thanh và Truyền hình Bắc
    Ninh"; the code itself when unknown or ambiguous, None for none."""
    if not code:
        return code
    key = fold(code)
    found = _BY_KEY.get((key, fold(province or ""))) or _BY_KEY.get((key, ""))
    return found or code
