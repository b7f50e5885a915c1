# arch.py: the two widths moat runs (i386, x86_64): which one a file is, its kernel and its QEMU.
import os

from . import paths

ARCHES = ("i386", "x86_64")
# The ELF header's EI_CLASS byte: ELFCLASS32 apps run on moat.elf, ELFCLASS64 on moat64.elf.
ELF_CLASSES = {1: "i386", 2: "x86_64"}
QEMU_SYSTEM = {"i386": "qemu-system-i386", "x86_64": "qemu-system-x86_64"}
KERNELS = {"i386": "moat.elf", "x86_64": "moat64.elf"}
CPIO_MAGICS = (b"070701", b"070702")
CPIO_HEADER = 110


def of_bytes(head):
    """The width of an ELF from its first bytes, or None if they are not an ELF header."""
    if len(head) < 5 or head[:4] != b"\x7fELF":
        return None
    return ELF_CLASSES.get(head[4])


def cpio_init(data, init="init"):
    """The first bytes of the archive's /init (the last one, as Linux's unpacker keeps the
    last of a name when archives are concatenated), or None if it has none or is not newc."""
    found, pos = None, 0
    while pos + CPIO_HEADER <= len(data) and data[pos:pos + 6] in CPIO_MAGICS:
        try:
            fields = [int(data[pos + 6 + 8 * i:pos + 14 + 8 * i], 16) for i in range(13)]
        except ValueError:
            return found
        size, namesize = fields[6], fields[11]
        name_at = pos + CPIO_HEADER
        name = data[name_at:name_at + namesize - 1].decode("latin-1")
        data_at = (name_at + namesize + 3) & ~3
        if name == "TRAILER!!!":               # the next archive may follow, 4-aligned
            pos = data_at
            while pos < len(data) and data[pos] == 0:
                pos += 1
            continue
        if name.strip("/").removeprefix("./") == init.strip("/"):
            found = data[data_at:data_at + min(size, 64)]
        pos = (data_at + size + 3) & ~3
    return found


def of_file(path, init="init"):
    """The width of a program, read from its ELF class: an ELF, or a newc cpio archive's
    /init (init: the path init= names instead). None: no such file, or neither kind."""
    try:
        with open(path, "rb") as f:
            head = f.read(64)
            if head[:6] in CPIO_MAGICS:
                head = cpio_init(head + f.read(), init) or b""
    except OSError:
        return None
    return of_bytes(head)


def choose(forced, *files):
    """The width to boot: forced (--arch), else the first of files that has one, else i386."""
    if forced:
        return forced
    return next((a for a in map(of_file, filter(None, files)) if a), "i386")


def kernel(arch, debug=False, build=paths.BUILD):
    """The built kernel for this width: build/moat.elf, build/moat64.elf (or -debug)."""
    name = KERNELS[arch]
    return os.path.join(build, name[:-4] + "-debug.elf" if debug else name)


def skip_without_kernel(case, width):
    """Skip the unittest case when the width's kernel is not built."""
    if not os.path.exists(kernel(width)):
        case.skipTest(f"needs the built kernel, {paths.rel(kernel(width))} (run.py build)")


def qemu_for(kernel_path, default="i386"):
    """The QEMU system binary for a kernel ELF: the machine follows the kernel's width."""
    return QEMU_SYSTEM[of_file(kernel_path) or default]


def test_elf(elf, arch):
    """A case's program for this width: the i386 one itself, or the file of the same name
    in build/tests/x86_64/, where the x86_64 test programs are built (for one outside
    build/tests/, such as build/bench/bench.elf: in its own folder's x86_64/)."""
    if elf is None or arch == "i386":
        return elf
    folder = os.path.dirname(elf)
    inside = os.path.commonpath([os.path.abspath(elf), paths.TEST_ELFS]) == paths.TEST_ELFS
    return os.path.join(paths.TEST_ELFS if inside else folder, arch, os.path.basename(elf))


def host_runs(arch):
    """Whether this host runs the width's programs natively (the reference for x86_64)."""
    return arch == "x86_64" and os.uname().machine in ("x86_64", "amd64")

