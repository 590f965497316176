"""The booklet's talk pages (one per talk: head with QR code, abstract, speakers) and the
speaker index, whose page numbers are known only once the talks are laid out."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, Table

from eventprint import urls
from eventprint.model import Day, Item

from . import theme
from .booklet_base import (FRAME_W, INDEX, LABEL_KEEP, Ctx, day_talks_key, glance_key, heading, link, place,
                           qr_size, talk_key, tstyle)
from .booklet_flow import Anchor, QRCode
from .text import markup as _m


def talk_page(ctx: Ctx, day: Day, item: Item, first: bool) -> list:
    ev, st = ctx.event, ctx.st
    out: list = []
    if first:
        out.append(Anchor(day_talks_key(day), outline=f"Talks {theme.MIDDOT} {day.label}", level=0))
    out.append(Anchor(talk_key(item), outline=f"{item.start:%H:%M} {item.title.display}", level=1,
                      running=day.label))
    # head: when, what and who on the left; the QR code to the talk's page on the right
    url = urls.talk_url(ev, item)
    size = qr_size(url)
    meta = [item.kind.label, day.short_label, item.time_range, place(item, day)]
    head: list = [Paragraph(_m(f"  {theme.MIDDOT}  ".join(meta)), st["meta"]),
                  Paragraph(_m(item.title.display), st["title"] if item.title.confirmed else st["title-tbc"])]
    for p in item.speakers:
        head.append(Paragraph(_m(p.name), st["speaker"]))
        lines = ([p.position] if p.position else []) + list(p.affiliations)
        head.append(Paragraph("<br/>".join(_m(x) for x in lines) if lines else "", st["affil"]))
    qr_col = size + 4 * mm
    out.append(Table([[head, QRCode(url, size, what=f"QR code of talk '{item.id}'")]],
                     colWidths=[FRAME_W - qr_col, qr_col],
                     style=tstyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                    ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])))
    out.append(Paragraph(_m("Abstract online: " + url), st["url"]))
    if item.chairs:
        names = ", ".join(p.name for p in item.chairs)
        out.append(Paragraph(_m(f"Chair{'s' if len(item.chairs) > 1 else ''}: {names}"), st["note"]))
    if item.note:
        out.append(Paragraph(_m(item.note), st["note"]))
    out += [CondPageBreak(LABEL_KEEP), Paragraph(_m("ABSTRACT"), st["label"])]
    if item.abstract:
        for para in item.abstract.split("\n\n"):
            out.append(Paragraph(_m(para.strip()), st["body"]))
    else:
        out.append(Paragraph(_m("The abstract will be published online."), st["note"]))
    with_bio = [p for p in item.speakers if p.bio]
    if with_bio:
        out += [CondPageBreak(LABEL_KEEP),
                Paragraph(_m("ABOUT THE SPEAKER" + ("S" if len(with_bio) > 1 else "")), st["label"])]
        for p in with_bio:
            paras = p.bio.split("\n\n")
            if len(with_bio) > 1:
                out.append(Paragraph(_m(p.name), st["bio-name"]))
            out += [Paragraph(_m(x.strip()), st["body"]) for x in paras]
    return out


def speaker_index(ctx: Ctx, anchors: dict[str, int]) -> list:
    ev, st = ctx.event, ctx.st
    out = heading(ctx, INDEX, "index")
    people = sorted(ev.people_with_roles, key=lambda p: (p.sort_key, p.id))
    rows, style = [], [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                       ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 3),
                       ("BOTTOMPADDING", (0, 0), (-1, -1), 3), ("LINEBELOW", (0, 0), (-1, -1), 0.3, theme.RULE)]
    for p in people:
        refs: list[tuple[int, str]] = []
        for it in ev.items_of(p):
            key = talk_key(it) if it.is_talk and p in it.speakers else glance_key(it)
            refs.append((anchors[key], key))
        seen: dict[int, str] = {}
        for page, key in refs:
            seen.setdefault(page, key)
        pages = ", ".join(link(key, _m(str(page))) for page, key in sorted(seen.items()))
        if p.name.endswith(p.family_name) and p.family_name and p.name != p.family_name:
            name = _m(p.name[: -len(p.family_name)]) + f"<b>{_m(p.family_name)}</b>"
        else:
            name = f"<b>{_m(p.name)}</b>"
        cell = [Paragraph(name, st["ix-name"])]
        if p.affiliation_line:
            cell.append(Paragraph(_m(p.affiliation_line), st["ix-affil"]))
        roles = ", ".join(r.value.capitalize() for r in p.roles)
        rows.append([cell, Paragraph(_m(roles), st["ix-role"]), Paragraph(pages, st["ix-pages"])])
    if rows:
        out.append(Table(rows, colWidths=[FRAME_W - 40 * mm, 22 * mm, 18 * mm], style=tstyle(style),
                         repeatRows=0))
    return out
