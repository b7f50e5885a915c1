# Proves the runner reads tests/*.expect as tests/README.md says: keys, escapes, defaults, errors.
import os
import tempfile
import unittest

from moatlib import cases, paths


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
        self.assertEqual(parse("# p\nstatus: refused\n---\n").status, "refused")
        self.assertEqual(parse("# p\nstatus: panic\n---\n").status, "panic")

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

    def test_every_case_in_the_tree_parses(self):
        for found in cases.discover():
            with self.subTest(case=found if isinstance(found, tuple) else found.name):
                self.assertNotIsInstance(found, tuple)


if __name__ == "__main__":
    unittest.main()
