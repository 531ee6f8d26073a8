"""Local voices: volunteers' recordings of the lessons and the interface words, per language.

A voice pack lives in the data dir (``voices/<lang>/``) with a ``voicepack.json`` listing each
recording: what it says (a tutorial's step, or an interface word such as ``ui.start``), its
file and SHA-256, the hash of the Vietnamese text it was recorded for, and whether a second
speaker has checked it. Only a checked recording of today's text plays for visitors (a
setting may allow unchecked ones); a recording whose Vietnamese text has changed since is
stale and listed for re-recording.

Qt-free: the organiser's "Record voices" page (ui/voices) records from the microphone and
hands the WAV to ``VoicePack.add``; everything else (trimming, loudness, compression,
coverage, what may play) is here and testable without a screen. Visitors are never recorded:
only volunteer and organiser tools call this package.
"""
