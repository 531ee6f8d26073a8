"""Languages a voice pack can be recorded in: ISO 639-3 codes, Vietnamese names, own names.

The own name (the language's name for itself) is given only where it is known for sure
(``own_sure``); elsewhere it is left empty rather than guessed, and the language screen shows
the Vietnamese name until a speaker enters the right one (kept in the pack's voicepack.json,
with ``own_sure`` True once a speaker has confirmed it). An organiser may add a language not
listed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# ISO 639-3 codes are three lower-case letters; "vi"/"en"-style two-letter codes also pass.
_CODE = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class VoiceLanguage:
    code: str
    # "Tiếng H'Mông": what Vietnamese screens call it.
    vietnamese: str
    # The language's own name, "" where not known for sure.
    own: str = ""
    # Whether ``own`` is confirmed (False: empty, or to be checked by a speaker).
    own_sure: bool = False
    # A word for the organiser: which variety this code is.
    note: str = ""

    @property
    def shown_name(self) -> str:
        """The own name where known for sure, else the Vietnamese name."""
        return self.own if self.own and self.own_sure else self.vietnamese


def is_voice_language_code(code: str) -> bool:
    return bool(_CODE.match(code))


# Vietnam's larger minority languages without a speech-engine voice. Own names: only those
# known for sure; the others are left for a speaker to fill in.
LANGUAGES: tuple[VoiceLanguage, ...] = (
    VoiceLanguage("hmn", "Tiếng H'Mông", "Hmoob", own_sure=True, note="Hmông (Hmoob), chữ La-tinh"),
    VoiceLanguage("blt", "Tiếng Thái Đen", note="Thái Đen (Tai Dam)"),
    VoiceLanguage("twh", "Tiếng Thái Trắng", note="Thái Trắng (Tai Dón)"),
    # Speakers are said to call themselves "Iu Mienh": left for a speaker to confirm.
    VoiceLanguage("ium", "Tiếng Dao (Iu Mien)", note="Dao Đỏ, Dao Quần Chẹt"),
    VoiceLanguage("mji", "Tiếng Dao (Kim Mun)", note="Dao Quần Trắng, Dao Thanh Y"),
    VoiceLanguage("tyz", "Tiếng Tày"),
    VoiceLanguage("nut", "Tiếng Nùng"),
    VoiceLanguage("khm", "Tiếng Khmer", "ភាសាខ្មែរ", own_sure=True),
    VoiceLanguage("mtq", "Tiếng Mường"),
    VoiceLanguage("rad", "Tiếng Ê Đê"),
    VoiceLanguage("jra", "Tiếng Gia Rai"),
    VoiceLanguage("bdq", "Tiếng Ba Na"),
    VoiceLanguage("cjm", "Tiếng Chăm", note="Chăm Đông (Phan Rang, Phan Thiết)"),
)

_BY_CODE = {language.code: language for language in LANGUAGES}


def known_language(code: str) -> VoiceLanguage | None:
    return _BY_CODE.get(code)
