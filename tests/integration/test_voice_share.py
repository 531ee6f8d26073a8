"""A voice pack shared between kiosks: exported signed to a stick, installed whole on another, heard there.

Two data dirs stand for two kiosks: the recording kiosk (its voices, its own signing key) and
the other one (its trusted keys, its voices). Real files, real Ed25519 signatures, real tmpfs
sticks for the full and filling-up cases.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from kiosk.content.signing import PublicKey
from kiosk.content.trust import TrustStore, load_trust, trust_key
from kiosk.narration.cache import AudioCache
from kiosk.narration.espeak import Espeak
from kiosk.narration.narration import AudioSource, Narration
from kiosk.narration.voices import VoiceLookup
from kiosk.voices import cli as voices_cli
from kiosk.voices.items import Item, SourceTexts
from kiosk.voices.pack import PACK_FILE, VoicePack
from kiosk.voices.share import PUBLIC_KEY_FILE, STICK_FOLDER, VoiceShareError, export_pack, install_pack
from tests.helpers.mounts import tmpfs
from tests.unit.kiosk.voices.voice_helpers import UI_WORDS, padded_voice, tutorial, write_wav

DAY = date(2026, 12, 8)
ITEMS = (
    Item("vneid-install", "open-store"),
    Item("vneid-install", "fake-call.why"),
    Item.interface("ui.next"),
)


@dataclass(frozen=True)
class Kiosk:
    folder: Path

    @property
    def voices(self) -> Path:
        return self.folder / "voices"

    @property
    def key(self) -> Path:
        return self.folder / "kiosk-signing.key"

    @property
    def trust_file(self) -> Path:
        return self.folder / "content-trust.json"

    def trust(self) -> TrustStore:
        return load_trust(keys_dir=self.folder / "no-bundled-keys", trust_file=self.trust_file)


def _texts() -> SourceTexts:
    return SourceTexts([tutorial()], UI_WORDS)


@pytest.fixture
def recording_kiosk(tmp_path: Path) -> Kiosk:
    kiosk = Kiosk(tmp_path / "kiosk-a")
    take = write_wav(tmp_path / "take.wav", padded_voice(before_s=0.3, voice_s=2.5, after_s=0.3))
    pack = VoicePack.open("hmn", kiosk.voices)
    for item in ITEMS:
        pack.add(item, take, _texts().hash(item) or "", DAY)
        pack.mark_checked(item, "TNV Lan B", DAY)
    return kiosk


@pytest.fixture
def other_kiosk(tmp_path: Path) -> Kiosk:
    kiosk = Kiosk(tmp_path / "kiosk-b")
    kiosk.folder.mkdir()
    return kiosk


def _export(kiosk: Kiosk, stick: Path) -> Path:
    return export_pack("hmn", stick, root=kiosk.voices, key_file=kiosk.key).folder


def _trusting(other: Kiosk, exported: Path) -> TrustStore:
    """The other kiosk's organiser trusts the recording kiosk's key, from the .pub on the stick."""
    public = PublicKey.from_text((exported / PUBLIC_KEY_FILE).read_text(encoding="utf-8"))
    trust_key(public, "Xã A, điểm 1", trust_file=other.trust_file)
    return other.trust()


def _everything_under(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def test_exported_installed_on_another_kiosk_and_heard_there(
    recording_kiosk: Kiosk, other_kiosk: Kiosk, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    exported = _export(recording_kiosk, stick)
    assert exported == stick / STICK_FOLDER / "hmn"
    manifest = json.loads((exported / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["kind"] == "voice-pack" and manifest["language"] == "hmn"
    assert {entry["path"] for entry in manifest["files"]} == {
        PACK_FILE,
        "vneid-install/open-store.opus",
        "vneid-install/fake-call.why.opus",
        "ui/ui.next.opus",
    }
    assert "secret" not in json.dumps(manifest["kiosk_key"]).lower()
    assert (exported / "manifest.json.minisig").is_file()
    result = install_pack(stick, root=other_kiosk.voices, trust=_trusting(other_kiosk, exported))
    assert result.language == "hmn" and result.recordings == 3 and result.replaced == 0
    assert result.signer.name == "Xã A, điểm 1"
    installed = other_kiosk.voices / "hmn"
    assert (installed / "ui/ui.next.opus").read_bytes() == (
        recording_kiosk.voices / "hmn/ui/ui.next.opus"
    ).read_bytes()
    # Only the pack itself is installed: no manifest, no key, no staging left behind.
    assert sorted(p.name for p in other_kiosk.voices.iterdir()) == ["hmn"]
    assert not (installed / "manifest.json").exists() and not (installed / PUBLIC_KEY_FILE).exists()
    # Heard there: narration on the other kiosk picks the installed recording for the step.
    lookup = VoiceLookup.of([tutorial()], UI_WORDS, other_kiosk.voices, allow_unchecked=lambda: False)
    narration = Narration(
        espeak=Espeak(program=str(tmp_path / "no-espeak")),
        cache=AudioCache(tmp_path / "cache"),
        voices=lookup,
    )
    found = narration.ready(Narration.for_step(tutorial(), 0, "hmn"))
    assert found is not None and found.source is AudioSource.VOICE_PACK
    assert found.path == installed / "vneid-install/open-store.opus"


def test_installing_again_replaces_the_pack_whole(
    recording_kiosk: Kiosk, other_kiosk: Kiosk, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    exported = _export(recording_kiosk, stick)
    trust = _trusting(other_kiosk, exported)
    install_pack(exported, root=other_kiosk.voices, trust=trust)
    VoicePack.open("hmn", recording_kiosk.voices).redo(ITEMS[2])
    exported = _export(recording_kiosk, stick)
    result = install_pack(exported, root=other_kiosk.voices, trust=trust)
    assert result.replaced == 3 and result.recordings == 2
    assert not (other_kiosk.voices / "hmn/ui/ui.next.opus").exists()
    assert sorted(p.name for p in other_kiosk.voices.iterdir()) == ["hmn"]


def _refused(source: Path, kiosk: Kiosk, trust: TrustStore) -> VoiceShareError:
    with pytest.raises(VoiceShareError) as raised:
        install_pack(source, root=kiosk.voices, trust=trust)
    # All or nothing: the other kiosk has no voice pack, and nothing half-copied.
    assert not (kiosk.voices / "hmn").exists()
    assert not kiosk.voices.exists() or _everything_under(kiosk.voices) == []
    return raised.value


def test_a_changed_recording_is_refused(recording_kiosk: Kiosk, other_kiosk: Kiosk, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    exported = _export(recording_kiosk, stick)
    trust = _trusting(other_kiosk, exported)
    target = exported / "vneid-install/open-store.opus"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    error = _refused(stick, other_kiosk, trust)
    assert "vneid-install/open-store.opus" in str(error) and "SHA-256 differs" in str(error)
    assert "nothing was installed" in str(error)


def test_a_changed_manifest_or_an_added_file_is_refused(
    recording_kiosk: Kiosk, other_kiosk: Kiosk, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    exported = _export(recording_kiosk, stick)
    trust = _trusting(other_kiosk, exported)
    (exported / "vneid-install/extra.opus").write_bytes(b"an extra file")
    error = _refused(exported, other_kiosk, trust)
    assert "not in manifest.json" in str(error) and error.details == ("vneid-install/extra.opus",)
    (exported / "vneid-install/extra.opus").unlink()
    manifest = exported / "manifest.json"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('"hmn"', '"blt"', 1), encoding="utf-8")
    error = _refused(exported, other_kiosk, trust)
    assert "does not match its signature" in str(error) and "changed after it was signed" in str(error)


def test_an_unknown_key_is_refused_with_what_to_do(
    recording_kiosk: Kiosk, other_kiosk: Kiosk, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    exported = _export(recording_kiosk, stick)
    error = _refused(stick, other_kiosk, other_kiosk.trust())
    assert "which this kiosk does not trust" in str(error)
    assert f"kiosk content trust {exported / PUBLIC_KEY_FILE}" in str(error)
    # An unsigned pack is refused too.
    (exported / "manifest.json.minisig").unlink()
    assert "is not signed" in str(_refused(stick, other_kiosk, other_kiosk.trust()))


def test_a_stick_pulled_out_while_writing_leaves_an_incomplete_pack_that_is_refused(
    recording_kiosk: Kiosk, other_kiosk: Kiosk, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    exported = _export(recording_kiosk, stick)
    trust = _trusting(other_kiosk, exported)
    (exported / "ui/ui.next.opus").unlink()
    error = _refused(stick, other_kiosk, trust)
    assert "incomplete" in str(error) and error.details == ("ui/ui.next.opus",)


def test_a_full_stick_is_refused_before_anything_is_written(recording_kiosk: Kiosk, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "stick", "64k") as stick:
        with pytest.raises(VoiceShareError) as raised:
            _export(recording_kiosk, stick)
        assert "nothing was written" in str(raised.value) and "free" in str(raised.value)
        assert _everything_under(stick) == []


def test_a_stick_that_fills_up_midway_is_left_clean(
    recording_kiosk: Kiosk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kiosk.voices.share.shutil.disk_usage", lambda _path: SimpleNamespace(free=10**9))
    with tmpfs(tmp_path / "stick", "32k") as stick:
        with pytest.raises(VoiceShareError) as raised:
            _export(recording_kiosk, stick)
        assert "full" in str(raised.value) and "nothing usable was written" in str(raised.value)
        assert _everything_under(stick) in ([], [STICK_FOLDER])


def test_the_commands_export_and_install_through_the_data_dir(
    recording_kiosk: Kiosk, data_dir: Path, tmp_path: Path
) -> None:
    # This test's kiosk is the data dir: it exports a pack it recorded, then installs one from a stick.
    stick = tmp_path / "stick"
    stick.mkdir()
    out = io.StringIO()
    assert voices_cli.export_command("hmn", stick, out) == 1
    assert "no voice pack in hmn" in out.getvalue()
    exported = _export(recording_kiosk, stick)
    out = io.StringIO()
    assert voices_cli.install_command(stick, out) == 1
    assert "does not trust" in out.getvalue()
    public = PublicKey.from_text((exported / PUBLIC_KEY_FILE).read_text(encoding="utf-8"))
    trust_key(public, "Xã A")
    out = io.StringIO()
    assert voices_cli.install_command(stick, out) == 0, out.getvalue()
    assert "voice pack hmn installed: 3 recording(s), signed by Xã A" in out.getvalue()
    assert (data_dir / "voices/hmn" / PACK_FILE).is_file()
    out = io.StringIO()
    assert voices_cli.export_command("hmn", tmp_path / "stick2", out) == 1
    assert "not a folder" in out.getvalue()


def test_a_recording_changed_on_the_recording_kiosk_is_left_out_and_the_rest_installs(
    recording_kiosk: Kiosk, other_kiosk: Kiosk, tmp_path: Path
) -> None:
    # Not played there either: it goes listed, without its file, and is missing on the other kiosk.
    (recording_kiosk.voices / "hmn/ui/ui.next.opus").write_bytes(b"changed by hand")
    stick = tmp_path / "stick"
    stick.mkdir()
    exported = _export(recording_kiosk, stick)
    assert not (exported / "ui/ui.next.opus").exists()
    result = install_pack(stick, root=other_kiosk.voices, trust=_trusting(other_kiosk, exported))
    assert result.recordings == 3
    lookup = VoiceLookup.of([tutorial()], UI_WORDS, other_kiosk.voices, allow_unchecked=lambda: True)
    assert lookup.word("hmn", "ui.next") is None
    assert (
        lookup.step("hmn", "vneid-install", "open-store")
        == other_kiosk.voices / "hmn/vneid-install/open-store.opus"
    )
