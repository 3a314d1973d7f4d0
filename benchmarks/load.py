"""50 readers for 60 s over the public pages and CSV downloads, beside a trivial view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<scratch> .venv/bin/python benchmarks/load.py

Migrates the database named by DATABASE_URL and loads the demo data when it is empty,
serves the app with gunicorn (gthread, DEBUG off, gunicorn.conf.py as in production)
on a loopback port, and runs 50 reader threads for 60 s. Each reader is its own client
address (127.0.0.11, .12, …: all of 127.0.0.0/8 is loopback), as 50 people would be,
and asks one URL after another: public pages (70 %), CSV and XLSX downloads (15 %) and
/healthz/ (15 %), the trivial view (no database, no template) measured under the same
load. Printed: requests and errors (anything but 200, or no answer) per kind, and p50
and p95 of the full response time per kind, with each p95 as a multiple of /healthz/'s.
Target: errors = 0. Bounded: 60 s of requests, a 60 s client timeout, loopback only.
"""

import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from faults import free_port, reader_urls, start_gunicorn

ROOT = Path(__file__).resolve().parents[1]
CLIENT_TIMEOUT = 60


def app_env(database_url: str) -> dict:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("DB_")},
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "emulation.settings",
        "DEBUG": "false",
        "SECRET_KEY": "load-benchmark-only-secret-key-not-for-production-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "LIMITS_CACHE_LOCATION": tempfile.mkdtemp(prefix="load-limits-"),
    }


def prepare(env: dict) -> None:
    def manage(*args):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip

    manage("migrate", "--noinput")
    manage("createcachetable")
    import psycopg

    url = env["DATABASE_URL"].replace("postgres://", "postgresql://")
    with psycopg.connect(url) as conn:
        empty = conn.execute("SELECT count(*) FROM awards_nomination").fetchone()[0] == 0
    if empty:
        manage("load_demo")


def downloads(pages: list[str]) -> list[str]:
    years = [u.split("/")[2] for u in pages if u.startswith("/years/")][:5]
    blocs = [u for u in pages if u.startswith("/blocs/")][:5]
    out = ["/awards/?format=csv"]
    out += [f"/awards/?year={y}&format=csv" for y in years]
    out += [f"/reports/{y}/?format=csv" for y in years] + [
        f"/reports/{y}/?format=xlsx" for y in years
    ]
    out += [f"{b}?format=csv" for b in blocs]
    return out


def reader(index, port, urls, until, results, lock):
    rng = random.Random(index)
    source = (f"127.0.0.{11 + index}", 0)
    while time.monotonic() < until:
        roll = rng.random()
        kind = "page" if roll < 0.70 else "download" if roll < 0.85 else "healthz"
        url = "/healthz/" if kind == "healthz" else rng.choice(urls[kind])
        started = time.monotonic()
        try:
            conn = http.client.HTTPConnection(
                "127.0.0.1", port, timeout=CLIENT_TIMEOUT, source_address=source
            )
            conn.request("GET", url)
            response = conn.getresponse()
            response.read()
            conn.close()
            status = response.status
        except (OSError, http.client.HTTPException) as exc:
            status = type(exc).__name__
        with lock:
            results.append((kind, url, status, time.monotonic() - started))


def p95(values):
    return statistics.quantiles(values, n=20)[18] if len(values) >= 2 else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        sys.exit("set DATABASE_URL to a scratch PostgreSQL database")

    env = app_env(database_url)
    prepare(env)
    pages = reader_urls(database_url)
    urls = {"page": pages, "download": downloads(pages)}
    port = free_port()
    gunicorn = start_gunicorn(env, port)
    try:
        # warm up: every URL once (imports, connections, page caches of both workers)
        for url in pages + urls["download"]:
            for _ in range(2):
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT)
                conn.request("GET", url)
                conn.getresponse().read()
                conn.close()
        results, lock = [], threading.Lock()
        until = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=reader, args=(i, port, urls, until, results, lock))
            for i in range(args.readers)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + CLIENT_TIMEOUT + 10)
        elapsed = time.monotonic() - started
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)

    errors = [r for r in results if r[2] != 200]
    print(f"{args.readers} readers, {elapsed:.0f} s, {len(results)} requests "
          f"({len(results) / elapsed:.1f}/s), errors: {len(errors)}; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")  # fmt: skip
    for kind, url, status, _ in errors[:10]:
        print(f"  error: {status} {kind} {url}")
    base = p95([r[3] for r in results if r[0] == "healthz"])
    print(f"{'kind':<10}{'requests':>9}{'errors':>8}{'p50':>9}{'p95':>9}{'p95 / healthz p95':>19}")
    for kind in ("healthz", "page", "download"):
        times = [r[3] for r in results if r[0] == kind]
        errs = sum(1 for r in results if r[0] == kind and r[2] != 200)
        print(
            f"{kind:<10}{len(times):>9}{errs:>8}{statistics.median(times) * 1000:>7.0f}ms"
            f"{p95(times) * 1000:>7.0f}ms{p95(times) / base:>18.1f}x"
        )


if __name__ == "__main__":
    main()
