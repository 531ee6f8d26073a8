"""Printing handouts from the screens: the printer, its state, Qt's fallback, the panel."""
