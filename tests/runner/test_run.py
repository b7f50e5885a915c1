# Proves `run.py run` is usable from a script: stdout is the app's output alone with plain \n,
# the kernel's lines go to stderr (none with -q), a piped stdin ends, forged kernel lines stay
# the app's, and bad arguments exit with status 2.
import os
import subprocess
import sys
import unittest

from moatlib import paths

RUN = os.path.join(paths.ROOT, "tools", "run.py")
ELF = os.path.join(paths.TEST_ELFS, "{}.elf")


def run(*args, stdin=b""):
    return subprocess.run([sys.executable, RUN, "run", "--no-build", *args], input=stdin,
                          capture_output=True, timeout=60)


@unittest.skipUnless(os.path.exists(paths.KERNEL), "needs the built kernel (run.py build)")
class RunTest(unittest.TestCase):
    def test_pipe_ends_and_stdout_is_the_apps(self):
        p = run(ELF.format("stdin_pipe"), stdin=b"x\r\ny\n")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.split(b"\n")[1:3],
                         [b"read 5 bytes, then 0: 78 0d 0a 79 0a", b"the next read: 0"])
        self.assertIn(b"isatty(0) 0 (Not a tty), a FIFO 1\n", p.stdout)
        err = p.stderr.decode()
        self.assertIn("moat: app exited with status 0\n", err)
        self.assertNotIn("\r", err)

    def test_quiet(self):
        p = run("-q", ELF.format("exit"), "exit", "7")
        self.assertEqual((p.returncode, p.stdout, p.stderr), (7, b"exiting\n", b""))

    def test_forged_lines_stay_the_apps(self):
        p = run(ELF.format("forge"), "3")
        self.assertEqual(p.returncode, 3)
        self.assertTrue(p.stdout.startswith(b"moat: app exited with status 0\n"), p.stdout)
        self.assertTrue(p.stderr.decode().endswith("moat: app exited with status 3\n"))

    def test_refusal_is_said_once(self):
        p = run(os.path.join(paths.TEST_ELFS, "bad_notelf.elf"))
        self.assertEqual(p.returncode, 126)
        self.assertEqual(p.stderr.decode().count("not an ELF"), 1, p.stderr)

    def test_bad_arguments_are_status_2(self):
        for args, words in ((["/no/such/file"], "no such file"),
                            ([paths.ROOT], "is a directory"),
                            (["no_such_app"], "no app of that name"),
                            ([ELF.format("exit"), "a\nb"], "newline")):
            with self.subTest(args=args):
                p = run(*args)
                self.assertEqual(p.returncode, 2)
                self.assertIn(words, p.stderr.decode())


if __name__ == "__main__":
    unittest.main()
