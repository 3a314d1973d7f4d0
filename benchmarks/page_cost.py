"""CPU cost of building each public page, which a busy machine does not distort as it does latency.

    .venv/bin/python benchmarks/page_cost.py --db bench_public            # this checkout
    .venv/bin/python benchmarks/page_cost.py --db bench_public --code ../old  # another checkout

Latency (``public_pages.py``) is what a reader feels, but on a shared machine the same
code measured twice differed by 2.4x. This script counts work instead: it builds each page
in-process with Django's test client, the page cache off, and adds the CPU time of this
thread (Python: views, templates, ORM) to the CPU time of its PostgreSQL backend process
(read from /proc, so it must run on the database's machine). Other load changes neither
figure much, so two checkouts can be compared fairly in the same hour: ``--code`` points
the same pages at another checkout (for a before/after), on the same database.

The database is the one ``public_pages.py`` builds (109,100 nominations); build it first.
"""

import argparse
import gc
import os
import sys
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
TICKS = os.sysconf("SC_CLK_TCK")


def backend_cpu(pid: int) -> float:
    """User + system CPU seconds of one process, from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--db", default="bench_public")
    parser.add_argument(
        "--code", default=str(HERE.parent), help="the checkout whose pages to build"
    )
    parser.add_argument("--rounds", type=int, default=40, help="builds per page")
    parser.add_argument("--only", nargs="*", help="measure only pages whose name has one of these")
    args = parser.parse_args()

    code = Path(args.code).resolve()
    sys.path.insert(0, str(code))
    os.chdir(code)
    os.environ.update(
        DATABASE_URL=f"{args.server}/{args.db}",
        DJANGO_SETTINGS_MODULE="emulation.settings",
        DEBUG="0",
        SECRET_KEY="benchmark-only-secret-key-not-for-production-use-0123456789",
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        PUBLIC_PAGE_CACHE_SECONDS="0",
        CONN_MAX_AGE="600",
    )
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.test.client import FakePayload

    from awards.models import AgencyName

    renamed = AgencyName.objects.filter(valid_to__isnull=False).select_related("agency").first()
    pages = {
        "trivial (/healthz/)": "/healthz/",
        "home": "/",
        "award list": "/awards/",
        "award list, filtered+sorted": "/awards/?year_from=2015&status=awarded&sort=-name&page=3",
        "award list, q": "/awards/?q=so+cong+thuong+bac+ninh",
        "agency (renamed)": f"/agencies/{renamed.agency.slug}/",
        "search": "/search/?q=so+cong+thuong",
        "search, former name": f"/search/?q={urllib.parse.quote_plus(renamed.name.lower())}",
        "year": "/years/2024/",
        "bloc": "/blocs/khoi-thi-dua-so-7/",
        "award type": "/award-types/prov_flag/",
        "report": "/reports/2024/",
    }
    if args.only:
        pages = {
            k: v
            for k, v in pages.items()
            if k.startswith("trivial") or any(o in k for o in args.only)
        }
    handler = WSGIHandler()  # what gunicorn calls; the test client adds work of its own

    def get(url: str) -> int:
        path, _, query = url.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": "testserver",
            "HTTP_ACCEPT_LANGUAGE": "vi",
            "wsgi.url_scheme": "http",
            "wsgi.input": FakePayload(b""),
            "wsgi.errors": sys.stderr,
        }
        status = []
        response = handler(environ, lambda s, headers, exc_info=None: status.append(s))
        for _chunk in response:
            pass
        response.close()
        return int(status[0].split()[0])

    get("/healthz/")
    for url in pages.values():  # imports, templates and lookups loaded before anything is counted
        get(url)
    # Objects alive now (code, templates, caches) are left out of garbage collection, so a full
    # collection that happens to fall on one page is not charged to it.
    gc.collect()
    gc.freeze()
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]

    print(f"code: {code} (git {os.popen(f'git -C {code} rev-parse --short HEAD').read().strip()})")
    print(
        f"{args.rounds} builds per page after warm-up; CPU ms per build; "
        f"load {os.getloadavg()[0]:.1f}"
    )
    print(f"{'page':<30} {'status':>6} {'python':>8} {'postgres':>9} {'total':>8} {'x triv':>7}")
    trivial = None
    for name, path in pages.items():
        for _ in range(3):
            status = get(path)
        py0, pg0 = time.thread_time(), backend_cpu(pid)
        for _ in range(args.rounds):
            get(path)
        py = (time.thread_time() - py0) * 1000 / args.rounds
        pg = (backend_cpu(pid) - pg0) * 1000 / args.rounds
        total = py + pg
        trivial = trivial or total
        print(
            f"{name:<30} {status:>6} {py:>8.2f} {pg:>9.2f} {total:>8.2f} {total / trivial:>6.1f}x"
        )


if __name__ == "__main__":
    main()
