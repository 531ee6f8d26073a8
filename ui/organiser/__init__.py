"""Organiser mode: the hidden way in, the PIN pad, the dashboard, the export and content updates.

``OrganiserEntry`` notices the hidden gesture (a long press on the top-left corner) or the
key chord; ``OrganiserScreen`` then covers the window with the PIN pad, and after the right
PIN the dashboard, from which the organiser exports to a stick, installs content from one
(``content_panel``), or closes back to the start. The same PIN pad guards leaving kiosk mode.
"""
