"""A ZIP archive written onto a sink that cannot seek, its bytes handed over as they are produced.

zipfile supports such output: it writes each member's CRC and sizes after the member's data (a data
descriptor) instead of going back to its header. The XLSX writer (``lms.tabular``) and the cohort
evidence pack both stream through ``ZipStream``, so a download starts at once and memory holds one
chunk, not the archive. Low-level: imports no domain app.
"""

import datetime
import hashlib
import zipfile
from collections.abc import Iterable, Iterator

from django.utils import timezone

# Bytes gathered before they are handed over: few enough writes, little memory.
CHUNK_BYTES = 64 * 1024


def batched(parts: Iterable[bytes], size: int | None = None) -> Iterator[bytes]:
    """Join small pieces into chunks of at least ``size`` bytes (``CHUNK_BYTES``; the last may be shorter)."""
    size = size or CHUNK_BYTES
    buffer = bytearray()
    for part in parts:
        buffer += part
        if len(buffer) >= size:
            yield bytes(buffer)
            buffer.clear()
    if buffer:
        yield bytes(buffer)


class _Sink:
    """Where zipfile writes: it keeps the bytes until ``take`` hands them over. Not seekable, so
    zipfile writes each member's sizes and CRC after its data (data descriptors)."""

    def __init__(self):
        self.buffer = bytearray()

    def write(self, data) -> int:
        self.buffer += data
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = bytes(self.buffer)
        self.buffer.clear()
        return data


class ZipStream:
    """A ZIP archive produced piece by piece: ``member`` and ``close`` yield the bytes as they come.

    Members are deflated and dated ``when`` (local time). zipfile refuses a member past 2 GiB without
    ZIP64: far beyond any export of a cohort.
    """

    def __init__(self, *, when: datetime.datetime):
        self._sink = _Sink()
        self._zip = zipfile.ZipFile(self._sink, "w", compression=zipfile.ZIP_DEFLATED)
        self._date_time = (timezone.localtime(when) if timezone.is_aware(when) else when).timetuple()[:6]

    def member(self, path: str, chunks: Iterable[bytes], *, digest=None) -> Iterator[bytes]:
        """Write ``chunks`` as ``path``; ``digest`` (a hashlib object) sees the same bytes."""
        info = zipfile.ZipInfo(path, date_time=self._date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16  # a plain file readable by all once extracted
        with self._zip.open(info, "w") as out:
            for chunk in chunks:
                if digest is not None:
                    digest.update(chunk)
                out.write(chunk)
                if len(self._sink.buffer) >= CHUNK_BYTES:
                    yield self._sink.take()
        if len(self._sink.buffer) >= CHUNK_BYTES:  # the member's last bytes wait for the next one
            yield self._sink.take()

    def hashed_member(self, path: str, chunks: Iterable[bytes], files: list) -> Iterator[bytes]:
        """``member``, then append ``(path, sha256 hex, size)`` to ``files``."""
        digest, size = hashlib.sha256(), 0

        def counted():
            nonlocal size
            for chunk in chunks:
                size += len(chunk)
                yield chunk

        yield from self.member(path, counted(), digest=digest)
        files.append((path, digest.hexdigest(), size))

    def close(self) -> Iterator[bytes]:
        self._zip.close()
        yield self._sink.take()
