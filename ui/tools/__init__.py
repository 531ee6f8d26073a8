"""Tools around the kiosk: screenshots, the self-test."""
