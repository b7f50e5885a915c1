# Proves the runner handles two widths: an app's ELF class (or a cpio's /init's) picks the kernel
# and QEMU, --arch forces them, the case format's `arch:`, KEY[WIDTH] and `--- WIDTH`, and the
# suite's x86_64 jobs (their names, programs, kernels and the reference) beside unchanged i386 ones.
import argparse
import os
import tempfile
import unittest
from unittest import mock

import run
from moatlib import arch, cases, files, monitor, paths, qemu, reference, suite


def elf_header(width):
    """The first bytes of an ELF of that width: what arch reads."""
    return b"\x7fELF" + bytes([{"i386": 1, "x86_64": 2}[width], 1, 1]) + bytes(57)


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)
    return path


def parse(text, name="demo_case"):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, name + ".expect")
        with open(path, "w") as f:
            f.write(text)
        return cases.parse(path)


class ElfClassTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.d = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def test_elf_class(self):
        self.assertEqual(arch.of_file(write(self.d + "/a", elf_header("i386"))), "i386")
        self.assertEqual(arch.of_file(write(self.d + "/b", elf_header("x86_64"))), "x86_64")
        self.assertIsNone(arch.of_file(write(self.d + "/c", b"#!/bin/sh\n")))
        self.assertIsNone(arch.of_file(write(self.d + "/d", b"\x7fELF\x03")))  # no such class
        self.assertIsNone(arch.of_file(write(self.d + "/e", b"")))
        self.assertIsNone(arch.of_file(self.d + "/missing"))
        self.assertIsNone(arch.of_file(self.d))                                  # a folder

    def test_cpio_init(self):
        app = write(self.d + "/app", elf_header("x86_64") + b"code")
        files.pack(self.d + "/tree.cpio", app)          # the app as /init, /dev, /tmp
        self.assertEqual(arch.of_file(self.d + "/tree.cpio"), "x86_64")
        self.assertIsNone(arch.of_file(self.d + "/tree.cpio", init="/bin/other"))

    def test_cpio_last_init_and_init_option(self):
        one = files.cpio_newc([("init", 0o100755, (0, 0), elf_header("i386"), 0)])
        two = files.cpio_newc([("init", 0o100755, (0, 0), elf_header("x86_64"), 0),
                               ("bin/sh", 0o100755, (0, 0), elf_header("i386"), 0)])
        path = write(self.d + "/two.cpio", one + b"\0" * 8 + two)     # concatenated, padded
        self.assertEqual(arch.of_file(path), "x86_64")                # the last /init wins
        self.assertEqual(arch.of_file(path, init="/bin/sh"), "i386")  # init=/bin/sh
        self.assertIsNone(arch.of_file(write(self.d + "/none.cpio", files.cpio_newc([]))))

    def test_choose(self):
        e64 = write(self.d + "/e64", elf_header("x86_64"))
        e32 = write(self.d + "/e32", elf_header("i386"))
        self.assertEqual(arch.choose(None, e64), "x86_64")
        self.assertEqual(arch.choose("i386", e64), "i386")            # --arch forces it
        self.assertEqual(arch.choose(None, self.d + "/missing", e32), "i386")
        self.assertEqual(arch.choose(None, None, e64), "x86_64")
        self.assertEqual(arch.choose(None), "i386")

    def test_kernels_and_qemu(self):
        self.assertEqual(arch.kernel("i386"), os.path.join(paths.BUILD, "moat.elf"))
        self.assertEqual(arch.kernel("x86_64"), os.path.join(paths.BUILD, "moat64.elf"))
        self.assertEqual(arch.kernel("i386", debug=True),
                         os.path.join(paths.BUILD, "moat-debug.elf"))
        self.assertEqual(arch.kernel("x86_64", True, "/b"), "/b/moat64-debug.elf")
        k64 = write(self.d + "/k64", elf_header("x86_64"))
        self.assertEqual(arch.qemu_for(k64), "qemu-system-x86_64")
        self.assertEqual(arch.qemu_for(self.d + "/missing"), "qemu-system-i386")
        self.assertEqual(arch.qemu_for(self.d + "/missing", "x86_64"), "qemu-system-x86_64")

    def test_x86_64_program(self):
        """A test program's x86_64 twin is in build/tests/x86_64/; the benchmark's, as any
        program outside build/tests/, in its own folder's x86_64/."""
        self.assertEqual(arch.test_elf(os.path.join(paths.TEST_ELFS, "argv.elf"), "x86_64"),
                         os.path.join(paths.TEST_ELFS, "x86_64", "argv.elf"))
        self.assertEqual(arch.test_elf(os.path.join(paths.TEST_ELFS, "fuzz", "f.elf"), "x86_64"),
                         os.path.join(paths.TEST_ELFS, "x86_64", "f.elf"))
        bench = os.path.join(paths.BUILD, "bench", "bench.elf")
        self.assertEqual(arch.test_elf(bench, "x86_64"),
                         os.path.join(paths.BUILD, "bench", "x86_64", "bench.elf"))
        self.assertEqual(arch.test_elf(bench, "i386"), bench)

    def test_linux_boot_width(self):
        """Debian's bzImage has no ELF class: the Boot's width picks QEMU (bench --linux)."""
        vmlinuz = write(self.d + "/vmlinuz", b"MZ")
        for width, binary in (("i386", "qemu-system-i386"), ("x86_64", "qemu-system-x86_64")):
            b = qemu.Boot(vmlinuz, machine="pc", plain_initrd=True, width=width)
            self.assertEqual(qemu.command(b, self.d)[0], binary)

    def test_command_follows_the_kernel(self):
        """The same exit device and debug console on both machines; the binary follows the
        kernel's ELF class."""
        for width, binary in (("i386", "qemu-system-i386"), ("x86_64", "qemu-system-x86_64")):
            with self.subTest(width=width):
                kernel = write(self.d + "/k-" + width, elf_header(width))
                for iso_image in (None, "suite.iso"):
                    cmd = qemu.command(qemu.Boot(kernel, iso=bool(iso_image),
                                                 iso_image=iso_image, iso_key="x"), self.d)
                    self.assertEqual(cmd[0], binary)
                    self.assertIn("isa-debug-exit,iobase=0xf4,iosize=0x04", cmd)
                    self.assertIn("file:" + qemu.CHANNEL, cmd)


class RunArchTest(unittest.TestCase):
    """run.py's choice for `run` and `image`: --arch, the app, init=, --kernel, i386."""

    def test_choose_arch(self):
        with tempfile.TemporaryDirectory() as d:
            e64 = write(d + "/e64", elf_header("x86_64"))
            e32 = write(d + "/e32", elf_header("i386"))
            sh = write(d + "/sh", b"#!/bin/sh\n")
            tree = d + "/tree.cpio"
            with open(tree, "wb") as f:
                f.write(files.cpio_newc([("init", 0o100755, (0, 0), elf_header("i386"), 0),
                                         ("bin/x", 0o100755, (0, 0), elf_header("x86_64"), 0)]))

            def choose(app, forced=None, kernel=None, append=""):
                return run.choose_arch(argparse.Namespace(app_elf=app, arch=forced,
                                                          kernel=kernel, append=append))
            self.assertEqual(choose(e64), "x86_64")
            self.assertEqual(choose(e32), "i386")
            self.assertEqual(choose(e64, forced="i386"), "i386")
            self.assertEqual(choose(sh, forced="x86_64"), "x86_64")
            self.assertEqual(choose(sh), "i386")
            self.assertEqual(choose(sh, kernel=e64), "x86_64")       # --kernel moat64.elf
            self.assertEqual(choose(None, kernel=e64), "x86_64")     # run none
            self.assertEqual(choose(e32, kernel=e64), "i386")        # the app decides first
            self.assertEqual(choose(tree), "i386")
            self.assertEqual(choose(tree, append="norandmaps init=/bin/x"), "x86_64")

    def test_arch_option(self):
        p = run.parser()
        for command in (["run"], ["image", "-o", "x.img", "demo"], ["test"]):
            with self.subTest(command=command[0]):
                self.assertIsNone(p.parse_args(command).arch)
                self.assertEqual(p.parse_args(command[:1] + ["--arch", "x86_64"]
                                              + command[1:]).arch, "x86_64")
        args = p.parse_args(["run", "--arch", "x86_64", "none"])
        args.app_elf, args.kernel = None, None
        self.assertEqual(run.build_targets(args), ["moat64.elf"])
        args.arch = "i386"
        self.assertEqual(run.build_targets(args), ["moat.elf"])


class CaseArchTest(unittest.TestCase):
    def test_default_is_both(self):
        self.assertEqual(parse("# p\nstatus: 0\n---\n").arches, ("i386", "x86_64"))
        self.assertEqual(parse("# p\nstatus: 0\narch: both\n---\n").arches, ("i386", "x86_64"))

    def test_one_width_needs_a_reason(self):
        c = parse("# p\nstatus: 0\narch: i386 vm86 exists only in 32-bit mode\n---\n")
        self.assertEqual(c.arches, ("i386",))
        self.assertEqual(parse("# p\nstatus: 0\narch: x86_64 why\n---\n").arches, ("x86_64",))
        bad = {"arch: i386\n": "needs a reason", "arch: arm64 why\n": "is not i386",
               "arch: both\narch: both\n": "given twice",
               "arch[x86_64]: i386 why\n": "only a key other than arch",
               "console[arm]: x\n": "arm is not i386 or x86_64",
               "colour[x86_64]: red\n": "key from",
               "status[x86_64]: 1\nstatus[x86_64]: 2\n": r"status\[x86_64\] given twice",
               "status[x86_64]: maybe\n": "not a number"}
        for text, words in bad.items():
            with self.subTest(text=text):
                with self.assertRaisesRegex(cases.CaseError, words):
                    parse("# p\nstatus: 0\n" + text + "---\n")

    def test_width_keys(self):
        c = parse("# p\nstatus: 139\nconsole: eip=0x0\nconsole: SIGSEGV\n"
                  "console[x86_64]: rip=0x0\nstatus[i386]: 11\nargs[x86_64]: 1 2\n"
                  "elf: fault\n---\nboth\n--- x86_64\nwide")
        i386, wide = cases.for_arch(c, "i386"), cases.for_arch(c, "x86_64")
        self.assertEqual((i386.status, wide.status), (11, 139))
        self.assertEqual([r.pattern for r in i386.console], ["eip=0x0", "SIGSEGV"])
        self.assertEqual([r.pattern for r in wide.console], ["rip=0x0"])  # replaces them all
        self.assertEqual((i386.args, wide.args), ([], ["1", "2"]))
        self.assertEqual((i386.output, wide.output), ("both\n", "wide\n"))
        self.assertEqual(i386.elf, os.path.join(paths.TEST_ELFS, "fault.elf"))
        self.assertEqual(wide.elf, os.path.join(paths.TEST_ELFS, "x86_64", "fault.elf"))
        self.assertEqual([r.pattern for r in c.console], ["eip=0x0", "SIGSEGV"])  # untouched
        self.assertEqual((i386.arch, wide.arch), ("i386", "x86_64"))

    def test_width_outputs(self):
        c = parse("# p\nstatus: 0\n---\n--- i386\nnarrow\n--- x86_64\n")
        self.assertEqual(c.output, "")
        self.assertEqual(cases.for_arch(c, "i386").output, "narrow\n")
        self.assertEqual(cases.for_arch(c, "x86_64").output, "")
        with self.assertRaisesRegex(cases.CaseError, "twice"):
            parse("# p\nstatus: 0\n---\n--- i386\n--- i386\n")
        self.assertEqual(parse("# p\nstatus: 0\n---\n--- arm\n").output, "--- arm\n")

    def test_programs(self):
        """x86_64's program: build/tests/x86_64/ and the i386 ELF's file name."""
        c = parse("# p\nstatus: 0\nelf: tests/fuzz/fuzz.elf\nelf[x86_64]: other\n---\n")
        self.assertEqual(cases.for_arch(c, "i386").elf, os.path.join(paths.BUILD,
                                                                     "tests/fuzz/fuzz.elf"))
        self.assertEqual(cases.for_arch(c, "x86_64").elf,
                         os.path.join(paths.TEST_ELFS, "x86_64", "other.elf"))
        c = parse("# p\nstatus: 0\nelf[x86_64]: tests/x.elf\n---\n")    # as given
        self.assertEqual(cases.for_arch(c, "x86_64").elf, os.path.join(paths.BUILD, "tests/x.elf"))
        c = parse("# p\nstatus: 0\nelf: tests/good.cpio\n---\n")
        self.assertEqual(cases.for_arch(c, "x86_64").elf,
                         os.path.join(paths.TEST_ELFS, "x86_64", "good.cpio"))
        self.assertIsNone(cases.for_arch(parse("# p\nstatus: 0\nelf: none\n---\n"),
                                         "x86_64").elf)

    def test_long_mode(self):
        self.assertEqual(cases.cpu_lacks("max", ["lm"]), [])
        self.assertEqual(cases.cpu_lacks("qemu64", ["lm"]), [])
        self.assertEqual(cases.cpu_lacks("qemu32", ["lm", "nx"]), ["lm", "nx"])
        with self.assertRaisesRegex(cases.CaseError, "needs"):
            parse("# p\nstatus: 0\nneeds: lm\n---\n")   # not a key's feature


class JobsTest(unittest.TestCase):
    """The suite's jobs on both widths, in a fake build/tests/ with some x86_64 programs."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        d = self.tmp.name
        os.makedirs(d + "/x86_64")
        for width, path in (("i386", d + "/p.elf"), ("i386", d + "/q.elf"),
                            ("x86_64", d + "/x86_64/p.elf")):
            write(path, elf_header(width))
        self.kernels = {"i386": write(d + "/moat.elf", elf_header("i386")),
                        "x86_64": write(d + "/moat64.elf", elf_header("x86_64"))}
        patch = mock.patch.object(paths, "TEST_ELFS", d)
        patch.start()
        self.addCleanup(patch.stop)
        self.ref = reference.Reference("native")

    def tearDown(self):
        self.tmp.cleanup()

    def jobs(self, text, **sel):
        c = parse(text, "p")
        c.elf = c.elf and os.path.join(paths.TEST_ELFS, os.path.basename(c.elf))
        sel = suite.Selection(kernels=self.kernels, **sel)
        return {j.name: j for j in suite.case_jobs(c, sel, self.ref)}

    def test_names(self):
        jobs = self.jobs("# p\nstatus: 0\nhost: yes\nboot: both\n---\n")
        self.assertEqual(list(jobs), ["p", "p[iso]", "p[linux]", "p[x86_64]",
                                      "p[x86_64,iso]", "p[x86_64,linux]"])
        self.assertEqual(jobs["p[x86_64,iso]"].kind, "iso")
        self.assertEqual(jobs["p[x86_64,linux]"].kind, "linux")
        self.assertEqual(jobs["p"].kernel, self.kernels["i386"])
        self.assertEqual(jobs["p[x86_64]"].kernel, self.kernels["x86_64"])
        self.assertEqual(jobs["p[x86_64]"].case.elf, os.path.join(paths.TEST_ELFS, "x86_64",
                                                                  "p.elf"))
        self.assertEqual([suite.iso_key(jobs[n].case) for n in ("p[iso]", "p[x86_64,iso]")],
                         ["p", "p.x86_64"])
        self.assertEqual((jobs["p[linux]"].prog.arch, jobs["p[x86_64,linux]"].prog.arch),
                         ("i386", "x86_64"))
        self.assertIn("--arch x86_64", suite.rerun_line(jobs["p[x86_64]"].case, False))

    def test_x86_64_where_built(self):
        self.assertEqual(list(self.jobs("# p\nelf: q\nstatus: 0\n---\n")), ["p"])
        self.assertEqual(list(self.jobs("# p\nelf: q\nstatus: 0\narch: x86_64 why\n---\n")),
                         ["p[x86_64]"])            # named x86_64 alone: missing is a failure
        self.assertIn("does not exist", self.jobs(
            "# p\nelf: q\nstatus: 0\narch: x86_64 why\n---\n")["p[x86_64]"].run().reasons[0])
        self.assertEqual(list(self.jobs("# p\nelf: none\nstatus: 0\n---\n")),
                         ["p", "p[x86_64]"])       # build/tests/x86_64/ exists

    def test_restrictions(self):
        text = "# p\nstatus: 0\nboot: both\n---\n"
        self.assertEqual(list(self.jobs("# p\nstatus: 0\narch: i386 why\n---\n")), ["p"])
        self.assertEqual(list(self.jobs(text, arches=("x86_64",))),
                         ["p[x86_64]", "p[x86_64,iso]"])
        self.assertEqual(list(self.jobs(text, boots=("iso",))), ["p[iso]", "p[x86_64,iso]"])
        jobs = self.jobs("# p\nstatus: 0\ncpu: qemu32\n---\n")
        self.assertEqual(jobs["p[x86_64]"].run().skipped, "needs LM, which --cpu qemu32 lacks")

    def test_missing_debug_kernel(self):
        jobs = self.jobs("# p\nstatus: 0\nkernel: debug\n---\n")
        self.assertIn("moat64-debug.elf does not exist", jobs["p[x86_64]"].run().reasons[0])

    def test_selection_by_name(self):
        names = ["p[x86_64,iso]", "p"]
        self.assertTrue(suite.wanted(names, ["p"], True))
        self.assertTrue(suite.wanted(["p[x86_64,iso]"], ["p[x86_64,iso]"], True))
        self.assertFalse(suite.wanted(["p[x86_64,iso]"], ["p[x86_64]"], True))
        self.assertTrue(suite.wanted(["p[x86_64,iso]"], ["*x86_64*"], False))


@unittest.skipUnless(os.path.exists(arch.kernel("x86_64")), "needs build/moat64.elf")
class MonitorTest(unittest.TestCase):
    """The page-table checks read the x86_64 kernel's layout and `info tlb`'s 64-bit lines."""

    def test_layout(self):
        (lo, hi), entry, base = monitor.kernel_layout(arch.kernel("x86_64"))
        self.assertEqual(base, 0xFFFFFFFF80000000)
        self.assertTrue(0x100000 <= lo < hi < 0x1000000)
        self.assertTrue(all(base < a < b for a, b in entry))
        self.assertEqual(monitor.kernel_layout(arch.kernel("i386"))[2], 0xC0000000)

    def test_checks(self):
        kernel = arch.kernel("x86_64")
        (lo, hi), entry, base = monitor.kernel_layout(kernel)
        good = (f"0000000000400000: 0000000001000000 -------U-\n"
                f"{entry[0][0]:016x}: {entry[0][0] - base:016x} --------- \n")
        self.assertEqual(monitor.check("kpti", good, kernel), [])
        wx = "0000000000400000: 0000000001000000 -------UW\n"
        self.assertIn("writable and executable", monitor.check("wx", wx, kernel)[0])
        onto = f"0000000000400000: {lo:016x} X------UW\n"
        self.assertIn("maps the kernel image", monitor.check("wx", onto, kernel)[0])
        mapped = f"{base + hi + 0x100000:016x}: 0000000002000000 X--------\n"
        self.assertIn("mapped while the app runs", monitor.check("kpti", mapped, kernel)[0])


class ReferenceArchTest(unittest.TestCase):
    def test_x86_64_runs_natively(self):
        ref = reference.Reference("qemu")
        prog = reference.Program("p.x86_64", "/e", [], arch="x86_64")
        self.assertTrue(ref.native(prog))
        self.assertFalse(ref.native(reference.Program("p", "/e", [])))
        self.assertEqual(ref.where(prog), "Linux x86_64")
        self.assertEqual(ref.where(), "Linux i386 in QEMU")
        ref.start([prog], lambda fn: self.fail("no i386 program: no Linux boot"))
        self.assertTrue(ref.done.is_set())
        self.assertTrue(ref.describe().endswith("; x86_64: native"))

    @unittest.skipUnless(arch.host_runs("x86_64"), "needs an x86_64 host")
    def test_native_run(self):
        run = reference.Reference("qemu").run(reference.Program(
            "true", "/bin/true", [], arch="x86_64"))
        self.assertEqual(run.status(), 0)


if __name__ == "__main__":
    unittest.main()
