"""Qt plumbing with no visitor widget: Qt set-up, background work, the watchdog."""
