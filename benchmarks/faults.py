"""What readers see when PostgreSQL stops, or freezes, under load (issue 11).

    .venv/bin/python benchmarks/faults.py

Starts its OWN PostgreSQL cluster (initdb as the ``postgres`` system user, on a spare
loopback port, in a temporary directory: the shared server is never touched), migrates
it and loads the demo data, serves the app with gunicorn (gthread, DEBUG off, the web
timeouts of gunicorn.conf.py) and puts 50 readers on it: threads that each ask one
public page after another over loopback, with a 30 s client timeout, for a bounded
time; half of the requests are searches nobody made before, which no cache can answer,
the others come from a fixed set of pages, which the page cache soon holds. Meanwhile
the database is

1. stopped for 10 s (``pg_ctl stop -m fast``, then started again), and
2. frozen for 10 s (SIGSTOP to the postmaster and its children, then SIGCONT).

Printed: requests; 5xx that are not the branded 503 page; per phase (by when a request
was asked) the answers, the 503 pages and the slowest time to first byte; how many
requests of the outages took over 5 s; the share of requests served (200) among those
asked from 3 s after the database came back and answered before the next outage began
(on a loaded machine a request can queue for seconds; one answered during the next
outage says nothing of the recovery, and is counted apart); with ``--timeline``, second
by second; the causes of the 503 pages per phase, from the server's stamped log.
Targets: 0 bare 500s, every request during an outage answered within 5 s (503 or a
cached page), 100 % served after recovery. The readers ask pages only (a CSV download
in flight when the database froze is cut off by the watchdog too: tests/ops).
"""

import argparse
import collections
import contextlib
import http.client
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_BIN = Path("/usr/lib/postgresql/15/bin")
READERS = 50
CLIENT_TIMEOUT = 30
PG_USER = "postgres"  # the system user that runs initdb and pg_ctl (not root)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_postgres(*command: str, check=True) -> subprocess.CompletedProcess:
    quoted = " ".join(f"'{c}'" for c in command)
    if os.geteuid() == 0:
        return subprocess.run(
            ["su", PG_USER, "-s", "/bin/sh", "-c", quoted], check=check, capture_output=True
        )
    return subprocess.run(list(command), check=check, capture_output=True)


class Cluster:
    """A throw-away PostgreSQL cluster on a spare port, owned by the postgres user."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="faults-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.dir, PG_USER, PG_USER)
        as_postgres(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres")
        self.start()
        as_postgres(
            str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
            "-qc", "CREATE DATABASE faults",
        )  # fmt: skip
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/faults"

    def pg_ctl(self, *args):
        as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), *args)

    def start(self):
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir}"
        self.pg_ctl("-o", options, "-l", str(self.dir / "log"), "-w", "start")

    def stop(self):
        self.pg_ctl("-m", "fast", "-w", "stop")

    def pids(self) -> list[int]:
        """The postmaster (first line of postmaster.pid) and its children."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        children = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(postmaster)], capture_output=True, text=True
        ).stdout.split()
        return [postmaster, *map(int, children)]

    def freeze(self) -> list[int]:
        pids = self.pids()
        for pid in pids:
            os.kill(pid, signal.SIGSTOP)
        return pids

    @staticmethod
    def thaw(pids):
        for pid in reversed(pids):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)

    def remove(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.pg_ctl("-m", "immediate", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)


def app_env(database_url: str) -> dict:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("DB_")},
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "emulation.settings",
        "DEBUG": "false",
        "SECRET_KEY": "faults-benchmark-only-secret-key-not-for-production-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "LIMITS_CACHE_LOCATION": tempfile.mkdtemp(prefix="faults-limits-"),
        # the server stamps its log lines (wall clock), so causes are told apart by phase
        "LOG_FORMAT": "@%(created).3f %(message)s",
    }


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def start_gunicorn(env: dict, port: int, log=None) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"), "emulation.wsgi",
        "-c", str(ROOT / "gunicorn.conf.py"),
        "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz/")
            if conn.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


def read_log(stream, lines: list, copy=None) -> None:
    """Keep the server's log lines with the (monotonic) time the server stamped on them."""
    offset = time.time() - time.monotonic()
    for raw in stream:
        line = raw.decode(errors="replace").rstrip()
        if copy is not None:
            print(line, file=copy, flush=True)
        stamp, _, message = line.partition(" ")
        if stamp.startswith("@"):
            with contextlib.suppress(ValueError):
                lines.append((float(stamp[1:]) - offset, message))


def reader_urls(database_url: str) -> list[str]:
    import psycopg

    with psycopg.connect(database_url.replace("postgres://", "postgresql://")) as conn:
        blocs = [r[0] for r in conn.execute("SELECT slug FROM awards_bloc ORDER BY id LIMIT 20")]
        agencies = [
            r[0] for r in conn.execute("SELECT slug FROM awards_agency ORDER BY id LIMIT 60")
        ]
        codes = [r[0] for r in conn.execute("SELECT code FROM awards_awardtype LIMIT 10")]
        years = [
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT year FROM awards_nomination ORDER BY 1 DESC LIMIT 10"
            )
        ]
    urls = ["/", "/awards/", "/reports/"]
    urls += [f"/blocs/{s}/" for s in blocs] + [f"/agencies/{s}/" for s in agencies]
    urls += [f"/award-types/{c}/" for c in codes] + [f"/years/{y}/" for y in years]
    urls += [f"/reports/{y}/" for y in years] + [f"/awards/?page={p}" for p in range(1, 6)]
    urls += [f"/search/?q={q}" for q in ("so", "cong+thuong", "tai+chinh", "y+te", "khoi")]
    return urls


SEARCH_WORDS = ["so", "cong", "thuong", "tai", "chinh", "khoi", "y", "te", "huyen", "ban"]


@dataclass
class Answer:
    started: float
    ttfb: float | None  # None: no answer (connection error or client timeout)
    status: int
    branded_503: bool
    error: str = ""

    @property
    def answered(self) -> float:
        """When the first byte came (or the client gave up)."""
        return self.started + (self.ttfb if self.ttfb is not None else CLIENT_TIMEOUT)


def reader(port, urls, until, answers, lock, seed):
    rng = random.Random(seed)
    while time.monotonic() < until:
        # half the requests ask a page the cache cannot have: a search nobody made yet
        if rng.random() < 0.5:
            url = f"/search/?q={rng.choice(SEARCH_WORDS)}+{rng.randrange(10**6)}"
        else:
            url = rng.choice(urls)
        started = time.monotonic()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT)
            conn.request("GET", url)
            response = conn.getresponse()
            ttfb = time.monotonic() - started
            body = response.read()
            conn.close()
            answer = Answer(started, ttfb, response.status, b'failure-code">503' in body)
        except (OSError, http.client.HTTPException) as exc:
            answer = Answer(started, None, 0, False, type(exc).__name__)
            time.sleep(0.2)
        with lock:
            answers.append(answer)


def summarise(answers, phases, back_times, timeline=False):
    print(f"requests: {len(answers)}")
    bare = [a for a in answers if a.status >= 500 and not (a.status == 503 and a.branded_503)]
    print(f"5xx that are not the 503 page: {len(bare)}")
    print(f"no answer (connection error or {CLIENT_TIMEOUT} s timeout): "
          f"{sum(1 for a in answers if a.ttfb is None)}")  # fmt: skip
    print()
    print(
        f"{'phase':<22}{'requests':>9}{'200':>7}{'503':>6}{'other':>7}{'max TTFB':>10}{'> 5 s':>7}"
    )
    for name, start, end in phases:
        inside = [a for a in answers if start <= a.started < end]
        ok = sum(1 for a in inside if a.status == 200)
        unavailable = sum(1 for a in inside if a.status == 503)
        ttfbs = [a.ttfb if a.ttfb is not None else CLIENT_TIMEOUT for a in inside]
        slow = sum(1 for t in ttfbs if t > 5)
        print(
            f"{name:<22}{len(inside):>9}{ok:>7}{unavailable:>6}{len(inside) - ok - unavailable:>7}"
            f"{max(ttfbs, default=0):>9.2f}s{slow:>7}"
        )
    print()
    for name, back, end in back_times:
        # Asked from 3 s after the database was back, and answered before the next outage
        # began: on a loaded machine a request can wait in gunicorn's queue for seconds, and
        # one asked in the calm but answered during the next outage says nothing of recovery.
        asked = [a for a in answers if back + 3 <= a.started < end]
        after = [a for a in asked if a.answered < end]
        served = sum(1 for a in after if a.status == 200)
        first = min((a.started - back for a in answers if a.started >= back and a.status == 200
                     and a.ttfb is not None), default=None)  # fmt: skip
        share = 100 * served / len(after) if after else 0
        print(
            f"after the {name} (asked from 3 s after the database was back, answered before "
            f"the next outage): {served}/{len(after)} served = {share:.1f} %; "
            f"{len(asked) - len(after)} more were answered only during the next outage; "
            f"first page served {first:.2f} s after it was back"
        )
        if timeline:
            print("  second  requests  200  503  max TTFB  answered in the next outage")
            for second in range(int(end - back) + 1):
                inside = [a for a in answers if back + second <= a.started < back + second + 1]
                ttfbs = [a.ttfb if a.ttfb is not None else CLIENT_TIMEOUT for a in inside]
                late = sum(1 for a in inside if a.answered >= end)
                print(
                    f"  {second:>6}{len(inside):>10}{sum(a.status == 200 for a in inside):>5}"
                    f"{sum(a.status == 503 for a in inside):>5}{max(ttfbs, default=0):>9.2f}s"
                    f"{late:>8}"
                )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--outage", type=float, default=10.0, help="seconds stopped / frozen")
    parser.add_argument(
        "--calm", type=float, default=10.0,
        help="seconds before, between and after the outages (longer on a busy machine)",
    )  # fmt: skip
    parser.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE",
        help="a setting for the server, e.g. DB_BREAKER_SECONDS=1 (default: gunicorn.conf.py's)",
    )  # fmt: skip
    parser.add_argument(
        "--timeline", action="store_true",
        help="also print, second by second after each recovery, the answers and slowest TTFB",
    )  # fmt: skip
    parser.add_argument("--server-log", metavar="FILE", help="also write the server's log there")
    args = parser.parse_args()

    print("starting a PostgreSQL cluster of its own …", flush=True)
    cluster = Cluster()
    gunicorn = None
    try:
        env = app_env(cluster.url) | dict(item.split("=", 1) for item in args.set)
        print(f"  port {cluster.port}; migrating and loading the demo data …", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "createcachetable")
        manage(env, "load_demo")
        urls = reader_urls(cluster.url)
        port = free_port()
        gunicorn = start_gunicorn(env, port, log=subprocess.PIPE)
        server_copy = open(args.server_log, "w") if args.server_log else None  # noqa: SIM115
        server_log: list[tuple[float, str]] = []  # (when, line) of the server's output
        for stream in (gunicorn.stdout, gunicorn.stderr):
            threading.Thread(
                target=read_log, args=(stream, server_log, server_copy), daemon=True
            ).start()
        print(f"  gunicorn on 127.0.0.1:{port}; {len(urls)} public URLs; {READERS} readers",
              flush=True)  # fmt: skip

        answers, lock = [], threading.Lock()
        calm, outage = args.calm, args.outage
        t0 = time.monotonic()
        total = calm + outage + calm + outage + calm
        threads = [
            threading.Thread(target=reader, args=(port, urls, t0 + total, answers, lock, i))
            for i in range(READERS)
        ]
        for thread in threads:
            thread.start()

        time.sleep(calm)
        stopped = time.monotonic()
        print("  stopping the database (pg_ctl stop -m fast) …", flush=True)
        cluster.stop()
        time.sleep(max(0.0, stopped + outage - time.monotonic()))
        cluster.start()
        back1 = time.monotonic()
        print(f"  started again after {back1 - stopped:.1f} s", flush=True)

        time.sleep(max(0.0, back1 + calm - time.monotonic()))
        frozen = time.monotonic()
        pids = cluster.freeze()
        print(f"  froze the postmaster and {len(pids) - 1} children (SIGSTOP) …", flush=True)
        time.sleep(outage)
        cluster.thaw(pids)
        back2 = time.monotonic()
        print(f"  thawed after {back2 - frozen:.1f} s", flush=True)

        for thread in threads:
            thread.join(timeout=total + CLIENT_TIMEOUT + 10)
        end = time.monotonic()
        phases = [
            ("before", t0, stopped),
            ("database stopped", stopped, back1),
            ("after the stop", back1, frozen),
            ("database frozen", frozen, back2),
            ("after the freeze", back2, end),
        ]
        print()
        summarise(answers, phases, [("stop", back1, frozen), ("freeze", back2, end)], args.timeline)
        print("\nwhy the 503 pages (the server's log), per phase:")
        for name, start, end in phases:
            causes = collections.Counter(
                line.split(" (", 1)[1][:100]
                for when, line in list(server_log)
                if start <= when < end and line.startswith("Service Unavailable: ") and " (" in line
            )
            print(f"  {name}:")
            for cause, count in causes.most_common(5):
                print(f"    {count:>6}  {cause}")
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        cluster.remove()


if __name__ == "__main__":
    main()
