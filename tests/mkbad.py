#!/usr/bin/env python3
"""Writes the loader's test modules: one tiny valid i386 ELF and variants the loader must refuse.

Usage: mkbad.py OUTDIR. Every module is built from scratch here, so each bad one differs from
the good one in exactly the way its name says.
"""
import struct
import sys
from pathlib import Path

BASE = 0x08048000
EHDR_SIZE = 52
PHDR_SIZE = 32
PT_LOAD, PT_INTERP = 1, 3
PF_X, PF_W, PF_R = 1, 2, 4


def code(entry_vaddr):
    """write(1, "good\\n", 5); exit_group(0), with the message right after the code."""
    msg_vaddr = entry_vaddr + 31
    return (b"\xb8\x04\x00\x00\x00"            # mov $4, %eax (write)
            b"\xbb\x01\x00\x00\x00"            # mov $1, %ebx
            + b"\xb9" + struct.pack("<I", msg_vaddr)  # mov $msg, %ecx
            + b"\xba\x05\x00\x00\x00"          # mov $5, %edx
            b"\xcd\x80"                        # int $0x80
            b"\xb8\xfc\x00\x00\x00"            # mov $252, %eax (exit_group)
            b"\x31\xdb"                        # xor %ebx, %ebx
            b"\xcd\x80"                        # int $0x80
            b"good\n")


def elf(vaddr=BASE, ei_class=1, ei_data=1, e_type=2, machine=3, interp=False, extra_load=None,
        memsz_override=None, phentsize=PHDR_SIZE, flags=PF_R | PF_X, extra_flags=PF_R | PF_W):
    """An ELF32 whose first PT_LOAD maps the whole file at vaddr; options spoil one thing."""
    nph = 1 + bool(interp) + bool(extra_load)
    head = EHDR_SIZE + PHDR_SIZE * nph
    interp_str = b"/lib/ld-linux.so.2\0" if interp else b""
    entry = vaddr + head + len(interp_str)
    body = interp_str + code(entry)
    size = head + len(body)
    ident = b"\x7fELF" + bytes([ei_class, ei_data, 1, 0]) + bytes(8)
    ehdr = ident + struct.pack("<HHIIIIIHHHHHH", e_type, machine, 1, entry, EHDR_SIZE, 0, 0,
                               EHDR_SIZE, phentsize, nph, 40, 0, 0)
    memsz = size if memsz_override is None else memsz_override
    phdrs = struct.pack("<8I", PT_LOAD, 0, vaddr, vaddr, size, memsz, flags, 0x1000)
    if interp:
        phdrs = struct.pack("<8I", PT_INTERP, head, vaddr + head, vaddr + head,
                            len(interp_str), len(interp_str), PF_R, 1) + phdrs
    if extra_load:
        extra_vaddr, extra_memsz = extra_load
        phdrs += struct.pack("<8I", PT_LOAD, 0, extra_vaddr, extra_vaddr, 0, extra_memsz,
                             extra_flags, 0x1000)
    return ehdr + phdrs + body


def modules():
    good = elf()
    return {
        "loader_good": good,
        "loader_em486": elf(machine=6),  # EM_486: Linux i386 loads it as EM_386
        "bad_notelf": b"This is a text file, not an ELF executable.\n" * 4,
        "bad_short": good[:20],
        "bad_class64": elf(ei_class=2),
        "bad_bigendian": elf(ei_data=2),
        "bad_machine": elf(machine=62),  # EM_X86_64
        "bad_etdyn": elf(e_type=3),
        "bad_etrel": elf(e_type=1),
        "bad_phentsize": elf(phentsize=40),
        "bad_nophdr": good[:44] + struct.pack("<H", 0) + good[46:],
        "bad_interp": elf(interp=True),
        "bad_kernel": elf(vaddr=0xC0000000),
        "bad_kernel_top": elf(vaddr=0xFFFFF000),
        "bad_overlap": elf(vaddr=0xBFFFF000, memsz_override=0x2000),
        "bad_wrap": elf(memsz_override=0xFFFFF000),
        "bad_null": elf(vaddr=0),
        "bad_low": elf(vaddr=0x1000),
        "bad_low_edge": elf(vaddr=0xF000),
        "bad_huge": elf(extra_load=(0x08100000, 0x20000000)),  # 512 MiB of bss, RAM is 128
        "bad_truncated": good[:len(good) - 8],
        "bad_wx": elf(flags=PF_R | PF_W | PF_X),
        "bad_wx_shared": elf(extra_load=(BASE + 0x800, 0x100)),  # RW data in the code's page
        "bad_empty": b"",
        # Read-only, over every place the randomised stack top can be (below the vsyscall page)
        "bad_stack": elf(extra_load=(0xBF000000, 0xFFF000), extra_flags=PF_R),
        "bad_vsyscall": elf(extra_load=(0xBFFFF000, 0x1000)),
    }


def main():
    out = Path(sys.argv[1])
    for name, data in modules().items():
        path = out / (name + ".elf")
        path.write_bytes(data)
        path.chmod(0o755)  # the good one also runs natively on the host


if __name__ == "__main__":
    main()
