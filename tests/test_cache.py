"""Speed without changed bytes: the fast QR mask search, the on-disk cache, parallel rendering.

Every speed-up here must give exactly the files the plain way gives: QR matrices
equal to the qrcode library's, cached outputs equal to uncached ones (also when
the cache files are damaged), outputs rendered in child processes equal to the
ones rendered in this process.
"""
from __future__ import annotations

import os
import random
import signal

import pytest
import qrcode
import qrcode.util

from eventprint import cache, fontinstance, fonts, parallel
from eventprint.build import render, render_all
from eventprint.layouts.kit import common, pdfx, qrmatrix
from eventprint.options import BuildOptions
from eventprint.problems import BuildError, ContentError, Problem

# versions 1 to 10 (10+ has the version information blocks), digits, upper-case and bytes modes
QR_DATA = [("a", "M"), ("https://example.org/t/x/", "M"), ("https://example.org/people/kuchenbecker/", "Q"),
           ("HELLO WORLD 123", "H"), ("0123456789" * 12, "M"), ("https://example.org/" + "ab/" * 40, "M"),
           ("https://example.org/talks/" + "x" * 150, "H"), ("Zürich → 東京 " * 8, "Q")]


@pytest.mark.parametrize("data, level", QR_DATA)
def test_qr_matrix_is_the_qrcode_librarys(data, level):
    q = qrcode.QRCode(error_correction=qrmatrix.LEVELS[level], border=0, box_size=1)
    q.add_data(data)
    q.make(fit=True)
    assert qrmatrix.matrix(data, level) == tuple(tuple(row) for row in q.get_matrix())


@pytest.mark.parametrize("data, level", QR_DATA[::2])
def test_qr_codewords_are_the_qrcode_librarys(data, level):
    q = qrcode.QRCode(error_correction=qrmatrix.LEVELS[level])
    q.add_data(data)
    q.best_fit()
    assert qrmatrix.codewords(q.version, q.error_correction, q.data_list) == \
        qrcode.util.create_data(q.version, q.error_correction, q.data_list)


def test_qr_matrices_cover_large_versions():
    versions = set()
    for data, level in QR_DATA:
        q = qrcode.QRCode(error_correction=qrmatrix.LEVELS[level])
        q.add_data(data)
        versions.add(q.best_fit())
    assert min(versions) == 1 and max(versions) >= 10


def test_penalty_is_the_librarys_lost_point():
    rng = random.Random(12)
    for n in (21, 25, 33, 45, 57):
        for p in (0.2, 0.5, 0.8):
            m = [[rng.random() < p for _ in range(n)] for _ in range(n)]
            m[3] = [c == "1" for c in ("10111010000" * 6)[:n]]  # finder-like runs along a row
            for r in range(n):  # ... and down a column
                m[r][5] = ("00001011101" * 6)[r] == "1"
            rows = [sum(1 << c for c, dark in enumerate(row) if dark) for row in m]
            assert qrmatrix.penalty(rows, n) == qrcode.util.lost_point(m), (n, p)


# --------------------------------------------------------------------------
# the on-disk cache
# --------------------------------------------------------------------------


def _damage(folder, how):
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert files
    for p in files:
        raw = p.read_bytes()
        if how == "flip":  # a well-formed value, only wrong: must not be used
            i = len(raw) - 2
            p.write_bytes(raw[:i] + (b"0" if raw[i:i + 1] != b"0" else b"1") + raw[i + 1:])
        elif how == "truncate":
            p.write_bytes(raw[:len(raw) // 2])
        else:
            p.write_bytes(b"")


def _poster(monkeypatch, folder):
    monkeypatch.setenv(cache.ENV, str(folder))
    common.qr_matrix.cache_clear()  # this process's memory would hide the disk
    pdfx.profile_flate.cache_clear()
    return {a.path: a.data for a in render(_poster.event, "poster", BuildOptions())}


def test_cached_qr_codes_give_the_same_bytes_even_when_the_cache_is_damaged(tmp_path, monkeypatch, symposium,
                                                                           artifacts):
    _poster.event = symposium
    plain = artifacts("symposium", "poster")
    cold = _poster(monkeypatch, tmp_path)
    assert list((tmp_path / "qr").iterdir())  # the build stored its matrices
    assert list((tmp_path / "icc").iterdir())  # and the output profile, compressed
    assert cold == _poster(monkeypatch, tmp_path) == plain
    for how in ("flip", "truncate", "empty"):  # each time on the entries the build before rewrote
        _damage(tmp_path, how)
        assert _poster(monkeypatch, tmp_path) == plain, how
    monkeypatch.setenv(cache.ENV, "off")
    common.qr_matrix.cache_clear()
    pdfx.profile_flate.cache_clear()


def test_cache_entries_are_sealed(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, str(tmp_path))
    k = cache.key("qr", "M", "https://example.org/")
    assert cache.get("qr", k) is None
    cache.put("qr", k, b"value")
    assert cache.get("qr", k) == b"value"
    assert cache.get("qr", cache.key("qr", "M", "https://example.org")) is None
    (path,) = (tmp_path / "qr").iterdir()
    path.write_bytes(path.read_bytes().replace(b"value", b"valve"))
    assert cache.get("qr", k) is None
    assert qrmatrix.decode(b"1\n2\n3") is None and qrmatrix.decode(b"zz") is None


def test_an_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_bytes(b"")
    monkeypatch.setenv(cache.ENV, str(blocker / "cache"))  # below a file: cannot be created
    cache.put("qr", b"k", b"v")
    assert cache.get("qr", b"k") is None
    monkeypatch.setenv(cache.ENV, "off")
    assert cache.folder() is None


def test_font_instances_are_deterministic_and_named():
    """Fallback cuts are not cached (HarfBuzz makes one in milliseconds, less than hashing the
    source to look it up), but each is the same bytes every time, named after its weight."""
    face = fonts._BY_KEY["SC"]
    chars = frozenset("\u673a\u5668\u4eba")
    one = fontinstance.instance(face.file(), 700, chars, "Bold")
    two = fontinstance.instance(face.file(), 700, chars, "Bold")
    assert one.getvalue() == two.getvalue() and two.tell() == 0
    assert two.name == "NotoSansSC[wght].ttf at wght 700"
    assert fontinstance.instance(face.file(), 400, chars, "Regular").getvalue() != one.getvalue()


# --------------------------------------------------------------------------
# rendering in child processes
# --------------------------------------------------------------------------


def test_outputs_rendered_in_child_processes_are_the_same_bytes(monkeypatch, symposium, artifacts):
    monkeypatch.setenv(parallel.ENV, "2")
    parts = render_all(symposium, ("signs", "poster"), BuildOptions())
    assert list(parts) == ["signs", "poster"]
    for name, (arts, notes) in parts.items():
        assert {a.path: a.data for a in arts} == artifacts("symposium", name)
        assert notes == []


def _fail(name):
    if name == "content":
        raise ContentError([Problem("content/people.yaml", 3, "a problem", "fix it")])
    if name == "build":
        raise BuildError("the badge of X does not fit")
    if name == "killed":
        os.kill(os.getpid(), signal.SIGKILL)
    if name == "bug":
        raise KeyError("a bug")
    return name.upper()


def test_errors_in_child_processes_are_raised_here():
    assert parallel.run(_fail, ["b", "a"], ["a", "b"], 2) == {"a": "A", "b": "B"}
    with pytest.raises(ContentError) as e:
        parallel.run(_fail, ["ok", "content"], ["ok", "content"], 2)
    assert str(e.value.problems[0]) == "content/people.yaml:3: a problem \u2014 fix it"
    with pytest.raises(BuildError, match="the badge of X does not fit"):
        parallel.run(_fail, ["build"], ["build"], 2)
    with pytest.raises(BuildError, match="rendering the killed stopped unexpectedly .killed by signal 9"):
        parallel.run(_fail, ["killed", "ok"], ["killed", "ok"], 2)
    with pytest.raises(KeyError) as e:
        parallel.run(_fail, ["bug"], ["bug"], 2)
    assert "raise KeyError" in str(e.value.__cause__)  # the child's traceback


def test_jobs(monkeypatch):
    monkeypatch.setenv(parallel.ENV, "1")
    assert parallel.jobs(5) == 1
    monkeypatch.setenv(parallel.ENV, "8")
    assert parallel.jobs(1) == 1 and parallel.jobs(3) == 3
    monkeypatch.setenv(parallel.ENV, "many")
    with pytest.raises(BuildError, match="EVENTPRINT_JOBS='many' is not a number"):
        parallel.jobs(5)
