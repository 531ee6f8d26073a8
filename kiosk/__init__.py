"""The kiosk's core: content, visitor sessions, settings, paths and the command line.

This package never imports PySide6, qasync or ``ui``; an import-linter contract in
``pyproject.toml`` enforces it and the core tests run in an environment without Qt.
"""

__version__ = "0.1.0"
