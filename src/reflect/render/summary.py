"""The terminal view of a Summary: short, calm, readable at a glance; evidence one step away."""
from __future__ import annotations

import datetime as dt

BARS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"
NAMES = {"exhaustion": "tiredness / exhaustion", "detachment": "feeling detached or numb",
         "inefficacy": "feeling it makes no difference", "compassion_fatigue": "others' pain staying with you",
         "workload": "workload (breaks, hours, staffing)"}
LEVEL_WORDS = {
    "none": "Few or no signs of strain in what you wrote.",
    "low": "Some signs of strain here and there; a normal amount for this work.",
    "moderate": "Signs of strain come up again and again in this period.",
    "high": "Signs of strain run through most of this period.",
}
TREND_WORDS = {"rising": "more than earlier on", "stable": "about the same as earlier on",
               "falling": "less than earlier on"}


def _day(iso: str) -> str:
    d = dt.datetime.fromisoformat(iso)
    return d.strftime("%a %d %b")


def spark(values: list[float], top: float | None = None) -> str:
    if not values:
        return ""
    top = top or max(values) or 1
    return "".join(BARS[min(len(BARS) - 1, int(round(v / top * (len(BARS) - 1))))] if v else " " for v in values)


def show_summary(s, evidence: bool = False) -> None:
    from rich.markup import escape

    from . import console

    out = console()
    p = s.period
    b = s.burnout
    start = f"{p.start:%d %b}" if p.start.year == p.end.year else f"{p.start:%d %b %Y}"
    entries = "1 entry" if b.entries == 1 else f"{b.entries} entries"
    out.print(f"[bold]Your reflections, {start} \u2013 {p.end:%d %b %Y}[/bold]  "
              f"[dim]({entries} over {p.days} days)[/dim]")
    out.print("[dim]Patterns you may want to reflect on or bring to supervision. They come from your own "
              "words; you know better than any rule what they mean.[/dim]")
    out.print()
    if not b.entries:  # (s.entries may be left empty for this view: see summary.summarise)
        out.print("Nothing written in this period yet. A couple of lines at the end of a day is plenty.")
        return
    # -- strain
    out.print(f"[bold]Strain[/bold]  {LEVEL_WORDS[b.level]}")
    out.print(f"  Level: {b.level}, {TREND_WORDS[b.trend]} ({b.trend}).")
    if len(b.weeks) > 1:
        ratio = [w.with_signals / w.entries if w.entries else 0 for w in b.weeks]
        out.print(f"  Weekly  [cyan]{spark(ratio, 1)}[/cyan]  [dim]share of entries with signals, week by week[/dim]")
        energies = [w.mean_energy or 0 for w in b.weeks]
        if any(energies):
            out.print(f"  Energy  [green]{spark(energies, 5)}[/green]  [dim]your energy ratings[/dim]")
    for dim, count in sorted(b.dimensions.items(), key=lambda kv: -kv[1]):
        if not count:
            continue
        first = next((ev for ev in b.evidence if ev.dimension == dim), None)
        line = f"  \u2022 {NAMES[dim]}: {count} entr{'y' if count == 1 else 'ies'}"
        if first is not None:
            line += f"  [dim]e.g. \u201c{escape(first.words)}\u201d, {_day(first.date)}[/dim]"
        out.print(line)
        if evidence:
            for ev in [e for e in b.evidence if e.dimension == dim]:
                out.print(f"      [dim]{_day(ev.date)} {ev.entry}[/dim]  {escape(ev.quote)}")
    out.print()
    # -- encounters
    enc = s.encounters
    if enc.unresolved or enc.resolved:
        out.print("[bold]Encounters[/bold]")
        for item in enc.unresolved:
            out.print(f"  \u25cb still open, {_days(item.age_days)}: {escape(item.title)}  "
                      f"[dim]{_day(item.date)} {item.entry}[/dim]")
            if evidence:
                for q in item.evidence:
                    out.print(f"      [dim]\u201c{escape(q.words)}\u201d: {escape(q.quote)}[/dim]")
        for item in enc.resolved:
            when = "the same day" if item.resolved_by == item.entry else f"after {_days(item.age_days)}"
            out.print(f"  \u25cf repaired {when}: {escape(item.title)}  [dim]{_day(item.date)} {item.entry}[/dim]")
        if enc.unresolved:
            out.print("  [dim]When you're ready: `reflect resolve ID --how apologised|followed-up|cleared-the-air|let-go`[/dim]")
        out.print()
    # -- kindness
    k = s.kindness
    if k.given or k.received:
        out.print(f"[bold]Kindness[/bold]  given in {len(k.given)} entr{'y' if len(k.given) == 1 else 'ies'}, "
                  f"received in {len(k.received)}.")
        if k.received:
            r = k.received[-1]
            out.print(f"  [dim]Received, {_day(r.date)}: \u201c{escape(r.quote)}\u201d[/dim]")
        if k.ripples:
            out.print(f"  A kindness you received was followed by one you gave within "
                      f"{k.ripples[0].days} day{'s' if k.ripples[0].days != 1 else ''}: the ripple.")
        out.print()
    # -- rhythm
    r = s.rhythm
    often = f"about {r.per_week} a week" if r.per_week >= 1 else "less than once a week"
    out.print(f"[bold]Rhythm[/bold]  you wrote on {r.days_written} of {r.days_in_period} days ({often}).")
    for g in r.gaps:
        gentle = " It came during a hard stretch; gaps like that can be worth a look." if g.during_hard_stretch else ""
        out.print(f"  A {g.days}-day gap, {g.start:%d %b} \u2013 {g.end:%d %b}.{gentle}")
    if not evidence and b.evidence:
        out.print()
        out.print("[dim]See the words behind each signal: reflect summary --evidence   "
                  "\u00b7  as data: --json[/dim]")
    if s.crisis.present:
        from .support import support_panel

        out.print()
        support_panel()


def show_encounters(items, open_only: bool = False) -> None:
    from rich.markup import escape
    from rich.table import Table

    from . import console

    out = console()
    if not items:
        out.print("No open encounters." if open_only else "No difficult encounters found.")
        return
    table = Table(box=None, pad_edge=False)
    for col in ("id", "date", "status", "age", "who", "title"):
        table.add_column(col)
    for i in items:
        status = "open" if i.status == "open" else f"repaired ({i.how or 'yes'})"
        table.add_row(i.entry, _day(i.date), status, f"{i.age_days}d", escape(", ".join(i.who[:3])), escape(i.title))
    out.print(table)


def show_resolved(original, follow) -> None:
    from rich.markup import escape

    from . import console

    console().print(f"Marked the encounter in {original.id} ({escape(original.title)}) as "
                    f"{original.encounter.status}, recorded in {follow.id}.")


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"
