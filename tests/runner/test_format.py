# Proves the C sources keep the checked-in .clang-format: clang-format, run over every .c and
# .h file under src/, bench/ and tests/ (generated files are in build/, not there), would
# change nothing.
import glob
import os
import shutil
import subprocess
import unittest

from moatlib import paths

DIRS = ["src", "bench", "tests", "app"]


def sources():
    files = []
    for d in DIRS:
        for ext in ("c", "h"):
            files += glob.glob(os.path.join(paths.ROOT, d, "**", "*." + ext), recursive=True)
    return sorted(files)


@unittest.skipUnless(shutil.which("clang-format"), "needs clang-format (apt-get install clang-format)")
class FormatTest(unittest.TestCase):
    def test_sources_are_formatted(self):
        p = subprocess.run(["clang-format", "--dry-run", "-Werror", "--style=file"] + sources(),
                           capture_output=True, text=True, cwd=paths.ROOT)
        unformatted = sorted({line.split(":")[0] for line in p.stderr.splitlines()
                              if ": error:" in line})
        self.assertEqual(p.returncode, 0, "not as .clang-format has them (run clang-format -i):\n"
                         + "\n".join(os.path.relpath(f, paths.ROOT) for f in unformatted))


if __name__ == "__main__":
    unittest.main()
