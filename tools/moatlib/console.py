# console.py: the kernel's console protocol (tests/README.md): clean a serial log, find the outcome.
import enum
import os
import re
import sys
import time
from dataclasses import dataclass, field


class Kind(enum.StrEnum):
    """How a run ended: the kind of an Outcome (a moat boot) or of a reference.Run (a Linux
    run). A member is its own text, so it prints and compares as the word it stands for."""
    EXITED = "exited"       # the app exited: value is its status
    KILLED = "killed"       # a signal killed the app: value is the signal's number
    REFUSED = "refused"     # the kernel refused the app
    PANIC = "panic"         # the kernel panicked
    TIMEOUT = "timeout"     # still running when the time was up
    RESET = "reset"         # QEMU exited 0 with no final line: a triple fault or a reset
    QEMU = "qemu"           # QEMU's status disagrees with the final line, or no final line
    QUIT = "quit"           # the user quit QEMU (Ctrl-A x)
    ERROR = "error"         # a Linux run that did not happen or was not reported whole


KERNEL_PREFIX = "moat: "
# On the channel before a kernel line: the kernel ended the app's unfinished line with a
# newline of its own before it, which is not the app's output.
BREAK = "\x1e"
# CSI sequences (GRUB's cursor moves and clears), then the two-byte ESC sequences.
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
FINAL = [
    (Kind.EXITED, re.compile(r"moat: app exited with status (\d+)$")),
    (Kind.KILLED, re.compile(r"moat: app killed by signal (\d+) \(\w+\)$")),
    (Kind.REFUSED, re.compile(r"moat: app refused: (.+)$")),
    (Kind.PANIC, re.compile(r"moat: PANIC: (.*)$")),
]
# QEMU's status when the kernel wrote to isa-debug-exit: (value << 1) | 1.
QEMU_STATUS = {Kind.EXITED: 33, Kind.KILLED: 33, Kind.REFUSED: 35, Kind.PANIC: 253}


def clean(text):
    """Drop ANSI escapes and carriage returns, as every comparison does."""
    return ANSI.sub("", text).replace("\r", "")


@dataclass
class Outcome:
    """How a boot ended: any Kind but ERROR."""
    kind: Kind
    value: int = 0          # the exit status or the signal number
    detail: str = ""        # the refusal reason, the panic line, or what went wrong

    def status(self):
        """run.py's exit status for this outcome (README.md: exit statuses)."""
        return {Kind.EXITED: self.value, Kind.KILLED: 128 + self.value, Kind.REFUSED: 126,
                Kind.TIMEOUT: 124, Kind.QUIT: 130}.get(self.kind, 125)

    def describe(self):
        return {Kind.EXITED: f"exited with status {self.value}",
                Kind.KILLED: f"killed by signal {self.value}",
                Kind.REFUSED: f"app refused: {self.detail}",
                Kind.PANIC: f"kernel panic: {self.detail}",
                Kind.TIMEOUT: f"timeout: {self.detail}",
                Kind.RESET: f"triple fault or reset: {self.detail}",
                Kind.QEMU: f"QEMU failed: {self.detail}",
                Kind.QUIT: "QEMU quit (Ctrl-A x)"}[self.kind]


@dataclass
class Console:
    """A parsed serial log."""
    outcome: Outcome
    app_output: str = ""                      # the app's output (not the kernel's newlines)
    kernel_lines: list = field(default_factory=list)


def channel_lines(text):
    """The kernel's lines on its channel, each with whether a BREAK came before it."""
    lines = (l for l in clean(text).split("\n") if l.removeprefix(BREAK).startswith(KERNEL_PREFIX))
    return [(l.removeprefix(BREAK), l.startswith(BREAK)) for l in lines]


def final_outcome(line):
    """The Outcome a final line announces, or None if `line` is not a final line."""
    for kind, pattern in FINAL:
        m = pattern.match(line)
        if m:
            if kind in (Kind.EXITED, Kind.KILLED):
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
    trusted, breaks = None, []
    if channel is not None:
        pairs = channel_lines(channel)
        trusted, breaks = [l for l, _ in pairs], [b for _, b in pairs]

    def is_kernel(line, k):
        if trusted is None:
            return line.startswith(KERNEL_PREFIX)
        return k < len(trusted) and line == trusted[k]
    start = next((i for i, l in enumerate(lines) if is_kernel(l, 0)), len(lines))
    app, kernel, final = [], [], None        # app: the output's pieces, text and newlines
    for i in range(start, len(lines)):
        if is_kernel(lines[i], len(kernel)):
            if breaks and breaks[len(kernel)] and app and app[-1] == "\n":
                app.pop()                     # the kernel's newline, not the app's
            kernel.append(lines[i])
            final = final or final_outcome(lines[i])
        elif final is None:
            app += [lines[i], "\n"] if i < len(lines) - 1 else [lines[i]]
    if trusted is not None:
        kernel = trusted
        final = next(filter(None, map(final_outcome, trusted)), None)
    quit = final is None and "QEMU: Terminated" in "\n".join(lines[-3:])  # Ctrl-A x
    outcome = Outcome(Kind.QUIT) if quit else decide(final, qemu_status, timed_out, timeout,
                                                 bool(kernel))
    return Console(outcome, "".join(app), kernel)


def decide(final, qemu_status, timed_out, timeout, booted):
    """Combine the final line (or None) with QEMU's exit status."""
    if timed_out:
        what = "no final line" if final is None else \
            f"QEMU still running after: {final.describe()}"
        return Outcome(Kind.TIMEOUT, detail=f"{what} after {timeout:g} s")
    if final is not None:
        if qemu_status == QEMU_STATUS[final.kind]:
            return final
        return Outcome(Kind.QEMU, detail=f"{final.describe()}, but QEMU exited with "
                       f"status {qemu_status} (expected {QEMU_STATUS[final.kind]})")
    if qemu_status == 0:
        return Outcome(Kind.RESET, detail="QEMU exited with status 0 and no final line")
    if not booted:
        return Outcome(Kind.QEMU, detail=f"status {qemu_status}, the kernel printed nothing")
    return Outcome(Kind.QEMU, detail=f"status {qemu_status} and no final line")


class LiveView:
    """Shows a serial log as it arrives, split the way a script wants it: the app's output on
    `out` as it comes (with plain \\n line ends unless `raw_tty`), the kernel's lines and the
    firmware's preamble on `err` (or nowhere, if quiet). A line is the kernel's only where the
    kernel's channel (the file at channel_path, growing alongside) has it next. Unless raw_tty
    (a terminal shows both streams), the newline with which the kernel ended the app's
    unfinished line is not passed on: an app line's newline is held while the channel's next
    line says so (BREAK), and dropped if that line comes next."""

    def __init__(self, out, err, channel_path=None, quiet=False, raw_tty=False):
        self.out, self.err = out, err          # binary streams
        self.channel_path = channel_path
        self.quiet, self.raw_tty = quiet, raw_tty
        self.pending = b""                     # an undecided line: maybe the kernel's
        self.in_app_line = False               # the current line is the app's: pass it on
        self.booted = False                    # the kernel's first line has been seen
        self.channel, self.channel_text = [], b""  # the channel's lines: (text, after a break)
        self.held_cr = False
        self.held_nl = b""                     # an app line's newline, maybe the kernel's
        self.at_line_start = True              # of out, for messages printed after the log

    def __call__(self, chunk):
        data = self.pending + chunk
        self.pending = b""
        while data:
            if self.in_app_line:
                nl = data.find(b"\n")
                self.app_part(data if nl < 0 else data[:nl + 1], nl >= 0)
                if nl < 0:
                    return
                self.in_app_line, data = False, data[nl + 1:]
                continue
            nl = data.find(b"\n")
            line = data if nl < 0 else data[:nl + 1]
            text = clean(line.decode("utf-8", "replace")).rstrip("\n")
            maybe_kernel = text.startswith(KERNEL_PREFIX) or KERNEL_PREFIX.startswith(text)
            if nl < 0 and (maybe_kernel or not self.booted):
                self.pending = data                # wait for the rest of the line
                return
            data = data[nl + 1:] if nl >= 0 else b""
            if nl >= 0 and text.startswith(KERNEL_PREFIX) and self.is_kernel(text):
                self.booted = True
                if self.held_nl == b"\n":         # it was the kernel's, and so was its \r
                    self.held_cr = False
                self.held_nl = b""
                self.show_err(text)
            elif not self.booted:
                if text.strip():
                    self.show_err(text)            # GRUB's or the firmware's lines
            else:
                self.flush_held()
                self.app_part(line, nl >= 0)
                self.in_app_line = nl < 0

    def is_kernel(self, text):
        """Whether text is the kernel channel's next line. The kernel writes a line there
        before the serial console, and QEMU writes the file at once, so it is in already;
        one short second look covers a slow file system without slowing an app that prints
        many lines that only look like the kernel's."""
        if not self.channel and not self.read_channel():
            time.sleep(0.002)
            self.read_channel()
        if not self.channel or self.channel[0][0] != text:
            return False
        self.channel.pop(0)
        return True

    def app_part(self, data, line_ends):
        """Pass on app output; a line's newline waits (held_nl) if the kernel's next line
        follows a break, which the kernel writes to the channel before the newline."""
        if line_ends and not self.raw_tty and (self.channel or self.read_channel()) \
                and self.channel[0][1]:
            cut = 2 if data.endswith(b"\r\n") else 1
            data, self.held_nl = data[:-cut], data[-cut:]
        self.app(data)

    def flush_held(self):
        if self.held_nl:
            held, self.held_nl = self.held_nl, b""
            self.app(held)

    def read_channel(self):
        """Take in the channel's new complete lines; False if there were none."""
        try:
            with open(self.channel_path, "rb") as f:
                f.seek(len(self.channel_text))
                new = f.read()
        except (OSError, TypeError):
            return False
        new = new[:new.rfind(b"\n") + 1]
        self.channel_text += new
        self.channel += channel_lines(new.decode("utf-8", "replace"))
        return bool(new)

    def show_err(self, text):
        if not self.quiet:
            self.send("err", text.encode() + (b"\r\n" if self.raw_tty else b"\n"))

    def app(self, data):
        if not self.raw_tty:                   # the kernel's ONLCR: \r\n is a plain \n
            data = (b"\r" if self.held_cr else b"") + data
            self.held_cr = data.endswith(b"\r")
            data = (data[:-1] if self.held_cr else data).replace(b"\r\n", b"\n")
        if data:
            self.at_line_start = data.endswith(b"\n")
            self.send("out", data)

    def send(self, stream, data):
        """data to self.out or self.err. Once that stream's reader has gone (`run ... | head
        -1`, `2>&1` too), what would go there is dropped, as a write to a closed pipe fails,
        and the machine runs on to its end: the reader thread must not die, or QEMU blocks."""
        to = getattr(self, stream)
        if to is None:
            return
        try:
            to.write(data)
            to.flush()
        except BrokenPipeError:
            for std in (sys.stdout, sys.stderr):  # what it still buffers goes nowhere at exit
                if to is std.buffer:
                    os.dup2(os.open(os.devnull, os.O_WRONLY), std.fileno())
            setattr(self, stream, None)

    def close(self):
        self.flush_held()
        if self.pending:
            self.app(self.pending)
            self.pending = b""
        if self.held_cr:
            self.held_cr = False
            self.send("out", b"\r")
