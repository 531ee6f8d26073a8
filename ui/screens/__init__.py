"""One module per screen; the main window moves between them."""
