"""The child of the content-install crash test: installs one pack, slowly, until it is killed.

``ready`` is printed once the imports are done, so the parent's random kill lands in the
install itself; a short sleep after every progress step (each copied file, each stage)
stretches the install so kills land in every part of it. ``installed`` is printed at the end.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kiosk.content.install import InstallProgress, install_pack
from kiosk.content.signing import PublicKey
from kiosk.content.trust import TrustedKey, TrustStore

STEP_SLEEP_S = 0.01


def slowly(_step: InstallProgress) -> None:
    time.sleep(STEP_SLEEP_S)


def main(source: Path, root: Path, bundled: Path, public_key: Path) -> None:
    """Install ``source`` trusting only ``public_key``; older versions too (the parent alternates two)."""
    key = PublicKey.from_text(public_key.read_text(encoding="utf-8"))
    trust = TrustStore((TrustedKey("test content team", key, bundled=False),))
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    install_pack(source, on_progress=slowly, root=root, bundled=bundled, trust=trust, allow_older=True)
    sys.stdout.write("installed\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
