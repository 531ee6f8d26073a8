"""The district office's window (``kiosk hub`` with no action): import, the points, a month's report."""
