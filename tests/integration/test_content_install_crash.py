"""Killing a content install at random moments always leaves exactly one complete, valid pack shown.

A child process installs a pack (``content_install_child.py``) and is killed with SIGKILL at a
random moment of the install, again and again, alternating two new versions over the same
data dir. After every kill the set the kiosk would read must hold the one pack, pass
``content check``, and be byte for byte one of the versions (the bundled one or either from
the stick), never a mix and never a half copy. Kills must have landed before the switch, after
it, and in the middle of a copy, or the test proves nothing.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from kiosk.content.check import check_report
from kiosk.content.installed import SETS, STAGING, active_packs_dir
from kiosk.content.manifest import file_digest, pack_files, pack_identity
from kiosk.content.packs import pack_folders
from tests.helpers.content_packs import (
    BUNDLED_VERSION,
    GOOD_PACK_ID,
    TEAM_PUBLIC_KEY,
    bundled_content,
    stick_pack,
)

CHILD = Path(__file__).with_name("content_install_child.py")
KILLS = 40


def _fingerprint(pack: Path) -> dict[str, str]:
    return {relative: file_digest(pack / relative)[1] for relative in pack_files(pack)}


def _shown_version(root: Path, bundled: Path, versions: dict[str, dict[str, str]]) -> str:
    """The one pack the kiosk would show now: complete, valid, and exactly one known version."""
    shown = active_packs_dir(root) or bundled
    assert [folder.name for folder in pack_folders(shown)] == [GOOD_PACK_ID]
    report = check_report(shown)
    assert report.errors == 0, [str(problem) for problem in report.problems]
    version = pack_identity(shown / GOOD_PACK_ID)[1]
    assert version in versions
    assert _fingerprint(shown / GOOD_PACK_ID) == versions[version], f"{version} is not whole"
    return version


def _leftovers(root: Path) -> bool:
    staging = root / STAGING
    return staging.is_dir() and any(staging.iterdir())


def _start(source: Path, root: Path, bundled: Path) -> subprocess.Popen[str]:
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(source), str(root), str(bundled), str(TEAM_PUBLIC_KEY)],
        stdout=subprocess.PIPE,
        text=True,
        env=environment,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "ready\n"
    return child


def test_sigkill_at_random_moments_leaves_one_whole_valid_pack(tmp_path: Path) -> None:
    bundled = bundled_content(tmp_path / "bundle") / "packs"
    root = tmp_path / "data" / "installed-content"
    sources = [
        stick_pack(tmp_path / "stick-a", version="2026.12.01", title_suffix=" (a)"),
        stick_pack(tmp_path / "stick-b", version="2026.12.15", title_suffix=" (b)"),
    ]
    versions = {
        BUNDLED_VERSION: _fingerprint(bundled / GOOD_PACK_ID),
        **{pack_identity(source)[1]: _fingerprint(source) for source in sources},
    }
    assert _shown_version(root, bundled, versions) == BUNDLED_VERSION

    # One install left to finish, to time it: kills are spread over that time and a bit beyond.
    started = time.monotonic()
    child = _start(sources[1], root, bundled)
    output, _ = child.communicate(timeout=60)
    duration = time.monotonic() - started
    assert child.returncode == 0 and output == "installed\n"
    assert _shown_version(root, bundled, versions) == "2026.12.15"

    rng = random.Random(7)
    changed = unchanged = mid_copy = 0
    for kill in range(KILLS):
        source = sources[kill % 2]
        before = _shown_version(root, bundled, versions)
        child = _start(source, root, bundled)
        time.sleep(rng.uniform(0.0, duration * 1.2))
        child.send_signal(signal.SIGKILL)
        output, _ = child.communicate(timeout=60)
        assert child.returncode in (-signal.SIGKILL, 0), f"the child failed on its own: {child.returncode}"
        mid_copy += _leftovers(root)
        after = _shown_version(root, bundled, versions)
        if after == before:
            unchanged += 1
        else:
            assert after == pack_identity(source)[1]
            changed += 1
    assert changed >= 3 and unchanged >= 3, f"kills did not spread: {changed} switched, {unchanged} not"
    assert mid_copy >= 3, "too few kills landed in the middle of a copy"

    # The next install finishes, and clears what the killed ones left.
    final = _start(sources[0], root, bundled)
    output, _ = final.communicate(timeout=60)
    assert final.returncode == 0 and output == "installed\n"
    assert _shown_version(root, bundled, versions) == "2026.12.01"
    assert not _leftovers(root)
    assert len(list((root / SETS).iterdir())) <= 2
