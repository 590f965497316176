"""The build as a whole: every output exists, is deterministic, and is written atomically."""
from __future__ import annotations

import os
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
import time_machine
from conftest import CONTENT, THREE_DAY, real_renders, run_cli

from eventprint import build as build_mod
from eventprint import cli
from eventprint.build import build
from eventprint.outputs import NAMES
from eventprint.durable import write_atomic
from eventprint.problems import BuildError


def files(folder: Path) -> dict[str, bytes]:
    """Every output file (not eventprint's own record of what it wrote, in .eventprint/)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.relative_to(folder).parts[0] != ".eventprint"}


# Two clock times that differ in every field from the year to the second: a file that prints the
# time of the build (at any resolution, even whole minutes or days) differs between the two builds.
CLOCK_A = datetime(2031, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
CLOCK_B = datetime(2034, 7, 19, 22, 51, 48, tzinfo=timezone.utc)


def _strip_pdf_dates(data: bytes) -> bytes:
    """A PDF without its creation/modification dates and the /ID ReportLab derives from them."""
    data = re.sub(rb"D:\d{14}[^)]*\)", b"D:)", data)
    data = re.sub(rb"(<xmp:\w+Date>)[^<]*", rb"\1", data)  # the same dates in the XMP packet (PDF/X)
    data = re.sub(rb"uuid:[0-9a-f-]+", b"uuid:", data)  # its document id, derived from them
    return re.sub(rb"/ID\s*\[<[0-9a-f]+><[0-9a-f]+>\]", b"/ID []", data)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """Every output built at two clock times (no SOURCE_DATE_EPOCH), and once more with one set."""
    a, b, c = (tmp_path_factory.mktemp(n) for n in "abc")
    saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        with real_renders(), time_machine.travel(CLOCK_A, tick=False):
            report = build(CONTENT, a, NAMES)
        with real_renders(), time_machine.travel(CLOCK_B, tick=False):
            build(CONTENT, b, NAMES)
            os.environ["SOURCE_DATE_EPOCH"] = str(int(CLOCK_A.timestamp()))
            build(CONTENT, c, NAMES)
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    return report, files(a), files(b), files(c)


def test_every_output_is_built(two_builds):
    report, a, _, _ = two_builds
    for expected in ("booklet.pdf", "booklet-imposed.pdf", "poster.pdf", "badges.pdf",
                     "signs/all-signs.pdf", "signs/n0-002-2024-09-16.pdf",
                     "signs/amazon-main-2024-09-17.pdf", "site/index.html"):
        assert expected in a, sorted(a)


def test_same_content_gives_byte_identical_files_at_any_clock_time(two_builds):
    _, a, b, _ = two_builds
    assert a.keys() == b.keys()
    different = [name for name in a if a[name] != b[name]]
    assert different == []


def test_source_date_epoch_changes_only_the_pdf_date(two_builds):
    """Everything printed follows the content (its `updated:` stamp), never SOURCE_DATE_EPOCH."""
    _, _, b, c = two_builds
    assert b.keys() == c.keys()
    assert b["poster.pdf"] != c["poster.pdf"]  # the PDF's own date does follow it
    different = [name for name in b if _strip_pdf_dates(b[name]) != _strip_pdf_dates(c[name])]
    assert different == []


def test_source_date_epoch_sets_the_pdf_date(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1726473600")  # 2024-09-16 08:00 UTC
    build(CONTENT, tmp_path, ("poster",))
    data = (tmp_path / "poster.pdf").read_bytes()
    assert b"D:20240916080000" in data


def test_failed_build_leaves_previous_output_untouched(tmp_path, monkeypatch, two_builds, symposium):
    for path, data in two_builds[1].items():  # a previous complete build, as it was written
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
    before = files(tmp_path)
    assert before == two_builds[1]
    real = build_mod.render

    def failing(event, name, options):
        if name == "badges":  # fails after the booklet, signs and poster rendered
            raise BuildError("simulated failure halfway through")
        return real(event, name, options)

    monkeypatch.setattr(build_mod, "render", failing)
    with pytest.raises(BuildError):
        build(CONTENT, tmp_path, NAMES, event=symposium)
    assert files(tmp_path) == before


def test_interrupted_write_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "booklet.pdf"
    target.write_bytes(b"old complete file")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(target, b"new" * 1000)
    assert target.read_bytes() == b"old complete file"
    assert [p.name for p in tmp_path.iterdir()] == ["booklet.pdf"]  # no temporary left behind


def test_another_event_builds_from_its_own_folder(tmp_path):
    """Loaded from its own folder and written; every output of it is checked in memory elsewhere."""
    build(THREE_DAY, tmp_path, ("signs",))
    signs = sorted(p.name for p in (tmp_path / "signs").glob("*.pdf"))
    # 3 days x (3 halls + foyer) door signs, plus the combined file
    assert len(signs) == 3 * 4 + 1, signs


@pytest.mark.parametrize("command", [*NAMES, "all", "check"])
def test_every_command_has_help(command, capsys):
    """In-process (argparse prints help and exits 0); the process-level CLI is tested below."""
    with pytest.raises(SystemExit) as e:
        cli.main([command, "--help"])
    assert e.value.code in (0, None)
    out = capsys.readouterr().out
    assert "--content" in out
    assert ("--out" in out) == (command != "check")


def test_check_lists_unconfirmed_titles():
    run = run_cli("check", "--content", str(CONTENT))
    assert run.returncode == 0, run.stderr
    assert "the title of 'markus-kratz-keynote' (Chris Markus-Kratz) is not confirmed yet" in run.stdout
    assert "has no bio" in run.stdout
    assert "content OK: 2 days" in run.stdout


def test_quiet_when_not_a_terminal(tmp_path):
    run = run_cli("poster", "--content", str(CONTENT), "--out", str(tmp_path))  # its streams are no terminal
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""  # progress lines only go to a terminal
    assert "wrote" in run.stdout


def test_wrap_terminates_when_one_character_is_wider_than_the_line():
    from eventprint.layouts.kit.text import wrap
    from eventprint.layouts.kit import theme
    from eventprint.fonts import register
    register()
    lines = wrap("W Wide", theme.FONT, 40, 5)  # 5 pt line: no character fits
    assert "".join(lines).replace("-", "") == "WWide"


def test_outputs_rendered_side_by_side_leave_the_collector_as_it_was(monkeypatch, edge):
    """render_all freezes what the forked renderers share (gc.freeze) and unfreezes it after them:
    a process that builds again and again would otherwise keep everything of every build."""
    import gc

    monkeypatch.setenv("EVENTPRINT_JOBS", "2")
    from eventprint.options import BuildOptions
    gc.unfreeze()
    parts = build_mod.render_all(edge, ("poster", "site"), BuildOptions())
    assert set(parts) == {"poster", "site"} and all(arts for arts, _ in parts.values())
    assert gc.get_freeze_count() == 0


def test_the_bytes_do_not_depend_on_how_many_processes_render_them(monkeypatch):
    """Outputs rendered one after another in one process (EVENTPRINT_JOBS=1, a one-core machine)
    are the bytes of those rendered side by side in forked processes: a Chinese or Japanese face
    is cut once, from the content, before any output is drawn, not renewed by what an output
    before it in the process drew (the scripts event: a Japanese title's wrapped line takes
    another face than the whole title)."""
    import conftest
    from eventprint.options import BuildOptions
    monkeypatch.setattr(build_mod, "render", conftest._REAL_RENDER)  # no shared renders here
    event = conftest.event_named("scripts")
    names = ("poster", "badges")
    monkeypatch.setenv("EVENTPRINT_JOBS", "1")
    one = build_mod.render_all(event, names, BuildOptions())
    monkeypatch.setenv("EVENTPRINT_JOBS", "2")
    two = build_mod.render_all(event, names, BuildOptions())
    for name in names:
        assert [(a.path, a.data) for a in one[name][0]] == [(a.path, a.data) for a in two[name][0]], name


def test_the_bytes_do_not_depend_on_the_order_a_worker_renders_outputs_in(monkeypatch, tmp_path):
    """A render worker draws several outputs one after another (parallel.py), in whatever order
    they come to it: each output's bytes are the same in any order. The one state drawing
    changes, the Chinese and Japanese faces cut to the characters printed, is fixed before the
    first output (fontcuts.settled): a character no content string has (here the night's 晚上 of a
    zh-Hant clock, left unnoted on purpose) is drawn from a face of its own, not by cutting the
    face again. Each order is rendered by one worker forked from this process."""
    import shutil
    import conftest
    from eventprint import fontcuts, i18n, parallel
    from eventprint.options import BuildOptions
    monkeypatch.setattr(build_mod, "render", conftest._REAL_RENDER)  # no shared renders here
    content = tmp_path / "evening"
    shutil.copytree(conftest.SCRIPTS, content)
    event_yaml = content / "event.yaml"
    event_yaml.write_text(event_yaml.read_text(encoding="utf-8").replace("language: en", "language: zh-Hant"),
                          encoding="utf-8")
    programme = content / "programme.yaml"
    coffee = '      - {start: "10:30", end: "11:00", kind: break, title: "Coffee \u2615"}\n'
    text = programme.read_text(encoding="utf-8")
    assert coffee in text
    programme.write_text(text.replace(coffee, coffee + '      - {start: "19:00", end: "21:30", kind: social, '
                                      'title: "Dinner", room: hall-a}\n', 1), encoding="utf-8")
    with monkeypatch.context() as m:  # the clock's words are not noted while loading
        m.setattr(i18n, "clock", lambda lang, t: "")
        event = build_mod.load(content)
    run = parallel.run
    names = ("tents", "signs")  # the tents draw Chinese first, the signs then need 晚 as well
    monkeypatch.setenv("EVENTPRINT_JOBS", "2")
    rendered = []
    for order in (names, names[::-1]):
        monkeypatch.setattr(parallel, "run", lambda work, _, names, jobs, finished, order=order, **setup:
                            run(work, order, names, 1, finished, **setup))
        rendered.append(build_mod.render_all(event, names, BuildOptions()))
    for name in names:
        assert ([(a.path, a.data) for a in rendered[0][name][0]]
                == [(a.path, a.data) for a in rendered[1][name][0]]), name
    single = build_mod.render_all(event, ("signs",), BuildOptions())  # in this process, as settled
    assert any(key[2] == "\u665a" for key in fontcuts._single)  # 晚 was drawn, from a face of its own
    assert [a.data for a in single["signs"][0]] == [a.data for a in rendered[0]["signs"][0]]
