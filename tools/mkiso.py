#!/usr/bin/env python3
# mkiso.py: build a GRUB (Multiboot2) rescue ISO that boots a moat kernel with one app.
"""Usage: mkiso.py --out X.iso --kernel K [--app A] [--cmdline ARGS] [--name NAME] [-- APPARGS...]

K is either width's kernel: build/moat.elf (i386) or build/moat64.elf (x86_64), which GRUB's
multiboot2 loads as an ELF64 whose segments lie below 4 GiB. The app becomes a Multiboot2
module whose command line is `NAME APPARGS...`: GRUB passes the words after the module's
path, so argv[0] is the bare file name, as in a direct boot (PVH), where the app's argv
follows "--" on the kernel command line.
"""

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

SAFE_NAME = re.compile(r"[A-Za-z0-9._+-]+")

# No `timeout_style=hidden`: with a serial terminal it costs GRUB 2.06 three seconds.
# No `terminal_input serial`: GRUB must not read (and eat) bytes meant for the app.
GRUB_CFG = """\
set timeout=0
serial --unit=0 --speed=115200
terminal_output serial
menuentry "moat" {{
  multiboot2 /boot/{kernel}{cmdline}
{module}  boot
}}
"""
# Only the modules grub.cfg needs (grub-mkrescue adds their dependencies), no fonts,
# locales or themes: an 800 KiB ISO in a third of the time of the 9.5 MiB default.
MKRESCUE_SLIM = ["--install-modules=normal serial terminal multiboot2 boot",
                 "--fonts=", "--locales=", "--themes="]


def grub_quote(word):
    """Quote one word for grub.cfg, as a shell would; GRUB removes the quotes, then passes
    the word on in a command line with quotes around blanks and backslashes before quotes
    and backslashes, which the kernel undoes (cmdline_word): any word arrives intact."""
    if "\n" in word or "\0" in word:
        raise ValueError(f"argument {word!r}: a newline or NUL cannot pass to the kernel")
    return "'" + word.replace("'", "'\\''") + "'"


def check_name(name):
    """The app's file name, if it is safe on the ISO and as argv[0]."""
    if not SAFE_NAME.fullmatch(name):
        raise ValueError(f"app file name {name!r}: use only letters, digits and ._+-")
    return name


def grub_cfg(cmdline_words, name, app_args, kernel="moat.elf"):
    """The grub.cfg text: one entry booting /boot/KERNEL and (if name) one module."""
    cmdline = "".join(" " + grub_quote(w) for w in cmdline_words)
    module = ""
    if name is not None:
        words = [name] + list(app_args)
        module = f"  module2 /boot/{name} " + " ".join(grub_quote(w) for w in words) + "\n"
    return GRUB_CFG.format(kernel=kernel, cmdline=cmdline, module=module)


# grub-mkrescue puts every GRUB platform installed under /usr/lib/grub on the image; -d picks
# one. BIOS alone is what QEMU's tests boot (0.2 s to make, 0.8 MB); an appliance to ship also
# gets GRUB's EFI platforms (Debian's grub-efi-amd64-bin and grub-efi-ia32-bin): one image
# that boots on BIOS and UEFI, as a CD and as a disk (0.6 s, 5 MB).
BIOS_ONLY = ["-d", "/usr/lib/grub/i386-pc"]
EFI_PLATFORMS = ("x86_64-efi", "i386-efi")


def make_iso(out, kernel, app=None, cmdline=(), name=None, app_args=(), tmp_parent=None,
             efi=False):
    """Build the ISO at `out` (cmdline: the kernel's words; efi: UEFI too); raise
    RuntimeError with grub-mkrescue's output on failure."""
    if app is not None:
        name = check_name(name or os.path.basename(app))
    kname = os.path.basename(kernel)
    kname = kname if SAFE_NAME.fullmatch(kname) else "moat.elf"
    text = grub_cfg(cmdline, name if app else None, app_args, kname)
    files = {"boot/" + kname: kernel}
    if app is not None:
        files["boot/" + name] = app
    if efi:
        missing = [p for p in EFI_PLATFORMS if not os.path.isdir("/usr/lib/grub/" + p)]
        if missing:
            raise RuntimeError("GRUB's EFI platforms are missing: " + ", ".join(missing))
    mkrescue(out, text, files, tmp_parent, platform=[] if efi else BIOS_ONLY)


# The test suite's ISO: one image for every GRUB boot of a run. Each boot names its entry
# in the SMBIOS system serial number (QEMU: -smbios type=1,serial=KEY), which grub.cfg reads
# and sources entry/KEY.cfg: one grub-mkrescue per run instead of one per boot.
SUITE_CFG = """\
set timeout=0
serial --unit=0 --speed=115200
terminal_output serial
smbios --type 1 --get-string 7 --set entry
source /entry/$entry.cfg
"""
SUITE_MODULES = "normal serial terminal multiboot2 boot smbios configfile"


def make_suite_iso(out, entries, tmp_parent=None):
    """entries: {KEY: (kernel, app or None, cmdline words, app_args)}. Files shared by several
    entries are stored once, under their own name (kernels) or a per-app folder."""
    files, cfgs = {}, {}
    for key, (kernel, app, cmdline, app_args) in entries.items():
        kpath = "boot/" + check_name(os.path.basename(kernel))
        files[kpath] = kernel
        words = "".join(" " + grub_quote(w) for w in cmdline)
        text = f"multiboot2 /{kpath}{words}\n"
        if app is not None:
            name = check_name(os.path.basename(app))
            apath = f"apps/{len(files)}/{name}"
            apath = next((p for p, src in files.items() if src == app), apath)
            files[apath] = app
            text += f"module2 /{apath} " + " ".join(grub_quote(w) for w in [name, *app_args])
            text += "\n"
        cfgs[f"entry/{check_name(key)}.cfg"] = text + "boot\n"
    mkrescue(out, SUITE_CFG, files, tmp_parent, cfgs, SUITE_MODULES)


def mkrescue(out, grub_text, files, tmp_parent, texts=None, modules=None,
             platform=BIOS_ONLY):
    """grub-mkrescue over a tree of grub.cfg, files {ISO path: source} and texts."""
    slim = list(MKRESCUE_SLIM)
    if modules:
        slim[0] = "--install-modules=" + modules
    with tempfile.TemporaryDirectory(prefix="mkiso-", dir=tmp_parent) as root:
        for path, content in [("boot/grub/grub.cfg", grub_text), *(texts or {}).items(),
                              *files.items()]:
            dest = os.path.join(root, path)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            if path in files:
                shutil.copyfile(content, dest)
            else:
                with open(dest, "w") as f:
                    f.write(content)
        proc = subprocess.run(["grub-mkrescue", *platform, *slim, "-o", out, root],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"grub-mkrescue failed (status {proc.returncode}):\n"
                               + proc.stdout)


def main(argv):
    p = argparse.ArgumentParser(description="Build a GRUB ISO booting moat with one app.")
    p.add_argument("--out", required=True, help="the ISO to write")
    p.add_argument("--kernel", required=True,
                   help="the kernel ELF: build/moat.elf (i386) or build/moat64.elf (x86_64)")
    p.add_argument("--app", help="the app ELF (none: boot without a module)")
    p.add_argument("--cmdline", default="", help="the kernel's command line")
    p.add_argument("--name", help="the app's file name on the ISO and argv[0]")
    p.add_argument("app_args", nargs="*", help="argv[1..] (after --)")
    args = p.parse_args(argv)
    try:
        make_iso(args.out, args.kernel, args.app, shlex.split(args.cmdline), args.name,
                 args.app_args)
    except (ValueError, RuntimeError, OSError) as e:
        print(f"mkiso: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
