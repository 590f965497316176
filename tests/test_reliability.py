"""Issue 16: hostile content and interrupted builds give one-line messages and never a mixed out/.

YAML: aliases, nesting, tags, numbers, control characters and encodings.
Writing: a build interrupted at every single file operation (by an error, a
signal or a simulated kill) leaves out/ exactly as before or exactly as a
complete new build, and never touches files eventprint did not write.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest
from conftest import CONTENT, run_cli

from eventprint import cli
from eventprint.build import load
from eventprint.output import Artifact, Interrupted, OutputError, prepare, source_date_epoch_problem, write_build
from eventprint.yamlsource import decode_source, read_yaml


def yaml_problems(text: str):
    problems = []
    value = read_yaml(text, "f.yaml", problems)
    return value, [str(p) for p in problems]


# --------------------------------------------------------------------------
# YAML
# --------------------------------------------------------------------------


def test_recursive_alias_is_refused_with_its_line():
    value, problems = yaml_problems("event: x\npeople: &a [*a]\n")
    assert value is None
    assert problems == ["f.yaml:2: '*a' refers to the block it is written in (a loop) "
                        "\u2014 write the values out instead of the alias"]


def test_deep_nesting_is_refused_quickly():
    t0 = time.perf_counter()
    value, problems = yaml_problems("a: " + "[" * 600 + "]" * 600 + "\n")
    assert value is None and len(problems) == 1
    assert problems[0].startswith("f.yaml:1: blocks are nested more than 32 deep")
    assert time.perf_counter() - t0 < 10  # a guard against a hang (exponential expansion), not a speed target


def test_billion_laughs_is_refused_quickly():
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 9):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    t0 = time.perf_counter()
    value, problems = yaml_problems("\n".join(lines) + "\n")
    assert value is None and len(problems) == 1
    assert "aliases ('*d') repeat more than 10,000 values" in problems[0] and problems[0].startswith("f.yaml:5:")
    assert time.perf_counter() - t0 < 10  # a guard against a hang (exponential expansion), not a speed target


def test_a_modest_alias_still_works():
    value, problems = yaml_problems("chairs: &c [ada, bob]\nalso: *c\n")
    assert problems == []
    assert [x.value for x in value.value.get("also").value.items] == ["ada", "bob"]


def test_plain_scalars_keep_exactly_the_characters_written():
    text = ("room: 1.10\nb: 2.50\nc: 1_000\nd: 0x1F\ne: 1e3\nf: .inf\ng: 10:30\nh: 2024-09-16\n"
            "i: 007\nyes_: true\nno_: false\nnone: ~\nempty:\n1.50: key as written\n")
    value, problems = yaml_problems(text)
    assert problems == []
    got = {k: v.value for k, v in value.value.items.items()}
    assert got == {"room": "1.10", "b": "2.50", "c": "1_000", "d": "0x1F", "e": "1e3", "f": ".inf",
                   "g": "10:30", "h": "2024-09-16", "i": "007", "yes_": True, "no_": False,
                   "none": None, "empty": None, "1.50": "key as written"}


def test_tags_are_refused_with_their_line():
    value, problems = yaml_problems("name: x\nrun: !!python/name:os.system ''\n"
                                    "obj: !!python/object:os.system\n  a: b\n")
    assert problems == [
        "f.yaml:2: YAML tags like '!!python/name:os.system' are not allowed here "
        "\u2014 delete the tag; write the value as plain text",
        "f.yaml:3: YAML tags like '!!python/object:os.system' are not allowed here "
        "\u2014 delete the tag; write the value as plain text"]


def test_control_characters_from_escapes_are_errors():
    _, problems = yaml_problems('a: ok\ntitle: "Deep\\0learning"\nnote: "bell\\x07"\n')
    assert [p.split(": this")[0] for p in problems] == ["f.yaml:2", "f.yaml:3"]
    assert "(U+0000)" in problems[0] and "(U+0007)" in problems[1]


def test_duplicate_and_merge_keys_are_still_reported():
    _, problems = yaml_problems("a: 1\nb: 2\na: 3\nc:\n  <<: {x: 1}\n")
    assert problems[0].startswith("f.yaml:3: 'a' is written twice in the same block (first on line 1)")
    assert problems[1].startswith("f.yaml:5: merge keys ('<<') are not supported")


def test_syntax_error_is_one_line():
    _, problems = yaml_problems("a: [b\n")
    assert len(problems) == 1 and "\n" not in problems[0] and problems[0].startswith("f.yaml:2: this is not valid")


def test_decode_latin1_names_line_and_column_in_one_line():
    data = "name: Test\ncity: T\u00fcbingen\n".encode("latin-1")
    p = decode_source(data, "content/event.yaml")
    assert str(p) == ("content/event.yaml:2: byte 0xFC in column 8 is not UTF-8 text; the file looks like "
                      "Latin-1 or Windows-1252 text \u2014 save the file as UTF-8 in your editor "
                      "(Save As, encoding UTF-8)")


def test_decode_counts_columns_in_characters():
    p = decode_source("a: \u00e9\u00e9 ".encode() + b"\xff\n", "f")
    assert p.line == 1 and "byte 0xFF in column 7" in p.what


def test_decode_accepts_bom_and_crlf_and_refuses_utf16_and_control_bytes():
    assert decode_source(b"\xef\xbb\xbfa: 1\r\nb: 2\r\n", "f") == "a: 1\r\nb: 2\r\n"
    assert "UTF-16" in decode_source("a: 1\n".encode("utf-16"), "f").what
    p = decode_source(b"a: 1\nb: x\x01y\n", "f")
    assert (p.line, p.what) == (2, "column 5 holds an invisible control character (U+0001)")
    p = decode_source(b"a: 1\nb: 2\nc: x\x00\n", "f")
    assert (p.line, "column 5" in p.what, "\n" in str(p)) == (3, True, False)


def test_raw_control_character_in_text_has_a_line():
    _, problems = yaml_problems("a: 1\nb: x\x1by\n")
    assert problems == ["f.yaml:2: column 5 holds an invisible control character (U+001B) "
                        "\u2014 delete it; retype the text around it if unsure where it is"]


def _copy_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    return content


def test_a_room_named_1_10_keeps_its_name(tmp_path):
    content = _copy_content(tmp_path)
    venues = content / "venues.yaml"
    venues.write_text(venues.read_text(encoding="utf-8").replace("name: N0.002", "name: 1.10", 1), encoding="utf-8")
    assert "1.10" in [r.name for r in load(content).rooms]


def test_nul_in_a_title_stops_the_build_with_its_line(tmp_path):
    content = _copy_content(tmp_path)
    prog = content / "programme.yaml"
    lines = prog.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if "title: Welcome Remarks" in line)
    lines[n] = lines[n].replace("title: Welcome Remarks", 'title: "Welcome\\0 Remarks"')
    prog.write_text("".join(lines), encoding="utf-8")
    run = run_cli("check", "--content", str(content))
    assert run.returncode == 2
    err = run.stderr
    assert f"programme.yaml:{n + 1}: this text contains an invisible control character (U+0000)" in err
    assert "Traceback" not in err


# --------------------------------------------------------------------------
# the write transaction
# --------------------------------------------------------------------------

OLD = {"same.pdf": b"same", "changed.pdf": b"old", "site/talks/gone.html": b"gone", "site/index.html": b"old index",
       "signs/a.pdf": b"sign a"}
NEW = {"same.pdf": b"same", "changed.pdf": b"new", "site/index.html": b"new index", "site/rooms/r.html": b"room",
       "signs/a.pdf": b"sign a", "signs/b.pdf": b"sign b"}


def parts(files: dict[str, bytes]) -> dict[str, list[Artifact]]:
    out: dict[str, list[Artifact]] = {}
    for path, data in files.items():
        out.setdefault(path.split("/")[0] if "/" in path else "top", []).append(Artifact(path, data))
    return out


def snapshot(folder: Path) -> tuple[dict[str, bytes], set[str]]:
    """Every file (with bytes) and folder below ``folder``; our lock file aside (it holds nothing)."""
    files, dirs = {}, set()
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_dir():
            dirs.add(rel)
        elif rel != ".eventprint/lock":
            files[rel] = p.read_bytes()
    return files, dirs


def old_out(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    write_build(out, parts(OLD))
    (out / "notes.txt").write_bytes(b"the organiser's own file")
    (out / "site" / ".htaccess").write_bytes(b"foreign")
    return out


@pytest.fixture(scope="module")
def expected(tmp_path_factory):
    """Snapshots of out/ before and after the new build, and the operations that build does."""
    out = old_out(tmp_path_factory.mktemp("x"))
    before = snapshot(out)
    labels: list[str] = []
    result = write_build(out, parts(NEW), fault=labels.append)
    return before, snapshot(out), labels, result


def test_new_build_replaces_changed_removes_stale_and_keeps_foreign(expected):
    before, after, labels, result = expected
    files = after[0]
    assert files["changed.pdf"] == b"new" and files["site/rooms/r.html"] == b"room"
    assert "site/talks/gone.html" not in files  # stale: an earlier site build wrote it
    assert files["notes.txt"] == b"the organiser's own file" and files["site/.htaccess"] == b"foreign"
    assert not any(name.startswith(".eventprint/") and name != ".eventprint/state.json" for name in files)
    assert "stage same.pdf" not in labels and "stage signs/a.pdf" not in labels  # unchanged files stay untouched
    assert result.messages == ["Removed 1 file(s) an earlier build wrote that this build no longer makes: "
                               "site/talks/gone.html"]


def _every_point(expected):
    return range(len(expected[2]))


def test_an_error_at_any_operation_leaves_out_as_it_was(tmp_path, expected):
    before, _, labels, _ = expected
    for n, label in enumerate(labels):
        out = old_out(tmp_path / str(n))

        def fault(what, n=n, seen=[]):
            seen.append(what)
            if len(seen) == n + 1:
                raise PermissionError(13, "Permission denied")

        with pytest.raises(OutputError) as e:
            write_build(out, parts(NEW), fault=fault)
        assert "\n" not in str(e.value)
        assert snapshot(out) == before, f"error before '{label}' left a mix"


def test_a_signal_at_any_operation_leaves_old_or_new(tmp_path, expected):
    before, after, labels, _ = expected
    outcomes = set()
    for n, label in enumerate(labels):
        out = old_out(tmp_path / str(n))

        def fault(what, n=n, seen=[]):
            seen.append(what)
            if len(seen) == n + 1:
                os.kill(os.getpid(), signal.SIGINT if n % 2 else signal.SIGTERM)

        with pytest.raises(Interrupted) as e:
            write_build(out, parts(NEW), fault=fault)
        assert snapshot(out) == (after if e.value.written else before), f"signal at '{label}'"
        outcomes.add(e.value.written)
    assert outcomes == {True, False}  # both "abort before the switch" and "finish the switch" were exercised


class Killed(BaseException):
    """Stands for SIGKILL or a power cut: no handler, no cleanup of ours runs."""


def test_a_kill_at_any_operation_is_undone_by_the_next_run(tmp_path, expected):
    before, after, labels, _ = expected
    for n, label in enumerate(labels):
        out = old_out(tmp_path / str(n))

        def fault(what, n=n, seen=[]):
            seen.append(what)
            if len(seen) == n + 1:
                raise Killed

        with pytest.raises(Killed):
            write_build(out, parts(NEW), fault=fault)
        notes = prepare(out)
        assert snapshot(out) == before, f"kill at '{label}' was not undone"
        if label.split()[0] in ("mkdir", "new", "replace", "remove", "state", "commit"):
            assert notes and notes[0].startswith("Undid the unfinished write")
        write_build(out, parts(NEW))
        assert snapshot(out) == after


def test_a_kill_while_undoing_is_undone_by_the_run_after(tmp_path, expected, monkeypatch):
    before = expected[0]
    out = old_out(tmp_path)

    def fault(what, seen=[]):
        seen.append(what)
        if what == "commit":
            raise Killed

    with pytest.raises(Killed):
        write_build(out, parts(NEW), fault=fault)
    real = os.replace
    calls = []

    def dying_replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise Killed
        real(src, dst)

    monkeypatch.setattr(os, "replace", dying_replace)
    with pytest.raises(Killed):
        prepare(out)
    monkeypatch.setattr(os, "replace", real)
    prepare(out)
    assert snapshot(out) == before


def test_other_outputs_files_are_not_stale(tmp_path):
    out = tmp_path / "out"
    write_build(out, {"booklet": [Artifact("booklet.pdf", b"b")]})
    write_build(out, {"site": [Artifact("site/index.html", b"i")]})
    assert (out / "booklet.pdf").read_bytes() == b"b"


def test_a_stale_file_changed_by_hand_is_left_in_place(tmp_path):
    out = tmp_path / "out"
    write_build(out, {"site": [Artifact("site/a.html", b"a"), Artifact("site/b.html", b"b")]})
    (out / "site" / "b.html").write_bytes(b"edited by hand")
    r = write_build(out, {"site": [Artifact("site/a.html", b"a")]})
    assert (out / "site" / "b.html").read_bytes() == b"edited by hand"
    assert r.messages == ["Left in place although this build no longer makes them, because they were changed "
                          "after eventprint wrote them: site/b.html"]


def test_a_folder_where_the_build_writes_a_file_is_refused_and_left_alone(tmp_path):
    """A folder (not a link to one) at an output's path stops the write before anything changes,
    naming it; a link where a file goes is replaced by the file, as any other old file is."""
    out = tmp_path / "out"
    (out / "poster.pdf").mkdir(parents=True)
    (out / "poster.pdf" / "mine.txt").write_text("keep")
    with pytest.raises(OutputError, match=r"poster\.pdf is a folder, but the build writes a file there"):
        write_build(out, {"poster": [Artifact("poster.pdf", b"%PDF")], "site": [Artifact("site/a.html", b"a")]})
    assert (out / "poster.pdf" / "mine.txt").read_text() == "keep" and not (out / "site").exists()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out2").mkdir()
    (tmp_path / "out2" / "poster.pdf").symlink_to(elsewhere)
    write_build(tmp_path / "out2", {"poster": [Artifact("poster.pdf", b"%PDF")]})
    assert (tmp_path / "out2" / "poster.pdf").read_bytes() == b"%PDF" and elsewhere.is_dir()


def test_a_tampered_record_cannot_remove_anything_outside_out(tmp_path):
    out = tmp_path / "out"
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"x")
    write_build(out, {"site": [Artifact("site/a.html", b"a")]})
    from eventprint.durable import sha256
    (out / ".eventprint" / "state.json").write_text(json.dumps(
        {"format": 1, "files": {"../victim.txt": {"scope": "site", "sha256": sha256(b"x")}}}))
    r = write_build(out, {"site": [Artifact("site/a.html", b"a")]})
    assert victim.exists() and r.messages[0].startswith("Ignored ")


def test_a_too_long_name_is_refused_before_anything_is_written(tmp_path):
    out = tmp_path / "out"
    write_build(out, parts(OLD))
    before = snapshot(out)
    long = "t" * 300
    with pytest.raises(OutputError) as e:
        write_build(out, {"site": [Artifact("site/index.html", b"x"), Artifact(f"site/talks/{long}.html", b"x")]})
    assert "file name has 305 characters, more than the 255" in str(e.value)
    assert snapshot(out) == before


def test_no_temporary_name_is_longer_than_the_final_one(tmp_path):
    out = tmp_path / "out"
    longest = "n" * 250 + ".html"  # 255 bytes: the longest name the file system allows
    write_build(out, {"site": [Artifact(f"site/{longest}", b"1")]})
    write_build(out, {"site": [Artifact(f"site/{longest}", b"2")]})
    assert (out / "site" / longest).read_bytes() == b"2"


@pytest.mark.parametrize("case", ["file", "dangling", "subfolder-is-file", "target-is-folder"])
def test_unusable_out_is_a_one_line_message(tmp_path, case):
    out = tmp_path / "out"
    if case == "file":
        out.write_bytes(b"x")
    elif case == "dangling":
        out.symlink_to(tmp_path / "nowhere")
    elif case == "subfolder-is-file":
        out.mkdir()
        (out / "site").write_bytes(b"x")
    else:
        (out / "site" / "index.html").mkdir(parents=True)
    with pytest.raises(OutputError) as e:
        write_build(out, {"site": [Artifact("site/index.html", b"i")]})
    assert "\n" not in str(e.value) and " \u2014 " in str(e.value)
    assert not (tmp_path / "nowhere").exists()
    if out.is_dir() and not out.is_symlink():
        assert not (out / ".eventprint").exists()


def test_two_builds_into_one_out_do_not_mix(tmp_path):
    from eventprint.output import _locked

    out = tmp_path / "out"
    write_build(out, parts(OLD))
    before = snapshot(out)
    with _locked(out):  # another eventprint is writing
        with pytest.raises(OutputError, match="another eventprint is writing to"):
            write_build(out, parts(NEW))
    assert snapshot(out) == before


def test_our_folder_being_a_file_is_a_one_line_message(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".eventprint").write_bytes(b"someone's file")
    with pytest.raises(OutputError, match="cannot use .*eventprint keeps track of what it wrote"):
        write_build(out, parts(NEW))
    assert (out / ".eventprint").read_bytes() == b"someone's file"


def test_a_failed_write_into_a_new_folder_leaves_no_folder(tmp_path):
    out = tmp_path / "new" / "out"
    with pytest.raises(OutputError):
        write_build(out, {"x": [Artifact("x/" + "y" * 300, b"")]})
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("value, words", [("yesterday", "not a number of seconds"),
                                          ("1726473600000", "looks like milliseconds"),
                                          ("-5", "not a number of seconds")])
def test_source_date_epoch_is_validated(value, words, monkeypatch, capsys):
    assert source_date_epoch_problem({"SOURCE_DATE_EPOCH": value})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert cli.main(["check", "--content", str(CONTENT)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err and "Traceback" not in err
    assert source_date_epoch_problem({"SOURCE_DATE_EPOCH": "1726473600"}) is None
    assert source_date_epoch_problem({}) is None


@pytest.mark.parametrize("manifest", ["folder", "deep", "shape"])
def test_a_broken_manifest_is_ignored_or_refused_in_one_line(tmp_path, manifest, capsys):
    out = tmp_path / "out"
    out.mkdir()
    path = out / "manifest.json"
    if manifest == "folder":
        path.mkdir()
    elif manifest == "deep":
        path.write_text("[" * 100_000 + "]" * 100_000)
    else:
        path.write_text(json.dumps({"format": 1, "badges": ["x"], "signs": {"a": 3}}))
    code = cli.main(["badges", "--content", str(CONTENT), "--out", str(out)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if manifest == "folder":
        assert code == 2 and "manifest.json is a folder" in err and err.count("\n") <= 2
        assert path.is_dir()
    else:
        assert code == 0 and err.startswith(f"eventprint: ignored {path}") and err.count("\n") == 1


# --------------------------------------------------------------------------
# real signals
# --------------------------------------------------------------------------


def test_a_signal_a_library_turns_into_its_own_error_is_still_one_line(tmp_path, monkeypatch, capsys):
    """ReportLab opens fonts inside a bare ``except:``: Ctrl-C there surfaced as a TTFError traceback."""
    from eventprint import build as build_mod

    def load(content, strict=False):
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)
        except BaseException:
            raise RuntimeError("Can't open file font.ttf") from None

    monkeypatch.setattr(build_mod, "load_with_warnings", load)
    before = signal.getsignal(signal.SIGINT)  # Python's default, or SIG_IGN when started in the background
    assert cli.main(["poster", "--content", str(CONTENT), "--out", str(tmp_path / "out")]) == 130
    assert capsys.readouterr().err == f"eventprint: interrupted; {tmp_path / 'out'} was left as it was.\n"
    assert signal.getsignal(signal.SIGINT) is before  # restored


def _set_title(content: Path, old: str, new: str) -> None:
    prog = content / "programme.yaml"
    prog.write_text(prog.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def _paused_child(args: list[str], at: str, reached: Path, sent: Path) -> tuple[int, int]:
    """`eventprint ARGS` in a forked child process, whose write phase waits at the first operation
    starting with ``at`` until the test has sent it a real signal: the signal lands there however
    loaded the machine is (timing a signal after a delay raced with start-up and the build's end).
    A fork is a real process with its own signals, without a new interpreter's start-up and imports.
    Returns the child's pid and the read end of its stderr."""
    from eventprint import build
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    code = 70
    try:  # the child: never returns into pytest
        os.close(read)
        err = os.fdopen(write, "w", buffering=1)
        sys.stdout, sys.stderr = open(os.devnull, "w"), err
        cli._print_problems.__defaults__ = (err,)
        write_build = build.write_build

        def pause(label):
            if label.startswith(at) and not reached.exists():
                reached.write_text(label)
                deadline = time.monotonic() + 60
                while not sent.exists() and time.monotonic() < deadline:
                    time.sleep(0.002)

        build.write_build = lambda out, parts, fault=None: write_build(out, parts, fault=pause)
        code = cli.main(args)
    except BaseException:
        import traceback
        traceback.print_exc(file=sys.stderr)
    finally:
        sys.stderr.flush()
        os._exit(code)


def _finish(pid: int, read: int) -> tuple[int, str]:
    """The child's exit status (as subprocess gives it: -N when killed by signal N) and stderr."""
    with os.fdopen(read) as stream:
        err = stream.read()
    _, status = os.waitpid(pid, 0)
    return (os.waitstatus_to_exitcode(status), err)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_real_signals_leave_old_or_new_and_one_line(tmp_path, signum, capsys):
    """A real signal while `eventprint site` stages its files leaves out/ exactly as the old build;
    one while it switches them in leaves exactly the new build; either way one line, no traceback."""
    content = _copy_content(tmp_path)
    old_dir, new_dir = tmp_path / "old", tmp_path / "new"
    args = ["site", "--content", str(content), "--out"]
    assert cli.main([*args, str(old_dir)]) == 0
    _set_title(content, "title: Welcome Remarks", "title: Opening Words")
    assert cli.main([*args, str(new_dir)]) == 0
    capsys.readouterr()
    old, new = snapshot(old_dir), snapshot(new_dir)
    assert old != new
    seen = []
    for at in ("stage ", "replace "):  # staging is undone; a switch that began is finished
        out = tmp_path / f"out-{at.strip()}"
        shutil.copytree(old_dir, out, symlinks=True)
        reached, sent = tmp_path / f"{at.strip()}.reached", tmp_path / f"{at.strip()}.sent"
        pid, err_fd = _paused_child([*args, str(out)], at, reached, sent)
        deadline = time.monotonic() + 120
        while not reached.exists() and os.waitpid(pid, os.WNOHANG) == (0, 0) and time.monotonic() < deadline:
            time.sleep(0.005)
        assert reached.exists(), f"the build never reached {at!r}"
        os.kill(pid, signum)
        sent.touch()
        code, err = _finish(pid, err_fd)
        state = snapshot(out)
        assert state in (old, new), f"a signal at {reached.read_text()!r} left a mix"
        assert "Traceback" not in err, err
        assert (code, err.count("\n")) == (128 + signum, 1), (code, err)
        seen.append("new" if state == new else "old")
    assert seen == ["old", "new"], seen  # the signal did interrupt the build, and a begun switch finished


def test_the_control_character_search_is_unicodes_control_category():
    """Every Cc (control) and Cs (surrogate) character but tab and line breaks, and nothing else."""
    import unicodedata

    from eventprint.yamlsource import _CONTROL
    every = "".join(map(chr, range(0x110000)))
    found = "".join(_CONTROL.findall(every))  # one pass of the search over every code point
    assert all(len(m) == 1 for m in _CONTROL.findall(every[:0x80]))  # it matches characters one by one
    category = unicodedata.category
    want = "".join(c for c in every if c not in "\t\n\r" and category(c) in ("Cc", "Cs"))
    assert found == want
