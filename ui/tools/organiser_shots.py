"""Pictures of organiser mode for ``kiosk screenshots``: the PIN pad, the dashboard, the export, the update.

Drawn from throw-away data (a PIN store and a database of synthetic visits in a temporary
folder), never from the kiosk's own: a screenshot must not show a real point's figures or
touch its PIN (the content update lists a copy of the first bundled pack, one version newer,
on a folder standing in for a stick). The pack is signed with a throw-away key that only these
pictures trust (a trust file in the same temporary folder, never the kiosk's), so it shows who
signed it, as a real pack does; the stick also carries a second throw-away public key, for the
pictures of the trusted keys page. Organiser mode speaks the kiosk's language and has one
look (it is used by the organiser, not the visitor), so it is pictured once per language.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QWidget

from kiosk.content.manifest import make_manifest, sign_manifest, write_manifest
from kiosk.content.model import Catalogue
from kiosk.content.packs import pack_folders
from kiosk.content.signing import SecretKey
from kiosk.content.sticks import KEY_SUFFIX, KEYS_FOLDER, STICK_FOLDER
from kiosk.content.trust import trust_key
from kiosk.export import ExportJob, ExportSource
from kiosk.i18n import UiText
from kiosk.pins import PinRole, PinStore, ScryptCost
from kiosk.stats import open_database, summarize
from kiosk.stats.demo import demo_data, tutorials_of
from kiosk.system import paths
from kiosk.visit.session import TextSize
from ui.look import theme
from ui.look.style import stylesheet
from ui.organiser.screen import OrganiserScreen, OrganiserSetup

# The pictures' day and place: Vietnam (+7 h), and a fixed day so pictures are comparable.
_TODAY = date(2026, 11, 24)
_OFFSET = timedelta(hours=7)
_VISITS = 400
# Only throw-away PINs are hashed here: a cheap cost keeps the pictures quick.
_PICTURE_COST = ScryptCost(n=2**4, r=8, p=1)
# The version of the pictured pack on the stick.
_STICK_VERSION = "2026.12.01"
# The names of the pictures' throw-away keys: the one that signed the pack (trusted), and one to add.
_SIGNER_NAME = "nhom-noi-dung-tinh"
_NEW_KEY_NAME = "nhom-noi-dung-huyen"


def render_organiser(
    out_dir: Path,
    *,
    catalogue: Catalogue,
    ui_text: UiText,
    size: QSize,
    settle: Callable[[], None],
) -> list[Path]:
    """One PNG per organiser page and language; returns the files written."""
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-organiser-pictures-") as scratch:
        folder = Path(scratch)
        database_path = folder / "statistics.sqlite3"
        database = open_database(database_path)
        try:
            now = datetime.combine(_TODAY, time(10), tzinfo=UTC) - _OFFSET
            demo_data(database, _VISITS, tutorials=tutorials_of(catalogue), now=now, seed=2026)
            summary = summarize(database, _TODAY, _OFFSET)
            stick = folder / "KIOSK-USB"
            stick.mkdir()
            trust_file = folder / "content-trust.json"
            _stick_pack(stick, trust_file)
            for lang in ui_text.languages():
                host = _host(size)
                setup = OrganiserSetup(
                    pins=PinStore(folder / f"pins-{lang}.json", cost=_PICTURE_COST),
                    database=database,
                    database_path=database_path,
                    ui_text=ui_text,
                    lang=lang,
                    titles={t.id: t.text(lang).title for t in catalogue.tutorials},
                    offset=_OFFSET,
                    export_source=lambda: _SOURCE,
                    today=lambda: _TODAY,
                    extra_folders=(stick,),
                    content_root=folder / "installed-content",
                    trust_file=trust_file,
                    point_name=_SOURCE.point_name,
                    settings_file=folder / "settings.json",
                )
                screen = OrganiserScreen(setup, host)
                try:
                    for name, set_up in _pages(screen, summary, stick, database_path):
                        set_up()
                        settle()
                        path = out_dir / f"{lang}-organiser-{name}.png"
                        if not host.grab().save(str(path)):
                            raise OSError(f"could not write {path}")
                        written.append(path)
                finally:
                    host.close()
                    host.deleteLater()
        finally:
            database.close()
    return written


def _stick_pack(stick: Path, trust_file: Path) -> None:
    """The first bundled pack, one version newer, with its signed manifest, as an organiser's stick
    holds it; its throw-away key trusted in ``trust_file``, and another key to add in ``kiosk-keys``."""
    signer = SecretKey.generate()
    trust_key(signer.public_key, _SIGNER_NAME, trust_file)
    keys = stick / KEYS_FOLDER
    keys.mkdir(parents=True)
    (keys / f"{_SIGNER_NAME}{KEY_SUFFIX}").write_text(signer.public_key.to_text(), encoding="utf-8")
    new_key = SecretKey.generate().public_key
    (keys / f"{_NEW_KEY_NAME}{KEY_SUFFIX}").write_text(new_key.to_text(), encoding="utf-8")
    bundled = pack_folders(paths.bundled_packs_dir())
    if not bundled:
        return
    pack = stick / STICK_FOLDER / bundled[0].name
    shutil.copytree(bundled[0], pack, ignore=shutil.ignore_patterns(".*", "__pycache__"))
    pack_yaml = pack / "pack.yaml"
    text = pack_yaml.read_text(encoding="utf-8")
    new = re.sub(r"(?m)^content_version:.*$", f'content_version: "{_STICK_VERSION}"', text, count=1)
    pack_yaml.write_text(new, encoding="utf-8")
    write_manifest(pack, make_manifest(pack))
    sign_manifest(pack, signer)


def _wrong_end(key_id: str) -> str:
    """Four characters that are not the end of ``key_id``: an organiser's wrong try."""
    return "".join("1" if character == "0" else "0" for character in key_id[-4:])


_SOURCE = ExportSource(
    point_name="Nhà văn hóa thôn Bản Lang",
    kiosk_id="0" * 32,
    tutorial_titles={},
)


def _host(size: QSize) -> QWidget:
    """The kiosk window's stand-in: its size, its name and its style sheet."""
    host = QWidget()
    host.setObjectName("MainWindow")
    host.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    host.setStyleSheet(stylesheet(theme.look_for(TextSize.NORMAL, False, theme.FALLBACK_DPI)))
    host.resize(size)
    host.show()
    return host


def _pages(
    screen: OrganiserScreen, summary: object, stick: Path, database_path: Path
) -> Iterator[tuple[str, Callable[[], None]]]:
    from kiosk.stats import Summary

    assert isinstance(summary, Summary)

    def pin_set() -> None:
        screen.open()

    def pin_check() -> None:
        screen.setup.pins.set_pin(PinRole.ORGANISER, "48291357")
        screen.pin_pad.start()

    def dashboard() -> None:
        screen.stack.setCurrentWidget(screen.dashboard)
        screen.dashboard.show_wrong_tries(2)
        screen.dashboard.show_summary(summary)

    def export_choose() -> None:
        screen.stack.setCurrentWidget(screen.export_panel)
        # No event loop runs here: the page looks at the folder standing in for a stick at once.
        screen.export_panel.list_now()

    def export_done() -> None:
        result = ExportJob(stick, _SOURCE, database_path=database_path, offset=_OFFSET).run()
        panel = screen.export_panel
        panel.progress.show()
        panel._on_exported(result)

    def content_choose() -> None:
        screen.stack.setCurrentWidget(screen.content_panel)
        screen.content_panel.list_now()

    yield "1-pin-set", pin_set
    yield "2-pin-check", pin_check
    yield "3-dashboard", dashboard
    yield "4-export-choose", export_choose
    yield "5-export-done", export_done

    def keys_list() -> None:
        screen.stack.setCurrentWidget(screen.trust_page)
        # No event loop runs here: the page looks at the folder standing in for a stick at once.
        screen.trust_page.reset()
        screen.trust_page.list_now()

    def keys_check(typed: Callable[[str], str]) -> Callable[[], None]:
        def set_up() -> None:
            page = screen.trust_page
            keys_list()
            key = next(key for key in page.keys if key.name == _NEW_KEY_NAME)
            page.check(key)
            for digit in typed(key.key_id):
                page._on_hex_clicked(digit)

        return set_up

    yield "6-content-choose", content_choose
    yield "7-keys-list", keys_list
    yield "8-keys-check-wrong", keys_check(_wrong_end)
    yield "9-keys-check-right", keys_check(lambda key_id: key_id[-4:])

    def point() -> None:
        from kiosk.content.signing import SecretKey
        from kiosk.export.kiosk_key import fingerprint
        from ui.organiser.point_page import Identity

        page = screen.point_page
        screen.stack.setCurrentWidget(page)
        page.show_settings()
        page.fields["commune"].setText("Bắc Hà")
        page.fields["province"].setText("Lào Cai")
        # A throw-away key's fingerprint: the kiosk's own key is never read (or made) for pictures.
        page.show_identity(Identity(_SOURCE.kiosk_id, fingerprint(SecretKey.generate().public_key.key)))

    yield "10-point", point

    def voices(agreed: bool) -> Callable[[], None]:
        def set_up() -> None:
            page = screen.voices_page
            # A throw-away folder of voice packs (none yet): the kiosk's own are never shown.
            page.voices_root = database_path.parent / "voices"
            screen.stack.setCurrentWidget(page)
            page.start()
            if agreed:
                page.agree()
            else:
                # The throw-away settings are shared by both languages: the first one agreed.
                page.views.setCurrentWidget(page.consent_view)

        return set_up

    yield "11-voices-consent", voices(False)
    yield "12-voices-list", voices(True)
