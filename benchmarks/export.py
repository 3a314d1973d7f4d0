"""Benchmark the CSV export against PostgreSQL's own COPY on the same query.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_export \\
        .venv/bin/python benchmarks/export.py [--rows 1000000]

Fills the database (migrating it first) up to ``--rows`` nominations with
INSERT … SELECT generate_series, then runs each measurement in a child process
so that its peak RSS (ru_maxrss from wait4) is its own:

* ``export``: awards.exports.csv_streaming_response over
  Nomination.objects.public(), iterated the way a WSGI server does, to /dev/null;
* ``rows``: the pure-Python path (csv_chunks over nomination_rows), which other
  databases use and which feeds XLSX, for comparison;
* ``copy``: ``COPY (the same SELECT) TO STDOUT WITH CSV`` through psycopg, to /dev/null.

The target is the export within 2x of COPY's time with peak RSS under 150 MB.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEARS = range(2000, 2025)
BLOCS = 60
DECISIONS = 1000
SOURCES = 1000


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
    import django

    django.setup()


def fill(rows: int) -> None:
    """Create agencies, blocs, decisions, sources, then the nominations in one statement."""
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from awards.models import (
        Agency,
        AwardType,
        Bloc,
        Decision,
        EmulationYear,
        Nomination,
        SourceDocument,
    )
    from awards.models.sources import content_hash

    try:
        call_command("migrate", verbosity=0)
    except Exception as error:  # a half-finished migration elsewhere need not stop us
        print(f"migrate failed, going on with the schema as it is: {error}", file=sys.stderr)
    have = Nomination.objects.count()
    if have >= rows:
        print(f"database already holds {have:,} nominations", file=sys.stderr)
        return
    if have:
        sys.exit(f"database holds {have:,} nominations, fewer than {rows:,}: drop it and rerun")
    started = time.perf_counter()
    award_ids = list(AwardType.objects.values_list("pk", flat=True))
    per_agency = len(award_ids) * len(YEARS)
    agencies = -(-rows // per_agency)
    now = timezone.now()
    with transaction.atomic():
        for year in YEARS:
            EmulationYear.objects.get_or_create(year=year)
        Agency.objects.bulk_create(
            Agency(
                name=f"Sở Văn hóa, Thể thao và Du lịch số {k}",
                slug=f"so-bench-{k}",
                search_text=f"so van hoa the thao va du lich so {k}",
                created_at=now,
                updated_at=now,
            )
            for k in range(agencies)
        )
        Bloc.objects.bulk_create(
            Bloc(
                name=f"Khối thi đua các cơ quan Đảng, đoàn thể số {k}",
                slug=f"khoi-bench-{k}",
                organiser="Bắc Ninh",
                created_at=now,
                updated_at=now,
            )
            for k in range(BLOCS)
        )
        Decision.objects.bulk_create(
            Decision(
                number=f"{k + 1}/QĐ-UBND",
                date=f"2020-03-{k % 28 + 1:02d}",
                issuer="Chủ tịch UBND tỉnh Bắc Ninh",
                created_at=now,
                updated_at=now,
            )
            for k in range(DECISIONS)
        )
        SourceDocument.objects.bulk_create(
            SourceDocument(
                title=f"Khối thi đua tổng kết năm, bài số {k}" if k % 3 else "",
                url=f"https://example.org/tin-tuc/{k}",
                raw_text=f"Bài {k}",
                content_hash=content_hash(f"Bài {k}"),
            )
            for k in range(SOURCES)
        )
        insert_nominations(rows, agencies, award_ids, now)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"filled {rows:,} nominations in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def insert_nominations(rows, agencies, award_ids, now) -> None:
    """One INSERT … SELECT over generate_series; each (agency, award, year) appears once.

    Columns other engineers add later are filled with their model default, so the
    benchmark keeps working as the model grows.
    """
    from django.db import connection

    from awards.models import Agency, Bloc, Decision, Nomination, SourceDocument

    def first_pk(model):
        return model.objects.order_by("pk").values_list("pk", flat=True).first()

    agency0, bloc0 = first_pk(Agency), first_pk(Bloc)
    decision0, source0 = first_pk(Decision), first_pk(SourceDocument)
    n_awards = len(award_ids)
    # mod() rather than %, so that the only placeholders are the parameters'.
    known = {
        "year": f"{YEARS[0]} + i / ({agencies} * {n_awards})",
        "agency_id": f"{agency0} + mod(i, {agencies})",
        "award_type_id": f"(ARRAY{award_ids})[1 + mod(i / {agencies}, {n_awards})]",
        "bloc_id": f"{bloc0} + mod(i, {BLOCS})",
        "nominee_name": f"'Sở Tài nguyên và Môi trường số ' || mod(i, {agencies})",
        "status": "CASE WHEN mod(i, 2) = 0 THEN 'awarded' ELSE 'proposed' END",
        "decision_id": f"CASE WHEN mod(i, 2) = 0 THEN {decision0} + mod(i, {DECISIONS}) END",
        "source_id": f"{source0} + mod(i, {SOURCES})",
        "created_at": "%(now)s",
        "updated_at": "%(now)s",
    }
    columns, expressions, params = [], [], {"now": now}
    for field in Nomination._meta.concrete_fields:
        if field.primary_key:
            continue
        if field.column in known:
            expr = known[field.column]
        elif field.null:
            continue
        else:
            key = f"default_{field.column}"
            params[key] = field.get_db_prep_save(field.get_default(), connection)
            expr = f"%({key})s"
        columns.append(connection.ops.quote_name(field.column))
        expressions.append(expr)
    sql = (
        f"INSERT INTO {Nomination._meta.db_table} ({', '.join(columns)}) "
        f"SELECT {', '.join(expressions)} FROM generate_series(0, {rows - 1}) AS i"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def child_export() -> dict:
    from awards.exports import csv_streaming_response
    from awards.models import Nomination

    started = time.perf_counter()
    response = csv_streaming_response(Nomination.objects.public(), filename="bench.csv")
    size = 0
    with open(os.devnull, "wb") as sink:
        for chunk in response:
            size += len(chunk)
            sink.write(chunk)
    response.close()
    return {"seconds": time.perf_counter() - started, "bytes": size}


def child_rows() -> dict:
    """The pure-Python path (other databases, and what XLSX is fed from), for comparison."""
    from awards.exports import csv_chunks, nomination_rows
    from awards.models import Nomination

    started = time.perf_counter()
    size = 0
    with open(os.devnull, "wb") as sink:
        for chunk in csv_chunks(nomination_rows(Nomination.objects.public())):
            size += len(chunk)
            sink.write(chunk)
    return {"seconds": time.perf_counter() - started, "bytes": size}


def child_copy() -> dict:
    from django.db import connection

    from awards.exports import export_values
    from awards.models import Nomination

    started = time.perf_counter()
    sql, params = export_values(Nomination.objects.public()).query.sql_with_params()
    size = 0
    statement = f"COPY ({sql}) TO STDOUT WITH CSV"
    with (
        connection.cursor() as cursor,
        open(os.devnull, "wb") as sink,
        cursor.cursor.copy(statement, params) as copy,
    ):
        for data in copy:
            size += len(data)
            sink.write(data)
    return {"seconds": time.perf_counter() - started, "bytes": size}


def measure(kind: str) -> dict:
    """Run one measurement in a child process; its rusage gives the peak RSS."""
    child = subprocess.Popen(
        [sys.executable, __file__, "--child", kind], stdout=subprocess.PIPE, env=os.environ
    )
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    if status:
        sys.exit(f"{kind} child failed ({status})")
    result = json.loads(output)
    result["peak_rss_mb"] = usage.ru_maxrss / 1024  # KiB on Linux
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; best time kept")
    parser.add_argument("--child", choices=["export", "copy", "rows"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if "postgres" not in os.environ.get("DATABASE_URL", ""):
        sys.exit("Set DATABASE_URL to a PostgreSQL database, e.g. …/bench_export")
    setup_django()
    if args.child:
        runner = {"export": child_export, "copy": child_copy, "rows": child_rows}[args.child]
        print(json.dumps(runner()))
        return
    fill(args.rows)
    results = {}
    for kind in ("copy", "export", "rows"):
        runs = [measure(kind) for _ in range(args.repeat)]
        results[kind] = min(runs, key=lambda r: r["seconds"])
        results[kind]["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
    copy, export = results["copy"], results["export"]
    print(f"rows: {args.rows:,}")
    labels = (
        ("copy", "COPY TO STDOUT"),
        ("export", "CSV export"),
        ("rows", "row iterator"),
    )
    for kind, label in labels:
        r = results[kind]
        print(
            f"{label:16} {r['seconds']:7.2f} s  peak RSS {r['peak_rss_mb']:6.1f} MB  "
            f"{r['bytes'] / 1e6:7.1f} MB written"
        )
    print(f"export / COPY time: {export['seconds'] / copy['seconds']:.2f}x")


if __name__ == "__main__":
    main()
