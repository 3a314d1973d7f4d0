"""The Vietnamese catalogues are complete and compiled; pages are Vietnamese by default.

Two catalogues: ours (locale/) and, for the admin screens of django-import-export
and django-simple-history, which ship no Vietnamese, and for the messages Django's own
Vietnamese catalogues lack, locale/vendor/ (django.po, plus djangojs.po for the admin's
JavaScript).
"""

import ast
import gettext
import json
import re
from pathlib import Path

import django
import import_export
import pytest
import simple_history
from django.conf import settings
from django.urls import reverse

from tests.factories import NominationFactory

LOCALE = Path(settings.BASE_DIR) / "locale"
VI_PO = LOCALE / "vi" / "LC_MESSAGES" / "django.po"
VENDOR_PO = LOCALE / "vendor" / "vi" / "LC_MESSAGES" / "django.po"
VENDOR_JS_PO = LOCALE / "vendor" / "vi" / "LC_MESSAGES" / "djangojs.po"
# The fewest messages each catalogue can hold: a catalogue cut short is caught.
MINIMUM_MESSAGES = {VI_PO: 400, VENDOR_PO: 200, VENDOR_JS_PO: 20}
DJANGO_DIR = Path(django.__file__).parent
# Django's catalogues whose Vietnamese gaps the vendor catalogues fill, per domain.
DJANGO_CATALOGUES = {
    "django": ["contrib/admin", "contrib/auth", "contrib/contenttypes", "contrib/sessions", "conf"],
    "djangojs": ["contrib/admin"],
}
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}|</?[a-z]+[^>]*>")


def parse_po(path: Path) -> list[dict]:
    """The non-obsolete entries of a .po file: flags, msgid, msgid_plural and the msgstr(s)."""
    entries, entry, field = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if not line or line.startswith("#~"):
            if entry is not None and not line:
                entries.append(entry)
                entry = None
            continue
        if entry is None:
            entry = {"flags": set(), "fields": {}}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry["fields"][field] += ast.literal_eval(line)
        else:
            field, value = line.split(" ", 1)
            entry["fields"][field] = ast.literal_eval(value)
    return [e for e in entries if "msgid" in e["fields"]]


def translations(entry: dict) -> list[str]:
    return [v for k, v in entry["fields"].items() if k.startswith("msgstr")]


def key(entry: dict) -> tuple[str | None, str]:
    """What gettext looks a message up by: its context (if any) and msgid."""
    return entry["fields"].get("msgctxt"), entry["fields"]["msgid"]


@pytest.fixture(
    scope="module",
    params=[VI_PO, VENDOR_PO, VENDOR_JS_PO],
    ids=["project", "vendor", "vendor-js"],
)
def vi_po(request):
    return request.param


@pytest.fixture(scope="module")
def vi_entries(vi_po):
    entries = parse_po(vi_po)
    assert entries[0]["fields"]["msgid"] == ""  # the header
    return entries


def test_vietnamese_header_has_one_plural_form(vi_entries):
    header = vi_entries[0]["fields"]["msgstr"]
    assert "Plural-Forms: nplurals=1; plural=0;" in header
    assert "Language: vi" in header
    assert "fuzzy" not in vi_entries[0]["flags"]


def test_every_message_is_translated_and_none_is_fuzzy(vi_po, vi_entries):
    messages = vi_entries[1:]
    assert len(messages) > MINIMUM_MESSAGES[vi_po]
    untranslated = [e["fields"]["msgid"] for e in messages if not all(translations(e))]
    fuzzy = [e["fields"]["msgid"] for e in messages if "fuzzy" in e["flags"]]
    plural_extra = [
        e["fields"]["msgid"] for e in messages if "msgstr[1]" in e["fields"]
    ]  # Vietnamese has one form only
    assert untranslated == []
    assert fuzzy == []
    assert plural_extra == []


def test_translations_keep_their_placeholders(vi_entries):
    wrong = []
    for e in vi_entries[1:]:
        source = sorted(PLACEHOLDER.findall(e["fields"]["msgid"]))
        for text in translations(e):
            if sorted(PLACEHOLDER.findall(text)) != source:
                wrong.append((e["fields"]["msgid"], text))
    assert wrong == []


def test_compiled_catalogue_matches_the_po_file(vi_po, vi_entries):
    with vi_po.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for e in vi_entries[1:]:
        fields = e["fields"]
        context = fields.get("msgctxt")
        if "msgid_plural" in fields:
            plural = (fields["msgid"], fields["msgid_plural"], 1)
            got = compiled.npgettext(context, *plural) if context else compiled.ngettext(*plural)
            want = fields["msgstr[0]"]
        else:
            msgid = fields["msgid"]
            got = compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)
            want = fields["msgstr"]
        if got != want:
            stale.append(fields["msgid"])
    assert stale == [], "run manage.py compilemessages"


@pytest.mark.django_db
def test_home_page_is_vietnamese_by_default(client):
    body = client.get("/").content.decode()
    assert '<html lang="vi"' in body
    assert "Sổ khen thưởng khối thi đua" in body
    assert "Tìm kiếm" in body
    assert "Award register of the emulation blocs" not in body


@pytest.mark.django_db
def test_home_page_is_english_once_chosen(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert '<html lang="en"' in body
    assert "Award register of the emulation blocs" in body
    assert "Sổ khen thưởng khối thi đua" not in body


def test_vendor_catalogue_holds_every_message_of_the_installed_packages():
    """Each msgid the packages' own catalogues list (French is their most complete) is ours too."""
    ours = {e["fields"]["msgid"] for e in parse_po(VENDOR_PO)}
    missing = []
    for package in (import_export, simple_history):
        french = Path(package.__file__).parent / "locale" / "fr" / "LC_MESSAGES" / "django.po"
        missing += [
            (package.__name__, e["fields"]["msgid"])
            for e in parse_po(french)[1:]
            if e["fields"]["msgid"] not in ours
        ]
    assert missing == []


@pytest.mark.parametrize("domain", DJANGO_CATALOGUES)
def test_vendor_catalogue_fills_every_gap_in_djangos_vietnamese(domain):
    """Each msgid of Django's French catalogues (complete) is translated in Vietnamese:
    by Django's own vi catalogue of the same app, or else by ours."""
    vendor = parse_po(VENDOR_PO if domain == "django" else VENDOR_JS_PO)[1:]
    ours = {key(e) for e in vendor if all(translations(e))}
    missing = []
    for app in DJANGO_CATALOGUES[domain]:
        locale = DJANGO_DIR / app / "locale"
        vietnamese = locale / "vi" / "LC_MESSAGES" / f"{domain}.po"
        translated = {key(e) for e in parse_po(vietnamese)[1:] if all(translations(e))}
        french = parse_po(locale / "fr" / "LC_MESSAGES" / f"{domain}.po")[1:]
        missing += [(app, key(e)) for e in french if key(e) not in translated | ours]
    assert missing == []


def test_project_catalogue_comes_before_the_vendor_one():
    assert settings.LOCALE_PATHS.index(LOCALE) < settings.LOCALE_PATHS.index(LOCALE / "vendor")


@pytest.mark.django_db
def test_import_page_is_vietnamese(client, superuser):
    client.force_login(superuser)
    body = client.get("/admin/awards/nomination/import/").content.decode()
    assert "Tệp cần nhập" in body
    assert "Định dạng" in body
    assert "Chức năng nhập sẽ nhập các trường sau" in body
    assert "File to import" not in body
    assert "This importer will import the following fields" not in body


@pytest.mark.django_db
def test_import_page_is_english_once_chosen(client, superuser):
    client.force_login(superuser)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get("/admin/awards/nomination/import/").content.decode()
    assert "File to import" in body
    assert "Tệp cần nhập" not in body


@pytest.mark.django_db
def test_history_page_is_vietnamese(client, superuser):
    nomination = NominationFactory()
    nomination.notes = "sửa ghi chú"
    nomination.save()
    client.force_login(superuser)
    body = client.get(f"/admin/awards/nomination/{nomination.pk}/history/").content.decode()
    assert "Lịch sử thay đổi" in body
    assert "Người thay đổi" in body
    assert "Tạo mới" in body  # the history type of the first record
    assert "2 bản ghi" in body
    assert "Changed by" not in body
    assert "Change history" not in body


@pytest.mark.django_db
def test_admin_login_page_is_wholly_vietnamese(client):
    body = client.get(reverse("admin:login")).content.decode()
    assert "Chuyển đến nội dung chính" in body
    assert "Skip to main content" not in body
    assert "Toggle theme" not in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "vietnamese", "english"),
    [("", "Hiện số lượng", "Show counts"), ("?_facets=True", "Ẩn số lượng", "Hide counts")],
    ids=["show-counts", "hide-counts"],
)
def test_admin_changelist_is_wholly_vietnamese(admin_client, query, vietnamese, english):
    NominationFactory()
    response = admin_client.get(reverse("admin:awards_nomination_changelist") + query)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Chuyển đến nội dung chính" in body
    assert vietnamese in body
    assert english not in body
    assert "Skip to main content" not in body
    assert "Toggle navigation" not in body


@pytest.mark.django_db
def test_admin_javascript_catalogue_serves_the_vendor_translations(admin_client):
    """/admin/jsi18n/ merges LOCALE_PATHS over Django's own djangojs catalogue."""
    body = admin_client.get(reverse("admin:jsi18n")).content.decode()

    def entry(msgid, msgstr):  # as the view writes it: JSON, non-ASCII escaped
        return f"{json.dumps(msgid)}: {json.dumps(msgstr)}"

    assert entry("Choose all %s", "Chọn tất cả %s") in body  # ours
    assert entry("Sunday", "Chủ nhật") in body  # ours
    assert entry("Today", "Hôm nay") in body  # Django's own vi catalogue, still merged in
