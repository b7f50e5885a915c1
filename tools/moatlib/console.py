# console.py: the kernel's console protocol (tests/README.md): clean a serial log, find the outcome.
import re
from dataclasses import dataclass, field

KERNEL_PREFIX = "moat: "
# CSI sequences (GRUB's cursor moves and clears), then the two-byte ESC sequences.
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
FINAL = [
    ("exited", re.compile(r"moat: app exited with status (\d+)$")),
    ("killed", re.compile(r"moat: app killed by signal (\d+) \(\w+\)$")),
    ("refused", re.compile(r"moat: app refused: (.+)$")),
    ("panic", re.compile(r"moat: PANIC: (.*)$")),
]
# QEMU's status when the kernel wrote to isa-debug-exit: (value << 1) | 1.
QEMU_STATUS = {"exited": 33, "killed": 33, "refused": 35, "panic": 253}


def clean(text):
    """Drop ANSI escapes and carriage returns, as every comparison does."""
    return ANSI.sub("", text).replace("\r", "")


@dataclass
class Outcome:
    """How a boot ended: exited, killed, refused, panic, timeout, reset, qemu or quit."""
    kind: str
    value: int = 0          # the exit status or the signal number
    detail: str = ""        # the refusal reason, the panic line, or what went wrong

    def status(self):
        """run.py's exit status for this outcome (README.md: exit statuses)."""
        return {"exited": self.value, "killed": 128 + self.value, "refused": 126,
                "timeout": 124, "quit": 130}.get(self.kind, 125)

    def describe(self):
        return {"exited": f"exited with status {self.value}",
                "killed": f"killed by signal {self.value}",
                "refused": f"app refused: {self.detail}",
                "panic": f"kernel panic: {self.detail}",
                "timeout": f"timeout: {self.detail}",
                "reset": f"triple fault or reset: {self.detail}",
                "qemu": f"QEMU failed: {self.detail}",
                "quit": "QEMU quit (Ctrl-A x)"}[self.kind]


@dataclass
class Console:
    """A parsed serial log."""
    outcome: Outcome
    app_output: str = ""                      # the app's lines, each ending in "\n"
    kernel_lines: list = field(default_factory=list)


def final_outcome(line):
    """The Outcome a final line announces, or None if `line` is not a final line."""
    for kind, pattern in FINAL:
        m = pattern.match(line)
        if m:
            if kind in ("exited", "killed"):
                return Outcome(kind, int(m.group(1)))
            return Outcome(kind, detail=m.group(1))
    return None


def parse(raw, qemu_status, timed_out=False, timeout=None, channel=None):
    """Split a serial log into kernel lines and app output and decide the outcome.

    A final line only counts if QEMU's status agrees with it: neither alone is success.
    channel: what the kernel wrote to its own channel (the debug console, port 0xe9), which
    the app cannot write. Given, the kernel lines and the outcome come from it alone, and a
    serial line is the kernel's only where it is the next line the channel has: nothing the
    app prints can pass for a kernel line.
    """
    lines = clean(raw).split("\n")
    trusted = None if channel is None else \
        [l for l in clean(channel).split("\n") if l.startswith(KERNEL_PREFIX)]

    def is_kernel(line, k):
        if trusted is None:
            return line.startswith(KERNEL_PREFIX)
        return k < len(trusted) and line == trusted[k]
    start = next((i for i, l in enumerate(lines) if is_kernel(l, 0)), len(lines))
    app, kernel, final = [], [], None
    for line in lines[start:]:
        if is_kernel(line, len(kernel)):
            kernel.append(line)
            final = final or final_outcome(line)
        elif final is None:
            app.append(line)
    if trusted is not None:
        kernel = trusted
        final = next(filter(None, map(final_outcome, trusted)), None)
    if final is None and app and app[-1] == "":
        app.pop()                             # what followed the log's last newline
    quit = final is None and "QEMU: Terminated" in "\n".join(lines[-3:])  # Ctrl-A x
    outcome = Outcome("quit") if quit else decide(final, qemu_status, timed_out, timeout,
                                                 bool(kernel))
    return Console(outcome, "".join(l + "\n" for l in app), kernel)


def decide(final, qemu_status, timed_out, timeout, booted):
    """Combine the final line (or None) with QEMU's exit status."""
    if timed_out:
        what = "no final line" if final is None else \
            f"QEMU still running after: {final.describe()}"
        return Outcome("timeout", detail=f"{what} after {timeout:g} s")
    if final is not None:
        if qemu_status == QEMU_STATUS[final.kind]:
            return final
        return Outcome("qemu", detail=f"{final.describe()}, but QEMU exited with "
                       f"status {qemu_status} (expected {QEMU_STATUS[final.kind]})")
    if qemu_status == 0:
        return Outcome("reset", detail="QEMU exited with status 0 and no final line")
    if not booted:
        return Outcome("qemu", detail=f"status {qemu_status}, the kernel printed nothing")
    return Outcome("qemu", detail=f"status {qemu_status} and no final line")


class LiveView:
    """Shows a serial log as it arrives: GRUB's preamble cleaned line by line (its escapes
    would clear the terminal), then, from the kernel's first line on, the bytes as they are."""

    def __init__(self, out):
        self.out = out                        # a binary stream
        self.pending = b""                    # preamble: the unfinished line
        self.raw = False
        self.at_line_start = True             # for messages printed after the log

    def __call__(self, chunk):
        if self.raw:
            return self.emit(chunk)
        self.pending += chunk
        *lines, self.pending = self.pending.split(b"\n")
        for i, line in enumerate(lines):
            text = clean(line.decode("utf-8", "replace"))
            if text.startswith(KERNEL_PREFIX):
                self.raw = True
                rest = b"\n".join(lines[i + 1:] + [self.pending])
                self.pending = b""
                return self.emit(text.encode() + b"\n" + rest)
            if text.strip():
                self.emit(text.encode() + b"\n")

    def emit(self, data):
        if data:
            self.at_line_start = data.rstrip(b"\r").endswith(b"\n")
        self.out.write(data)
        self.out.flush()

    def close(self):
        if self.pending:
            self.emit(clean(self.pending.decode("utf-8", "replace")).encode())
            self.pending = b""
