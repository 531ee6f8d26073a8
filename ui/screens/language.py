"""Choosing a language: one big tile per language, each named in that language.

Languages volunteers recorded (voice packs, ``kiosk.narration.voices``) are chosen by ear: each
has a tile with its own name (or its Vietnamese name, where its own is not known for sure) and a
speaker; touching it plays the pack's recorded greeting and then chooses it. A text language
with a voice pack gets the speaker too. Voice tiles are read afresh each time the screen is
shown, so a pack just recorded or installed is offered to the next visitor.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import UiText
from kiosk.languages import REFERENCE_LANGUAGE
from kiosk.narration.voices import SOURCE_UI_KEYS, VoiceLookup
from ui.look import theme
from ui.widgets.common import BigButton, bar, label, scroll_area
from ui.widgets.focus_order import HELP_KEY, KeyRole, mark
from ui.widgets.icons import Icon

log = logging.getLogger(__name__)

_COLUMNS = 2
# A greeting is a few words: a file that plays longer does not hold the visitor back.
GREETING_LIMIT_MS = 6000
# How often the screen looks whether the greeting has ended.
_GREETING_POLL_MS = 50
# The narration's default level (4 dB below full, ui.narration.narrator).
GREETING_GAIN = 10 ** (-4 / 20)


class Greeter(Protocol):
    """What plays a greeting (``ui.narration.playback.NarrationPlayback``, handed in by the window)."""

    @property
    def playing(self) -> bool: ...

    def available(self) -> bool: ...

    def play(self, path: Path, volume: float) -> None: ...

    def stop(self) -> None: ...


class LanguageScreen(QWidget):
    language_chosen = Signal(str)
    back_requested = Signal()
    # A voice language's greeting started playing (its file), for the log and the tests.
    greeting_played = Signal(str)

    def __init__(
        self,
        ui_text: UiText,
        parent: QWidget | None = None,
        *,
        voices: VoiceLookup | None = None,
        greeter: Greeter | None = None,
    ) -> None:
        super().__init__(parent)
        self._ui_text = ui_text
        self._lang = ui_text.languages()[0]
        if voices is None:
            vietnamese = {
                key: ui_text.get(REFERENCE_LANGUAGE, key)
                for key in SOURCE_UI_KEYS
                if ui_text.has(REFERENCE_LANGUAGE, key)
            }
            voices = VoiceLookup.of((), vietnamese)
        self._voices = voices
        # Without one (a kiosk without sound), a voice language is chosen at once.
        self._greeter = greeter
        # The voice language whose greeting plays now, chosen when it ends.
        self._pending = ""
        self._waited_ms = 0
        self._poll = QTimer(self)
        self._poll.setInterval(_GREETING_POLL_MS)
        self._poll.timeout.connect(self._on_poll)
        self.heading_label = label("", "heading", centred=True)
        self.tiles: dict[str, BigButton] = {}
        # The tiles of voice-only languages (rebuilt when the screen is shown).
        self.voice_tiles: dict[str, BigButton] = {}
        self._grid = QGridLayout()
        self._grid.setSpacing(theme.SPACING * 2)
        for index, lang in enumerate(ui_text.languages()):
            self.tiles[lang] = tile = self._tile(ui_text.language_name(lang), lang, voice=False)
            self._grid.addWidget(tile, index // _COLUMNS, index % _COLUMNS)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(theme.MARGIN * 3, theme.MARGIN, theme.MARGIN * 3, theme.MARGIN)
        column.setSpacing(theme.SPACING * 2)
        column.addStretch(1)
        column.addWidget(self.heading_label)
        column.addLayout(self._grid)
        column.addStretch(2)

        self.back_button = BigButton(role="secondary", icon=Icon.BACK)
        mark(self.back_button, "help.control.back", KeyRole.BACK)
        self.setProperty(HELP_KEY, "help.screen.language")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(scroll_area(content), 1)
        layout.addWidget(bar("BottomBar", self.back_button, None, stretch_at=(1,)))
        self.back_button.clicked.connect(self.back_requested)
        self.heading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Once the grid is in the screen: a voice tile is never a window of its own.
        self.refresh_voices()

    def _tile(self, name: str, lang: str, *, voice: bool) -> BigButton:
        # Every tile can show the speaker: a text language's only while it has a voice pack.
        tile = BigButton(name, role="language", icon=Icon.SPEAKER)
        if tile.icon_view is not None:
            tile.icon_view.setVisible(voice)
        tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        mark(tile, "help.control.language", main=True)
        tile.clicked.connect(lambda _checked=False, chosen=lang: self._on_tile_clicked(chosen))
        return tile

    def refresh_voices(self) -> None:
        """Offer every language with a voice pack now: a speaker tile each (text languages keep theirs)."""
        try:
            recorded = {language.code: language for language in self._voices.languages()}
        except OSError as error:
            log.warning("the voice packs cannot be read: %s", error)
            recorded = {}
        for lang, tile in self.tiles.items():
            if tile.icon_view is not None:
                tile.icon_view.setVisible(lang in recorded)
        spoken_only = {code: language for code, language in recorded.items() if code not in self.tiles}
        shown = {lang: tile.text() for lang, tile in self.voice_tiles.items()}
        if shown == {code: language.shown_name for code, language in spoken_only.items()}:
            return
        for tile in self.voice_tiles.values():
            self._grid.removeWidget(tile)
            tile.deleteLater()
        self.voice_tiles = {
            code: self._tile(language.shown_name, code, voice=True) for code, language in spoken_only.items()
        }
        for index, tile in enumerate(self.voice_tiles.values(), start=len(self.tiles)):
            self._grid.addWidget(tile, index // _COLUMNS, index % _COLUMNS)
            # Added while the screen may already be shown: shown with it, not an event later.
            tile.setVisible(True)

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh_voices()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._pending = ""
        self._poll.stop()
        if self._greeter is not None:
            self._greeter.stop()
        super().hideEvent(event)

    def _on_tile_clicked(self, lang: str) -> None:
        """A text language is chosen at once; a recorded one after its greeting (at once without one)."""
        if self._pending:
            return  # a greeting plays: its language is being chosen
        greeter = self._greeter
        greeting = self._voices.greeting(lang) if greeter is not None else None
        if greeter is None or greeting is None or not greeter.available():
            self.language_chosen.emit(lang)
            return
        self._pending = lang
        self._waited_ms = 0
        greeter.play(greeting, GREETING_GAIN)
        self._poll.start()
        log.info("greeting of %s: %s", lang, greeting)
        self.greeting_played.emit(str(greeting))

    def _on_poll(self) -> None:
        """The greeting ended (or failed, or went on too long): its language is chosen."""
        self._waited_ms += _GREETING_POLL_MS
        greeter = self._greeter
        if greeter is not None and greeter.playing and self._waited_ms < GREETING_LIMIT_MS:
            return
        self._poll.stop()
        if greeter is not None:
            greeter.stop()
        lang, self._pending = self._pending, ""
        if lang:
            self.language_chosen.emit(lang)

    def retranslate(self, lang: str) -> None:
        self._lang = lang
        text = self._ui_text
        # The question in every language, this one first: the visitor may not read this one.
        ordered = [lang, *(other for other in text.languages() if other != lang)]
        self.heading_label.setText("  /  ".join(text.get(other, "language.choose") for other in ordered))
        self.back_button.setText(text.get(lang, "common.back"))

    def spoken_text(self) -> str:
        """The question in the visitor's language only: heard in every language, it would be a long wait."""
        return self._ui_text.get(self._lang, "language.choose")
