"""Terminal views for digests: the preview before writing, one digest, and a caseload overview."""
from __future__ import annotations

import re

from rich.markup import escape as _markup_escape
from rich.table import Table

from . import console

SPARK = "▁▂▃▄▅▆▇█"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escape(text) -> str:
    """Text from a digest file, safe for the terminal: no Rich markup, no control sequences."""
    return _markup_escape(_CONTROL.sub("", str(text)))


def _spark(values: list[float | None], lo: float, hi: float) -> str:
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        else:
            i = 0 if hi <= lo else round((v - lo) / (hi - lo) * (len(SPARK) - 1))
            out.append(SPARK[max(0, min(len(SPARK) - 1, i))])
    return "".join(out)


def note(text: str) -> None:
    """The plain note about what reflections are for (first digest and --help)."""
    from rich.panel import Panel

    console(stderr=True).print(Panel(escape(text), title="Before you share", border_style="cyan",
                                     expand=False))


def preview(made, *, fmt: str, out_path, redacted: bool) -> None:
    """What goes in, what is left out, and every identifier that will be removed (to stderr)."""
    from ..digest.exporters import author_line, period_line

    d = made.digest
    err = console(stderr=True)
    err.print(f"[bold]Digest for {escape(author_line(d))}[/bold], {escape(period_line(d))}")
    err.print(f"  {d.entries_shared} shared entr{'y' if d.entries_shared == 1 else 'ies'} of "
              f"{d.entries_in_period} in the period; private entries add patterns only (dates, counts).")
    parts = [name for name, value in (("restorative", d.restorative), ("formative", d.formative),
                                      ("normative", d.normative), ("bring to supervision", d.bring),
                                      ("shared reflections", d.entries)) if value is not None]
    err.print(f"  Sections: {', '.join(parts) or 'none'}")
    if d.omitted:
        err.print(f"  Left out: {', '.join(d.omitted)}")
    if not redacted:
        err.print("[bold yellow]  Identifiers will NOT be removed (--no-redact).[/bold yellow]")
    elif made.removals:
        table = Table(title="Identifiers that will be removed", title_justify="left", show_edge=False)
        table.add_column("Entry date")
        table.add_column("Found")
        table.add_column("Becomes")
        for r in made.removals:
            table.add_row(f"{r.date:%d %b}", escape(r.text), escape(r.label))
        err.print(table)
    else:
        err.print("  No identifiers found to remove.")
    target = str(out_path) if out_path else "standard output"
    err.print(f"  Format {fmt}, written to {escape(target)}.")


def show(d) -> None:
    """One digest in the terminal, sections in the same order as the files."""
    from rich.rule import Rule

    from ..digest.exporters import (DIM_LABELS, NOTE, SECTION_TITLES, author_line, burnout_line,
                                    encounter_line, kindness_line, period_line)

    out = console()
    out.print(Rule(f"Supervision digest: {escape(author_line(d))}"))
    out.print(f"Period: {escape(period_line(d))}   Entries shared: {d.entries_shared} of {d.entries_in_period}")
    if not d.redacted:
        out.print("[bold yellow]Identifiers were NOT removed from this digest.[/bold yellow]")
    if d.omitted:
        out.print(f"Left out by the author: {escape(', '.join(d.omitted))}")
    out.print(f"[dim]{escape(NOTE)}[/dim]")

    def items(title: str, values) -> None:
        out.print(f"[bold]{escape(title)}[/bold]")
        if not values:
            out.print("  (nothing in the shared entries)")
        for it in values:
            out.print(f"  • {it.date:%a %d %b}: {escape(it.text)}")

    r = d.restorative
    if r is not None:
        out.print(Rule(SECTION_TITLES["restorative"], align="left"))
        if r.weeks:
            energy = [w.energy for w in r.weeks]
            signals = [float(w.signals) for w in r.weeks]
            out.print(f"Energy by week   {_spark(energy, 1, 5)}  (1-5)")
            out.print(f"Signals by week  {_spark(signals, 0, max(signals + [1.0]))}")
        line = burnout_line(d)
        if line:
            out.print(f"{escape(line)}  [dim](patterns, not a diagnosis)[/dim]")
            for day in r.burnout.days:
                dims = ", ".join(DIM_LABELS.get(x, x) for x in day.dimensions)
                words = "; ".join(day.evidence) if day.shared else "private entry: pattern only"
                out.print(f"  • {day.date:%a %d %b}: {escape(dims)}" + (f" — {escape(words)}" if words else ""))
        if r.rhythm is not None:
            rh = r.rhythm
            out.print(f"Rhythm: {rh.entries} entries on {rh.days_with_entries} of {rh.days_in_period} days; "
                      f"longest gap {rh.longest_gap_days} days")
        if r.kindness is not None:
            k = r.kindness
            out.print(f"Kindness: {kindness_line(k)}")
            for it in k.given_items:
                out.print(f"  • gave, {it.date:%a %d %b}: {escape(it.text)}")
            for it in k.received_items:
                out.print(f"  • received, {it.date:%a %d %b}: {escape(it.text)}")
        if r.crisis_entries:
            out.print(f"[bold]Crisis language in {r.crisis_entries} entr{'y' if r.crisis_entries == 1 else 'ies'}[/bold]"
                      " — worth a gentle conversation.")
    if d.formative is not None:
        out.print(Rule(SECTION_TITLES["formative"], align="left"))
        if d.formative.learned is not None:
            items("What I learned", d.formative.learned)
        if d.formative.do_differently is not None:
            items("What I will do differently", d.formative.do_differently)
    if d.normative is not None:
        n = d.normative
        out.print(Rule(SECTION_TITLES["normative"], align="left"))
        out.print(f"Difficult encounters: {n.open} open, {n.resolved} resolved")
        for e in n.encounters:
            out.print(f"  • {escape(encounter_line(e))}")
    if d.bring is not None:
        out.print(Rule(SECTION_TITLES["bring"], align="left"))
        items("Items", d.bring)
    if d.entries is not None:
        out.print(Rule(SECTION_TITLES["entries"], align="left"))
        for e in d.entries:
            out.print(f"[bold]{e.date:%a %d %b %Y %H:%M} — {escape(e.title or '(untitled)')}[/bold]")
            out.print(escape(e.body))
            out.print()


def overview(loaded) -> None:
    """A supervisor's caseload: one row per valid digest, numbered for --show N."""
    from ..digest.exporters import author_line

    table = Table(title="Supervision digests", title_justify="left")
    for col in ("#", "Supervisee", "Period", "Shared", "Burnout", "Open encounters", "Crisis", "File"):
        table.add_column(col)
    n = 0
    for item in loaded:
        if not item.ok:
            continue
        n += 1
        d = item.digest
        b = d.restorative.burnout if d.restorative and d.restorative.burnout else None
        burnout = "left out" if b is None else (f"{b.level or '?'}" + (f", {b.trend}" if b.trend else ""))
        opened = "left out" if d.normative is None else str(d.normative.open)
        if d.restorative is None or d.restorative.crisis_entries is None:
            crisis = "left out"
        else:
            crisis = "YES" if d.restorative.crisis_entries else "no"
        table.add_row(str(n), escape(author_line(d)),
                      f"{d.period.start:%d %b} – {d.period.end:%d %b %Y}",
                      f"{d.entries_shared}/{d.entries_in_period}", burnout, opened, crisis,
                      escape(item.path.name))
    console().print(table)


def view_errors(loaded) -> None:
    from . import error

    for item in loaded:
        if not item.ok:
            error(f"{item.path}: {item.problem}.")


def nmc_list(records, cycle_start, needed: int = 5) -> None:
    out = console()
    table = Table(title="NMC written reflective accounts exported", title_justify="left")
    for col in ("Exported", "Entry", "Entry date", "Code themes", "File"):
        table.add_column(col)
    for r in records:
        table.add_row(f"{r['exported'][:10]}", r["entry"], r.get("entry_date", "")[:10],
                      escape(", ".join(r.get("themes", []))), escape(r.get("out") or "(printed)"))
    out.print(table)
    in_cycle = len({r["entry"] for r in records if r["exported"][:10] >= cycle_start.isoformat()})
    out.print(f"{in_cycle} of the {needed} accounts a three-year revalidation cycle needs "
              f"(exports since {cycle_start:%d %b %Y}).")
