"""The window and how it moves between screens: top bar, navigation, idle, lock-down."""
