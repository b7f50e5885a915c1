# Proves tools/gensyscalls.py reads syscall.tbl as Linux's format has it, refuses a malformed
# line by its number, and that moat's table keeps Linux i386's numbers and names.
import os
import unittest

import gensyscalls
from moatlib import paths

TABLE = os.path.join(paths.ROOT, "src", "abi", "i386", "syscall.tbl")


def parse(text):
    return gensyscalls.parse(text.split("\n"), "t.tbl")


class ParseTest(unittest.TestCase):
    def test_entries(self):
        calls = parse("# a comment\n\n0\ti386\trestart_syscall\n3 i386 read\t\tsys_read\n")
        self.assertEqual([(c.number, c.name, c.entry) for c in calls],
                         [(0, "restart_syscall", None), (3, "read", "sys_read")])

    def test_errors(self):
        bad = {
            "1 i386": "t.tbl:1: expected",
            "1 i386 exit sys_exit compat_sys_exit": "expected",
            "x i386 exit": "not a number",
            "1 x86_64 exit": "abi",
            "1 i386 ex-it": "identifier",
            "1 i386 exit sys-exit": "identifier",
            "2 i386 fork\n1 i386 exit": "t.tbl:2: 1 does not follow 2",
            "1 i386 exit\n2 i386 exit": "twice",
            "# only a comment": "no system calls",
        }
        for text, words in bad.items():
            with self.subTest(text=text):
                with self.assertRaisesRegex(gensyscalls.TableError, words):
                    parse(text)

    def test_outputs(self):
        calls = parse("1 i386 exit sys_exit\n17 i386 break")
        self.assertIn("#define __NR_break 17\n", gensyscalls.unistd(calls, "t.tbl"))
        self.assertIn("#define __NR_syscalls 18\n", gensyscalls.unistd(calls, "t.tbl"))
        self.assertIn("SYSCALL(17, break, sys_ni_syscall)\n",
                      gensyscalls.syscall_list(calls, "t.tbl"))
        self.assertIn("#define SYS_exit __NR_exit\n", gensyscalls.libc(calls, "t.tbl"))


class TableTest(unittest.TestCase):
    """The checked-in table: what the kernel and the sys_nosys case rely on."""

    def setUp(self):
        with open(TABLE, encoding="utf-8") as f:
            self.calls = {c.number: c for c in gensyscalls.parse(f.read().split("\n"), TABLE)}

    def test_linux_numbers(self):
        self.assertEqual(max(self.calls), 450)                 # Linux 6.1's last
        for hole in (222, 223, 251, 285, 387, 392, 415):
            self.assertNotIn(hole, self.calls)
        for nr, name in ((1, "exit"), (17, "break"), (31, "stty"), (119, "sigreturn"),
                         (173, "rt_sigreturn"), (243, "set_thread_area"),
                         (258, "set_tid_address")):
            self.assertEqual(self.calls[nr].name, name)

    def test_entry_points(self):
        self.assertIsNone(self.calls[17].entry)                # named, not implemented
        self.assertEqual(self.calls[199].entry, "sys_getuid")  # getuid32: an alias
        self.assertTrue(all(c.entry is None or c.entry.startswith("sys_")
                            for c in self.calls.values()))


if __name__ == "__main__":
    unittest.main()
