# Proves tools/gensyscalls.py reads syscall.tbl as Linux's formats have it (i386's and x86_64's,
# whose x32 lines it skips), refuses a malformed line by its number, picks the ABI from the
# table's directory, and that moat's tables keep Linux i386's and x86_64's numbers and names.
import contextlib
import io
import os
import re
import tempfile
import unittest

import gensyscalls
from moatlib import paths

TABLE = os.path.join(paths.ROOT, "src", "abi", "i386", "syscall.tbl")
TABLE64 = os.path.join(paths.ROOT, "src", "abi", "x86_64", "syscall.tbl")


def parse(text, abi="i386"):
    return gensyscalls.parse(text.split("\n"), "t.tbl", abi)


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
            "1 common exit": "abi",
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
        nargs = gensyscalls.arities("sword_t sys_ni_syscall(void);\nsword_t sys_exit(word_t s);")
        listed = gensyscalls.syscall_list(calls, "t.tbl", "i386", nargs)
        self.assertIn("SYSCALL(1, exit, sys_exit, 1)\n", listed)
        self.assertIn("SYSCALL(17, break, sys_ni_syscall, 0)\n", listed)
        with self.assertRaisesRegex(gensyscalls.TableError, "sys_exit .exit. has no prototype"):
            gensyscalls.syscall_list(calls, "t.tbl", "i386", {"sys_ni_syscall": 0})
        self.assertIn("#define SYS_exit __NR_exit\n", gensyscalls.libc(calls, "t.tbl"))

    def test_names(self):
        """names packs the unimplemented calls' steps in number (a 1 bit for 1, else a 0 bit
        and 8 bits) and names (6 bits a character or a word, 0 ending one), lowest bit first,
        as kernel/syscall_names.c reads them; a run the names repeat enough becomes a word."""
        calls = parse("1 i386 exit sys_exit\n17 i386 break\n18 i386 a_9\n260 i386 breaks\n"
                      "261 i386 breaking\n262 i386 unbreak\n263 i386 breakage")
        text = gensyscalls.names(calls, "t.tbl")
        data = bytes(int(b, 16) for b in re.findall(r"0x([0-9a-f]{2}),", text))
        bits = int.from_bytes(data, "little")
        nbits = int(re.search(r"SYSCALL_NAMES_BITS (\d+)u", text).group(1))
        words = re.search(r'SYSCALL_NAME_WORDS "(.*)"', text).group(1).split("\\0")[:-1]
        self.assertEqual(words, ["break"])
        codes = list(gensyscalls.NAME_CHARS) + words
        number, at, found = 0, 0, []
        while at < nbits:
            if bits >> at & 1:
                number, at = number + 1, at + 1
            else:
                number, at = number + (bits >> at + 1 & 0xFF), at + 9
            name = ""
            while bits >> at & 0x3F:
                name, at = name + codes[(bits >> at & 0x3F) - 1], at + 6
            found.append((number, name))
            at += 6
        self.assertEqual(found, [(17, "break"), (18, "a_9"), (260, "breaks"), (261, "breaking"),
                                 (262, "unbreak"), (263, "breakage")])
        with self.assertRaisesRegex(gensyscalls.TableError, "cannot be packed"):
            gensyscalls.names(parse("1 i386 exit\n300 i386 far"), "t.tbl")

    def test_arities(self):
        self.assertEqual(gensyscalls.arities(
            "sword_t sys_a(void);\nsword_t sys_b(uint32_t fd, uaddr_t buf,\n"
            "              word_t n);\nsword_t sys_c();\nint not_one(int x);"),
            {"sys_a": 0, "sys_b": 3, "sys_c": 0})


class X86_64Test(unittest.TestCase):
    """syscall_64.tbl's format: abi "common" or "64", and x32's lines left out."""

    def test_entries(self):
        calls = parse("0\tcommon\tread\tsys_read\n13\t64\trt_sigaction\n"
                      "# x32\n512\tx32\trt_sigaction\tcompat_sys_rt_sigaction\n", "x86_64")
        self.assertEqual([(c.number, c.name, c.entry) for c in calls],
                         [(0, "read", "sys_read"), (13, "rt_sigaction", None)])

    def test_errors(self):
        for text, words in {"1 i386 exit": "abi 'i386', not common or 64",
                            "1 x64 exit": "abi",
                            "2 common fork\n1 64 exit": "1 does not follow 2"}.items():
            with self.subTest(text=text):
                with self.assertRaisesRegex(gensyscalls.TableError, words):
                    parse(text, "x86_64")

    def test_outputs(self):
        calls = parse("0 common read sys_read\n15 64 rt_sigreturn", "x86_64")
        unistd = gensyscalls.unistd(calls, "t.tbl", "x86_64")
        self.assertIn("Linux x86_64's system call numbers (Linux's asm/unistd_64.h)", unistd)
        self.assertIn("#define __NR_rt_sigreturn 15\n", unistd)
        self.assertIn("#define __NR_syscalls 16\n", unistd)
        self.assertIn("Every system call Linux x86_64 names",
                      gensyscalls.syscall_list(calls, "t.tbl", "x86_64",
                                               {"sys_read": 3, "sys_ni_syscall": 0}))
        self.assertIn("#include <x86_64/unistd.h>\n", gensyscalls.libc(calls, "t.tbl", "x86_64"))

    def run_main(self, args):
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            status = gensyscalls.main(["gensyscalls.py"] + args)
        return status, err.getvalue()

    def test_abi_from_directory(self):
        with tempfile.TemporaryDirectory() as d:
            for abi, line in (("x86_64", "60 common exit sys_exit"), ("i386", "1 i386 exit")):
                os.mkdir(os.path.join(d, abi))
                table, out = os.path.join(d, abi, "syscall.tbl"), os.path.join(d, abi, "u.h")
                with open(table, "w", encoding="utf-8") as f:
                    f.write(line + "\n")
                self.assertEqual(self.run_main(["unistd", table, out]), (0, ""))
                with open(out, encoding="utf-8") as f:
                    self.assertIn(f"Linux {abi}'s system call numbers", f.read())
            # --abi overrides the directory; a directory that names no ABI needs it
            table = os.path.join(d, "x86_64", "syscall.tbl")
            status, err = self.run_main(["--abi", "i386", "list", table, os.path.join(d, "l.h")])
            self.assertEqual(status, 1)
            self.assertIn("abi 'common', not i386", err)
            other = os.path.join(d, "t.tbl")
            with open(other, "w", encoding="utf-8") as f:
                f.write("1 i386 exit\n")
            self.assertEqual(self.run_main(["unistd", other, os.path.join(d, "o.h")])[0], 2)
            self.assertEqual(self.run_main(["--abi", "i386", "unistd", other,
                                            os.path.join(d, "o.h")]), (0, ""))


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


class Table64Test(unittest.TestCase):
    """The checked-in x86_64 table: Linux 6.1's numbers, and x86_64's own entry points."""

    def setUp(self):
        with open(TABLE64, encoding="utf-8") as f:
            self.calls = {c.number: c for c in
                          gensyscalls.parse(f.read().split("\n"), TABLE64, "x86_64")}

    def test_linux_numbers(self):
        self.assertEqual(sorted(self.calls), list(range(335)) + list(range(424, 451)))
        for nr, name in ((0, "read"), (9, "mmap"), (15, "rt_sigreturn"), (23, "select"),
                         (60, "exit"), (158, "arch_prctl"), (205, "set_thread_area"),
                         (231, "exit_group"), (262, "newfstatat"), (334, "rseq"),
                         (450, "set_mempolicy_home_node")):
            self.assertEqual(self.calls[nr].name, name)

    def test_entry_points(self):
        entry = {c.name: c.entry for c in self.calls.values()}
        self.assertIsNone(entry["set_thread_area"])            # i386's TLS call: -ENOSYS
        # The calls that rewrite or fill the whole frame: entry.S's slots, which complete it
        for name in ("rt_sigreturn", "kill", "tkill", "tgkill"):
            self.assertEqual(entry[name], "syscall_full_" + name)
        self.assertEqual(entry["mmap"], "sys_x86_64_mmap")     # a byte offset, not mmap2's pages
        self.assertEqual(entry["arch_prctl"], "sys_arch_prctl")
        i386_only = {"sys_set_thread_area", "sys_sigreturn", "sys_old_select", "sys_llseek",
                     "sys_mmap2", "sys_truncate64", "sys_ftruncate64", "sys_pread64",
                     "sys_pwrite64", "sys_getrlimit", "sys_statfs64", "sys_fstatfs64"}
        self.assertFalse(i386_only & set(entry.values()))
        self.assertTrue(all(e is None or e.startswith(("sys_", "syscall_full_"))
                            for e in entry.values()))
