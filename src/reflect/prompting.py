"""The guided `reflect new` flow: one prompt at a time, drafts after every answer, or an editor skeleton.

Answers are kept as plain values keyed by prompt id (str for text, int for scales, bool for yes/no,
the choice's value, a list for tags). They become an Entry in one place, `build_entry`, whichever
way they were collected (terminal, editor, resumed draft, demo).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import NotFoundError, ReflectError, UsageError
from .models import Encounter, Entry
from .templates import Prompt, Template, heading_for, split_sections

DRAFT_PREFIX = "new-"
DRAFT_VERSION = 1
SHARE_QUESTION = "May this entry be shared in a supervision digest?"
TITLE_LIMIT = 80
PASTE_WINDOW = 0.05  # seconds: input arriving this soon after a blank line is part of one paste


class Hangup(Exception):
    """The terminal went away (SIGHUP); treated like Ctrl-C, without writing to the terminal."""


# -- answers -------------------------------------------------------------------------------------

_SCALE = re.compile(r"^\s*([1-5])(?:\s*(?:/\s*5|out of 5))?\b")
_YES = {"y", "yes", "yeah", "yep", "true", "1"}
_NO = {"n", "no", "nope", "false", "0"}


def parse_answer(prompt: Prompt, raw: str) -> Any:
    """The value for a typed answer, or ValueError with a sentence saying what is accepted."""
    text = raw.strip()
    if prompt.kind == "text":
        return raw.strip("\n")
    if prompt.kind == "scale":
        match = _SCALE.match(text)
        rest = text[match.end():].strip() if match else ""
        if not match or (rest and rest[0] not in "-–—(:,"):
            raise ValueError("Please type a number from 1 to 5 (or press Enter to skip).")
        return int(match.group(1))
    if prompt.kind == "yesno":
        word = text.lower().rstrip(".!")
        if word in _YES:
            return True
        if word in _NO:
            return False
        raise ValueError("Please answer y or n (or press Enter to skip).")
    if prompt.kind == "choice":
        choices = prompt.choices or []
        if text.isdigit() and 1 <= int(text) <= len(choices):
            return choices[int(text) - 1].value
        lowered = text.lower()
        for c in choices:
            if lowered in (c.value.lower(), c.label.lower()):
                return c.value
        raise ValueError(f"Please type a number from 1 to {len(choices)} (or press Enter to skip).")
    if prompt.kind == "tags":
        tags = [t.strip().lstrip("#@").strip() for t in re.split(r"[,\s]+", text)]
        return list(dict.fromkeys(t for t in tags if t))
    raise ValueError(f"unknown prompt kind {prompt.kind!r}")


def answer_text(prompt: Prompt, value: Any) -> str:
    """How an answer reads in the entry's body."""
    if prompt.kind == "scale":
        return f"{value}/5"
    if prompt.kind == "yesno":
        return "Yes" if value else "No"
    if prompt.kind == "choice":
        return prompt.choice_label(str(value))
    if prompt.kind == "tags":
        return " ".join(f"@{t}" for t in value)
    return str(value)


def is_answered(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return bool(value)
    return True


def should_ask(prompt: Prompt, answers: dict[str, Any]) -> bool:
    return prompt.ask_if is None or answers.get(prompt.ask_if) is True


def render_body(template: Template, answers: dict[str, Any]) -> str:
    """`## question` then the answer, for every answered prompt in template order."""
    headings = {heading_for(p) for p in template.prompts}
    parts: list[str] = []
    for prompt in template.prompts:
        value = answers.get(prompt.id)
        if not is_answered(value) or (prompt.ask_if and answers.get(prompt.ask_if) is False):
            continue
        text = answer_text(prompt, value).strip("\n")
        # A line inside an answer that looks exactly like one of our headings would split the answer.
        text = "\n".join("\\" + line if line.startswith("## ") and line[3:].strip() in headings else line
                         for line in text.split("\n"))
        parts.append(f"## {heading_for(prompt)}\n\n{text}\n")
    return "\n".join(parts)


def _title(template: Template, answers: dict[str, Any]) -> str:
    from .journal import split_title

    for prompt in template.prompts:
        if prompt.maps_to == "title" and is_answered(answers.get(prompt.id)):
            return str(answers[prompt.id]).strip().splitlines()[0][:200]
    for prompt in template.prompts:
        if prompt.kind == "text" and is_answered(answers.get(prompt.id)):
            title, _ = split_title(str(answers[prompt.id]))
            title = title.strip()
            if len(title) > TITLE_LIMIT:
                title = title[:TITLE_LIMIT].rsplit(" ", 1)[0].rstrip(",;:") + "…"
            return title
    return template.title


def build_entry(template: Template, answers: dict[str, Any], *, when: dt.datetime | None = None,
                share: bool = False) -> Entry:
    """An unsaved Entry from a template's answers; UsageError when nothing was answered."""
    from .journal import inline_tags
    from .store import new_id

    answers = {k: v for k, v in answers.items() if is_answered(v) and template.prompt(k) is not None}
    # A follow-up question whose yes/no was answered "no" does not count (editor mode can fill both).
    answers = {k: v for k, v in answers.items()
               if not (template.prompt(k).ask_if and answers.get(template.prompt(k).ask_if) is False)}
    if not answers:
        raise UsageError("Nothing was answered, so no entry was saved.")
    created = (when or dt.datetime.now().astimezone()).replace(microsecond=0)
    fields: dict[str, Any] = {"ratings": {}}
    tags: list[str] = []
    encounter: dict[str, Any] | None = None
    declined = False
    for prompt in template.prompts:
        if prompt.id not in answers or not prompt.maps_to:
            continue
        value = answers[prompt.id]
        target = prompt.maps_to
        if target in ("energy", "mood"):
            fields[target] = int(value)
        elif target.startswith("ratings."):
            fields["ratings"][target.split(".", 1)[1]] = int(value)
        elif target == "tags":
            tags.extend(value)
        elif target == "encounter":
            if value:
                encounter = encounter or {"status": "open"}
            else:
                declined = True
        elif target.startswith("encounter."):
            encounter = encounter or {"status": "open"}
            encounter[target.split(".", 1)[1]] = value.strip() if isinstance(value, str) else value
    if declined and encounter is not None and not any(
            answers.get(p.id) is True for p in template.prompts if p.maps_to == "encounter"):
        # "Nothing unresolved" wins over a stray answer to a follow-up question.
        encounter = None
    body = render_body(template, answers)
    title = _title(template, answers)
    all_tags = list(dict.fromkeys([*tags, *inline_tags(body)]))
    return Entry(id=new_id(), created=created, updated=created, title=title, template=template.name,
                 tags=all_tags, share=share, body=body,
                 encounter=Encounter(**encounter) if encounter else None, **fields)


def private_root() -> None:
    """Create the journal folder 0700 before anything (a draft) is written inside it."""
    from .fsutil import ensure_dir
    from .paths import journal_root

    root = journal_root()
    existed = root.exists()
    ensure_dir(root)
    if not existed:
        try:
            os.chmod(root, 0o700)
        except OSError:
            pass


# -- drafts --------------------------------------------------------------------------------------

@dataclass
class Draft:
    template: str
    answers: dict[str, Any] = field(default_factory=dict)
    position: int = 0
    created: str | None = None  # the --date given, ISO; None means "when it is saved"
    started: str = field(default_factory=lambda: dt.datetime.now().astimezone().isoformat(timespec="seconds"))
    path: Path | None = None

    def when(self) -> dt.datetime | None:
        return dt.datetime.fromisoformat(self.created) if self.created else None

    def save(self) -> Path:
        from .fsutil import atomic_write
        from .paths import drafts_dir

        private_root()
        cipher = _cipher()
        if self.path is None:
            stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
            suffix = ".json.age" if cipher is not None else ".json"
            self.path = drafts_dir() / f"{DRAFT_PREFIX}{stamp}-{secrets.token_hex(3)}{suffix}"
        data = {"version": DRAFT_VERSION, "template": self.template, "created": self.created,
                "started": self.started, "position": self.position, "answers": self.answers}
        raw = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        plain_before = None
        if cipher is not None and not self.path.name.endswith(".age"):
            # The journal was encrypted since this draft began: from now on the draft is too.
            plain_before, self.path = self.path, self.path.with_name(self.path.name + ".age")
        if self.path.name.endswith(".age"):
            if cipher is None:
                raise ReflectError(f"The draft {self.path} is encrypted but the journal is no longer; "
                                   "not writing it in plain text.")
            raw = cipher.encrypt(raw)
        atomic_write(self.path, raw)
        if plain_before is not None:
            plain_before.unlink(missing_ok=True)
        return self.path

    def discard(self) -> None:
        if self.path is not None:
            self.path.unlink(missing_ok=True)


def _cipher():
    """The journal's cipher when it is encrypted: drafts hold answers, so they are encrypted too."""
    from .paths import journal_root

    try:
        from .crypto import JournalCipher, is_encrypted
    except ImportError:
        return None
    root = journal_root()
    return JournalCipher.load(root) if is_encrypted(root) else None


def list_drafts() -> list[Path]:
    from .paths import drafts_dir

    folder = drafts_dir()
    if not folder.is_dir():
        return []
    found = [p for pattern in (f"{DRAFT_PREFIX}*.json", f"{DRAFT_PREFIX}*.json.age")
             for p in folder.glob(pattern) if p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))


def load_draft(path: Path) -> Draft:
    raw = path.read_bytes() if path.is_file() else b""
    if path.name.endswith(".age"):
        cipher = _cipher()
        if cipher is None:
            raise ReflectError(f"The draft {path} is encrypted but the journal is not marked as encrypted.")
        raw = cipher.decrypt(raw, path)  # asks for the key as reading entries does (LockedError if none)
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("version") != DRAFT_VERSION:
            raise ValueError("unknown draft version")
        answers = data.get("answers") or {}
        if not isinstance(answers, dict):
            raise ValueError("answers is not a mapping")
        return Draft(template=str(data["template"]), answers=answers, position=int(data.get("position", 0)),
                     created=data.get("created"), started=str(data.get("started", "")), path=path)
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise ReflectError(f"The draft {path} cannot be read ({exc}).",
                           hint="It is left where it is; move it away to start afresh.") from None


def latest_draft() -> Draft:
    drafts = list_drafts()
    if not drafts:
        raise NotFoundError("There is no unfinished draft to resume.", hint="Start a new entry with `reflect new`.")
    return load_draft(drafts[-1])


# -- talking to the person -----------------------------------------------------------------------

class TerminalIO:
    """Questions on the terminal: Rich for output, input() (with readline editing) for answers."""

    def __init__(self) -> None:
        from .render import console

        self.out = console()
        try:
            import readline  # noqa: F401 - arrow keys and line editing in input()
        except ImportError:
            pass

    def say(self, markup: str = "") -> None:
        self.out.print(markup)

    def pending(self) -> bool:
        """More input already waiting: a paste in progress, so a blank line is a paragraph break."""
        import select

        try:
            ready, _, _ = select.select([sys.stdin], [], [], PASTE_WINDOW)
        except (OSError, ValueError):
            return False
        return bool(ready)

    def ask(self, prompt: str) -> str:
        global _WAITING
        self.out.file.flush()
        _WAITING = True
        try:
            return input(prompt)
        finally:
            _WAITING = False


SINGLE_LINE_TARGETS = {"title", "encounter.who"}


def single_line(prompt: Prompt) -> bool:
    """Short factual answers (a title, a role) finish with one Enter."""
    return prompt.kind == "text" and prompt.maps_to in SINGLE_LINE_TARGETS


def _hint(prompt: Prompt, existing: Any) -> str:
    keep = "Enter keeps it" if is_answered(existing) else "Enter skips"
    if single_line(prompt):
        return f"One line. {keep}."
    if prompt.kind == "tags" and prompt.guidance:
        return f"{keep}."
    if prompt.kind == "text":
        return (f"Write as many lines as you like; an empty line finishes. {keep}."
                if not is_answered(existing) else
                "Type more lines to add to it; an empty line finishes. Enter straight away keeps it.")
    if prompt.kind == "scale":
        return f"A number from 1 to 5. {keep}."
    if prompt.kind == "yesno":
        return f"y or n. {keep}."
    if prompt.kind == "choice":
        return f"Type the number of your choice. {keep}."
    return f"Words separated by spaces or commas. {keep}."


class Partial(Exception):
    """Interrupted in the middle of a multi-line answer: carries what was typed so far."""

    def __init__(self, text: str, cause: BaseException) -> None:
        super().__init__(text)
        self.text = text
        self.cause = cause


def ask_prompt(io, prompt: Prompt, number: int, total: int, existing: Any = None) -> Any:
    """Ask one prompt until the answer is valid. Returns the value, or None for a skip."""
    from rich.markup import escape

    io.say()
    io.say(f"[dim]{number}/{total}[/dim] [bold]{escape(prompt.question)}[/bold]")
    if prompt.guidance:
        io.say(f"[dim]{escape(prompt.guidance)}[/dim]")
    if prompt.kind == "choice":
        for i, choice in enumerate(prompt.choices or [], start=1):
            io.say(f"  {i}. {escape(choice.label)}")
    if is_answered(existing):
        io.say(f"[dim]So far:[/dim] {escape(answer_text(prompt, existing))}")
    io.say(f"[dim]{_hint(prompt, existing)}[/dim]")
    if prompt.kind == "text" and not single_line(prompt):
        lines: list[str] = []
        while True:
            try:
                line = io.ask("> " if not lines else "  ")
            except (KeyboardInterrupt, EOFError, Hangup) as exc:
                typed = "\n".join(lines)
                if is_answered(existing) and typed.strip():
                    typed = f"{existing}\n{typed}"
                raise Partial(typed, exc) from None
            if not line.strip():
                pending = getattr(io, "pending", None)
                if lines and pending is not None and pending():
                    lines.append("")  # a blank line inside pasted text: keep the paragraphs together
                    continue
                break
            lines.append(line.rstrip())
        while lines and not lines[-1].strip():
            lines.pop()
        typed = "\n".join(lines)
        if not typed.strip():
            return existing if is_answered(existing) else None
        return f"{existing}\n{typed}" if is_answered(existing) else typed
    while True:
        line = io.ask("> ")
        if not line.strip():
            return existing if is_answered(existing) else None
        if prompt.kind == "text":
            return line.strip()
        try:
            return parse_answer(prompt, line)
        except ValueError as exc:
            io.say(f"[yellow]{escape(str(exc))}[/yellow]")


def ask_share(io) -> bool:
    io.say()
    io.say(f"[bold]{SHARE_QUESTION}[/bold]")
    io.say("[dim]Entries stay private unless you say yes; you can change this later with "
           "`reflect share ID` or `reflect unshare ID`. y or n; Enter means no.[/dim]")
    while True:
        line = io.ask("> ").strip().lower()
        if not line or line in _NO:
            return False
        if line in _YES:
            return True
        io.say("[yellow]Please answer y or n.[/yellow]")


@dataclass
class Outcome:
    entry: Entry | None
    draft: Draft | None = None
    interrupted: bool = False
    message: str = ""


def run_guided(template: Template, draft: Draft, io) -> Outcome:
    """Ask the remaining prompts of `draft`, saving the draft after each answer; build the entry."""
    from rich.markup import escape

    prompts = template.prompts
    total = len(prompts)
    unknown = [k for k in draft.answers if template.prompt(k) is None]
    for key in unknown:  # the template changed since the draft was written
        draft.answers.pop(key)
    if draft.position == 0 and not draft.answers:
        io.say(f"[bold]{escape(template.title)}[/bold]")
        io.say(f"[dim]{escape(template.purpose)}[/dim]")
        io.say("[dim]Ctrl-C stops at any point; your answers so far are kept as a draft.[/dim]")
    index = max(0, min(draft.position, total))
    try:
        while index < total:
            prompt = prompts[index]
            if should_ask(prompt, draft.answers):
                try:
                    value = ask_prompt(io, prompt, index + 1, total, draft.answers.get(prompt.id))
                except Partial as partial:
                    if partial.text.strip():
                        draft.answers[prompt.id] = partial.text
                    raise partial.cause from None
                if is_answered(value):
                    draft.answers[prompt.id] = value
                else:
                    draft.answers.pop(prompt.id, None)
            index += 1
            draft.position = index
            if draft.answers:
                draft.save()
        if not any(is_answered(v) for v in draft.answers.values()):
            draft.discard()
            return Outcome(None, None, message="Nothing was answered, so no entry was saved.")
        share = ask_share(io)
    except (KeyboardInterrupt, EOFError, Hangup):
        _ignore_hangups()
        if any(is_answered(v) for v in draft.answers.values()):
            draft.position = index
            draft.save()
            return Outcome(None, draft, interrupted=True,
                           message="Stopped. Your answers are kept as a draft; "
                                   "continue with `reflect new --resume`.")
        draft.discard()
        return Outcome(None, None, interrupted=True, message="Stopped before any answer; nothing was saved.")
    entry = build_entry(template, draft.answers, when=draft.when(), share=share)
    return Outcome(entry, draft)


def _ignore_hangups() -> None:
    """Once stopping, let nothing interrupt the draft being written."""
    try:
        if signal.getsignal(signal.SIGHUP) is _on_hangup:
            signal.signal(signal.SIGHUP, signal.SIG_IGN)
    except (AttributeError, ValueError):
        pass


# -- the editor skeleton -------------------------------------------------------------------------

def _comment(text: str) -> str:
    return "<!-- " + text.replace("-->", "->") + " -->"


def _kind_hint(prompt: Prompt) -> str:
    if prompt.kind == "scale":
        return "a number from 1 to 5"
    if prompt.kind == "yesno":
        return "yes or no"
    if prompt.kind == "choice":
        return "one of: " + "; ".join(f"{i}. {c.label}" for i, c in enumerate(prompt.choices or [], 1))
    if prompt.kind == "tags":
        return "words separated by spaces or commas"
    return ""


def skeleton(template: Template) -> tuple[str, list[str]]:
    """The Markdown the editor opens, and the exact comment lines that are removed afterwards."""
    comments: list[str] = []

    def note(text: str) -> str:
        comments.append(_comment(text))
        return comments[-1]

    lines = [note(f"{template.title} ({template.name}). Write under each heading; leave a section "
                  "empty to skip it. Comments like this one are removed. Save and close to finish; "
                  "if you change nothing, nothing is saved."), ""]
    for prompt in template.prompts:
        lines.append(f"## {heading_for(prompt)}")
        hints = [h for h in (_kind_hint(prompt), prompt.guidance or "") if h]
        if prompt.ask_if:
            asked = template.prompt(prompt.ask_if)
            hints.insert(0, f"only if you answered yes to: {asked.question if asked else prompt.ask_if}")
        if hints:
            lines.append(note(" · ".join(hints)))
        lines += ["", ""]
    lines.append(f"## {SHARE_QUESTION}")
    lines.append(note("yes or no. Entries stay private unless you write yes."))
    lines += ["no", ""]
    return "\n".join(lines), comments


def parse_skeleton(template: Template, text: str, comments: list[str]) -> tuple[dict[str, Any], bool, list[str]]:
    """(answers, share, warnings) from an edited skeleton."""
    for comment in comments:
        text = text.replace(comment, "")
    by_heading = {heading_for(p): p for p in template.prompts}
    preamble, parts = split_sections(text, set(by_heading) | {SHARE_QUESTION})
    answers: dict[str, Any] = {}
    warnings: list[str] = []
    share = False
    extra: list[str] = []
    if preamble.strip():
        extra.append(preamble.strip())
    for heading, body in parts:
        body = body.strip("\n").strip()
        if heading == SHARE_QUESTION:
            word = body.lower().strip().rstrip(".")
            share = word in _YES
            if word and word not in _YES and word not in _NO:
                warnings.append(f"'{body}' under the sharing question is not yes or no; the entry stays private.")
            continue
        prompt = by_heading[heading]
        if not body:
            continue
        if prompt.kind == "text":
            answers[prompt.id] = body
            continue
        try:
            answers[prompt.id] = parse_answer(prompt, body)
        except ValueError:
            warnings.append(f"'{body}' is not a valid answer to \"{prompt.question}\" ({_kind_hint(prompt)}); "
                            "it is kept in the entry as text.")
            extra.append(f"{prompt.question}\n\n{body}")
    if extra:
        # Text outside the headings (or answers that could not be read) is kept, never dropped.
        first_text = next((p for p in template.prompts if p.kind == "text"), None)
        if first_text is not None:
            joined = "\n\n".join(extra)
            previous = answers.get(first_text.id)
            answers[first_text.id] = f"{previous}\n\n{joined}" if previous else joined
    return answers, share, warnings


@dataclass
class EditorOutcome:
    entry: Entry | None
    message: str = ""
    warnings: list[str] = field(default_factory=list)
    kept: Path | None = None


def run_editor_flow(template: Template, when: dt.datetime | None) -> EditorOutcome:
    from .editing import private_copy, run_editor
    from .paths import drafts_dir

    text, comments = skeleton(template)
    private_root()
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    path = private_copy(drafts_dir(), f"{DRAFT_PREFIX}{template.name}-{stamp}-{secrets.token_hex(3)}.md",
                        text.encode("utf-8"))
    try:
        run_editor(path)
    except BaseException:
        if path.exists() and path.read_bytes() == text.encode("utf-8"):
            path.unlink(missing_ok=True)
        raise
    try:
        edited = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise ReflectError(f"The edited file is not UTF-8 text; it is kept at {path}.") from None
    edited_norm = edited.replace("\r\n", "\n")
    if edited_norm.strip() == text.strip():
        path.unlink(missing_ok=True)
        return EditorOutcome(None, "The skeleton was not changed, so no entry was saved.")
    answers, share, warnings = parse_skeleton(template, edited_norm, comments)
    if not answers:
        path.unlink(missing_ok=True)
        return EditorOutcome(None, "Nothing was answered, so no entry was saved.", warnings)
    entry = build_entry(template, answers, when=when, share=share)
    return EditorOutcome(entry, warnings=warnings, kept=path)


# -- the command's core --------------------------------------------------------------------------

def require_terminal() -> None:
    if sys.stdin is None or not sys.stdin.isatty():
        raise UsageError(
            "`reflect new` asks its questions one at a time and needs an interactive terminal, "
            "but standard input is not one.",
            hint="From a script, use `reflect add -` (reads standard input), or `reflect new --editor`.")


_WAITING = False  # True only while input() waits, so a hang-up never interrupts a draft being written
HUNG_UP = False


def _on_hangup(signum, frame) -> None:  # noqa: ARG001
    global HUNG_UP
    HUNG_UP = True
    if _WAITING:
        raise Hangup()


def install_hangup_handler() -> None:
    """A closed terminal (SIGHUP) keeps the draft, like Ctrl-C."""
    try:
        signal.signal(signal.SIGHUP, _on_hangup)
    except (AttributeError, ValueError):  # not on this platform, or not the main thread
        pass


def offer_draft(io, template_name: str | None):
    """A draft is waiting: continue it (returns (template, draft)), start afresh (False), or stop (None)."""
    from rich.markup import escape

    from .templates import load_template

    drafts = list_drafts()
    try:
        draft = load_draft(drafts[-1])
        template = load_template(draft.template)
    except ReflectError as exc:  # locked, damaged, or its template is gone: say so and start afresh
        io.say(f"[dim]An unfinished draft could not be opened ({escape(exc.message)}).[/dim]")
        return False
    if template_name is not None and template_name != draft.template:
        io.say(f"[dim]You also have an unfinished {escape(template.title)} draft; "
               "`reflect new --resume` continues it.[/dim]")
        return False
    answered = len([v for v in draft.answers.values() if is_answered(v)])
    io.say(f"You have an unfinished [bold]{escape(template.title)}[/bold] reflection from "
           f"{escape(draft.started[:16].replace('T', ' '))} ({answered} answered).")
    io.say("[dim]Enter or y continues it; n starts a new one and keeps the draft; "
           "d deletes the draft and starts a new one.[/dim]")
    while True:
        try:
            reply = io.ask("Continue it? [Y/n/d] ").strip().lower()
        except (KeyboardInterrupt, EOFError, Hangup):
            return None
        if reply in ("", "y", "yes"):
            return template, draft
        if reply in ("n", "no"):
            return False
        if reply in ("d", "delete", "discard"):
            draft.discard()
            io.say("[dim]Draft deleted.[/dim]")
            return False
        io.say("[yellow]Please answer y, n or d.[/yellow]")


def start(template_name: str | None, when: dt.datetime | None) -> tuple[Template, Draft]:
    from .templates import load_template

    template = load_template(template_name)
    draft = Draft(template=template.name, created=when.isoformat(timespec="seconds") if when else None)
    return template, draft


def resume() -> tuple[Template, Draft]:
    from .templates import load_template

    draft = latest_draft()
    return load_template(draft.template), draft


def save_entry(entry: Entry) -> Entry:
    from .journal import open_journal

    return open_journal().save_new(entry)


def terminal_closed() -> bool:
    if HUNG_UP:
        return True
    try:
        return not os.isatty(sys.stdout.fileno())
    except (OSError, ValueError):
        return True
