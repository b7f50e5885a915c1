#!/usr/bin/env python3
"""Writes the loader's boot modules: one tiny valid i386 ELF and the variants whose refusal
needs a boot (tests/loader_*.expect): not an ELF at all, once on each boot path, and those
refused after the ELF check (memory, the stack's place, the vsyscall page). The ELF check's
own refusals are proven without a boot, on crafted headers, by tests/host/test_elf.c.

Usage: mkbad.py OUTDIR [x86_64]. Every module is built from scratch here, so each bad one
differs from the good one in exactly the way its name says. With x86_64, the same as ELF64
x86_64 modules, bad_stack and bad_vsyscall at the x86_64 layout's places (the vDSO's, for the
vsyscall page's).
"""
import struct
import sys
from pathlib import Path

BASE = 0x08048000
EHDR_SIZE = 52
PHDR_SIZE = 32
PT_LOAD = 1
ET_EXEC, EM_386 = 2, 3
PF_X, PF_W, PF_R = 1, 2, 4


def code_x86_64(entry_vaddr):
    """The same with Linux x86_64's syscall: write(1, "good\\n", 5); exit_group(0)."""
    return (b"\xb8\x01\x00\x00\x00"            # mov $1, %eax (write)
            b"\xbf\x01\x00\x00\x00"            # mov $1, %edi
            b"\x48\x8d\x35\x10\x00\x00\x00"    # lea msg(%rip), %rsi (16 bytes on)
            b"\xba\x05\x00\x00\x00"            # mov $5, %edx
            b"\x0f\x05"                        # syscall
            b"\xb8\xe7\x00\x00\x00"            # mov $231, %eax (exit_group)
            b"\x31\xff"                        # xor %edi, %edi
            b"\x0f\x05"                        # syscall
            b"good\n")


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


def elf(extra_load=None, extra_flags=PF_R | PF_W):
    """An ELF32 whose one PT_LOAD maps the whole file at BASE, read and execute; extra_load
    (vaddr, memsz) adds a second, empty PT_LOAD with extra_flags."""
    nph = 1 + bool(extra_load)
    head = EHDR_SIZE + PHDR_SIZE * nph
    entry = BASE + head
    body = code(entry)
    size = head + len(body)
    ident = b"\x7fELF" + bytes([1, 1, 1, 0]) + bytes(8)   # ELFCLASS32, little-endian
    ehdr = ident + struct.pack("<HHIIIIIHHHHHH", ET_EXEC, EM_386, 1, entry, EHDR_SIZE, 0, 0,
                               EHDR_SIZE, PHDR_SIZE, nph, 40, 0, 0)
    phdrs = struct.pack("<8I", PT_LOAD, 0, BASE, BASE, size, size, PF_R | PF_X, 0x1000)
    if extra_load:
        extra_vaddr, extra_memsz = extra_load
        phdrs += struct.pack("<8I", PT_LOAD, 0, extra_vaddr, extra_vaddr, 0, extra_memsz,
                             extra_flags, 0x1000)
    return ehdr + phdrs + body


BASE64 = 0x400000
EHDR64_SIZE = 64
PHDR64_SIZE = 56
EM_X86_64 = 62


def elf64(extra_load=None, extra_flags=PF_R | PF_W):
    """elf() as an ELF64 for x86_64, at ld's x86_64 base."""
    nph = 1 + bool(extra_load)
    head = EHDR64_SIZE + PHDR64_SIZE * nph
    entry = BASE64 + head
    body = code_x86_64(entry)
    size = head + len(body)
    ident = b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8)   # ELFCLASS64, little-endian
    ehdr = ident + struct.pack("<HHIQQQIHHHHHH", ET_EXEC, EM_X86_64, 1, entry, EHDR64_SIZE, 0,
                               0, EHDR64_SIZE, PHDR64_SIZE, nph, 64, 0, 0)
    phdrs = struct.pack("<IIQQQQQQ", PT_LOAD, PF_R | PF_X, 0, BASE64, BASE64, size, size,
                        0x1000)
    if extra_load:
        extra_vaddr, extra_memsz = extra_load
        phdrs += struct.pack("<IIQQQQQQ", PT_LOAD, extra_flags, 0, extra_vaddr, extra_vaddr, 0,
                             extra_memsz, 0x1000)
    return ehdr + phdrs + body


USER_TOP64 = 0x00007FFFFFFFF000
MIB = 0x100000


def modules_x86_64():
    return {
        "loader_good": elf64(),
        "bad_notelf": b"This is a text file, not an ELF executable.\n" * 4,
        "bad_huge": elf64(extra_load=(0x00500000, 0x20000000)),  # 512 MiB of bss, RAM is 128
        "bad_empty": b"",
        # Read-only, over the stack's top as norandmaps places it, right below the vDSO and
        # its clock page (two pages under USER_TOP); the 16 GiB the top may move by
        # otherwise are more than a segment can cover in the RAM.
        "bad_stack": elf64(extra_load=(USER_TOP64 - MIB, MIB - 2 * 0x1000), extra_flags=PF_R),
        # Over the top MiB, where the vDSO goes wherever it is randomised to.
        "bad_vsyscall": elf64(extra_load=(USER_TOP64 - MIB, MIB)),
    }


def modules():
    good = elf()
    return {
        "loader_good": good,
        "bad_notelf": b"This is a text file, not an ELF executable.\n" * 4,
        "bad_huge": elf(extra_load=(0x08100000, 0x20000000)),  # 512 MiB of bss, RAM is 128
        "bad_empty": b"",
        # Read-only, over every place the randomised stack top can be (below the vsyscall page)
        "bad_stack": elf(extra_load=(0xBF000000, 0xFFF000), extra_flags=PF_R),
        "bad_vsyscall": elf(extra_load=(0xBFFFF000, 0x1000)),
    }


def main():
    out = Path(sys.argv[1])
    wanted = modules_x86_64() if sys.argv[2:] == ["x86_64"] else modules()
    for name, data in wanted.items():
        path = out / (name + ".elf")
        path.write_bytes(data)
        path.chmod(0o755)  # the good one also runs natively on the host


if __name__ == "__main__":
    main()
