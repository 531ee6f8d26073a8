"""Real kiosks for the hub's tests: demo data in their own data dirs, exported by the kiosk's own code.

Each kiosk is a data dir made by ``kiosk demo-data`` (with its point, commune and province)
and exported with ``kiosk export``'s function, so the hub reads exactly what a stick carries.
``sums`` adds up a month of the exports' ``day_counts.json``: the figures the hub's report must
publish (by the disclosure rule) are these sums. Qt-free.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.cli import parse, run_core_command
from kiosk.export.cli import export_command
from kiosk.stats.cli import demo_data_command
from kiosk.system import paths


@dataclass(frozen=True)
class DemoKiosk:
    data: Path
    name: str
    commune: str
    province: str

    @property
    def kiosk_id(self) -> str:
        return (self.data / "kiosk-id").read_text().strip()


def _in(data: Path) -> Path:
    before = paths.data_dir()
    paths.set_data_dir(data)
    paths.ensure_data_dirs()
    return before


def make_kiosk(base: Path, name: str, commune: str, province: str, visits: int) -> DemoKiosk:
    data = base / f"kiosk-{len(list(base.glob('kiosk-*')))}"
    before = _in(data)
    try:
        out = io.StringIO()
        status = demo_data_command(visits, out, point_name=name, commune=commune, province=province)
        assert status == 0, out.getvalue()
    finally:
        paths.set_data_dir(before)
    return DemoKiosk(data, name, commune, province)


def add_visits(kiosk: DemoKiosk, visits: int) -> None:
    """More demo visits over the same weeks: every past day's counts can only grow."""
    before = _in(kiosk.data)
    try:
        out = io.StringIO()
        assert demo_data_command(visits, out) == 0, out.getvalue()
    finally:
        paths.set_data_dir(before)


def export(kiosk: DemoKiosk, stick: Path, since: date | None = None) -> Path:
    """A new export folder of ``kiosk`` on ``stick`` (kiosk export's own code)."""
    stick.mkdir(parents=True, exist_ok=True)
    root = stick / "digital-literacy-kiosk"
    existing = set(root.iterdir()) if root.is_dir() else set()
    before = _in(kiosk.data)
    try:
        out = io.StringIO()
        assert export_command(stick, since, out) == 0, out.getvalue()
    finally:
        paths.set_data_dir(before)
    [folder] = set(root.iterdir()) - existing
    return folder


def last_month(today: date | None = None) -> str:
    """The month before this one: demo data (8 weeks) covers it whole, and it is over."""
    day = (today or datetime.now(UTC).date()).replace(day=1) - timedelta(days=1)
    return f"{day.year:04d}-{day.month:02d}"


def day_file(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "day_counts.json").read_text(encoding="ascii"))
    return data


def sums(folders: list[Path], month: str) -> Counter[tuple[str, ...]]:
    """A month's exact counts over the folders' day files (each day once per kiosk)."""
    total: Counter[tuple[str, ...]] = Counter()
    seen: set[tuple[str, str, bool]] = set()
    for folder in folders:
        kiosk_id = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["kiosk_id"]
        for day in day_file(folder)["days"]:
            if not day["date"].startswith(month) or (kiosk_id, day["date"], day["demo"]) in seen:
                continue
            seen.add((kiosk_id, day["date"], day["demo"]))
            total[("visits",)] += day["visits"]
            total[("visits", kiosk_id)] += day["visits"]
            total[("guided",)] += day["visits_by_mode"].get("guided", 0)
            total[("guided", kiosk_id)] += day["visits_by_mode"].get("guided", 0)
            for language, count in day["visits_by_language"].items():
                total[("language", language)] += count
            for tutorial, measures in day["tutorials"].items():
                for measure, count in measures.items():
                    total[("lesson", measure, tutorial)] += count
                total[("completions",)] += measures["completions"]
                total[("completions", kiosk_id)] += measures["completions"]
                total[("handouts",)] += measures["handouts"]
                total[("handouts", kiosk_id)] += measures["handouts"]
            for tutorial, kinds in day["guided_outcomes"].items():
                for kind, codes in kinds.items():
                    for code, count in codes.items():
                        total[("outcome", kind, tutorial, code)] += count
    return total


def agrees(shown: object, exact: int) -> bool:
    """``shown`` is what the disclosure rule may print for ``exact``: its rounding, "<5", or "x"."""
    if shown == "x":
        return True
    if shown == "<5":
        return 1 <= exact <= 4
    if not isinstance(shown, int):
        return False
    if exact == 0:
        return shown == 0
    return exact >= 5 and shown % 5 == 0 and abs(shown - exact) <= 2


def hub(*argv: str) -> tuple[int, str]:
    """``kiosk hub ...`` as an office runs it: exit status and what it printed."""
    out = io.StringIO()
    status = run_core_command(parse(["hub", *argv]), out)
    assert status is not None
    return status, out.getvalue()


def import_in_child(argv: list[str], start: Any, results: Any) -> None:
    """An office's process: waits at ``start`` (a barrier), imports, puts (status, text) on ``results``."""
    start.wait()
    results.put(hub("import", *argv))
