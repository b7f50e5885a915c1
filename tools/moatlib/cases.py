# cases.py: read the test cases, tests/NAME.expect (format: tests/README.md).
import dataclasses
import glob
import os
import re
from dataclasses import dataclass, field

from . import arch, paths
from .console import Kind

# CPU features a case may need (`needs:`), and the QEMU models known to lack some of them;
# any other model is taken to have them all, as `max` does.
FEATURES = ("nx", "smep", "smap", "umip", "avx")
# lm (long mode) is not a key's feature: every x86_64 boot needs it (case_jobs).
MODEL_FEATURES = {"qemu32": (), "kvm32": (), "pentium3": (), "qemu64": ("nx", "lm"),
                  "kvm64": ("nx", "lm")}
ALL_FEATURES = FEATURES + ("lm",)
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
    arches: tuple = arch.ARCHES       # the widths it runs on (`arch:`; x86_64 where built)
    arch: str = "i386"                # the width of this copy (for_arch)
    per_arch: dict = field(default_factory=dict)  # width: [(key, parsed)] from KEY[WIDTH]:
    outputs: dict = field(default_factory=dict)   # width: its output, after `--- WIDTH`


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


def parse_arch(value):
    """`both`, or one width and why the case cannot run on the other."""
    width, _, why = value.partition(" ")
    if width == "both" and not why:
        return arch.ARCHES
    if width not in arch.ARCHES:
        raise ValueError(f"is not {', '.join(arch.ARCHES)} or both")
    if not why.strip():
        raise ValueError(f"needs a reason after {width}: why not on the other width")
    return (width,)


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
    "host": Key("host", one_of(yes=True, no=False, ia32="ia32")),
    "boot": Key("boots", one_of(direct=("direct",), iso=("iso",), both=("direct", "iso"))),
    "timeout": Key("timeout", parse_seconds),
    "kernel": Key("kernel", one_of(release="release", debug="debug")),
    "append": Key("append", str),
    "cpu": Key("cpu", str),
    "mem": Key("mem", parse_mem),
    "monitor": Key("monitor", one_of(wx="wx", kpti="kpti")),
    "files": Key("files", parse_folder),
    "needs": Key("needs", parse_needs),
    "arch": Key("arches", parse_arch),
}
# KEY[WIDTH]: the key's value on that width only (all of a repeatable key's values there).
WIDTH_KEY = re.compile(r"([a-z]+)\[([a-z0-9_]+)\]")
# `--- WIDTH` alone on a line of the expected output: that width's output follows.
WIDTH_OUTPUT = re.compile(rf"^--- ({'|'.join(arch.ARCHES)})\n", re.M)


def parse_value(key, value):
    try:
        return KEYS[key].parse(value)
    except ValueError as e:
        raise CaseError(f"{key}: {value!r} {e}") from None


def set_key(case, key, value):
    parsed = parse_value(key, value)
    spec = KEYS[key]
    if spec.repeat:
        getattr(case, spec.field).append(parsed)
    else:
        setattr(case, spec.field, parsed)


def split_key(key):
    """(key, width) of `KEY[WIDTH]`, (key, None) of a plain key; CaseError if malformed."""
    m = WIDTH_KEY.fullmatch(key)
    if not m or m.group(1) not in KEYS:
        return key, None
    if m.group(1) == "arch":
        raise CaseError(f"{key}: only a key other than arch takes a [WIDTH]")
    if m.group(2) not in arch.ARCHES:
        raise CaseError(f"{key}: {m.group(2)} is not {' or '.join(arch.ARCHES)}")
    return m.group(1), m.group(2)


def split_outputs(body):
    """The expected output for every width, and each `--- WIDTH` section's own."""
    parts = WIDTH_OUTPUT.split(body)
    outputs = {}
    for width, text in zip(parts[1::2], parts[2::2]):
        if width in outputs:
            raise CaseError(f"--- {width} given twice")
        outputs[width] = text
    return parts[0], outputs


def for_arch(case, width):
    """The case as it runs on width: its program for that width (arch.test_elf), its
    KEY[WIDTH] values instead of the plain ones, and its `--- WIDTH` output."""
    c = dataclasses.replace(case, arch=width, elf=arch.test_elf(case.elf, width),
                            console=list(case.console), output=case.outputs.get(width,
                                                                                 case.output))
    replaced = set()
    for key, parsed in case.per_arch.get(width, []):
        spec = KEYS[key]
        if spec.repeat:
            if key not in replaced:
                setattr(c, spec.field, [])
            getattr(c, spec.field).append(parsed)
        else:
            setattr(c, spec.field, parsed)
        replaced.add(key)
    return c


def cpu_lacks(model, features):
    """Which of features QEMU's CPU model (as -cpu takes it: max, qemu32,+nx, ...) lacks."""
    base, *flags = model.split(",")
    lacking = []
    for f in features:
        has = f in MODEL_FEATURES.get(base, ALL_FEATURES)
        for flag in flags:
            if flag in (f, "+" + f, f + "=on"):
                has = True
            elif flag in ("-" + f, f + "=off") or (f == "avx" and flag in ("-xsave", "xsave=off")):
                has = False             # (the OS cannot turn AVX on without XSAVE)
        if not has:
            lacking.append(f)
    return lacking


def ended(text):
    """The expected output with its last line ended: the kernel ends the app's last line."""
    return text if not text or text.endswith("\n") else text + "\n"


def parse(path):
    """Read one .expect file into a Case; raise CaseError if it is malformed."""
    name = os.path.basename(path)[:-len(".expect")]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    head, sep, body = (text if text.endswith("\n") else text + "\n").partition("\n---\n")
    if not sep:
        raise CaseError("no `---` line before the expected output")
    body, outputs = split_outputs(body)
    case = Case(name, path, "", elf=resolve_elf(name), output=ended(body),
                outputs={w: ended(t) for w, t in outputs.items()})
    purpose, seen = [], set()
    for n, line in enumerate(head.split("\n"), 1):
        if line.startswith("#"):
            if not seen:
                purpose.append(line.lstrip("# ").rstrip())
            continue
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        full = key.strip()
        try:
            key, width = split_key(full)
        except CaseError as e:
            raise CaseError(f"line {n}: {e}") from None
        if not colon or key not in KEYS:
            raise CaseError(f"line {n}: expected `key: value` with a key from "
                            f"{', '.join(sorted(KEYS))}: {line!r}")
        if full in seen and not KEYS[key].repeat:
            raise CaseError(f"line {n}: {full} given twice")
        seen.add(full)
        if width:
            parsed = parse_value(key, value.strip())
            if key == "elf" and "/" not in value:        # a name: the width's program of
                parsed = arch.test_elf(parsed, width)    # that name
            case.per_arch.setdefault(width, []).append((key, parsed))
        else:
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
