"""Every state file is named in ``kiosk.system.paths``, inside the data dir (a test's, or ``--data-dir``)."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.installed import SETS, InstalledState, packs_dir, write_state
from kiosk.export.identity import kiosk_id
from kiosk.pins import PinRole, PinStore, ScryptCost
from kiosk.system import paths


def test_the_pins_and_the_kiosk_id_are_kept_where_paths_says(data_dir: Path) -> None:
    assert paths.pins_file() == data_dir / "pins.json"
    assert paths.kiosk_id_file() == data_dir / "kiosk-id"
    PinStore(cost=ScryptCost(n=2, r=1, p=1)).set_pin(PinRole.ORGANISER, "582914")
    made = kiosk_id()
    assert paths.pins_file().is_file()
    assert paths.kiosk_id_file().read_text(encoding="ascii") == made + "\n"
    assert kiosk_id() == made


def test_the_packs_shown_are_the_bundled_ones_until_a_set_is_installed(data_dir: Path) -> None:
    assert packs_dir() == paths.bundled_packs_dir()
    root = paths.installed_content_dir()
    (root / SETS / "0001-core-abc123").mkdir(parents=True)
    write_state(root, InstalledState(active="0001-core-abc123"))
    assert packs_dir() == root / SETS / "0001-core-abc123"
    (root / SETS / "0001-core-abc123").rmdir()
    assert packs_dir() == paths.bundled_packs_dir()  # a set gone missing: the bundled packs again


def test_a_data_dir_that_cannot_be_made_is_reported_not_raised(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data dir should be", encoding="utf-8")
    paths.set_data_dir(blocker / "kiosk")
    problem = paths.ensure_data_dirs()
    assert problem is not None
    assert isinstance(problem.error, NotADirectoryError)
    assert not problem.disk_full
    assert str(problem).startswith(f"the data folder {blocker / 'kiosk'} cannot be written: ")


def test_a_writable_data_dir_has_no_problem_and_keeps_no_trace_of_the_check(data_dir: Path) -> None:
    before = sorted(data_dir.iterdir())
    assert paths.ensure_data_dirs() is None
    assert paths.data_dir_problem() is None
    assert sorted(data_dir.iterdir()) == before
