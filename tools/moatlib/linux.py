# linux.py: Debian's Linux kernels under QEMU: i386 for the benchmark and the suite's reference,
# amd64 for the x86_64 benchmark.
import glob
import os
import re
import shutil
import subprocess
import sys

from . import hosttools, paths

# Each width's meta package (it depends on linux-image-6.1.0-NN-FLAVOUR) and the flavour.
META = {"i386": ("linux-image-686-pae:i386", "686-pae"), "x86_64": ("linux-image-amd64", "amd64")}
DIR = os.path.join(paths.BUILD, "linux")
# quiet: the kernel's own lines would only slow the serial console down.
APPEND = "console=ttyS0 quiet cryptomgr.notests"


def cpio_newc(entries):
    """A cpio archive in the kernel's initramfs format (newc) from (name, mode, rdev, data)."""
    out = bytearray()

    def pad():
        out.extend(b"\0" * (-len(out) % 4))
    for ino, (name, mode, rdev, data) in enumerate(entries + [("TRAILER!!!", 0, (0, 0), b"")]):
        fields = [ino + 1 if name != "TRAILER!!!" else 0, mode, 0, 0, 1, 0, len(data), 0, 0,
                  rdev[0], rdev[1], len(name) + 1, 0]
        out += b"070701" + "".join(f"{v:08X}" for v in fields).encode() + name.encode() + b"\0"
        pad()
        out += data
        pad()
    return bytes(out)


DEVICES = [("dev", 0o040755, (0, 0), b""), ("dev/console", 0o020600, (5, 1), b""),
           ("dev/null", 0o020666, (1, 3), b""), ("dev/zero", 0o020666, (1, 5), b""),
           ("dev/full", 0o020666, (1, 7), b""), ("dev/random", 0o020666, (1, 8), b""),
           ("dev/urandom", 0o020666, (1, 9), b""), ("dev/ttyS1", 0o020600, (4, 65), b""),
           ("dev/tty", 0o020666, (5, 0), b""), ("dev/ttyS0", 0o020600, (4, 64), b"")] + [
    (f"dev/tty{i}", 0o020600, (4, i), b"") for i in range(64)]


def directories(names):
    """The cpio entries for every parent folder of names, parents first."""
    dirs = sorted({os.path.dirname(n[:i]) for n in names for i in range(len(n))} - {""})
    return [(d, 0o040755, (0, 0), b"") for d in dirs]


def cached_vmlinuz(arch="i386"):
    flavour = META[arch][1]
    found = sorted(glob.glob(os.path.join(DIR, "linux-image-*-" + flavour, "boot", "vmlinuz-*")))
    return found[-1] if found else None


def i386_lists():
    """Make sure apt knows Debian's i386 packages; the reason it can't, or ""."""
    if not hosttools.needs_i386(["x:i386"]):
        return ""
    if os.geteuid() != 0:
        return ("needs Debian's i386 package lists: "
                "sudo dpkg --add-architecture i386 && sudo apt-get update")
    if not hosttools.apt("dpkg", "--add-architecture", "i386") or not (
            hosttools.apt("apt-get", "update") or hosttools.apt("apt-get", "update")):
        return "dpkg --add-architecture i386 or apt-get update failed"
    return ""


def download_deb(pkg, member, dest):
    """Unpack the files matching member (a tar pattern such as ./boot/vmlinuz-*) of Debian's
    package pkg (name:arch) into dest, with apt-get download; the reason it failed, or ""."""
    why = i386_lists() if pkg.endswith(":i386") else ""
    if why:
        return why
    os.makedirs(dest, exist_ok=True)
    base = pkg.split(":")[0]
    for old in glob.glob(os.path.join(dest, base + "_*.deb")):
        os.remove(old)
    print(f"run.py: fetching {pkg} into {paths.rel(dest)}/", file=sys.stderr, flush=True)
    sandbox = ["-o", "APT::Sandbox::User=root"] if os.geteuid() == 0 else []  # no _apt warning
    proc = subprocess.run(["apt-get", "download", "-q", *sandbox, pkg], cwd=dest,
                          env=hosttools.APT_ENV, stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL)
    debs = glob.glob(os.path.join(dest, base + "_*.deb"))
    if proc.returncode != 0 or not debs:
        return f"apt-get download {pkg} failed"
    tar = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", debs[0]], stdout=subprocess.PIPE)
    ok = subprocess.run(["tar", "-x", "-C", dest, "--wildcards", member],
                        stdin=tar.stdout).returncode == 0
    ok = tar.wait() == 0 and ok
    os.remove(debs[0])
    return "" if ok else f"could not unpack {member} from {os.path.basename(debs[0])}"


def deb_files(pkg, member, folder, files):
    """files (paths under folder), unpacked from Debian's package pkg (its members matching
    member) the first time one of them is missing: their paths, and the reason they could not
    be had, or ""."""
    found = [os.path.join(folder, f) for f in files]
    why = "" if all(map(os.path.exists, found)) else download_deb(pkg, member, folder)
    return found, why


def fetch(arch="i386"):
    """Debian's kernel for the width: the 686-pae (i386) or amd64 (x86_64) meta package's
    image, of which only the vmlinuz is kept (the modules are 190 MB the initramfs never
    needs), under build/linux/ (once). Returns the vmlinuz, or None and the reason it could
    not be had."""
    vmlinuz = cached_vmlinuz(arch)
    if vmlinuz:
        return vmlinuz, ""
    why = i386_lists() if arch == "i386" else ""
    if why:
        return None, why
    meta, flavour = META[arch]
    deps = subprocess.run(["apt-cache", "depends", meta], capture_output=True, text=True)
    m = re.search(r"Depends: (linux-image-\S+-" + re.escape(flavour) + r")\b", deps.stdout)
    if not m:
        return None, f"apt-cache depends {meta} names no kernel image (run apt-get update?)"
    pkg = m.group(1).split(":")[0]
    dest = os.path.join(DIR, pkg)
    why = download_deb(pkg + (":i386" if arch == "i386" else ""), "./boot/vmlinuz-*", dest)
    if why:
        shutil.rmtree(dest, ignore_errors=True)
        return None, why
    return cached_vmlinuz(arch), ""


def name(vmlinuz):
    """linux-6.1-i386, from .../linux-image-6.1.0-57-686-pae/boot/vmlinuz-...; linux-6.1-x86_64
    from an amd64 one."""
    m = re.search(r"vmlinuz-(\d+)\.(\d+)", vmlinuz)
    width = "x86_64" if vmlinuz.endswith("-" + META["x86_64"][1]) else "i386"
    return f"linux-{m.group(1)}.{m.group(2)}-{width}" if m else os.path.basename(vmlinuz)
