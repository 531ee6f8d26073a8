"""The organiser's "Record voices" page: volunteers record the lessons in their language, and check them.

Three views in one page:

- **Consent**, the first time: only volunteers' voices are recorded, never a visitor's; the
  recordings may be shared with other kiosks. "I agree" is kept as the setting
  ``voices_consent`` (no name, nothing personal), so it is asked once.
- **The list**: the languages (the known ones, those with a pack, or one added by its ISO 639-3
  code), and for the chosen one each tutorial and the interface words with its coverage
  (recorded / checked / missing / stale), the stale items by name, and "Record" and "Check
  recordings" for each. The setting ``allow_unchecked_voices`` is shown and changed here.
- **An item**: its Vietnamese text and its step's picture; recording ("Record", a level meter
  while the microphone hears, "Stop", "Listen", "Keep" or "Redo"; "Keep" moves on), or checking
  (a second volunteer listens and marks it "Checked" with a short label, or asks for a redo).

Recording is ``ui.voices.recorder`` (QAudioSource) and ``kiosk.voices`` (trimming, loudness,
Ogg Opus, the pack). No microphone is a message saying what to do, never an error.
"""

from __future__ import annotations

import logging
import math
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.model import DEFAULT_LANGUAGE, RingKind, Tutorial
from kiosk.i18n import UiText
from kiosk.narration.speech import normalise
from kiosk.system import paths
from kiosk.system import settings as settings_store
from kiosk.voices.audio import Prepared, RecordingProblemError, prepare
from kiosk.voices.coverage import Coverage, Status, Voices, coverage, status_of
from kiosk.voices.items import UI_GROUP, Item, SourceTexts
from kiosk.voices.languages import LANGUAGES, VoiceLanguage, is_voice_language_code, known_language
from kiosk.voices.pack import LABEL_MAX, VoicePackError, clean_label
from ui.look import theme
from ui.narration.playback import NarrationPlayback
from ui.voices.recorder import MicrophoneRecorder, NoMicrophoneError
from ui.voices.touch_keys import TouchKeys
from ui.widgets.common import BigButton, bar, clear_layout, label, repolish, scroll_area
from ui.widgets.step_picture import StepPicture

log = logging.getLogger(__name__)

# The level meter: -60 dBFS (silence) to 0 dBFS (full scale).
METER_FLOOR_DBFS = -60.0
PICTURE_WIDTH = 300


@dataclass(frozen=True)
class VoiceContent:
    """What can be recorded now: the texts, each group's title, each step's picture."""

    texts: SourceTexts
    # Tutorial id -> its Vietnamese title.
    titles: Mapping[str, str]
    # A step's item -> (picture, highlighted element, whether its ring says "look" rather than "tap").
    pictures: Mapping[Item, tuple[Path, str, bool]]
    # A step's item -> its title, shown on a line of its own above the rest of the text.
    step_titles: Mapping[Item, str] = field(default_factory=dict)

    def shown(self, item: Item) -> str:
        """The item's Vietnamese text as the volunteer reads it: the step's title on its own line."""
        text = self.texts.text(item) or ""
        title = self.step_titles.get(item, "")
        if title and text.startswith(title + " "):
            return f"{title}\n{text[len(title) + 1 :]}"
        return text


def content_of(tutorials: Iterable[Tutorial], ui_words: Mapping[str, str]) -> VoiceContent:
    listed = list(tutorials)
    texts = SourceTexts(listed, ui_words)
    titles = {tutorial.id: tutorial.text(DEFAULT_LANGUAGE).title for tutorial in listed}
    pictures: dict[Item, tuple[Path, str, bool]] = {}
    step_titles: dict[Item, str] = {}
    steps = {(tutorial.id, step.id): step for tutorial in listed for step in tutorial.steps}
    # Each step's own words (not a quiz reason: its item has a ".why" after the step's id).
    texts_of = {tutorial.id: tutorial.text(DEFAULT_LANGUAGE).steps for tutorial in listed}
    for group, items in texts.groups.items():
        for item in items:
            if group == UI_GROUP:
                continue
            step = steps.get((item.tutorial, item.step.split(".", 1)[0]))
            if step is not None:
                pictures[item] = (step.image, step.highlight, step.ring is RingKind.LOOK)
            words = texts_of.get(item.tutorial, {}).get(item.step)
            if words is not None:
                step_titles[item] = normalise(words.title)
    return VoiceContent(texts, titles, pictures, step_titles)


def kiosk_content() -> VoiceContent:
    """The kiosk's installed lessons and its own Vietnamese words."""
    from kiosk.content.installed import packs_dir
    from kiosk.content.loader import load_catalogue
    from kiosk.content.ui_texts import read_ui_translations

    catalogue = load_catalogue(packs_dir())
    ui = read_ui_translations(paths.ui_text_dir())
    return content_of(catalogue.tutorials, ui.texts.get(DEFAULT_LANGUAGE, {}))


def meter_value(level: float) -> int:
    """A peak level (0..1) as the meter's 0..100, on a decibel scale."""
    if level <= 0:
        return 0
    dbfs = 20 * math.log10(level)
    return round(max(0.0, min(1.0, 1 - dbfs / METER_FLOOR_DBFS)) * 100)


# The core's words for a take that cannot be kept -> this page's text keys.
_PROBLEMS = (
    ("Nothing was heard", "organiser.voices.problem_silent"),
    ("Only noise", "organiser.voices.problem_noise"),
    ("too short", "organiser.voices.problem_short"),
)
# The core's words for a label it refuses -> this page's text keys.
_LABEL_PROBLEMS = (
    ("say who", "organiser.voices.label_empty"),
    ("longer than", "organiser.voices.label_long"),
    ("looks like", "organiser.voices.label_personal"),
)


class VoicesPage(QWidget):
    back_requested = Signal()
    # A take was kept (tests wait on it): the item's key.
    kept = Signal(str)

    def __init__(
        self,
        ui_text: UiText,
        lang: str,
        *,
        content: Callable[[], VoiceContent] = kiosk_content,
        voices_root: Path | None = None,
        settings_file: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("VoicesPage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        p = theme.DEFAULT
        self.setStyleSheet(
            f"""
#VoicesPage {{ background: {p.background}; }}
#VoicesPage QLineEdit {{ font-size: 24px; min-height: 64px; padding: 0 12px; color: {p.text};
    background: {p.surface}; border: {theme.BORDER}px solid {p.secondary_border}; border-radius: 8px; }}
#VoicesPage QLabel[role="right"] {{ background: {p.right}; color: {p.on_right}; padding: 6px 10px;
    border-radius: 8px; font-size: 22px; }}
#VoicesPage QLabel[role="wrong"] {{ background: {p.wrong}; color: {p.on_wrong}; padding: 6px 10px;
    border-radius: 8px; font-size: 22px; }}
#VoicesPage QLabel[role="said"] {{ color: {p.text}; font-size: 30px; background: {p.surface};
    border: {theme.BORDER}px solid {p.tile_border}; border-radius: {theme.RADIUS}px; padding: 12px; }}
#VoicesPage QFrame[role="group"] {{ background: {p.surface}; border: {theme.BORDER}px solid {p.tile_border};
    border-radius: {theme.RADIUS}px; }}
#VoicesPage QFrame[role="group"] QLabel {{ background: transparent; }}
"""
        )
        self._ui_text = ui_text
        self._lang = lang
        self._load_content = content
        # Where the voice packs are (None: the data dir's); pictures use a throw-away folder.
        self.voices_root = voices_root
        self._settings_file = settings_file
        self.content: VoiceContent | None = None
        self.voices: Voices | None = None
        self.language: str = ""
        # Languages added by their code on this page (no pack until the first recording).
        self._added: dict[str, VoiceLanguage] = {}
        # The item view: "record" or "check", its items and where it is.
        self.mode = "record"
        self.group = ""
        self.items: list[Item] = []
        self.index = 0
        # The take waiting for Keep or Redo: its WAV and its trimmed, playable form.
        # A folder of the take's files while there is one (removed with the take).
        self._work: Path | None = None
        self.take: Prepared | None = None
        self._take_wav: Path | None = None
        self.heard = False
        # The checking volunteer's nickname, asked once a visit to this page (never stored but in
        # the checks it makes); what the typing view is for, and the group to check after it.
        self.checker = ""
        self._typing = ""
        self._typing_group = ""
        # The microphone's id (ui.voices.recorder.microphones); None: the system's default one.
        self.microphone: str | None = None
        self.recorder = MicrophoneRecorder(self)
        self.recorder.level_changed.connect(self._on_level)
        self.recorder.failed.connect(self._on_microphone_failed)
        self.playback = NarrationPlayback(self)
        self.playback.failed.connect(lambda reason: log.warning("playing a recording failed: %s", reason))

        self.views = QStackedWidget()
        self.consent_view = self._build_consent()
        self.list_view = self._build_list()
        self.item_view = self._build_item()
        self.type_view = self._build_type()
        for view in (self.consent_view, self.list_view, self.item_view, self.type_view):
            self.views.addWidget(view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.views)

    # -- building ----------------------------------------------------------------------
    def _t(self, key: str, **fields: object) -> str:
        return self._ui_text.get(self._lang, f"organiser.voices.{key}", **fields)

    def _build_consent(self) -> QWidget:
        view = QWidget()
        self.consent_title = label(self._t("consent_title"), "heading")
        self.consent_text = label(self._t("consent_text"), "body")
        self.agree_button = BigButton(self._t("agree"), role="primary")
        self.agree_button.setObjectName("voices-agree")
        consent_back = BigButton(self._t("back"), role="secondary")
        self.agree_button.clicked.connect(self.agree)
        consent_back.clicked.connect(self._leave)
        inner = QVBoxLayout()
        inner.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN // 2)
        inner.setSpacing(theme.SPACING)
        inner.addWidget(self.consent_title)
        inner.addWidget(self.consent_text)
        inner.addStretch(1)
        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(inner, 1)
        layout.addWidget(bar("BottomBar", consent_back, self.agree_button, stretch_at=(1,)))
        return view

    def _build_list(self) -> QWidget:
        view = QWidget()
        title = label(self._t("title"), "heading")
        self.language_buttons: dict[str, BigButton] = {}
        self.language_column = QVBoxLayout()
        self.language_column.setSpacing(theme.SPACING // 3)
        languages_box = QWidget()
        languages_box.setLayout(self.language_column)
        self.add_button = BigButton(self._t("add"), role="secondary")
        self.add_button.setObjectName("voices-add")
        self.add_button.clicked.connect(lambda: self._ask_typing("code"))
        left = QVBoxLayout()
        left.setSpacing(theme.SPACING // 3)
        left.addWidget(label(self._t("languages"), "section"))
        left.addWidget(scroll_area(languages_box), 1)
        left.addWidget(self.add_button)

        self.language_title = label("", "section")
        self.totals = label("", "body")
        self.totals.setObjectName("voices-totals")
        self.list_message = label("", "body")
        self.list_message.hide()
        self.groups_column = QVBoxLayout()
        self.groups_column.setSpacing(theme.SPACING // 2)
        groups_box = QWidget()
        groups_box.setLayout(self.groups_column)
        self.stale = label("", "body")
        self.stale.setObjectName("voices-stale")
        self.stale.hide()
        self.unchecked_note = label(self._t("allow_unchecked_note"), "muted")
        right = QVBoxLayout()
        right.setSpacing(theme.SPACING // 3)
        right.addWidget(self.language_title)
        right.addWidget(self.totals)
        right.addWidget(self.list_message)
        right.addWidget(scroll_area(groups_box), 1)
        right.addWidget(self.stale)
        right.addWidget(self.unchecked_note)

        columns = QHBoxLayout()
        columns.setSpacing(theme.MARGIN)
        columns.addLayout(left, 2)
        columns.addLayout(right, 5)
        inner = QVBoxLayout()
        inner.setContentsMargins(theme.MARGIN, theme.MARGIN // 2, theme.MARGIN, theme.MARGIN // 2)
        inner.setSpacing(theme.SPACING // 3)
        inner.addWidget(title)
        inner.addLayout(columns, 1)

        list_back = BigButton(self._t("back"), role="secondary")
        list_back.setObjectName("voices-back")
        list_back.clicked.connect(self._leave)
        self.unchecked_button = BigButton(self._t("allow_unchecked_off"), role="secondary", checkable=True)
        self.unchecked_button.setObjectName("voices-allow-unchecked")
        self.unchecked_button.toggled.connect(self._on_unchecked_toggled)
        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(inner, 1)
        layout.addWidget(bar("BottomBar", list_back, self.unchecked_button, stretch_at=(1,)))
        return view

    def _build_type(self) -> QWidget:
        view = QWidget()
        self.type_title = label("", "heading")
        self.type_intro = label("", "body")
        self.type_field = QLineEdit()
        self.type_field.setObjectName("voices-typed")
        self.type_field.returnPressed.connect(self.typed)
        self.type_field.textEdited.connect(lambda _text: self._say_typing("", "body"))
        self.type_keys = TouchKeys(
            self.type_field, shift=self._t("shift"), space=self._t("space"), delete=self._t("delete")
        )
        self.type_keys.edited.connect(lambda: self._say_typing("", "body"))
        self.type_message = label("", "body")
        self.type_message.setObjectName("voices-type-message")
        self.type_message.hide()
        inner = QVBoxLayout()
        inner.setContentsMargins(theme.MARGIN, theme.MARGIN // 2, theme.MARGIN, theme.MARGIN // 2)
        inner.setSpacing(theme.SPACING // 2)
        inner.addWidget(self.type_title)
        inner.addWidget(self.type_intro)
        inner.addWidget(self.type_field)
        inner.addWidget(self.type_message)
        inner.addWidget(self.type_keys)
        inner.addStretch(1)
        type_back = BigButton(self._t("back"), role="secondary")
        type_back.clicked.connect(self.show_list)
        self.type_ok = BigButton(self._t("continue"), role="primary")
        self.type_ok.setObjectName("voices-type-ok")
        self.type_ok.clicked.connect(self.typed)
        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(inner, 1)
        layout.addWidget(bar("BottomBar", type_back, self.type_ok, stretch_at=(1,)))
        return view

    def _build_item(self) -> QWidget:
        view = QWidget()
        self.item_header = label("", "section")
        self.item_state = label("", "muted")
        self.said = label("", "said")
        self.said.setObjectName("voices-said")
        self.said.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.meter = QProgressBar()
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(False)
        self.message = label("", "body")
        self.message.setObjectName("voices-message")
        self.message.hide()
        self.record_button = BigButton(self._t("start_recording"), role="primary")
        self.stop_button = BigButton(self._t("stop"), role="primary")
        self.listen_button = BigButton(self._t("listen"), role="secondary")
        self.keep_button = BigButton(self._t("keep"), role="primary")
        self.redo_button = BigButton(self._t("redo"), role="secondary")
        self.checked_button = BigButton(self._t("checked"), role="primary")
        self.check_redo_button = BigButton(self._t("check_redo"), role="secondary")
        self.checker_line = label("", "muted")
        self.checker_line.setObjectName("voices-checker")
        self.record_button.clicked.connect(self.record)
        self.stop_button.clicked.connect(self.stop)
        self.listen_button.clicked.connect(self.listen)
        self.keep_button.clicked.connect(self.keep)
        self.redo_button.clicked.connect(self.redo)
        self.checked_button.clicked.connect(self.mark_checked)
        self.check_redo_button.clicked.connect(self.ask_redo)
        actions = QGridLayout()
        actions.setSpacing(theme.SPACING // 2)
        actions.addWidget(self.record_button, 0, 0)
        actions.addWidget(self.stop_button, 0, 0)
        actions.addWidget(self.listen_button, 0, 1)
        actions.addWidget(self.keep_button, 0, 2)
        actions.addWidget(self.redo_button, 0, 3)
        actions.addWidget(self.checked_button, 0, 2)
        actions.addWidget(self.check_redo_button, 0, 3)
        actions.setColumnStretch(4, 1)
        left = QVBoxLayout()
        left.setSpacing(theme.SPACING // 2)
        left.addWidget(self.item_header)
        left.addWidget(self.item_state)
        left.addWidget(self.said, 1)
        left.addWidget(self.checker_line)
        left.addWidget(self.meter)
        left.addLayout(actions)
        left.addWidget(self.message)
        self.picture = StepPicture()
        self.picture.setFixedWidth(PICTURE_WIDTH)
        self.picture.setAccessibleName(self._t("picture"))
        columns = QHBoxLayout()
        columns.setContentsMargins(theme.MARGIN, theme.MARGIN // 2, theme.MARGIN, theme.MARGIN // 2)
        columns.setSpacing(theme.MARGIN)
        columns.addLayout(left, 1)
        columns.addWidget(self.picture)
        self.to_list_button = BigButton(self._t("to_list"), role="secondary")
        self.previous_button = BigButton(self._t("previous"), role="secondary")
        self.next_button = BigButton(self._t("next"), role="secondary")
        self.to_list_button.clicked.connect(self.show_list)
        self.previous_button.clicked.connect(lambda: self._go(self.index - 1))
        self.next_button.clicked.connect(lambda: self._go(self.index + 1))
        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(columns, 1)
        layout.addWidget(
            bar("BottomBar", self.to_list_button, self.previous_button, self.next_button, stretch_at=(1,))
        )
        return view

    # -- public ------------------------------------------------------------------------
    @property
    def settings_file(self) -> Path:
        return self._settings_file if self._settings_file is not None else paths.settings_file()

    def settings(self) -> settings_store.Settings:
        return settings_store.load(self.settings_file)

    def start(self) -> None:
        """Open the page: consent first if not given yet, else the list."""
        self._end_take()
        if self.content is None:
            try:
                self.content = self._load_content()
            except Exception as error:
                # Whatever made the lessons unreadable is a message on the page, never a crash.
                log.exception("the lessons could not be read for recording")
                self.content = content_of([], {})
                self._say_list(self._t("content_failed", reason=str(error)), "wrong")
            self.voices = Voices(self.content.texts, self.voices_root)
        current = self.settings()
        self.unchecked_button.blockSignals(True)
        self.unchecked_button.setChecked(current.allow_unchecked_voices)
        self.unchecked_button.blockSignals(False)
        self._show_unchecked(current.allow_unchecked_voices)
        if current.voices_consent:
            self.show_list()
        else:
            self.views.setCurrentWidget(self.consent_view)

    def agree(self) -> None:
        """The volunteer agrees (once for this kiosk): kept as a setting, then the list."""
        self._save_settings(replace(self.settings(), voices_consent=True))
        log.info("the volunteers agreed to their voices being recorded")
        self.show_list()

    def show_list(self) -> None:
        self._end_take()
        if not self.language:
            # The first language with recordings, else the first one the kiosk knows.
            with_pack = self.voices.languages() if self.voices is not None else []
            self.language = with_pack[0] if with_pack else LANGUAGES[0].code
        self._fill_languages()
        self._fill_coverage()
        self.views.setCurrentWidget(self.list_view)

    def choose_language(self, code: str) -> None:
        self.language = code
        for other, button in self.language_buttons.items():
            button.setChecked(other == code)
        self._say_list("", "body")
        self._fill_coverage()

    def add_language(self, code: str) -> bool:
        code = code.strip().lower()
        if not is_voice_language_code(code):
            self._say_list(self._t("code_invalid", code=code), "wrong")
            return False
        if known_language(code) is None and code not in self._added:
            self._added[code] = VoiceLanguage(code, code)
        self._fill_languages()
        self.choose_language(code)
        return True

    def coverage(self) -> Coverage | None:
        if self.voices is None or self.content is None or not self.language:
            return None
        return coverage(self.voices.pack(self.language), self.content.texts)

    def open_group(self, group: str, mode: str) -> None:
        """Record (every item, from the first not yet done) or check (those waiting) ``group``."""
        if self.voices is None or self.content is None:
            return
        texts = self.content.texts
        pack = self.voices.pack(self.language)
        items = list(texts.groups.get(group, []))
        if mode == "check":
            items = [item for item in items if status_of(pack, texts, item) is Status.RECORDED]
            if not items:
                self._say_list(self._t("nothing_to_check"), "body")
                return
            if not self.checker:
                self._ask_typing("label", group)
                return
        self.mode, self.group, self.items = mode, group, items
        first = 0
        if mode == "record":
            to_do = (Status.MISSING, Status.STALE)
            first = next((n for n, item in enumerate(items) if status_of(pack, texts, item) in to_do), 0)
        self.views.setCurrentWidget(self.item_view)
        self._go(first)

    @property
    def item(self) -> Item | None:
        return self.items[self.index] if 0 <= self.index < len(self.items) else None

    def record(self) -> None:
        self._end_take()
        try:
            self.recorder.start(self.microphone)
        except NoMicrophoneError:
            log.info("no microphone to record from")
            self._say(self._t("no_microphone"), "wrong")
            self._buttons()
            return
        self._say(self._t("recording"), "body")
        self._buttons()

    def stop(self) -> None:
        """End the take: trimmed and evened out at once, then played back."""
        if not self.recorder.recording:
            return
        if self._work is None:
            self._work = Path(tempfile.mkdtemp(prefix="kiosk-voices-"))
        wav = self.recorder.stop(self._work / "take.wav")
        self.meter.setValue(0)
        try:
            self.take = prepare(wav, self._work / "take")
        except RecordingProblemError as error:
            self._say(self._problem(str(error), _PROBLEMS), "wrong")
            self._buttons()
            return
        self._take_wav = wav
        self._say(self._t("take_ready"), "body")
        self._buttons()
        self.listen()

    def listen(self) -> None:
        path = self._listened_path()
        if path is None:
            return
        self.heard = True
        # Without a sound server there is nothing to hear it through (and Qt would only complain).
        if self.playback.available():
            self.playback.play(path, 1.0)
        else:
            log.warning("no sound server: the recording cannot be played back")
        self._buttons()

    def keep(self) -> None:
        item, wav = self.item, self._take_wav
        if item is None or wav is None or self.voices is None or self.content is None:
            return
        text_hash = self.content.texts.hash(item)
        if text_hash is None:
            return
        self.playback.stop()
        try:
            self.voices.pack(self.language).add(item, wav, text_hash)
        except (RecordingProblemError, VoicePackError, OSError) as error:
            self._say(self._problem(str(error), _PROBLEMS), "wrong")
            return
        log.info("a recording of %s in %s was kept", item.key, self.language)
        self._end_take()
        self.kept.emit(item.key)
        if self.index + 1 < len(self.items):
            self._go(self.index + 1)
            self._say(self._t("kept"), "right")
        else:
            self._show_item()
            self._say(self._t("all_done"), "right")

    def redo(self) -> None:
        self._end_take()
        self._say("", "body")
        self._buttons()

    def mark_checked(self) -> None:
        item = self.item
        if item is None or self.voices is None:
            return
        if not self.heard:
            self._say(self._t("listen_first"), "wrong")
            return
        try:
            self.voices.pack(self.language).mark_checked(item, self.checker)
        except VoicePackError as error:
            self._say(self._problem(str(error), _LABEL_PROBLEMS), "wrong")
            return
        self._after_check(self._t("marked_checked"))

    def ask_redo(self) -> None:
        item = self.item
        if item is None or self.voices is None:
            return
        self.playback.stop()
        self.voices.pack(self.language).redo(item)
        self._after_check(self._t("marked_redo"))

    def hideEvent(self, event: QHideEvent) -> None:
        """Organiser mode closed (or another page shown): no take goes on unseen."""
        self._end_take()
        super().hideEvent(event)

    # -- the list ------------------------------------------------------------------------
    def _languages(self) -> list[VoiceLanguage]:
        shown: dict[str, VoiceLanguage] = {}
        if self.voices is not None:
            for code in self.voices.languages():
                shown[code] = self.voices.pack(code).language
        for language in (*LANGUAGES, *self._added.values()):
            shown.setdefault(language.code, language)
        return list(shown.values())

    def _language_name(self, language: VoiceLanguage) -> str:
        name = language.vietnamese
        if language.own and language.own_sure and language.own != name:
            # On a line of its own: a script such as Khmer's does not break inside a name.
            name = f"{name}\n{language.own}"
        return self._t("language_button", name=name, code=language.code)

    def _fill_languages(self) -> None:
        clear_layout(self.language_column)
        self.language_buttons = {}
        for language in self._languages():
            button = BigButton(self._language_name(language), role="secondary", checkable=True)
            button.setObjectName(f"voices-language-{language.code}")
            button.setChecked(language.code == self.language)
            button.clicked.connect(lambda _checked=False, code=language.code: self.choose_language(code))
            self.language_buttons[language.code] = button
            self.language_column.addWidget(button)
        self.language_column.addStretch(1)

    def _group_title(self, group: str) -> str:
        if group == UI_GROUP:
            return self._t("group_ui")
        return self.content.titles.get(group, group) if self.content is not None else group

    def _fill_coverage(self) -> None:
        clear_layout(self.groups_column)
        found = self.coverage()
        if found is None:
            self.language_title.setText("")
            self.totals.setText(self._t("choose_language"))
            self.stale.hide()
            return
        language = next((each for each in self._languages() if each.code == self.language), None)
        self.language_title.setText(self._language_name(language) if language else self.language)
        self.totals.setText(self._totals(lambda status: found.count(status)))
        for group in found.groups:
            frame = QFrame()
            frame.setProperty("role", "group")
            frame.setObjectName(f"voices-group-{group.group}")
            name = label(self._group_title(group.group), "title")
            counts = label(self._totals(group.count), "muted")
            counts.setObjectName("counts")
            record = BigButton(self._t("record"), role="primary")
            record.setObjectName(f"record-{group.group}")
            check = BigButton(self._t("check"), role="secondary")
            check.setObjectName(f"check-{group.group}")
            check.setEnabled(group.count(Status.RECORDED) > 0)
            record.clicked.connect(lambda _c=False, g=group.group: self.open_group(g, "record"))
            check.clicked.connect(lambda _c=False, g=group.group: self.open_group(g, "check"))
            row = QHBoxLayout()
            row.addWidget(counts, 1)
            row.addWidget(record)
            row.addWidget(check)
            rows = QVBoxLayout(frame)
            rows.setContentsMargins(theme.SPACING, theme.SPACING // 3, theme.SPACING, theme.SPACING // 3)
            rows.setSpacing(theme.SPACING // 3)
            rows.addWidget(name)
            rows.addLayout(row)
            self.groups_column.addWidget(frame)
        self.groups_column.addStretch(1)
        stale = [item for group in found.groups for item in group.items[Status.STALE]]
        self.stale.setText(self._t("stale_list", items=", ".join(self._item_name(item) for item in stale)))
        self.stale.setVisible(bool(stale))

    def _totals(self, count: Callable[[Status], int]) -> str:
        return self._t(
            "totals",
            recorded=count(Status.RECORDED),
            checked=count(Status.CHECKED),
            missing=count(Status.MISSING),
            stale=count(Status.STALE),
        )

    def _item_name(self, item: Item) -> str:
        return item.step if item.is_interface else f"{self._group_title(item.group)}: {item.step}"

    def _say_list(self, text: str, role: str) -> None:
        self.list_message.setText(text)
        self.list_message.setProperty("role", role)
        repolish(self.list_message)
        self.list_message.setVisible(bool(text))

    # -- typing a nickname or a code ----------------------------------------------------------
    def _ask_typing(self, purpose: str, group: str = "") -> None:
        """The typing view: the checker's nickname (before checking ``group``) or a language's code."""
        self._typing, self._typing_group = purpose, group
        code = purpose == "code"
        self.type_title.setText(self._t("code_title") if code else self._t("checker_title"))
        self.type_intro.setText(self._t("code_intro") if code else self._t("checker_intro"))
        self.type_field.setMaxLength(3 if code else LABEL_MAX)
        self.type_field.setText("" if code else self.checker)
        self.type_field.setPlaceholderText(self._t("add_hint") if code else self._t("label_hint"))
        for name, key in self.type_keys.keys.items():
            # A language's code: lower-case letters only.
            key.setVisible(not code or (len(name) == 1 and name.isalpha()) or name == "delete")
        self.type_keys.shift_button.setChecked(False)
        self._say_typing("", "body")
        self.views.setCurrentWidget(self.type_view)
        self.type_field.setFocus()

    def typed(self) -> None:
        """Continue with what was typed: a language added, or the checker's nickname kept."""
        text = self.type_field.text()
        if self._typing == "code":
            code = text.strip().lower()
            if not is_voice_language_code(code):
                self._say_typing(self._t("code_invalid", code=code), "wrong")
                return
            self.show_list()
            self.add_language(code)
            return
        try:
            self.checker = clean_label(text)
        except VoicePackError as error:
            self._say_typing(self._problem(str(error), _LABEL_PROBLEMS), "wrong")
            return
        self.open_group(self._typing_group, "check")

    def _say_typing(self, text: str, role: str) -> None:
        self.type_message.setText(text)
        self.type_message.setProperty("role", role)
        repolish(self.type_message)
        self.type_message.setVisible(bool(text))

    def _on_unchecked_toggled(self, allow: bool) -> None:
        self._save_settings(replace(self.settings(), allow_unchecked_voices=allow))
        self._show_unchecked(allow)

    def _show_unchecked(self, allow: bool) -> None:
        self.unchecked_button.setText(
            self._t("allow_unchecked_on") if allow else self._t("allow_unchecked_off")
        )

    def _save_settings(self, changed: settings_store.Settings) -> None:
        settings_store.save(changed, self.settings_file)

    def _leave(self) -> None:
        self._end_take()
        self.back_requested.emit()

    # -- an item ------------------------------------------------------------------------
    def _go(self, index: int) -> None:
        if not 0 <= index < len(self.items):
            return
        self._end_take()
        self.index = index
        self._say("", "body")
        self._show_item()

    def _show_item(self) -> None:
        item = self.item
        if item is None or self.content is None or self.voices is None:
            return
        texts = self.content.texts
        language = next((each for each in self._languages() if each.code == self.language), None)
        self.item_header.setText(
            self._t(
                "item_header",
                language=language.vietnamese if language else self.language,
                group=self._group_title(self.group),
                n=self.index + 1,
                total=len(self.items),
            )
        )
        self.said.setText(self.content.shown(item))
        pack = self.voices.pack(self.language)
        status = status_of(pack, texts, item)
        recording = pack.get(item)
        state = {
            Status.MISSING: self._t("state_missing"),
            Status.RECORDED: self._t("state_recorded"),
            Status.STALE: self._t("state_stale"),
            Status.CHECKED: self._t("state_checked", label=recording.checked_by if recording else ""),
        }[status]
        self.item_state.setText(state)
        picture = self.content.pictures.get(item)
        self.picture.setVisible(picture is not None)
        if picture is not None:
            image, highlight, look = picture
            self.picture.set_step(image, highlight, "")
            self.picture.set_look(look)
        self.heard = False
        self._buttons()

    def _listened_path(self) -> Path | None:
        if self.take is not None:
            return self.take.path
        item = self.item
        if item is None or self.voices is None:
            return None
        pack = self.voices.pack(self.language)
        recording = pack.get(item)
        return pack.path_of(recording) if recording is not None and pack.intact(recording) else None

    def _buttons(self) -> None:
        recording = self.recorder.recording
        taken = self.take is not None
        checking = self.mode == "check"
        self.record_button.setVisible(not checking and not recording)
        self.stop_button.setVisible(not checking and recording)
        self.keep_button.setVisible(not checking and taken)
        self.redo_button.setVisible(not checking and taken)
        self.meter.setVisible(not checking)
        self.listen_button.setVisible(not recording and self._listened_path() is not None)
        self.checked_button.setVisible(checking)
        self.check_redo_button.setVisible(checking)
        self.checker_line.setVisible(checking)
        self.checker_line.setText(self._t("checking_as", label=self.checker) if checking else "")
        self.previous_button.setEnabled(not recording and self.index > 0)
        self.next_button.setEnabled(not recording and self.index + 1 < len(self.items))
        self.to_list_button.setEnabled(not recording)

    def _after_check(self, said: str) -> None:
        item = self.item
        if item is not None:
            log.info("a recording of %s in %s was checked or sent back", item.key, self.language)
        if self.index + 1 < len(self.items):
            self._go(self.index + 1)
        else:
            self._show_item()
            self.checked_button.setEnabled(False)
            self.check_redo_button.setEnabled(False)
        self._say(said, "right")

    def _end_take(self) -> None:
        self.playback.stop()
        if self.recorder.recording:
            self.recorder.cancel()
        self.take = None
        self._take_wav = None
        if self._work is not None:
            shutil.rmtree(self._work, ignore_errors=True)
            self._work = None
        self.meter.setValue(0)
        self.checked_button.setEnabled(True)
        self.check_redo_button.setEnabled(True)

    def _on_level(self, level: float) -> None:
        self.meter.setValue(meter_value(level))

    def _on_microphone_failed(self, reason: str) -> None:
        log.warning("recording stopped: %s", reason)
        self._end_take()
        self._say(self._t("microphone_failed"), "wrong")
        self._buttons()

    def _problem(self, reason: str, known: tuple[tuple[str, str], ...]) -> str:
        for words, key in known:
            if words in reason:
                return self._ui_text.get(self._lang, key)
        return self._t("problem_other", reason=reason)

    def _say(self, text: str, role: str) -> None:
        self.message.setText(text)
        self.message.setProperty("role", role)
        repolish(self.message)
        self.message.setVisible(bool(text))
