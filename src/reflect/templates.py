"""Prompt templates: TOML files validated by strict models, packaged and user-defined.

A template is a name, a title, a one-paragraph purpose and ordered prompts. Packaged templates
live in reflect's `prompts/` folder; a user's own (or overriding) templates live in
`paths.user_templates_dir()`. A user file with the same name replaces the packaged one.

Entries written from a template keep each answer under a `## <question>` heading, so
`sections(entry)` can recover the answers by prompt id for the summariser and digests.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import NotFoundError, TemplateError, UsageError

Kind = Literal["text", "scale", "choice", "yesno", "tags"]
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
ID_RE = r"^[a-z][a-z0-9_]{0,63}$"
DEFAULT_TEMPLATE = "end-of-day"

# Prompt ids with a shared meaning across templates; the digest and summary gather answers by these.
ROLES = {
    "what_happened": "what happened (the event, in brief)",
    "learned": "what I learned",
    "do_differently": "what I will do differently",
    "supervision": "something to bring to supervision",
    "kindness_given": "kindness I showed",
    "kindness_received": "kindness shown to me",
    "energy": "energy, 1-5",
    "mood": "mood, 1-5",
    "carry_forward": "one thing to carry into tomorrow",
    "feelings": "how I felt",
    "encounter_who": "who the difficult encounter was with (a role)",
    "repair": "the repair planned or made",
}

ENCOUNTER_STATUSES = ("open", "talked-over", "repair-planned", "repaired", "let-go")
REPAIR_HOWS = ("apologised", "followed-up", "cleared-the-air", "let-go")

# Where an answer may go in the front matter, and which prompt kinds may send it there.
_TARGET_KINDS = {
    "title": {"text"},
    "energy": {"scale"},
    "mood": {"scale"},
    "tags": {"tags"},
    "encounter": {"yesno"},
    "encounter.who": {"text"},
    "encounter.status": {"choice"},
    "encounter.how": {"choice"},
    "encounter.note": {"text"},
}


class Choice(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    value: str = Field(min_length=1, max_length=80)
    label: str = Field(min_length=1, max_length=200)


class Prompt(BaseModel):
    """One question of a template."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_RE)
    question: str = Field(min_length=1, max_length=300)
    guidance: str | None = Field(None, max_length=1000)
    kind: Kind = "text"
    choices: list[Choice] | None = None
    maps_to: str | None = None
    digest_role: str | None = None
    ask_if: str | None = Field(None, pattern=ID_RE)

    @field_validator("question")
    @classmethod
    def _one_line(cls, v: str) -> str:
        v = v.strip()
        if "\n" in v:
            raise ValueError("must be one line (it becomes a Markdown heading)")
        if not v:
            raise ValueError("must not be empty")
        return v

    @field_validator("choices", mode="before")
    @classmethod
    def _choices(cls, v):
        if isinstance(v, list):
            return [{"value": c, "label": c} if isinstance(c, str) else c for c in v]
        return v

    @field_validator("digest_role")
    @classmethod
    def _role(cls, v: str | None) -> str | None:
        if v is not None and v not in ROLES:
            raise ValueError(f"unknown digest role {v!r}; known roles: {', '.join(ROLES)}")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> "Prompt":
        if self.kind == "choice":
            if not self.choices or len(self.choices) < 2:
                raise ValueError("a 'choice' prompt needs at least two 'choices'")
            values = [c.value for c in self.choices]
            if len(set(values)) != len(values):
                raise ValueError("'choices' values must be different from each other")
        elif self.choices is not None:
            raise ValueError(f"'choices' only belongs to kind 'choice', not {self.kind!r}")
        if self.maps_to is not None:
            target = self.maps_to
            if target.startswith("ratings."):
                key = target.split(".", 1)[1]
                if not re.fullmatch(r"[a-z][a-z0-9_]{0,40}", key):
                    raise ValueError(f"maps_to {target!r}: the rating name must be lowercase letters, digits, _")
                allowed = {"scale"}
            elif target in _TARGET_KINDS:
                allowed = _TARGET_KINDS[target]
            else:
                raise ValueError(f"maps_to {target!r} is not a known field; use one of "
                                 f"{', '.join(_TARGET_KINDS)}, or ratings.<name>")
            if self.kind not in allowed:
                raise ValueError(f"maps_to {target!r} needs a prompt of kind {' or '.join(sorted(allowed))}, "
                                 f"not {self.kind!r}")
            valid = {"encounter.status": ENCOUNTER_STATUSES, "encounter.how": REPAIR_HOWS}.get(target)
            if valid:
                bad = [c.value for c in self.choices or [] if c.value not in valid]
                if bad:
                    raise ValueError(f"maps_to {target!r}: choice values must be among {', '.join(valid)} "
                                     f"(not {', '.join(bad)})")
        return self

    @property
    def role(self) -> str | None:
        """The shared meaning of this prompt's answer, if it has one (explicit, or by id)."""
        if self.digest_role:
            return self.digest_role
        return self.id if self.id in ROLES else None

    def choice_label(self, value: str) -> str:
        for c in self.choices or []:
            if c.value == value:
                return c.label
        return value


class Template(BaseModel):
    """A guided reflection: ordered prompts and what they are for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=NAME_RE.pattern)
    title: str = Field(min_length=1, max_length=120)
    purpose: str = Field(min_length=1, max_length=2000)
    prompts: list[Prompt] = Field(min_length=1, max_length=60)

    @model_validator(mode="after")
    def _consistent(self) -> "Template":
        seen: dict[str, Prompt] = {}
        questions: set[str] = set()
        single = {"title", "energy", "mood", "tags", "encounter", "encounter.who", "encounter.status",
                  "encounter.how", "encounter.note"}
        targets: set[str] = set()
        for index, prompt in enumerate(self.prompts, start=1):
            if prompt.id in seen:
                raise ValueError(f"prompt {index}: id {prompt.id!r} is used twice")
            if prompt.question.lower() in questions:
                raise ValueError(f"prompt {index} ({prompt.id}): the same question is asked twice")
            if prompt.ask_if is not None:
                earlier = seen.get(prompt.ask_if)
                if earlier is None or earlier.kind != "yesno":
                    raise ValueError(f"prompt {index} ({prompt.id}): ask_if must name an earlier yes/no prompt")
            if prompt.maps_to:
                if prompt.maps_to in targets and (prompt.maps_to in single or prompt.maps_to.startswith("ratings.")):
                    raise ValueError(f"prompt {index} ({prompt.id}): maps_to {prompt.maps_to!r} is already used")
                targets.add(prompt.maps_to)
            seen[prompt.id] = prompt
            questions.add(prompt.question.lower())
        return self

    def prompt(self, prompt_id: str) -> Prompt | None:
        for p in self.prompts:
            if p.id == prompt_id:
                return p
        return None


@dataclass(frozen=True)
class TemplateInfo:
    template: Template
    path: Path
    origin: Literal["packaged", "user", "override"]


# -- loading -------------------------------------------------------------------------------------

def check_name(name: str) -> str:
    """Refuse anything that is not a plain template name (no paths, no ../)."""
    if not isinstance(name, str) or not NAME_RE.fullmatch(name):
        raise UsageError(f"{name!r} is not a template name: use lowercase letters, digits and '-' "
                         f"(e.g. end-of-day), not a path.")
    return name


def _field_of(loc: tuple, data: dict) -> str:
    parts: list[str] = []
    prompts = data.get("prompts") if isinstance(data, dict) else None
    for i, item in enumerate(loc):
        if isinstance(item, int) and parts and parts[-1] == "prompts":
            label = f"prompts[{item + 1}]"
            if isinstance(prompts, list) and item < len(prompts) and isinstance(prompts[item], dict) \
                    and isinstance(prompts[item].get("id"), str):
                label += f" ({prompts[item]['id']})"
            parts[-1] = label
        elif isinstance(item, int):
            parts[-1] = f"{parts[-1]}[{item + 1}]" if parts else f"[{item + 1}]"
        else:
            parts.append(str(item))
    return ".".join(parts) or "(top level)"


def parse_template(text: str, path: Path) -> Template:
    """A Template from TOML text, or TemplateError naming the file and the field."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{path}: not valid TOML ({exc}).") from None
    try:
        template = Template.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors()[:3]:
            field = _field_of(tuple(err["loc"]), data)
            message = err["msg"]
            if err["type"] == "missing":
                message = "this required field is missing"
            elif err["type"] == "extra_forbidden":
                message = "unknown field (check its spelling)"
            problems.append(f"field '{field}': {message.removeprefix('Value error, ')}")
        more = len(exc.errors()) - len(problems)
        tail = f" (and {more} more)" if more > 0 else ""
        raise TemplateError(f"{path}: {'; '.join(problems)}{tail}.", hint=_format_hint()) from None
    if template.name != path.stem:
        raise TemplateError(f"{path}: field 'name': {template.name!r} must match the file name "
                            f"({path.stem!r}).")
    return template


def _format_hint() -> str:
    from .paths import packaged_prompts_dir

    return f"The template format is described in {packaged_prompts_dir() / 'README.md'}."


def load_file(path: Path) -> Template:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise TemplateError(f"{path}: not UTF-8 text.") from None
    except OSError as exc:
        raise TemplateError(f"{path}: cannot be read ({exc.strerror or exc}).") from None
    return parse_template(text, path)


def _candidates() -> dict[str, tuple[Path, str]]:
    """Template name -> (file, origin), user files overriding packaged ones."""
    from .paths import packaged_prompts_dir, user_templates_dir

    found: dict[str, tuple[Path, str]] = {}
    packaged = packaged_prompts_dir()
    if packaged.is_dir():
        for path in sorted(packaged.glob("*.toml")):
            found[path.stem] = (path, "packaged")
    user = user_templates_dir()
    if user.is_dir():
        for path in sorted(user.glob("*.toml")):
            if not NAME_RE.fullmatch(path.stem):
                continue
            found[path.stem] = (path, "override" if path.stem in found else "user")
    return found


def available() -> list[str]:
    return sorted(_candidates())


def load_template(name: str | None = None) -> Template:
    return template_info(name).template


def template_info(name: str | None = None) -> TemplateInfo:
    """The named template (default: the configured one), or an error listing the available ones."""
    if name is None:
        from .config import load_config

        name = load_config().default_template
    check_name(name)
    found = _candidates()
    if name not in found:
        names = ", ".join(sorted(found)) or "(none found)"
        raise NotFoundError(f"No template called {name!r}. Available: {names}.",
                            hint="`reflect templates list` describes them; `reflect templates new NAME` makes your own.")
    path, origin = found[name]
    return TemplateInfo(load_file(path), path, origin)  # type: ignore[arg-type]


def list_templates() -> tuple[list[TemplateInfo], list[TemplateError]]:
    """Every template that loads, and the errors of those that do not (so one bad file hides nothing)."""
    infos: list[TemplateInfo] = []
    problems: list[TemplateError] = []
    for name, (path, origin) in sorted(_candidates().items()):
        try:
            infos.append(TemplateInfo(load_file(path), path, origin))  # type: ignore[arg-type]
        except TemplateError as exc:
            problems.append(exc)
    return infos, problems


def create_user_template(name: str, source: str | None = None) -> Path:
    """Copy a starting template into the user's folder as NAME.toml and return its path."""
    from .fsutil import atomic_create, ensure_dir
    from .paths import user_templates_dir

    check_name(name)
    found = _candidates()
    target = user_templates_dir() / f"{name}.toml"
    if target.exists():
        raise UsageError(f"{target} already exists; edit it, or choose another name.")
    if source is None:
        source = name if name in found else DEFAULT_TEMPLATE
    check_name(source)
    info = template_info(source)
    text = info.path.read_text(encoding="utf-8")
    if name != info.template.name:
        text, count = re.subn(r'(?m)^name\s*=\s*(["\']).*?\1\s*$', f'name = "{name}"', text, count=1)
        if not count:
            text = f'name = "{name}"\n' + text
    ensure_dir(target.parent)
    if not atomic_create(target, text.encode("utf-8")):
        raise UsageError(f"{target} already exists; edit it, or choose another name.")
    parse_template(text, target)  # what we wrote must load
    return target


# -- answers in an entry's body ------------------------------------------------------------------

def heading_for(prompt: Prompt) -> str:
    return prompt.question


_HEADING = re.compile(r"^## (.+?)\s*$")


def split_sections(body: str, known: set[str] | None = None) -> tuple[str, list[tuple[str, str]]]:
    """(text before the first heading, [(heading, text)]). With `known`, only those headings split."""
    preamble: list[str] = []
    sections: list[tuple[str, list[str]]] = []
    fence = False
    for line in body.split("\n"):
        if known is None and line.lstrip().startswith(("```", "~~~")):
            fence = not fence  # without a template, a `## ` line inside a code block is not a heading
        match = None if fence else _HEADING.match(line)
        if match and (known is None or match.group(1) in known):
            sections.append((match.group(1), []))
            continue
        (sections[-1][1] if sections else preamble).append(line)
    return ("\n".join(preamble).strip(),
            [(heading, "\n".join(lines).strip()) for heading, lines in sections])


def sections(entry, template: Template | None = None) -> list[tuple[str | None, str, str]]:
    """An entry's answers as (prompt id or None, heading, text), in the order written.

    Headings are matched to the entry's template (or `template`). With a template, only its own
    questions start a section, so a `## ` line inside an answer stays part of that answer; without
    one (a quick `add`, or a template since removed) every `## ` heading starts a section and comes
    back with prompt id None. Text before the first heading, if any, comes back as (None, "", text).
    """
    if template is None and getattr(entry, "template", None):
        try:
            template = load_template(entry.template)
        except (NotFoundError, TemplateError, UsageError):
            template = None
    by_heading = {heading_for(p): p.id for p in template.prompts} if template else {}
    preamble, parts = split_sections(entry.body or "", set(by_heading) if template else None)
    result: list[tuple[str | None, str, str]] = []
    if preamble:
        result.append((None, "", preamble))
    for heading, text in parts:
        result.append((by_heading.get(heading), heading, text))
    return result


def answers_by_role(entry, template: Template | None = None) -> dict[str, list[str]]:
    """Answers grouped by shared role (learned, do_differently, supervision, ...), for digests."""
    if template is None and getattr(entry, "template", None):
        try:
            template = load_template(entry.template)
        except (NotFoundError, TemplateError, UsageError):
            template = None
    out: dict[str, list[str]] = {}
    for prompt_id, _heading, text in sections(entry, template):
        if prompt_id is None or not text:
            continue
        prompt = template.prompt(prompt_id) if template else None
        role = prompt.role if prompt else (prompt_id if prompt_id in ROLES else None)
        if role:
            out.setdefault(role, []).append(text)
    return out
