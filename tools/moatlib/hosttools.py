# hosttools.py: check for (and as root, install) the Debian 12 packages moat needs, and build it.
import os
import shutil
import subprocess
import sys

from . import paths

# (a program on PATH or an absolute path that the package provides, the Debian package)
NEEDS = [
    ("meson", "meson"),
    ("ninja", "ninja-build"),
    ("gcc", "gcc"),                                   # the native host unit tests
    ("/usr/include/stdio.h", "libc6-dev"),            # only a Recommends of gcc
    ("i686-linux-gnu-gcc", "gcc-i686-linux-gnu"),
    ("i686-linux-gnu-objcopy", "binutils-i686-linux-gnu"),
    ("qemu-system-i386", "qemu-system-x86"),
    ("qemu-system-x86_64", "qemu-system-x86"),         # the same package: moat64.elf's boots
    ("grub-mkrescue", "grub-common"),
    ("/usr/lib/grub/i386-pc/multiboot2.mod", "grub-pc-bin"),
    ("xorriso", "xorriso"),
    ("mformat", "mtools"),
    ("i386-linux-musl-gcc", "musl-dev:i386"),         # the Linux reference builds
    ("musl-gcc", "musl-tools"),                       # the x86_64 musl test programs
    ("/usr/lib/grub/x86_64-efi/multiboot2.mod", "grub-efi-amd64-bin"),  # image: UEFI
    ("/usr/lib/grub/i386-efi/multiboot2.mod", "grub-efi-ia32-bin"),
    ("/usr/share/ovmf/OVMF.fd", "ovmf"),              # the image's UEFI boot test
    ("clang-format", "clang-format"),                 # the suite checks the C formatting
]
APT_ENV = dict(os.environ, DEBIAN_FRONTEND="noninteractive")


def missing_packages():
    """The packages whose program or file is missing, in NEEDS order, each once."""
    def present(what):
        return os.path.exists(what) if what.startswith("/") else shutil.which(what)
    return list(dict.fromkeys(pkg for what, pkg in NEEDS if not present(what)))


def needs_i386(pkgs):
    """Whether dpkg must learn the i386 architecture before installing pkgs."""
    if not any(p.endswith(":i386") for p in pkgs):
        return False
    try:
        proc = subprocess.run(["dpkg", "--print-foreign-architectures"],
                              capture_output=True, text=True)
    except OSError:
        return True                                    # not Debian: say the whole line
    return proc.returncode != 0 or "i386" not in proc.stdout.split()


def install_line(pkgs, sudo):
    """The exact shell line that installs pkgs."""
    s = "sudo " if sudo else ""
    steps = [f"{s}dpkg --add-architecture i386"] if needs_i386(pkgs) else []
    steps += [f"({s}apt-get update || {s}apt-get update)",
              f"{s}apt-get install -y --no-install-recommends " + " ".join(pkgs)]
    return " && ".join(steps)


def apt(*args):
    print("+ " + " ".join(args), file=sys.stderr, flush=True)
    return subprocess.run(list(args), env=APT_ENV, stdin=subprocess.DEVNULL).returncode == 0


def install(pkgs):
    """Install pkgs as root. An i386 index can fail once with a size mismatch, so
    apt-get update gets a second try; if that fails too, the install may still work
    with the indexes that did download."""
    if needs_i386(pkgs) and not apt("dpkg", "--add-architecture", "i386"):
        return False
    if not apt("apt-get", "update") and not apt("apt-get", "update"):
        print("run.py: apt-get update failed twice; trying the install anyway",
              file=sys.stderr)
    return apt("apt-get", "install", "-y", "--no-install-recommends", *pkgs)


def ensure_tools():
    """Return 0 if every host tool is present (installing them as root), else 2."""
    pkgs = missing_packages()
    if not pkgs:
        return 0
    if os.geteuid() != 0:
        print("run.py: missing host packages: " + " ".join(pkgs)
              + "\ninstall them (Debian 12) with:\n  " + install_line(pkgs, sudo=True),
              file=sys.stderr)
        return 2
    print("run.py: installing missing host packages: " + " ".join(pkgs), file=sys.stderr)
    if install(pkgs) and not missing_packages():
        return 0
    print("run.py: installing failed; the line was:\n  " + install_line(pkgs, sudo=False),
          file=sys.stderr)
    return 2


def build(quiet, targets=None):
    """Configure build/ if needed, then run ninja (for targets, or everything). Return True
    on success. Quiet: meson's and ninja's output is shown only if a step fails; ninja's
    progress still shows, on one line on a terminal, so a first build is never silent."""
    steps = []
    if not os.path.exists(os.path.join(paths.BUILD, "build.ninja")):
        coredata = os.path.join(paths.BUILD, "meson-private", "coredata.dat")
        wipe = ["--wipe"] if os.path.exists(coredata) else []  # a setup that failed
        steps.append(["meson", "setup", *wipe, paths.BUILD,
                      "--cross-file", os.path.join(paths.ROOT, "cross", "i386.ini")])
        print("run.py: configuring build/ (meson setup)", file=sys.stderr, flush=True)
    steps.append(["ninja", "-C", paths.BUILD] + (targets or []))
    for cmd in steps:
        proc = subprocess.Popen(cmd, cwd=paths.ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log = []
        for line in proc.stdout:
            log.append(line)
            if not quiet:
                sys.stderr.buffer.write(line)
            elif cmd[0] == "ninja" and line.startswith(b"["):
                progress(line.decode("utf-8", "replace").rstrip())
        progress(None)
        if proc.wait() != 0:
            if quiet:
                sys.stderr.buffer.write(b"".join(log))
            print(f"run.py: build failed: {' '.join(cmd)} (status {proc.returncode})",
                  file=sys.stderr)
            return False
    return True


def progress(line, state={"shown": False}):
    """ninja's [n/N] line: rewritten in place on a terminal, else every tenth step; None
    ends it."""
    tty = sys.stderr.isatty()
    if line is None:
        if state["shown"] and tty:
            sys.stderr.write("\n")
        state["shown"] = False
        return
    done, _, rest = line[1:].partition("]")
    n, _, total = done.partition("/")
    if tty:
        sys.stderr.write("\r\x1b[Krun.py: building " + line[:70])
    elif n.isdigit() and total.isdigit() and (int(n) == 1 or int(n) % 10 == 0
                                              or n == total):
        sys.stderr.write(f"run.py: building [{n}/{total}]{rest[:60]}\n")
    else:
        return
    sys.stderr.flush()
    state["shown"] = True
