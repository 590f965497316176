"""The site's one stylesheet, coloured from the print theme so site and paper match.

System fonts only (nothing is fetched), one column of at most ~40rem that reads
on a phone opened from a QR code, and quiet rows for breaks and meals.
"""
from __future__ import annotations

from eventprint.brand import Brand
from reportlab.lib.colors import Color

from ..kit import theme


def css_hex(colour: Color) -> str:
    """'#0b6e79' from a ReportLab colour."""
    return "#" + colour.hexval()[2:].lower()


def stylesheet(brand: Brand = Brand()) -> bytes:
    """The stylesheet, in the accent of the event's ``brand`` (the house teal without one)."""
    accent = css_hex(theme.accent(brand))
    accent_light = css_hex(theme.accent_light(brand))
    ink = css_hex(theme.INK)
    muted = css_hex(theme.MUTED)
    rule = css_hex(theme.RULE)
    pause_bg = css_hex(theme.PAUSE_BG)
    css = f"""/* eventprint site: one small stylesheet, system fonts, no external resources */
:root {{
  --accent: {accent};
  --accent-light: {accent_light};
  --ink: {ink};
  --muted: {muted};
  --rule: {rule};
  --pause: {pause_bg};
}}
*, *::before, *::after {{ box-sizing: border-box; }}
html {{ -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }}
body {{
  margin: 0;
  color: var(--ink);
  background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 1.0625rem;
  line-height: 1.55;
  overflow-wrap: break-word;
}}
.wrap {{ max-width: 40rem; margin: 0 auto; padding: 0 1.125rem; }}
a {{ color: var(--accent); text-decoration-thickness: 1px; text-underline-offset: 0.15em; }}
a:hover, a:focus {{ text-decoration-thickness: 2px; }}
h1, h2, h3 {{ line-height: 1.25; margin: 0; }}
h1 {{ font-size: 1.6rem; letter-spacing: -0.01em; }}
h2 {{ font-size: 1.2rem; color: var(--accent); margin: 2rem 0 0.6rem; }}
h3 {{ font-size: 1.05rem; }}
p {{ margin: 0 0 0.85rem; }}
ul, ol {{ margin: 0; padding: 0; list-style: none; }}

/* top bar and footer */
.bar {{ background: var(--accent); color: #fff; font-size: 0.9rem; }}
.bar .wrap {{ padding-top: 0.55rem; padding-bottom: 0.55rem; }}
.bar a {{ color: #fff; text-decoration: none; font-weight: 600; }}
.bar a:hover, .bar a:focus {{ text-decoration: underline; }}
main.wrap {{ padding-top: 1.4rem; padding-bottom: 2rem; }}
footer {{ border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.85rem; }}
footer .wrap {{ padding-top: 1rem; padding-bottom: 2rem; }}
footer p {{ margin: 0 0 0.3rem; }}

/* page heads */
.eyebrow {{
  color: var(--accent); font-size: 0.8rem; font-weight: 700;
  letter-spacing: 0.08em; text-transform: uppercase; margin: 0 0 0.35rem;
}}
.lede {{ color: var(--muted); margin: 0.5rem 0 0; }}
.facts {{ margin: 1.1rem 0 1.2rem; padding: 0.85rem 1rem; background: var(--accent-light); border-radius: 0.5rem; }}
.facts div {{ display: grid; grid-template-columns: 4.5rem 1fr; gap: 0.5rem; }}
.facts div + div {{ margin-top: 0.35rem; }}
.facts dt {{ color: var(--muted); font-size: 0.9rem; padding-top: 0.08rem; }}
.facts dd {{ margin: 0; }}
.facts .sub {{ display: block; color: var(--muted); font-size: 0.9rem; }}
.button {{
  display: inline-block; padding: 0.5rem 0.9rem; border: 1px solid var(--accent);
  border-radius: 0.4rem; font-weight: 600; text-decoration: none; font-size: 0.95rem;
}}
.button:hover, .button:focus {{ background: var(--accent); color: #fff; }}
.note {{ border-left: 3px solid var(--accent); padding: 0.2rem 0 0.2rem 0.75rem; }}
.muted {{ color: var(--muted); }}
.back {{ margin-top: 2rem; }}

/* people */
.people li {{ margin: 0 0 0.8rem; }}
.people .name {{ font-weight: 600; }}
.people .aff {{ display: block; color: var(--muted); font-size: 0.92rem; }}
.bio + .bio {{ margin-top: 1.2rem; }}
.index-people {{ columns: 2 14rem; column-gap: 1.5rem; }}
.index-people li {{ break-inside: avoid; margin: 0 0 0.3rem; }}

/* the programme */
.days {{ display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 1.2rem 0; }}
.days .button {{ padding: 0.35rem 0.7rem; }}
.day-head {{ margin-top: 2.2rem; padding-bottom: 0.3rem; border-bottom: 2px solid var(--accent); }}
.day-head h2 {{ margin: 0; }}
.day-head p {{ margin: 0.15rem 0 0; color: var(--muted); font-size: 0.9rem; }}
.programme > li {{
  display: grid; grid-template-columns: 6.4rem 1fr; gap: 0.75rem;
  padding: 0.7rem 0; border-bottom: 1px solid var(--rule);
}}
.programme.clock12 > li {{ grid-template-columns: 8.4rem 1fr; }}  /* 12-hour clocks: '10:00–10:30 AM' */
.programme .time {{ font-variant-numeric: tabular-nums; font-weight: 600; font-size: 0.95rem; white-space: nowrap; }}
.programme .kind {{
  display: block; color: var(--accent); font-size: 0.75rem; font-weight: 700;
  letter-spacing: 0.06em; text-transform: uppercase;
}}
.programme .title {{ font-weight: 600; }}
.programme .who, .programme .where, .programme .chair {{ display: block; font-size: 0.92rem; }}
.programme .where, .programme .chair {{ color: var(--muted); }}
.programme .where a {{ color: var(--muted); }}
.programme {{ margin-top: 0.8rem; }}
h3 + .programme {{ margin-top: 0.2rem; }}
main h3 {{ margin-top: 1.1rem; }}
.programme .remark {{ display: block; font-size: 0.88rem; font-style: italic; color: var(--muted); }}
.programme > li.pause {{ background: var(--pause); color: var(--muted); font-size: 0.9rem; padding: 0.4rem 0.5rem; }}
.programme > li.pause .time {{ font-weight: 400; font-size: 0.88rem; }}
.programme > li.pause .title {{ font-weight: 400; }}
.tbc {{ font-style: italic; }}
.rooms {{ margin: 0.7rem 0 0; font-size: 0.9rem; color: var(--muted); }}
.abstract p, .bio p {{ hyphens: auto; }}

@media (max-width: 30rem) {{
  body {{ font-size: 1rem; }}
  h1 {{ font-size: 1.4rem; }}
  .programme > li {{ grid-template-columns: 5.6rem 1fr; gap: 0.6rem; }}
  .programme .time {{ font-size: 0.85rem; }}
}}
@media print {{
  .bar, .days, .button {{ display: none; }}
  a {{ color: inherit; text-decoration: none; }}
}}
"""
    if brand.logo is not None:
        css += LOGO_CSS
    return css.encode("utf-8")


# the event's logo in the bar (pages.py): as tall as the bar's line; on a white plate without logo_on_dark
LOGO_CSS = """
/* the event's logo */
.bar .logo { display: inline-block; vertical-align: middle; margin-right: 0.6rem; line-height: 0; }
.bar .logo img { height: 1.75rem; width: auto; }
.bar .logo.plate { background: #fff; padding: 0.2rem 0.35rem; border-radius: 0.25rem; }
"""
