"""The kiosk's PySide6 application: screens, widgets, themes. Depends on ``kiosk``, never the reverse."""
