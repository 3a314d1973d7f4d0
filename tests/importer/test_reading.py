"""Reading bytes: encodings, HTML pages, and bad input refused with one clear error."""

import unicodedata

import pytest

from awards.importer.extracting import extract
from awards.importer.reading import MAX_BYTES, ArticleInputError, read_article

SAMPLE = (
    "Khối thi đua Văn hóa - Xã hội tổng kết năm 2019\n\n"
    "Chiều 10/12, tại Sở Y tế, Khối thi đua Văn hóa - Xã hội tỉnh Hà Nam tổ chức hội nghị "
    "tổng kết công tác thi đua, khen thưởng năm 2019. Hội nghị đề nghị UBND tỉnh tặng Cờ thi đua "
    "cho Sở Giáo dục và Đào tạo và Sở Y tế.\n"
)


def _cp1258(text: str) -> bytes:
    """Windows-1258 keeps base letters precomposed and writes tone marks as combining bytes."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            for first in marks:  # e.g. "ộ" = "ô" (a cp1258 letter) + combining dot below
                rest = [m for m in marks if m is not first]
                try:
                    out += unicodedata.normalize("NFC", base + first).encode("cp1258")
                    out += "".join(rest).encode("cp1258")
                    break
                except UnicodeEncodeError:
                    continue
            else:
                out += (base + "".join(marks)).encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-16"),
        SAMPLE.encode("utf-16-le"),
        unicodedata.normalize("NFD", SAMPLE).encode("utf-8"),
        SAMPLE.replace("\n", "\r\n").encode("utf-8"),
        _cp1258(SAMPLE),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-no-bom", "nfd", "crlf", "cp1258"],
)
def test_every_encoding_gives_the_same_article(data):
    article = extract(read_article(data))
    assert article.bloc == "Khối thi đua Văn hóa - Xã hội tỉnh Hà Nam"
    assert [n.nominee for n in article.nominations] == ["Sở Giáo dục và Đào tạo", "Sở Y tế"]
    assert article.meeting_date == "2019-12-10"


def test_html_page_keeps_only_the_article():
    paragraphs = "".join(f"<p>{line}</p>" for line in SAMPLE.splitlines()[2:] if line)
    filler = "<p>" + ("Các đơn vị trong khối đã hoàn thành tốt nhiệm vụ được giao. " * 8) + "</p>"
    html = f"""<!doctype html><html><head><title>Tổng kết</title>
    <script>var tracking = {{a: 1}};</script></head><body>
    <nav><a href="/">Trang chủ</a> | <a href="/tin">Tin tức</a> |
    <a href="/x">Sở Tài chính</a></nav>
    <article><h1>Khối thi đua Văn hóa - Xã hội tổng kết năm 2019</h1>
    {paragraphs}{filler}</article>
    <div class="share">Chia sẻ Facebook Zalo</div>
    <form class="comments"><textarea>Gửi bình luận</textarea></form>
    <ul class="related"><li>Trao Cờ thi đua của Chính phủ cho Sở Công Thương</li></ul>
    </body></html>"""
    text = read_article(html.encode("utf-8"), filename="page.html")
    assert "Trang chủ" not in text
    assert "tracking" not in text
    article = extract(text)
    assert [n.nominee for n in article.nominations] == ["Sở Giáo dục và Đào tạo", "Sở Y tế"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "trống"),
        (b"   \n\n  ", "trống"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
        (b"\xff\xd8\xff\xe0" + bytes(200), "JPEG"),
        (bytes(range(256)) * 20, "nhị phân"),
        (
            b"<html><head><script>" + b"var x = 1;" * 300 + b"</script></head><body></body></html>",
            "",
        ),
        (b"function f(a, b) { return a[b] = (a || {}); }\n" * 100, "mã chương trình"),
    ],
    ids=["empty", "blank", "png", "jpeg", "binary", "script-page", "javascript"],
)
def test_bad_input_gets_one_clear_error(data, message):
    with pytest.raises(ArticleInputError) as info:
        read_article(data, filename="upload")
    assert message.lower() in str(info.value).lower()


def test_a_file_over_20_mb_is_refused():
    with pytest.raises(ArticleInputError, match="20 MB"):
        read_article(b"a" * (MAX_BYTES + 1))


def test_html_paragraphs_read_like_a_plain_article():
    """A page (here in decomposed Unicode) repeats its headline in <title> and <h1>,
    and gives one <p> per paragraph."""
    title = "Cụm thi đua số 2 tổng kết năm 2021"
    page = (
        f"<html><head><title>{title}</title></head><body><nav>Trang chủ</nav><article>"
        f"<h1>{title}</h1>"
        "<p>Chiều 14/12, tại Hội trường UBND huyện Tiên Du, Cụm thi đua số 2 tổ chức hội nghị "
        "tổng kết công tác thi đua, khen thưởng năm 2021.</p>"
        "<p>Cụm thống nhất đề nghị UBND tỉnh tặng Cờ thi đua cho:</p>"
        "<p>- UBND huyện Tiên Du;</p><p>- UBND huyện Yên Phong.</p>"
        "<p>Hội nghị bầu UBND huyện Gia Bình làm Cụm trưởng năm 2022.</p>"
        "</article><aside>Tin liên quan</aside></body></html>"
    )
    text = unicodedata.normalize("NFC", read_article(unicodedata.normalize("NFD", page).encode()))
    assert text.count(title) == 1
    assert f"{title}\n\nChiều 14/12" in text
    assert "cho:\n- UBND huyện Tiên Du;\n- UBND huyện Yên Phong." in text
    article = extract(text)
    assert str(article.meeting_date) == "2021-12-14"
    assert article.venue == "Hội trường UBND huyện Tiên Du"
    assert {n.nominee for n in article.nominations} == {
        "UBND huyện Tiên Du",
        "UBND huyện Yên Phong",
    }
