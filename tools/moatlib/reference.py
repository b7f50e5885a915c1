# reference.py: Linux as the reference, natively or (i386 ELFs) on Debian's kernel in QEMU.
import functools
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass

from . import arch, linux, paths, qemu
from .console import Kind

INIT = os.path.join(paths.BUILD, "tests", "reference", "init.elf")
MEMORY = "512M"
# No SMAP in the guest: QEMU's TCG checks IRET's frame read from ring 3 against SMAP and
# faults, which Linux takes for a kernel bug (an oops, the program SIGKILLed). SMAP guards
# the kernel against itself and changes nothing a program can see.
CPU = "max,-smap"
BOOT_SLACK = 60                     # seconds for Linux to boot and power off, on top of the cases


@dataclass
class Run:
    """One program run on Linux: how it ended, and what it wrote."""
    kind: Kind                      # EXITED, KILLED, TIMEOUT or ERROR
    value: int = 0                  # the exit status or the signal number
    stdout: bytes = b""
    stderr: bytes = b""
    detail: str = ""                # for error

    def status(self):
        return self.value if self.kind == Kind.EXITED else 128 + self.value


@dataclass
class Program:
    """What to run: the report's name for it, the ELF, argv[1..], stdin bytes, a timeout,
    and its width (x86_64 programs always run natively: this host's Linux is x86_64)."""
    name: str
    elf: str
    args: list
    stdin: bytes = None
    timeout: float = 30.0
    arch: str = "i386"
    ia32: bool = False                 # an x86_64 program that makes int $0x80 calls


# binfmt_misc's magic for i386 ELF executables (qemu-user's qemu-i386 registers it)
I386_MAGIC = "7f454c46010101000000000000000000020003"


def emulated_by_binfmt(folder="/proc/sys/fs/binfmt_misc"):
    """The binfmt_misc handler that would run i386 ELFs (an emulator such as qemu-i386,
    whose signal frames are its own, not Linux's), or None."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return None
    for name in names:
        try:
            with open(os.path.join(folder, name)) as f:
                text = f.read()
        except OSError:
            continue
        if text.startswith("enabled") and "magic " + I386_MAGIC in text.replace("\n", " "):
            return next((l.split(" ", 1)[1] for l in text.splitlines()
                         if l.startswith("interpreter ")), name)
    return None


# int $0x80 from 64-bit code, getpid's number in eax, then back: what an x86_64 program that
# makes i386 calls needs of the host's Linux (IA32 emulation, which Linux 6.7 on may leave out
# or off: ia32_emulation=0, and then the instruction faults). Python's own, through ctypes.
INT80_PROBE = ("import ctypes, mmap\n"
               "m = mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)\n"
               "m.write(bytes([0xb8, 20, 0, 0, 0, 0xcd, 0x80, 0xc3]))\n"
               "ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.addressof(ctypes.c_char.from_buffer(m)))()\n")
NO_INT80 = "this host's Linux has no IA32 emulation: int $0x80 from 64-bit code faults"


@functools.lru_cache(maxsize=None)
def runs_int80():
    """Whether this host's Linux runs int $0x80 in a 64-bit process."""
    try:
        return subprocess.run([sys.executable, "-c", INT80_PROBE], stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def native_works():
    """Whether this host's own Linux executes i386 ELFs: it has IA32 emulation, and no
    user-mode emulator registered with binfmt_misc would run them instead."""
    if emulated_by_binfmt():
        return False
    try:
        return subprocess.run([INIT, "--probe"], stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=10).returncode == 0
    except OSError:
        return False


# Native runs take turns: they share the host user's per-user counts (Linux counts
# RLIMIT_SIGPENDING over every process of the user), so two at once can fail each other.
NATIVE_TURN = threading.Lock()


def run_native(prog):
    """Run prog on this host, as the reference init does in the guest."""
    try:
        with NATIVE_TURN:
            proc = subprocess.run([os.path.basename(prog.elf)] + prog.args, executable=prog.elf,
                                  cwd=os.path.dirname(prog.elf), input=prog.stdin or b"",
                                  env={}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  timeout=prog.timeout)
    except subprocess.TimeoutExpired:
        return Run(Kind.TIMEOUT)
    if proc.returncode < 0:
        return Run(Kind.KILLED, -proc.returncode, proc.stdout, proc.stderr)
    return Run(Kind.EXITED, proc.returncode, proc.stdout, proc.stderr)


def guest_path(elf):
    """Where an ELF under build/ sits in the initramfs: the same path below /b."""
    return "b/" + os.path.relpath(elf, paths.BUILD)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def initramfs(progs, init=INIT):
    """The archive: the reference init, /cases, every ELF once and each stdin."""
    files = {}
    lines = []
    for i, p in enumerate(progs):
        files[guest_path(p.elf)] = p.elf
        stdin = "-"
        if p.stdin is not None:
            stdin = f"in/{i}"
            files[stdin] = p.stdin
        if any(c in w for w in [p.name, *p.args] for c in "\t\n"):
            raise ValueError(f"{p.name}: tabs and newlines cannot pass to the reference")
        lines.append("\t".join([p.name, "/" + guest_path(p.elf), str(int(p.timeout + 0.999)),
                                "/" + stdin if p.stdin is not None else "-", *p.args]))
    files["cases"] = ("\n".join(lines) + "\n").encode()
    entries = list(linux.DEVICES) + linux.directories(files)
    for name, src in sorted(files.items()):
        entries.append((name, 0o100755, (0, 0), src if isinstance(src, bytes) else read(src)))
    entries.append(("init", 0o100755, (0, 0), read(init)))
    return linux.cpio_newc(entries)


def unhex(text):
    try:
        return bytes.fromhex(text)
    except ValueError:
        return None


def parse_report(text, names):
    """The runs a reference report announces, by name; a name it lacks maps to an error."""
    runs, current, done = {}, None, None
    for line in text.split("\n"):
        word, _, rest = line.partition(" ")
        if word == "case":
            current = rest
            runs[current] = Run(Kind.ERROR, detail="the report for it is incomplete")
        elif current is None:
            if word == "done":
                done = rest
        elif word == "status":
            kind, _, value = rest.partition(" ")
            if kind in (Kind.EXITED, Kind.KILLED) and value.isdigit():
                runs[current] = Run(Kind(kind), int(value))
            elif kind == Kind.TIMEOUT:
                runs[current] = Run(Kind.TIMEOUT)
            else:
                runs[current] = Run(Kind.ERROR, detail=rest)
        elif word in ("stdout", "stderr"):
            data = unhex(rest)
            if data is None:
                runs[current] = Run(Kind.ERROR, detail=f"garbled {word} in the report")
            else:
                setattr(runs[current], word, data)
        elif word == "end":
            current = None
    for n in names:
        if n not in runs:
            runs[n] = Run(Kind.ERROR, detail=NEVER_RAN
                          + ("" if done else " (the report has no `done` line)"))
    return runs


NEVER_RAN = "the reference never ran it"


@dataclass
class Boot:
    runs: dict                      # name: Run
    seconds: float
    log: str                        # Linux's console log, kept for a failure's details


def boot_all(vmlinuz, progs, boot=None):
    """Run every program, booting Linux again for those a boot never reached: a program
    that takes Linux down (an oops in a QEMU corner, say) fails alone, not all after it."""
    boot = boot or boot_linux
    runs, logs, seconds, left = {}, [], 0.0, list(progs)
    while left:
        b = boot(vmlinuz, left)
        seconds += b.seconds
        logs.append(b.log)
        runs.update({n: r for n, r in b.runs.items() if not r.detail.startswith(NEVER_RAN)})
        rest = [p for p in left if p.name not in runs]
        if len(rest) == len(left):      # no progress: give up on the rest
            runs.update({p.name: b.runs[p.name] for p in rest})
            break
        left = rest
    return Boot(runs, seconds, "\n".join(logs))


def boot_linux(vmlinuz, progs):
    """Run every program on Linux i386 in one QEMU boot; return their runs."""
    os.makedirs(paths.TMP, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="reference-", dir=paths.TMP)
    initrd = os.path.join(workdir, "reference.cpio")
    with open(initrd, "wb") as f:
        f.write(initramfs(progs))
    report = os.path.join(workdir, "report.txt")
    cmd = ["qemu-system-i386", *qemu.PC, "-cpu", CPU, "-m", MEMORY, "-display", "none",
           "-no-reboot", "-kernel", vmlinuz, "-initrd", initrd,
           "-append", linux.APPEND, "-serial", "stdio", "-serial", f"file:{report}"]
    timeout = BOOT_SLACK + sum(p.timeout for p in progs)
    t0 = time.monotonic()
    res = qemu.run(cmd, workdir, timeout)
    seconds = time.monotonic() - t0
    text = open(report, encoding="latin-1").read() if os.path.exists(report) else ""
    runs = parse_report(text, [p.name for p in progs])
    if res.timed_out or res.status != 0:
        why = "timed out" if res.timed_out else f"QEMU exited with status {res.status}"
        for r in runs.values():
            if r.kind == Kind.ERROR:
                r.detail += f"; Linux {why}"
    return Boot(runs, seconds, res.raw + res.stderr)


class Reference:
    """The suite's Linux: native where this host runs i386 programs, else Linux i386 under
    QEMU, booted once for every program (start()), or skipped with a reason."""

    def __init__(self, mode="auto", ci=False):
        self.mode = mode               # auto, native or qemu
        self.ci = ci                   # in CI a reference that cannot run is a failure
        self.skip = ""
        self.vmlinuz = None
        self.boot = None               # qemu: the one boot's Boot, once it has ended
        self.done = threading.Event()
        self.x86_64 = False            # x86_64 programs run too (natively, always)

    def start(self, progs, submit):
        """Decide how the reference runs; for qemu, submit(fn) its boot to run now."""
        self.x86_64 = any(p.arch == "x86_64" for p in progs)
        progs = [p for p in progs if p.arch == "i386"]
        if self.mode == "auto":
            self.mode = "native" if native_works() else "qemu"
        if self.mode == "native" or not progs:
            self.done.set()
            return
        if not os.path.exists(INIT):
            self.skip = f"{paths.rel(INIT)} was not built (needs i386-linux-musl-gcc)"
        else:
            self.vmlinuz, self.skip = linux.fetch()
        if self.skip:
            self.done.set()
            return

        def boot():
            try:
                self.boot = boot_all(self.vmlinuz, progs)
            finally:
                self.done.set()
        submit(boot)

    def describe(self):
        return self.describe_i386() + ("; x86_64: native" if self.x86_64 else "")

    def describe_i386(self):
        if self.mode == "native":
            return "native"
        if self.skip:
            return "none (" + self.skip + ")"
        if self.vmlinuz is None:
            return "Linux i386 in QEMU, not booted (no i386 program to run)"
        return linux.name(self.vmlinuz) + " in QEMU"

    def native(self, prog):
        """Whether prog runs on this host's own Linux."""
        return self.mode == "native" or prog.arch != "i386"

    def run(self, prog):
        """prog's Run, or a string: why the reference could not run it here."""
        if prog.arch != "i386" and not arch.host_runs(prog.arch):
            return f"this host does not run {prog.arch} programs"
        if prog.arch != "i386" and prog.ia32 and not runs_int80():
            return NO_INT80
        if self.native(prog):
            return run_native(prog)
        self.done.wait()
        if self.skip:
            return self.skip
        if self.boot is None:
            return Run(Kind.ERROR, detail="the Linux boot failed")
        return self.boot.runs.get(prog.name) or Run(Kind.ERROR, detail="not in the boot")

    def where(self, prog=None):
        if prog is not None and prog.arch != "i386":
            return f"Linux {prog.arch}"
        return "Linux" if self.mode == "native" else "Linux i386 in QEMU"
