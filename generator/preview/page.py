"""The preview's page: every output's files and page thumbnails, the problems of the latest build
with their file and line, its warnings; split into sections, each keyed by its own HTML, so that
the page's script swaps in only the sections that changed (images and the site's frame stay)."""
from __future__ import annotations

import html
from pathlib import PurePosixPath
from time import localtime, strftime

from .state import State, digest
from .thumbs import Thumbnails

# files whose pages are other files' pages again (imposed, gathered): linked, not drawn twice
REPEATS = ("booklet-print.pdf", "booklet-imposed.pdf", "booklet-press.pdf", "signs/all-signs.pdf")
SHOWN = 200  # px, a thumbnail's height in the page
FIRST = 24  # thumbnails shown of an output; the rest behind "N more pages" (a long badge run)


def summary(state: State) -> dict:
    """The state in plain data (tests, scripts): version, building, problems, each output's files."""
    with state.changed:
        return {"version": state.version, "building": state.building, "problems": list(state.problems),
                "warnings": list(state.warnings), "finished": state.finished,
                "outputs": {name: {"files": dict(s.digests), "seconds": s.seconds, "notes": list(s.notes)}
                            for name, s in state.outputs.items()}}


def page(state: State, thumbs: Thumbnails) -> str:
    title = html.escape(state.event_name or state.content)
    version = state.version  # read before the parts: at worst the script fetches them once more
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} \u2014 eventprint preview'
            f'</title><meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style>'
            f'</head><body><main id="main" data-version="{version}">{body(state, thumbs)}</main>'
            f'<script>{SCRIPT}</script></body></html>')


def body(state: State, thumbs: Thumbnails) -> str:
    """The page's parts, each with a key of its own HTML: the script replaces only those that changed."""
    with state.changed:
        outputs = dict(state.outputs)
        problems, warnings = list(state.problems), list(state.warnings)
        building, finished, seconds = state.building, state.finished, state.seconds
        name, content = state.event_name, state.content
    order = (*state.about, *sorted(set(outputs) - set(state.about)))
    parts = [("status", _status(name, content, building, finished, seconds, problems, outputs, order))]
    if problems:
        items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
        many = "s" if len(problems) != 1 else ""
        parts.append(("problems", f'<div class="problems"><h2>{len(problems)} problem{many} in the content</h2>'
                                  f"<ul>{items}</ul><p>The outputs below are the last good build's. Fix the line "
                                  "named, save, and the page follows.</p></div>"))
    notes = warnings + [n for s in outputs.values() for n in s.notes]
    if notes:
        items = "".join(f"<li>{html.escape(n)}</li>" for n in notes)
        many = "s" if len(notes) != 1 else ""
        parts.append(("warnings", f'<details class="warnings"><summary>{len(notes)} warning{many} (the build goes '
                                  f"on)</summary><ul>{items}</ul></details>"))
    for output in order:
        parts.append((f"out-{output}", _output(output, state.about.get(output, ""), outputs.get(output), thumbs)))
    return "".join(f'<section id="{key}" data-key="{digest(text.encode())}">{text}</section>' for key, text in parts)


def _status(name, content, building, finished, seconds, problems, outputs, order) -> str:
    if building:
        state = '<span class="busy">Building\u2026</span>'
    elif problems:
        state = '<span class="bad">Not built: see the problems below</span>'
    elif finished:
        each = ", ".join(f"{o} {s.seconds:.1f} s" for o, s in outputs.items())
        state = (f'<span class="good">Up to date</span>: built at {strftime("%H:%M:%S", localtime(finished))} '
                 f'in {seconds:.1f} s ({each})')
    else:
        state = '<span class="busy">Starting\u2026</span>'
    jump = " \u00b7 ".join(f'<a href="#out-{html.escape(o)}">{html.escape(o)}</a>' for o in order)
    return (f"<h1>{html.escape(name or 'eventprint')}</h1><p>{state}. Watching <code>{html.escape(content)}</code>: "
            f"save a file there and this page follows.</p><nav>{jump}</nav>")


def _output(name: str, about: str, shown, thumbs: Thumbnails) -> str:
    title = f"<h2>{html.escape(name.capitalize())} <small>{html.escape(about)}</small></h2>"
    if shown is None:
        return title + "<p>Not built yet.</p>"
    links = " \u00b7 ".join(f'<a href="/files/{html.escape(path)}">{html.escape(path)}</a>'
                            for path in shown.files if path.endswith(".pdf") or path.endswith("/index.html"))
    if name == "site" or not any(p.endswith(".pdf") for p in shown.files):
        first = next((p for p in shown.files if p.endswith("index.html")), None)
        frame = (f'<div class="site"><iframe src="/files/{html.escape(first)}" title="the website" loading="lazy">'
                 "</iframe></div>" if first else "")
        return f'{title}<p class="files">{links} ({len(shown.files)} files)</p>{frame}'
    drawn = [p for p in shown.files if p.endswith(".pdf") and p not in REPEATS]
    pages = []
    for path in drawn:
        key = shown.digests[path]
        for n, (w, h) in enumerate(thumbs.page_sizes(key, shown.files[path]), 1):
            caption = f"{PurePosixPath(path).name} \u00b7 {n}" if len(drawn) > 1 else str(n)
            pages.append(f'<figure><a href="/files/{html.escape(path)}#page={n}" target="_blank">'
                         f'<img src="/thumbs/{key}/{n}.png" width="{round(SHOWN * w / h)}" height="{SHOWN}" '
                         f'loading="lazy" alt="{html.escape(path)} page {n}"></a>'
                         f"<figcaption>{html.escape(caption)}</figcaption></figure>")
    more = (f'<details><summary>{len(pages) - FIRST} more pages</summary><div class="pages">{"".join(pages[FIRST:])}'
            "</div></details>" if len(pages) > FIRST else "")
    return f'{title}<p class="files">{links}</p><div class="pages">{"".join(pages[:FIRST])}</div>{more}'


CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; background: #f4f4f2; color: #222; }
main { padding: 12px 20px 40px; }
h1 { font-size: 20px; margin: 4px 0; } h2 { font-size: 16px; margin: 18px 0 6px; }
.good { color: #176b2c; font-weight: 600; } .busy { color: #8a5a00; font-weight: 600; }
.bad { color: #b00020; font-weight: 600; } h2 small { font-weight: normal; color: #666; font-size: 13px; }
.problems { background: #fde8ea; border: 1px solid #b00020; padding: 4px 14px; border-radius: 4px; }
.problems code { white-space: pre-wrap; font-size: 14px; }
.warnings { margin-top: 8px; } .warnings li { font-size: 13px; }
.files { margin: 0 0 6px; font-size: 13px; }
.pages { display: flex; flex-wrap: wrap; gap: 10px; }
details > summary { cursor: pointer; margin: 8px 0; font-size: 13px; } nav { font-size: 13px; }
figure { margin: 0; text-align: center; font-size: 11px; color: #555; }
figure img { display: block; background: white; box-shadow: 0 1px 3px rgba(0, 0, 0, .3); }
.site { width: 400px; height: 300px; overflow: hidden; box-shadow: 0 1px 3px rgba(0, 0, 0, .3); background: white; }
.site iframe { width: 1200px; height: 900px; border: 0; transform: scale(.3333); transform-origin: 0 0; }
"""

# swaps in the sections whose key changed; a section left alone keeps its images and its frame
SCRIPT = """
const main = document.getElementById("main");
async function refresh() {
  const answer = await fetch("/body", {cache: "no-store"});
  if (!answer.ok) return;
  const fresh = document.createElement("div");
  fresh.innerHTML = await answer.text();
  const now = [...main.children], next = [...fresh.children];
  if (now.length !== next.length || now.some((s, i) => s.id !== next[i].id)) {
    main.replaceChildren(...next);
  } else {
    next.forEach((s, i) => { if (now[i].dataset.key !== s.dataset.key) now[i].replaceWith(s); });
  }
  const h1 = main.querySelector("h1");
  if (h1) document.title = h1.textContent + " \u2014 eventprint preview";
}
let shown = main.dataset.version;
new EventSource("/events").onmessage = (e) => {
  if (e.data !== shown) { shown = e.data; refresh(); }
};
"""
