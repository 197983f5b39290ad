from pathlib import Path

import pytest

from generator.errors import SeedError
from generator.reading import normalize_text, read_seed, read_seeds, seed_paths

from .conftest import FIXTURES


def test_crlf_nbsp_and_trailing_spaces_are_normalized_without_moving_lines():
    seed = read_seed(FIXTURES / "crlf_nbsp_trailing.txt")
    assert "\r" not in seed.text
    assert "\u00a0" not in seed.text
    assert all(line == line.rstrip() for line in seed.lines)
    raw_lines = (FIXTURES / "crlf_nbsp_trailing.txt").read_bytes().split(b"\r\n")
    assert len(seed.lines) == len(raw_lines)


def test_bom_is_dropped():
    seed = read_seed(FIXTURES / "utf8_bom.txt")
    assert not seed.text.startswith("\ufeff")
    assert seed.lines[0] == "لجنة برلمانية تستضيف وزير الداخلية"


def test_bidi_and_zero_width_controls_are_removed_but_zwnj_kept():
    text = normalize_text("نص\u200fمع\u202eتحكم\u200b و\u200cنص")
    assert text == "نصمعتحكم و\u200cنص"


def test_lone_cr_newlines_become_lines():
    assert normalize_text("أ\rب\r\nج").split("\n") == ["أ", "ب", "ج"]


def test_seed_hash_is_sha256_of_the_file_bytes():
    import hashlib

    path = FIXTURES / "agency_slash.txt"
    assert read_seed(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_invalid_utf8_names_file_and_line(tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("سطر أول\n".encode() + b"\xff\xfe broken\n")
    with pytest.raises(SeedError) as caught:
        read_seed(bad)
    assert str(caught.value).startswith("bad.txt:2: not valid UTF-8")


def test_seeds_are_all_files_but_the_catalog_and_dotfiles(tmp_path: Path):
    for name in ("b.txt", "a.html", "noext", "catalog.yml", ".hidden"):
        (tmp_path / name).write_text("نص", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    assert [p.name for p in seed_paths(tmp_path)] == ["a.html", "b.txt", "noext"]


def test_one_unreadable_seed_does_not_stop_the_others(tmp_path: Path):
    (tmp_path / "good.txt").write_text("نص سليم", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xff")
    seeds, errors = read_seeds(tmp_path)
    assert [s.name for s in seeds] == ["good.txt"]
    assert [e.path for e in errors] == ["bad.txt"]


def test_missing_seeds_folder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(SeedError, match="seeds folder not found"):
        seed_paths(tmp_path / "nope")


@pytest.mark.parametrize("name", ["cp1256.txt", "utf16_bom.txt"])
def test_legacy_and_utf16_encodings_decode_to_the_same_text(name):
    expected = read_seed(FIXTURES / "no_tt_marker.txt").text
    assert read_seed(FIXTURES / name).text == expected


def test_binary_file_is_rejected_with_the_reason(tmp_path: Path):
    blob = tmp_path / "image.txt"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8")
    with pytest.raises(SeedError, match="binary file"):
        read_seed(blob)


def test_latin1_text_that_is_not_arabic_is_rejected(tmp_path: Path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Déjà vu, café crème, naïve façade.".encode("latin-1"))
    with pytest.raises(SeedError, match="nor legacy Arabic text"):
        read_seed(latin)
