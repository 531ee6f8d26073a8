"""Three real kiosks in two communes, each exported once, made once per test session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.unit.kiosk.hub.kiosks import DemoKiosk, export, make_kiosk


@dataclass(frozen=True)
class Exported:
    kiosks: list[DemoKiosk]
    folders: list[Path]
    stick: Path


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    base = tmp_path_factory.mktemp("hub-kiosks")
    kiosks = [
        make_kiosk(base, "Chợ Bắc Hà", "Bắc Hà", "Lào Cai", 400),
        make_kiosk(base, "Nhà văn hoá thôn 2", "Bắc Hà", "Lào Cai", 150),
        make_kiosk(base, "Trạm y tế Tả Van", "Tả Van", "Lào Cai", 60),
    ]
    stick = base / "stick"
    folders = [export(kiosk, stick) for kiosk in kiosks]
    return Exported(kiosks, folders, stick)
