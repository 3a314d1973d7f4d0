"""`make backup` then `make restore` into a fresh database gives back every table's rows."""

import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from tests.factories import NominationFactory

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="backups are PostgreSQL's"),
    pytest.mark.skipif(not shutil.which("pg_dump"), reason="needs postgresql-client"),
]


def url(name: str) -> str:
    s = connection.settings_dict
    user = s["USER"] or "postgres"
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgresql://{user}{password}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{name}"


def every_row(name: str) -> dict[str, list[tuple]]:
    with psycopg.connect(url(name)) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
            )
        ]
        return {
            table: sorted(
                conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=lambda row: repr(row)
            )
            for table in tables
        }


@pytest.fixture
def fresh_database():
    name = connection.settings_dict["NAME"] + "_restored"
    with psycopg.connect(url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def make(*args):
    done = subprocess.run(["make", "-s", *args], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_backup_and_restore_round_trip(transactional_db, fresh_database, tmp_path):
    NominationFactory.create_batch(3, notes="Ghi chú có dấu: Đồng Tháp")
    source = connection.settings_dict["NAME"]
    dump = tmp_path / "register.dump"

    make("backup", f"DATABASE_URL={url(source)}", f"BACKUP_FILE={dump}")
    make("restore", f"DATABASE_URL={url(fresh_database)}", f"FILE={dump}")

    original, restored = every_row(source), every_row(fresh_database)
    assert original.keys() == restored.keys()
    assert len(original["awards_nomination"]) == 3
    for table, rows in original.items():
        assert restored[table] == rows, table
