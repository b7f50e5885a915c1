# Proves the Linux reference's protocol: the initramfs the runner packs, the report the guest's
# /init writes (tests/reference/init.c), and the verdicts drawn from it, SKIP and CI included.
import os
import tempfile
import unittest

from moatlib import linux, paths, reference, suite
from moatlib.console import Kind


def unpack(archive):
    """(name, mode, data) of each newc entry, as the kernel's initramfs unpacker reads them."""
    out, pos = [], 0
    while True:
        head = archive[pos:pos + 110]
        assert head[:6] == b"070701", head[:6]
        f = [int(head[6 + 8 * i:14 + 8 * i], 16) for i in range(13)]
        mode, size, namesize = f[1], f[6], f[11]
        pos += 110
        name = archive[pos:pos + namesize - 1].decode()
        pos = (pos + namesize + 3) & ~3
        data = archive[pos:pos + size]
        pos = (pos + size + 3) & ~3
        if name == "TRAILER!!!":
            return out
        out.append((name, mode, data))


class ReportTest(unittest.TestCase):
    NAMES = ["a", "b[x]", "c", "d"]

    def test_parse(self):
        text = ("noise before\ncase a\nstatus exited 3\nstdout 68690a\nstderr \nend\n"
                "case b[x]\nstatus killed 11\nstdout \nstderr 6f6f7073\nend\n"
                "case c\nstatus timeout\nstdout \nstderr \nend\ndone 3\n")
        runs = reference.parse_report(text, self.NAMES)
        self.assertEqual((runs["a"].kind, runs["a"].status(), runs["a"].stdout),
                         (Kind.EXITED, 3, b"hi\n"))
        self.assertEqual((runs["b[x]"].kind, runs["b[x]"].status(), runs["b[x]"].stderr),
                         (Kind.KILLED, 139, b"oops"))
        self.assertEqual(runs["c"].kind, Kind.TIMEOUT)
        self.assertEqual(runs["d"].kind, Kind.ERROR)      # never reported

    def test_cut_off_report(self):
        runs = reference.parse_report("case a\nstatus exited 0\nstdout 41", self.NAMES)
        self.assertEqual(runs["a"].kind, Kind.EXITED)     # status seen; stdout partial hex
        runs = reference.parse_report("case a\nstatus exited 0\nstdout 4\n", ["a"])
        self.assertEqual(runs["a"].kind, Kind.ERROR)      # garbled hex is never believed
        runs = reference.parse_report("case a\n", ["a", "b"])
        self.assertEqual(runs["a"].kind, Kind.ERROR)
        self.assertIn("no `done` line", runs["b"].detail)

    def test_initramfs(self):
        os.makedirs(paths.TMP, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=paths.TMP) as d:
            elf, init = os.path.join(d, "x.elf"), os.path.join(d, "init")
            for path, data in ((elf, b"ELF"), (init, b"INIT")):
                with open(path, "wb") as f:
                    f.write(data)
            progs = [reference.Program("one", elf, ["p", "q"], b"in\n", 2.5),
                     reference.Program("two", elf, [], None, 30)]
            entries = unpack(reference.initramfs(progs, init))
            guest = "b/" + os.path.relpath(elf, paths.BUILD)
        files = {n: d for n, m, d in entries}
        self.assertEqual(files["init"], b"INIT")
        self.assertEqual(files["in/0"], b"in\n")
        self.assertEqual(files[guest], b"ELF")
        self.assertEqual(files["cases"].decode().splitlines(),
                         [f"one\t/{guest}\t3\t/in/0\tp\tq", f"two\t/{guest}\t30\t-"])
        names = [n for n, m, d in entries]
        for dev in ("dev/console", "dev/ttyS1", "dev/null"):
            self.assertIn(dev, names)
        self.assertLess(names.index("b"), names.index("b/tmp"))     # parents first

    def test_tabs_cannot_pass(self):
        with self.assertRaises(ValueError):
            reference.initramfs([reference.Program("x", "/e", ["a\tb"])])


class BootAllTest(unittest.TestCase):
    def test_a_program_that_takes_linux_down_fails_alone(self):
        progs = [reference.Program(n, "/e", []) for n in "abcd"]
        boots = []

        def boot(vmlinuz, left):             # Linux dies while running b
            boots.append([p.name for p in left])
            text = "".join(f"case {p.name}\nstatus exited 0\nstdout \nstderr \nend\n"
                           for p in left if p.name != "b")
            if "b" in [p.name for p in left]:
                text = "case a\nstatus exited 0\nstdout \nstderr \nend\ncase b\n"
            return reference.Boot(reference.parse_report(text, [p.name for p in left]), 1.0,
                                  "log")
        b = reference.boot_all("vmlinuz", progs, boot)
        self.assertEqual(boots, [["a", "b", "c", "d"], ["c", "d"]])
        self.assertEqual({n: r.kind for n, r in b.runs.items()},
                         {"a": Kind.EXITED, "b": Kind.ERROR, "c": Kind.EXITED, "d": Kind.EXITED})
        self.assertEqual(b.seconds, 2.0)


class VerdictTest(unittest.TestCase):
    def test_agreement(self):
        run = reference.Run("exited", 0, b"hi\n")
        self.assertEqual(suite.judge_reference(run, 0, "hi\n", "Linux").reasons, [])

    def test_a_wrong_expectation_fails(self):
        run = reference.Run("exited", 0, b"hi\n")
        self.assertEqual(suite.judge_reference(run, 0, "hello\n", "L").reasons,
                         ["output differs on L"])
        self.assertEqual(suite.judge_reference(run, 1, "hi\n", "L").reasons,
                         ["status: expected 1, got 0 on L"])
        killed = reference.Run("killed", 11)
        self.assertIn("status: expected 0, got 139 on L",
                      suite.judge_reference(killed, 0, "", "L").reasons)

    def test_unended_last_line(self):
        run = reference.Run("exited", 0, b"no newline")
        self.assertEqual(suite.judge_reference(run, 0, "no newline\n", "L").reasons, [])

    def test_unit_tests_compare_status_only(self):
        self.assertEqual(suite.judge_reference(reference.Run("exited", 0, b"x"), 0, None,
                                               "L").reasons, [])
        self.assertTrue(suite.judge_reference(reference.Run("exited", 1), 0, None, "L").reasons)

    def test_skip_is_counted_and_fails_in_ci(self):
        prog = reference.Program("x", __file__, [])
        for ci in (False, True):
            ref = reference.Reference("qemu", ci=ci)
            ref.skip = "no kernel here"
            ref.done.set()
            v = suite.reference_job(ref, prog, 0, "")
            if ci:
                self.assertTrue(v.reasons and "no kernel here" in v.reasons[0])
            else:
                self.assertEqual((v.reasons, v.skipped), ([], "no kernel here"))


    def test_no_ia32_emulation_is_a_skip_even_in_ci(self):
        """An x86_64 program that makes int $0x80 calls, on a host whose Linux faults them:
        skipped, in CI too (the host's kernel is not the project's); one that makes none runs."""
        saved = reference.runs_int80
        reference.runs_int80 = lambda: False
        try:
            prog = reference.Program("x", "/bin/true", [], arch="x86_64", ia32=True)
            for ci in (False, True):
                v = suite.reference_job(reference.Reference("qemu", ci=ci), prog, 0, "")
                self.assertEqual((v.reasons, v.skipped), ([], reference.NO_INT80))
            prog.ia32 = False
            self.assertEqual(reference.Reference("qemu").run(prog).status(), 0)
        finally:
            reference.runs_int80 = saved


class SelectionTest(unittest.TestCase):
    def test_wanted(self):
        self.assertTrue(suite.wanted(["sig_trap[iso]", "sig_trap"], ["sig_trap"], True))
        self.assertFalse(suite.wanted(["sig_trap_nx", "sig_trap_nx"], ["sig_trap"], True))
        self.assertTrue(suite.wanted(["sig_trap_nx"], ["sig_trap"], False))
        self.assertTrue(suite.wanted(["priv_cli[iso]", "priv_cli"], ["priv_*"], False))
        self.assertTrue(suite.wanted(["anything"], [], False))


class BinfmtTest(unittest.TestCase):
    """A host that runs i386 programs through an emulator (qemu-user) is not a Linux i386."""

    def test_qemu_user_is_found(self):
        with tempfile.TemporaryDirectory() as d:
            for name, text in (("status", "enabled\n"), ("python", "enabled\ninterpreter "
                               "/usr/bin/python3\nmagic 420d0d0a\n"),
                               ("qemu-i386", "enabled\ninterpreter /usr/bin/qemu-i386-static\n"
                               "flags: F\noffset 0\nmagic " + reference.I386_MAGIC +
                               "\nmask fffffffffffefe00fffffffffffffffffeffff\n")):
                with open(os.path.join(d, name), "w") as f:
                    f.write(text)
            self.assertEqual(reference.emulated_by_binfmt(d), "/usr/bin/qemu-i386-static")
            with open(os.path.join(d, "qemu-i386"), "w") as f:
                f.write("disabled\nmagic " + reference.I386_MAGIC + "\n")
            self.assertIsNone(reference.emulated_by_binfmt(d))


class LinuxNameTest(unittest.TestCase):
    def test_name(self):
        self.assertEqual(linux.name("/x/linux-image-6.1.0-57-686-pae/boot/vmlinuz-6.1.0-57-"
                                    "686-pae"), "linux-6.1-i386")
        self.assertEqual(linux.name("/x/linux-image-6.1.0-57-amd64/boot/vmlinuz-6.1.0-57-amd64"),
                         "linux-6.1-x86_64")


if __name__ == "__main__":
    unittest.main()
