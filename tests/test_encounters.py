"""`reflect encounters` and `reflect resolve`: explicit repair always wins over inference."""
from __future__ import annotations

import json


def _add(cli, when, text):
    r = cli("add", "--json", "--date", when, text)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)["id"]


def test_encounters_lists_age_and_status(cli):
    a = _add(cli, "2026-03-01 20:00", "I lost my temper with a student nurse, Bethan, over the obs chart. She cried.")
    b = _add(cli, "2026-03-02 20:00", "A visitor shouted at me in the car park about the parking charges. Shaken.")
    _add(cli, "2026-03-05 20:00", "Found Bethan before handover and apologised for losing my temper. We're good now.")
    r = cli("encounters", "--json", "--until", "2026-03-10")
    items = {i["entry"]: i for i in json.loads(r.stdout)}
    assert items[a]["status"] == "resolved" and items[a]["age_days"] == 4
    assert items[b]["status"] == "open" and items[b]["age_days"] == 8
    r = cli("encounters", "--open", "--json", "--until", "2026-03-10")
    assert [i["entry"] for i in json.loads(r.stdout)] == [b]
    text = cli("encounters", "--until", "2026-03-10").output
    assert b in text and "open" in text


def test_resolve_records_a_follow_up_and_wins(cli):
    enc = _add(cli, "2026-04-01 19:00", "Had a row with the GP receptionist; she said she'd report my attitude.")
    r = cli("resolve", enc, "--how", "cleared-the-air", "--note", "Popped in, talked it through.",
            "--date", "2026-04-03 12:00")
    assert r.exit_code == 0, r.output
    shown = json.loads(cli("show", enc, "--json").stdout) if cli("show", "--help").exit_code == 0 else None
    data = json.loads(cli("summary", "--json", "--since", "2026-04-01", "--until", "2026-04-30").stdout)
    assert data["encounters"]["unresolved"] == []
    (res,) = data["encounters"]["resolved"]
    assert res["entry"] == enc and res["how"] == "cleared-the-air"
    follow = [e for e in data["entries"] if e["id"] == res["resolved_by"]]
    assert follow and follow[0]["date"].startswith("2026-04-03T12:00")
    if shown is not None:
        assert shown["encounter"]["status"] == "repaired"
        assert shown["encounter"]["resolved_by"] == res["resolved_by"]


def test_resolve_let_go_and_bad_how(cli):
    enc = _add(cli, "2026-05-01 19:00", "My manager and I argued about the caseload. It was heated and left hanging.")
    assert cli("resolve", enc, "--how", "shrugged").exit_code == 2
    assert cli("resolve", enc, "--how", "let-go", "--date", "2026-05-02 09:00").exit_code == 0
    items = json.loads(cli("encounters", "--json", "--until", "2026-05-31").stdout)
    assert items[0]["status"] == "resolved" and items[0]["how"] == "let-go"
    assert cli("resolve", "nope0000").exit_code == 3
