"""The self-test's checks without a screen: each passes on a sound kiosk, each failure is one clear line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.self_test import CheckOutcome, data_dir_for_self_test, run_core_checks
from kiosk.system import paths

REPO = Path(__file__).resolve().parents[3]


def test_every_check_passes_in_a_temporary_data_dir_that_is_removed_after(data_dir: Path) -> None:
    with data_dir_for_self_test(None) as folder:
        assert folder != data_dir
        outcomes, content = run_core_checks()
        assert (folder / "statistics.sqlite3").is_file()
    assert [(outcome.name, outcome.ok) for outcome in outcomes] == [
        ("data dir", True),
        ("database", True),
        ("content", True),
        ("handout", True),
        ("voices", True),
        ("hub", True),
    ], [str(outcome) for outcome in outcomes]
    assert content is not None and content.catalogue.tutorials
    assert "created and migrated at schema" in outcomes[1].detail
    assert outcomes[3].detail.startswith(f"handout of {content.catalogue.tutorials[0].id}: a4 ")
    assert outcomes[4].detail.startswith("a 2 s take trimmed to 1.")
    assert outcomes[5].detail.startswith("hub database migrated to ")
    # Nothing of the self-test stays behind, and the real data dir was never touched.
    assert not folder.exists()
    assert not (data_dir / "statistics.sqlite3").exists()


def test_a_given_data_dir_is_checked_as_a_start_would_check_it(tmp_path: Path) -> None:
    state = tmp_path / "kiosk-state"
    for how in ("created and migrated", "opened"):
        with data_dir_for_self_test(state):
            outcomes, _ = run_core_checks()
        assert outcomes[1].ok and how in outcomes[1].detail
    assert (state / "statistics.sqlite3").is_file()


def test_broken_content_fails_its_check_and_the_handout_is_not_attempted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    tutorial = content / "packs" / "core" / "tutorials" / "scam-report" / "tutorial.yaml"
    tutorial.write_text(tutorial.read_text(encoding="utf-8") + "\nsteps: [\n", encoding="utf-8")
    monkeypatch.setenv("KIOSK_CONTENT_DIR", str(content))
    with data_dir_for_self_test(None):
        outcomes, loaded = run_core_checks()
    assert loaded is None
    _, database, content_check, handout, voices, hub = outcomes
    assert voices.ok and hub.ok
    assert database.ok
    assert not content_check.ok
    assert str(content_check).startswith("FAILED content: 1 content errors; the first: ")
    assert "scam-report/tutorial.yaml:" in content_check.detail
    assert "\n" not in str(content_check)
    assert str(handout) == "FAILED handout: not built: the content did not load"


def test_a_folder_in_place_of_the_database_is_kept_aside_unopened(tmp_path: Path) -> None:
    state = tmp_path / "kiosk-state"
    (state / "statistics.sqlite3").mkdir(parents=True)
    with data_dir_for_self_test(state):
        outcomes, _ = run_core_checks()
    assert all(outcome.ok for outcome in outcomes), [str(outcome) for outcome in outcomes]
    assert "a damaged file was set aside" in outcomes[1].detail
    assert [path.is_dir() for path in state.glob("statistics.damaged-*.sqlite3")] == [True]


def test_an_outcome_is_one_line() -> None:
    assert str(CheckOutcome("screen", True, "1366x768")) == "ok screen: 1366x768"
    assert paths.data_dir() is not None
