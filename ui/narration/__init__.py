"""Reading aloud: what to say and when, the narrator, playback, its controls."""
