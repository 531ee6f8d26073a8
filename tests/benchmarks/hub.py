"""The district office's hub: importing a province's exports, against a floor of the same rows.

N points' exports of D days each (signed day files in the kiosk's format, made with the kiosk's
own manifest and key code) are imported with ``kiosk hub import``'s code into a new SQLite
database, and into PostgreSQL when its binaries are here (a throw-away cluster, as the tests
make one). The floor, in the same run, writes the same rows into the same tables, one
transaction per point as the import does: SQLite ``executemany`` / PostgreSQL ``COPY``. The
import also checks every file's hash and signature, parses and checks the JSON and compares
each day with what is stored. Goal: import time <= 3x the floor; a month report (workbook,
CSVs, PDF) of the whole province in <= 2 s. Each import runs in a child process that reports
its own peak memory (VmHWM). Not a test: it prints, asserts no timing, and fails only if a
count is lost (the stored visits must equal the day files').

``--quick`` (run by ``make test``) imports 5 points x 30 days.

    .venv/bin/python tests/benchmarks/hub.py [--points 500] [--days 365] [--quick]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pwd
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kiosk.content.signing import SecretKey  # noqa: E402
from kiosk.export.kiosk_key import KioskKey  # noqa: E402
from kiosk.export.manifest import MANIFEST, SIGNATURE, FileEntry, dump_manifest  # noqa: E402

PG_BIN = Path(os.environ.get("KIOSK_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))
TUTORIALS = [f"lesson-{n:02d}" for n in range(14)]
LANGUAGES = ("vi", "hmn", "tay", "dao", "en")
OUTCOMES = ("done-a", "done-b", "no-chip-card", "no-signal")


def make_exports(root: Path, points: int, days: int, seed: int = 1) -> int:
    """``points`` signed export folders of ``days`` days ending yesterday; returns the visits in them."""
    rng = random.Random(seed)
    last = date.today() - timedelta(days=1)
    first = last - timedelta(days=days - 1)
    total = 0
    for point in range(points):
        key = KioskKey(SecretKey.generate(), made="2026-01-01T00:00Z")
        kiosk_id = hashlib.sha256(f"kiosk {seed} {point}".encode()).hexdigest()[:32]
        entries = []
        for offset in range(days):
            day = first + timedelta(days=offset)
            visits = rng.randint(0, 40)
            if not visits:
                continue
            total += visits
            guided = rng.randint(0, visits)
            languages: dict[str, int] = {}
            for _ in range(visits):
                language = rng.choices(LANGUAGES, weights=(80, 8, 6, 4, 2))[0]
                languages[language] = languages.get(language, 0) + 1
            tutorials = {}
            for tutorial in rng.sample(TUTORIALS, rng.randint(1, 6)):
                runs = rng.randint(1, 8)
                done = rng.randint(0, runs)
                tutorials[tutorial] = {
                    "visits": runs,
                    "runs": runs,
                    "completions": done,
                    "handouts": rng.randint(0, done),
                    "qr_shown": rng.randint(0, runs),
                }
            outcomes: dict[str, dict[str, dict[str, int]]] = {}
            for tutorial in list(tutorials)[:2]:
                kind = rng.choice(("achieved", "achieved-helped", "not-finished"))
                outcomes[tutorial] = {kind: {rng.choice(OUTCOMES): rng.randint(1, 3)}}
            entries.append(
                {
                    "date": day.isoformat(),
                    "demo": False,
                    "visits": visits,
                    "visits_by_language": languages,
                    "visits_by_mode": {"guided": guided, "self": visits - guided},
                    "large_text_visits": rng.randint(0, visits),
                    "high_contrast_visits": rng.randint(0, visits // 3),
                    "feedback": {"happy": rng.randint(0, visits), "neutral": 0, "unhappy": rng.randint(0, 2)},
                    "tutorials": tutorials,
                    "guided_outcomes": outcomes,
                }
            )
        document = {
            "format": "kiosk-day-counts/1",
            "note": "benchmark",
            "first_day": first.isoformat(),
            "last_day": last.isoformat(),
            "days": entries,
            "profile_months": [],
        }
        raw = (json.dumps(document, sort_keys=True, indent=1) + "\n").encode("ascii")
        folder = root / f"export-{point:04d}-{kiosk_id[:8]}"
        folder.mkdir(parents=True)
        (folder / "day_counts.json").write_bytes(raw)
        fields = {
            "kiosk_id": kiosk_id,
            "point_name": f"Điểm {point + 1}",
            "commune": f"Xã {point // 5 + 1}",
            "province": "Lào Cai",
            "software_version": "0.1.0",
            "schema_version": "0003",
            "created": f"{date.today().isoformat()}T00:00Z",
            "utc_offset": "+07:00",
            "date_range": {"since": None, "first_day": first.isoformat(), "last_day": last.isoformat()},
            "demo_visits": 0,
        }
        entry = FileEntry("day_counts.json", len(raw), hashlib.sha256(raw).hexdigest())
        manifest = dump_manifest(fields, [entry], kiosk_key=key.manifest_field())
        (folder / SIGNATURE).write_bytes(key.sign_manifest(manifest, kiosk_id))
        (folder / MANIFEST).write_bytes(manifest)
    return total


def peak_memory() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def child_import(url: str, root: Path) -> None:
    """In a child: every folder under ``root`` imported as ``kiosk hub import`` does; prints its figures."""
    from kiosk.hub.db import open_hub
    from kiosk.hub.reading import read_export
    from kiosk.hub.store import import_export

    database = open_hub(url)
    started = time.perf_counter()
    rows = 0
    for folder in sorted(root.iterdir()):
        rows += import_export(database, read_export(folder)).rows
    elapsed = time.perf_counter() - started
    database.close()
    print(f"{elapsed:.6f} {rows} {peak_memory()}")


def child_floor(url: str, root: Path) -> None:
    """In a child: the same rows into the same tables, one transaction per point, nothing checked."""
    from kiosk.hub.db import open_hub
    from kiosk.hub.reading import read_export
    from kiosk.hub.store import _bulk

    database = open_hub(url)
    postgresql = database.is_postgresql
    # The rows are made before the clock starts: the floor is the writing alone.
    batches = []
    for folder in sorted(root.iterdir()):
        data = read_export(folder)
        counts = [
            (data.kiosk_id, day if postgresql else day.isoformat(), demo, attribute, code, count)
            for (day, demo), cells in data.days.items()
            for (attribute, code), count in cells.counts.items()
        ]
        outcomes = [
            (data.kiosk_id, day if postgresql else day.isoformat(), demo, tutorial, kind, code, count)
            for (day, demo), cells in data.days.items()
            for (tutorial, kind, code), count in cells.outcomes.items()
        ]
        batches.append((counts, outcomes))
    started = time.perf_counter()
    rows = 0
    for counts, outcomes in batches:
        with database.write() as connection:
            _bulk(connection, "day_counts", ("kiosk_id", "day", "demo", "attribute", "code", "count"), counts)
            _bulk(
                connection,
                "outcome_counts",
                ("kiosk_id", "day", "demo", "tutorial_id", "kind", "code", "count"),
                outcomes,
            )
        rows += len(counts) + len(outcomes)
    elapsed = time.perf_counter() - started
    database.close()
    print(f"{elapsed:.6f} {rows} {peak_memory()}")


def child(mode: str, url: str, root: Path) -> tuple[float, int, int]:
    result = subprocess.run(
        [sys.executable, __file__, f"--{mode}", url, str(root)],
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"{mode} child failed ({result.returncode})")
    seconds, rows, peak = result.stdout.split()[-3:]
    return float(seconds), int(rows), int(peak)


def stored_visits(url: str) -> int:
    from sqlalchemy import func, select

    from kiosk.hub.db import open_hub
    from kiosk.hub.models import DayCount

    database = open_hub(url)
    try:
        with database.read() as connection:
            total = connection.execute(
                select(func.coalesce(func.sum(DayCount.count), 0)).where(DayCount.attribute == "visits")
            ).scalar_one()
            return int(total)
    finally:
        database.close()


def report_seconds(url: str, out: Path) -> float:
    from datetime import UTC, datetime

    from kiosk.hub.figures import gather
    from kiosk.hub.report import Titles, write_report

    yesterday = date.today() - timedelta(days=1)
    month = f"{yesterday.year:04d}-{yesterday.month:02d}"
    from kiosk.hub.db import open_hub

    database = open_hub(url)
    try:
        started = time.perf_counter()
        with database.read() as connection:
            figures = gather(connection, month)
        write_report(figures, Titles({}, {}, {}), out, made=datetime.now(UTC).date())
        return time.perf_counter() - started
    finally:
        database.close()


class Cluster:
    """A throw-away PostgreSQL cluster on a Unix socket (as ``nobody`` when run as root)."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="kiosk-hub-bench-pg-", dir="/tmp"))
        self.run: dict[str, Any] = {}
        if os.getuid() == 0:
            nobody = pwd.getpwnam("nobody")
            os.chown(self.folder, nobody.pw_uid, nobody.pw_gid)
            self.run = {"user": "nobody", "group": "nogroup"}
        data = str(self.folder / "data")
        subprocess.run(
            [str(PG_BIN / "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"],
            check=True,
            capture_output=True,
            **self.run,
        )
        options = f"-k {self.folder} -c listen_addresses=''"
        subprocess.run(
            [
                str(PG_BIN / "pg_ctl"),
                "-D",
                data,
                "-o",
                options,
                "-l",
                str(self.folder / "log"),
                "-w",
                "start",
            ],
            check=True,
            capture_output=True,
            **self.run,
        )

    def database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(
            host=str(self.folder), user="postgres", dbname="postgres", autocommit=True
        ) as db:
            db.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://postgres@/{name}?host={self.folder}"

    def stop(self) -> None:
        subprocess.run(
            [str(PG_BIN / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop"],
            check=False,
            capture_output=True,
            **self.run,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def measure(name: str, url: str, floor_url: str, root: Path, visits: int, work: Path) -> None:
    seconds, rows, peak = child("child-import", url, root)
    floor, floor_rows, floor_peak = child("child-floor", floor_url, root)
    if stored_visits(url) != visits:
        raise SystemExit(f"{name}: {stored_visits(url)} visits stored, the day files hold {visits}")
    if rows != floor_rows:
        raise SystemExit(f"{name}: the import wrote {rows} rows, the floor {floor_rows}")
    report = report_seconds(url, work / f"report-{name}")
    print(
        f"{name:11} import {seconds:8.2f} s  {rows / seconds:10.0f} rows/s  peak {peak / 2**20:6.0f} MB | "
        f"floor {floor:7.2f} s ({floor_peak / 2**20:4.0f} MB) | ratio {seconds / floor:5.2f} (goal <= 3) | "
        f"month report {report:5.2f} s (goal <= 2)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=500)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--quick", action="store_true", help="a check that it still runs: 5 points x 30 days")
    parser.add_argument("--child-import", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--child-floor", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_import:
        child_import(args.child_import[0], Path(args.child_import[1]))
        return
    if args.child_floor:
        child_floor(args.child_floor[0], Path(args.child_floor[1]))
        return
    points, days = (5, 30) if args.quick else (args.points, args.days)
    work = Path(tempfile.mkdtemp(prefix="kiosk-hub-bench-"))
    try:
        started = time.perf_counter()
        root = work / "exports"
        visits = make_exports(root, points, days)
        print(
            f"{points} points x {days} days: {visits} visits, "
            f"exports made in {time.perf_counter() - started:.1f} s"
        )
        measure(
            "SQLite",
            f"sqlite:///{work / 'hub.sqlite3'}",
            f"sqlite:///{work / 'floor.sqlite3'}",
            root,
            visits,
            work,
        )
        if (PG_BIN / "initdb").is_file():
            cluster = Cluster()
            try:
                measure("PostgreSQL", cluster.database("hub"), cluster.database("floor"), root, visits, work)
            finally:
                cluster.stop()
        else:
            print(f"PostgreSQL: not measured ({PG_BIN}/initdb missing: apt-get install -y postgresql)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
