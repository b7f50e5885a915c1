#!/usr/bin/env python3
# run.py: build moat, boot one app on it under QEMU, or run the test suite (see README.md).
import argparse
import glob
import os
import shlex
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mkiso  # noqa: E402
from moatlib import arch, bench, console, execute, files, hosttools, paths, qemu, reference, \
    suite, symbols  # noqa
from moatlib.console import Kind  # noqa: E402

EPILOG = """\
run's exit status: the app's own (exited N: N; killed by signal N: 128+N); 126 if the
kernel refused the app; 124 on timeout; 125 if the app never ended normally (kernel
panic, triple fault or reset, QEMU or build failure); 130 if you quit QEMU with Ctrl-A x.
Missing host packages or bad options: 2.
"""


DEFAULT_TIMEOUT = 600     # run without a terminal: nobody can press Ctrl-A x


def parser():
    p = argparse.ArgumentParser(prog="tools/run.py", epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                description="Build moat, boot an app on it, or run the tests.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("build", help="configure build/ if needed, then run ninja")
    r = sub.add_parser("run", help="build, then boot APP and stream its console")
    r.add_argument("--iso", action="store_true", help="boot through GRUB (default: direct)")
    r.add_argument("--gdb", action="store_true", help="wait for gdb on port 1234")
    r.add_argument("--timeout", type=float, metavar="S",
                   help=f"give up after S seconds (default: none on a terminal, else "
                   f"{DEFAULT_TIMEOUT})")
    r.add_argument("-q", "--quiet", action="store_true",
                   help="show only the app's output: no kernel lines, no firmware banner")
    r.add_argument("--append", default="", metavar="ARGS", help="the kernel's command line")
    r.add_argument("--cpu", default="max", metavar="MODEL", help="QEMU's CPU model (default: max)")
    r.add_argument("--machine", default="microvm", choices=("microvm", "pc"),
                   help="direct boot's machine: microvm (default, fastest) or pc (SeaBIOS)")
    r.add_argument("--mem", default="128M", metavar="SIZE",
                   help="the machine's RAM, as QEMU's -m takes it (default: 128M)")
    r.add_argument("--qemu-arg", action="append", default=[], metavar="X",
                   help="one more QEMU argument (repeatable)")
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
    t.add_argument("--arch", choices=arch.ARCHES,
                   help="only this width's jobs (default: both; a case runs on x86_64 where "
                   "build/tests/x86_64/ has its program)")
    t.add_argument("filters", nargs="*", metavar="FILTER",
                   help="run only the cases or jobs whose name contains FILTER or matches "
                   "it (fnmatch)")
    im = sub.add_parser("image", help="build, then write APP as a bootable appliance image",
                        description="Write one image that boots APP on BIOS and UEFI, as a CD "
                        "(-cdrom) or a disk (a USB stick, -drive format=raw); the machine "
                        "powers off when the app ends (README.md: Ship your app).")
    im.add_argument("-o", "--output", required=True, metavar="FILE", help="the image to write")
    im.add_argument("--append", default="", metavar="ARGS", help="the kernel's command line")
    im.add_argument("--on-exit", choices=("poweroff", "reboot", "halt"), default="poweroff",
                    help="what the machine does when the app ends (default: %(default)s)")
    b = sub.add_parser("bench", help="build, then measure moat's hot paths (bench/bench.c)")
    b.add_argument("--linux", action="store_true",
                   help="also as /init under Debian's Linux of the width, 686-pae or amd64 "
                   "(fetched into build/linux/)")
    b.add_argument("--arch", choices=arch.ARCHES, default="i386",
                   help="the width: i386 (default: bench/bench.elf on build/moat.elf) or x86_64 "
                   "(build/bench/x86_64/bench.elf on build/moat64.elf, qemu-system-x86_64)")
    b.add_argument("--timeout", type=float, default=300, metavar="S",
                   help="give up on a boot after S seconds (default: %(default)g)")
    b.add_argument("--append", default="", metavar="ARGS",
                   help="more kernel options for moat's runs (e.g. pti=on, to see its cost)")
    b.add_argument("--cpu", default=bench.CPU, metavar="MODEL",
                   help="QEMU's CPU model for every run, Linux's too (default: %(default)s; "
                   "max,-xsave: the FXSAVE-only figures)")
    b.add_argument("--qemu-start", action="store_true",
                   help="instead: wall-clock ms from QEMU's start to the app's first line, "
                   f"min/median/max of {bench.START_RUNS} boots")
    for sp in (r, im):
        sp.add_argument("--arch", choices=arch.ARCHES,
                        help="the kernel's width: i386 (build/moat.elf, qemu-system-i386) or "
                        "x86_64 (build/moat64.elf, qemu-system-x86_64); default: the app's ELF "
                        "class (a .cpio's /init's), else the --kernel's, else i386")
        sp.add_argument("--files", metavar="DIR",
                        help="boot a file tree: DIR packed with the app as /init into a cpio "
                        "archive (an APP ending in .cpio boots as it is)")
        sp.add_argument("--env", action="append", default=[], metavar="KEY=VALUE",
                        help="one variable of the app's environment (repeatable); it travels "
                        "on the kernel command line, as Linux passes init its environment")
        sp.add_argument("app", nargs="?" if sp is r else None, default="demo", metavar="APP",
                        help="an ELF path or a name in app/" + (" (default: demo), or none"
                                                                 if sp is r else ""))
        sp.add_argument("args", nargs=argparse.REMAINDER, metavar="ARGS", help="argv[1..]")
    for sp in (r, t, b, im):
        sp.add_argument("--kernel", help="the kernel ELF (default: the one built, of the "
                        "width: build/moat.elf or build/moat64.elf)")
        sp.add_argument("--no-build", action="store_true", help="skip the build step")
    return p


class Refusal(Exception):
    """A bad APP or argument: run.py says why and exits with status 2."""


def resolve_app(app):
    """The ELF to boot: a path, `none`, or NAME for build/app/NAME.elf (which the build
    makes; see build_targets)."""
    if app == "none":
        return None
    if "/" in app or os.path.exists(app):
        if os.path.isdir(app):
            raise Refusal(f"{app}: is a directory, not a program")
        if not os.path.isfile(app):
            raise Refusal(f"{app}: no such file")
        return app
    if not os.path.isfile(os.path.join(paths.ROOT, "app", app + ".c")):
        names = sorted(os.path.basename(p)[:-2] for p in glob.glob(paths.ROOT + "/app/*.c")
                       if "_" not in os.path.basename(p))
        raise Refusal(f"{app}: no such file, and no app of that name in app/ "
                      f"({', '.join(names)})")
    return os.path.join(paths.APPS, app + ".elf")


# The kernel's own options (src/kernel/cmdline.c): not the app's environment.
KERNEL_OPTIONS = ("norandmaps", "pti", "mds", "debug", "stdin", "init", "onexit")


def choose_arch(args):
    """run's and image's width: --arch, else the app's ELF class (a .cpio's /init, or the
    init= the command line names), else the --kernel's class, else i386."""
    if args.arch:
        return args.arch
    init = next((w[5:] for w in shlex.split(args.append) if w.startswith("init=")), "init")
    found = arch.of_file(args.app_elf, init) if args.app_elf else None
    return found or arch.choose(None, args.kernel)


def check_env(words):
    """--env's words, refused (status 2) unless each is KEY=VALUE with a key of the app's."""
    for w in words:
        key, eq, _ = w.partition("=")
        if not eq or not key or " " in key:
            raise Refusal(f"--env {w!r}: expected KEY=VALUE")
        if key in KERNEL_OPTIONS:
            raise Refusal(f"--env {w!r}: {key} is a kernel option; use --append")
    return words


def build_targets(args):
    """What the command needs built: `run` and `image` only the kernel and the app."""
    if args.command not in ("run", "image"):
        return None                                   # everything
    targets = [] if args.kernel else [os.path.basename(arch.kernel(args.arch))]
    if args.app_elf and os.path.dirname(args.app_elf) == paths.APPS:
        targets.append(os.path.relpath(args.app_elf, paths.BUILD))
    return targets


def prepare(args, build_quietly=True):
    """Check the host tools and build; return None or the exit status to stop with."""
    failed = 125 if args.command == "run" else 1
    status = hosttools.ensure_tools()
    if status:
        return status
    if not getattr(args, "no_build", False) and not hosttools.build(
            quiet=build_quietly, targets=build_targets(args)):
        return failed
    if args.command != "build":
        width = args.arch if args.command in ("run", "image", "bench") else "i386"
        args.kernel = args.kernel or arch.kernel(width)
        if not os.path.isfile(args.kernel):
            print(f"run.py: {paths.rel(args.kernel)} does not exist", file=sys.stderr)
            return failed
    return None


def module(args, workdir):
    """The module to boot: the app, an archive of --files DIR with the app as /init (named
    as the app, which gives argv[0]), or a .cpio APP as it is (argv[0] "init")."""
    app = args.app_elf
    if args.files:
        if not os.path.isdir(args.files):
            raise Refusal(f"--files {args.files}: not a folder")
        if not app:
            raise Refusal("--files needs an app")
        out = os.path.join(tempfile.mkdtemp(dir=workdir), os.path.basename(app))
        files.pack(out, app, args.files)
        return out
    if app and app.endswith(".cpio"):
        out = os.path.join(tempfile.mkdtemp(dir=workdir), "init")
        shutil.copyfile(app, out)
        return out
    return app


def cmd_run(args):
    os.makedirs(paths.TMP, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="run-", dir=paths.TMP)
    try:
        return run_in(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run_in(args, workdir):
    app = module(args, workdir)
    interactive = sys.stdin.isatty()
    timeout = args.timeout
    if timeout is None and not interactive:
        timeout = DEFAULT_TIMEOUT
    # A pipe or file as stdin: the kernel reads it as a pipe, and its end as the end.
    append = args.append if interactive else (args.append + " stdin=pipe").strip()
    boot = qemu.Boot(args.kernel, app, args.args, append, args.iso,
                     args.qemu_arg + (["-s", "-S"] if args.gdb else []), cpu=args.cpu,
                     machine=args.machine, env=check_env(args.env), mem=args.mem)
    if args.gdb:
        print(f"run.py: QEMU waits for gdb; in another terminal:\n  gdb {paths.rel(symbols.symbol_file(args.kernel))}"
              " -ex 'target remote :1234'" + (f"\n  (app symbols: add-symbol-file "
              f"{paths.rel(args.app_elf)})" if args.app_elf else ""), file=sys.stderr)
    if interactive:
        print("run.py: Ctrl-C goes to the app; Ctrl-A x quits QEMU", file=sys.stderr)
    view = console.LiveView(sys.stdout.buffer, sys.stderr.buffer,
                            os.path.join(workdir, qemu.CHANNEL), args.quiet, interactive)
    try:
        cmd = qemu.command(boot, workdir, interactive)
        res = qemu.run(cmd, workdir, timeout, None if interactive else sys.stdin.buffer,
                       view, interactive, pipe=not interactive)
    except ValueError as e:
        raise Refusal(str(e))
    except RuntimeError as e:
        print(f"run.py: {e}", file=sys.stderr)
        return 125
    finally:
        view.close()
    outcome = console.parse(res.raw, res.status, res.timed_out, timeout, res.channel).outcome
    sys.stdout.flush()
    if res.stderr.strip():
        print(res.stderr.rstrip(), file=sys.stderr)
    # The kernel's final line said it already, unless it was hidden (--quiet) or never came.
    if outcome.kind not in (Kind.EXITED, Kind.KILLED) and (args.quiet or outcome.kind not in (
            Kind.REFUSED, Kind.PANIC)):
        note = "" if args.timeout is not None or outcome.kind != Kind.TIMEOUT else \
            " (the default without a terminal: --timeout S changes it)"
        print(f"run.py: {outcome.describe()}{note}", file=sys.stderr)
    if outcome.kind == Kind.PANIC:
        trace = symbols.backtrace(res.channel, args.kernel or paths.kernel())
        if trace:
            print("run.py: the backtrace in " + paths.rel(args.kernel or paths.kernel()) + "'s "
                  "symbols (? lines are words on the stack, maybe stale):", file=sys.stderr)
            print("\n".join(trace), file=sys.stderr)
    return outcome.status()


def cmd_image(args):
    if args.app_elf is None:
        raise Refusal("image: an appliance needs an app")
    words = shlex.split(args.append) + check_env(args.env)
    if args.on_exit != "poweroff":
        words.append("onexit=" + args.on_exit)
    os.makedirs(paths.TMP, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="image-", dir=paths.TMP)
    try:
        mkiso.make_iso(args.output, args.kernel, module(args, workdir), words, None, args.args,
                       efi=True)
    except ValueError as e:
        raise Refusal(str(e))
    except (RuntimeError, OSError) as e:
        print(f"run.py: image: {e}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    out = shlex.quote(args.output)
    print(f"run.py: wrote {args.output} ({os.path.getsize(args.output) // 1024} KiB) with "
          f"{paths.rel(args.kernel)}; it boots on BIOS and UEFI, as a CD or a disk, for "
          "example:\n"
          f"  {arch.QEMU_SYSTEM[args.arch]} -cdrom {out} -serial stdio -display none\n"
          f"  qemu-system-x86_64 -bios /usr/share/ovmf/OVMF.fd -drive file={out},format=raw "
          "-serial stdio -display none", file=sys.stderr)
    return 0


def cmd_test(args, build_seconds=0.0):
    boots = {"both": ("direct", "iso"), "direct": ("direct",),
             "iso": ("iso",)}[args.boot or "both"]
    kernels = {a: arch.kernel(a) for a in arch.ARCHES}
    if args.kernel:                    # --kernel: this kernel for the width of its ELF class
        kernels[arch.of_file(args.kernel) or "i386"] = args.kernel
    sel = suite.Selection(args.filters, args.exact, boots, kernels, args.append, args.cpu,
                          tuple(args.only or suite.KINDS),
                          arches=(args.arch,) if args.arch else arch.ARCHES)
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
    ok = execute.run(jobs, max(1, args.j), ref, args.junit, build_seconds)
    return 0 if ok else 1


def main(argv):
    args = parser().parse_args(argv)
    try:
        if args.command in ("run", "image"):
            args.app_elf = resolve_app(args.app)
            args.arch = choose_arch(args)
        if args.command == "test" and args.list:
            return cmd_test(args)
        t0 = time.monotonic()
        stop = prepare(args, build_quietly=args.command != "build")
        if stop is not None or args.command == "build":
            return stop or 0
        if args.command == "test":
            return cmd_test(args, time.monotonic() - t0)
        if args.command == "bench" and args.qemu_start:
            return bench.qemu_start(args.kernel, args.timeout, args.append, args.arch)
        if args.command == "bench":
            return bench.main(args.kernel, args.linux, args.timeout, args.append, args.arch,
                              args.cpu)
        return cmd_image(args) if args.command == "image" else cmd_run(args)
    except KeyboardInterrupt:
        print("\nrun.py: interrupted", file=sys.stderr)
        return 130
    except Refusal as e:
        print(f"run.py: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
