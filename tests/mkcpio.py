#!/usr/bin/env python3
"""Writes the archive modules (newc cpio, Linux's initramfs format) moat must boot or refuse.

Usage: mkcpio.py OUTDIR [x86_64]. The app inside is mkbad.py's tiny good ELF, which writes
"good" (its x86_64 one with x86_64)."""
import sys
from pathlib import Path

import mkbad

DIR, REG, LNK, CHR = 0o040755, 0o100755, 0o120777, 0o020666


def header(name, mode, size, namesize=None, magic=b"070701", rdev=(0, 0), ino=1, nlink=1):
    fields = [ino, mode, 0, 0, nlink, 0, size, 0, 0, rdev[0], rdev[1],
              len(name) + 1 if namesize is None else namesize, 0]
    return magic + "".join(f"{v:08X}" for v in fields).encode()


def pad(b):
    return b + b"\0" * (-len(b) % 4)


def entry(name, mode, data=b"", **kw):
    return pad(pad(header(name, mode, len(data), **kw) + name.encode() + b"\0") + data)


def archive(*entries):
    return b"".join(entries) + entry("TRAILER!!!", 0)


def modules(good):
    base = [entry("dev", DIR), entry("dev/console", CHR, rdev=(5, 1))]
    ok = archive(*base, entry("init", REG, good))
    return {
        "cpio_good.cpio": ok,
        # Two archives with zeros between: the second's /init replaces the first's.
        "cpio_concat.cpio": archive(*base, entry("init", REG, b"#!/bin/sh\n")) + b"\0" * 512
        + archive(entry("./init", REG, good)),
        "cpio_initpath.cpio": archive(*base, entry("bin", DIR), entry("bin/app", REG, good),
                                      entry("sbin", LNK, b"bin")),
        # /init a hard link whose data comes with its other name, later (as newc has it).
        "cpio_hardlink.cpio": archive(*base, entry("bin", DIR),
                                      entry("init", REG, ino=7, nlink=2),
                                      entry("bin/app", REG, good, ino=7, nlink=2)),
        "cpio_notelf.cpio": archive(*base, entry("init", REG, b"#!/bin/sh\necho hi\n")),
        "cpio_initdir.cpio": archive(*base, entry("init", DIR)),
        "cpio_magic.cpio": archive(*base, entry("x", REG, b"x", magic=b"070707")),
        "cpio_truncated.cpio": ok[:len(ok) - 200],
        "cpio_escape.cpio": archive(*base, entry("../evil", REG, b"x"), entry("init", REG, good)),
        "cpio_hugesize.cpio": pad(header("init", REG, 0xFFFFFFFF) + b"init\0") + good,
        "cpio_namesize.cpio": pad(header("init", REG, 0, namesize=0xFFFFFFFF) + b"init\0"),
        "cpio_hex.cpio": pad(b"070701g" + header("init", REG, 0)[7:] + b"init\0"),
    }


def main():
    out = Path(sys.argv[1])
    good = mkbad.elf64() if sys.argv[2:] == ["x86_64"] else mkbad.elf()
    for name, data in modules(good).items():
        (out / name).write_bytes(data)


if __name__ == "__main__":
    main()
