"""First-result hit rate of the public search on queries typed as readers type them.

    .venv/bin/python benchmarks/search_quality.py
    .venv/bin/python benchmarks/search_quality.py --postgres postgres://postgres@127.0.0.1:5432

Fills two fresh databases itself — a SQLite file in a temporary directory and a
PostgreSQL database (``search_quality_bench``, dropped and created on the server of
``--postgres``) — with the demo data (``manage.py migrate`` and ``load_demo``: Bắc
Ninh's blocs 2015–2025, 42 agencies, 6 people), runs every query below through
``public.search.site_search`` and compares the first result the page shows
(``SearchResults.first``: the kind and name of the first item of the first group)
with the expected one. Prints the hit rate per database and per query class, the
misses, and whether both databases gave the same first result for every query.

``BEFORE_TUNING`` were written before the search was tuned on them; ``AFTER_TUNING``
were written afterwards, without running them first, to see whether the tuning
generalises. Both are reported, apart and together.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_DATABASE = "search_quality_bench"

A, B, P, W = "agencies", "blocs", "people", "awards"
GOV_FLAG = "Cờ thi đua của Chính phủ"
PM_CERT = "Bằng khen của Thủ tướng Chính phủ"

# (class, query as typed, expected kind, expected name)
BEFORE_TUNING = [
    ("no accents", "so cong thuong", A, "Sở Công Thương"),
    ("no accents", "so xay dung", A, "Sở Xây dựng"),
    ("no accents", "so tai chinh", A, "Sở Tài chính"),
    ("no accents", "so y te", A, "Sở Y tế"),
    ("no accents", "so noi vu", A, "Sở Nội vụ"),
    ("no accents", "so tu phap", A, "Sở Tư pháp"),
    ("no accents", "kho bac nha nuoc", A, "Kho bạc Nhà nước Bắc Ninh"),
    ("no accents", "cuc thue", A, "Cục Thuế tỉnh Bắc Ninh"),
    ("no accents", "bao bac ninh", A, "Báo Bắc Ninh"),
    ("no accents", "dai phat thanh truyen hinh", A, "Đài Phát thanh và Truyền hình Bắc Ninh"),
    ("no accents", "hoi nong dan", A, "Hội Nông dân tỉnh Bắc Ninh"),
    ("no accents", "hoi phu nu", A, "Hội Liên hiệp Phụ nữ tỉnh Bắc Ninh"),
    ("no accents", "tinh doan", A, "Tỉnh đoàn Bắc Ninh"),
    ("no accents", "ban tuyen giao", A, "Ban Tuyên giáo Tỉnh ủy Bắc Ninh"),
    ("no accents", "thanh tra tinh", A, "Thanh tra tỉnh Bắc Ninh"),
    ("no accents", "bao hiem xa hoi", A, "Bảo hiểm xã hội tỉnh Bắc Ninh"),
    ("no accents", "so giao duc", A, "Sở Giáo dục và Đào tạo"),
    ("no accents", "van hoa the thao du lich", A, "Sở Văn hóa, Thể thao và Du lịch"),
    ("no accents", "lao dong thuong binh xa hoi", A, "Sở Lao động – Thương binh và Xã hội"),
    ("no accents", "quy dau tu phat trien", A, "Quỹ Đầu tư phát triển tỉnh Bắc Ninh"),
    ("no accents", "du tru quoc gia", A, "Cục Dự trữ quốc gia khu vực Hà Bắc"),
    ("no accents", "tu son", A, "UBND thành phố Từ Sơn"),
    ("no accents", "que vo", A, "UBND thị xã Quế Võ"),
    ("no accents", "luong tai", A, "UBND huyện Lương Tài"),
    ("former name", "so nong nghiep va phat trien nong thon", A, "Sở Nông nghiệp và Môi trường"),
    ("former name", "ubnd thi xa tu son", A, "UBND thành phố Từ Sơn"),
    ("former name", "huyen thuan thanh", A, "UBND thị xã Thuận Thành"),
    ("abbreviation", "SCT", A, "Sở Công Thương"),
    ("abbreviation", "so tt&tt", A, "Sở Thông tin và Truyền thông"),
    ("abbreviation", "TTTT", A, "Sở Thông tin và Truyền thông"),
    ("abbreviation", "lien minh htx", A, "Liên minh Hợp tác xã tỉnh Bắc Ninh"),
    ("abbreviation", "so kh&dt", A, "Sở Kế hoạch và Đầu tư"),
    ("abbreviation", "khdt", A, "Sở Kế hoạch và Đầu tư"),
    ("abbreviation", "so gd&dt", A, "Sở Giáo dục và Đào tạo"),
    ("abbreviation", "so tn&mt", A, "Sở Tài nguyên và Môi trường"),
    ("abbreviation", "ldld tinh", A, "Liên đoàn Lao động tỉnh Bắc Ninh"),
    ("abbreviation", "ub mttq tinh", A, "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bắc Ninh"),
    ("abbreviation", "ubnd tp bac ninh", A, "UBND thành phố Bắc Ninh"),
    ("abbreviation", "so ld-tb&xh", A, "Sở Lao động – Thương binh và Xã hội"),
    ("abbreviation", "bhxh tinh", A, "Bảo hiểm xã hội tỉnh Bắc Ninh"),
    ("abbreviation", "hoi ccb", A, "Hội Cựu chiến binh tỉnh Bắc Ninh"),
    ("abbreviation", "bql cac kcn", A, "Ban Quản lý các khu công nghiệp tỉnh Bắc Ninh"),
    ("abbreviation", "so gtvt", A, "Sở Giao thông vận tải"),
    ("typo", "so cong thuogn", A, "Sở Công Thương"),
    ("typo", "so tai chinhh", A, "Sở Tài chính"),
    ("typo", "so xay dugn", A, "Sở Xây dựng"),
    ("typo", "kho bac nha nuco", A, "Kho bạc Nhà nước Bắc Ninh"),
    ("typo", "hoi nong dna", A, "Hội Nông dân tỉnh Bắc Ninh"),
    ("typo", "ubnd huyen tien duu", A, "UBND huyện Tiên Du"),
    ("typo", "so giao duc va dao tai", A, "Sở Giáo dục và Đào tạo"),
    ("typo", "tran van duk", P, "Trần Văn Đức"),
    ("typo", "nguyen thi houng", P, "Nguyễn Thị Hương"),
    ("name + province", "so cong thuong bac ninh", A, "Sở Công Thương"),
    ("name + province", "bac ninh so tai chinh", A, "Sở Tài chính"),
    ("name + province", "sct bac ninh", A, "Sở Công Thương"),
    ("name + province", "so y te tinh bac ninh", A, "Sở Y tế"),
    ("name + province", "so cong thuong bac nihn", A, "Sở Công Thương"),
    ("name + province", "thanh tra bac ninh", A, "Thanh tra tỉnh Bắc Ninh"),
    ("award + year", "co thi dua chinh phu 2019", W, GOV_FLAG),
    ("award + year", "co thi dua cua chinh phu", W, GOV_FLAG),
    ("award + year", "bang khen thu tuong 2020", W, PM_CERT),
    ("award + year", "bang khen tinh 2018", W, "Bằng khen của Chủ tịch UBND tỉnh"),
    ("award + year", "co thi dua tinh 2021", W, "Cờ thi đua của UBND tỉnh"),
    ("award + year", "chien si thi dua co so 2022", W, "Chiến sĩ thi đua cơ sở"),
    ("award + year", "nam 2019", W, "2019"),
    ("award + year", "2023", W, "2023"),
    ("award + year", "cstd cap tinh", W, "Chiến sĩ thi đua cấp tỉnh"),
    ("award + year", "bang khen thu tuong so cong thuong", W, PM_CERT),
    (
        "bloc",
        "khoi kinh te ky thuat",
        B,
        "Khối thi đua các sở, ban, ngành tham mưu và quản lý Nhà nước về kinh tế, kỹ thuật",
    ),
    (
        "bloc",
        "khoi van hoa xa hoi",
        B,
        "Khối thi đua các sở, ban, ngành tham mưu và quản lý Nhà nước về văn hóa – xã hội",
    ),
    ("bloc", "cum thi dua huyen thi xa", B, "Cụm thi đua các huyện, thị xã, thành phố"),
    (
        "bloc",
        "khoi dang doan the",
        B,
        "Khối thi đua các cơ quan Đảng, Mặt trận Tổ quốc và các đoàn thể tỉnh",
    ),
    ("bloc", "cum huyen", B, "Cụm thi đua các huyện, thị xã, thành phố"),
    ("person", "nguyen thi huong", P, "Nguyễn Thị Hương"),
    ("person", "le minh tuan", P, "Lê Minh Tuấn"),
    ("person", "pham thu trang", P, "Phạm Thu Trang"),
    ("person", "do quang huy", P, "Đỗ Quang Huy"),
    ("person", "vu thi lan", P, "Vũ Thị Lan"),
    ("person", "Trần Văn Đức", P, "Trần Văn Đức"),
    ("accents", "Sở Công thương Bắc Ninh", A, "Sở Công Thương"),
    ("accents", "Liên đoàn Lao động", A, "Liên đoàn Lao động tỉnh Bắc Ninh"),
]

AFTER_TUNING = [
    ("no accents", "so khoa hoc cong nghe", A, "Sở Khoa học và Công nghệ"),
    ("no accents", "ban to chuc tinh uy", A, "Ban Tổ chức Tỉnh ủy Bắc Ninh"),
    ("no accents", "ban quan ly do thi", A, "Ban Quản lý khu vực phát triển đô thị Bắc Ninh"),
    ("no accents", "yen phong", A, "UBND huyện Yên Phong"),
    ("no accents", "gia binh", A, "UBND huyện Gia Bình"),
    ("abbreviation", "so kh&cn", A, "Sở Khoa học và Công nghệ"),
    ("abbreviation", "so vh-tt&dl", A, "Sở Văn hóa, Thể thao và Du lịch"),
    ("abbreviation", "hoi lhpn", A, "Hội Liên hiệp Phụ nữ tỉnh Bắc Ninh"),
    ("abbreviation", "so nn&ptnt", A, "Sở Nông nghiệp và Môi trường"),
    ("abbreviation", "ubnd huyen gia binh", A, "UBND huyện Gia Bình"),
    ("typo", "so tu phapp", A, "Sở Tư pháp"),
    ("typo", "thanh tra tinnh", A, "Thanh tra tỉnh Bắc Ninh"),
    ("typo", "le mihn tuan", P, "Lê Minh Tuấn"),
    (
        "typo",
        "khoi van hoa xa hio",
        B,
        "Khối thi đua các sở, ban, ngành tham mưu và quản lý Nhà nước về văn hóa – xã hội",
    ),
    ("typo", "bao hiem xa hoj", A, "Bảo hiểm xã hội tỉnh Bắc Ninh"),
    ("name + province", "cuc thue bac ninh", A, "Cục Thuế tỉnh Bắc Ninh"),
    ("name + province", "so tai chinh tinh bac ninh", A, "Sở Tài chính"),
    ("name + province", "bac ninh hoi nong dan", A, "Hội Nông dân tỉnh Bắc Ninh"),
    ("award + year", "huan chuong lao dong hang ba", W, "Huân chương Lao động hạng Ba"),
    ("award + year", "tap the lao dong xuat sac 2019", W, "Tập thể lao động xuất sắc"),
    ("award + year", "co thi dua cua ubnd tinh nam 2020", W, "Cờ thi đua của UBND tỉnh"),
    ("award + year", "bang khen thu tuong chinh phu 2017", W, PM_CERT),
    (
        "bloc",
        "khoi cac co quan dang",
        B,
        "Khối thi đua các cơ quan Đảng, Mặt trận Tổ quốc và các đoàn thể tỉnh",
    ),
    ("person", "quang huy", P, "Đỗ Quang Huy"),
    ("person", "thi lan", P, "Vũ Thị Lan"),
]


def measure() -> None:
    """In a child process whose DATABASE_URL names a fresh database: fill it, run, print JSON."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)

    from public.search import site_search

    rows = []
    for batch, queries in (("before", BEFORE_TUNING), ("after", AFTER_TUNING)):
        for cls, query, kind, name in queries:
            first = site_search(query).first
            rows.append([batch, cls, query, kind, name, list(first) if first else None])
    print(json.dumps(rows, ensure_ascii=False))


def run_child(database_url: str) -> list:
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "true"}
    done = subprocess.run(
        [sys.executable, __file__, "--child"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        sys.exit(f"measuring on {database_url} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def fresh_postgres(server: str) -> str:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        conn.execute(f"CREATE DATABASE {PG_DATABASE}")
    return f"{server}/{PG_DATABASE}"


def drop_postgres(server: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")


def report(label: str, rows: list) -> dict[str, list]:
    firsts = {}
    print(f"\n== {label}")
    for batch in ("before", "after"):
        part = [r for r in rows if r[0] == batch]
        if not part:
            continue
        by_class = defaultdict(lambda: [0, 0])
        misses = []
        for _batch, cls, query, kind, name, first in part:
            hit = first == [kind, name]
            by_class[cls][0] += hit
            by_class[cls][1] += 1
            if not hit:
                misses.append(f"   miss: {query!r}: expected {kind} {name!r}, got {first}")
        hits = sum(h for h, _n in by_class.values())
        title = "written before tuning" if batch == "before" else "written after tuning"
        print(f"{title}: {hits}/{len(part)} first-result hits = {100 * hits / len(part):.1f} %")
        print("   " + ", ".join(f"{c} {h}/{n}" for c, (h, n) in by_class.items()))
        print("\n".join(misses))
    total = sum(r[5] == [r[3], r[4]] for r in rows)
    print(f"all: {total}/{len(rows)} = {100 * total / len(rows):.1f} %")
    for r in rows:
        firsts[r[2]] = r[5]
    return firsts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432",
        help="PostgreSQL server URL without a database name",
    )
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    args = parser.parse_args()
    if args.child:
        measure()
        return
    print(f"{len(BEFORE_TUNING) + len(AFTER_TUNING)} queries on the demo data (load_demo)")
    results = {}
    if args.only != "postgresql":
        with tempfile.TemporaryDirectory() as tmp:
            results["SQLite"] = report("SQLite", run_child(f"sqlite:///{tmp}/search.sqlite3"))
    if args.only != "sqlite":
        try:
            rows = run_child(fresh_postgres(args.postgres))
        finally:
            drop_postgres(args.postgres)
        results["PostgreSQL"] = report("PostgreSQL", rows)
    if len(results) == 2:
        sqlite, pg = results.values()
        differ = [q for q in sqlite if sqlite[q] != pg.get(q)]
        print(f"\nsame first result on both databases: {len(sqlite) - len(differ)}/{len(sqlite)}")
        for q in differ:
            print(f"   differs: {q!r}: SQLite {sqlite[q]}, PostgreSQL {pg.get(q)}")


if __name__ == "__main__":
    main()
