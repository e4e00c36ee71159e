"""Templates: the packaged set, validation errors that name file and field, user overrides, sections()."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from reflect import templates
from reflect.errors import NotFoundError, TemplateError, UsageError
from reflect.models import Entry

REQUIRED = ["end-of-day", "kindness-and-compassion", "bad-day-and-repair", "gibbs", "what-so-what-now-what",
            "competent-compassion", "self-compassion", "compassionate-leadership"]

MINIMAL = '''name = "{name}"
title = "A small one"
purpose = "Just to try."

[[prompts]]
id = "what_happened"
question = "What happened?"
'''


def user_dir() -> Path:
    from reflect.paths import user_templates_dir

    folder = user_templates_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_every_required_template_ships_and_validates() -> None:
    infos, problems = templates.list_templates()
    assert problems == []
    names = {i.template.name for i in infos}
    assert set(REQUIRED) <= names
    assert all(i.origin == "packaged" for i in infos)


@pytest.mark.parametrize("name", REQUIRED)
def test_shared_prompt_ids_are_used(name: str) -> None:
    t = templates.load_template(name)
    ids = {p.id for p in t.prompts}
    assert "supervision" in ids
    for p in t.prompts:
        if p.maps_to in ("energy", "mood"):
            assert p.id == p.maps_to


def test_roles_where_the_meaning_is_shared() -> None:
    assert {"energy", "mood", "what_happened", "kindness_given", "kindness_received", "supervision"} <= {
        p.id for p in templates.load_template("end-of-day").prompts}
    assert {"learned", "do_differently"} <= {p.id for p in templates.load_template("gibbs").prompts}
    assert {"learned", "do_differently"} <= {p.id for p in templates.load_template("what-so-what-now-what").prompts}
    bad_day = templates.load_template("bad-day-and-repair")
    assert bad_day.prompt("do_differently") is not None
    assert bad_day.prompt("repair_status").maps_to == "encounter.status"
    assert bad_day.prompt("encounter_who").maps_to == "encounter.who"
    assert "I need to be better" in " ".join(p.question for p in templates.load_template("self-compassion").prompts)
    leadership = " ".join(p.question for p in templates.load_template("compassionate-leadership").prompts)
    for stage in ("Attending", "Understanding", "Empathising", "Helping"):
        assert stage in leadership


def test_default_is_end_of_day() -> None:
    assert templates.load_template().name == "end-of-day"


def test_unknown_template_lists_the_available_ones() -> None:
    with pytest.raises(NotFoundError) as info:
        templates.load_template("no-such-thing")
    for name in REQUIRED:
        assert name in info.value.message


@pytest.mark.parametrize("bad", ["../end-of-day", "/etc/passwd", "..", "End-Of-Day", "a/b", "", "x" * 70, "gibbs.toml"])
def test_template_names_that_are_paths_are_refused(bad: str) -> None:
    with pytest.raises(UsageError):
        templates.load_template(bad)
    with pytest.raises(UsageError):
        templates.create_user_template(bad)


def test_missing_field_names_the_file_and_the_field() -> None:
    path = user_dir() / "broken.toml"
    path.write_text('name = "broken"\npurpose = "x"\n[[prompts]]\nid = "a"\nquestion = "Q?"\n')
    with pytest.raises(TemplateError) as info:
        templates.load_template("broken")
    assert str(path) in info.value.message
    assert "'title'" in info.value.message and "missing" in info.value.message


def test_missing_prompt_field_names_the_prompt() -> None:
    path = user_dir() / "broken.toml"
    path.write_text(MINIMAL.format(name="broken") + '\n[[prompts]]\nid = "second"\nkind = "text"\n')
    with pytest.raises(TemplateError) as info:
        templates.load_template("broken")
    assert str(path) in info.value.message
    assert "prompts[2] (second).question" in info.value.message


@pytest.mark.parametrize("extra, field_text", [
    ('kind = "essay"', "kind"),
    ('kind = "choice"', "prompts[1]"),
    ('maps_to = "energy"', "maps_to"),
    ('maps_to = "salary"', "maps_to"),
    ('colour = "blue"', "colour"),
    ('ask_if = "nothing_earlier"', "ask_if"),
    ('digest_role = "gossip"', "digest role"),
])
def test_invalid_prompts_are_refused(extra: str, field_text: str) -> None:
    path = user_dir() / "broken.toml"
    path.write_text(MINIMAL.format(name="broken") + extra + "\n")
    with pytest.raises(TemplateError) as info:
        templates.load_template("broken")
    assert str(path) in info.value.message
    assert field_text in info.value.message


def test_status_choices_must_be_real_statuses() -> None:
    path = user_dir() / "broken.toml"
    path.write_text(MINIMAL.format(name="broken") +
                    'kind = "choice"\nmaps_to = "encounter.status"\nchoices = ["open", "sorted"]\n')
    with pytest.raises(TemplateError) as info:
        templates.load_template("broken")
    assert "sorted" in info.value.message


def test_name_must_match_the_file() -> None:
    (user_dir() / "mine.toml").write_text(MINIMAL.format(name="other"))
    with pytest.raises(TemplateError) as info:
        templates.load_template("mine")
    assert "field 'name'" in info.value.message


def test_invalid_toml_names_the_file() -> None:
    path = user_dir() / "broken.toml"
    path.write_text("name = \n")
    with pytest.raises(TemplateError) as info:
        templates.load_template("broken")
    assert str(path) in info.value.message and "TOML" in info.value.message


def test_user_template_and_override() -> None:
    (user_dir() / "quick.toml").write_text(MINIMAL.format(name="quick"))
    (user_dir() / "gibbs.toml").write_text(MINIMAL.format(name="gibbs"))
    infos, problems = templates.list_templates()
    origins = {i.template.name: i.origin for i in infos}
    assert origins["quick"] == "user" and origins["gibbs"] == "override"
    assert len(templates.load_template("gibbs").prompts) == 1


def test_one_bad_user_file_does_not_hide_the_others() -> None:
    (user_dir() / "broken.toml").write_text("title = 1\n")
    infos, problems = templates.list_templates()
    assert len(problems) == 1 and "broken.toml" in problems[0].message
    assert {"end-of-day", "gibbs"} <= {i.template.name for i in infos}


def test_create_user_template_copies_and_renames() -> None:
    path = templates.create_user_template("night-shift", "bad-day-and-repair")
    assert path.parent == user_dir() and path.name == "night-shift.toml"
    t = templates.load_template("night-shift")
    assert t.name == "night-shift"
    assert [p.id for p in t.prompts] == [p.id for p in templates.load_template("bad-day-and-repair").prompts]
    with pytest.raises(UsageError):
        templates.create_user_template("night-shift")
    own = templates.create_user_template("gibbs")  # own version of a packaged one
    assert templates.template_info("gibbs").origin == "override" and own.exists()


def test_sections_recovers_answers_by_prompt_id() -> None:
    from reflect.prompting import build_entry

    t = templates.load_template("gibbs")
    entry = build_entry(t, {"what_happened": "A fall on the stairs.\n## not a heading of ours",
                            "learned": "Check the lighting.", "do_differently": "Ask earlier."})
    got = templates.sections(entry)
    assert got[0][0] == "what_happened" and got[0][2].endswith("## not a heading of ours")
    assert [s[0] for s in got] == ["what_happened", "learned", "do_differently"]
    roles = templates.answers_by_role(entry)
    assert roles["learned"] == ["Check the lighting."]
    assert roles["do_differently"] == ["Ask earlier."]


def test_sections_without_a_template() -> None:
    import datetime as dt

    entry = Entry(id="abc12345", created=dt.datetime(2026, 1, 5, 18, tzinfo=dt.timezone.utc),
                  body="Opening words.\n\n## First\n\none\n\n## Second\n\ntwo\n")
    assert templates.sections(entry) == [(None, "", "Opening words."), (None, "First", "one"),
                                         (None, "Second", "two")]


def test_cli_templates_list_and_show(cli) -> None:
    result = cli("templates", "list", "--json")
    assert result.exit_code == 0
    names = [t["name"] for t in json.loads(result.stdout)]
    assert set(REQUIRED) <= set(names)
    result = cli("templates", "show", "bad-day-and-repair")
    assert result.exit_code == 0
    assert "Where does the repair stand now?" in result.stdout
    assert "encounter.status" in result.stdout
    result = cli("templates", "show", "nope")
    assert result.exit_code == 3
    assert "Available:" in result.stderr and "end-of-day" in result.stderr


def test_cli_templates_new_prints_the_path(cli) -> None:
    result = cli("templates", "new", "my-day")
    assert result.exit_code == 0
    path = user_dir() / "my-day.toml"
    assert str(path) in result.stdout.replace("\n", "")
    assert path.exists()
    assert cli("templates", "show", "my-day").exit_code == 0
    assert cli("templates", "new", "../escape").exit_code == 2
    assert not (user_dir().parent / "escape.toml").exists()


def test_cli_list_warns_about_a_broken_user_template(cli) -> None:
    (user_dir() / "broken.toml").write_text(MINIMAL.format(name="broken").replace('title = "A small one"\n', ""))
    result = cli("templates", "list")
    assert result.exit_code == 0
    assert "broken.toml" in result.stderr and "title" in result.stderr


def test_default_template_follows_the_config(cli) -> None:
    assert cli("config", "set", "default_template", "gibbs").exit_code == 0
    assert templates.load_template().name == "gibbs"
    listed = cli("templates", "list").stdout
    gibbs_line = next(line for line in listed.splitlines() if line.startswith("gibbs"))
    assert "default" in gibbs_line
