"""Articles per second: parsing alone (one core), and a full import into the configured database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/importer_bench \
        .venv/bin/python benchmarks/importer.py

The full import runs inside a test database created and destroyed here, so the
benchmark never touches real data.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
CORPUS = ROOT.parent / "shared" / "corpus"


def articles() -> list[str]:
    files = sorted(CORPUS.glob("*/*.txt"))
    if not files:
        sys.exit(f"no articles under {CORPUS}")
    return [f.read_text(encoding="utf-8") for f in files]


def bench_parse(texts: list[str], rounds: int = 20) -> float:
    from awards.importer.extracting import extract

    start = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            extract(text)
    return rounds * len(texts) / (time.perf_counter() - start)


def bench_import(texts: list[str], rounds: int = 5) -> float:
    from django.db import connection
    from django.test.utils import setup_test_environment

    from awards.importer import import_article_text

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        done = 0
        start = time.perf_counter()
        for r in range(rounds):
            for text in texts:
                # a distinct text per round, so each import really writes
                import_article_text(f"{text}\n\nBản {r}")
                done += 1
        return done / (time.perf_counter() - start)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def main() -> None:
    import django

    django.setup()
    from django.db import connection

    texts = articles()
    print(f"{len(texts)} articles")
    print(f"parse only: {bench_parse(texts):.0f} articles/s (one core)")
    print(f"full import ({connection.vendor}): {bench_import(texts):.1f} articles/s")


if __name__ == "__main__":
    main()
