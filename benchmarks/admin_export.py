"""Benchmark the admin's nominations export (Nominations → Export) as staff download it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_admin_export \\
        .venv/bin/python benchmarks/admin_export.py [--rows 109100] [--formats csv,xlsx]
        [--project /path/to/another/checkout]

Fills the database like benchmarks/export.py (PostgreSQL, INSERT … SELECT
generate_series; migrated first), then, each in a child process so that its peak RSS
(ru_maxrss) is its own, posts the admin's export form through the test client as a
board staff member and reads the whole download:

* ``csv``: the round-trip CSV (Vietnamese headers, escaped formulas);
* ``xlsx``: the same rows as a workbook.

Prints rows per second, seconds to the first byte and in all, and peak RSS.
``--project`` runs the same measurement against another checkout's code (e.g. the
code before the export streamed), on the same database.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def setup_django(project: Path) -> None:
    sys.path.insert(0, str(project))
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


def staff_user():
    from django.contrib.auth.models import Group, User

    from awards import roles

    user, _ = User.objects.get_or_create(username="bench-export", defaults={"is_staff": True})
    user.groups.add(Group.objects.get(name=roles.BOARD_STAFF))
    return user


def measure(fmt: str) -> dict:
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from awards.models import Nomination

    setup_test_environment()  # so that the form page carries its context
    client = Client()
    client.force_login(staff_user())
    url = reverse("admin:awards_nomination_export")
    form = client.get(url).context["form"]
    index = next(v for v, label in form.fields["format"].choices if fmt in str(label).lower())
    ticked = {name: "on" for name in form.fields if name.startswith("nominationresource_")}
    rows = Nomination.objects.count()
    started = time.perf_counter()
    response = client.post(url, {"format": index, "resource": 0, **ticked})
    first = None
    size = 0
    if response.streaming:
        for chunk in response.streaming_content:
            if first is None:
                first = time.perf_counter() - started
            size += len(chunk)
    else:
        first = time.perf_counter() - started
        size = len(response.content)
    elapsed = time.perf_counter() - started
    return {
        "format": fmt,
        "status": response.status_code,
        "streamed": bool(response.streaming),
        "rows": rows,
        "bytes": size,
        "first_byte_seconds": round(first or 0, 2),
        "seconds": round(elapsed, 2),
        "rows_per_second": round(rows / elapsed),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=109_100)
    parser.add_argument("--formats", default="csv,xlsx")
    parser.add_argument("--project", type=Path, default=HERE.parent)
    parser.add_argument("--child", choices=["csv", "xlsx"])
    args = parser.parse_args()
    setup_django(args.project.resolve())
    if args.child:
        print(json.dumps(measure(args.child)))
        return
    sys.path.insert(0, str(HERE))
    from export import fill  # the report export benchmark's data

    fill(args.rows)
    from django.db import connection

    print(f"database: {connection.vendor}, code: {args.project.resolve()}")
    for fmt in args.formats.split(","):
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--project",
                str(args.project),
                "--child",
                fmt,
            ],
            check=True,
            capture_output=True,
            text=True,
            env=os.environ.copy(),
        )
        f = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{fmt:5} {f['rows']:>7} rows  {f['rows_per_second']:>7} rows/s  {f['seconds']:>7} s  "
            f"first byte {f['first_byte_seconds']} s  peak RSS {f['peak_rss_mb']} MB  "
            f"{f['bytes']:,} bytes  streamed {f['streamed']}  HTTP {f['status']}"
        )


if __name__ == "__main__":
    main()
