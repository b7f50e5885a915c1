# monitor.py: read a running guest's page tables through QEMU's monitor and check them.
import re
import socket
import struct
import subprocess
import threading
import time

from . import symbols

MARKER = b"monitor: check"          # the app prints this, then spins in ring 3
UPPER_HALF = 0xFFFF800000000000     # x86_64: every kernel address is in the upper half
TLB_LINE = re.compile(r"^([0-9a-f]+): ([0-9a-f]+) ([-XGPDACTUW]{9})$")


class Monitor:
    """One human-monitor connection: send a command, get its text back."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX)
        for _ in range(100):
            try:
                self.sock.connect(path)
                break
            except OSError:
                time.sleep(0.05)
        self.read_prompt()

    def read_prompt(self):
        data = b""
        while not data.endswith(b"(qemu) "):
            chunk = self.sock.recv(65536)
            if not chunk:
                break
            data += chunk
        return data.decode("utf-8", "replace")

    def ask(self, command):
        self.sock.sendall(command.encode() + b"\n")
        text = self.read_prompt().replace("\r", "")
        lines = text.split("\n")[1:-1]          # drop the echo and the prompt
        return "\n".join(re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", l) for l in lines)


def user_mode_tlb(path, tries=20):
    """The page tables as the CPU sees them while the app runs (stopped in ring 3)."""
    mon = Monitor(path)
    for _ in range(tries):
        mon.ask("stop")
        regs = mon.ask("info registers")
        m = re.search(r"CS =([0-9a-f]{4})", regs)
        if m and int(m.group(1), 16) & 3 == 3:         # CPL 3: the app's code, either width
            tlb = mon.ask("info tlb")
            mon.ask("cont")
            return tlb
        mon.ask("cont")
        time.sleep(0.02)
    raise RuntimeError("the CPU was never caught in ring 3")


def pages(tlb):
    """[(virtual, physical, flags)] from `info tlb`; flags: X = no-execute, U, W, P = large."""
    out = []
    for line in tlb.split("\n"):
        m = TLB_LINE.match(line.strip())
        if m:
            out.append((int(m.group(1), 16), int(m.group(2), 16), m.group(3)))
    return out


def segments(data):
    """(paddr, vaddr, memsz) of each PT_LOAD segment of an ELF32 or ELF64 (either kernel)."""
    if data[4] == 2:
        phoff, = struct.unpack_from("<Q", data, 32)
        phentsize, phnum = struct.unpack_from("<HH", data, 54)
        fields = [struct.unpack_from("<IIQQQQQ", data, phoff + phentsize * i)
                  for i in range(phnum)]
        rows = [(f[0], f[4], f[3], f[6]) for f in fields]
    else:
        phoff, = struct.unpack_from("<I", data, 28)
        phentsize, phnum = struct.unpack_from("<HH", data, 42)
        fields = [struct.unpack_from("<6I", data, phoff + phentsize * i) for i in range(phnum)]
        rows = [(f[0], f[3], f[2], f[5]) for f in fields]
    return [(paddr, vaddr, memsz) for ptype, paddr, vaddr, memsz in rows if ptype == 1 and memsz]


def kernel_layout(elf):
    """The kernel image's physical range, its entry sections' virtual ranges, and the offset
    at which it (and physical memory) is mapped (0xC0000000 on i386, 0xFFFFFFFF80000000 on
    x86_64). The image ends where the zeroed frames at the end of its .bss begin: those are
    free RAM, which the app's pages may use (kernel.ld, pmm_add_zeroed)."""
    with open(elf, "rb") as f:
        loads = segments(f.read())
    lo, hi = min(p for p, _, _ in loads), max(p + size for p, _, size in loads)
    base = max(v - p for p, v, _ in loads)
    nm = subprocess.run(["i686-linux-gnu-nm", symbols.symbol_file(elf)], capture_output=True,
                        text=True).stdout
    sym = {p[2]: int(p[0], 16) for p in (l.split() for l in nm.split("\n")) if len(p) == 3}
    entry = [(sym[f"__entry_{s}_start"], sym[f"__entry_{s}_end"]) for s in ("text", "bss")]
    if "__zeroed_start" in sym:
        hi = min(hi, sym["__zeroed_start"] - base)
    return (lo, hi), entry, base


def check(kind, tlb, elf):
    """Problems found: 'wx' (no page writable and executable, no user page onto the
    kernel image) or 'kpti' (in ring 3, no kernel page but the entry sections)."""
    (klo, khi), entry, base = kernel_layout(elf)
    problems, size = [], lambda f: 0x200000 if "P" in f else 0x1000
    for va, pa, flags in pages(tlb):
        if kind == "wx" and "W" in flags and "X" not in flags:
            problems.append(f"{va:#010x} is writable and executable ({flags})")
        if "U" in flags and pa < khi and pa + size(flags) > klo:
            problems.append(f"user page {va:#010x} maps the kernel image at {pa:#x}")
        if kind == "kpti" and (va >= base or va >= UPPER_HALF) and "U" not in flags and \
                not any(lo <= va < hi for lo, hi in entry):
            problems.append(f"kernel page {va:#010x} is mapped while the app runs")
    if not pages(tlb):
        problems.append("info tlb showed no pages")
    return problems[:8] + ([f"... and {len(problems) - 8} more"] if len(problems) > 8 else [])


class Watch:
    """A serial sink: when the app prints MARKER, check its page tables in the background."""

    def __init__(self, kind, sock, elf):
        self.kind, self.sock, self.elf = kind, sock, elf
        self.seen, self.thread, self.problems = b"", None, None

    def __call__(self, chunk):
        self.seen += chunk
        if self.thread is None and MARKER in self.seen:
            self.thread = threading.Thread(target=self.run, daemon=True)
            self.thread.start()

    def run(self):
        try:
            self.problems = check(self.kind, user_mode_tlb(self.sock), self.elf)
        except (OSError, RuntimeError) as e:
            self.problems = [f"monitor: {e}"]

    def result(self):
        if self.thread is None:
            return ["the app never printed the monitor marker"]
        self.thread.join(10)
        return self.problems if self.problems is not None else ["the monitor did not answer"]
