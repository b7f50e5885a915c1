# Proves a real, unmodified static glibc program runs on moat: Debian's busybox-static (i386),
# fetched once into build/busybox/, runs its applets from a --files tree with the output they
# give on Linux (the outputs below are Linux's) and without a single "not implemented" line.
import os
import subprocess
import sys
import unittest

from moatlib import linux, paths

RUN = os.path.join(paths.ROOT, "tools", "run.py")
DIR = os.path.join(paths.BUILD, "busybox")
BUSYBOX = os.path.join(DIR, "bin", "busybox")
TREE = os.path.join(paths.ROOT, "tests", "files", "tree")
MOTD = "moat file tree\nsecond line\n"
# (argv[1..], expected stdout, whether the kernel may log a call it lacks); all exit 0.
# sendfile64 (239) is not there yet: cat and cp fall back to read and write, as on a
# kernel without it.
CASES = [
    (["echo", "hello", "moat"], "hello moat\n", False),
    (["seq", "3"], "1\n2\n3\n", False),
    (["uname", "-m"], "i686\n", False),
    (["date", "+%Z"], "UTC\n", False),
    (["sh", "-c", "echo $((6*7))"], "42\n", False),
    (["sh", "-c", "echo hi > /tmp/x; read l < /tmp/x; echo $l"], "hi\n", False),
    (["cat", "/etc/issue"], MOTD, True),
    (["wc", "-l", "/etc/motd"], "2 /etc/motd\n", False),
    (["sha256sum", "/etc/motd"],
     "f30f6f74b9f456c618fe0706ad8b178237f172083eb32c05ada73bab7569c484  /etc/motd\n", False),
    (["ls", "-1", "/etc"], "config\nissue\nmotd\n", False),
    (["find", "/etc", "-name", "motd"], "/etc/motd\n", False),
    (["mkdir", "-p", "/tmp/a/b/c"], "", False),
    (["cp", "/etc/motd", "/tmp/m"], "", True),
]


@unittest.skipUnless(os.path.exists(paths.KERNEL), "needs the built kernel (run.py build)")
class BusyboxTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not os.path.exists(BUSYBOX):
            why = linux.download_deb("busybox-static:i386", "./bin/busybox", DIR)
            assert not why, why

    def test_applets(self):
        for args, out, gaps in CASES:
            with self.subTest(args=args):
                p = subprocess.run([sys.executable, RUN, "run", "--no-build", "--files", TREE,
                                    BUSYBOX, *args], capture_output=True, timeout=60,
                                   stdin=subprocess.DEVNULL)
                err = p.stderr.decode()
                self.assertEqual(p.returncode, 0, err[-1500:])
                self.assertEqual(p.stdout.decode(), out)
                if not gaps:
                    self.assertNotIn("not implemented", err)


if __name__ == "__main__":
    unittest.main()
