#!/usr/bin/env python3
# run.py: build moat, boot one app on it under QEMU, or run the test suite (see README.md).
import argparse
import glob
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from moatlib import bench, console, execute, files, hosttools, paths, qemu, reference, suite  # noqa

EPILOG = """\
run's exit status: the app's own (exited N: N; killed by signal N: 128+N); 126 if the
kernel refused the app; 124 on timeout; 125 if the app never ended normally (kernel
panic, triple fault or reset, QEMU or build failure); 130 if you quit QEMU with Ctrl-A x.
Missing host packages or bad options: 2.
"""


def parser():
    p = argparse.ArgumentParser(prog="tools/run.py", epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                description="Build moat, boot an app on it, or run the tests.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("build", help="configure build/ if needed, then run ninja")
    r = sub.add_parser("run", help="build, then boot APP and stream its console")
    r.add_argument("--iso", action="store_true", help="boot through GRUB (default: direct)")
    r.add_argument("--gdb", action="store_true", help="wait for gdb on port 1234")
    r.add_argument("--timeout", type=float, metavar="S", help="give up after S seconds")
    r.add_argument("--append", default="", metavar="ARGS", help="the kernel's command line")
    r.add_argument("--cpu", default="max", metavar="MODEL", help="QEMU's CPU model (default: max)")
    r.add_argument("--machine", default="microvm", choices=("microvm", "pc"),
                   help="direct boot's machine: microvm (default, fastest) or pc (SeaBIOS)")
    r.add_argument("--qemu-arg", action="append", default=[], metavar="X",
                   help="one more QEMU argument (repeatable)")
    r.add_argument("--files", metavar="DIR",
                   help="boot a file tree: DIR packed with the app as /init (a cpio archive)")
    r.add_argument("app", nargs="?", default="demo", metavar="APP",
                   help="an ELF path, a name in app/ (default: demo), or none")
    r.add_argument("args", nargs=argparse.REMAINDER, metavar="ARGS", help="argv[1..]")
    t = sub.add_parser("test", help="build, then run tests/*.expect and the host unit tests")
    t.add_argument("-j", type=int, default=os.cpu_count() or 1, metavar="N",
                   help="parallel jobs (default: %(default)s)")
    path = t.add_mutually_exclusive_group()
    for flag, what in (("--both", "both boot paths (the default)"),
                       ("--direct", "QEMU's -kernel only"), ("--iso", "the GRUB ISO only")):
        path.add_argument(flag, dest="boot", action="store_const", const=flag[2:], help=what)
    t.add_argument("--append", default="", metavar="ARGS",
                   help="add ARGS to every case's kernel command line (e.g. pti=on)")
    t.add_argument("--cpu", metavar="MODEL",
                   help="boot every case on this QEMU CPU model (e.g. qemu32)")
    t.add_argument("--reference", choices=("auto", "native", "qemu"), default="auto",
                   help="where the [linux] runs happen: natively (where this host runs i386"
                   " programs), on Debian's Linux i386 in QEMU, or auto (default)")
    t.add_argument("--only", choices=("moat", "linux", "unit"), action="append",
                   help="only moat's boots, the Linux reference runs, or the unit tests"
                   " (repeatable)")
    t.add_argument("--exact", action="store_true",
                   help="a FILTER selects only the case or job of exactly that name")
    t.add_argument("--failed", action="store_true",
                   help="rerun exactly the jobs that failed in the previous run")
    t.add_argument("--list", action="store_true", help="list the selected jobs; run nothing")
    t.add_argument("--junit", metavar="FILE", help="also write the results as JUnit XML")
    t.add_argument("filters", nargs="*", metavar="FILTER",
                   help="run only the cases or jobs whose name contains FILTER or matches "
                   "it (fnmatch)")
    b = sub.add_parser("bench", help="build, then measure moat's hot paths (bench/bench.c)")
    b.add_argument("--linux", action="store_true",
                   help="also as /init under Debian's i386 Linux (fetched into build/linux/)")
    b.add_argument("--timeout", type=float, default=300, metavar="S",
                   help="give up on a boot after S seconds (default: %(default)g)")
    b.add_argument("--append", default="", metavar="ARGS",
                   help="more kernel options for moat's runs (e.g. pti=on, to see its cost)")
    for sp in (r, t, b):
        sp.add_argument("--kernel", help="the kernel ELF (default: the one built)")
        sp.add_argument("--no-build", action="store_true", help="skip the build step")
    return p


def resolve_app(app):
    """The ELF to boot: a path, `none`, or NAME for build/app/NAME.elf."""
    if app == "none":
        return None
    if "/" in app or os.path.isfile(app):
        if not os.path.isfile(app):
            sys.exit(f"run.py: {app}: no such file")
        return app
    elf = os.path.join(paths.APPS, app + ".elf")
    if not os.path.isfile(elf):
        names = sorted(os.path.basename(p)[:-4] for p in glob.glob(paths.APPS + "/*.elf"))
        print(f"run.py: no app named {app!r}; the apps in app/: {', '.join(names) or 'none'}",
              file=sys.stderr)
        sys.exit(2)
    return elf


def prepare(args, build_quietly=True):
    """Check the host tools and build; return None or the exit status to stop with."""
    failed = 125 if args.command == "run" else 1
    status = hosttools.ensure_tools()
    if status:
        return status
    if not getattr(args, "no_build", False) and not hosttools.build(quiet=build_quietly):
        return failed
    if args.command != "build":
        args.kernel = args.kernel or paths.kernel()
        if not os.path.isfile(args.kernel):
            print(f"run.py: {paths.rel(args.kernel)} does not exist", file=sys.stderr)
            return failed
    return None


def cmd_run(args):
    app = resolve_app(args.app)
    os.makedirs(paths.TMP, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="run-", dir=paths.TMP)
    try:
        return run_app(args, app, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def archive(args, app, workdir):
    """The module to boot: the app, an archive of --files DIR with the app as /init (named
    as the app, which gives argv[0]), or a .cpio APP as it is (argv[0] "init")."""
    if args.files:
        if not os.path.isdir(args.files) or not app:
            print(f"run.py: --files {args.files}: needs a folder and an app", file=sys.stderr)
            sys.exit(2)
        out = os.path.join(tempfile.mkdtemp(dir=workdir), os.path.basename(app))
        files.pack(out, app, args.files)
        return out
    if app and app.endswith(".cpio"):
        out = os.path.join(tempfile.mkdtemp(dir=workdir), "init")
        shutil.copyfile(app, out)
        return out
    return app


def run_app(args, elf, workdir):
    app = archive(args, elf, workdir)
    boot = qemu.Boot(args.kernel, app, args.args, args.append, args.iso,
                     args.qemu_arg + (["-s", "-S"] if args.gdb else []), cpu=args.cpu,
                     machine=args.machine)
    interactive = sys.stdin.isatty()
    if args.gdb:
        print(f"run.py: QEMU waits for gdb; in another terminal:\n  gdb {paths.rel(args.kernel)}"
              " -ex 'target remote :1234'" + (f"\n  (app symbols: add-symbol-file "
              f"{paths.rel(elf)})" if elf else ""), file=sys.stderr)
    if interactive:
        print("run.py: Ctrl-C goes to the app; Ctrl-A x quits QEMU", file=sys.stderr)
    view = console.LiveView(sys.stdout.buffer)
    try:
        cmd = qemu.command(boot, workdir, interactive)
        res = qemu.run(cmd, workdir, args.timeout, None if interactive else sys.stdin.buffer,
                       view, interactive)
    except (ValueError, RuntimeError) as e:
        print(f"run.py: {e}", file=sys.stderr)
        return 125
    view.close()
    outcome = console.parse(res.raw, res.status, res.timed_out, args.timeout,
                            res.channel).outcome
    newline = "" if view.at_line_start else "\n"
    if res.stderr.strip():
        print(newline + res.stderr.rstrip(), file=sys.stderr)
        newline = ""
    if outcome.kind not in ("exited", "killed"):
        print(f"{newline}run.py: {outcome.describe()}", file=sys.stderr)
    return outcome.status()


def cmd_test(args, build_seconds=0.0):
    boots = {"both": ("direct", "iso"), "direct": ("direct",),
             "iso": ("iso",)}[args.boot or "both"]
    sel = suite.Selection(args.filters, args.exact, boots, args.kernel or paths.kernel(),
                          args.append, args.cpu, tuple(args.only or suite.KINDS))
    if args.failed:
        sel.names = execute.last_failed()
        if sel.names is None:
            print("run.py: --failed: no previous run is recorded", file=sys.stderr)
            return 2
    ref = reference.Reference(args.reference, ci=os.environ.get("CI") == "true")
    jobs = suite.collect(sel, ref)
    if args.list:
        print("\n".join(j.name for j in jobs))
        return 0
    if not jobs:
        what = "failed last time" if args.failed else "matches " + " ".join(args.filters)
        print(f"run.py: no test {what}", file=sys.stderr)
        print("0 passed, 0 failed")
        return 0 if args.failed else 1
    ok = execute.run(jobs, max(1, args.j), ref, sel.kernel, args.junit, build_seconds)
    return 0 if ok else 1


def main(argv):
    args = parser().parse_args(argv)
    try:
        if args.command == "test" and args.list:
            return cmd_test(args)
        t0 = time.monotonic()
        stop = prepare(args, build_quietly=args.command != "build")
        if stop is not None or args.command == "build":
            return stop or 0
        if args.command == "test":
            return cmd_test(args, time.monotonic() - t0)
        if args.command == "bench":
            return bench.main(args.kernel, args.linux, args.timeout, args.append)
        return cmd_run(args)
    except KeyboardInterrupt:
        print("\nrun.py: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
