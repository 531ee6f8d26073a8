"""Export of a million visits against ``sqlite3 -csv`` dumping the same two tables, in the same run.

The floor is SQLite's own shell reading visits and tutorial_runs and writing them as CSV. The
export reads the same rows (it writes none of them: it counts them per day, docs/privacy.md),
then writes the day file, the report and its CSV, the manifest and its signature, with fsync
and a read-back. Goal: median time ratio <= 2. The export runs in a child process, which
reports its own peak memory (VmHWM from /proc: getrusage's maxrss would count the parent's
pages copied at fork); goal <= 150 MB. Not a test: it prints, and asserts no timing; it
fails only if the export does not hand over every visit it was given.

``--quick`` (run by ``make test``) exports a thousand visits once.

    .venv/bin/python tests/benchmarks/export.py [--visits 1000000] [--runs 3] [--quick]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kiosk.content.installed import packs_dir  # noqa: E402
from kiosk.content.loader import load_catalogue  # noqa: E402
from kiosk.export.job import ExportJob, ExportSource  # noqa: E402
from kiosk.stats.db import open_database  # noqa: E402
from kiosk.stats.demo import demo_data, tutorials_of  # noqa: E402

TABLES = ("visits", "tutorial_runs")


def child_export(database: Path, target: Path) -> None:
    """In the child: one export, its own time printed on the last line."""
    catalogue = load_catalogue(packs_dir(), ("vi",))
    source = ExportSource(
        point_name="Nhà văn hóa thôn Bản Lang",
        kiosk_id="5f0c3a9e2b7d4c1aa8e6f3d2c1b0a987",
        tutorial_titles={t.id: t.text("vi").title for t in catalogue.tutorials},
    )
    started = time.perf_counter()
    # Made tomorrow, so every demo visit (they run up to now) is in a day that is over.
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    job = ExportJob(target, source, database_path=database, offset=timedelta(hours=7), clock=lambda: tomorrow)
    result = job.run()
    elapsed = time.perf_counter() - started
    print(f"{elapsed:.6f} {result.bytes_written} {peak_memory()} {result.visits}")


def peak_memory() -> int:
    """This process's peak resident memory in bytes (VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def run_export(database: Path, target: Path, visits: int) -> tuple[float, float, int, int]:
    """(seconds inside the export, wall seconds of the child, peak memory in bytes, bytes written).

    ``visits`` is how many the database holds: the export must report every one.
    """
    started = time.perf_counter()
    child = subprocess.run(
        [sys.executable, __file__, "--child", str(database), str(target)],
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    if child.returncode != 0:
        raise SystemExit(f"export child failed ({child.returncode})")
    inside, written, peak, exported = child.stdout.split()[-4:]
    if int(exported) != visits or int(written) <= 0:
        raise SystemExit(f"export benchmark broken: {exported} of {visits} visits, {written} bytes written")
    return float(inside), wall, int(peak), int(written)


def run_sqlite(database: Path, out: Path) -> float:
    started = time.perf_counter()
    for table in TABLES:
        with (out / f"{table}.csv").open("wb") as stream:
            subprocess.run(
                ["sqlite3", "-readonly", "-csv", "-header", str(database), f"SELECT * FROM {table}"],
                stdout=stream,
                check=True,
            )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="a check that it still runs: 1000 visits, once")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.visits, args.runs = 1000, 1
    if args.child:
        child_export(*args.child)
        return
    if shutil.which("sqlite3") is None:
        raise SystemExit("sqlite3 is not installed (apt-get install sqlite3)")
    with tempfile.TemporaryDirectory(prefix="kiosk-export-bench-") as folder:
        base = Path(folder)
        database_path = base / "statistics.sqlite3"
        catalogue = load_catalogue(packs_dir())
        database = open_database(database_path)
        started = time.perf_counter()
        demo_data(
            database, args.visits, tutorials=tutorials_of(catalogue), languages=catalogue.languages, seed=1
        )
        demo_s = time.perf_counter() - started
        database.close()
        size_mb = database_path.stat().st_size / 1e6
        print(f"demo data: {args.visits:,} visits in {demo_s:.1f} s (database {size_mb:.0f} MB)")
        inside_times, wall_times, floor_times, peaks = [], [], [], []
        written = 0
        for run in range(args.runs):
            target = base / f"stick-{run}"
            target.mkdir()
            inside, wall, peak, written = run_export(database_path, target, args.visits)
            floor_out = base / f"floor-{run}"
            floor_out.mkdir()
            floor = run_sqlite(database_path, floor_out)
            inside_times.append(inside)
            wall_times.append(wall)
            floor_times.append(floor)
            peaks.append(peak)
            print(
                f"run {run + 1}: export {inside:.2f} s (child wall {wall:.2f} s), sqlite3 -csv {floor:.2f} s"
            )
            shutil.rmtree(target)
            shutil.rmtree(floor_out)
        export_s = statistics.median(inside_times)
        floor_s = statistics.median(floor_times)
        what = "day file, report, report CSV, manifest, signature; fsync; read back"
        print(f"export writes {written / 1e6:.0f} MB ({what})")
        print(f"median export {export_s:.2f} s, sqlite3 -csv {floor_s:.2f} s")
        print(f"ratio export / sqlite3 -csv: {export_s / floor_s:.2f}x (goal <= 2x); with start-up "
              f"{statistics.median(wall_times) / floor_s:.2f}x")  # fmt: skip
        print(f"export peak memory (max RSS): {max(peaks) / 1e6:.0f} MB (goal <= 150 MB)")


if __name__ == "__main__":
    main()
