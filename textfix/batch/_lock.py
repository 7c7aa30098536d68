"""One run at a time into an output: a lock file that names the run holding it.

The lock is an ``flock`` on a small file beside the outputs; the kernel releases it when its
process ends, however it ends, so the lock file of a run that was killed is simply taken over.
The file holds the pid, host and start time of the run that holds it, for the message the
second run prints. Where the file system cannot lock (some network mounts), a lock whose
process is gone on this host is taken over as well.
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import fcntl
import json
import os
import socket
from pathlib import Path

from textfix.errors import OutputError

__all__ = ["RunLock", "RunLockedError"]


class RunLockedError(OutputError):
    """Another run writes into the same output: its pid, host and start time, and the lock file."""

    def __init__(self, output: Path, lock: Path, holder: dict[str, object]) -> None:
        self.output, self.lock = output, lock
        self.pid = holder.get("pid")
        self.host = holder.get("host")
        self.started = holder.get("started")
        who = f"pid {self.pid} on {self.host}, started {self.started}" if self.pid is not None else "a run"
        super().__init__(
            f"{output}: another textfix run is writing here ({who}); wait for it to end or stop it "
            f"(lock file {lock})"
        )


def _holder(fd: int) -> dict[str, object]:
    try:
        data = os.pread(fd, 4096, 0)
        holder = json.loads(data.decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return holder if isinstance(holder, dict) else {}


def _alive_here(holder: dict[str, object]) -> bool:
    """Whether the holder named in a lock file is a live process on this host."""
    pid = holder.get("pid")
    if not isinstance(pid, int):
        return False  # an unreadable lock file: nobody holds it
    if holder.get("host") != socket.gethostname():
        return True  # a process on another host cannot be checked: assume it runs
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class RunLock:
    """``with RunLock(lock_path, output):`` holds the lock of ``output`` or raises :class:`RunLockedError`."""

    def __init__(self, path: Path, output: Path) -> None:
        self.path, self.output = path, output
        self.fd: int | None = None

    def acquire(self) -> None:
        while True:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as error:
                raise OutputError(f"{self.path}: cannot create the lock file: {error.strerror or error}") from error
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _holder(fd)
                os.close(fd)
                raise RunLockedError(self.output, self.path, holder) from None
            except OSError as error:  # no locking on this file system: judge by the pid
                if error.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
                    os.close(fd)
                    raise OutputError(f"{self.path}: cannot lock: {error.strerror or error}") from error
                holder = _holder(fd)
                if holder and holder.get("pid") != os.getpid() and _alive_here(holder):
                    os.close(fd)
                    raise RunLockedError(self.output, self.path, holder) from None
            # A run that ends removes its lock file: make sure ours is still the one at the path.
            try:
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        started = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
        record = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "started": started})
        os.ftruncate(fd, 0)
        os.pwrite(fd, (record + "\n").encode("utf-8"), 0)
        self.fd = fd

    def release(self) -> None:
        if self.fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        os.close(self.fd)
        self.fd = None

    def __enter__(self) -> RunLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
