"""Where printed links lead (generator/links.py, issue #23): the export's own pages, or our site.

The export is tests/fixtures/import/links.frab.json, a frab JSON of our own whose talks have
pretalx-like pages on a real-looking host; one talk has no page. Its QR codes are decoded from
the rendered PDFs (zxing-cpp, tests/pdfcheck.py) and compared with what the export itself says
(read here from the JSON, not from eventprint's import of it).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

import pdfcheck
from eventprint import urls
from eventprint.build import load, render
from eventprint.draft import draft_problem, is_draft
from eventprint.load import load_content
from eventprint.options import BuildOptions
from eventprint.problems import ContentError

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "import" / "links.frab.json"
PRINTED = ("booklet", "signs", "poster", "badges")


def export_pages() -> tuple[str, dict[str, str | None]]:
    """(the schedule page, {title: its page or None}) as the export names them."""
    sched = json.loads(FIXTURE.read_text(encoding="utf-8"))["schedule"]
    pages = {ev["title"]: ev.get("url") for day in sched["conference"]["days"]
             for evs in day["rooms"].values() for ev in evs if ev.get("persons")}
    return sched["base_url"], pages


def codes(pdf: bytes) -> list[str]:
    return [c for i in range(len(pdfcheck.page_sizes(pdf))) for c in pdfcheck.page_qr_codes(pdf, i)]


def imported(tmp: Path, source: Path = FIXTURE, *extra: str) -> Path:
    done = run_cli("import", str(source), "--to", str(tmp), *extra)
    assert done.returncode == 0, done.stderr
    return tmp


@pytest.fixture(scope="module")
def final(tmp_path_factory):
    """The import built for the press with no override: (content, out, what the build printed)."""
    content = imported(tmp_path_factory.mktemp("links") / "linkconf")
    out = content / "out"
    done = run_cli("all", "--final", "--content", str(content), "--out", str(out))
    assert done.returncode == 0, done.stderr
    return content, out, done.stdout


def test_an_import_naming_talk_pages_is_final_and_every_code_opens_one_of_them(final):
    _, out, said = final
    schedule, pages = export_pages()
    named = {schedule} | {u for u in pages.values() if u}
    found = {name: codes((out / name).read_bytes())
             for name in ("booklet.pdf", "signs/all-signs.pdf", "poster.pdf", "badges.pdf")}
    for name, got in found.items():
        assert got and set(got) <= named, (name, got)
    assert found["signs/all-signs.pdf"] == [schedule, schedule]  # Hall A and Hall B: the schedule page
    assert found["poster.pdf"] == [schedule]
    # a speaker's badge opens their (first) talk's page; Cleo's talk has none, so her badge has no code
    assert found["badges.pdf"] == [pages["Where every link leads"], pages["Parsing schedules"],
                                   pages["Two speakers, one page"]]
    assert sorted(found["booklet.pdf"]) == sorted(named)  # every talk page once, the schedule on the back
    assert "QR codes open the talk pages on cfp.example-host.org, as the export names them" in said
    assert "DRAFT" not in said


def test_a_talk_the_export_gives_no_page_prints_no_address_and_check_lists_it(final):
    content, out, said = final
    booklet = " ".join(pdfcheck.page_texts((out / "booklet.pdf").read_bytes()))
    assert "A talk the export gives no page" in booklet
    assert booklet.count("cfp.example-host.org/linkconf/talk/") == 3  # the three pages, no invented fourth
    assert "1 talk without a page gets none" in said
    done = run_cli("check", "--content", str(content))
    assert (f"{content / 'overrides.yaml'}: the talk '14' has no web address (url), so it prints no QR code and no "
            "address \u2014 add 'url:' with the address of its page; set it in overrides.yaml: items: {14: {url: \"\u2026\"}}"
            ) in done.stdout, done.stdout


def test_calendars_and_the_site_follow_the_export_pages(final):
    _, out, _ = final
    ics = (out / "site" / "talks" / "aaa111.ics").read_text(encoding="utf-8")
    assert "URL:https://cfp.example-host.org/linkconf/talk/AAA111/" in ics
    assert "URL:" not in (out / "site" / "talks" / "14.ics").read_text(encoding="utf-8")
    page = (out / "site" / "talks" / "aaa111.html").read_text(encoding="utf-8")
    assert '<a href="https://cfp.example-host.org/linkconf/talk/AAA111/">More on cfp.example-host.org</a>' in page
    person = (out / "site" / "people" / "ada-alpha.html").read_text(encoding="utf-8")
    assert 'href="https://cfp.example-host.org/linkconf/speaker/P1AAAA/"' in person  # the export's speaker page


def _with_overrides(tmp_path: Path, text: str) -> Path:
    content = imported(tmp_path / "linkconf")
    (content / "overrides.yaml").write_text(text, encoding="utf-8")
    return content


def test_base_url_in_overrides_makes_every_code_open_a_file_of_out_site(tmp_path):
    content = _with_overrides(tmp_path, "event:\n  base_url: https://linkconf.example-host.org/2025/\n")
    event = load(content)
    assert event.links == "site" and not is_draft(event)
    site = {a.path.removeprefix("site/") for a in render(event, "site", BuildOptions())}
    seen = []
    for name in PRINTED:
        for art in render(event, name, BuildOptions()):
            if art.path.endswith(".pdf") and not art.path.endswith("all-signs.pdf"):
                seen += [(art.path, c) for c in codes(art.data)]
    assert len(seen) >= 4 + 2 + 1 + 4  # a code on every badge (Cleo's too), sign, poster, booklet talk
    for path, code in seen:
        assert urls.site_path_of(event, code) in site, (path, code)


def test_a_url_of_ones_own_replaces_one_link_and_check_links_flags_a_foreign_host(tmp_path):
    content = _with_overrides(tmp_path, "items:\n  \"14\":\n    url: https://slides.other-host.net/t14\n")
    event = load(content)
    assert event.links == "source" and event.item("14").url == "https://slides.other-host.net/t14"
    done = run_cli("check", "--links", "--content", str(content))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    n = lines.index(next(t for t in lines if t.startswith("printed links:")))
    listing = lines[n:]
    assert listing[0].startswith("printed links: 5 addresses, 1 flagged")
    assert "  https://cfp.example-host.org/linkconf/schedule/  the schedule page: booklet, signs, poster" in listing
    assert "  https://cfp.example-host.org/linkconf/talk/AAA111/  talk 'aaa111': booklet, badges, site" in listing
    foreign = listing.index("  https://slides.other-host.net/t14  talk '14': booklet, badges, site")
    assert listing[foreign + 1] == "    ! on slides.other-host.net, a host the export does not use: check the address"
    assert "the talk '14' has no web address" not in done.stdout


def test_with_base_url_only_the_organisers_own_url_leaves_out_site(tmp_path):
    from eventprint import links
    content = _with_overrides(tmp_path, "event:\n  base_url: https://linkconf.example-host.org/2025/\n"
                                        "items:\n  \"14\":\n    url: https://slides.other-host.net/t14\n")
    event = load(content)
    assert links.talk_url(event, event.item("14")) == "https://slides.other-host.net/t14"
    assert links.talk_url(event, event.item("aaa111")) == "https://linkconf.example-host.org/2025/talks/aaa111.html"
    assert links.programme_url(event) == "https://linkconf.example-host.org/2025/"
    assert links.summary(event) == ("QR codes open pages of out/site/ at https://linkconf.example-host.org/2025/; "
                                    "1 talk opens its own url (url: in the content)")


@pytest.mark.parametrize("text, where, words", [
    ("event:\n  links: sorce\n", "overrides.yaml:2", "links 'sorce' is not a choice — did you mean 'source'?"),
    ("items:\n  aaa111:\n    url: cfp.example-host.org/talk/AAA111/\n", "overrides.yaml:3", "url 'cfp.example"),
    ("people:\n  ada-alpha:\n    url: https://x.org/a b\n", "overrides.yaml:3", "url 'https://x.org/a b' contains a space"),
    ("event:\n  schedule_url: https://me@x.org/\n", "overrides.yaml:2", "has a user name before '@'"),
])
def test_link_settings_are_checked_at_their_line(tmp_path, text, where, words):
    content = _with_overrides(tmp_path, text)
    with pytest.raises(ContentError) as e:
        load_content(content)
    assert any(str(p).startswith(str(content / where)) and words in str(p) for p in e.value.problems), e.value.problems


def test_links_site_without_base_url_is_a_draft_naming_the_line_to_change(tmp_path):
    content = _with_overrides(tmp_path, "# mine\nevent:\n  links: site\n")
    event = load(content)
    problem = draft_problem(event, content)
    assert (problem.file, problem.line) == (str(content / "overrides.yaml"), 2)
    assert "no base_url says where out/site/ will be uploaded" in problem.what
    assert "base_url: https://" in problem.fix


CSV = "date,start,end,room,title,speakers\n2025-05-12,09:00,09:45,Hall A,Robots,Ada Alpha\n"


@pytest.mark.content_only
def test_an_import_without_talk_pages_stays_a_draft_until_base_url_is_set(tmp_path):
    (tmp_path / "p.csv").write_text(CSV, encoding="utf-8")
    content = imported(tmp_path / "c", tmp_path / "p.csv", "--timezone", "Europe/Berlin")
    overrides = content / "overrides.yaml"
    line = overrides.read_text(encoding="utf-8").splitlines().index("event: {}") + 1
    done = run_cli("all", "--final", "--content", str(content), "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and not (tmp_path / "out").exists()
    assert f"{overrides}:{line}: no base_url says where out/site/ will be uploaded" in done.stderr
    assert "replace 'event: {}' here with 'event:' and, indented under it, 'base_url: https://…/'" in done.stderr
    checked = run_cli("check", "--content", str(content))
    assert f"{overrides}:{line}: no base_url" in checked.stdout
    overrides.write_text(overrides.read_text(encoding="utf-8").replace(
        "event: {}", "event:\n  base_url: https://conf.example-host.org/"), encoding="utf-8")
    assert draft_problem(load(content), content) is None


@pytest.mark.content_only
def test_a_csv_url_column_names_each_rows_page(tmp_path):
    (tmp_path / "p.csv").write_text("date,start,end,room,title,speakers,Link,File URL\n"
                                    "2025-05-12,09:00,09:45,Hall A,Robots,Ada Alpha,https://conf.example-host.org/t/1,"
                                    "https://files.example-host.org/1.mkv\n", encoding="utf-8")
    event = load(imported(tmp_path / "c", tmp_path / "p.csv", "--timezone", "Europe/Berlin"))
    assert event.links == "source" and [it.url for it in event.talks] == ["https://conf.example-host.org/t/1"]


def test_an_older_imports_base_url_is_not_taken_for_our_site(tmp_path):
    content = imported(tmp_path / "c")
    ev = content / "imported" / "event.yaml"
    ev.write_text(ev.read_text(encoding="utf-8") + "base_url: https://cfp.example-host.org/linkconf/schedule/\n",
                  encoding="utf-8")
    loaded = load_content(content)
    assert loaded.event.base_url is None and loaded.event.links == "source"
    assert any(w.file == str(content / "overrides.yaml") and "written by an older eventprint import" in w.what
               for w in loaded.warnings)


def test_a_placeholder_page_in_the_export_makes_a_draft_at_its_override(tmp_path):
    data = FIXTURE.read_text(encoding="utf-8").replace("https://cfp.example-host.org/linkconf/talk/BBB222/",
                                                       "https://cfp.example.org/linkconf/talk/BBB222/")
    (tmp_path / "x.json").write_text(data, encoding="utf-8")
    content = imported(tmp_path / "c", tmp_path / "x.json")
    event = load(content)
    problem = draft_problem(event, content)
    talk = next(it for it in event.talks if it.url == "https://cfp.example.org/linkconf/talk/BBB222/")
    assert problem.file == str(content / "overrides.yaml")  # told at the override to set, not imported/
    assert "is a placeholder" in problem.what and f"(items: {{{talk.id}: {{url: \"\u2026\"}}}})" in problem.fix


def test_pretalx_xml_double_slash_is_one(tmp_path):
    """pretalx's XML writes 'host//event/talk/CODE/'; printed with one slash, as its JSON has it."""
    from eventprint.importers.pages import page_url
    assert page_url("https://cfp.example-host.org//2025/talk/AB12/") == "https://cfp.example-host.org/2025/talk/AB12/"
    assert page_url("events/7.html", "https://f.example-host.org/c/") == "https://f.example-host.org/c/events/7.html"
    assert page_url("mailto:a@b.org") is None and page_url("javascript:x") is None
    assert page_url("https://x.org/Vortrag über Ü") == "https://x.org/Vortrag%20%C3%BCber%20%C3%9C"
