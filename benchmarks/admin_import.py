"""Benchmark the nominations import (django-import-export, natural keys) on 10,000 rows.

    .venv/bin/python benchmarks/admin_import.py [--rows 10000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_admin_import \\
        .venv/bin/python benchmarks/admin_import.py

Without DATABASE_URL a scratch SQLite file in the temp directory is used. The
database is migrated and filled with one agency per row; each measurement runs in
a child process so that its peak RSS (ru_maxrss) is its own:

* ``import``: NominationResource through awards.resources.import_rows (what the admin's
  confirm step runs), every row saved, then rolled back by deleting;
* ``bad-row``: the same file with one unknown agency in the middle: nothing saved,
  the row named;
* ``admin``: the admin's import page (upload, dry run and preview) through the test client.

Prints rows per second and peak RSS (the child process's ru_maxrss).
"""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = "year,bloc,award,agency,person,nominee_name,status,status_reason,votes,rank,notes\n"


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault(
        "DATABASE_URL", f"sqlite:///{Path(tempfile.gettempdir()) / 'bench_admin_import.sqlite3'}"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
    # DEBUG off: Django would otherwise keep every query of the run in memory.
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    os.environ.setdefault(
        "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    import django

    django.setup()


def fill(rows: int) -> None:
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from awards import roles
    from awards.models import Agency, Bloc, EmulationYear, Nomination

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    EmulationYear.objects.get_or_create(year=2023)
    Bloc.objects.get_or_create(name="Khối thi đua benchmark", defaults={"organiser": "Bắc Ninh"})
    have = Agency.objects.filter(name__startswith="Đơn vị benchmark ").count()
    if have < rows:
        Agency.objects.bulk_create(
            Agency(
                name=f"Đơn vị benchmark {i}",
                slug=f"don-vi-benchmark-{i}",
                search_text=f"don vi benchmark {i}",
            )
            for i in range(have, rows)
        )
    Nomination.objects.filter(bloc__name="Khối thi đua benchmark").delete()
    user, _ = User.objects.get_or_create(username="bench-staff", defaults={"is_staff": True})
    user.groups.add(Group.objects.get(name=roles.BOARD_STAFF))


def csv_text(rows: int, *, bad_row: int | None = None) -> str:
    lines = [HEADER]
    for i in range(rows):
        agency = "Đơn vị không tồn tại" if i + 1 == bad_row else f"Đơn vị benchmark {i}"
        lines.append(f"2023,Khối thi đua benchmark,prov_cert,{agency},,,,,{i % 30},,\n")
    return "".join(lines)


def measure(mode: str, rows: int) -> dict:
    from django.contrib.auth.models import User

    from awards.models import Nomination
    from awards.resources import NominationResource, import_rows, read_dataset, row_problems

    user = User.objects.get(username="bench-staff")
    bad = rows // 2 + 7 if mode == "bad-row" else None
    text = csv_text(rows, bad_row=bad)
    started = time.perf_counter()
    if mode == "admin":
        from django.test import Client
        from django.test.utils import setup_test_environment
        from django.urls import reverse

        setup_test_environment()  # so that the response carries its context
        client = Client()
        client.force_login(user)
        upload = io.BytesIO(text.encode("utf-8-sig"))
        upload.name = "nominations.csv"
        url = reverse("admin:awards_nomination_import")
        formats = client.get(url).context["form"].fields["format"].choices
        csv_index = next(value for value, label in formats if "csv" in str(label).lower())
        response = client.post(url, {"import_file": upload, "format": csv_index, "resource": 0})
        problems = [] if response.status_code == 200 else [(0, str(response.status_code))]
        saved = Nomination.objects.filter(bloc__name="Khối thi đua benchmark").count()
    else:
        result = import_rows(NominationResource(user=user), read_dataset(text, format="csv"))
        problems = row_problems(result)
        saved = Nomination.objects.filter(bloc__name="Khối thi đua benchmark").count()
    elapsed = time.perf_counter() - started
    Nomination.objects.filter(bloc__name="Khối thi đua benchmark").delete()
    return {
        "mode": mode,
        "rows": rows,
        "seconds": round(elapsed, 2),
        "rows_per_second": round(rows / elapsed),
        "saved": saved,
        "problems": problems[:3],
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--child", choices=["import", "bad-row", "admin"])
    args = parser.parse_args()
    setup_django()
    if args.child:
        print(json.dumps(measure(args.child, args.rows)))
        return
    fill(args.rows)
    from django.db import connection

    print(f"database: {connection.vendor}, rows: {args.rows}")
    for mode in ("import", "bad-row", "admin"):
        out = subprocess.run(
            [sys.executable, __file__, "--rows", str(args.rows), "--child", mode],
            check=True,
            capture_output=True,
            text=True,
            env=os.environ.copy(),
        )
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{mode:8} {figures['rows_per_second']:>6} rows/s  {figures['seconds']:>6} s  "
            f"peak RSS {figures['peak_rss_mb']} MB  "
            f"saved {figures['saved']}  problems {figures['problems']}"
        )


if __name__ == "__main__":
    main()
