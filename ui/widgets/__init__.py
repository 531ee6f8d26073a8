"""Widgets every screen uses: buttons, icons, the step picture, the QR view."""
