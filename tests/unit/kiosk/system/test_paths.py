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
