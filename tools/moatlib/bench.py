# bench.py: `run.py bench`: bench/bench.elf on moat and (--linux) as Debian Linux's /init, for
# either width (--arch: i386 on moat.elf and Linux 686-pae, x86_64 on moat64.elf and amd64).
import concurrent.futures
import json
import os
import re
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

from . import console, linux, paths, qemu

OPS = {"i386": ["reset_to_app", "syscall_int80", "syscall_sysinfo", "write1", "raise", "gp_cli",
                "pf", "ud2"],
       "x86_64": ["reset_to_app", "syscall", "clock_gettime", "write1", "raise", "gp_cli", "pf",
                  "ud2"]}
# The issues' targets for moat's medians, in instructions (reset_to_app: from the CPU's reset,
# firmware included, to the app's first instruction); issue 14's for i386, issue 13's for
# x86_64, where a target may also be Linux's median (LINUX) or a tenth of it (LINUX_TENTH).
LINUX, LINUX_TENTH = "linux", "linux/10"
TARGETS = {"i386": {"reset_to_app": 100_000, "syscall_int80": 32, "syscall_sysinfo": 40,
                    "raise": 600, "gp_cli": 450, "pf": 470, "ud2": 450},
           "x86_64": {"syscall": 30, "clock_gettime": LINUX, "raise": LINUX_TENTH,
                      "gp_cli": LINUX_TENTH, "pf": LINUX_TENTH, "ud2": LINUX_TENTH}}
# The kernel ELF's size (the target for moat64.elf: under 160 KiB).
SIZE_TARGETS = {"x86_64": 160 * 1024}
MUSL_GCC = {"i386": "i386-linux-musl-gcc", "x86_64": "musl-gcc"}
# rdtsc reads the virtual clock, which advances one ns per guest instruction: each figure is a
# path length, independent of the host. sleep=off: an idle guest (hlt) jumps straight to its
# next timer rather than waiting host time, so reset_to_app is repeatable too.
ICOUNT = ["-icount", "shift=0,align=off,sleep=off"]
CPU = "max"
MOAT_APPEND = "norandmaps"
# Each width's benchmark, serial logs and results (i386's where they always were).
BENCH_ELF = {"i386": os.path.join(paths.BUILD, "bench", "bench.elf"),
             "x86_64": os.path.join(paths.BUILD, "bench", "x86_64", "bench.elf")}
LOGS = {"i386": os.path.join(paths.BUILD, "bench-logs"),
        "x86_64": os.path.join(paths.BUILD, "bench-logs-x86_64")}
JSON_OUT = {"i386": os.path.join(paths.BUILD, "bench.json"),
            "x86_64": os.path.join(paths.BUILD, "bench-x86_64.json")}
# Host load only ever slows a wall-clock run down: each figure is the least of this many.
WALL_RUNS = 3
# --qemu-start: boots, one after another, of bench.elf --smoke, whose first line is this.
START_RUNS = 20
START_LINE = b"bench reset_to_app ok"
START_TARGET_MS = 50
LINE = re.compile(r"^(bench|bench_min|bench_max|bench_ns) (\w+) (\d+)$", re.M)


@dataclass
class Run:
    name: str                 # the log's name: moat, linux, linux_mitigations_off, ...
    ops: dict                 # `bench OP N`, the median: instructions under icount
    ns: dict                  # `bench_ns OP N`
    error: str = ""           # empty: the run printed `bench done` and ended as it should
    min: dict = field(default_factory=dict)    # `bench_min OP N`: the fastest batch
    max: dict = field(default_factory=dict)    # `bench_max OP N`: the slowest batch


def parse(name, raw, outcome_error, width="i386"):
    """The `bench*` lines of a serial log; an error unless `bench done` shows. A benchmark
    that prints no `bench_min`/`bench_max` lines (an older one) leaves those empty."""
    text = console.clean(raw)
    lines = {"bench": {}, "bench_min": {}, "bench_max": {}, "bench_ns": {}}
    for kind, op, n in LINE.findall(text):
        lines[kind][op] = int(n)
    done = re.search(r"^bench done$", text, re.M)
    error = outcome_error if done else outcome_error or "no `bench done` line"
    return Run(name, lines["bench"], lines["bench_ns"],
               error and f"{error} (log: {paths.rel(log_path(name, width))})",
               lines["bench_min"], lines["bench_max"])


def log_path(name, width="i386"):
    return os.path.join(LOGS[width], name + ".log")


def boot(name, width, cmd_for, timeout, accept):
    """Run QEMU with the command cmd_for(workdir) builds; keep the serial log; parse it.
    accept(result) says what went wrong, or "" if QEMU ended as it should."""
    os.makedirs(paths.TMP, exist_ok=True)
    os.makedirs(LOGS[width], exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="bench-", dir=paths.TMP)
    try:
        res = qemu.run(cmd_for(workdir), workdir, timeout)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    with open(log_path(name, width), "w") as f:
        f.write(res.raw + (f"\n[QEMU stderr]\n{res.stderr}" if res.stderr.strip() else ""))
    return parse(name, res.raw, accept(res), width)


def moat_run(kernel, icount, timeout, name="moat", append="", width="i386", cpu=CPU):
    """bench.elf as moat's app, booted directly."""
    b = qemu.Boot(kernel, BENCH_ELF[width], [], f"{MOAT_APPEND} {append}".strip(), False,
                  ICOUNT if icount else [], cpu)

    def accept(res):
        o = console.parse(res.raw, res.status, res.timed_out, timeout, res.channel).outcome
        return "" if o.kind == "exited" and o.value == 0 else o.describe()
    return boot(name, width, lambda wd: qemu.command(b, wd), timeout, accept)


def linux_run(vmlinuz, initrd, mitigations_off, icount, timeout, name="linux", width="i386",
              cpu=CPU):
    """bench.elf as /init under Linux: the same command line as moat's, but for the
    kernel, the initrd (the initramfs instead of the bare ELF), -append, and the machine:
    Debian's kernel boots on the PC (SeaBIOS), not on microvm; in the width's QEMU."""
    append = linux.APPEND + (" mitigations=off" if mitigations_off else "")
    b = qemu.Boot(vmlinuz, initrd, [], append, False, ICOUNT if icount else [], cpu,
                  machine="pc", plain_initrd=True, width=width)

    def accept(res):             # bench.elf powers off: QEMU exits with 0
        if res.timed_out:
            return f"timeout after {timeout:g} s"
        return "" if res.status == 0 else f"QEMU exited with status {res.status}"
    return boot(name, width, lambda wd: qemu.command(b, wd), timeout, accept)


def make_initramfs(elf, path):
    """/init is the benchmark; /dev/console so that it has a stdin, stdout and stderr."""
    with open(elf, "rb") as f:
        init = f.read()
    with open(path, "wb") as f:
        f.write(linux.cpio_newc(linux.DEVICES + [("init", 0o100755, (0, 0), init)]))


def wall(run_one, width):
    """WALL_RUNS runs one after the other (name_wall1, ...), merged: each bench_ns is the
    least seen; the error is the first run's that had one."""
    runs = [run_one(i + 1) for i in range(WALL_RUNS)]
    ns = {op: min(r.ns[op] for r in runs if op in r.ns)
          for op in OPS[width] if any(op in r.ns for r in runs)}
    return Run(runs[0].name.rstrip("0123456789"), {}, ns,
               next((r.error for r in runs if r.error), ""))


def file_size(path):
    return os.path.getsize(path) if os.path.isfile(path) else None


def results(moat, moat_wall, linux, linux_off, linux_wall, kernel, width="i386", cpu=CPU):
    """build/bench.json's content (build/bench-x86_64.json's); the Linux fields are null
    without --linux. "ops" holds the medians, "min" and "max" the fastest and slowest batches
    (null for reset_to_app, which is measured once)."""
    def get(run, op, kind="ops"):
        return getattr(run, kind).get(op) if run else None

    def per_op(kind):
        return {op: {"moat": get(moat, op, kind), "linux": get(linux, op, kind),
                     "linux_mitigations_off": get(linux_off, op, kind)} for op in OPS[width]}
    return {
        "unit": "instructions",
        "arch": width,
        "cpu": cpu,
        "ops": per_op("ops"),
        "min": per_op("min"),
        "max": per_op("max"),
        "wall_ns": {op: {"moat": get(moat_wall, op, "ns"), "linux": get(linux_wall, op, "ns")}
                    for op in OPS[width]},
        "sizes": {"kernel_elf": file_size(kernel),
                  "iso": file_size(os.path.join(paths.BUILD, "moat.iso"))
                  if width == "i386" else None},
    }


def ratio(a, b):
    return f"{a / b:.1f}x" if a is not None and b else "-"


def spread(res, op, run):
    """min/median/max, or the median alone where that is all there is (reset_to_app)."""
    lo, med, hi = (res[k][op][run] for k in ("min", "ops", "max"))
    if med is None:
        return "-"
    if lo is None or hi is None:
        return f"{med:,}"
    return f"{lo:,}/{med:,}/{hi:,}"


def limit(target, linux_median):
    """A target in instructions: itself, or what Linux's median makes of it (None without
    Linux's run)."""
    if target == LINUX:
        return linux_median
    if target == LINUX_TENTH:
        return linux_median // 10 if linux_median is not None else None
    return target


def target_text(target):
    return target if isinstance(target, str) else f"{target:,}"


def table(res, linux_name, kernel, width="i386", cpu=CPU):
    """The results as one text table: instructions (min/median/max), the ratio of the
    medians to moat's, then wall-clock ns."""
    def num(v):
        return "-" if v is None else f"{v:,}"
    head = ["op", "target", "moat", "linux", "linux m=off", "linux/moat", "m=off/moat",
            "moat ns", "linux ns"]
    rows = []
    for op in OPS[width]:
        o, w = res["ops"][op], res["wall_ns"][op]
        t = TARGETS[width].get(op)
        lim = limit(t, o["linux"])
        mark = "" if lim is None or o["moat"] is None else " ok" if o["moat"] <= lim else " over"
        shown = "-" if t is None else f"<={lim:,}" if lim is not None else f"<={t}"
        rows.append([op, shown + mark, spread(res, op, "moat"),
                     spread(res, op, "linux"), spread(res, op, "linux_mitigations_off"),
                     ratio(o["linux"], o["moat"]), ratio(o["linux_mitigations_off"], o["moat"]),
                     num(w["moat"]), num(w["linux"])])
    widths = [max(len(r[i]) for r in [head] + rows) for i in range(len(head))]

    def fmt(r):
        return "  ".join(c.ljust(wd) if i == 0 else c.rjust(wd)
                         for i, (c, wd) in enumerate(zip(r, widths)))
    s = res["sizes"]
    targets = ", ".join(f"{op} <= {target_text(t)}" for op, t in TARGETS[width].items())
    lines = ["moat vs Linux: guest instructions per op under QEMU TCG with -icount"
             " shift=0,align=off,sleep=off (loop overhead included), as min/median/max over"
             " the batches",
             f"ns: wall-clock ns per op, the same binary without -icount (least of {WALL_RUNS}"
             " runs; reset_to_app: rdtsc at entry scaled by the TSC's rate)",
             f"targets (moat's median): {targets} (reset_to_app: from reset, firmware"
             " included)",
             f"linux: {linux_name or 'not run (--linux)'}; moat: {paths.rel(kernel)};"
             f" QEMU's -cpu {cpu}",
             "", fmt(head), fmt(["-" * wd for wd in widths])] + [fmt(r) for r in rows]
    size = f"sizes: {paths.rel(kernel)} {num(s['kernel_elf'])} bytes"
    if width in SIZE_TARGETS and s["kernel_elf"] is not None:
        t = SIZE_TARGETS[width]
        size += f" (target < {t:,}: {'ok' if s['kernel_elf'] < t else 'over'})"
    if s["iso"] is not None:
        size += f", build/moat.iso {num(s['iso'])} bytes"
    return "\n".join(lines + ["", size])


def first_line_ms(cmd, workdir, timeout):
    """Wall-clock ms from starting QEMU to START_LINE on its serial console, or None."""
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=workdir, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    out, ms = b"", None
    try:
        while ms is None and (left := timeout - (time.monotonic() - t0)) > 0:
            if not select.select([proc.stdout], [], [], left)[0]:
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            out += chunk
            if START_LINE in out:
                ms = (time.monotonic() - t0) * 1000
    finally:
        qemu.stop(proc)
        proc.stdout.close()
    return ms


def qemu_start(kernel, timeout, append="", width="i386"):
    """`bench --qemu-start`: how long QEMU, as the runner starts it (qemu.command, no
    icount), takes to the app's first line; min/median/max over START_RUNS boots. Wall
    clock: a busy host makes it slower, never faster."""
    elf = BENCH_ELF[width]
    if not os.path.isfile(elf):
        print(f"run.py: {paths.rel(elf)} was not built", file=sys.stderr)
        return 1
    b = qemu.Boot(kernel, elf, ["--smoke"], f"{MOAT_APPEND} {append}".strip(), False, [], CPU)
    os.makedirs(paths.TMP, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="bench-start-", dir=paths.TMP)
    try:
        cmd = qemu.command(b, workdir)
        runs = [first_line_ms(cmd, workdir, timeout) for _ in range(START_RUNS)]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    ms = [r for r in runs if r is not None]
    print("QEMU's start to the app's first line, wall clock:", " ".join(cmd))
    if len(ms) < len(runs):
        print(f"run.py: bench --qemu-start: {len(runs) - len(ms)} of {len(runs)} boots never"
              f" printed {START_LINE.decode()!r}", file=sys.stderr)
        return 1
    med = statistics.median(ms)
    verdict = "ok" if med < START_TARGET_MS else "over"
    print(f"min {min(ms):.1f} ms, median {med:.1f} ms, max {max(ms):.1f} ms over {len(ms)}"
          f" boots (target: median < {START_TARGET_MS} ms: {verdict})")
    return 0


def main(kernel, with_linux, timeout, append="", width="i386", cpu=CPU):
    """Run the benchmark for the width; print the table; write build/bench.json (x86_64:
    build/bench-x86_64.json). Returns the exit status."""
    elf, logs, out = BENCH_ELF[width], LOGS[width], JSON_OUT[width]
    if not os.path.isfile(elf):
        print(f"run.py: {paths.rel(elf)} was not built (needs {MUSL_GCC[width]})",
              file=sys.stderr)
        return 1
    vmlinuz, why = linux.fetch(width) if with_linux else (None, "")
    if with_linux and not vmlinuz:
        print(f"run.py: no Linux kernel to compare with: {why}", file=sys.stderr)
        return 2
    os.makedirs(paths.TMP, exist_ok=True)
    shutil.rmtree(logs, ignore_errors=True)       # no stale logs from an earlier run
    initrd = None
    if vmlinuz:
        initrd = os.path.join(paths.TMP, f"bench-initramfs-{width}.cpio")
        make_initramfs(elf, initrd)
        print(f"run.py: booting Linux ({os.path.basename(vmlinuz)}) under icount takes about"
              " a minute", file=sys.stderr)
    # The icount runs count instructions, so they may share the host; the wall-clock runs
    # then go one at a time.
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        jobs = [pool.submit(moat_run, kernel, True, timeout, "moat", append, width, cpu)]
        if vmlinuz:
            jobs += [pool.submit(linux_run, vmlinuz, initrd, off, True, timeout,
                                 "linux_mitigations_off" if off else "linux", width, cpu)
                     for off in (False, True)]
        counted = [j.result() for j in jobs]
    walls = [wall(lambda i: moat_run(kernel, False, timeout, f"moat_wall{i}", append, width,
                                     cpu), width)]
    if vmlinuz:
        walls.append(wall(lambda i: linux_run(vmlinuz, initrd, False, False, timeout,
                                              f"linux_wall{i}", width, cpu), width))
    moat, linux_on, linux_off = (counted + [None, None])[:3]
    res = results(moat, walls[0], linux_on, linux_off, walls[1] if vmlinuz else None, kernel,
                  width, cpu)
    with open(out, "w") as f:
        json.dump(res, f, indent=2)
        f.write("\n")
    name = None
    if vmlinuz:
        name = os.path.basename(vmlinuz) + " (" + os.path.basename(
            os.path.dirname(os.path.dirname(vmlinuz))) + ")"
    print(table(res, name, kernel, width, cpu))
    print(f"\nwritten: {paths.rel(out)}; serial logs: {paths.rel(logs)}/")
    failed = [r for r in counted + walls if r.error]
    for r in failed:
        print(f"run.py: bench on {r.name}: {r.error}", file=sys.stderr)
    return 1 if failed else 0
