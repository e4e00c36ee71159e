"""Digest exporters, looked up by name. Each is a pure function Digest -> str.

- json: the versioned machine-readable digest (`digest view` and other tools read it).
- md:   readable in any email or document tool.
- html: one self-contained page (inline CSS and SVG, no script, nothing fetched), printable on A4.
"""
from __future__ import annotations

import datetime as dt
import html as _html
import json
from collections.abc import Callable

from .build import Digest, Item

NOTE = ("Reflections are personal. Record learning and actions, not clinical facts. "
        "Reflections are not legally privileged. Incidents belong in your organisation's "
        "incident reporting, not here.")

SECTION_TITLES = {
    "restorative": "Restorative — wellbeing",
    "formative": "Formative — learning",
    "normative": "Normative — practice",
    "bring": "To bring to supervision",
    "entries": "Shared reflections",
}
DIM_LABELS = {"exhaustion": "exhaustion", "detachment": "detachment", "inefficacy": "inefficacy",
              "compassion_fatigue": "compassion fatigue", "workload": "workload"}
STATUS_LABELS = {"open": "open", "talked-over": "talked over", "repair-planned": "repair planned",
                 "repaired": "repaired", "let-go": "let go"}


def author_line(d: Digest) -> str:
    parts = [p for p in (d.author.label, d.author.role) if p]
    return ", ".join(parts) if parts else "(no display name set)"


def period_line(d: Digest) -> str:
    return f"{d.period.start:%d %b %Y} – {d.period.end:%d %b %Y}"


def _day(value: dt.date) -> str:
    return f"{value:%a %d %b}"


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def kindness_line(k) -> str:
    return f"given in {plural(k.given, 'entry', 'entries')}, received in {plural(k.received, 'entry', 'entries')}"


def burnout_line(d: Digest) -> str | None:
    r = d.restorative
    if r is None or r.burnout is None:
        return None
    b = r.burnout
    if b.level is None:
        return "Burnout-signal level: not assessed"
    trend = f", {b.trend}" if b.trend else ""
    return f"Burnout-signal level: {b.level}{trend}"


# -- JSON -------------------------------------------------------------------------------------------
def to_json(d: Digest) -> str:
    return json.dumps(d.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


# -- Markdown ---------------------------------------------------------------------------------------
def md_text(text: str) -> str:
    """Journal text in Markdown: kept as written, but a line can't become a heading of ours."""
    lines = []
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            line = "\\" + line.lstrip()
        lines.append(line.replace("<", "\\<"))
    return "\n".join(lines)


def _md_body(text: str) -> str:
    """An entry body: its `## ` answer headings become level-4 under the entry; no raw HTML."""
    lines = []
    for line in text.splitlines():
        if line.startswith("## "):
            line = "#### " + line[3:]
        elif line.lstrip().startswith("#"):
            line = "\\" + line.lstrip()
        lines.append(line.replace("<", "\\<"))
    return "\n".join(lines)


def _md_items(items: list[Item]) -> list[str]:
    out = []
    for it in items:
        body = md_text(it.text).replace("\n", "\n  ")
        out.append(f"- **{_day(it.date)}** — {body}")
    return out or ["- (nothing in the shared entries)"]


def to_markdown(d: Digest) -> str:
    out = [f"# Supervision digest: {author_line(d)}", "",
           f"**Period:** {period_line(d)}  ",
           f"**Entries shared:** {d.entries_shared} of {d.entries_in_period} in the period  ",
           f"**Made:** {d.generated:%d %b %Y %H:%M}  "]
    if d.redacted:
        removed = ", ".join(f"{n} {k}" for k, n in d.redactions.items()) or "none found"
        out.append(f"**Identifiers removed:** {removed}")
    else:
        out.append("**Warning: identifiers were NOT removed from this digest (--no-redact).**")
    if d.omitted:
        out.append(f"  \n**Left out by the author:** {', '.join(d.omitted)}")
    out += ["", f"> {NOTE}", ""]

    r = d.restorative
    if r is not None:
        out += [f"## {SECTION_TITLES['restorative']}", ""]
        spark = weekly_table(d)
        if spark:
            out += ["| Week of | Entries | Shared | Energy (1-5) | Burnout signals |",
                    "|---|---|---|---|---|", *spark, ""]
        line = burnout_line(d)
        if line:
            out.append(f"**{line}.** These are patterns to reflect on, not a diagnosis.")
            out.append("")
            b = r.burnout
            if b.by_dimension:
                dims = ", ".join(f"{DIM_LABELS.get(k, k)} ({v})" for k, v in b.by_dimension.items())
                out += [f"Signals by dimension: {dims}.", ""]
            for day in b.days:
                dims = ", ".join(DIM_LABELS.get(x, x) for x in day.dimensions)
                if day.shared and day.evidence:
                    words = "; ".join(f"“{md_text(w)}”" for w in day.evidence)
                    out.append(f"- {_day(day.date)}: {dims} — {words}")
                elif day.shared:
                    out.append(f"- {_day(day.date)}: {dims}")
                else:
                    out.append(f"- {_day(day.date)}: {dims} (private entry: pattern only)")
            if b.days:
                out.append("")
        if r.rhythm is not None:
            rh = r.rhythm
            out.append(f"**Rhythm:** {rh.entries} entries on {rh.days_with_entries} of "
                       f"{rh.days_in_period} days; longest gap {rh.longest_gap_days} days.")
            for g in rh.gaps:
                out.append(f"- No entries {_day(g.start)} – {_day(g.end)} ({g.days} days)")
            out.append("")
        if r.kindness is not None:
            k = r.kindness
            out += [f"**Kindness:** {kindness_line(k)}.", ""]
            if k.given_items:
                out += ["Kindness I showed:", "", *_md_items(k.given_items), ""]
            if k.received_items:
                out += ["Kindness shown to me:", "", *_md_items(k.received_items), ""]
        if r.crisis_entries:
            out += [f"**Crisis language:** {r.crisis_entries} entr{'y' if r.crisis_entries == 1 else 'ies'} "
                    "in this period used words about not wanting to be here or self-harm. "
                    "Worth a gentle conversation.", ""]

    f = d.formative
    if f is not None:
        out += [f"## {SECTION_TITLES['formative']}", ""]
        if f.learned is not None:
            out += ["### What I learned", "", *_md_items(f.learned), ""]
        if f.do_differently is not None:
            out += ["### What I will do differently", "", *_md_items(f.do_differently), ""]

    n = d.normative
    if n is not None:
        out += [f"## {SECTION_TITLES['normative']}", "",
                f"Difficult encounters: {n.open} open, {n.resolved} resolved.", ""]
        for e in n.encounters:
            out.append("- " + encounter_line(e, markdown=True))
        if n.encounters:
            out.append("")

    if d.bring is not None:
        out += [f"## {SECTION_TITLES['bring']}", "", *_md_items(d.bring), ""]

    if d.entries is not None:
        out += [f"## {SECTION_TITLES['entries']}", ""]
        for e in d.entries:
            title = md_text(e.title) or "(untitled)"
            out += [f"### {e.date:%a %d %b %Y %H:%M} — {title}", ""]
            meta = [f"energy {e.energy}/5" if e.energy else None, f"mood {e.mood}/5" if e.mood else None,
                    f"template {e.template}" if e.template else None]
            meta = [m for m in meta if m]
            if meta:
                out += [f"*{' · '.join(meta)}*", ""]
            out += [_md_body(e.body), ""]
    out += ["---", f"Made with reflect. Digest format version {d.version}; sha256 {d.sha256[:16]}…", ""]
    return "\n".join(out)


def encounter_line(e, markdown: bool = False) -> str:
    who = f" with {e.who}" if e.who else ""
    status = STATUS_LABELS.get(e.status, e.status)
    extra = ""
    if e.resolved_date:
        extra = f" on {_day(e.resolved_date)}"
    if e.how:
        extra += f" ({e.how.replace('-', ' ')})"
    source = "" if e.shared else " (entry not shared in this digest: date and status only)"
    note = f" — {e.note}" if e.note else ""
    who = who.replace("<", "\\<") if markdown else who
    note = note.replace("<", "\\<") if markdown else note
    return f"{_day(e.date)}: encounter{who}, {status}{extra}{source}{note}"


def weekly_table(d: Digest) -> list[str]:
    r = d.restorative
    if r is None or not r.weeks:
        return []
    rows = []
    for w in r.weeks:
        energy = f"{w.energy:.1f}" if w.energy is not None else "–"
        rows.append(f"| {w.start:%d %b} | {w.entries} | {w.shared} | {energy} | {w.signals} |")
    return rows


# -- HTML -------------------------------------------------------------------------------------------
CSS = """
:root { --ink:#1d2430; --muted:#5b6472; --line:#d9dde3; --accent:#2f6f73; --warn:#8a4b08; }
* { box-sizing: border-box; }
body { font: 16px/1.5 Georgia, 'Times New Roman', serif; color: var(--ink); margin: 0; background: #f6f5f1; }
main { max-width: 52rem; margin: 2rem auto; background: #fff; padding: 2rem 2.5rem; border: 1px solid var(--line); }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; padding-bottom: .2rem; border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
h4 { font-size: .95rem; margin: .8rem 0 .2rem; color: var(--muted); }
.meta { color: var(--muted); margin: 0 0 1rem; }
.meta dt { font-weight: bold; float: left; clear: left; width: 11rem; }
.meta dd { margin: 0 0 .2rem 11rem; }
.note { border-left: 4px solid var(--accent); background: #eef5f5; padding: .6rem 1rem; margin: 1rem 0; }
.warning { border-left: 4px solid var(--warn); background: #fdf3e7; padding: .6rem 1rem; font-weight: bold; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .95rem; }
th, td { border: 1px solid var(--line); padding: .25rem .6rem; text-align: left; }
th { background: #f0f2f4; }
ul { padding-left: 1.3rem; }
li { margin: .2rem 0; }
.private { color: var(--muted); font-style: italic; }
.text { white-space: pre-wrap; }
article { border-top: 1px solid var(--line); padding-top: .5rem; margin-top: 1rem; }
figure { margin: .5rem 0 1rem; }
figcaption { color: var(--muted); font-size: .85rem; }
footer { color: var(--muted); font-size: .8rem; margin-top: 2rem; border-top: 1px solid var(--line); padding-top: .5rem; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { background: #fff; font-size: 11pt; }
  main { margin: 0; padding: 0; border: 0; max-width: none; }
  h2 { break-after: avoid; }
  article, li, tr, figure { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def esc(text: object) -> str:
    return _html.escape("" if text is None else str(text), quote=True)


def chart_svg(d: Digest) -> str:
    """A small inline SVG: weekly average energy (line) and burnout-signal mentions (bars)."""
    r = d.restorative
    if r is None or not r.weeks:
        return ""
    weeks = r.weeks
    w, h, pad = 560, 160, 30
    n = len(weeks)
    step = (w - 2 * pad) / max(n, 1)
    max_sig = max([wk.signals for wk in weeks] + [1])
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
             'role="img" aria-labelledby="chart-title">',
             '<title id="chart-title">Weekly energy and burnout signals</title>',
             f'<line x1="{pad}" y1="{h - pad}" x2="{w - pad}" y2="{h - pad}" stroke="#999"/>']
    for level in (1, 3, 5):  # energy scale, light guide lines
        y = h - pad - (h - 2 * pad) * (level - 1) / 4
        parts.append(f'<text x="{pad - 6}" y="{y + 3:.1f}" font-size="9" text-anchor="end" fill="#2f6f73">{level}</text>')
        if level > 1:
            parts.append(f'<line x1="{pad}" y1="{y:.1f}" x2="{w - pad}" y2="{y:.1f}" stroke="#eee"/>')
    for i, wk in enumerate(weeks):
        x = pad + i * step
        bar_h = (h - 2 * pad) * wk.signals / max_sig
        if wk.signals:
            parts.append(f'<rect class="signals" x="{x + step * .25:.1f}" y="{h - pad - bar_h:.1f}" '
                         f'width="{step * .5:.1f}" height="{bar_h:.1f}" fill="#e3b27a"/>')
        parts.append(f'<text x="{x + step / 2:.1f}" y="{h - pad + 14}" font-size="10" text-anchor="middle" '
                     f'fill="#555">{esc(f"{wk.start:%d %b}")}</text>')
    points = [(pad + i * step + step / 2, h - pad - (h - 2 * pad) * (wk.energy - 1) / 4)
              for i, wk in enumerate(weeks) if wk.energy is not None]
    if len(points) > 1:
        parts.append('<polyline class="energy" fill="none" stroke="#2f6f73" stroke-width="2.5" points="'
                     + " ".join(f"{x:.1f},{y:.1f}" for x, y in points) + '"/>')
    for x, y in points:
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#2f6f73"/>')
    parts.append(f'<text x="{pad}" y="14" font-size="11" fill="#2f6f73">● energy (1-5)</text>')
    parts.append(f'<text x="{pad + 110}" y="14" font-size="11" fill="#b07a3c">▮ burnout signals</text>')
    parts.append("</svg>")
    return "".join(parts)


def _html_items(items: list[Item]) -> str:
    if not items:
        return '<p class="private">(nothing in the shared entries)</p>'
    lis = "".join(f'<li><strong>{esc(_day(it.date))}</strong> — <span class="text">{esc(it.text)}</span></li>'
                  for it in items)
    return f"<ul>{lis}</ul>"


def _html_body(body: str) -> str:
    """An entry body with its `## ` answer headings as small headings; every piece escaped."""
    out, chunk = [], []

    def flush() -> None:
        text = "\n".join(chunk).strip()
        if text:
            out.append(f'<div class="text">{esc(text)}</div>')
        chunk.clear()

    for line in body.splitlines():
        if line.startswith("## "):
            flush()
            out.append(f"<h4>{esc(line[3:].strip())}</h4>")
        else:
            chunk.append(line)
    flush()
    return "".join(out)


def to_html(d: Digest) -> str:
    title = f"Supervision digest: {author_line(d)}"
    o = ['<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">',
         '<meta name="viewport" content="width=device-width, initial-scale=1">',
         # No script, no fetch: a policy that forbids both, in case someone edits the file.
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; img-src data:\">",
         f"<title>{esc(title)}</title><style>{CSS}</style></head><body><main>",
         f'<header><h1 id="digest-title">{esc(title)}</h1><dl class="meta">',
         f"<dt>Period</dt><dd>{esc(period_line(d))}</dd>",
         f"<dt>Entries shared</dt><dd>{d.entries_shared} of {d.entries_in_period} in the period</dd>",
         f"<dt>Made</dt><dd>{esc(f'{d.generated:%d %b %Y %H:%M}')}</dd>"]
    if d.redacted:
        removed = ", ".join(f"{n} {k}" for k, n in d.redactions.items()) or "none found"
        o.append(f"<dt>Identifiers removed</dt><dd>{esc(removed)}</dd>")
    if d.omitted:
        o.append(f"<dt>Left out by the author</dt><dd>{esc(', '.join(d.omitted))}</dd>")
    o.append("</dl></header>")
    if not d.redacted:
        o.append('<p class="warning">Identifiers were NOT removed from this digest (--no-redact).</p>')
    o.append(f'<p class="note">{esc(NOTE)}</p>')

    r = d.restorative
    if r is not None:
        o.append(f'<section id="restorative"><h2>{esc(SECTION_TITLES["restorative"])}</h2>')
        svg = chart_svg(d)
        if svg:
            o.append(f'<figure>{svg}<figcaption>Weekly average energy (line) and burnout-signal '
                     'mentions (bars), all entries in the period, patterns only.</figcaption></figure>')
            o.append("<table><thead><tr><th>Week of</th><th>Entries</th><th>Shared</th><th>Energy (1-5)</th>"
                     "<th>Burnout signals</th></tr></thead><tbody>")
            for w in r.weeks:
                energy = f"{w.energy:.1f}" if w.energy is not None else "–"
                o.append(f"<tr><td>{esc(f'{w.start:%d %b}')}</td><td>{w.entries}</td><td>{w.shared}</td>"
                         f"<td>{energy}</td><td>{w.signals}</td></tr>")
            o.append("</tbody></table>")
        line = burnout_line(d)
        if line:
            b = r.burnout
            o.append(f'<p id="burnout"><strong>{esc(line)}.</strong> Patterns to reflect on, not a diagnosis.</p>')
            if b.by_dimension:
                dims = ", ".join(f"{DIM_LABELS.get(k, k)} ({v})" for k, v in b.by_dimension.items())
                o.append(f"<p>Signals by dimension: {esc(dims)}.</p>")
            if b.days:
                o.append("<ul>")
                for day in b.days:
                    dims = ", ".join(DIM_LABELS.get(x, x) for x in day.dimensions)
                    if day.shared:
                        words = "; ".join(f"“{w}”" for w in day.evidence)
                        o.append(f"<li>{esc(_day(day.date))}: {esc(dims)}"
                                 + (f" — <span class=\"text\">{esc(words)}</span>" if words else "") + "</li>")
                    else:
                        o.append(f'<li>{esc(_day(day.date))}: {esc(dims)} '
                                 '<span class="private">(private entry: pattern only)</span></li>')
                o.append("</ul>")
        if r.rhythm is not None:
            rh = r.rhythm
            o.append(f'<p id="rhythm"><strong>Rhythm:</strong> {rh.entries} entries on {rh.days_with_entries} '
                     f"of {rh.days_in_period} days; longest gap {rh.longest_gap_days} days.</p>")
            if rh.gaps:
                o.append("<ul>" + "".join(f"<li>No entries {esc(_day(g.start))} – {esc(_day(g.end))} "
                                          f"({g.days} days)</li>" for g in rh.gaps) + "</ul>")
        if r.kindness is not None:
            k = r.kindness
            o.append(f'<p id="kindness"><strong>Kindness:</strong> {esc(kindness_line(k))}.</p>')
            if k.given_items:
                o.append("<h3>Kindness I showed</h3>" + _html_items(k.given_items))
            if k.received_items:
                o.append("<h3>Kindness shown to me</h3>" + _html_items(k.received_items))
        if r.crisis_entries:
            o.append(f'<p id="crisis"><strong>Crisis language:</strong> {r.crisis_entries} '
                     f"entr{'y' if r.crisis_entries == 1 else 'ies'} in this period used words about not "
                     "wanting to be here or self-harm. Worth a gentle conversation.</p>")
        o.append("</section>")

    f = d.formative
    if f is not None:
        o.append(f'<section id="formative"><h2>{esc(SECTION_TITLES["formative"])}</h2>')
        if f.learned is not None:
            o.append("<h3>What I learned</h3>" + _html_items(f.learned))
        if f.do_differently is not None:
            o.append("<h3>What I will do differently</h3>" + _html_items(f.do_differently))
        o.append("</section>")

    n = d.normative
    if n is not None:
        o.append(f'<section id="normative"><h2>{esc(SECTION_TITLES["normative"])}</h2>'
                 f"<p>Difficult encounters: {n.open} open, {n.resolved} resolved.</p>")
        if n.encounters:
            o.append("<ul>" + "".join(f'<li class="text">{esc(encounter_line(e))}</li>' for e in n.encounters)
                     + "</ul>")
        o.append("</section>")

    if d.bring is not None:
        o.append(f'<section id="bring"><h2>{esc(SECTION_TITLES["bring"])}</h2>{_html_items(d.bring)}</section>')

    if d.entries is not None:
        o.append(f'<section id="entries"><h2>{esc(SECTION_TITLES["entries"])}</h2>')
        for e in d.entries:
            meta = " · ".join(m for m in (f"energy {e.energy}/5" if e.energy else "",
                                          f"mood {e.mood}/5" if e.mood else "",
                                          f"template {e.template}" if e.template else "") if m)
            o.append(f'<article><h3>{esc(f"{e.date:%a %d %b %Y %H:%M}")} — {esc(e.title or "(untitled)")}</h3>'
                     + (f'<p class="meta">{esc(meta)}</p>' if meta else "")
                     + _html_body(e.body) + "</article>")
        o.append("</section>")
    o.append(f"<footer>Made with reflect. Digest format version {d.version}; sha256 {esc(d.sha256)}</footer>")
    o.append("</main></body></html>\n")
    return "\n".join(o)


EXPORTERS: dict[str, Callable[[Digest], str]] = {"md": to_markdown, "html": to_html, "json": to_json}
SUFFIXES = {"md": ".md", "html": ".html", "json": ".json"}


def exporter(name: str) -> Callable[[Digest], str]:
    from ..errors import UsageError

    try:
        return EXPORTERS[name]
    except KeyError:
        raise UsageError(f"Unknown digest format {name!r}; choose one of: {', '.join(EXPORTERS)}.") from None


def export(digest: Digest, name: str) -> str:
    return exporter(name)(digest)
