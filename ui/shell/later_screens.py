"""The screens and overlays a visit needs after the start screen, built together as one set.

A passer-by sees only the start screen, so ``MainWindow`` shows it alone and builds this set
right after the first paint (or at once, if a tap needs it sooner). Their modules are
imported here, on that first build, so the kiosk does not load them before it is on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.content.model import Catalogue
from kiosk.i18n import UiText
from ui.look.theme import Palette

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.overlays.comfort import ComfortPanel
    from ui.overlays.idle_question import IdleOverlay
    from ui.screens.catalogue import CatalogueScreen
    from ui.screens.finish import FinishScreen
    from ui.screens.language import LanguageScreen
    from ui.screens.player import PlayerScreen


@dataclass(frozen=True)
class LaterScreens:
    language: LanguageScreen
    catalogue: CatalogueScreen
    player: PlayerScreen
    finish: FinishScreen
    # Overlays (ui/overlays/overlay.py): children of the window, hidden until opened, always its size.
    comfort: ComfortPanel
    idle: IdleOverlay

    @classmethod
    def build(cls, ui_text: UiText, catalogue: Catalogue, window: QWidget) -> LaterScreens:
        from ui.narration.playback import NarrationPlayback
        from ui.overlays.comfort import ComfortPanel
        from ui.overlays.idle_question import IdleOverlay
        from ui.screens.catalogue import CatalogueScreen
        from ui.screens.finish import FinishScreen
        from ui.screens.language import LanguageScreen
        from ui.screens.player import PlayerScreen

        return cls(
            # A language recorded by volunteers greets the visitor who touches it.
            language=LanguageScreen(ui_text, greeter=NarrationPlayback(window)),
            catalogue=CatalogueScreen(ui_text, catalogue),
            player=PlayerScreen(ui_text),
            finish=FinishScreen(ui_text),
            comfort=ComfortPanel(ui_text, window),
            idle=IdleOverlay(ui_text, window),
        )

    def retranslate(self, lang: str) -> None:
        # The player and the finish screen show a tutorial's words: the window redraws those.
        for screen in (self.language, self.catalogue, self.comfort, self.idle):
            screen.retranslate(lang)

    def set_palette(self, palette: Palette) -> None:
        self.player.set_palette(palette)
        self.finish.set_palette(palette)
