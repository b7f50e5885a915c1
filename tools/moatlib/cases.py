# cases.py: read the test cases, tests/NAME.expect (format: tests/README.md).
import glob
import os
import re
from dataclasses import dataclass, field

from . import paths
from .console import Kind

# CPU features a case may need (`needs:`), and the QEMU models known to lack some of them;
# any other model is taken to have them all, as `max` does.
FEATURES = ("nx", "smep", "smap", "umip", "avx")
MODEL_FEATURES = {"qemu32": (), "kvm32": (), "pentium3": (), "qemu64": ("nx",),
                  "kvm64": ("nx",)}
ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|.)")
SIMPLE_ESCAPES = {"n": b"\n", "t": b"\t", "r": b"\r", "0": b"\0", "\\": b"\\"}


class CaseError(Exception):
    """A malformed .expect file."""


@dataclass
class Case:
    name: str
    path: str                         # the .expect file
    purpose: str                      # its first comment lines
    elf: str = None                   # None: boot with no module (`elf: none`)
    args: list = field(default_factory=list)
    stdin: bytes = None
    status: object = 0                # an exit status (int), Kind.REFUSED or Kind.PANIC
    console: list = field(default_factory=list)   # compiled regexes
    host: bool = False
    boots: tuple = ("direct",)        # GRUB boots only for cases that say `boot: both`
    timeout: float = 30.0
    kernel: str = "release"           # or "debug": moat-debug.elf, with the debug= triggers
    append: str = ""                  # the kernel's command line
    cpu: str = "max"                  # QEMU's -cpu model
    mem: str = "128M"                 # QEMU's -m (RAM size)
    monitor: str = None               # "wx" or "kpti": check the page tables (monitor.py)
    files: str = None                 # a folder: boot it and the ELF as /init (files.pack)
    needs: tuple = ()                 # CPU features the case proves (FEATURES)
    output: str = ""                  # the app's expected output


def unescape(text):
    """stdin's escapes: \\n \\t \\r \\0 \\\\ and \\xNN."""
    def one(m):
        e = m.group(1)
        if e[0] == "x":
            return bytes([int(e[1:], 16)]).decode("latin-1")
        if e in SIMPLE_ESCAPES:
            return SIMPLE_ESCAPES[e].decode("latin-1")
        raise ValueError(f"has an unknown escape \\{e}")
    return ESCAPE.sub(one, text).encode("latin-1")


def resolve_elf(value):
    if value == "none":
        return None
    if "/" in value:
        return os.path.join(paths.BUILD, value)
    return os.path.join(paths.TEST_ELFS, value + ".elf")


def one_of(**words):
    """A value that must be one of the words, each standing for its value."""
    names = list(words)
    allowed = ", ".join(names[:-1]) + " or " + names[-1]

    def parse(value):
        if value not in words:
            raise ValueError(f"is not {allowed}")
        return words[value]
    return parse


def parse_status(value):
    if value.isdigit():
        return int(value)
    if value in (Kind.REFUSED, Kind.PANIC):
        return Kind(value)
    raise ValueError("is not a number, refused or panic")


def parse_regex(value):
    try:
        return re.compile(value)
    except re.error as e:
        raise ValueError(f"is a bad regex: {e}")


def parse_seconds(value):
    try:
        return float(value)
    except ValueError:
        raise ValueError("is not a number of seconds")


def parse_mem(value):
    if not re.fullmatch(r"[1-9][0-9]*[MG]", value):
        raise ValueError("is not a size such as 64M or 4G")
    return value


def parse_folder(value):
    path = os.path.join(paths.TESTS, value)
    if not os.path.isdir(path):
        raise ValueError("is not a folder under tests/")
    return path


def parse_needs(value):
    bad = [f for f in value.split() if f not in FEATURES]
    if bad:
        raise ValueError(f"has {' '.join(bad)}, not among {', '.join(FEATURES)}")
    return tuple(value.split())


@dataclass(frozen=True)
class Key:
    """One key of the format: the Case field it sets and how its value is read."""
    field: str
    parse: object                     # (text) -> the field's value; ValueError says why not
    repeat: bool = False              # may be given again: each value is appended


# Every key a case may give (tests/README.md).
KEYS = {
    "elf": Key("elf", resolve_elf),
    "args": Key("args", str.split),
    "stdin": Key("stdin", unescape),
    "status": Key("status", parse_status),
    "console": Key("console", parse_regex, repeat=True),
    "host": Key("host", one_of(yes=True, no=False)),
    "boot": Key("boots", one_of(direct=("direct",), iso=("iso",), both=("direct", "iso"))),
    "timeout": Key("timeout", parse_seconds),
    "kernel": Key("kernel", one_of(release="release", debug="debug")),
    "append": Key("append", str),
    "cpu": Key("cpu", str),
    "mem": Key("mem", parse_mem),
    "monitor": Key("monitor", one_of(wx="wx", kpti="kpti")),
    "files": Key("files", parse_folder),
    "needs": Key("needs", parse_needs),
}


def set_key(case, key, value):
    spec = KEYS[key]
    try:
        parsed = spec.parse(value)
    except ValueError as e:
        raise CaseError(f"{key}: {value!r} {e}") from None
    if spec.repeat:
        getattr(case, spec.field).append(parsed)
    else:
        setattr(case, spec.field, parsed)


def cpu_lacks(model, features):
    """Which of features QEMU's CPU model (as -cpu takes it: max, qemu32,+nx, ...) lacks."""
    base, *flags = model.split(",")
    lacking = []
    for f in features:
        has = f in MODEL_FEATURES.get(base, FEATURES)
        for flag in flags:
            if flag in (f, "+" + f, f + "=on"):
                has = True
            elif flag in ("-" + f, f + "=off") or (f == "avx" and flag in ("-xsave", "xsave=off")):
                has = False             # (the OS cannot turn AVX on without XSAVE)
        if not has:
            lacking.append(f)
    return lacking


def parse(path):
    """Read one .expect file into a Case; raise CaseError if it is malformed."""
    name = os.path.basename(path)[:-len(".expect")]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    head, sep, body = (text if text.endswith("\n") else text + "\n").partition("\n---\n")
    if not sep:
        raise CaseError("no `---` line before the expected output")
    if body and not body.endswith("\n"):
        body += "\n"                          # the kernel ends the app's last line too
    case = Case(name, path, "", elf=resolve_elf(name), output=body)
    purpose, seen = [], set()
    for n, line in enumerate(head.split("\n"), 1):
        if line.startswith("#"):
            if not seen:
                purpose.append(line.lstrip("# ").rstrip())
            continue
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        key = key.strip()
        if not colon or key not in KEYS:
            raise CaseError(f"line {n}: expected `key: value` with a key from "
                            f"{', '.join(sorted(KEYS))}: {line!r}")
        if key in seen and not KEYS[key].repeat:
            raise CaseError(f"line {n}: {key} given twice")
        seen.add(key)
        set_key(case, key, value.strip())
    return check(case, purpose, seen)


def check(case, purpose, seen):
    if not purpose:
        raise CaseError("the first lines must be a comment saying what the test proves")
    if "status" not in seen:
        raise CaseError("status: is required")
    if case.host and (case.elf is None or not isinstance(case.status, int)):
        raise CaseError("host: yes needs an app and a numeric status")
    if case.files is not None and (case.elf is None or "iso" in case.boots):
        raise CaseError("files: needs an app, and boots directly only")
    case.purpose = " ".join(purpose)
    return case


def discover():
    """Every tests/*.expect, sorted by name: a list of Case or (name, path, CaseError)."""
    found = []
    for path in sorted(glob.glob(os.path.join(paths.TESTS, "*.expect"))):
        try:
            found.append(parse(path))
        except (CaseError, OSError, UnicodeDecodeError) as e:
            found.append((os.path.basename(path)[:-len(".expect")], path, e))
    return found
