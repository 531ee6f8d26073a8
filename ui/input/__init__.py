"""Between a finger or a key and a slot: taps, keys, focus, touch and hear."""
