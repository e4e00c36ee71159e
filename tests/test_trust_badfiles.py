"""Promise 3: a bad file is named, skipped, reported by doctor, and never modified.

Each class of bad file sits next to a good entry. `list` must warn about exactly that file on
stderr and still list the good entry; `doctor` must name it and exit non-zero; and neither may
change the bad file's bytes or modification time (nor a symlink's target).
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

GOOD = ("---\nid: {id}\ncreated: 2026-11-20T09:00:00+00:00\nupdated: 2026-11-20T09:00:00+00:00\n"
        "title: {title}\ntags: []\nshare: false\nstarred: false\n---\n\nA good entry.\n")


def _good(id_: str, title: str = "Good") -> bytes:
    return GOOD.format(id=id_, title=title).encode()


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return path


def _big() -> bytes:
    head = _good("bbbbbbbb", "Big")
    return head + b"x" * (10 * 1024 * 1024 + 1 - len(head))


BAD_CLASSES = {
    "empty": lambda folder, outside: _write(folder / "empty.md", b""),
    "binary": lambda folder, outside: _write(folder / "binary.md", bytes(range(256)) * 4),
    "non-utf8": lambda folder, outside: _write(folder / "latin1.md",
                                               "---\nid: c1\ncreated: 2026-11-20T09:00:00+00:00\n---\n\nCafé\n".encode("latin-1")),
    "not-yaml": lambda folder, outside: _write(folder / "notyaml.md", b"---\nid: [unclosed\ncreated: {\n---\n\nbody\n"),
    "yaml-not-mapping": lambda folder, outside: _write(folder / "list.md", b"---\n- just\n- a list\n---\n\nbody\n"),
    "missing-created": lambda folder, outside: _write(folder / "nocreated.md", b"---\nid: d1\ntitle: x\n---\n\nbody\n"),
    "invalid-created": lambda folder, outside: _write(folder / "badcreated.md",
                                                      b"---\nid: d2\ncreated: 2026-02-30T10:00:00+00:00\n---\n\nbody\n"),
    "duplicate-id": lambda folder, outside: _write(folder / "zz-duplicate.md", _good("aaaaaaaa", "Copy")),
    "over-10mb": lambda folder, outside: _write(folder / "huge.md", _big()),
    "symlink-outside": lambda folder, outside: _symlink(folder / "link.md", outside),
    "no-front-matter": lambda folder, outside: _write(folder / "plain.md", b"Just some text, no front matter.\n"),
    "fifo": lambda folder, outside: _fifo(folder / "pipe.md"),
}


def _symlink(link: Path, outside: Path) -> Path:
    _write(outside, _good("eeeeeeee", "Outside"))
    link.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    link.symlink_to(outside)
    return link


def _fifo(path: Path) -> Path:
    os.mkfifo(path, 0o600)
    return path


def _state(path: Path) -> tuple:
    info = path.lstat()
    data = None if not path.is_file() or path.is_symlink() else path.read_bytes()
    target = os.readlink(path) if path.is_symlink() else None
    return data, info.st_mtime_ns, info.st_mode, target


@pytest.mark.parametrize("kind", sorted(BAD_CLASSES))
def test_bad_file_is_named_skipped_reported_and_untouched(kind, cli, reflect_home, tmp_path) -> None:
    folder = reflect_home / "entries" / "2026" / "11"
    _write(folder / "2026-11-20T090000-good.md", _good("aaaaaaaa"))
    outside = tmp_path / "elsewhere" / "secret.md"
    bad = BAD_CLASSES[kind](folder, outside)
    past = time.time() - 86400
    os.utime(bad, (past, past), follow_symlinks=False)
    before = _state(bad)
    outside_before = _state(outside) if outside.exists() else None

    listed = cli("list", "--json")
    assert listed.exit_code == 0, listed.output
    entries = json.loads(listed.stdout)
    assert [e["id"] for e in entries] == ["aaaaaaaa"], "only the good entry is listed"
    assert entries[0]["title"] == "Good"
    assert f"warning: skipped {bad}" in listed.stderr, listed.stderr
    assert listed.stderr.count("warning:") == 1

    shown = cli("show", "aaaaaaaa", "--json")
    assert shown.exit_code == 0 and json.loads(shown.stdout)["title"] == "Good"

    doctor = cli("doctor")
    assert doctor.exit_code != 0, doctor.output
    assert str(bad) in doctor.stdout
    doctor_json = cli("doctor", "--json")
    report = json.loads(doctor_json.stdout)
    assert report["healthy"] is False and report["entries"] == 1
    assert any(str(bad) in p for p in report["problems"])

    assert _state(bad) == before, "the bad file must not be modified"
    if outside_before is not None:
        assert _state(outside) == outside_before, "the symlink's target must not be touched"


def test_symlink_to_outside_is_never_opened(cli, reflect_home, tmp_path, monkeypatch) -> None:
    """Not followed means not even opened: every os.open the read path makes is recorded."""
    folder = reflect_home / "entries" / "2026" / "11"
    outside = tmp_path / "elsewhere" / "private.md"
    _symlink(folder / "link.md", outside)
    opened: list[str] = []
    real_open = os.open

    def spy(path, *args, **kwargs):
        opened.append(os.path.realpath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    listed = cli("list", "--json")
    assert "outside the journal" in listed.stderr
    assert str(outside.resolve()) not in opened


def test_symlink_inside_the_journal_is_read_once(cli, reflect_home) -> None:
    folder = reflect_home / "entries" / "2026" / "11"
    real = _write(reflect_home / "entries" / "kept" / "real.md", _good("abcdef01", "Linked"))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "alias.md").symlink_to(real)
    listed = cli("list", "--json")
    assert [e["title"] for e in json.loads(listed.stdout)] == ["Linked"]


def test_every_bad_class_at_once(cli, reflect_home, tmp_path) -> None:
    """All the bad files together: one warning each, the good entry intact, doctor lists them all."""
    folder = reflect_home / "entries" / "2026" / "11"
    _write(folder / "2026-11-20T090000-good.md", _good("aaaaaaaa"))
    bad = [make(folder, tmp_path / "elsewhere" / f"{kind}.md") for kind, make in sorted(BAD_CLASSES.items())]
    before = {p: _state(p) for p in bad}
    listed = cli("list", "--json")
    assert [e["id"] for e in json.loads(listed.stdout)] == ["aaaaaaaa"]
    for path in bad:
        assert f"skipped {path}" in listed.stderr
    report = json.loads(cli("doctor", "--json").stdout)
    assert len(report["problems"]) == len(bad) == len(BAD_CLASSES)
    assert {p: _state(p) for p in bad} == before


def test_linked_folder_is_named_and_not_walked(cli, reflect_home, tmp_path) -> None:
    """A folder symlink inside entries/ (e.g. to another person's notes) is reported, never entered."""
    folder = reflect_home / "entries" / "2026" / "11"
    _write(folder / "2026-11-20T090000-good.md", _good("aaaaaaaa"))
    elsewhere = tmp_path / "someone-else"
    _write(elsewhere / "theirs.md", _good("ffffffff", "Not mine"))
    link = reflect_home / "entries" / "2026" / "12"
    link.symlink_to(elsewhere, target_is_directory=True)
    from reflect.store import JournalStore

    entries, problems = JournalStore(reflect_home).scan()
    assert [e.id for e in entries] == ["aaaaaaaa"]
    assert [(p.path, "not followed" in p.message) for p in problems] == [(link, True)]
    doctor = cli("doctor")
    assert doctor.exit_code == 1 and str(link) in doctor.stdout
    assert "ffffffff" not in cli("list", "--json").stdout
