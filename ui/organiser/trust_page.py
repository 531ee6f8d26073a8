"""The organiser's "Trusted keys" page: the keys the kiosk trusts, and adding the content team's from a stick.

Only packs signed by a trusted key install (``kiosk.content.trust``). A stick carries the
content team's public key as ``<stick>/kiosk-keys/<name>.pub``; anyone can write a stick, so a
key is trusted only after the organiser compares its key id with the one the content team
sent another way (telephone, letter): the page shows the id in large characters and asks for
its last characters on a keypad of hex digits; "Trust this key" stays off until they match.
The key saved is the one read and shown, through ``kiosk.content.trust`` (the same store as
``kiosk content trust``). A key added here can be removed again; a shipped key cannot (a key
that must no longer be used is revoked, ``kiosk content revoke``).

The sticks are read off the GUI thread (``StickPage``), small plain files only
(``kiosk.content.sticks.find_keys``); the trust store is the kiosk's own small file.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.content.printable import printable
from kiosk.content.sticks import KeyOnStick, find_keys
from kiosk.content.trust import TrustedKey, TrustStore, load_trust, trust_key, untrust_key
from kiosk.i18n import UiText
from kiosk.system.removable import Drive, list_drives
from ui.look import theme
from ui.organiser.stick_page import ListDrives, StickPage
from ui.widgets.common import BigButton, bar, clear_layout, label, repolish, scroll_area

log = logging.getLogger(__name__)

HEX_DIGITS = "0123456789ABCDEF"
# The organiser types at least this many of the key id's last characters before trusting it.
MIN_TYPED = 4
MAX_TYPED = 16
KEYPAD_COLUMNS = 8


def keys_on_sticks(list_drives: Callable[[], Sequence[Drive]]) -> list[KeyOnStick]:
    """The public keys on every stick ``list_drives`` finds (run on the worker thread)."""
    return find_keys(drive.path for drive in list_drives())


def grouped(key_id: str) -> str:
    """``0261 C544 72CB 5889``: a key id in groups of four, easier to compare aloud.

    The spaces do not break: a code split over two lines is easy to misread.
    """
    return "\u00a0".join(key_id[i : i + 4] for i in range(0, len(key_id), 4))


class TrustPage(StickPage):
    # A key was trusted or removed: the content page lists its packs again.
    keys_changed = Signal()

    def __init__(
        self,
        ui_text: UiText,
        lang: str,
        *,
        extra_folders: Sequence[Path] = (),
        list_drives: ListDrives = list_drives,
        trust_file: Path | None = None,
        keys_dir: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ui_text,
            lang,
            name="TrustPage",
            words="organiser.keys",
            extra_folders=extra_folders,
            list_drives=list_drives,
            parent=parent,
        )
        # None: the kiosk's own (kiosk.system.paths).
        self._trust_file = trust_file
        self._keys_dir = keys_dir
        self.store = TrustStore()
        self.keys: list[KeyOnStick] = []
        # The keys that can be trusted, in the order of their buttons.
        self._choosable: list[KeyOnStick] = []
        # The key being compared, and what the organiser typed of its id.
        self.checking: KeyOnStick | None = None
        self.typed = ""
        # The added key the "Remove?" question is about.
        self.removing: TrustedKey | None = None
        self.remove_buttons: dict[str, BigButton] = {}
        self.key_buttons: list[BigButton] = []
        self._build()

    def _build(self) -> None:
        self.intro = label(self._t("intro"), "body")
        self.trusted_title = label(self._t("trusted"), "section")
        self.trusted_list = QVBoxLayout()
        self.trusted_list.setSpacing(theme.SPACING // 2)
        self.confirm = QFrame()
        self.confirm.setProperty("role", "figures")
        self.confirm_text = label("", "body", parent=self.confirm)
        self.confirm_yes = BigButton(self._t("remove_yes"), role="primary")
        self.confirm_no = BigButton(self._t("remove_no"), role="secondary")
        answers = QHBoxLayout()
        answers.setSpacing(theme.SPACING)
        answers.addWidget(self.confirm_no)
        answers.addWidget(self.confirm_yes)
        answers.addStretch(1)
        confirm_layout = QVBoxLayout(self.confirm)
        half = theme.SPACING // 2
        confirm_layout.setContentsMargins(theme.SPACING, half, theme.SPACING, half)
        confirm_layout.setSpacing(half)
        confirm_layout.addWidget(self.confirm_text)
        confirm_layout.addLayout(answers)
        self.confirm.hide()
        self.confirm_yes.clicked.connect(self._on_confirm_yes_clicked)
        self.confirm_no.clicked.connect(self._on_confirm_no_clicked)

        listing = QWidget()
        column = QVBoxLayout(listing)
        column.setContentsMargins(theme.MARGIN, theme.MARGIN // 2, theme.MARGIN, theme.MARGIN // 2)
        column.setSpacing(theme.SPACING // 2)
        for widget in (self.intro, self.status):
            column.addWidget(widget)
        column.addSpacing(theme.SPACING // 2)
        column.addWidget(self.trusted_title)
        column.addLayout(self.trusted_list)
        column.addWidget(self.confirm)
        column.addSpacing(theme.SPACING // 2)
        for widget in (self.choose, self.none_found, self.looking, self.found):
            column.addWidget(widget)
        column.addLayout(self.choice_list)
        column.addStretch(1)

        self.views = QStackedWidget()
        self.list_view = scroll_area(listing)
        self.check_view = self._check_view()
        self.views.addWidget(self.list_view)
        self.views.addWidget(self.check_view)

        self.list_button = BigButton(self._t("to_list"), role="secondary")
        self.trust_button = BigButton(self._t("trust"), role="primary")
        self.list_button.clicked.connect(self._on_list_clicked)
        self.trust_button.clicked.connect(self._on_trust_clicked)

        heading = QWidget()
        heading_layout = QVBoxLayout(heading)
        heading_layout.setContentsMargins(theme.MARGIN, theme.MARGIN // 2, theme.MARGIN, 0)
        heading_layout.addWidget(self.title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(heading)
        layout.addWidget(self.views, 1)
        layout.addWidget(
            bar(
                "BottomBar",
                self.back_button,
                self.list_button,
                self.refresh_button,
                self.trust_button,
                stretch_at=(2,),
            )
        )
        self._show_view()

    def _check_view(self) -> QWidget:
        """Compare the key id with the content team's, and type its last characters."""
        self.compare = label(self._t("compare"), "body")
        self.key_id_label = label("", "figure", centred=True)
        self.key_id_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.type_last = label(self._t("type_last", count=MIN_TYPED), "body")
        self.typed_label = label("", "figure", centred=True)
        self.match_note = label("", "body")
        self.hex_buttons: dict[str, BigButton] = {}
        keypad = QGridLayout()
        keypad.setSpacing(theme.SPACING // 2)
        for index, digit in enumerate(HEX_DIGITS):
            button = BigButton(digit, role="secondary")
            button.set_emphasis("hex-digit")
            button.clicked.connect(functools.partial(self._on_hex_clicked, digit))
            self.hex_buttons[digit] = button
            keypad.addWidget(button, index // KEYPAD_COLUMNS, index % KEYPAD_COLUMNS)
        self.delete_button = BigButton(self._t("delete"), role="secondary")
        self.delete_button.set_emphasis("hex-delete")
        self.delete_button.clicked.connect(self._on_delete_clicked)
        keypad.addWidget(self.delete_button, 0, KEYPAD_COLUMNS, 2, 1)
        keypad_row = QHBoxLayout()
        keypad_row.addStretch(1)
        keypad_row.addLayout(keypad)
        keypad_row.addStretch(1)
        # Green when the characters match, red when they do not (the quiz's colours).
        self.match_frame = QFrame()
        match_layout = QVBoxLayout(self.match_frame)
        match_layout.setContentsMargins(theme.SPACING, theme.SPACING // 2, theme.SPACING, theme.SPACING // 2)
        match_layout.addWidget(self.match_note)
        self.match_frame.hide()

        view = QWidget()
        column = QVBoxLayout(view)
        column.setContentsMargins(theme.MARGIN, theme.MARGIN // 2, theme.MARGIN, theme.MARGIN // 2)
        column.setSpacing(theme.SPACING // 2)
        for widget in (self.compare, self.key_id_label, self.type_last):
            column.addWidget(widget)
        column.addWidget(self.typed_label)
        column.addLayout(keypad_row)
        column.addWidget(self.match_frame)
        column.addStretch(1)
        return scroll_area(view)

    # -- public ------------------------------------------------------------------------
    @property
    def matches(self) -> bool:
        """The organiser typed enough of the key id's end, and it is the key's."""
        key = self.checking
        return key is not None and len(self.typed) >= MIN_TYPED and key.key_id.endswith(self.typed)

    def start(self) -> None:
        """Show the page afresh and look at the sticks (called when the organiser opens it)."""
        self.reset()
        self.refresh()

    def reset(self) -> None:
        """The list of keys, as read now, with no question or check open."""
        self.checking = None
        self._say("")
        self._ask_remove(None)
        self._show_trusted()
        self._show_view()

    def look_at_sticks(self) -> Callable[[], list[KeyOnStick]]:
        return functools.partial(keys_on_sticks, self.drives_work())

    def show_sticks(self, found: list[KeyOnStick]) -> None:
        """The keys on the sticks: those that can be trusted as choices, then the others with why."""
        self._show_trusted()
        self.keys = found
        self._choosable = [key for key in found if self._can_trust(key)]
        self.set_choices([])
        # Plain buttons, not choices: a tap opens the check at once.
        self.key_buttons = []
        for key in self._choosable:
            button = BigButton(
                self._t("stick_key", name=key.name, key_id=grouped(key.key_id)), role="secondary"
            )
            button.clicked.connect(functools.partial(self._on_key_clicked, key))
            self.choice_list.addWidget(button)
            self.key_buttons.append(button)
        for key in found:
            if key.problem is not None:
                text = self._t("unusable", file=printable(key.file.name), problem=key.problem)
            elif key.key_id in self.store.revoked:
                text = self._t("stick_revoked", name=key.name, key_id=grouped(key.key_id))
            elif self.store.find(key.key_id) is not None:
                text = self._t("already", name=key.name, key_id=grouped(key.key_id))
            else:
                continue
            self.choice_list.addWidget(label(text, "body"))
        self.none_found.setVisible(not found)
        self._enable()

    def found_count(self) -> int:
        """Every key file found, trusted already or not usable included: each is listed."""
        return len(self.keys)

    def show_found_nothing(self) -> None:
        self.keys, self._choosable, self.key_buttons = [], [], []
        super().show_found_nothing()

    def check(self, key: KeyOnStick) -> None:
        """Ask the organiser to compare ``key``'s id with the content team's and type its end."""
        self.checking = key
        self.typed = ""
        self.key_id_label.setText(grouped(key.key_id))
        self._say("")
        self._ask_remove(None)
        self._show_typed()
        self._show_view()

    # -- slots -------------------------------------------------------------------------
    def _on_key_clicked(self, key: KeyOnStick) -> None:
        if not self.listing:
            self.check(key)

    def _on_hex_clicked(self, digit: str) -> None:
        if self.checking is None or len(self.typed) >= MAX_TYPED:
            return
        self.typed += digit
        self._show_typed()

    def _on_delete_clicked(self) -> None:
        self.typed = self.typed[:-1]
        self._show_typed()

    def _on_list_clicked(self) -> None:
        self.checking = None
        self._show_view()
        self.refresh()

    def _on_trust_clicked(self) -> None:
        key = self.checking
        if key is None or key.key is None or not self.matches:
            return
        try:
            trusted = trust_key(key.key, key.name, self._trust_file)
        except OSError as error:
            log.error("the content key %s could not be trusted: %s", key.key_id, error)
            self.match_note.setText(self._t("failed", reason=error.strerror or str(error)))
            return
        log.info("organiser trusts content key %s from %s", trusted, key.file)
        self.checking = None
        self._show_view()
        self._say(self._t("trusted_done", name=trusted.name, key_id=grouped(trusted.key_id)))
        self.keys_changed.emit()
        self.refresh()

    def _on_remove_clicked(self, key: TrustedKey) -> None:
        self._say("")
        self._ask_remove(key)

    def _on_confirm_yes_clicked(self) -> None:
        key = self.removing
        if key is None:
            return
        self._ask_remove(None)
        try:
            untrust_key(key.key_id, self._trust_file)
        except OSError as error:
            log.error("the content key %s could not be removed: %s", key.key_id, error)
            self._say(self._t("failed", reason=error.strerror or str(error)))
            return
        self._say(self._t("removed", name=printable(key.name), key_id=grouped(key.key_id)))
        self.keys_changed.emit()
        self.refresh()

    def _on_confirm_no_clicked(self) -> None:
        self._ask_remove(None)

    # -- helpers -------------------------------------------------------------------------
    def _can_trust(self, key: KeyOnStick) -> bool:
        return (
            key.key is not None
            and key.key_id not in self.store.revoked
            and self.store.find(key.key_id) is None
        )

    def _show_trusted(self) -> None:
        """The keys the kiosk trusts now, each with where it came from; an added one can be removed."""
        self.store = load_trust(self._keys_dir, self._trust_file)
        clear_layout(self.trusted_list)
        self.remove_buttons = {}
        for key in self.store.keys:
            where = self._t("bundled" if key.bundled else "added")
            if key.key_id in self.store.revoked:
                where += " · " + self._t("revoked")
            text = self._t("key_line", name=printable(key.name), key_id=grouped(key.key_id), where=where)
            row = QWidget()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.setSpacing(theme.SPACING)
            row_layout.addWidget(label(text, "body"), 1)
            if not key.bundled:
                remove = BigButton(self._t("remove"), role="secondary")
                remove.clicked.connect(functools.partial(self._on_remove_clicked, key))
                self.remove_buttons[key.key_id] = remove
                row_layout.addWidget(remove)
            self.trusted_list.addWidget(row)
        if not self.store.keys:
            self.trusted_list.addWidget(label(self._t("trusted_none"), "body"))

    def _ask_remove(self, key: TrustedKey | None) -> None:
        self.removing = key
        if key is not None:
            self.confirm_text.setText(
                self._t("remove_confirm", name=printable(key.name), key_id=grouped(key.key_id))
            )
        self.confirm.setVisible(key is not None)
        self._enable()

    def _show_typed(self) -> None:
        shown = max(MIN_TYPED, len(self.typed))
        blanks = "_" * (shown - len(self.typed))
        self.typed_label.setText(grouped(blanks + self.typed) if self.typed else " ".join("_" * MIN_TYPED))
        enough = len(self.typed) >= MIN_TYPED
        self.match_note.setText(self._t("match" if self.matches else "mismatch") if enough else "")
        self.match_frame.setProperty("role", "right" if self.matches else "wrong")
        repolish(self.match_frame)
        repolish(self.match_note)
        self.match_frame.setVisible(enough)
        self._enable()

    def _say(self, text: str) -> None:
        """What just happened, above the lists (hidden when there is nothing to say)."""
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _show_view(self) -> None:
        key = self.checking
        self.views.setCurrentWidget(self.check_view if key is not None else self.list_view)
        self.title.setText(self._t("check_title", name=key.name) if key is not None else self._t("title"))
        self._enable()

    def _enable(self) -> None:
        super()._enable()
        checking = self.checking is not None
        self.back_button.setVisible(not checking)
        self.refresh_button.setVisible(not checking)
        self.list_button.setVisible(checking)
        self.trust_button.setVisible(checking)
        self.trust_button.setEnabled(self.matches)
        asking = self.removing is not None
        for button in self.remove_buttons.values():
            button.setEnabled(not asking)
        for button in self.key_buttons:
            button.setEnabled(not self.listing)
