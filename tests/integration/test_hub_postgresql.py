"""The hub on a real PostgreSQL server: a throw-away cluster per test session (initdb + pg_ctl,
Unix socket only, run as an unprivileged user), the same exports as on SQLite, and two offices'
processes importing into one database at once."""

from __future__ import annotations

import multiprocessing
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from kiosk.hub.db import open_hub
from kiosk.hub.models import DayCount, ImportedExport, KioskDay
from tests.helpers.export_forgery import add_fake_visits
from tests.unit.kiosk.hub.kiosks import (
    DemoKiosk,
    day_file,
    export,
    hub,
    import_in_child,
    last_month,
    make_kiosk,
)

PG_BIN = Path(os.environ.get("KIOSK_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))
INSTALL = "apt-get install -y postgresql"


def _as_user() -> dict[str, Any]:
    """initdb and the server refuse to run as root: as root, run them as ``nobody``."""
    if os.getuid() != 0:
        return {}
    return {"user": "nobody", "group": "nogroup"}


@pytest.fixture(scope="session")
def cluster() -> Iterator[Path]:
    """A PostgreSQL cluster listening only on a socket in a fresh folder under /tmp."""
    if not (PG_BIN / "initdb").is_file() or not (PG_BIN / "pg_ctl").is_file():
        pytest.fail(f"PostgreSQL is not installed ({PG_BIN}/initdb missing): {INSTALL}")
    folder = Path(tempfile.mkdtemp(prefix="kiosk-hub-pg-", dir="/tmp"))
    if os.getuid() == 0:
        nobody = pwd.getpwnam("nobody")
        os.chown(folder, nobody.pw_uid, nobody.pw_gid)
    data = folder / "data"
    run = _as_user()
    subprocess.run(
        [
            str(PG_BIN / "initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ],
        check=True,
        capture_output=True,
        **run,
    )
    options = f"-k {folder} -c listen_addresses='' -c fsync=off -c max_connections=40"
    subprocess.run(
        [
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(folder / "server.log"),
            "-w",
            "start",
        ],
        check=True,
        capture_output=True,
        **run,
    )
    try:
        yield folder
    finally:
        subprocess.run(
            [str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
            check=False,
            capture_output=True,
            **run,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def database(cluster: Path) -> str:
    """A new, empty database on the cluster; its SQLAlchemy address."""
    name = f"hub_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(
        host=str(cluster), user="postgres", dbname="postgres", autocommit=True
    ) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://postgres@/{name}?host={cluster}"


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[DemoKiosk], list[Path]]:
    base = tmp_path_factory.mktemp("hub-pg-kiosks")
    kiosks = [
        make_kiosk(base, "Bưu điện xã", "Mường Khương", "Lào Cai", 200),
        make_kiosk(base, "Nhà văn hoá bản Lầu", "Mường Khương", "Lào Cai", 90),
        make_kiosk(base, "UBND xã Si Ma Cai", "Si Ma Cai", "Lào Cai", 140),
    ]
    stick = base / "stick"
    return kiosks, [export(kiosk, stick) for kiosk in kiosks]


def _stored(url: str) -> tuple[int, int, int]:
    hub_db = open_hub(url)
    try:
        with hub_db.read() as connection:
            days = connection.execute(select(func.count()).select_from(KioskDay)).scalar_one()
            imports = connection.execute(select(func.count()).select_from(ImportedExport)).scalar_one()
            visits = connection.execute(
                select(func.coalesce(func.sum(DayCount.count), 0)).where(DayCount.attribute == "visits")
            ).scalar_one()
            return int(days), int(imports), int(visits)
    finally:
        hub_db.close()


def _workbook_values(folder: Path, month: str) -> dict[str, list[tuple[object, ...]]]:
    book = load_workbook(folder / f"hub-report-{month}.xlsx")
    return {sheet.title: list(sheet.iter_rows(min_row=2, values_only=True)) for sheet in book.worksheets}


def test_postgresql_stores_and_reports_what_sqlite_does(
    exports: tuple[list[DemoKiosk], list[Path]], database: str, tmp_path: Path
) -> None:
    _kiosks, folders = exports
    status, text = hub("import", *map(str, folders), "--db", database)
    assert status == 0, text
    assert text.splitlines()[-1].startswith(
        "3 of 3 export folders imported into postgresql+psycopg://postgres@/hub_"
    )
    expected_days = sum(len(day_file(folder)["days"]) for folder in folders)
    expected_visits = sum(day["visits"] for folder in folders for day in day_file(folder)["days"])
    assert _stored(database) == (expected_days, 3, expected_visits)
    # Again: the same exports change nothing.
    status, text = hub("import", *map(str, folders), "--db", database)
    assert status == 0 and text.count("imported before") == 3
    assert _stored(database) == (expected_days, 3, expected_visits)

    sqlite = tmp_path / "sqlite"
    assert hub("import", *map(str, folders), "--db", str(sqlite))[0] == 0
    month = last_month()
    for name, db in (("pg", database), ("sqlite", str(sqlite))):
        status, text = hub("report", "--month", month, "--out", str(tmp_path / name), "--db", db, "--demo")
        assert status == 0, text
    assert _workbook_values(tmp_path / "pg", month) == _workbook_values(tmp_path / "sqlite", month)


def test_a_refused_folder_stores_nothing_on_postgresql(
    exports: tuple[list[DemoKiosk], list[Path]], database: str, tmp_path: Path
) -> None:
    _kiosks, folders = exports
    tampered = tmp_path / "tampered"
    shutil.copytree(folders[0], tampered)
    add_fake_visits(tampered)
    status, text = hub("import", str(tampered), str(folders[1]), "--db", database)
    assert status == 1
    assert f"{tampered}: refused: " in text and "Nothing of it was stored." in text
    visits = sum(day["visits"] for day in day_file(folders[1])["days"])
    assert _stored(database) == (len(day_file(folders[1])["days"]), 1, visits)


def test_two_offices_import_into_one_database_at_once(
    exports: tuple[list[DemoKiosk], list[Path]], database: str
) -> None:
    _kiosks, folders = exports
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    results = context.Queue()
    # Both offices got every stick (in another order) and import into a database nobody opened yet.
    orders = [[*map(str, folders), "--db", database], [*map(str, reversed(folders)), "--db", database]]
    processes = [context.Process(target=import_in_child, args=(argv, start, results)) for argv in orders]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    for status, text in outcomes:
        assert status == 0, text
    # Every folder was stored by one of them; the other found it imported before.
    assert sum(text.count(": imported (") for _status, text in outcomes) == 3
    assert sum(text.count("imported before") for _status, text in outcomes) == 3
    expected_days = sum(len(day_file(folder)["days"]) for folder in folders)
    expected_visits = sum(day["visits"] for folder in folders for day in day_file(folder)["days"])
    assert _stored(database) == (expected_days, 3, expected_visits)
