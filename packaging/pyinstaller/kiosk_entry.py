"""The frozen kiosk's entry point: the same ``ui.main.main`` the ``kiosk`` console script runs."""

import sys

from ui.main import main

if __name__ == "__main__":
    sys.exit(main())
