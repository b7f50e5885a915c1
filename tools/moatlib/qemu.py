# qemu.py: boot moat with one app under QEMU (direct or via a GRUB ISO); capture the serial log.
import os
import re
import shlex
import shutil
import subprocess
import termios
import threading
import time
from dataclasses import dataclass, field

import mkiso  # tools/ is on sys.path: run.py lives there

from . import arch

# The kernel's lines also go to the debug console (port 0xe9), which the app cannot write:
# run() reads it back from the work folder, and the verdict comes from it (console.parse).
CHANNEL = "kernel.log"
# -no-user-config: nothing from /etc/qemu; the machine is what these lists say. The binary
# before them follows the kernel's width (arch.qemu_for): qemu-system-i386 or -x86_64, which
# has the same devices, so the exit device and the debug console work alike on both.
QEMU = ["-display", "none", "-no-reboot", "-no-user-config",
        "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-debugcon", "file:" + CHANNEL]
# Interactive: Ctrl-C goes to the guest; the mux gives Ctrl-A x to quit QEMU.
SERIAL_TTY = ["-chardev", "stdio,id=con,mux=on,signal=off", "-serial", "chardev:con"]
SERIAL_PIPE = ["-serial", "stdio"]
# The PC without its default NIC (and iPXE ROM), VGA, floppy and parallel port: a GRUB boot
# takes 0.85 s instead of 1.0 s.
PC = ["-M", "pc", "-nodefaults"]
# microvm without ACPI: QEMU builds no tables, which were 700 of its 4,400 page faults and
# about 5 ms of the 40 from QEMU's start to the app's first line. moat uses ACPI only to power
# off or reset, and isa-debug-exit (always on the command line here) ends QEMU first.
MICROVM = ["-M", "microvm,acpi=off", "-nodefaults"]
# The kernel's first line: from here on, the kernel owns the UART and stdin may flow.
FIRST_LINE = re.compile(rb"(?:^|\n)(?:\x1b\[[0-?]*[ -/]*[@-~]|\r)*moat: ")


@dataclass
class Boot:
    """One boot of the kernel with (optionally) one app."""
    kernel: str
    app: str = None                    # None: boot with no module
    args: list = field(default_factory=list)
    append: str = ""                   # the kernel's command line (words as a shell splits)
    iso: bool = False                  # through GRUB instead of QEMU's -kernel
    extra: list = field(default_factory=list)   # more QEMU arguments
    cpu: str = "max"                   # QEMU's CPU model
    machine: str = "microvm"           # for direct boot: microvm (qboot, fast) or pc (SeaBIOS)
    plain_initrd: bool = False         # not moat's app: -initrd as is, no argv after "--"
    iso_image: str = None              # iso: boot this prebuilt ISO (mkiso.make_suite_iso)...
    iso_key: str = None                # ...at this entry
    env: list = field(default_factory=list)    # the app's KEY=VALUE environment
    width: str = "i386"                # QEMU's width for a kernel that is no ELF (a bzImage)

    def kernel_words(self):
        """The kernel's command line as words: append (split as a shell would) and env."""
        return shlex.split(self.append) + self.env
    mem: str = "128M"                  # QEMU's -m: the RAM size


@dataclass
class Result:
    raw: str                           # the whole serial log, escapes and all
    status: int                        # QEMU's exit status (negative: killed by us)
    timed_out: bool
    stderr: str
    seconds: float
    channel: str = None                # the kernel's debug console (console.parse)


def command(boot, workdir, interactive=False):
    """QEMU's command line for `boot`, run in cwd `workdir` (which this fills).

    The app is copied into workdir under its own file name, so argv[0] is that bare
    name on both paths: GRUB passes the words after the module's path; for QEMU's PVH
    boot the kernel takes argv from its command line, after "--"."""
    name = mkiso.check_name(os.path.basename(boot.app)) if boot.app else None
    words = boot.kernel_words()
    for word in boot.args + words:
        mkiso.grub_quote(word)         # raises ValueError for a word no path can pass
    qemu = [arch.qemu_for(boot.kernel, boot.width)] + QEMU
    serial = (SERIAL_TTY if interactive else SERIAL_PIPE) + ["-cpu", boot.cpu, "-m", boot.mem]
    if boot.iso or boot.machine == "pc":
        serial += PC                   # GRUB needs a PC BIOS
    if boot.iso and boot.iso_image:
        return qemu + serial + ["-cdrom", os.path.abspath(boot.iso_image),
                                "-smbios", f"type=1,serial={boot.iso_key}"] + boot.extra
    if boot.iso:
        iso = os.path.join(workdir, "boot.iso")
        mkiso.make_iso(iso, boot.kernel, boot.app, words, name, boot.args, workdir)
        return qemu + serial + ["-cdrom", iso] + boot.extra
    cmd = qemu + serial + ["-kernel", os.path.abspath(boot.kernel)]
    if boot.machine != "pc":
        cmd += MICROVM if boot.machine == "microvm" else ["-M", boot.machine]
    if boot.app and boot.plain_initrd:
        cmd += ["-initrd", os.path.abspath(boot.app)]
    elif boot.app:
        # Direct boot is PVH: -initrd is one file, and the app's argv follows "--" on the
        # kernel's command line (as Linux passes init its arguments).
        shutil.copyfile(boot.app, os.path.join(workdir, name))
        cmd += ["-initrd", name]
        words += ["--", name] + boot.args
    if words:
        cmd += ["-append", " ".join(map(kernel_quote, words))]
    return cmd + boot.extra


def kernel_quote(word):
    """One word for the kernel's command line: quoted where it has blanks, quotes or
    backslashes, which the kernel's parser (cmdline_word) undoes."""
    if word and not any(c in word for c in ' "\\'):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def pipe_escape(data):
    """Bytes for a kernel booted with stdin=pipe: ^D and ^V as data go behind a ^V."""
    return data.replace(b"\x16", b"\x16\x16").replace(b"\x04", b"\x16\x04")


def feed(proc, stdin, pipe=False):
    """Give the guest its input: bytes, or a binary stream copied until its end. pipe: the
    kernel reads a pipe (stdin=pipe): escape the data and end it with a bare ^D."""
    try:
        if isinstance(stdin, bytes):
            proc.stdin.write(pipe_escape(stdin) if pipe else stdin)
        else:
            while chunk := os.read(stdin.fileno(), 4096):
                proc.stdin.write(pipe_escape(chunk) if pipe else chunk)
                proc.stdin.flush()
        if pipe:
            proc.stdin.write(b"\x04")
        proc.stdin.close()
    except (BrokenPipeError, ValueError, OSError):
        pass                           # QEMU has gone


def read_serial(proc, stdin, sink, chunks, pipe):
    """Collect QEMU's stdout; start feeding stdin once the kernel's first line shows."""
    started = stdin is None
    while chunk := os.read(proc.stdout.fileno(), 65536):
        chunks.append(chunk)
        if sink:
            sink(chunk)
        if not started and FIRST_LINE.search(b"".join(chunks)):
            started = True
            threading.Thread(target=feed, args=(proc, stdin, pipe), daemon=True).start()


def stop(proc):
    """End QEMU: SIGTERM lets it restore the terminal; SIGKILL if it will not go."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(3)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def run(cmd, cwd, timeout=None, stdin=None, sink=None, interactive=False, pipe=False):
    """Run QEMU until it exits or `timeout` seconds pass.

    stdin: None (none at all, or the terminal if interactive), bytes, or a binary
    stream; it reaches the guest only after the kernel's first line, so neither GRUB
    nor the kernel's UART set-up can swallow it. pipe: the kernel was booted with
    stdin=pipe (escape the input and mark its end). sink(chunk) sees the output live."""
    t0 = time.monotonic()
    saved = termios.tcgetattr(0) if interactive else None   # QEMU makes the tty raw
    with open(os.path.join(cwd, "qemu.stderr"), "w+") as err:
        proc = subprocess.Popen(
            cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=err,
            stdin=None if interactive else subprocess.DEVNULL if stdin is None
            else subprocess.PIPE)
        chunks = []
        reader = threading.Thread(target=read_serial, args=(proc, stdin, sink, chunks, pipe),
                                  daemon=True)
        reader.start()
        timed_out = False
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
        finally:
            stop(proc)                 # also on KeyboardInterrupt
            if saved:
                termios.tcsetattr(0, termios.TCSADRAIN, saved)  # if QEMU could not
        reader.join(5)
        err.seek(0)
        stderr = "".join(l for l in err if "terminating on signal" not in l)  # our SIGTERM
        channel = None
        if "file:" + CHANNEL in cmd:   # moat's boots; "" if QEMU never started
            try:
                with open(os.path.join(cwd, CHANNEL), "rb") as f:
                    channel = f.read().decode("utf-8", "replace")
            except FileNotFoundError:
                channel = ""
        return Result(b"".join(chunks).decode("utf-8", "replace"), proc.returncode,
                      timed_out, stderr, time.monotonic() - t0, channel)
