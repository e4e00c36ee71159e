"""Every command closes the index it opened, even when run in-process many times.

Python 3.11's sqlite3 connection sits in a reference cycle with its statement cache, so an
unclosed connection keeps its three files (database, -wal, -shm) open until the cycle collector
happens to run: a long test session ran out of file descriptors that way.
"""
import gc
import os

import pytest


def _open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")
def test_commands_run_in_process_leave_no_index_files_open(cli):
    assert cli("add", "Long day. Rang the daughter back and apologised @ward").exit_code == 0
    was = gc.isenabled()
    gc.disable()
    try:
        cli("list")
        before = _open_files()
        for args in (["list"], ["search", "daughter"], ["summary"], ["encounters"], ["tags"], ["show", "latest"]):
            for _ in range(5):
                assert cli(*args).exit_code == 0, args
        assert _open_files() <= before
    finally:
        if was:
            gc.enable()


def test_an_index_dropped_without_close_is_closed(reflect_home):
    from reflect.index import open_index
    from reflect.journal import open_journal

    journal = open_journal()
    journal.store.ensure()
    was = gc.isenabled()
    gc.disable()
    try:
        before = _open_files()
        for _ in range(5):
            idx = open_index(journal)
            assert idx is not None
            idx.count()
            del idx
        assert _open_files() <= before
    finally:
        if was:
            gc.enable()


def test_summary_in_process_leaves_the_garbage_collector_as_it_found_it(cli):
    assert cli("add", "Long day, no break.").exit_code == 0
    assert gc.isenabled()
    assert cli("summary").exit_code == 0
    assert gc.isenabled()
