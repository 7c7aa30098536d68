"""Messages between the HTTP process and a worker: a pickle, preceded by its length (8 bytes).

The HTTP process reads and writes with asyncio streams; a worker with its blocking socket.
"""

from __future__ import annotations

import asyncio
import pickle
import socket
import struct
from typing import Any

__all__ = ["read", "receive", "send", "write"]

_HEADER = struct.Struct("!Q")


def _frame(message: object) -> bytes:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(data)) + data


async def write(writer: asyncio.StreamWriter, message: object) -> None:
    writer.write(_frame(message))
    await writer.drain()


async def read(reader: asyncio.StreamReader) -> Any:
    """The next message; ``IncompleteReadError`` when the other side has gone."""
    (size,) = _HEADER.unpack(await reader.readexactly(_HEADER.size))
    return pickle.loads(await reader.readexactly(size))


def send(sock: socket.socket, message: object) -> None:
    sock.sendall(_frame(message))


def _exactly(sock: socket.socket, size: int) -> bytes:
    buffer = bytearray(size)
    view, received = memoryview(buffer), 0
    while received < size:
        count = sock.recv_into(view[received:])
        if count == 0:
            raise EOFError
        received += count
    return bytes(buffer)


def receive(sock: socket.socket) -> Any:
    """The next message; ``EOFError`` when the other side has gone."""
    (size,) = _HEADER.unpack(_exactly(sock, _HEADER.size))
    return pickle.loads(_exactly(sock, size))
