"""The index follows the files: edits, deletions and additions made outside reflect; damage is repaired."""
from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reflect import index as index_mod
from reflect import indexread
from reflect.journal import Journal, open_journal

HOUR_AGO = time.time() - 3600


def _age(path: Path, seconds_ago: float = 3600) -> None:
    """Give a file an old mtime, as a file written long before this command would have."""
    stamp = time.time() - seconds_ago
    os.utime(path, (stamp, stamp))


def _listed(cli, *args) -> list[dict]:
    result = cli("list", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _write_by_hand(root: Path, name: str, entry_id: str, title: str, body: str,
                   when: str = "2026-03-04T09:15:00+00:00") -> Path:
    folder = root / "entries" / when[:4] / when[5:7]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"---\nid: {entry_id}\ncreated: {when}\ntitle: {title}\ntags:\n- handmade\n---\n\n{body}\n",
                    encoding="utf-8")
    return path


def test_index_lives_in_the_cache_folder_keyed_to_the_root(reflect_home, cli):
    cli("add", "Morning handover went smoothly.")
    assert _listed(cli)
    files = list((reflect_home / ".cache").glob("index-*.sqlite3"))
    assert len(files) == 1
    assert files[0] == index_mod.index_file(reflect_home)
    assert index_mod.index_file(reflect_home) != index_mod.index_file(reflect_home / "other")
    assert oct(files[0].stat().st_mode & 0o777) == oct(0o600)


@pytest.mark.parametrize("aged", [True, False], ids=["old-file", "fresh-file"])
def test_same_size_edit_in_another_editor_is_picked_up(reflect_home, cli, aged):
    cli("add", "--date", "2026-02-01 10:00", "Visit. The cat slept on the sofa.")
    path = next((reflect_home / "entries").rglob("*.md"))
    if aged:
        _age(path, 7200)
    assert "cat" in _listed(cli)[0]["body"]
    before = path.stat()
    # An editor that truncates and rewrites in place: same size, same folder mtime.
    data = path.read_bytes().replace(b"The cat slept", b"The dog slept")
    with open(path, "r+b") as handle:
        handle.seek(0)
        handle.write(data)
        handle.truncate()
    if aged:
        _age(path, 3600)  # a later edit than the one indexed, still in the past
    assert path.stat().st_size == before.st_size
    [entry] = _listed(cli)
    assert "The dog slept" in entry["body"]
    hits = json.loads(cli("search", "dog", "--json").stdout)
    assert [h["id"] for h in hits] == [entry["id"]]
    assert json.loads(cli("search", "cat", "--json").stdout) == []


def test_front_matter_edit_by_hand_changes_filters(reflect_home, cli):
    cli("add", "--date", "2026-02-01 10:00", "Supervision prep.")
    path = next((reflect_home / "entries").rglob("*.md"))
    _age(path, 7200)
    assert _listed(cli, "--tag", "supervision") == []
    text = path.read_text().replace("tags: []", "tags:\n- supervision")
    path.write_text(text)
    _age(path, 3600)
    assert len(_listed(cli, "--tag", "supervision")) == 1
    assert cli("tags", "--json").stdout.count("supervision") == 1


def test_file_deleted_by_hand_disappears(reflect_home, cli):
    cli("add", "--date", "2026-02-01 10:00", "First.")
    cli("add", "--date", "2026-02-02 10:00", "Second.")
    assert len(_listed(cli)) == 2
    victim = sorted((reflect_home / "entries").rglob("*.md"))[0]
    victim.unlink()
    titles = [e["title"] for e in _listed(cli)]
    assert titles == ["Second."]
    assert json.loads(cli("search", "first", "--json").stdout) == []


def test_file_added_by_hand_appears(reflect_home, cli):
    cli("add", "--date", "2026-02-01 10:00", "Written with reflect.")
    assert len(_listed(cli)) == 1
    path = _write_by_hand(reflect_home, "by-hand.md", "feedc0de", "Typed in another editor", "A quiet walk home.")
    _age(path)
    entries = _listed(cli)
    assert len(entries) == 2 and entries[1]["id"] == "feedc0de"  # March 2026 sorts after February
    assert entries[1]["tags"] == ["handmade"]
    assert cli("show", "feedc").exit_code == 0
    assert [h["id"] for h in json.loads(cli("search", "walk", "--json").stdout)] == ["feedc0de"]


def test_index_survives_deletion(reflect_home, cli):
    cli("add", "Kept in the files.")
    assert len(_listed(cli)) == 1
    for leftover in (reflect_home / ".cache").iterdir():
        leftover.unlink()
    assert [e["title"] for e in _listed(cli)] == ["Kept in the files."]
    assert index_mod.index_file(reflect_home).exists()


@pytest.mark.parametrize("garbage", [b"this is not a database" * 50, b"", b"SQLite format 3\x00" + b"\xff" * 4000])
def test_corrupt_index_is_rebuilt(reflect_home, cli, garbage):
    cli("add", "Still here after the index broke.")
    assert len(_listed(cli)) == 1
    path = index_mod.index_file(reflect_home)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    path.write_bytes(garbage)
    result = cli("list", "--json")
    assert result.exit_code == 0
    assert [e["title"] for e in json.loads(result.stdout)] == ["Still here after the index broke."]
    with sqlite3.connect(path) as conn:  # rebuilt into a real index
        assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 1
    assert cli("search", "broke").exit_code == 0


def test_index_from_another_schema_is_replaced(reflect_home, cli):
    cli("add", "Schema change.")
    _listed(cli)
    path = index_mod.index_file(reflect_home)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = 'old' WHERE key = 'schema'")
    assert [e["title"] for e in _listed(cli)] == ["Schema change."]


def test_bad_files_are_problems_until_fixed(reflect_home, cli):
    cli("add", "--date", "2026-02-01 10:00", "Good one.")
    folder = next((reflect_home / "entries").rglob("*.md")).parent
    bad = folder / "broken.md"
    bad.write_text("no front matter here\n")
    _age(bad)
    result = cli("list", "--json")
    assert len(json.loads(result.stdout)) == 1
    assert "broken.md" in result.stderr
    again = cli("list", "--json")  # served from the index: still reported
    assert "broken.md" in again.stderr
    _write_by_hand(reflect_home, "broken.md", "c0ffee00", "Fixed", "Now fine.", when=f"2026-02-03T08:00:00+00:00")
    fixed = cli("list", "--json")
    assert "broken.md" not in fixed.stderr
    assert {e["id"] for e in json.loads(fixed.stdout)} >= {"c0ffee00"}


def test_duplicate_ids_are_reported_once_kept_once(reflect_home, cli):
    first = _write_by_hand(reflect_home, "a.md", "dddd0001", "One", "x")
    second = _write_by_hand(reflect_home, "b.md", "dddd0001", "Copy", "y")
    _age(first), _age(second)
    result = cli("list", "--json")
    assert [e["title"] for e in json.loads(result.stdout)] == ["One"]
    assert "duplicate id 'dddd0001'" in result.stderr and "b.md" in result.stderr
    first.unlink()
    assert [e["title"] for e in _listed(cli)] == ["Copy"]


def test_index_matches_a_plain_scan(reflect_home):
    journal = open_journal()
    base = dt.datetime(2025, 12, 30, 21, 0).astimezone()
    for day in range(40):
        journal.add(f"Day {day}. Notes @t{day % 3}", when=base + dt.timedelta(days=day, hours=day % 5),
                    share=day % 4 == 0, starred=day % 7 == 0)
    fresh = Journal(reflect_home)
    filters = [dict(), dict(limit=5), dict(tags=["T1"]), dict(shared=True), dict(since=dt.date(2026, 1, 10)),
               dict(until=dt.date(2026, 1, 3), tags=["t0"]), dict(limit=0)]
    for f in filters:
        via_index = [e.as_json() for e in fresh.select(**f).entries]
        via_files = [e.as_json() for e in fresh._select_files(**f).entries]
        assert via_index == via_files, f
    assert fresh.tags() == Journal(reflect_home).tags()
    assert fresh.get("latest").id == fresh._select_files().entries[-1].id


def test_extra_front_matter_round_trips_through_the_index(reflect_home, cli):
    path = _write_by_hand(reflect_home, "x.md", "abcd1234", "With extras", "body")
    text = path.read_text().replace("tags:", "aliases:\n- one\nreviewed: 2026-03-05\ntags:")
    path.write_text(text)
    _age(path)
    journal = open_journal()
    [entry] = journal.select().entries
    assert entry.extra == {"aliases": ["one"], "reviewed": dt.date(2026, 3, 5)}


def test_add_does_not_read_the_journal(reflect_home, monkeypatch):
    journal = open_journal()
    journal.add("Before.")

    def refuse(*args, **kwargs):
        raise AssertionError("add read the journal")

    monkeypatch.setattr(index_mod.Index, "sync", refuse)
    monkeypatch.setattr(index_mod.Index, "walk", refuse)
    monkeypatch.setattr(type(journal.store), "scan", refuse)
    monkeypatch.setattr(type(journal.store), "read", refuse)
    monkeypatch.setattr(type(journal.store), "iter_paths", refuse)
    open_journal().add("After: one file written, nothing read.")


def test_encrypted_journal_keeps_no_index(reflect_home, cli, monkeypatch):
    cli("add", "Private words here.")
    from reflect.store import JournalStore

    monkeypatch.setattr(JournalStore, "encrypted", True, raising=False)
    for leftover in (reflect_home / ".cache").glob("*"):
        leftover.unlink()
    assert [e["title"] for e in _listed(cli)] == ["Private words here."]
    assert [h["title"] for h in json.loads(cli("search", "words", "--json").stdout)] == ["Private words here."]
    assert not list((reflect_home / ".cache").glob("index-*"))


def test_rebuild_counts_entries(reflect_home):
    journal = open_journal()
    for n in range(3):
        journal.add(f"Entry {n}.")
    assert index_mod.rebuild(Journal(reflect_home), progress=False) == 3


def test_concurrent_syncs_leave_a_consistent_index(reflect_home):
    import threading

    journal = open_journal()
    for n in range(30):
        journal.add(f"Entry {n}.", when=dt.datetime(2026, 1, 1, 9).astimezone() + dt.timedelta(hours=n))
    errors: list[BaseException] = []

    def reader() -> None:
        try:
            assert len(Journal(reflect_home).select().entries) == 30
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with sqlite3.connect(index_mod.index_file(reflect_home)) as conn:
        assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 30
        assert conn.execute("SELECT count(*) FROM fts").fetchone()[0] == 30


def test_doctor_reindex_rebuilds_from_the_files(reflect_home, cli):
    for n in range(3):
        cli("add", f"Entry {n}.")
    _listed(cli)
    index_mod.index_file(reflect_home).write_bytes(b"garbage" * 100)
    result = cli("doctor", "--reindex", "--json")
    assert json.loads(result.stdout)["reindexed"] == 3
    with sqlite3.connect(index_mod.index_file(reflect_home)) as conn:
        assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 3


def test_import_records_entries_in_the_index(reflect_home, cli, tmp_path):
    source = tmp_path / "j.txt"
    source.write_text("[2026-01-02 08:00] One. First body.\n\n[2026-01-03 09:30] Two *\nSecond body @late\n")
    _listed(cli)  # an index exists before the import
    assert cli("import", str(source)).exit_code == 0
    with sqlite3.connect(index_mod.index_file(reflect_home)) as conn:
        assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 2
    entries = _listed(cli)
    assert [(e["title"], e["starred"], e["tags"]) for e in entries] == [("One.", False, []), ("Two", True, ["late"])]
    assert cli("import", str(source)).stdout.count("2 already in the journal") == 1


def test_unwritable_cache_falls_back_to_the_files(reflect_home, cli):
    cli("add", "No cache today.")
    cache = reflect_home / ".cache"
    if cache.exists():
        for item in cache.iterdir():
            item.unlink()
        cache.rmdir()
    cache.write_text("a file where the cache folder should be")
    assert [e["title"] for e in _listed(cli)] == ["No cache today."]
    assert cli("search", "cache").exit_code == 0


@pytest.mark.skipif(os.name != "posix", reason="ctime means change time on POSIX only")
def test_edit_with_mtime_set_back_is_picked_up(reflect_home, cli, monkeypatch):
    monkeypatch.setattr(index_mod, "RACY_SECONDS", 0.0)
    cli("add", "--date", "2026-02-01 10:00", "Visit. The cat slept on the sofa.")
    path = next((reflect_home / "entries").rglob("*.md"))
    _age(path, 7200)
    assert "cat" in _listed(cli)[0]["body"]
    before = path.stat()
    time.sleep(0.01)
    path.write_bytes(path.read_bytes().replace(b"cat", b"dog"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `cp -p` or rsync -t would
    assert path.stat().st_mtime_ns == before.st_mtime_ns and path.stat().st_size == before.st_size
    assert "The dog slept" in _listed(cli)[0]["body"]


def test_analysed_is_cached_and_can_leave_bodies_out(reflect_home, monkeypatch):
    monkeypatch.setattr(index_mod, "RACY_SECONDS", 0.0)
    journal = open_journal()
    journal.add("Drained after a long shift, missed my break again.", when=dt.datetime(2026, 1, 5, 18).astimezone())
    journal.add("Quiet day.", when=dt.datetime(2026, 1, 6, 18).astimezone())
    first = Journal(reflect_home).analysed()
    calls = []
    import reflect.analysis as analysis

    real = analysis.analyse
    monkeypatch.setattr(analysis, "analyse", lambda e: calls.append(e.id) or real(e))
    again = Journal(reflect_home).analysed()
    assert calls == []  # served from the index
    assert [a.to_json() for _, a in again] == [a.to_json() for _, a in first]
    lean = Journal(reflect_home).analysed(bodies=False)
    assert [e.body for e, _ in lean] == ["", ""]
    assert [(e.id, a.to_json()) for e, a in lean] == [(e.id, a.to_json()) for e, a in first]


def test_racy_window_follows_the_filesystems_timestamp_resolution():
    """Whole-second timestamps (FAT, HFS+) keep a 2 s window; nanosecond ones a tenth of a second."""
    from reflect.index import _racy

    now = 1_800_000_000_500_000_000
    assert _racy(1_800_000_000_000_000_000, now)          # whole second, 0.5 s old: still racy
    assert not _racy(1_799_999_997_000_000_000, now)      # whole second, 3.5 s old
    assert _racy(1_800_000_000_450_000_001, now)          # nanoseconds, 50 ms old: racy
    assert not _racy(1_800_000_000_300_000_001, now)      # nanoseconds, 200 ms old


@given(st.lists(st.text(max_size=12), max_size=5))
def test_tags_column_reads_back_exactly_with_or_without_the_json_module(tags):
    import json

    raw = json.dumps(tags, ensure_ascii=False)
    assert indexread.tags_of(raw) == tags


def test_index_file_name_is_stable_across_processes(reflect_home):
    import subprocess
    import sys

    code = "import sys; from reflect.index import index_file; print(index_file(sys.argv[1]).name)"
    names = {subprocess.run([sys.executable, "-c", code, str(reflect_home)], capture_output=True, text=True,
                            check=True).stdout.strip() for _ in range(2)}
    assert names == {index_mod.index_file(reflect_home).name}
    assert len(next(iter(names))) == len("index-") + 16 + len(".sqlite3")
