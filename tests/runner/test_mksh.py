# Proves static programs of the other libcs Debian builds with run unmodified on moat, on both
# widths: Debian's mksh package ships the shell built with dietlibc and with klibc (and on
# x86_64 with musl too), each static. dietlibc's libc finds the x86_64 vDSO's gettimeofday
# through the vDSO's section headers and calls what it finds: without them (the image moat64
# embedded before 3c549b8), its mksh jumped to 0 at once. Each build runs a line of shell and
# prints what Linux's does, without a "not implemented" line.
import os
import subprocess
import sys
import unittest

from moatlib import arch, linux, paths

RUN = os.path.join(paths.ROOT, "tools", "run.py")
# Each width's package, where it is unpacked, and its static builds.
WIDTHS = {"i386": ("mksh:i386", os.path.join(paths.BUILD, "mksh"), ("diet", "klibc")),
          "x86_64": ("mksh", os.path.join(paths.BUILD, "mksh64"),
                     ("diet", "klibc", "x86_64-linux-musl"))}
LINE = "x=moat; echo $((6*7)) ${#x}; print -r -- \"$x\"; kill -0 $$ && echo alive"
OUT = "42 4\nmoat\nalive\n"


def builds(width):
    """The width's static mksh builds, fetched (once) if they are not there yet."""
    pkg, folder, libcs = WIDTHS[width]
    found, why = linux.deb_files(pkg, "./usr/lib/*/bin/mksh", folder,
                                 [f"usr/lib/{libc}/bin/mksh" for libc in libcs])
    assert not why, why
    return found


class Builds:
    width = None

    def setUp(self):
        arch.skip_without_kernel(self, self.width)

    def test_builds(self):
        for path in builds(self.width):
            with self.subTest(libc=path.split(os.sep)[-3]):
                p = subprocess.run([sys.executable, RUN, "run", "--no-build", "--arch",
                                    self.width, path, "-c", LINE],
                                   capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
                err = p.stderr.decode()
                self.assertEqual(p.returncode, 0, err[-1500:])
                self.assertNotIn("not implemented", err)
                self.assertEqual(p.stdout.decode(), OUT)


class MkshTest(Builds, unittest.TestCase):
    width = "i386"


class Mksh64Test(Builds, unittest.TestCase):
    width = "x86_64"


if __name__ == "__main__":
    unittest.main()
