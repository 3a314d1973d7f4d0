"""``manage.py export_awards``: the register as CSV or XLSX through the one export path."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from awards import exports
from awards.models import AwardType, Bloc, Nomination


class Command(BaseCommand):
    help = (
        "Export nominations (public ones by default) as CSV or XLSX, with a progress bar "
        "on stderr. CSV goes to stdout unless --output is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", help="Achievement year; repeat.")
        parser.add_argument("--bloc", action="append", help="Bloc slug or id; repeat.")
        parser.add_argument("--award", action="append", help="Award type code; repeat.")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", "-o", help="File to write (required for xlsx).")
        parser.add_argument(
            "--all-statuses",
            action="store_true",
            help="Also rejected, withdrawn and revoked nominations (not public).",
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        queryset = self.selection(options)
        total = queryset.count()
        progress = tqdm(
            total=total,
            unit="row",
            file=sys.stderr,
            disable=options["no_progress"] or None,  # None: off when stderr is not a tty
        )
        output = options["output"]
        if options["format"] == "xlsx":
            if not output:
                raise CommandError("--output is required for xlsx.")
            exports.write_xlsx(_counted(exports.nomination_rows(queryset), progress), output)
        else:
            chunks = exports.nomination_csv_chunks(queryset)
            if output:
                with open(output, "wb") as stream:
                    _write_chunks(chunks, stream, progress)
            else:
                _write_chunks(chunks, sys.stdout.buffer, progress)
                sys.stdout.buffer.flush()
        progress.close()
        if output:
            self.stderr.write(f"{total} nominations written to {output}")

    def selection(self, options):
        queryset = (
            Nomination.objects.all() if options["all_statuses"] else Nomination.objects.public()
        )
        if options["year"]:
            queryset = queryset.filter(year_id__in=options["year"])
        if options["bloc"]:
            blocs = []
            for ref in options["bloc"]:
                found = Bloc.objects.filter(pk=int(ref)) if ref.isdigit() else Bloc.objects.none()
                found = found or Bloc.objects.filter(slug=ref)
                if not found:
                    raise CommandError(f"No bloc with slug or id {ref!r}.")
                blocs.extend(found)
            queryset = queryset.filter(bloc__in=blocs)
        if options["award"]:
            codes = set(options["award"])
            known = set(AwardType.objects.filter(code__in=codes).values_list("code", flat=True))
            if unknown := codes - known:
                raise CommandError(f"Unknown award code(s): {', '.join(sorted(unknown))}.")
            queryset = queryset.filter(award_type__code__in=codes)
        return queryset


def _counted(rows, progress):
    for row in rows:
        progress.update()
        yield row


def _write_chunks(chunks, stream, progress):
    """Write CSV bytes; rows are counted by line ends (a cell with a line break counts twice)."""
    first = True
    for chunk in chunks:
        stream.write(chunk)
        lines = chunk.count(b"\n")
        progress.update(lines - 1 if first else lines)  # the header is no row
        first = False
