"""The booklet's at-a-glance for days with parallel rooms: a time x room grid per A5 page, checked
on the PDF's characters (where every item is printed), its links and its type sizes."""
from __future__ import annotations

import re

import pytest

import pdfcheck as pc
import test_booklet as tb
from eventprint.layouts.kit import grid, grid_text

TIME = re.compile(r"^\d\d:\d\d$")
GLANCE = "Programme at a glance \u00b7"




def glance_pages(event, texts: list[str]) -> list[tuple[int, object]]:
    """(page index, day) of every grid page of the at-a-glance."""
    out = []
    for i, t in enumerate(texts):
        lines = tb.body(t).splitlines()
        for above, line in zip(lines, lines[1:]):  # the day's heading, then the line naming the glance
            day = next((d for d in event.days if above.startswith(d.label)), None)
            if line.startswith(GLANCE) and day is not None and grid.is_parallel(day):
                out.append((i, day))
    return out


def placed(event, page_chars: list[dict], day) -> dict[str, bool]:
    """For each item this glance page shows: whether its first line lies in its room's column (under
    that room's name; across all columns for a break) and between the time marks of its start and end."""
    rs = pc.runs(page_chars)
    every = grid.columns(day, grid.room_order(event))
    names = {r.name.replace(" ", ""): r for r in every if r is not None}
    found = [r for r in rs if r.text in names]
    head_top = min(r.top for r in found)
    heads = sorted((r for r in found if abs(r.top - head_top) < 1), key=lambda r: r.x0)
    cols = [names[h.text] for h in heads]
    assert [every.index(c) for c in cols] == list(range(every.index(cols[0]), every.index(cols[0]) + len(cols))), \
        "neighbouring rooms, in the poster's order"
    right = max(c["x1"] for c in page_chars)
    marks = {int(r.text[:2]) * 60 + int(r.text[3:]): r.top for r in rs if TIME.match(r.text) and r.x1 < heads[0].x0}
    span = grid.spanning(day.items)
    out = {}
    for it in day.items:
        start = it.start.hour * 60 + it.start.minute
        end = it.end.hour * 60 + it.end.minute
        if (it.id not in span and it.room not in cols) or start not in marks or end > max(marks):
            continue  # on another page
        text = it.title.display.replace(" ", "")
        if it.kind.name == "KEYNOTE":
            text = grid_text.KEYNOTE_LABEL + text
        y0, y1 = marks[start], min(top for m, top in marks.items() if m >= end)
        if it.id in span:
            home = (heads[0].x0 - 3, right)
        else:
            k = cols.index(it.room)
            home = (heads[k].x0 - 3, heads[k + 1].x0 - 2 if k + 1 < len(heads) else right)
        out[it.id] = any(home[0] <= r.x0 and r.x1 <= home[1] + 1 and y0 - 2 <= r.top and r.bottom <= y1 + 2
                         and r.top > head_top + 1 and len(r.text) >= 4 and text.startswith(r.text) for r in rs)
    return out


def test_every_item_in_its_room_column_and_time_rows(tb_built, tb_texts, tb_chars):
    """The three-day event: every item of every day, in its room's column and its times' rows."""
    event, _ = tb_built["three_day"]
    pages = glance_pages(event, tb_texts["three_day"])
    assert {d.date for _, d in pages} == {d.date for d in event.days}
    seen: dict[str, bool] = {}
    for i, day in pages:
        for key, ok in placed(event, tb_chars["three_day"][0][i], day).items():
            seen[key] = seen.get(key, False) or ok
    assert set(seen) == {it.id for it in event.items}
    assert [k for k, ok in seen.items() if not ok] == []


def test_glance_type_is_at_least_7_pt(tb_built, tb_texts, tb_chars):
    for name in ("three_day", "edge"):
        event, _ = tb_built[name]
        for i, _ in glance_pages(event, tb_texts[name]):
            small = {round(c["size"], 2) for c in tb_chars[name][0][i] if c["text"].strip() and c["size"] < 6.99}
            assert not small, (name, i + 1, small)


def test_every_talk_box_links_to_its_talk(tb_built, tb_texts):
    """Each talk's box is a link to the page where its abstract is printed."""
    event, files = tb_built["three_day"]
    r = tb.reader(files["booklet.pdf"])
    pages = tb.talk_pages(r, event)
    targets = [p for i, _ in glance_pages(event, tb_texts["three_day"]) for p in tb._link_targets(r, i)]
    assert sorted(targets) == sorted(pages[t.id] for t in event.talks)


@pytest.fixture(scope="module")
def tb_built(three_day, edge, artifacts):
    return {"three_day": (three_day, artifacts("three_day", "booklet")), "edge": (edge, artifacts("edge", "booklet"))}


@pytest.fixture(scope="module")
def tb_chars(tb_built):
    return {name: (pc.page_chars(files["booklet.pdf"]), None) for name, (_, files) in tb_built.items()}


@pytest.fixture(scope="module")
def tb_texts(tb_built):
    return {name: pc.page_texts(files["booklet.pdf"]) for name, (_, files) in tb_built.items()}


def test_none_mode_list_days_carry_each_talks_address(symposium):
    """Programme and index only, one room at a time: each talk's row in the at-a-glance list carries
    the short address of its page online, and there is no talks part repeating them."""
    from eventprint import urls
    from eventprint.layouts.booklet import document as booklet
    from eventprint.layouts.booklet.sections import short_url
    single, _, anchors = booklet.layout(symposium, "none", imposed=False)
    texts = pc.page_texts(single)
    for talk in symposium.talks:
        page = texts[anchors[f"talk-{talk.id}"] - 1]
        assert tb.squash(short_url(urls.talk_url(symposium, talk))) in tb.squash(page), talk.id
        assert anchors[f"talk-{talk.id}"] == anchors[f"glance-{talk.id}"]
    assert not any(k.startswith("talks-") for k in anchors)


def test_an_item_past_midnight_keeps_its_place_in_the_grid(three_day):
    """A night session (a camp's 23:00-00:30, ``end_days`` 1) on a day of parallel rooms: the
    booklet's grid and the poster build, and print it (its rows ran below the grid and the booklet
    stopped with an IndexError on the real camp2019 export)."""
    from dataclasses import replace

    from eventprint.build import render
    from eventprint.options import BuildOptions
    from datetime import time

    day = next(d for d in three_day.days if grid.is_parallel(d))
    talk = next(it for it in day.items if it.is_talk and it.room is not None)
    night = replace(talk, id="night-session", start=time(23, 0), end=time(0, 30), end_days=1)
    event = replace(three_day, days=(replace(day, items=day.items + (night,)),))  # that day alone: cheaper
    assert grid.is_parallel(replace(day, items=day.items + (night,)))
    for output in ("booklet", "poster"):
        pdf = render(event, output, BuildOptions())[0].data
        text = pc.normalise(" ".join(pc.flow_texts(pdf)))
        assert "23:00" in text, output
    g = grid.plan(replace(day, items=day.items + (night,)), grid.room_order(event), 400, 9)
    box = next(b for b in g.boxes if b.item.id == "night-session")
    assert 0 <= box.first <= box.last < len(g.rows) and g.bounds[-1] == 24 * 60 + 30


def test_no_glance_page_of_empty_time(three_day):
    """A day whose last item comes hours after the rest (a dinner at 20:00): a glance page cut in
    that stretch would hold only empty rows; the pieces of a day begin and end at an item instead."""
    from dataclasses import replace
    from datetime import time

    from eventprint.layouts.booklet import glance_grid

    day = next(d for d in three_day.days if grid.is_parallel(d))
    meal = next(it for it in day.items if it.kind.is_pause and it.room is None)
    dinner = replace(meal, id="dinner", title=replace(meal.title, text="Dinner"), start=time(20, 0), end=time(22, 0))
    late = replace(day, items=day.items + (dinner,))
    g = grid.plan(late, grid.room_order(three_day), 600, 9)
    assert any(g.idle), "the evening is empty time"
    for avail in (120, 200, 400, 2000):  # pieces of many sizes, down to a few rows a page
        pieces = glance_grid._spans(g, avail)
        assert pieces
        for a, b in pieces:
            assert not g.idle[a] and not g.idle[b - 1], (avail, a, b)
            assert any(a <= bx.first and bx.last < b for bx in g.boxes), (avail, a, b)


def test_items_that_overlap_in_one_room_stand_side_by_side_each_whole():
    """A conflict the check reports (a workshop in a room beside the talks there, as XDC 2021's
    export has it) still prints every item whole: the overlapping ones share the room's column,
    side by side, none drawn over another (which hid whole talks on the poster)."""
    import dataclasses
    import io
    from datetime import time

    from reportlab.pdfgen.canvas import Canvas

    from conftest import event_named

    event = event_named("three_day")
    day = next(d for d in event.days if grid.is_parallel(d))
    talks = [it for it in day.items if it.is_talk and it.rooms]
    first = talks[0]
    long = dataclasses.replace(first, id="clash-long", title=dataclasses.replace(first.title, text="A Workshop Beside"),
                               start=first.start, end=time(min(first.end.hour + 2, 23), first.end.minute))
    day = dataclasses.replace(day, items=day.items + (long,))
    g = grid.plan(day, grid.room_order(event), 1000, 9, narrow_ok=True)
    col = next(bx.col for bx in g.boxes if bx.item.id == "clash-long")
    same = [bx for bx in g.boxes if bx.col == col]
    for a in same:
        for b in same:
            if a is not b and a.first <= b.last and b.first <= a.last:  # overlapping in time
                (ax, aw), (bx_, bw) = a.span(g.col_x, g.col_ws, 0), b.span(g.col_x, g.col_ws, 0)
                assert ax + aw <= bx_ + 1e-6 or bx_ + bw <= ax + 1e-6, (a.item.id, b.item.id)
    assert any(bx.lanes == 2 for bx in same)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(1100, 3000))
    grid.draw(c, g, 20, 2980, 1.0)
    c.save()
    text = pc.normalise(" ".join(pc.page_texts(buf.getvalue())))
    for it in (long, first):
        assert pc.normalise(it.title.display).replace(" ", "")[:12] in text.replace(" ", ""), it.title.display
