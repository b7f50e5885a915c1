#!/usr/bin/env python3
"""Writes a kernel ELF as its loaders read it: the ELF header, the program headers and the
bytes its segments cover; then, of the section headers, only the null one and the section
names' (.shstrtab, which names only itself). No symbols, and none of the loaded sections'
headers: GRUB's multiboot2 and QEMU's PVH loader go by the program headers (the PVH note by
its PT_NOTE); gdb and run.py's backtraces read the linked twin, which keeps everything
(build/moat.sym.elf, build/moat64.sym.elf). Not no section headers at all: GRUB 2.06's EFI
multiboot2 then fails to read the app's module ("failure reading sector", test_image's UEFI
boots, both widths; a lone null header too), where with a section it loads besides the
segments, as .shstrtab, it boots (as with objcopy --strip-all's ELF, whose one such section
that is).

Usage: loadonly.py IN OUT (ELF32 or ELF64, little-endian).
"""
import struct
import sys

SHF_ALLOC, SHT_STRTAB, SHT_NOBITS = 2, 3, 8


def loadonly(data):
    """data up to the end of its segments' bytes, then .shstrtab and its header after the null
    one. Raises if a loaded section's bytes lie outside the segments (a linker script that put
    one in no segment)."""
    wide = data[4] == 2
    if wide:
        phoff, shoff = struct.unpack_from("<QQ", data, 0x20)
        phentsize, phnum, shentsize, shnum = struct.unpack_from("<HHHH", data, 0x36)
    else:
        phoff, shoff = struct.unpack_from("<II", data, 0x1c)
        phentsize, phnum, shentsize, shnum = struct.unpack_from("<HHHH", data, 0x2a)
    end = phoff + phentsize * phnum
    for i in range(phnum):
        at = phoff + i * phentsize
        if wide:
            _, _, offset, _, _, filesz = struct.unpack_from("<IIQQQQ", data, at)
        else:
            _, offset, _, _, filesz = struct.unpack_from("<IIIII", data, at)
        end = max(end, offset + filesz)
    for i in range(shnum):
        at = shoff + i * shentsize
        if wide:
            _, stype, flags, _, offset, size = struct.unpack_from("<IIQQQQ", data, at)
        else:
            _, stype, flags, _, offset, size = struct.unpack_from("<IIIIII", data, at)
        if flags & SHF_ALLOC and stype != SHT_NOBITS and offset + size > end:
            raise ValueError(f"section {i} ends at {offset + size:#x}, after the segments")
    out = bytearray(data[:end])
    names = b"\0.shstrtab\0"
    names_at = len(out)
    out += names + bytes(-(len(out) + len(names)) % 8)
    shoff = len(out)
    if wide:
        out += bytes(64) + struct.pack("<IIQQQQIIQQ", 1, SHT_STRTAB, 0, 0, names_at, len(names),
                                       0, 0, 1, 0)
        struct.pack_into("<Q", out, 0x28, shoff)  # e_shoff
        struct.pack_into("<HHH", out, 0x3a, 64, 2, 1)  # e_shentsize, e_shnum, e_shstrndx
    else:
        out += bytes(40) + struct.pack("<IIIIIIIIII", 1, SHT_STRTAB, 0, 0, names_at, len(names),
                                       0, 0, 1, 0)
        struct.pack_into("<I", out, 0x20, shoff)
        struct.pack_into("<HHH", out, 0x2e, 40, 2, 1)
    return bytes(out)


def main(argv):
    if len(argv) != 3:
        print("usage: loadonly.py IN OUT", file=sys.stderr)
        return 2
    with open(argv[1], "rb") as f:
        data = loadonly(f.read())
    with open(argv[2], "wb") as f:
        f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
