"""Organiser mode: the hidden way in, the PIN pad, the dashboard and the export to a USB stick.

``OrganiserEntry`` notices the hidden gesture (a long press on the top-left corner) or the
key chord; ``OrganiserScreen`` then covers the window with the PIN pad, and after the right
PIN the dashboard, from which the organiser exports to a stick or closes back to the start.
"""
