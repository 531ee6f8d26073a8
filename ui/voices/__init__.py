"""The organiser's voice recording: the microphone (recorder.py); the "Record voices" page comes next."""
