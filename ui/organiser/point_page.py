"""The organiser's "This point" page: the point's name, commune and province, set once.

What the district office's hub groups the point's exports by (``kiosk hub``): they are the
settings ``point_name``, ``commune`` and ``province`` (``kiosk.system.settings``), and every
export's signed manifest carries them (``kiosk.export.job`` reads the settings at each export).
The page also shows the kiosk's id and the fingerprint of the key that signs its exports, so
the organiser can read both to the office; the key is read off the GUI thread when the page
opens (never at the kiosk's start).

A kiosk has a touchscreen and often no keyboard, so the page has its own keyboard: letters,
digits, "đ", and Vietnamese marks that change the letter just typed (or the word's last vowel):
"a" then "ˆ" gives "â", "â" then "´" gives "ấ". A plugged-in keyboard types into the fields as
well. "Save" checks each line (not empty for the name, at most ``MAX_CHARS`` characters, no
control characters) and says exactly what is wrong, or that it was saved.
"""

from __future__ import annotations

import functools
import logging
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.i18n import UiText
from kiosk.system import paths
from kiosk.system import settings as settings_store
from ui.look import theme
from ui.runtime import worker
from ui.widgets.common import BigButton, bar, label, repolish

log = logging.getLogger(__name__)

FIELDS = ("point_name", "commune", "province")
# The longest line the hub stores for a commune or province (kiosk.system.settings, kiosk.hub.reading).
MAX_CHARS = 100
KEY_WIDTH = 70
KEY_HEIGHT = 64
LETTER_ROWS = ("1234567890", "qwertyuiop", "asdfghjklđ", "zxcvbnm,.-")
# Combining marks: the shape of a vowel (circumflex, breve, horn), then the five tones.
TONE_SHOWN = {"\u0301": "á", "\u0300": "à", "\u0309": "ả", "\u0303": "ã", "\u0323": "ạ"}
SHAPE_SHOWN = {"\u0302": "â", "\u0306": "ă", "\u031b": "ơ"}
VOWELS = frozenset("aăâeêioôơuưy")
_ALL_TONES = frozenset(TONE_SHOWN)


def _base(letter: str) -> str:
    """The letter without its tone (its shape kept): "ấ" -> "â"."""
    parts = unicodedata.normalize("NFD", letter)
    return unicodedata.normalize("NFC", "".join(c for c in parts if c not in _ALL_TONES))


def _tone(letter: str) -> str:
    return next((c for c in unicodedata.normalize("NFD", letter) if c in _ALL_TONES), "")


def with_mark(text: str, mark: str) -> str:
    """``text`` with ``mark`` put on its last letter, or on the last word's last vowel.

    A tone replaces the tone there (the same tone again takes it off); a shape goes on the
    letters that take it (â ê ô, ă, ơ ư) and replaces another shape. Unchanged if nothing takes it.
    """
    index = len(text) - 1
    while index >= 0 and text[index].isalpha() and _base(text[index]).lower() not in VOWELS:
        index -= 1
    if index < 0 or not text[index].isalpha():
        return text
    letter = text[index]
    base, tone = _base(letter), _tone(letter)
    if mark in _ALL_TONES:
        tone = "" if tone == mark else mark
    else:
        plain = unicodedata.normalize("NFD", base)[0]
        takes = {"\u0302": "aeoAEO", "\u0306": "aA", "\u031b": "ouOU"}[mark]
        if plain not in takes:
            return text
        shaped = unicodedata.normalize("NFC", plain + mark)
        base = plain if base == shaped else shaped
    changed = unicodedata.normalize("NFC", base + tone)
    return text[:index] + changed + text[index + 1 :]


def line_problem(field: str, value: str) -> tuple[str, dict[str, object]] | None:
    """Why ``value`` cannot be saved as ``field`` (a text key and its fields), or None."""
    if field == "point_name" and not value:
        return "empty", {}
    if len(value) > MAX_CHARS:
        return "too_long", {"most": MAX_CHARS, "count": len(value)}
    if not value.isprintable():
        return "control", {}
    return None


@dataclass(frozen=True)
class Identity:
    kiosk_id: str
    fingerprint: str


def read_identity(key_file: Path | None = None) -> Identity:
    """The kiosk's id and its signing key's fingerprint (the key is made if there is none yet)."""
    from kiosk.export.identity import kiosk_id
    from kiosk.export.kiosk_key import load_or_create

    return Identity(kiosk_id(), load_or_create(key_file).fingerprint)


def save_point(path: Path, name: str, commune: str, province: str) -> settings_store.Settings:
    """The settings in ``path`` with the point's three lines changed, written atomically."""
    changed = replace(settings_store.load(path), point_name=name, commune=commune, province=province)
    settings_store.save(changed, path)
    return changed


class PointPage(QWidget):
    back_requested = Signal()
    # The point's name as saved (the dashboard's title shows it).
    saved = Signal(str)
    # The kiosk id and key fingerprint are shown (tests wait on it).
    identity_shown = Signal()

    def __init__(
        self,
        ui_text: UiText,
        lang: str,
        *,
        settings_file: Path | None = None,
        key_file: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PointPage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._ui_text = ui_text
        self._lang = lang
        self._settings_file = settings_file
        self._key_file = key_file
        self.saving = False
        self.upper = False
        p = theme.DEFAULT
        self.setStyleSheet(
            f"""
#PointPage {{ background: {p.background}; }}
#PointPage QLineEdit {{ font-size: 24px; min-height: 52px; max-height: 52px; padding: 0 12px; color: {p.text};
    background: {p.surface}; border: {theme.BORDER}px solid {p.secondary_border}; border-radius: 8px; }}
#PointPage QLabel[role="right"] {{ background: {p.right}; color: {p.on_right}; padding: 6px 10px;
    border-radius: 8px; font-size: 20px; }}
#PointPage QLabel[role="wrong"] {{ background: {p.wrong}; color: {p.on_wrong}; padding: 6px 10px;
    border-radius: 8px; font-size: 20px; }}
#PointPage QLineEdit:focus {{ border: {theme.BORDER + 1}px solid {p.focus}; }}
#PointPage QPushButton[emphasis="osk-key"] {{ min-width: {KEY_WIDTH}px; max-width: {KEY_WIDTH}px;
    min-height: {KEY_HEIGHT}px; max-height: {KEY_HEIGHT}px; padding: 0; }}
#PointPage QPushButton[emphasis="osk-wide"] {{ min-height: {KEY_HEIGHT}px; max-height: {KEY_HEIGHT}px; }}
"""
        )
        self.title = label(self._t("title"), "heading")
        self.intro = label(self._t("intro"), "muted")
        self.identity = label(self._t("identity_loading"), "muted")
        self.identity.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fields: dict[str, QLineEdit] = {}
        self.captions: dict[str, QWidget] = {}
        form = QVBoxLayout()
        form.setSpacing(theme.SPACING // 3)
        for name in FIELDS:
            caption = label(self._t(f"field_{name}"), "body")
            edit = QLineEdit()
            edit.setObjectName(name)
            edit.setAccessibleName(caption.text())
            edit.textEdited.connect(self._on_edited)
            self.captions[name] = caption
            self.fields[name] = edit
            form.addWidget(caption)
            form.addWidget(edit)
        self.message = label("", "body")
        self.message.setObjectName("point-message")
        self.message.hide()

        left = QVBoxLayout()
        left.setSpacing(theme.SPACING // 2)
        left.addWidget(self.identity)
        left.addLayout(form)
        left.addWidget(self.message)
        left.addStretch(1)

        self.keys: dict[str, BigButton] = {}
        keyboard = QVBoxLayout()
        keyboard.setSpacing(theme.SPACING // 3)
        for row_letters in LETTER_ROWS:
            row = QHBoxLayout()
            row.setSpacing(theme.SPACING // 3)
            for letter in row_letters:
                row.addWidget(self._key(letter, letter, functools.partial(self._type, letter)))
            row.addStretch(1)
            keyboard.addLayout(row)
        marks = QGridLayout()
        marks.setSpacing(theme.SPACING // 3)
        for column, (mark, shown) in enumerate([*SHAPE_SHOWN.items(), *TONE_SHOWN.items()]):
            marks.addWidget(self._key(f"mark-{shown}", shown, functools.partial(self._mark, mark)), 0, column)
        marks.setColumnStretch(len(SHAPE_SHOWN) + len(TONE_SHOWN), 1)
        keyboard.addLayout(marks)
        self.shift_button = BigButton(self._t("shift"), role="secondary", checkable=True)
        self.space_button = BigButton(self._t("space"), role="secondary")
        self.delete_button = BigButton(self._t("delete"), role="secondary")
        for name, button in (
            ("shift", self.shift_button),
            ("space", self.space_button),
            ("delete", self.delete_button),
        ):
            button.set_emphasis("osk-wide")
            button.setObjectName(f"key-{name}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.keys[name] = button
        self.shift_button.toggled.connect(self._on_shift)
        self.space_button.clicked.connect(functools.partial(self._type, " "))
        self.delete_button.clicked.connect(self._on_delete)
        last = QHBoxLayout()
        last.setSpacing(theme.SPACING // 3)
        last.addWidget(self.shift_button)
        last.addWidget(self.space_button, 1)
        last.addWidget(self.delete_button)
        keyboard.addLayout(last)
        keyboard.addStretch(1)

        columns = QHBoxLayout()
        columns.setSpacing(theme.MARGIN)
        columns.addLayout(left, 1)
        columns.addLayout(keyboard, 0)
        page = QVBoxLayout()
        page.setContentsMargins(theme.MARGIN, theme.MARGIN // 2, theme.MARGIN, theme.MARGIN // 2)
        page.setSpacing(theme.SPACING // 3)
        page.addWidget(self.title)
        page.addWidget(self.intro)
        page.addLayout(columns, 1)

        self.back_button = BigButton(self._t("back"), role="secondary")
        self.save_button = BigButton(self._t("save"), role="primary")
        self.back_button.clicked.connect(self.back_requested)
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(page, 1)
        layout.addWidget(bar("BottomBar", self.back_button, self.save_button, stretch_at=(1,)))

    def _t(self, key: str, **fields: object) -> str:
        return self._ui_text.get(self._lang, f"organiser.point.{key}", **fields)

    def _key(self, name: str, shown: str, on_click: functools.partial[None]) -> BigButton:
        button = BigButton(shown, role="secondary")
        button.set_emphasis("osk-key")
        button.setObjectName(f"key-{name}")
        # The fields keep the focus: a tap on a key types where the organiser was typing.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(on_click)
        self.keys[name] = button
        return button

    # -- public ------------------------------------------------------------------------
    @property
    def settings_file(self) -> Path:
        return self._settings_file if self._settings_file is not None else paths.settings_file()

    def start(self) -> None:
        """Show the settings as saved now, and read the kiosk's id and key off the GUI thread."""
        self.show_settings()
        worker.run_in_background(
            functools.partial(read_identity, self._key_file),
            self._on_identity,
            self._on_identity_failed,
            what="read the kiosk id and signing key",
        )

    def show_settings(self) -> None:
        """The three lines as saved now (a small file), with no message; the id and key to come."""
        current = settings_store.load(self.settings_file)
        for name in FIELDS:
            self.fields[name].setText(str(getattr(current, name)))
            self.fields[name].setProperty("problem", False)
            repolish(self.fields[name])
        self._say("", "body")
        self.fields["point_name"].setFocus()
        self.fields["point_name"].end(False)
        self.identity.setText(self._t("identity_loading"))

    def values(self) -> dict[str, str]:
        return {name: self.fields[name].text().strip() for name in FIELDS}

    def save(self) -> None:
        """Check the three lines; save them (off the GUI thread) or say what is wrong."""
        if self.saving:
            return
        values = self.values()
        for name in FIELDS:
            problem = line_problem(name, values[name])
            if problem is not None:
                key, fields = problem
                field_name = self._t(f"field_{name}")
                self._say(self._t(f"problem_{key}", field=field_name, **fields), "wrong")
                self.fields[name].setFocus()
                return
        self.saving = True
        self.save_button.setEnabled(False)
        work = functools.partial(
            save_point, self.settings_file, values["point_name"], values["commune"], values["province"]
        )
        worker.run_in_background(work, self._on_saved, self._on_save_failed, what="save the point's place")

    # -- slots -------------------------------------------------------------------------
    def show_identity(self, identity: Identity) -> None:
        self._on_identity(identity)

    def _on_identity(self, identity: Identity) -> None:
        self.identity.setText(self._t("identity", kiosk=identity.kiosk_id, fingerprint=identity.fingerprint))
        self.identity_shown.emit()

    def _on_identity_failed(self, error: Exception) -> None:
        self.identity.setText(self._t("identity_failed", reason=str(error)))
        self.identity_shown.emit()

    def _on_saved(self, saved: settings_store.Settings) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        for name in FIELDS:
            self.fields[name].setText(str(getattr(saved, name)))
        empty = self._t("not_set")
        self._say(
            self._t(
                "saved",
                point=saved.point_name,
                commune=saved.commune or empty,
                province=saved.province or empty,
            ),
            "right",
        )
        log.info("the organiser saved the point's name and place")
        self.saved.emit(saved.point_name)

    def _on_save_failed(self, error: Exception) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        self._say(self._t("failed", reason=reason), "wrong")

    def _on_edited(self, _text: str) -> None:
        self._say("", "body")

    def _on_shift(self, upper: bool) -> None:
        self.upper = upper
        for name, button in self.keys.items():
            if len(name) == 1:
                button.setText(name.upper() if upper else name)

    def _on_delete(self) -> None:
        edit = self._edit()
        edit.backspace()
        self._say("", "body")

    def _type(self, letter: str) -> None:
        edit = self._edit()
        edit.insert(letter.upper() if self.upper else letter)
        if self.upper and letter != " ":
            self.shift_button.setChecked(False)
        self._say("", "body")

    def _mark(self, mark: str) -> None:
        edit = self._edit()
        cursor = edit.cursorPosition()
        text = edit.text()
        before = with_mark(text[:cursor], mark)
        edit.setText(before + text[cursor:])
        edit.setCursorPosition(len(before))
        self._say("", "body")

    # -- helpers -------------------------------------------------------------------------
    def _edit(self) -> QLineEdit:
        """The field being typed in (the name when none has had the focus)."""
        focused = self.focusWidget()
        if isinstance(focused, QLineEdit) and focused in self.fields.values():
            return focused
        return self.fields["point_name"]

    def _say(self, text: str, role: str) -> None:
        self.message.setText(text)
        self.message.setProperty("role", role)
        repolish(self.message)
        self.message.setVisible(bool(text))
