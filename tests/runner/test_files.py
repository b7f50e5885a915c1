# Proves files.pack writes the archive moat unpacks: DIR's entries parents first with their
# modes, times and symlink targets, /dev's six devices and /tmp added, the app as /init last,
# and the `files:` key of a case.
import os
import tempfile
import unittest

from moatlib import cases, files


def unpack(data):
    """(name, mode, mtime, rdev, data) of every newc entry before the trailer."""
    out, off = [], 0
    while True:
        h = data[off:off + 110]
        assert h[:6] == b"070701", h[:6]
        f = [int(h[6 + i * 8:14 + i * 8], 16) for i in range(13)]
        name = data[off + 110:off + 110 + f[11] - 1].decode()
        start = (off + 110 + f[11] + 3) & ~3
        body = data[start:start + f[6]]
        off = (start + f[6] + 3) & ~3
        if name == "TRAILER!!!":
            return out
        out.append((name, f[1], f[5], (f[9], f[10]), body))


class PackTest(unittest.TestCase):
    def test_tree(self):
        with tempfile.TemporaryDirectory() as d:
            os.makedirs(os.path.join(d, "tree", "etc"))
            with open(os.path.join(d, "tree", "etc", "motd"), "w") as f:
                f.write("hi\n")
            os.chmod(os.path.join(d, "tree", "etc", "motd"), 0o640)
            os.utime(os.path.join(d, "tree", "etc", "motd"), (1000, 2000))
            os.symlink("motd", os.path.join(d, "tree", "etc", "issue"))
            app = os.path.join(d, "app")
            with open(app, "wb") as f:
                f.write(b"\x7fELF")
            out = os.path.join(d, "out.cpio")
            files.pack(out, app, os.path.join(d, "tree"))
            entries = unpack(open(out, "rb").read())
        names = [e[0] for e in entries]
        self.assertEqual(names[:3], ["etc", "etc/issue", "etc/motd"])
        self.assertEqual(names[-1], "init")
        by = {e[0]: e for e in entries}
        self.assertEqual(by["etc/motd"][1], 0o100640)
        self.assertEqual((by["etc/motd"][2], by["etc/motd"][4]), (2000, b"hi\n"))
        self.assertEqual((by["etc/issue"][1], by["etc/issue"][4]), (0o120777, b"motd"))
        self.assertEqual((by["init"][1], by["init"][4]), (0o100755, b"\x7fELF"))
        self.assertEqual(by["tmp"][1], 0o041777)
        self.assertEqual(by["dev/null"][1:4:2], (0o020666, (1, 3)))
        self.assertEqual(by["dev/console"][3], (5, 1))
        for dev in ("console", "null", "zero", "full", "random", "urandom", "rtc0"):
            self.assertLess(names.index("dev"), names.index("dev/" + dev))

    def test_case_key(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "x.expect")
            with open(path, "w") as f:
                f.write("# p\nfiles: files/tree\nstatus: 0\n---\n")
            self.assertTrue(cases.parse(path).files.endswith(os.path.join("tests", "files",
                                                                           "tree")))
            with open(path, "w") as f:
                f.write("# p\nfiles: no/such/folder\nstatus: 0\n---\n")
            self.assertRaises(cases.CaseError, cases.parse, path)
            with open(path, "w") as f:
                f.write("# p\nfiles: files/tree\nboot: both\nstatus: 0\n---\n")
            self.assertRaises(cases.CaseError, cases.parse, path)


if __name__ == "__main__":
    unittest.main()
