"""The zip container of an .xlsx/.ods file, read with ``struct`` and ``zlib``.

`check` needs four small parts of a workbook besides what python-calamine reads (the part
list, ``workbook.xml`` and its rels, ``styles.xml``, the sheet XML for number formats). The
standard library's ``zipfile`` costs ~20 ms to import — as long as reading twenty small
workbooks — so the central directory is read here. Every part is inflated with its declared
size as the limit and its CRC checked. Containers this reader does not handle (ZIP64, split
or prefixed archives) go through ``zipfile`` instead, with the same interface.
"""

from __future__ import annotations

import io
import struct
import zlib

_EOCD = struct.Struct("<4s4H2LH")  # end of central directory
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_LOCAL = struct.Struct("<4s5H3L2H")
_MAX_COMMENT = 0xFFFF


class BadContainer(Exception):
    """The bytes are not a zip container this program can read."""


class _Unusual(Exception):
    """A valid zip this reader leaves to ``zipfile`` (ZIP64, prefixed data)."""


class Part:
    __slots__ = ("compressed", "crc", "encrypted", "method", "name", "offset", "size")

    def __init__(self, name: str, offset: int, method: int, compressed: int, size: int,
                 crc: int, encrypted: bool) -> None:
        self.name = name
        self.offset = offset
        self.method = method
        self.compressed = compressed  # bytes in the file
        self.size = size  # bytes once inflated
        self.crc = crc
        self.encrypted = encrypted


class Container:
    """The parts of one zip file: ``parts`` (name -> Part, in directory order), ``read``."""

    def __init__(self, path: str) -> None:
        self._fh = open(path, "rb")  # noqa: SIM115 - closed by close() / the with block
        try:
            self.parts = _directory(self._fh)
        except BaseException:
            self._fh.close()
            raise

    def read(self, name: str) -> bytes:
        part = self.parts.get(name)
        if part is None:
            raise KeyError(name)
        if part.encrypted:
            raise BadContainer(f"{name}: encrypted part")
        fh = self._fh
        fh.seek(part.offset)
        head = fh.read(_LOCAL.size)
        if len(head) < _LOCAL.size:
            raise BadContainer(f"{name}: truncated")
        sig, _v, _flags, _method, _t, _d, _crc, _c, _s, n_name, n_extra = _LOCAL.unpack(head)
        if sig != b"PK\x03\x04":
            raise BadContainer(f"{name}: bad local header")
        fh.seek(n_name + n_extra, 1)
        data = fh.read(part.compressed)
        if len(data) < part.compressed:
            raise BadContainer(f"{name}: truncated")
        if part.method == 8:
            inflater = zlib.decompressobj(-15)
            try:
                # the declared size bounds the output: a part cannot inflate beyond it
                out = inflater.decompress(data, part.size)
            except zlib.error as exc:
                raise BadContainer(f"{name}: {exc}") from None
            if inflater.unconsumed_tail or len(out) != part.size:
                raise BadContainer(f"{name}: size differs from the directory")
        elif part.method == 0:
            out = data[: part.size]
        else:
            raise BadContainer(f"{name}: compression method {part.method}")
        if zlib.crc32(out) != part.crc:
            raise BadContainer(f"{name}: CRC mismatch")
        return out

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> Container:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ZipfileContainer(Container):
    """The same interface over the standard library, for containers ``Container`` leaves."""

    def __init__(self, path: str) -> None:  # not Container's: zipfile reads the directory
        import zipfile

        try:
            self._zf = zipfile.ZipFile(path)
            self.parts = {
                i.filename: Part(i.filename, i.header_offset, i.compress_type, i.compress_size,
                                 i.file_size, i.CRC, bool(i.flag_bits & 1))
                for i in self._zf.infolist()}
        except (zipfile.BadZipFile, EOFError, NotImplementedError) as exc:
            raise BadContainer(str(exc)) from None

    def read(self, name: str) -> bytes:
        import zipfile

        try:
            return self._zf.read(name)
        except (zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError) as exc:
            raise BadContainer(str(exc)) from None

    def close(self) -> None:
        self._zf.close()


def open_container(path: str) -> Container:
    """Open a zip container; raises ``BadContainer`` (and OSError) for what is not one."""
    try:
        return Container(path)
    except _Unusual:
        return ZipfileContainer(path)


def _directory(fh: io.BufferedReader) -> dict[str, Part]:
    fh.seek(0, 2)
    size = fh.tell()
    if size < _EOCD.size:
        raise BadContainer("too short for a zip file")
    tail_len = min(size, _EOCD.size + _MAX_COMMENT)
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + _EOCD.size > len(tail):
        raise BadContainer("no end of central directory")
    _sig, disk, cd_disk, _n_here, n_total, cd_size, cd_offset, _c = _EOCD.unpack_from(tail, at)
    if n_total == 0xFFFF or cd_size == 0xFFFFFFFF or cd_offset == 0xFFFFFFFF:
        raise _Unusual("zip64")
    if disk or cd_disk:
        raise _Unusual("split archive")
    eocd_pos = size - tail_len + at
    if cd_offset + cd_size != eocd_pos:
        raise _Unusual("data before the archive")  # or a damaged directory: zipfile decides
    fh.seek(cd_offset)
    directory = fh.read(cd_size)
    if len(directory) < cd_size:
        raise BadContainer("truncated central directory")
    parts: dict[str, Part] = {}
    pos = 0
    for _ in range(n_total):
        if pos + _CENTRAL.size > cd_size:
            raise BadContainer("truncated central directory")
        (sig, _made, _need, flags, method, _t, _d, crc, compressed, inflated, n_name, n_extra,
         n_comment, _disk, _ia, _ea, offset) = _CENTRAL.unpack_from(directory, pos)
        if sig != b"PK\x01\x02":
            raise BadContainer("bad central directory entry")
        if 0xFFFFFFFF in (compressed, inflated, offset):
            raise _Unusual("zip64 entry")
        raw = directory[pos + _CENTRAL.size: pos + _CENTRAL.size + n_name]
        name = raw.decode("utf-8" if flags & 0x800 else "cp437", "replace")
        parts[name] = Part(name, offset, method, compressed, inflated, crc, bool(flags & 1))
        pos += _CENTRAL.size + n_name + n_extra + n_comment
    return parts
