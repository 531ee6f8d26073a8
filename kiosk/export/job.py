"""ExportJob: the statistics, from the kiosk's database to a new folder on a USB stick.

What leaves is decided in ``docs/privacy.md``: whole local days that are over (up to
yesterday), from the first day of a month; no visit or run as a row; the report and its CSV
by the disclosure rule; exact counts only in the signed day file for the district office.

The order is the safety: read everything in one snapshot of the database (opened
read-only, so the local data cannot change); check the free space before writing
anything; write each file atomically; write ``manifest.json`` last, so a folder without
one is recognisably unfinished; then read every file back from the device and check it
against the manifest before telling the organiser the stick is safe to remove. A failure
part-way removes what was written. Runs on a worker thread; ``progress`` is called from it.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import kiosk.export.errors as errors
from kiosk import __version__
from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Catalogue
from kiosk.export.counts import DailyCounts
from kiosk.export.day_file import DAY_COUNTS, day_counts_json
from kiosk.export.errors import ExportError, ExportTrouble
from kiosk.export.figures import report_figures
from kiosk.export.files import ExportFolder, WrittenFile, check_target
from kiosk.export.guided import guided_figures, read_guided_counts
from kiosk.export.identity import kiosk_id, short
from kiosk.export.kiosk_key import load_or_create
from kiosk.export.manifest import MANIFEST, SIGNATURE, FileEntry, dump_manifest
from kiosk.export.practice import STEP_COLUMNS, STEP_DIFFICULTY, read_practice, step_difficulty_csv
from kiosk.export.published import REPORT_COLUMNS, REPORT_FIGURES, PublishedReport
from kiosk.export.report import ReportHeader, build_report
from kiosk.export.report_guided import guided_sections
from kiosk.export.tables import TUTORIAL_RUNS, VISITS, Bound, count_keys, day_ranges, id_ranges
from kiosk.export.verify import verify_export
from kiosk.stats import migrate
from kiosk.stats.db import Database, open_database
from kiosk.stats.failures import DatabaseUnavailableError
from kiosk.stats.periods import day_start, local_today, offset_label, stored_minute
from kiosk.system import paths
from kiosk.system import settings as settings_store

log = logging.getLogger(__name__)

REPORT = "report.pdf"
# Room for the report, its CSV, the manifest and each file's last, partly filled cluster on a FAT stick.
OVERHEAD_BYTES = 512 * 1024
# Upper estimate of the day file per day of data (tutorials, languages and outcomes of a day).
DAY_FILE_BYTES_PER_DAY = 8 * 1024
# Share of the progress bar for reading and writing; reading back and checking takes the rest.
WRITE_SHARE = 0.8


@dataclass(frozen=True)
class ExportProgress:
    """``stage`` is what is being done ("visits", …, "verify", "done"); ``fraction`` runs 0 to 1."""

    stage: str
    fraction: float


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    files: tuple[FileEntry, ...]
    visits: int
    tutorial_runs: int
    bytes_written: int
    # The whole local days the export holds (first_day is None when it holds no visit).
    first_day: date | None = None
    last_day: date | None = None
    # The fingerprint of the key that signed it (a kiosk whose key file cannot be read signs
    # with a key of this run only, so the caller must not load the key again to name it).
    key_fingerprint: str = ""


@dataclass(frozen=True)
class ExportSource:
    """What the export says about where it came from."""

    point_name: str
    kiosk_id: str
    tutorial_titles: Mapping[str, str]
    # The Vietnamese words of each (tutorial id, outcome id) and reason id, for the report's
    # guided sections (which print the id where a word is missing).
    outcome_titles: Mapping[tuple[str, str], str] = field(default_factory=dict)
    reason_titles: Mapping[str, str] = field(default_factory=dict)
    # Where the point is (settings), for the district office's reports (kiosk.hub).
    commune: str = ""
    province: str = ""

    @classmethod
    def for_this_kiosk(
        cls, tutorial_titles: Mapping[str, str] | None = None, *, catalogue: Catalogue | None = None
    ) -> ExportSource:
        """The point name from the settings, the kiosk id from the data dir, and the Vietnamese
        words of tutorials, outcomes and reasons: from ``catalogue`` if the caller has it, else
        read from the content packs (unless the caller gives only the tutorial titles)."""
        if catalogue is None and tutorial_titles is None:
            catalogue = load_catalogue(packs_dir(), ("vi",))
        outcome_titles: dict[tuple[str, str], str] = {}
        reason_titles: dict[str, str] = {}
        if catalogue is not None:
            tutorial_titles = {tutorial.id: tutorial.text("vi").title for tutorial in catalogue.tutorials}
            outcome_titles = {
                (tutorial.id, outcome): tutorial.outcome_text("vi", outcome)
                for tutorial in catalogue.tutorials
                for outcome in tutorial.outcomes
            }
            reason_titles = {reason.id: reason.title("vi") for reason in catalogue.reasons}
        assert tutorial_titles is not None
        settings = settings_store.load(paths.settings_file())
        return cls(
            point_name=settings.point_name,
            commune=settings.commune,
            province=settings.province,
            kiosk_id=kiosk_id(),
            tutorial_titles=tutorial_titles,
            outcome_titles=outcome_titles,
            reason_titles=reason_titles,
        )


@dataclass(frozen=True)
class _Snapshot:
    visits: int
    runs: int
    first: str | None
    last: str | None
    # The rowids a full export walks: (lowest, highest) of visits and of tutorial_runs.
    visit_ids: tuple[int | None, int | None] = (None, None)
    run_ids: tuple[int | None, int | None] = (None, None)


class ExportJob:
    def __init__(
        self,
        target: Path,
        source: ExportSource,
        *,
        database_path: Path,
        since: date | None = None,
        offset: timedelta = timedelta(0),
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        progress: Callable[[ExportProgress], None] | None = None,
    ) -> None:
        self.target = target
        self.source = source
        self.database_path = database_path
        # From the first day of a month (docs/privacy.md: export periods are whole months and days).
        self.since = since.replace(day=1) if since is not None else None
        self.offset = offset
        self._clock = clock
        self._progress = progress
        self._cancelled = threading.Event()
        self._needed = 0

    def cancel(self) -> None:
        """Stop at the next chunk; what was written is removed."""
        self._cancelled.set()

    def run(self, progress: Callable[[ExportProgress], None] | None = None) -> ExportResult:
        """Write, read back and check the export; ``progress``, when given, replaces the job's own."""
        if progress is not None:
            self._progress = progress
        # A missing target, a file or pipe, or a link or file as its product folder: said as such.
        check_target(self.target)
        # This kiosk's signing key, made now if the kiosk has none yet (kiosk.export.kiosk_key).
        self._key = load_or_create()
        try:
            database = open_database(self.database_path, read_only=True)
        except DatabaseUnavailableError as error:
            raise ExportError(
                ExportTrouble.NO_STATISTICS, f"The statistics cannot be read: {error}", target=self.target
            ) from error
        try:
            return self._run(database)
        finally:
            database.close()

    def _run(self, database: Database) -> ExportResult:
        made_at = self._clock().astimezone(UTC).replace(second=0, microsecond=0)
        today = local_today(self.offset, made_at)
        # Whole days that are over: a day is exported once, complete, so two exports never
        # differ by part of a day.
        last_day = today - timedelta(days=1)
        counts = DailyCounts(self.offset)
        parameters = {
            "start": stored_minute(day_start(self.since, self.offset)) if self.since else "",
            "end": stored_minute(day_start(today, self.offset)),
            "boundary": counts.boundary,
        }
        with database.connection() as connection:
            driver = connection.connection.driver_connection
            assert driver is not None
            # Every read below sees this one moment, whatever the kiosk records meanwhile.
            snapshot = self._snapshot(driver, parameters)
            self._check_space(snapshot)
            self._count(driver, parameters, snapshot, counts)
            rows = counts.rows()
            guided = read_guided_counts(driver, self.since, last_day)
            practice = read_practice(driver, self.since, last_day)
        first_day = self.since or min((row.day for row in rows), default=None)
        folder = self._make_folder(made_at)
        try:
            entries: list[FileEntry] = []
            self._stage(DAY_COUNTS, WRITE_SHARE * 0.9)
            day_file = day_counts_json(
                rows, guided, first_day=first_day, last_day=last_day, practice=practice
            )
            entries.append(_entry(folder.write(DAY_COUNTS, [day_file]), None, None))
            self._check_cancel()
            self._stage(REPORT, WRITE_SHARE * 0.95)
            figures = report_figures(rows, self.since, last_day)
            guided_shown = guided_figures(guided, demo=figures.demo)
            published = PublishedReport(figures, guided_shown)
            report_csv, report_rows = published.csv()
            entries.append(_entry(folder.write(REPORT_FIGURES, [report_csv]), REPORT_COLUMNS, report_rows))
            steps_csv, step_rows = step_difficulty_csv(practice, demo=figures.demo)
            entries.append(_entry(folder.write(STEP_DIFFICULTY, [steps_csv]), STEP_COLUMNS, step_rows))
            header = ReportHeader(
                self.source.point_name,
                self.source.kiosk_id,
                __version__,
                made_at,
                self.offset,
                key_fingerprint=self._key.fingerprint,
            )
            source = self.source
            sections = guided_sections(
                guided_shown,
                source.tutorial_titles,
                source.outcome_titles,
                source.reason_titles,
                published.text,
            )
            report = folder.write(
                REPORT, [build_report(figures, header, source.tutorial_titles, published.text, sections)]
            )
            entries.append(_entry(report, None, None))
            demo_visits = sum(row.visits for row in rows if row.demo and not row.tutorial_id)
            manifest = dump_manifest(
                self._fields(made_at, first_day, last_day, demo_visits),
                entries,
                kiosk_key=self._key.manifest_field(),
            )
            self._stage(MANIFEST, WRITE_SHARE)
            # The signature first: the manifest stays the last file, the mark of a finished export.
            folder.write(SIGNATURE, [self._key.sign_manifest(manifest, self.source.kiosk_id)])
            folder.write(MANIFEST, [manifest])
        except OSError as error:
            folder.discard()
            raise errors.from_os_error(error, self.target, self._needed) from error
        except BaseException:
            folder.discard()
            raise
        total = sum(entry.size for entry in entries) + len(manifest)
        self._verify(folder, total)
        log.info("exported %d visits and %d tutorial runs to %s", snapshot.visits, snapshot.runs, folder.path)
        return ExportResult(
            folder.path,
            tuple(entries),
            snapshot.visits,
            snapshot.runs,
            total,
            first_day,
            last_day,
            self._key.fingerprint,
        )

    def _snapshot(self, driver: Any, parameters: Mapping[str, object]) -> _Snapshot:
        """How many visits and runs fall in the export's whole days, and where to walk for them."""
        visits, first, last = driver.execute(
            "SELECT count(*), min(started_at), max(started_at) FROM visits"
            " WHERE started_at >= :start AND started_at < :end",
            parameters,
        ).fetchone()
        runs = driver.execute(
            "SELECT count(*) FROM tutorial_runs r JOIN visits v ON v.id = r.visit_id"
            " WHERE v.started_at >= :start AND v.started_at < :end",
            parameters,
        ).fetchone()[0]
        if self.since is not None:
            # Since a month: the chunks are days from :start (kiosk.export.tables.day_ranges), no rowids.
            return _Snapshot(int(visits), int(runs), first, last)
        # A full export walks the rowids: index lookups for the ends, then a plain scan.
        low, high, run_low, run_high = driver.execute(
            "SELECT (SELECT min(id) FROM visits), (SELECT max(id) FROM visits),"
            " (SELECT min(id) FROM tutorial_runs), (SELECT max(id) FROM tutorial_runs)"
        ).fetchone()
        return _Snapshot(int(visits), int(runs), first, last, (low, high), (run_low, run_high))

    def _check_space(self, snapshot: _Snapshot) -> None:
        days = 1
        if snapshot.first and snapshot.last:
            days += (date.fromisoformat(snapshot.last[:10]) - date.fromisoformat(snapshot.first[:10])).days
        self._needed = days * DAY_FILE_BYTES_PER_DAY + OVERHEAD_BYTES
        try:
            free = shutil.disk_usage(self.target).free
        except OSError as error:
            raise errors.from_os_error(error, self.target, self._needed) from error
        if free < self._needed:
            raise errors.not_enough_space(self.target, self._needed, free, midway=False)

    def _make_folder(self, made_at: datetime) -> ExportFolder:
        name = f"export-{made_at:%Y%m%dT%H%MZ}-{short(self.source.kiosk_id)}"
        try:
            return ExportFolder(self.target, name)
        except OSError as error:
            raise errors.from_os_error(error, self.target, self._needed) from error

    def _count(
        self, driver: Any, parameters: Mapping[str, object], snapshot: _Snapshot, counts: DailyCounts
    ) -> None:
        """Count the visits' and runs' day keys into ``counts``, a chunk at a time (cancel stops it)."""
        total = max(1, snapshot.visits + snapshot.runs)
        done = [0]
        filtered = self.since is not None
        for table, on_keys, ids in (
            (VISITS, counts.add_visit_keys, snapshot.visit_ids),
            (TUTORIAL_RUNS, counts.add_run_keys, snapshot.run_ids),
        ):
            ranges: Iterable[tuple[Bound, Bound]] = (
                day_ranges(str(parameters["start"]), snapshot.last) if filtered else id_ranges(*ids)
            )

            def on_rows(count: int, name: str = table.name) -> None:
                done[0] += count
                self._check_cancel()
                self._stage(name, WRITE_SHARE * 0.9 * done[0] / total)

            self._stage(table.name, WRITE_SHARE * 0.9 * done[0] / total)
            count_keys(driver, table, ranges, parameters, filtered=filtered, on_keys=on_keys, on_rows=on_rows)

    def _fields(
        self, made_at: datetime, first_day: date | None, last_day: date, demo_visits: int
    ) -> dict[str, Any]:
        return {
            "kiosk_id": self.source.kiosk_id,
            "point_name": self.source.point_name,
            "commune": self.source.commune,
            "province": self.source.province,
            "software_version": __version__,
            "schema_version": migrate.head_revision(),
            "created": made_at.strftime("%Y-%m-%dT%H:%MZ"),
            "utc_offset": offset_label(self.offset),
            # Whole local days, both included; no visit's time (the last visit's hour could be one person's).
            "date_range": {
                "since": self.since.isoformat() if self.since else None,
                "first_day": first_day.isoformat() if first_day else None,
                "last_day": last_day.isoformat(),
            },
            "demo_visits": demo_visits,
        }

    def _verify(self, folder: ExportFolder, total: int) -> None:
        self._stage("verify", WRITE_SHARE)
        checked = [0]

        def on_bytes(count: int) -> None:
            checked[0] += count
            self._stage("verify", WRITE_SHARE + (1 - WRITE_SHARE) * min(1.0, checked[0] / max(1, total)))

        problems = verify_export(folder.path, on_bytes=on_bytes)
        if problems:
            gone = not self.target.is_dir()
            folder.discard()
            if gone:
                raise errors.target_gone(self.target)
            raise ExportError(
                ExportTrouble.VERIFY_FAILED,
                f"The files read back from {folder.path} differ from what was written ({problems[0]}). "
                "The export was removed; the stick may be failing, try another one.",
                target=self.target,
            )
        self._stage("done", 1.0)

    def _check_cancel(self) -> None:
        if self._cancelled.is_set():
            raise ExportError(
                ExportTrouble.CANCELLED, "The export was cancelled; nothing was kept.", target=self.target
            )

    def _stage(self, stage: str, fraction: float) -> None:
        if self._progress is not None:
            self._progress(ExportProgress(stage, min(1.0, max(0.0, fraction))))


def _entry(written: WrittenFile, columns: tuple[str, ...] | None, rows: int | None) -> FileEntry:
    return FileEntry(written.name, written.size, written.sha256, rows, columns)
