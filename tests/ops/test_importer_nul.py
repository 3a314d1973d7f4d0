"""A NUL anywhere in an article is binary: refused alike by the dry run and the real import."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from awards.importer.reading import ArticleInputError, read_article
from awards.models import SourceDocument

ARTICLE = (
    "Khối thi đua các sở tổng kết năm 2023\n\n"
    + "Sáng 5/3, Khối thi đua các sở tổ chức hội nghị tổng kết công tác thi đua. " * 200
)


def late_nul() -> bytes:
    data = ARTICLE.encode("utf-8")
    assert len(data) > 9000
    return data[:9000] + b"\x00" + data[9000:]


@pytest.mark.parametrize(
    "data",
    [late_nul(), ARTICLE.replace("năm", "n\x00ăm", 1), ("x" + ARTICLE + "\x00").encode("utf-16")],
    ids=["utf-8-after-8kb", "text", "utf-16"],
)
def test_nul_anywhere_is_binary(data):
    with pytest.raises(ArticleInputError, match="nhị phân"):
        read_article(data)


@pytest.mark.django_db
@pytest.mark.parametrize("dry_run", [True, False])
def test_dry_run_and_real_import_refuse_it_alike(tmp_path, capsys, dry_run):
    path = tmp_path / "late-nul.txt"
    path.write_bytes(late_nul())
    with pytest.raises(CommandError):
        call_command("import_article", str(path), dry_run=dry_run)
    assert "nhị phân" in capsys.readouterr().err
    assert SourceDocument.objects.count() == 0
