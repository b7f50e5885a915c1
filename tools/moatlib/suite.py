# suite.py: run the test cases (under QEMU and natively) and the host unit tests, in parallel.
import concurrent.futures
import fnmatch
import glob
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

from . import cases, console, monitor, paths, qemu
from .sidebyside import side_by_side

HOST_TEST_TIMEOUT = 60


@dataclass
class Verdict:
    reasons: list = field(default_factory=list)    # empty: passed
    details: list = field(default_factory=list)    # blocks of text shown under a failure
    seconds: float = 0.0


@dataclass
class Job:
    name: str                                      # NAME, NAME[iso], NAME[linux], host/test_x
    run: object                                    # () -> Verdict
    weight: int = 1                                # slow jobs start first


def status_text(status):
    return str(status) if isinstance(status, int) else status


def check_status(expected, outcome):
    if isinstance(expected, int):
        ok = outcome.kind in ("exited", "killed") and outcome.status() == expected
    else:
        ok = outcome.kind == {"refused": "refused", "panic": "panic"}[expected]
    if ok:
        return []
    return [f"status: expected {status_text(expected)}, got {outcome.describe()}"]


def compare(case, con, verdict):
    """Fill verdict with everything in the console log that differs from the case."""
    verdict.reasons += check_status(case.status, con.outcome)
    if con.app_output != case.output:
        verdict.reasons.append("output differs")
        verdict.details.append(side_by_side(case.output, con.app_output))
    missing = [r.pattern for r in case.console
               if not any(r.search(line) for line in con.kernel_lines)]
    for pattern in missing:
        verdict.reasons.append(f"console: no kernel line matches /{pattern}/")
    if missing:
        verdict.details.append("    kernel lines:\n" + "\n".join(
            "      " + line for line in con.kernel_lines[:60]))


def rerun_line(case, iso):
    """The command that boots this case by hand."""
    app = paths.rel(case.elf) if case.elf else "none"
    opts = ["--iso"] if iso else []
    if case.kernel == "debug":
        opts += ["--kernel", "build/moat-debug.elf"]
    if case.append:
        opts += ["--append", case.append]
    if case.cpu != "max":
        opts += ["--cpu", case.cpu]
    cmd = "python3 tools/run.py run " + shlex.join(opts + [app] + case.args)
    if case.stdin is not None:
        cmd = f"printf %s {shlex.quote(case.stdin.decode('latin-1'))} | " + cmd
    return cmd


def write_log(name, lines, raw):
    os.makedirs(paths.LOGS, exist_ok=True)
    path = os.path.join(paths.LOGS, name + ".log")
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(f"# {line}\n" for line in lines) + raw)
    return path


def qemu_case(case, name, iso, kernel):
    """Boot one case and compare what the console shows with the case."""
    verdict = Verdict()
    os.makedirs(paths.TMP, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix=name.replace("[", "-").strip("]") + "-", dir=paths.TMP)
    try:
        if case.kernel == "debug":
            kernel = os.path.join(os.path.dirname(kernel), "moat-debug.elf")
        boot = qemu.Boot(kernel, case.elf, case.args, append=case.append, iso=iso, cpu=case.cpu,
                         mem=case.mem)
        watch = None
        if case.monitor:
            sock = os.path.join(workdir, "monitor.sock")
            boot.extra = ["-monitor", f"unix:{sock},server=on,wait=off"]
            watch = monitor.Watch(case.monitor, sock, kernel)
        cmd = qemu.command(boot, workdir)
        res = qemu.run(cmd, workdir, timeout=case.timeout, stdin=case.stdin, sink=watch)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    con = console.parse(res.raw, res.status, res.timed_out, case.timeout)
    verdict.seconds = res.seconds
    compare(case, con, verdict)
    if watch:
        for problem in watch.result():
            verdict.reasons.append("page tables: " + problem)
    if res.stderr.strip():
        verdict.details.append("    QEMU's stderr:\n" + res.stderr.rstrip())
    log = write_log(name, [f"{name}: {case.purpose}", "qemu: " + shlex.join(cmd),
                           "rerun: " + rerun_line(case, iso),
                           f"QEMU status {res.status}, {res.seconds:.1f} s: "
                           + con.outcome.describe()], res.raw)
    verdict.details.append(f"    log: {paths.rel(log)}\n    rerun: {rerun_line(case, iso)}")
    return verdict


def linux_case(case):
    """Run the case's ELF on this Linux host: the same output and status prove the
    kernel keeps Linux's semantics. argv[0] is the bare file name, as under moat."""
    verdict = Verdict()
    t0 = time.monotonic()
    try:
        proc = subprocess.run([os.path.basename(case.elf)] + case.args, executable=case.elf,
                              cwd=os.path.dirname(case.elf), input=case.stdin or b"",
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=case.timeout)
    except subprocess.TimeoutExpired:
        return Verdict([f"timeout after {case.timeout:g} s"], seconds=case.timeout)
    verdict.seconds = time.monotonic() - t0
    status = proc.returncode if proc.returncode >= 0 else 128 - proc.returncode
    out = proc.stdout.decode("utf-8", "replace")
    if out and not out.endswith("\n"):
        out += "\n"                    # moat's kernel ends the app's last line too
    if status != case.status:
        verdict.reasons.append(f"status: expected {case.status}, got {status} on Linux")
    if out != case.output:
        verdict.reasons.append("output differs on Linux")
        verdict.details.append(side_by_side(case.output, out))
    if proc.stderr.strip():
        verdict.details.append("    stderr:\n" + proc.stderr.decode("utf-8", "replace")[-2000:])
    return verdict


def host_unit(path):
    """A native unit test: passes when it exits 0."""
    t0 = time.monotonic()
    try:
        proc = subprocess.run([path], cwd=paths.BUILD, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                              timeout=HOST_TEST_TIMEOUT)
    except subprocess.TimeoutExpired:
        return Verdict([f"timeout after {HOST_TEST_TIMEOUT} s"], seconds=HOST_TEST_TIMEOUT)
    verdict = Verdict(seconds=time.monotonic() - t0)
    if proc.returncode != 0:
        verdict.reasons.append(f"exited with status {proc.returncode}")
        tail = proc.stdout.decode("utf-8", "replace").splitlines()[-40:]
        verdict.details.append("\n".join("    " + line for line in tail))
    return verdict


def wanted(name, filters):
    return not filters or any(f in name or fnmatch.fnmatchcase(name, f) for f in filters)


def broken(name, path, error):
    """A job that fails because its case file cannot be read."""
    return Job(name, lambda: Verdict([f"{paths.rel(path)}: {error}"]))


def missing_elf(case):
    return Verdict([f"{paths.rel(case.elf)} does not exist (not built? see tests/meson.build)"])


def case_jobs(case, boots, kernel):
    jobs = []
    for boot in [b for b in ("iso", "direct") if b in boots and b in case.boots]:
        name = case.name + ("[iso]" if boot == "iso" else "")
        if case.elf and not os.path.exists(case.elf):
            jobs.append(Job(name, lambda c=case: missing_elf(c)))
            continue
        jobs.append(Job(name, lambda c=case, n=name, i=boot == "iso": qemu_case(c, n, i, kernel),
                        weight=3 if boot == "iso" else 2))
    if case.host and jobs:
        run = (lambda c=case: linux_case(c)) if os.path.exists(case.elf) else \
            (lambda c=case: missing_elf(c))
        jobs.append(Job(case.name + "[linux]", run))
    return jobs


def collect(filters, boots, kernel, append="", cpu=None):
    """Every job the filters select: the cases' boots, their Linux runs, the unit tests."""
    jobs = []
    for found in cases.discover():
        if isinstance(found, tuple):
            if wanted(found[0], filters):
                jobs.append(broken(*found))
        elif wanted(found.name, filters):
            if append:                 # test --append: every case gets these options too
                found.append = (found.append + " " + append).strip()
            if cpu:                    # test --cpu: every case on this CPU model
                found.cpu = cpu
            jobs += case_jobs(found, boots, kernel)
    for path in sorted(glob.glob(os.path.join(paths.HOST_TESTS, "test_*"))):
        name = "host/" + os.path.basename(path)
        if os.access(path, os.X_OK) and os.path.isfile(path) and wanted(name, filters):
            jobs.append(Job(name, lambda p=path: host_unit(p)))
    return jobs


def attempt(job):
    try:
        return job.run()
    except Exception as e:  # a harness error fails this job only
        return Verdict([f"{type(e).__name__}: {e}"])


def report(job, verdict, lock):
    with lock:
        if not verdict.reasons:
            print(f"PASS {job.name} ({verdict.seconds:.1f}s)", flush=True)
            return
        print(f"FAIL {job.name}: " + "; ".join(verdict.reasons))
        for block in verdict.details:
            print(block)
        sys.stdout.flush()


def run_jobs(jobs, workers):
    """Run jobs in parallel, print one line per job, end with the totals; True if all pass."""
    lock, failed = threading.Lock(), 0
    order = sorted(jobs, key=lambda j: -j.weight)     # stable: name order within a weight
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(attempt, job): job for job in order}
        try:
            for future in concurrent.futures.as_completed(futures):
                verdict = future.result()
                failed += bool(verdict.reasons)
                report(futures[future], verdict, lock)
        except KeyboardInterrupt:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    print(f"{len(jobs) - failed} passed, {failed} failed", flush=True)
    return failed == 0
