"""The machine the kiosk runs on: paths, settings, logs, crash hooks, the service manager."""
