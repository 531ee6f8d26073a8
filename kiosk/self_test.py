"""``kiosk --self-test``, the part without a screen: data dir, database, content, handout,
volunteers' recordings, the district hub.

It exists for the frozen bundle: CI runs ``dist/kiosk/kiosk --self-test`` and an installer
runs it before enabling the service, so a file PyInstaller left out (a migration, a font, a
lazily imported module) shows up as one failed check with its reason, not as a black screen
in a village hall. Each check catches everything and reports one line; ``ui.tools.self_test`` adds
the rendering check and prints them.

It runs in a temporary data dir unless ``--data-dir`` names one, so running it on an
installed kiosk never touches the real statistics. With ``--data-dir`` it checks that data
dir the way a start would (a damaged database is set aside, an old schema migrated) and reads
the packs installed there; it only reads the statistics, never records any.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kiosk.content.model import Catalogue, Severity
from kiosk.i18n import UiText
from kiosk.system import paths


@dataclass(frozen=True)
class CheckOutcome:
    """One check: its name, whether it passed, and what it saw (or why it failed), on one line."""

    name: str
    ok: bool
    detail: str

    def __str__(self) -> str:
        return f"{'ok' if self.ok else 'FAILED'} {self.name}: {self.detail}"


@dataclass(frozen=True)
class LoadedContent:
    ui_text: UiText
    catalogue: Catalogue


class CheckFailedError(Exception):
    """A check found something wrong; its message is the reason printed."""


def one_line(error: BaseException) -> str:
    """An exception as the single line a failed check prints (unexpected ones with their type)."""
    text = " ".join(str(error).split()) or "no message"
    return text if isinstance(error, CheckFailedError) else f"{type(error).__name__}: {text}"


def guarded(name: str, check: Callable[[], str]) -> CheckOutcome:
    """Run ``check`` (which returns what it saw, or raises); any exception is a failed check."""
    try:
        return CheckOutcome(name, True, check())
    except Exception as error:
        return CheckOutcome(name, False, one_line(error))


@contextmanager
def data_dir_for_self_test(requested: Path | None) -> Iterator[Path]:
    """Point ``kiosk.system.paths`` at ``requested``, or at a fresh temporary data dir removed afterwards."""
    if requested is not None:
        folder = requested.resolve()
        temporary = None
    else:
        temporary = Path(tempfile.mkdtemp(prefix="kiosk-self-test-"))
        folder = temporary
    paths.set_data_dir(folder)
    try:
        paths.ensure_data_dirs()
        yield folder
    finally:
        paths.set_data_dir(None)
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)


def check_data_dir() -> str:
    """The data dir can be written: on a read-only or full disk the kiosk serves, but keeps nothing."""
    problem = paths.ensure_data_dirs()
    if problem is not None:
        raise CheckFailedError(
            f"{problem}. The kiosk would still start and serve visitors, without statistics; "
            f"{problem.what_to_do}"
        )
    return f"{paths.data_dir()} can be written"


def check_statistics() -> str:
    """The start-up check (and migration), then SQLAlchemy on the same file, read only: every table."""
    from sqlalchemy import func, select

    from kiosk.stats.db import open_database
    from kiosk.stats.migrate import head_revision
    from kiosk.stats.models import Base
    from kiosk.stats.schema_version import SCHEMA_HEAD, SCHEMA_TABLES
    from kiosk.stats.startup import check_database

    head = head_revision()  # proves the migrations are in the bundle, as files Alembic can load
    if head != SCHEMA_HEAD:
        raise CheckFailedError(f"the migrations' head is {head}, the code expects {SCHEMA_HEAD}")
    check = check_database()
    if check.unavailable is not None:
        raise CheckFailedError(check.unavailable.with_detail)
    database = open_database(check.path, checked=check)
    try:
        revision = database.schema_revision()
        if revision != SCHEMA_HEAD:
            raise CheckFailedError(f"the database is at schema {revision}, not {SCHEMA_HEAD}")
        tables = Base.metadata.sorted_tables
        if sorted(table.name for table in tables) != sorted(SCHEMA_TABLES):
            raise CheckFailedError(f"the models' tables are not the schema's {', '.join(SCHEMA_TABLES)}")
        # Each table is queried: one dropped by hand fails here, not when a visitor is recorded.
        with database.reading() as session:
            rows = {
                table.name: session.scalar(select(func.count()).select_from(table)) or 0 for table in tables
            }
    finally:
        database.close()
    how = "created and migrated" if check.migrated else "opened"
    aside = "; a damaged file was set aside" if check.notice is not None else ""
    loss = f"; warning: {check.loss.message}" if check.loss is not None else ""
    return (
        f"{check.path} {how} at schema {revision}, {rows['visits']} visits, "
        f"{rows['tutorial_runs']} tutorial runs, {len(rows)} tables read{aside}{loss}"
    )


def check_content(loaded: list[LoadedContent]) -> str:
    """The UI texts and every pack the kiosk would show; an error in any of them fails."""
    from kiosk.content.installed import packs_dir
    from kiosk.content.loader import load_catalogue

    packs = packs_dir()
    ui_text = UiText.load(paths.ui_text_dir())
    catalogue = load_catalogue(packs, ui_languages=ui_text.languages())
    errors = [problem for problem in catalogue.problems if problem.severity is Severity.ERROR]
    if errors:
        raise CheckFailedError(f"{len(errors)} content errors; the first: {errors[0]}")
    if not catalogue.tutorials:
        raise CheckFailedError(f"no tutorial to show in {packs}")
    loaded.append(LoadedContent(ui_text, catalogue))
    return (
        f"{len(catalogue.tutorials)} tutorials in {len(catalogue.categories)} categories, "
        f"languages {', '.join(catalogue.languages)}, from {packs}"
    )


def check_handout(catalogue: Catalogue) -> str:
    """A real handout (fonts, step pictures, QR code) for the first tutorial, on both paper sizes."""
    from kiosk.handouts.build import PaperSize, build_handout
    from kiosk.handouts.words import HandoutWords
    from kiosk.languages import REFERENCE_LANGUAGE
    from kiosk.system import settings as settings_store

    tutorial = catalogue.tutorials[0]
    words = HandoutWords.load(REFERENCE_LANGUAGE)
    point_name = settings_store.load(paths.settings_file()).point_name
    sizes = []
    for paper in PaperSize:
        pdf = build_handout(
            tutorial, REFERENCE_LANGUAGE, paper, point_name=point_name, today=date.today(), words=words
        )
        if not pdf.startswith(b"%PDF-") or b"%%EOF" not in pdf[-1024:]:
            raise CheckFailedError(f"the {paper.value} handout of {tutorial.id} is not a complete PDF")
        sizes.append(f"{paper.value} {len(pdf) // 1024} KB")
    return f"handout of {tutorial.id}: {', '.join(sizes)}"


def check_voices() -> str:
    """A volunteer's take made ready to play: trimmed, evened out and compressed (numpy, libsndfile)."""
    import math
    import struct
    import wave

    from kiosk.voices.audio import prepare

    rate = 48_000
    # Half a second of near-silence, a second of a voice-like tone, half a second of near-silence.
    samples = [0.002 * math.sin(i / 3) for i in range(rate // 2)]
    samples += [
        0.3 * math.sin(2 * math.pi * 220 * i / rate) * (1 + 0.3 * math.sin(i / 900)) for i in range(rate)
    ]
    samples += [0.002 * math.sin(i / 3) for i in range(rate // 2)]
    with tempfile.TemporaryDirectory(prefix="kiosk-self-test-voice-") as folder:
        take = Path(folder) / "take.wav"
        with wave.open(str(take), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(rate)
            out.writeframes(b"".join(struct.pack("<h", round(v * 32767)) for v in samples))
        prepared = prepare(take, Path(folder) / "step")
        size = prepared.path.stat().st_size
    if not 0.8 < prepared.seconds < 1.8:
        raise CheckFailedError(f"a 2 s take with 1 s of sound was trimmed to {prepared.seconds:.2f} s")
    return f"a 2 s take trimmed to {prepared.seconds:.1f} s, {prepared.codec.subtype} {size // 1024} KB"


def check_hub() -> str:
    """The district office's hub: its own SQLite database made and migrated, and the PostgreSQL driver."""
    import psycopg

    from kiosk.hub.db import head_revision, open_hub

    with tempfile.TemporaryDirectory(prefix="kiosk-self-test-hub-") as folder:
        database = open_hub(folder)
        database.engine.dispose()
    driver = f"psycopg {psycopg.__version__} ({psycopg.pq.__impl__})"
    return f"hub database migrated to {head_revision()}; PostgreSQL driver {driver}"


def run_core_checks() -> tuple[list[CheckOutcome], LoadedContent | None]:
    """Every check that needs no screen, in the order the kiosk's start-up meets them."""
    loaded: list[LoadedContent] = []
    outcomes = [
        guarded("data dir", check_data_dir),
        guarded("database", check_statistics),
        guarded("content", lambda: check_content(loaded)),
    ]
    content = loaded[0] if loaded else None
    if content is None:
        outcomes.append(CheckOutcome("handout", False, "not built: the content did not load"))
    else:
        outcomes.append(guarded("handout", lambda: check_handout(content.catalogue)))
    outcomes.append(guarded("voices", check_voices))
    outcomes.append(guarded("hub", check_hub))
    return outcomes, content
