"""QR code module matrices: exactly the qrcode library's, with its mask search made cheap.

``qrcode`` picks a mask by building the whole code eight times (one per mask) and
scoring each with pure-Python loops over every module: about 7 ms of a code's
9 ms. The eight trial codes differ only in their data modules (in a trial the
format and version areas are all light), so here the code is built once, each
trial is one XOR of bit rows, and the ISO 18004 penalty score is counted with
bit operations on whole rows. The chosen mask, and so the matrix, is
the library's own: ties go to the lowest mask as in ``QRCode.best_mask_pattern``.
The data and error correction codewords are the library's steps too, on integers
instead of a list of bits and polynomial objects. Together: 1.8 ms a code instead
of 9 (tests/test_cache.py compares codewords, scores and matrices with the library).

``cached`` also keeps matrices between builds in a store the build hands over
(eventprint.cache; a layout reads no files itself).
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Protocol

import qrcode.base
import qrcode.constants
import qrcode.exceptions
import qrcode.LUT
import qrcode.main
import qrcode.util
from qrcode.main import QRCode

LEVELS = {"L": qrcode.constants.ERROR_CORRECT_L, "M": qrcode.constants.ERROR_CORRECT_M,
          "Q": qrcode.constants.ERROR_CORRECT_Q, "H": qrcode.constants.ERROR_CORRECT_H}

Matrix = tuple[tuple[bool, ...], ...]
Rows = tuple[int, ...]  # a matrix's rows, bit c of a row set where its column c is dark


class Store(Protocol):
    """Where matrices are kept between builds: eventprint.cache's get and put."""

    def get(self, kind: str, k: bytes) -> bytes | None: ...

    def put(self, kind: str, k: bytes, data: bytes) -> None: ...

    def key(self, *parts: str | bytes | int) -> bytes: ...


store: Store | None = None  # set by the build (eventprint.build.render)


def cached(data: str, level: str) -> Rows:
    """``rows_of(matrix(data, level))``: the rows of the matrix, from ``store`` when it holds it intact."""
    if store is None:
        return rows_of(matrix(data, level))
    k = store.key("qr", _algorithm(), level, data)
    found = decode(store.get("qr", k))
    if found is None:
        found = rows_of(matrix(data, level))
        store.put("qr", k, encode(found))
    return found


def rows_of(m: Matrix) -> Rows:
    """Each row of ``m`` as an integer, bit c set where column c is dark."""
    return tuple(sum(1 << c for c, dark in enumerate(row) if dark) for row in m)


def encode(r: Rows) -> bytes:
    """One line per row: its modules as a hexadecimal number (bit c: column c is dark)."""
    return "\n".join(format(row, "x") for row in r).encode("ascii")


def decode(data: bytes | None) -> Rows | None:
    """The rows ``encode`` wrote, or None for anything that is not a QR-sized square of rows."""
    if not data:
        return None
    try:
        found = tuple(int(line, 16) for line in data.decode("ascii").split("\n"))
    except ValueError:
        return None
    n = len(found)
    if n < 21 or n > 177 or (n - 17) % 4 or any(r >> n for r in found):
        return None
    return found


class _Code(QRCode):
    """A QRCode that remembers which modules carry data (the ones ``map_data`` fills), and fills
    them as the library does, from a placement order worked out once per version: the library
    walks the columns and calls the mask function for every module, a third of a code's time."""

    data_rows: list[int] | None = None

    def map_data(self, data, mask_pattern):
        n = self.modules_count
        layout = _free.get(self.version)
        if layout is None:  # which modules are free, and the order data fills them, depend on the version alone
            rows = [sum(1 << c for c, m in enumerate(row) if m is None) for row in self.modules]
            layout = _free[self.version] = (rows, _placement(n, rows))
        self.data_rows, order = layout
        flips = _mask_rows(n)[mask_pattern]
        total = 8 * len(data)
        bits = int.from_bytes(bytes(data), "big")
        modules = self.modules
        for i, (r, c) in enumerate(order):
            dark = i < total and (bits >> (total - 1 - i)) & 1 == 1
            modules[r][c] = dark != ((flips[r] >> c) & 1 == 1)


# version -> (rows of the modules free for data, bit c: column c; the order data fills them)
_free: dict[int, tuple[list[int], tuple[tuple[int, int], ...]]] = {}


def _placement(n: int, free: list[int]) -> tuple[tuple[int, int], ...]:
    """The modules data fills, in the order ``QRCode.map_data`` fills them: up and down pairs of
    columns from the right, skipping the timing column; ``free`` has bit c of row r set where the
    module is free for data."""
    order, row, step = [], n - 1, -1
    for col in range(n - 1, 0, -2):
        if col <= 6:
            col -= 1
        while True:
            for c in (col, col - 1):
                if (free[row] >> c) & 1:
                    order.append((row, c))
            row += step
            if row < 0 or row >= n:
                row -= step
                step = -step
                break
    return tuple(order)


@functools.lru_cache(maxsize=1)
def _algorithm() -> str:
    """What a cached matrix depends on besides its data: the library's code (a new qrcode
    release is a new key; reading its version from the package metadata costs 0.1 s)."""
    digest = hashlib.sha256()
    for module in (qrcode.main, qrcode.util, qrcode.base, qrcode.LUT):
        digest.update(Path(module.__file__).read_bytes())
    return "qrcode fit best-mask " + digest.hexdigest()


def matrix(data: str, level: str) -> Matrix:
    """The module matrix (no quiet zone) that ``qrcode`` makes for ``data`` at ``level``
    with ``make(fit=True)``: smallest version, best mask."""
    q = _Code(error_correction=LEVELS[level], border=0, box_size=1)
    q.add_data(data)
    q.best_fit()
    q.data_cache = codewords(q.version, q.error_correction, q.data_list)
    q.makeImpl(True, 0)  # the trial code of mask 0; the others follow from it
    mask, rows = best_mask(q.modules, q.data_rows)
    # what makeImpl(False, mask) gives: the trial's modules, then the format (and version) bits
    n = len(rows)
    q.modules = [[bit == "1" for bit in reversed(format(r, f"0{n}b"))] for r in rows]
    q.setup_type_info(False, mask)
    if q.version >= 7:
        q.setup_type_number(False)
    return tuple(tuple(row) for row in q.modules)


class _Bits:
    """qrcode.util.BitBuffer's ``put``/``put_bit``/``len`` on one integer (the library's appends
    bit by bit to a list: a third of a code's time)."""

    def __init__(self) -> None:
        self.value = self.length = 0

    def put(self, num: int, length: int) -> None:
        self.value = (self.value << length) | (num & ((1 << length) - 1))
        self.length += length

    def put_bit(self, bit: bool) -> None:
        self.put(1 if bit else 0, 1)

    def __len__(self) -> int:
        return self.length


def codewords(version: int, error_correction: int, data_list) -> list[int]:
    """``qrcode.util.create_data``: the data codewords, padded, and each block's Reed-Solomon
    error correction codewords, interleaved. The same steps, on an integer instead of a bit
    list, and the remainder by the usual shift register instead of polynomial objects."""
    u = qrcode.util
    bits = _Bits()
    for data in data_list:
        bits.put(data.mode, 4)
        bits.put(len(data), u.length_in_bits(data.mode, version))
        data.write(bits)
    blocks = qrcode.base.rs_blocks(version, error_correction)
    limit = sum(block.data_count * 8 for block in blocks)
    if len(bits) > limit:  # the library's error, word for word
        raise qrcode.exceptions.DataOverflowError(
            "Code length overflow. Data size (%s) > size available (%s)" % (len(bits), limit))
    bits.put(0, min(limit - len(bits), 4))  # terminator
    bits.put(0, -len(bits) % 8)
    for i in range((limit - len(bits)) // 8):
        bits.put(u.PAD0 if i % 2 == 0 else u.PAD1, 8)
    stream = bits.value.to_bytes(bits.length // 8, "big")
    dc, ec, offset = [], [], 0
    for block in blocks:
        dc.append(stream[offset:offset + block.data_count])
        offset += block.data_count
        ec.append(_remainder(dc[-1], _generator(block.total_count - block.data_count)))
    out = [b[i] for i in range(max(map(len, dc))) for b in dc if i < len(b)]
    return out + [b[i] for i in range(max(map(len, ec))) for b in ec if i < len(b)]


@functools.lru_cache(maxsize=None)
def _generator(count: int) -> tuple[int, ...]:
    """The generator polynomial of ``count`` error correction codewords, as the library makes
    it, as the logarithms of its coefficients after the leading 1 (None for 0)."""
    b = qrcode.base
    if count in qrcode.LUT.rsPoly_LUT:
        poly = b.Polynomial(qrcode.LUT.rsPoly_LUT[count], 0)
    else:  # pragma: no cover - every count QR codes use is in the table
        poly = b.Polynomial([1], 0)
        for i in range(count):
            poly = poly * b.Polynomial([1, b.gexp(i)], 0)
    coefficients = [poly[i] for i in range(len(poly))]
    assert len(coefficients) == count + 1 and coefficients[0] == 1
    return tuple(b.LOG_TABLE[c] if c else None for c in coefficients[1:])


def _remainder(data: bytes, generator: tuple[int, ...]) -> list[int]:
    """data(x) * x^n mod generator(x) over GF(256), n = len(generator): polynomial division one
    data codeword at a time."""
    exp, log = qrcode.base.EXP_TABLE, qrcode.base.LOG_TABLE
    rem = [0] * len(generator)
    for d in data:
        factor = d ^ rem[0]
        rem = rem[1:] + [0]
        if factor:
            lf = log[factor]
            rem = [r ^ exp[(g + lf) % 255] if g is not None else r for r, g in zip(rem, generator)]
    return rem


def best_mask(trial0: list[list[bool]], data_rows: list[int]) -> tuple[int, list[int]]:
    """The mask ``qrcode`` would choose, from its trial code with mask 0, and that mask's
    trial code as bit rows (bit c: column c is dark)."""
    n = len(trial0)
    rows0 = [sum(1 << c for c, m in enumerate(row) if m) for row in trial0]
    masks = _mask_rows(n)
    best, best_score, best_rows = 0, 0, rows0
    for i in range(8):
        rows = rows0 if i == 0 else [r ^ (d & a ^ d & b) for r, d, a, b in zip(rows0, data_rows, masks[0], masks[i])]
        score = penalty(rows, n)
        if i == 0 or score < best_score:
            best, best_score, best_rows = i, score, rows
    return best, best_rows


@functools.lru_cache(maxsize=None)
def _mask_rows(n: int) -> tuple[tuple[int, ...], ...]:
    """For each mask, its rows as bits (bit c: column c is flipped)."""
    out = []
    for pattern in range(8):
        f = qrcode.util.mask_func(pattern)
        out.append(tuple(sum(1 << c for c in range(n) if f(r, c)) for r in range(n)))
    return tuple(out)


def penalty(rows: list[int], n: int) -> int:
    """``qrcode.util.lost_point`` of the code whose rows are ``rows`` (bit c: column c is dark):
    runs of five or more alike, 2x2 blocks alike, finder-like patterns (1011101 with four light
    modules on one side), dark/light balance. Counted on the whole code at once: its rows side by
    side in one integer, ``_GAP`` light bits after each, so that a shift by k lines up column c
    with column c+k of the same row and a shift by one row's width lines up a row with the next."""
    width = n + _GAP
    full = (1 << n) - 1
    a = every = 0
    for r, row in enumerate(rows):
        a |= row << (r * width)
        every |= full << (r * width)
    na = ~a & every
    # along rows: alike bit c = column c equals column c+1 (the last column has no next)
    alike = ~(a ^ (a >> 1)) & every & (every >> 1)
    score = _runs(alike)
    common = (na >> 1) & (a >> 4) & (na >> 5) & (a >> 6) & (na >> 9)
    score += 40 * ((common & a & (a >> 2) & (a >> 3) & (na >> 7) & (na >> 8) & (na >> 10)).bit_count()
                   + (common & na & (na >> 2) & (na >> 3) & (a >> 7) & (a >> 8) & (a >> 10)).bit_count())
    # down columns: below bit c of row r = row r equals row r+1 in column c (the last row has none)
    below = ~(a ^ (a >> width)) & (every >> width)
    score += 3 * (below & (below >> 1) & ~(a ^ (a >> 1))).bit_count()  # 2x2 blocks alike
    four = below & (below >> width) & (below >> 2 * width) & (below >> 3 * width)  # rows r..r+4 alike
    score += four.bit_count() + 2 * (four & ~(four << width)).bit_count()
    w = width
    common = (na >> w) & (a >> 4 * w) & (na >> 5 * w) & (a >> 6 * w) & (na >> 9 * w)
    score += 40 * ((common & a & (a >> 2 * w) & (a >> 3 * w) & (na >> 7 * w) & (na >> 8 * w) & (na >> 10 * w)).bit_count()
                   + (common & na & (na >> 2 * w) & (na >> 3 * w) & (a >> 7 * w) & (a >> 8 * w) & (a >> 10 * w)).bit_count())
    percent = float(a.bit_count()) / (n ** 2)
    return score + int(abs(percent * 100 - 50) / 5) * 10


_GAP = 11  # bits after each row, neither dark nor light: nothing read along a row (up to 10 on) is the next row's


def _runs(alike: int) -> int:
    """Penalty of the runs of five or more alike modules in one line, from ``alike`` (bit c:
    module c equals module c+1): a run of length L scores L - 2."""
    four = alike & (alike >> 1) & (alike >> 2) & (alike >> 3)  # modules c..c+4 alike: L - 4 per run
    return four.bit_count() + 2 * (four & ~(four << 1)).bit_count()  # + 2 per run (its first bit)
