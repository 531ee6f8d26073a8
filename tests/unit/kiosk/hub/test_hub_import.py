"""``kiosk hub import``: verified exports stored once per kiosk and day, refused ones not at all."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from kiosk.content.signing import SecretKey
from kiosk.export.kiosk_key import KioskKey
from kiosk.hub.db import open_hub
from kiosk.hub.models import DayCount, ImportedExport, Kiosk, KioskDay, OutcomeCount
from tests.helpers.export_forgery import add_fake_visits, recompute_manifest
from tests.unit.kiosk.hub.conftest import Exported
from tests.unit.kiosk.hub.kiosks import add_visits, day_file, export, hub, make_kiosk


def _rows(db: Path) -> dict[str, int]:
    database = open_hub(str(db))
    try:
        with database.read() as connection:
            return {
                model.__tablename__: int(
                    connection.execute(select(func.count()).select_from(model)).scalar_one()
                )
                for model in (Kiosk, ImportedExport, KioskDay, DayCount, OutcomeCount)
            }
    finally:
        database.close()


def _day_total(db: Path, kiosk_id: str) -> int:
    database = open_hub(str(db))
    try:
        with database.read() as connection:
            total = connection.execute(
                select(func.sum(DayCount.count)).where(
                    DayCount.kiosk_id == kiosk_id, DayCount.attribute == "visits"
                )
            ).scalar_one()
            return int(total or 0)
    finally:
        database.close()


def _summed_days(db: Path, kiosk_id: str) -> int:
    """The visits kept beside each stored day (kiosk_days, which the trend reads)."""
    database = open_hub(str(db))
    try:
        with database.read() as connection:
            total = connection.execute(
                select(func.sum(KioskDay.visits)).where(KioskDay.kiosk_id == kiosk_id)
            ).scalar_one()
            return int(total or 0)
    finally:
        database.close()


def _visits(folder: Path) -> int:
    return sum(day["visits"] for day in day_file(folder)["days"])


def test_import_stores_every_day_once(exported: Exported, tmp_path: Path) -> None:
    db = tmp_path / "hub"
    status, text = hub("import", str(exported.stick), "--db", str(db))
    assert status == 0, text
    lines = text.splitlines()
    for kiosk, folder in zip(exported.kiosks, exported.folders, strict=True):
        days = len(day_file(folder)["days"])
        assert f"{folder}: key " in text and f"pinned for kiosk {kiosk.kiosk_id}" in text
        where = f"kiosk {kiosk.kiosk_id[:8]}, {kiosk.name} ({kiosk.commune}, {kiosk.province})"
        assert f"{folder}: imported ({where}): {days} days added" in lines
        assert _day_total(db, kiosk.kiosk_id) == _visits(folder)
    assert lines[-1] == f"3 of 3 export folders imported into sqlite:///{db.resolve() / 'hub.sqlite3'}"
    stored = _rows(db)
    assert stored["kiosks"] == 3 and stored["imports"] == 3
    assert stored["kiosk_days"] == sum(len(day_file(folder)["days"]) for folder in exported.folders)

    # The same exports again, from the stick and from a copy sent by e-mail: nothing changes.
    copy = tmp_path / "mail" / exported.folders[0].name
    shutil.copytree(exported.folders[0], copy)
    status, text = hub("import", str(exported.stick), str(copy), "--db", str(db))
    assert status == 0, text
    assert text.count("imported before") == 4
    assert _rows(db) == stored

    status, text = hub("kiosks", "--db", str(db))
    assert status == 0
    for kiosk in exported.kiosks:
        line = next(line for line in text.splitlines() if line.startswith(kiosk.kiosk_id))
        assert f"{kiosk.name} ({kiosk.commune}, {kiosk.province})" in line
        assert f"last day {day_file(exported.folders[0])['last_day']}" in line


def test_overlapping_exports_count_each_day_once(tmp_path: Path) -> None:
    kiosk = make_kiosk(tmp_path, "Điểm chợ phiên", "Xín Mần", "Hà Giang", 120)
    stick = tmp_path / "stick"
    first = export(kiosk, stick)
    add_visits(kiosk, 80)
    later = export(kiosk, stick)
    assert _visits(later) > _visits(first)
    # A later export from the first day of the last month: a part of the same days.
    since = day_file(later)["days"][-1]["date"][:8] + "01"
    part = export(kiosk, stick, since=date.fromisoformat(since))

    forward = tmp_path / "forward"
    status, text = hub("import", str(first), str(later), str(part), "--db", str(forward))
    assert status == 0, text
    assert f"{later}: imported (" in text and "replaced by fuller counts" in text
    where = f"kiosk {kiosk.kiosk_id[:8]}, Điểm chợ phiên (Xín Mần, Hà Giang)"
    assert f"{part}: imported ({where}): 0 days added, {len(day_file(part)['days'])} already stored\n" in text
    assert _day_total(forward, kiosk.kiosk_id) == _visits(later) == _summed_days(forward, kiosk.kiosk_id)

    # The other way round: the earlier export's days hold fewer counts, so the stored ones stay.
    backward = tmp_path / "backward"
    status, text = hub("import", str(later), str(first), "--db", str(backward))
    assert status == 0, text
    assert "days hold fewer counts than those stored before" in text
    assert _day_total(backward, kiosk.kiosk_id) == _visits(later)
    assert _rows(backward)["day_counts"] == _rows(forward)["day_counts"]


def test_a_tampered_or_unsigned_export_is_refused_and_nothing_stored(
    exported: Exported, tmp_path: Path
) -> None:
    db = tmp_path / "hub"
    tampered = tmp_path / "tampered"
    shutil.copytree(exported.folders[0], tampered)
    add_fake_visits(tampered)
    unsigned = tmp_path / "unsigned"
    shutil.copytree(exported.folders[1], unsigned)
    (unsigned / "manifest.json.minisig").unlink()
    status, text = hub("import", str(tampered), str(unsigned), "--db", str(db))
    assert status == 1
    lines = text.splitlines()
    assert lines[0].startswith(f"{tampered}: refused: day_counts.json: ")
    assert "day_counts.json: SHA-256 differs from the manifest (the file was changed or damaged)" in lines[0]
    assert lines[0].endswith(". Nothing of it was stored.")
    assert lines[1:] == [
        f"{unsigned}: refused: manifest.json.minisig: missing, so nothing shows that the export comes "
        "unchanged from a kiosk; do not rely on it. Nothing of it was stored.",
        f"0 of 2 export folders imported into sqlite:///{db.resolve() / 'hub.sqlite3'}",
    ]
    assert set(_rows(db).values()) == {0}


def test_a_kiosk_key_is_pinned_at_first_sight(exported: Exported, tmp_path: Path) -> None:
    db = tmp_path / "hub"
    original = exported.folders[0]
    kiosk_id = exported.kiosks[0].kiosk_id
    assert hub("import", str(original), "--db", str(db))[0] == 0
    before = _rows(db)

    # Changed and signed again with another key, naming the same kiosk: the signature is good,
    # but it is not the key this kiosk was first seen with.
    forged = tmp_path / "forged"
    shutil.copytree(original, forged)
    add_fake_visits(forged)
    other = KioskKey(SecretKey.generate(), made="2026-12-01T08:00Z")
    recompute_manifest(forged, key=other)
    status, text = hub("import", str(forged), "--db", str(db))
    assert status == 1
    first = text.splitlines()[0]
    assert first.startswith(
        f"{forged}: refused: signed by key {other.fingerprint}, but kiosk {kiosk_id} signs with"
    )
    assert f"run `kiosk hub kiosks --forget {kiosk_id}` and import again. Nothing of it was stored." in first
    assert _rows(db) == before

    # The office checked the kiosk's screen: it really has a new key. Forget the old one.
    status, text = hub("kiosks", "--forget", kiosk_id, "--db", str(db))
    assert status == 0 and "its next export pins the key that signed it" in text
    assert f"{kiosk_id}  " in hub("kiosks", "--db", str(db))[1]
    assert "key forgotten (the next export pins its key)" in hub("kiosks", "--db", str(db))[1]
    status, text = hub("import", str(forged), "--db", str(db))
    assert status == 0, text
    assert f"key {other.fingerprint} pinned for kiosk {kiosk_id}" in text
    # Its first day grew by the forged visits (a superset): replaced; the other days are the same.
    assert "1 replaced by fuller counts" in text
    assert _day_total(db, kiosk_id) == _visits(original) + 500 == _summed_days(db, kiosk_id)
    # And now the kiosk's original key is the foreign one, even for an export imported before.
    after = _rows(db)
    status, text = hub("import", str(original), "--db", str(db))
    assert status == 1 and f"{original}: refused: signed by key " in text
    assert _rows(db) == after


def test_unknown_kiosk_and_missing_folder(tmp_path: Path) -> None:
    db = tmp_path / "hub"
    status, text = hub("kiosks", "--forget", "0" * 32, "--db", str(db))
    assert (status, text) == (1, f"error: the hub knows no kiosk {'0' * 32!r} (see `kiosk hub kiosks`)\n")
    status, text = hub("import", str(tmp_path / "nothing"), "--db", str(db))
    assert status == 1
    assert text.startswith(f"{tmp_path / 'nothing'}: refused: {tmp_path / 'nothing'}: not a folder.")
    assert hub("kiosks", "--db", str(db))[1].startswith("No kiosk yet in sqlite:///")


def test_a_signed_day_file_that_the_kiosk_would_not_write_is_refused(
    exported: Exported, tmp_path: Path
) -> None:
    # Signed by a key of its own (a first sight would pin it), but its counts are not counts.
    db = tmp_path / "hub"
    odd = tmp_path / "odd"
    shutil.copytree(exported.folders[2], odd)
    path = odd / "day_counts.json"
    path.write_text(
        path.read_text(encoding="ascii").replace('"visits": ', '"visits": -', 1), encoding="ascii"
    )
    recompute_manifest(odd, key=KioskKey(SecretKey.generate(), made="2026-12-03T08:00Z"))
    status, text = hub("import", str(odd), "--db", str(db))
    assert status == 1
    assert (
        text.startswith(f"{odd}: refused: day_counts.json: ")
        and " is not a count. Nothing of it was stored." in text
    )
    assert set(_rows(db).values()) == {0}


def test_day_files_of_both_formats_are_imported_alike_and_practice_is_read_past(
    exported: Exported, tmp_path: Path
) -> None:
    newer = exported.folders[2]
    document = day_file(newer)
    assert document["format"] == "kiosk-day-counts/2"
    assert any(day["practice"] for day in document["days"]), "demo data practises some steps"
    # The same days as an older kiosk writes them: format /1, no practice counts.
    older = tmp_path / "older"
    shutil.copytree(newer, older)
    document["format"] = "kiosk-day-counts/1"
    for day in document["days"]:
        del day["practice"]
    (older / "day_counts.json").write_text(
        json.dumps(document, sort_keys=True, indent=1, ensure_ascii=True) + "\n", encoding="ascii"
    )
    recompute_manifest(older, key=KioskKey(SecretKey.generate(), made="2026-12-08T08:00Z"))
    stored = {}
    for name, folder in (("new", newer), ("old", older)):
        db = tmp_path / f"hub-{name}"
        status, text = hub("import", str(folder), "--db", str(db))
        assert status == 0, text
        stored[name] = (_rows(db), _day_total(db, exported.kiosks[2].kiosk_id))
    assert stored["new"] == stored["old"]
    assert stored["new"][1] == _visits(newer) > 0
