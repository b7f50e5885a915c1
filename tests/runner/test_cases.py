# Proves the runner reads tests/*.expect as tests/README.md says: keys, escapes, defaults, errors.
import dataclasses
import os
import re
import tempfile
import unittest

from moatlib import cases, paths
from moatlib.console import Kind


def parse(text):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "demo_case.expect")
        with open(path, "w") as f:
            f.write(text)
        return cases.parse(path)


class ParseTest(unittest.TestCase):
    def test_defaults(self):
        c = parse("# proves x\nstatus: 0\n---\nhello")
        self.assertEqual(c.name, "demo_case")
        self.assertEqual(c.elf, os.path.join(paths.TEST_ELFS, "demo_case.elf"))
        self.assertEqual(c.output, "hello\n")          # the last line is ended
        self.assertEqual(c.boots, ("direct",))
        self.assertEqual((c.status, c.host, c.timeout, c.cpu), (0, False, 30.0, "max"))
        self.assertEqual(c.purpose, "proves x")

    def test_keys(self):
        c = parse("# p\n# q\nelf: x/y.elf\nargs: a  b\nstdin: 1\\n\\x04\\\\\nstatus: 139\n"
                  "console: #GP\nconsole: killed\nhost: yes\nboot: both\ntimeout: 5\n"
                  "kernel: debug\nappend: pti=on\ncpu: qemu32\nmonitor: wx\n---\n")
        self.assertEqual(c.elf, os.path.join(paths.BUILD, "x/y.elf"))
        self.assertEqual(c.args, ["a", "b"])
        self.assertEqual(c.stdin, b"1\n\x04\\")
        self.assertEqual(c.status, 139)
        self.assertEqual([r.pattern for r in c.console], ["#GP", "killed"])
        self.assertEqual(c.boots, ("direct", "iso"))
        self.assertEqual((c.host, c.timeout, c.kernel, c.append, c.cpu, c.monitor),
                         (True, 5.0, "debug", "pti=on", "qemu32", "wx"))
        self.assertEqual(c.purpose, "p q")
        self.assertEqual(c.output, "")

    def test_symbolic_status(self):
        self.assertIs(parse("# p\nstatus: refused\n---\n").status, Kind.REFUSED)
        self.assertIs(parse("# p\nstatus: panic\n---\n").status, Kind.PANIC)

    def test_errors(self):
        bad = {
            "status: 0\n---\n": "comment",
            "# p\n---\n": "status",
            "# p\nstatus: 0\n": "---",
            "# p\nstatus: maybe\n---\n": "not a number",
            "# p\nstatus: 0\nstatus: 1\n---\n": "twice",
            "# p\nstatus: 0\ncolour: red\n---\n": "key",
            "# p\nstatus: 0\nstdin: \\q\n---\n": "escape",
            "# p\nstatus: 0\nboot: floppy\n---\n": "boot",
            "# p\nstatus: 0\nconsole: (\n---\n": "regex",
            "# p\nstatus: panic\nhost: yes\n---\n": "numeric",
            "# p\nstatus: 0\ntimeout: soon\n---\n": "seconds",
            "# p\nstatus: 0\nhost: maybe\n---\n": "host: 'maybe' is not yes, no or ia32",
            "# p\nstatus: 0\nkernel: old\n---\n": "release or debug",
            "# p\nstatus: 0\nmonitor: all\n---\n": "wx or kpti",
            "# p\nstatus: 0\nmem: 12\n---\n": "size",
            "# p\nstatus: 0\nfiles: no/such/folder\n---\n": "folder",
            "# p\nstatus: 0\nkernel: debug\nkernel: debug\n---\n": "line 4: kernel given twice",
        }
        for text, word in bad.items():
            with self.subTest(text=text):
                with self.assertRaisesRegex(cases.CaseError, word):
                    parse(text)

    def test_needs(self):
        self.assertEqual(parse("# p\nstatus: 0\nneeds: smap nx\n---\n").needs, ("smap", "nx"))
        with self.assertRaisesRegex(cases.CaseError, "needs"):
            parse("# p\nstatus: 0\nneeds: wings\n---\n")
        self.assertEqual(cases.cpu_lacks("max", cases.FEATURES), [])
        self.assertEqual(cases.cpu_lacks("qemu32", ["nx", "smap"]), ["nx", "smap"])
        self.assertEqual(cases.cpu_lacks("qemu32,+nx", ["nx", "smap"]), ["smap"])
        self.assertEqual(cases.cpu_lacks("max,-smap", ["smap", "umip"]), ["smap"])
        self.assertEqual(cases.cpu_lacks("max,-xsave", ["avx", "nx"]), ["avx"])  # AVX needs XSAVE

    def test_keys_table(self):
        """Every key sets a field of Case, and tests/README.md documents exactly these keys."""
        fields = {f.name for f in dataclasses.fields(cases.Case)}
        for key, spec in cases.KEYS.items():
            with self.subTest(key=key):
                self.assertIn(spec.field, fields)
        with open(os.path.join(paths.TESTS, "README.md"), encoding="utf-8") as f:
            readme = f.read()
        block = readme.split("## A test case", 1)[1].split("```", 2)[1]
        documented = set(re.findall(r"^([a-z]+): ", block, re.M))
        self.assertEqual(documented, set(cases.KEYS))

    def test_every_case_in_the_tree_parses(self):
        for found in cases.discover():
            with self.subTest(case=found if isinstance(found, tuple) else found.name):
                self.assertNotIsInstance(found, tuple)


if __name__ == "__main__":
    unittest.main()
