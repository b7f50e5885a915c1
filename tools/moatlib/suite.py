# suite.py: the test suite's jobs (moat boots, the Linux reference, unit tests), run in parallel.
import fnmatch
import glob
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

from . import arch, cases, console, files, monitor, paths, qemu, reference
from .console import Kind
from .sidebyside import side_by_side

HOST_TEST_TIMEOUT = 60
RUNNER_TEST_TIMEOUT = 300          # test_image boots four machines, two of them on OVMF
RUNNER_TESTS = os.path.join(paths.ROOT, "tests", "runner")
REFERENCE_LOG = os.path.join(paths.LOGS, "linux-reference.log")
# kinds of job, in the order they start (slow ones first: the unit tests include booting an
# appliance image on OVMF; the Linux reference's own boot is submitted before them all)
KINDS = ("unit", "iso", "direct", "linux")


@dataclass
class Verdict:
    reasons: list = field(default_factory=list)    # empty: passed
    details: list = field(default_factory=list)    # blocks of text shown under a failure
    seconds: float = 0.0
    skipped: str = ""                              # why the job could not run here


@dataclass
class Job:
    name: str                          # a case's (job_name), host/test_x or runner/x
    kind: str                          # one of KINDS
    run: object                        # () -> Verdict
    case: object = None                # the Case (for_arch's), for a boot or a reference run
    prog: object = None                # the reference.Program, for a reference run
    iso_image: str = None              # a GRUB boot: the suite's ISO (execute.suite_iso)
    kernel: str = None                 # a boot: the kernel it boots


def job_name(case, kind):
    """NAME, NAME[iso], NAME[linux] on i386 (as before x86_64); NAME[x86_64], NAME[x86_64,iso],
    NAME[x86_64,linux] on x86_64."""
    tags = ([case.arch] if case.arch != "i386" else []) + ([kind] if kind != "direct" else [])
    return case.name + (f"[{','.join(tags)}]" if tags else "")


def iso_key(case):
    """The case's entry in the suite's ISO: NAME, or NAME.x86_64 (mkiso.check_name's set)."""
    return case.name + ("" if case.arch == "i386" else "." + case.arch)


def status_text(status):
    return str(status) if isinstance(status, int) else status


def check_status(expected, outcome):
    """expected: the case's status, an exit status (int) or Kind.REFUSED or Kind.PANIC."""
    if isinstance(expected, int):
        ok = outcome.kind in (Kind.EXITED, Kind.KILLED) and outcome.status() == expected
    else:
        ok = outcome.kind == expected
    if ok:
        return []
    return [f"status: expected {status_text(expected)}, got {outcome.describe()}"]


def lines_of(output):
    """An app's output as a case's expected output is written: lines, the last one ended."""
    return output + "\n" if output and not output.endswith("\n") else output


def compare(case, con, verdict):
    """Fill verdict with everything in the console log that differs from the case."""
    verdict.reasons += check_status(case.status, con.outcome)
    out = lines_of(con.app_output)
    if out != case.output:
        verdict.reasons.append("output differs")
        verdict.details.append(side_by_side(case.output, out))
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
    if case.arch != "i386":
        opts += ["--arch", case.arch]
    if case.kernel == "debug":
        opts += ["--kernel", paths.rel(arch.kernel(case.arch, debug=True))]
    if case.append:
        opts += ["--append", case.append]
    if case.cpu != "max":
        opts += ["--cpu", case.cpu]
    if case.mem != "128M":
        opts += ["--mem", case.mem]
    if case.files:
        opts += ["--files", paths.rel(case.files)]
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


def case_kernel(case, kernel):
    """The kernel a case boots: kernel (its width's), or the debug build beside it."""
    if case.kernel != "debug":
        return kernel
    return arch.kernel(case.arch, debug=True, build=os.path.dirname(kernel))


def qemu_case(case, name, iso, kernel, iso_image=None):
    """Boot one case and compare what the console shows with the case."""
    verdict = Verdict()
    os.makedirs(paths.TMP, exist_ok=True)
    # No comma in the path: QEMU's options (-monitor unix:PATH) split on commas.
    safe = name.replace("[", "-").strip("]").replace(",", "-")
    workdir = tempfile.mkdtemp(prefix=safe + "-", dir=paths.TMP)
    try:
        module = case.elf
        if case.files is not None:
            module = os.path.join(tempfile.mkdtemp(dir=workdir), os.path.basename(case.elf))
            files.pack(module, case.elf, case.files)
        boot = qemu.Boot(case_kernel(case, kernel), module, case.args, append=case.append,
                         iso=iso, cpu=case.cpu, iso_image=iso_image, iso_key=iso_key(case),
                         mem=case.mem)
        watch = None
        if case.monitor:
            sock = os.path.join(workdir, "monitor.sock")
            boot.extra = ["-monitor", f"unix:{sock},server=on,wait=off"]
            watch = monitor.Watch(case.monitor, sock, kernel)
        cmd = qemu.command(boot, workdir)
        res = qemu.run(cmd, workdir, timeout=case.timeout, stdin=case.stdin, sink=watch,
                       pipe="stdin=pipe" in case.append.split())
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    con = console.parse(res.raw, res.status, res.timed_out, case.timeout,
                        res.channel)
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


def judge_reference(run, status, output, where):
    """Compare one reference run with what the case expects (output None: not compared)."""
    verdict = Verdict()
    if run.kind in (Kind.TIMEOUT, Kind.ERROR):
        verdict.reasons.append(f"{run.kind} on {where}" + (f": {run.detail}" if run.detail
                                                            else ""))
    elif run.status() != status:
        verdict.reasons.append(f"status: expected {status}, got {run.status()} on {where}")
    out = lines_of(run.stdout.decode("utf-8", "replace"))
    if output is not None and run.kind not in (Kind.TIMEOUT, Kind.ERROR) and out != output:
        verdict.reasons.append(f"output differs on {where}")
        verdict.details.append(side_by_side(output, out))
    elif output is None and verdict.reasons and out.strip():
        verdict.details.append("\n".join("    " + l for l in out.splitlines()[-40:]))
    if run.stderr.strip():
        verdict.details.append("    stderr:\n" + run.stderr.decode("utf-8", "replace")[-2000:])
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


def runner_unit(path):
    """One module of the runner's own unit tests (tests/runner/test_*.py), with unittest."""
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "unittest", "-q",
                           os.path.basename(path)[:-3]], cwd=os.path.dirname(path),
                          env=dict(os.environ, PYTHONPATH=os.path.join(paths.ROOT, "tools")),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          stdin=subprocess.DEVNULL, timeout=RUNNER_TEST_TIMEOUT)
    verdict = Verdict(seconds=time.monotonic() - t0)
    if proc.returncode != 0:
        verdict.reasons.append(f"unittest exited with status {proc.returncode}")
        verdict.details.append("\n".join("    " + l for l in
                                         proc.stdout.decode().splitlines()[-60:]))
    return verdict


def wanted(names, filters, exact):
    """Whether a job is selected: by its case's name or its own, equal to a filter (exact),
    or containing it or matching it as an fnmatch pattern."""
    if not filters:
        return True
    if exact:
        return any(n in filters for n in names)
    return any(f in n or fnmatch.fnmatchcase(n, f) for f in filters for n in names)


def missing_elf(case):
    return Verdict([f"{paths.rel(case.elf)} does not exist (not built? see tests/meson.build)"])


@dataclass
class Selection:
    """What `run.py test` was asked for."""
    filters: list = field(default_factory=list)
    exact: bool = False
    boots: tuple = ("direct", "iso")
    kernels: dict = field(default_factory=lambda: {a: arch.kernel(a) for a in arch.ARCHES})
    append: str = ""
    cpu: str = None
    kinds: tuple = KINDS               # --only: a subset of moat, linux, unit
    names: set = None                  # --failed: exactly these jobs
    arches: tuple = arch.ARCHES        # --arch: one width only


def runs_on(case, width):
    """Whether a case has a job on width: it allows it, and on x86_64 its program is built
    (the x86_64 test programs are: build/tests/x86_64/), unless it is an x86_64-only case,
    whose missing program is a failure."""
    if width not in case.arches:
        return False
    if width == "i386" or case.arches == (width,):
        return True
    elf = arch.test_elf(case.elf, width)
    return os.path.exists(elf) if elf else os.path.isdir(os.path.join(paths.TEST_ELFS, width))


def case_jobs(case, sel, ref):
    """The case's jobs on every width it runs on (runs_on): its boots and reference run."""
    jobs = []
    for width in [w for w in sel.arches if runs_on(case, w)]:
        jobs += width_jobs(cases.for_arch(case, width), sel, ref)
    return jobs


def width_jobs(case, sel, ref):
    jobs = []
    needs = case.needs + (("lm",) if case.arch == "x86_64" else ())
    lacking = cases.cpu_lacks(case.cpu, needs)
    kernel = sel.kernels[case.arch]
    for boot in [b for b in ("direct", "iso") if b in sel.boots and b in case.boots]:
        name = job_name(case, boot)
        if lacking:
            why = f"needs {', '.join(lacking).upper()}, which --cpu {case.cpu} lacks"
            jobs.append(Job(name, boot, lambda w=why: Verdict(skipped=w), case))
            continue
        if case.elf and not os.path.exists(case.elf):
            jobs.append(Job(name, boot, lambda c=case: missing_elf(c), case))
            continue
        if not os.path.isfile(case_kernel(case, kernel)):
            why = f"{paths.rel(case_kernel(case, kernel))} does not exist (not built?)"
            jobs.append(Job(name, boot, lambda w=why: Verdict([w]), case))
            continue
        job = Job(name, boot, None, case, kernel=case_kernel(case, kernel))
        job.run = lambda j=job: qemu_case(j.case, j.name, j.kind == "iso", kernel,
                                          j.iso_image)
        jobs.append(job)
    if case.host and case.elf:
        name = job_name(case, "linux")
        prog = reference.Program(iso_key(case), case.elf, case.args, case.stdin,
                                 case.timeout, case.arch, case.host == "ia32")
        jobs.append(Job(name, "linux", lambda p=prog, c=case:
                        reference_job(ref, p, c.status, c.output), case, prog))
    return jobs


def collect(sel, ref):
    """Every job sel selects: the cases' boots and reference runs, then the unit tests."""
    jobs = []
    for found in cases.discover():
        if isinstance(found, tuple):
            name, path, error = found
            jobs.append(Job(name, "direct", lambda p=path, e=error:
                            Verdict([f"{paths.rel(p)}: {e}"])))
            continue
        if sel.append:                 # test --append: every case gets these options too
            found.append = (found.append + " " + sel.append).strip()
        if sel.cpu and found.cpu == cases.Case.cpu:  # test --cpu: every case not pinned to
            found.cpu = sel.cpu                       # a model of its own (cpu: qemu32)
        jobs += case_jobs(found, sel, ref)
    for path in sorted(glob.glob(os.path.join(paths.HOST_TESTS, "test_*"))):
        name = "host/" + os.path.basename(path)
        if not (os.access(path, os.X_OK) and os.path.isfile(path)):
            continue
        if name.endswith("_i386"):     # an i386 program: it runs where the reference runs
            if "i386" not in sel.arches:
                continue
            prog = reference.Program(name, path, [], None, HOST_TEST_TIMEOUT)
            jobs.append(Job(name, "linux", lambda p=prog: reference_job(ref, p, 0, None),
                            prog=prog))
        else:
            jobs.append(Job(name, "unit", lambda p=path: host_unit(p)))
    for path in sorted(glob.glob(os.path.join(RUNNER_TESTS, "test_*.py"))):
        name = "runner/" + os.path.basename(path)[:-3]
        jobs.append(Job(name, "unit", lambda p=path: runner_unit(p)))
    only = {"moat": ("direct", "iso"), "linux": ("linux",), "unit": ("unit",)}
    kinds = {k for group in sel.kinds for k in only.get(group, (group,))}
    return [j for j in jobs if j.kind in kinds and (
        j.name in sel.names if sel.names is not None else
        wanted([j.name] + ([j.case.name] if j.case else []), sel.filters, sel.exact))]


def reference_job(ref, prog, status, output):
    """Run prog on the reference and judge it; skipped (a failure in CI) where it can't run."""
    if not os.path.exists(prog.elf):
        return Verdict([f"{paths.rel(prog.elf)} does not exist (not built?)"])
    t0 = time.monotonic()
    run = ref.run(prog)
    if isinstance(run, str):
        if ref.ci and run != reference.NO_INT80:  # a host kernel is not the project's to fix
            return Verdict([f"the Linux reference cannot run here, and CI must prove the "
                            f"expectations are Linux's: {run}"])
        return Verdict(skipped=run)
    verdict = judge_reference(run, status, output, ref.where(prog))
    native = ref.native(prog)
    verdict.seconds = time.monotonic() - t0 if native else 0.0
    if verdict.reasons and not native:
        verdict.details.append(f"    Linux's console: {paths.rel(REFERENCE_LOG)}")
    return verdict
