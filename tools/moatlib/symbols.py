# symbols.py: a panic's backtrace addresses as function+offset, from the kernel ELF's symbol
# table (the kernel prints bare addresses: it carries no symbols of its own).
import bisect
import os
import re
import struct

ADDRESS = re.compile(r"^moat:\s+(?:#\d+|\?) (0x[0-9a-f]+)$", re.M)
STT_FUNC, SHT_SYMTAB = 2, 2


def symbol_file(kernel):
    """The ELF holding a kernel's symbols: the booted build/moat.elf is stripped, and its twin
    build/moat.sym.elf has them (meson.build); another kernel is its own."""
    twin = kernel[:-len(".elf")] + ".sym.elf" if kernel.endswith(".elf") else ""
    return twin if os.path.exists(twin) else kernel


class Symbols:
    """The FUNC symbols of an ELF32 or ELF64 little-endian file (or its symbol_file twin),
    sorted by address."""

    def __init__(self, path):
        with open(symbol_file(path), "rb") as f:
            data = f.read()
        wide = data[4] == 2
        if wide:
            shoff, = struct.unpack_from("<Q", data, 0x28)
            shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
        else:
            shoff, = struct.unpack_from("<I", data, 0x20)
            shentsize, shnum = struct.unpack_from("<HH", data, 0x2E)
        sections = []
        for i in range(shnum):
            at = shoff + i * shentsize
            if wide:
                _, stype, _, _, off, size, link, _, _, entsize = struct.unpack_from(
                    "<IIQQQQIIQQ", data, at)
            else:
                _, stype, _, _, off, size, link, _, _, entsize = struct.unpack_from(
                    "<IIIIIIIIII", data, at)
            sections.append((stype, off, size, link, entsize))
        funcs = []
        for stype, off, size, link, entsize in sections:
            if stype != SHT_SYMTAB:
                continue
            stroff = sections[link][1]
            for at in range(off, off + size, entsize):
                if wide:
                    name, info, _, _, value, fsize = struct.unpack_from("<IBBHQQ", data, at)
                else:
                    name, value, fsize, info = struct.unpack_from("<IIIB", data, at)
                if info & 0xF == STT_FUNC and value:
                    end = data.index(b"\0", stroff + name)
                    funcs.append((value, fsize, data[stroff + name:end].decode()))
        funcs.sort()
        self.starts = [v for v, _, _ in funcs]
        self.funcs = funcs

    def lookup(self, addr):
        """"name+0xoff" for an address inside a function, else None."""
        i = bisect.bisect_right(self.starts, addr) - 1
        if i < 0:
            return None
        value, size, name = self.funcs[i]
        return f"{name}+0x{addr - value:x}" if addr < value + max(size, 1) else None


def backtrace(channel, kernel):
    """The backtrace lines of a panic on the kernel's channel, each address with its function;
    [] when there are none or the kernel cannot be read."""
    addrs = [int(a, 16) for a in ADDRESS.findall(channel or "")]
    if not addrs:
        return []
    try:
        syms = Symbols(kernel)
    except (OSError, struct.error, ValueError, IndexError):
        return []
    return [f"  0x{a:08x} {syms.lookup(a) or '?'}" for a in addrs]
