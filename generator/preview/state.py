"""What the preview shows: each output as its latest good build left it, the latest build's
problems and warnings, and a version that changes with any of them (pages wait for it)."""
from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Shown:
    """One output as its latest good build left it."""

    files: dict[str, bytes]  # path below out/ -> bytes
    digests: dict[str, str]  # path -> digest(bytes): the name its thumbnails are kept under
    notes: tuple[str, ...]  # what its layout had to shorten to print
    seconds: float  # how long its render took
    at: float  # when it was done (time.time())


@dataclass
class State:
    """What the page shows; every change bumps ``version`` and wakes the pages waiting for it."""

    content: str
    about: dict[str, str] = field(default_factory=dict)  # output -> what it is; the page shows them in this order
    event_name: str = ""
    outputs: dict[str, Shown] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # the latest build's errors; [] when it went through
    warnings: list[str] = field(default_factory=list)  # the latest good load's: conflicts, check's, a draft
    building: bool = False
    finished: float = 0.0  # time.time() of the latest build's end
    seconds: float = 0.0  # how long it took, from the change seen
    version: int = 0
    changed: threading.Condition = field(default_factory=threading.Condition)

    def update(self, **values) -> None:
        with self.changed:
            for key, value in values.items():
                setattr(self, key, value)
            self.version += 1
            self.changed.notify_all()

    def publish(self, name: str, shown: Shown) -> None:
        with self.changed:
            self.outputs = {**self.outputs, name: shown}
            self.version += 1
            self.changed.notify_all()

    def file(self, path: str) -> bytes | None:
        for shown in list(self.outputs.values()):
            if path in shown.files:
                return shown.files[path]
        return None

    def by_digest(self, key: str) -> bytes | None:
        for shown in list(self.outputs.values()):
            for path, found in shown.digests.items():
                if found == key:
                    return shown.files[path]
        return None


def digest(data: bytes) -> str:
    """A file's short name in thumbnail addresses: a changed file gets new ones, an unchanged one
    stays in the browser's cache."""
    return hashlib.sha256(data).hexdigest()[:16]
