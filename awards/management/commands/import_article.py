"""``manage.py import_article [--dry-run] [--format json|text] FILE...``

With ``--dry-run --format json`` it prints one JSON object per article, in the
corpus shape with resolutions beside the names, and writes nothing. Without
``--dry-run`` each article is saved in one transaction; importing the same text
again changes nothing and says so.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from awards.importer.reading import ArticleInputError, read_article


class Command(BaseCommand):
    help = "Import news articles about bloc meetings (nominations, leaders, the meeting)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="Article files (text or HTML); '-' is stdin.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Extract and resolve, write nothing."
        )
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, files, dry_run, format, **options):
        from awards.importer.saving import article_import

        failures = 0
        paths = list(files)
        progress = None
        if len(paths) > 1 and format == "text":
            from tqdm import tqdm

            progress = tqdm(total=len(paths), unit="article", file=sys.stderr)
        for name in paths:
            try:
                data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
                text = read_article(data, filename=name)
                result = article_import(text=text, dry_run=dry_run, source_url=None)
            except (OSError, ArticleInputError) as exc:
                failures += 1
                self.stderr.write(f"{name}: {exc}")
                if format == "json":
                    self.stdout.write(json.dumps({"file": name, "error": str(exc)}))
                continue
            finally:
                if progress is not None:
                    progress.update(1)
            if format == "json":
                payload = result.as_dict()
                payload["file"] = name
                self.stdout.write(json.dumps(payload, ensure_ascii=False, default=str))
            else:
                self.stdout.write(self._text(name, result))
        if progress is not None:
            progress.close()
        if failures:
            raise CommandError(
                ngettext(
                    "%(failed)d of %(total)d file could not be imported.",
                    "%(failed)d of %(total)d files could not be imported.",
                    len(paths),
                )
                % {"failed": failures, "total": len(paths)}
            )

    @staticmethod
    def _text(name, result) -> str:
        from awards.models import Membership, Nomination

        def label(choices, code):
            """The choice's label in the active language; an unknown code as it is."""
            return choices(code).label if code in choices.values else code

        a = result.article
        lines = [f"{name}: {result}"]
        lines.append(
            "  "
            + _("bloc: %(bloc)s | year %(year)s | %(date)s at %(venue)s")
            % {"bloc": a.bloc, "year": a.award_year, "date": a.meeting_date, "venue": a.venue}
        )
        res = result.resolutions
        for n, r in zip(a.nominations, res.get("nominations", []), strict=False):
            how = f" [{r.how_label}{' → ' + r.label if r and r.label else ''}]" if r else ""
            lines.append(f"  - {n.nominee} | {n.award} | {label(Nomination.Status, n.status)}{how}")
        for x in a.leaders:
            lines.append(f"  * {label(Membership.Role, x.role)} {x.year}: {x.agency}")
        for w in a.warnings + result.warnings:
            lines.append(f"  ! {w}")
        return "\n".join(lines)
