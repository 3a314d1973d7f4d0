"""Benchmark the public pages on a large history, served by gunicorn, beside a trivial view.

    .venv/bin/python benchmarks/public_pages.py            # build bench_public, then measure
    .venv/bin/python benchmarks/public_pages.py --reuse    # measure an existing bench_public

Fills a PostgreSQL database with 20 years, 40 blocs, 2,000 agencies (some renamed
and merged), 20,000 people and more than 100,000 nominations with bulk_create,
starts gunicorn (gthread, DEBUG off) twice, on ``--port`` with the page cache and on
``--port`` + 1 without it, and times a bounded number
of requests per page, in two columns:

* cached: the same URL again and again, served from the page cache;
* built: the same URL on a second gunicorn with the page cache off
  (PUBLIC_PAGE_CACHE_SECONDS=0), so each request builds the page (queries,
  template). An unknown query parameter no longer misses the cache: the pages
  drop parameters they do not read before the cache key is made.

Each page is warmed up first (connections, imports, PostgreSQL's buffers, both
workers' caches). Both columns are compared with the p50 of /healthz/, which
touches neither database nor template, measured in the same run before and after
the pages; the issue's target is the award list, agency and search pages within
5x that p50. The client runs as many threads as there are CPUs (and no more than
gunicorn's workers): more would measure queueing, not the pages. The figures are
only fair on a quiet machine: ``--quiet-load`` waits (bounded) for the load
average to drop, and the load is printed beside the results.
"""

import argparse
import datetime
import http.client
import itertools
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

YEARS = range(2006, 2026)
BLOCS = 40
AGENCIES = 2000
PEOPLE = 20000
INDIVIDUAL_PER_YEAR = 1400
BATCH = 5000

TOPICS = [
    "Sở Công thương",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Sở Xây dựng",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Tài nguyên và Môi trường",
    "Sở Thông tin và Truyền thông",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Khoa học và Công nghệ",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Giao thông vận tải",
    "Sở Ngoại vụ",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Thanh tra tỉnh",
    "Ban Dân tộc",
    "Hội Cựu chiến binh",
    "Liên đoàn Lao động",
    "Hội Liên hiệp Phụ nữ",
    "Tỉnh đoàn",
    "Hội Nông dân",
    "Ủy ban Mặt trận Tổ quốc",
    "Bảo hiểm xã hội",
    "Kho bạc Nhà nước",
    "Cục Thuế",
    "Cục Hải quan",
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự",
    "Đài Phát thanh và Truyền hình",
    "Báo",
    "Ban Quản lý các khu công nghiệp",
    "Liên minh Hợp tác xã",
    "Trường Chính trị",
    "Văn phòng UBND tỉnh",
    "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
    "Ngân hàng Nhà nước chi nhánh",
    "Cục Thống kê",
    "Công ty Điện lực",
]
PLACES = [
    "Bắc Ninh",
    "Bắc Giang",
    "Hà Nam",
    "Nam Định",
    "Thái Bình",
    "Ninh Bình",
    "Hải Dương",
    "Hưng Yên",
    "Vĩnh Phúc",
    "Phú Thọ",
    "Thái Nguyên",
    "Lạng Sơn",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Quảng Bình",
    "Quảng Trị",
    "Thừa Thiên Huế",
    "Quảng Nam",
    "Quảng Ngãi",
    "Bình Định",
    "Phú Yên",
    "Khánh Hòa",
    "Ninh Thuận",
    "Bình Thuận",
    "Kon Tum",
    "Gia Lai",
    "Đắk Lắk",
    "Đắk Nông",
    "Lâm Đồng",
    "Bình Phước",
    "Tây Ninh",
    "Bình Dương",
    "Đồng Nai",
    "Bà Rịa - Vũng Tàu",
    "Long An",
    "Tiền Giang",
    "Bến Tre",
    "Trà Vinh",
    "Vĩnh Long",
    "Đồng Tháp",
    "An Giang",
    "Kiên Giang",
    "Cần Thơ",
    "Hậu Giang",
    "Sóc Trăng",
    "Bạc Liêu",
    "Cà Mau",
    "Yên Bái",
]
FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quang", "Ngọc", "Thu", "Xuân"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đào",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hòa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phúc",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Trang",
    "Trung",
    "Tuấn",
    "Yến",
    "Việt",
    "Vinh",
]
COLLECTIVE_ROTATION = ["excellent_collective", "advanced_collective", "prov_cert", "merit_paper"]
INDIVIDUAL_ROTATION = [
    "emulation_soldier_grassroots",
    "advanced_worker",
    "prov_cert",
    "emulation_soldier_province",
    "merit_paper",
]


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
    import django

    django.setup()


def recreate_database(server_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def load(seed: int = 4) -> dict:
    """Fill the database; returns the slugs and names the measured URLs use."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from awards.models import (
        Agency,
        AgencyLineage,
        AgencyName,
        AwardType,
        Bloc,
        Decision,
        EmulationYear,
        Membership,
        Nomination,
        Person,
    )
    from awards.text import fold, slugify_vi

    rng = random.Random(seed)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    with transaction.atomic():
        EmulationYear.objects.bulk_create([EmulationYear(year=y, status="closed") for y in YEARS])
        blocs = Bloc.objects.bulk_create(
            Bloc(
                name=f"Khối thi đua số {i}",
                slug=f"khoi-thi-dua-so-{i}",
                organiser=PLACES[i % len(PLACES)],
                search_text=fold(f"Khối thi đua số {i}"),
            )
            for i in range(1, BLOCS + 1)
        )
        names = [f"{t} {p}" for p, t in itertools.product(PLACES, TOPICS)][:AGENCIES]
        # Every tenth agency was renamed on 1 January 2016: old name before, new name after.
        renamed_on = datetime.date(2016, 1, 1)
        old_names = {i: f"{names[i]} (cũ)".replace("Sở ", "Ban ") for i in range(0, AGENCIES, 10)}
        agencies = Agency.objects.bulk_create(
            Agency(
                name=name,
                slug=slugify_vi(name),
                kind="department",
                province=name.split()[-1],
                search_text="\n".join(fold(n) for n in (name, old_names.get(i)) if n),
            )
            for i, name in enumerate(names)
        )
        name_rows = []
        for i, old in old_names.items():
            name_rows.append(
                AgencyName(
                    agency=agencies[i], name=old, valid_to=renamed_on - datetime.timedelta(1)
                )
            )
            name_rows.append(AgencyName(agency=agencies[i], name=names[i], valid_from=renamed_on))
        AgencyName.objects.bulk_create(name_rows)
        AgencyLineage.objects.bulk_create(
            AgencyLineage(
                predecessor=agencies[i + 1],
                successor=agencies[i],
                kind="merged",
                date=datetime.date(2025, 7, 1),
            )
            for i in range(0, AGENCIES, 20)
        )
        people = Person.objects.bulk_create(
            Person(
                full_name=(full := f"{f} {m} {g} {n}" if n else f"{f} {m} {g}"),
                slug=slugify_vi(full),
                agency=agencies[k % AGENCIES],
                search_text=fold(full),
            )
            for k, (n, f, m, g) in enumerate(
                itertools.islice(
                    itertools.product(["", "A", "B", "C"], FAMILY, MIDDLE, GIVEN), PEOPLE
                )
            )
        )
        memberships = []
        for year in YEARS:
            for a, agency in enumerate(agencies):
                bloc_index = a % BLOCS
                rank = (a // BLOCS - year) % (AGENCIES // BLOCS)
                role = "head" if rank == 0 else "deputy" if rank == 1 else "member"
                memberships.append(
                    Membership(bloc=blocs[bloc_index], agency=agency, year_id=year, role=role)
                )
        Membership.objects.bulk_create(memberships, batch_size=BATCH)
        types = {t.code: t for t in AwardType.objects.all()}
        decisions = {
            y: Decision.objects.create(
                number=f"{100 + y % 100}/QĐ-UBND",
                date=datetime.date(y + 1, 3, 15),
                issuer="Chủ tịch UBND tỉnh",
            )
            for y in YEARS
        }

        def nomination(year, agency_index, person, code, k):
            roll = rng.random()
            status = "awarded" if roll < 0.8 else "proposed" if roll < 0.95 else "rejected"
            agency = agencies[agency_index] if agency_index is not None else None
            if agency is not None:
                before = agency_index in old_names and year < renamed_on.year
                nominee = old_names[agency_index] if before else agency.name
            else:
                nominee = person.full_name
            return Nomination(
                year_id=year,
                bloc=blocs[(agency_index if agency_index is not None else k) % BLOCS],
                award_type=types[code],
                agency=agency,
                person=person,
                nominee_name=nominee,
                status=status,
                status_reason="Không đủ tiêu chuẩn" if status == "rejected" else "",
                decision=decisions[year] if status == "awarded" else None,
            )

        rows, total = [], 0
        for year in YEARS:
            for a in range(AGENCIES):
                first = COLLECTIVE_ROTATION[(a + year) % len(COLLECTIVE_ROTATION)]
                codes = [first, "prov_cert" if first != "prov_cert" else "merit_paper"]
                if a % BLOCS == year % BLOCS:
                    codes.append("prov_flag")
                if a % 400 == year % 400:
                    codes.append("gov_flag")
                rows += [nomination(year, a, None, code, a) for code in codes]
            for k in range(INDIVIDUAL_PER_YEAR):
                person = people[(k * 7 + year * 131) % PEOPLE]
                code = INDIVIDUAL_ROTATION[(k + year) % len(INDIVIDUAL_ROTATION)]
                rows.append(nomination(year, None, person, code, k))
            if len(rows) >= BATCH:
                Nomination.objects.bulk_create(rows, batch_size=BATCH)
                total += len(rows)
                rows = []
        Nomination.objects.bulk_create(rows, batch_size=BATCH)
        total += len(rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"loaded {total:,} nominations ({Nomination.objects.public().count():,} public), "
        f"{len(agencies):,} agencies, {len(people):,} people, {BLOCS} blocs, "
        f"{len(YEARS)} years in {time.perf_counter() - started:.0f}s"
    )
    return targets()


def targets() -> dict:
    from awards.models import AgencyName, Nomination

    renamed = AgencyName.objects.filter(valid_to__isnull=False).select_related("agency").first()
    person = Nomination.objects.public().filter(person__isnull=False).values("person__slug")[:1]
    decision = Nomination.objects.public().filter(decision__isnull=False).values("decision_id")[:1]
    return {
        "agency": renamed.agency.slug,
        "former_name": renamed.name,
        "person": person[0]["person__slug"],
        "decision": decision[0]["decision_id"],
    }


def start_gunicorn(database_url: str, port: int, *, cache_seconds: int = 60) -> subprocess.Popen:
    env = {
        "PUBLIC_PAGE_CACHE_SECONDS": str(cache_seconds),
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-secret-key-not-for-production-use-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "CONN_MAX_AGE": "60",
    }
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "emulation.wsgi",
        "-c",
        str(ROOT / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--access-logfile",
        "/dev/null",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.time() + 30
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


def get(conn: http.client.HTTPConnection, url: str) -> int:
    conn.request("GET", url, headers={"Accept-Language": "vi"})
    response = conn.getresponse()
    response.read()
    return response.status


def warm_up(port: int, path: str, *, rounds: int) -> None:
    """``rounds`` GETs on fresh connections, so that every worker has served the page."""
    for _n in range(rounds):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            get(conn, path)
        finally:
            conn.close()


def measure(port: int, path: str, *, requests: int, concurrency: int, warmup: int) -> dict:
    """Time ``requests`` GETs of ``path`` from ``concurrency`` threads on keep-alive connections."""
    latencies: list[float] = []
    lock = threading.Lock()
    counter = itertools.count()
    errors = []

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = []
        while next(counter) < requests:  # bounded: ``requests`` in all
            start = time.perf_counter()
            status = get(conn, path)
            mine.append(time.perf_counter() - start)
            if status != 200:
                errors.append(status)
        conn.close()
        with lock:
            latencies.extend(mine)

    warm_up(port, path, rounds=warmup)
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(0.95 * (len(latencies) - 1))] * 1000,
        "errors": len(errors),
    }


def wait_for_quiet(threshold: float, limit: float) -> float:
    """Wait up to ``limit`` seconds for the 1-minute load average to fall below ``threshold``."""
    deadline = time.monotonic() + limit
    load = os.getloadavg()[0]
    while load >= threshold and time.monotonic() < deadline:
        time.sleep(min(10.0, max(0.0, deadline - time.monotonic())))
        load = os.getloadavg()[0]
    return load


TRIVIAL = "/healthz/"
# The target: these pages within TARGET_RATIO x the trivial view's p50.
TARGET_PAGES = ("award list", "agency (renamed)", "search")
TARGET_RATIO = 5.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--db", default="bench_public")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--requests", type=int, default=100, help="per page and column")
    workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
    parser.add_argument(
        "--concurrency",
        type=int,
        default=max(1, min(os.cpu_count() or 1, workers)),
        help="client threads (default: the CPUs, at most the gunicorn workers)",
    )
    parser.add_argument("--warmup", type=int, default=10, help="requests per page and column")
    parser.add_argument(
        "--quiet-load",
        type=float,
        default=1.0,
        help="wait for the 1-minute load average to fall below this before measuring",
    )
    parser.add_argument(
        "--quiet-wait", type=float, default=120, help="seconds to wait for it at most"
    )
    parser.add_argument("--only", nargs="*", help="measure only pages whose name has one of these")
    parser.add_argument("--reuse", action="store_true", help="skip loading; reuse the database")
    args = parser.parse_args()
    database_url = f"{args.server}/{args.db}"
    if not args.reuse:
        recreate_database(args.server, args.db)
    setup_django(database_url)
    found = targets() if args.reuse else load()
    q_former = urllib.parse.quote_plus(found["former_name"].lower())
    pages = {
        "home": "/",
        "award list": "/awards/",
        "award list, filtered+sorted": "/awards/?year_from=2015&status=awarded&sort=-name&page=3",
        "award list, q": "/awards/?q=so+cong+thuong+bac+ninh",
        "agency (renamed)": f"/agencies/{found['agency']}/",
        "search": "/search/?q=so+cong+thuong",
        "search, former name": f"/search/?q={q_former}",
        "search, abbreviation": "/search/?q=so+kh%26dt",
        "year": "/years/2024/",
        "bloc": "/blocs/khoi-thi-dua-so-7/",
        "award type": "/award-types/prov_flag/",
        "report": "/reports/2024/",
        "years index": "/years/",
        "blocs index": "/blocs/",
        "agencies index": "/agencies/",
        "agencies index, letter+kind": "/agencies/?letter=S&kind=department&page=2",
        "award types index": "/award-types/",
        "people index": "/people/",
        "people index, page 5": "/people/?page=5",
        "person": f"/people/{found['person']}/",
        "sources index": "/sources/",
        "decision": f"/decisions/{found['decision']}/",
        "about": "/about/",
        "api awards": "/api/v1/awards/",
        "api awards, filtered": "/api/v1/awards/?year_from=2015&status=awarded&sort=-name&page=3",
        "api agencies, 100 a page": "/api/v1/agencies/?page_size=100",
    }
    if args.only:
        pages = {k: v for k, v in pages.items() if any(o in k for o in args.only)}
    server = start_gunicorn(database_url, args.port)
    builder = start_gunicorn(database_url, args.port + 1, cache_seconds=0)
    options = {"requests": args.requests, "concurrency": args.concurrency, "warmup": args.warmup}
    load_before = wait_for_quiet(args.quiet_load, args.quiet_wait)
    try:
        trivial_before = measure(args.port, TRIVIAL, **options)
        results = {}
        for name, path in pages.items():
            # Both columns of a page back to back, so that a change in load hits both alike.
            results[name] = (
                measure(args.port, path, **options),
                measure(args.port + 1, path, **options),
            )
        trivial_after = measure(args.port, TRIVIAL, **options)
    finally:
        for process in (server, builder):
            process.terminate()
            process.wait(timeout=30)
    load_after = os.getloadavg()[0]
    trivial = (trivial_before["p50"] + trivial_after["p50"]) / 2
    print(
        f"\n{args.requests} requests per page and column after {args.warmup} warm-up, "
        f"{args.concurrency} client threads, gunicorn gthread ({workers} workers, "
        f"GUNICORN_THREADS={os.environ.get('GUNICORN_THREADS', '4')}), {os.cpu_count()} CPUs; "
        f"1-minute load average {load_before:.2f} before (after: {load_after:.2f}, "
        "this benchmark's own load included)"
        + ("  NOT QUIET: the figures include other work" if load_before >= args.quiet_load else "")
    )
    print(
        f"trivial {TRIVIAL} p50: {trivial_before['p50']:.2f} ms before the pages, "
        f"{trivial_after['p50']:.2f} ms after; ratios (x triv) are to their mean {trivial:.2f} ms"
    )
    print("cached: the same URL (page cache hit); built: page cache off, every request builds")
    header = f"{'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'x triv':>7}"
    print(f"{'page':28} {'cached':^30} | {'built':^30}")
    print(f"{'':28} {header} | {header}")

    def cells(r):
        flag = "!" if r["errors"] else " "
        ratio = r["p50"] / trivial
        return f"{r['rps']:7.1f} {r['p50']:7.1f} {r['p95']:7.1f} {ratio:6.1f}x{flag}"

    print(f"{'trivial, before | after':28} {cells(trivial_before)} | {cells(trivial_after)}")
    for name, (cached, built) in results.items():
        print(f"{name:28} {cells(cached)} | {cells(built)}")
    if any(r["errors"] for pair in results.values() for r in pair):
        print("! some requests did not answer 200")
    print(f"\ntarget: p50 within {TARGET_RATIO:g}x the trivial p50")
    for name in TARGET_PAGES:
        if name not in results:
            continue
        verdicts = []
        for column, r in zip(("cached", "built"), results[name], strict=True):
            ratio = r["p50"] / trivial
            verdicts.append(
                f"{column} {ratio:5.1f}x {'meets' if ratio <= TARGET_RATIO else 'MISSES'}"
            )
        print(f"  {name:20} " + "; ".join(verdicts))


if __name__ == "__main__":
    main()
