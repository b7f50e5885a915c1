# Proves run.py can name a panic's backtrace addresses: the kernel's function symbols (in the
# booted ELF's twin, build/moat.sym.elf: the booted one has none), read with the standard
# library, agree with binutils' nm, and a panic's kernel lines become "address function+offset"
# lines.
import os
import shutil
import subprocess
import unittest

from moatlib import paths, symbols


@unittest.skipUnless(os.path.exists(paths.KERNEL), "needs the built kernel (run.py build)")
class SymbolsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.syms = symbols.Symbols(paths.KERNEL)

    @unittest.skipUnless(shutil.which("nm"), "needs nm (binutils)")
    def test_agrees_with_nm(self):
        self.assertNotEqual(symbols.symbol_file(paths.KERNEL), paths.KERNEL)
        out = subprocess.run(["nm", "--defined-only", symbols.symbol_file(paths.KERNEL)],
                             capture_output=True, text=True, check=True).stdout
        funcs = {}
        for line in out.splitlines():
            addr, kind, name = line.split()
            if kind in "tT":
                funcs[name] = int(addr, 16)
        for name in ("kmain", "trap_dispatch", "panic_frame", "sig_deliver"):
            self.assertEqual(self.syms.lookup(funcs[name]), name + "+0x0")
            self.assertEqual(self.syms.lookup(funcs[name] + 3), name + "+0x3")

    def test_backtrace_lines(self):
        kmain = self.syms.starts[[n for _, _, n in self.syms.funcs].index("kmain")]
        channel = ("moat: PANIC: #GP (in the kernel)\nmoat: backtrace:\n"
                   f"moat:   #0 0x{kmain + 16:08x}\nmoat:   ? 0x00000010\nmoat: system halted\n")
        self.assertEqual(symbols.backtrace(channel, paths.KERNEL),
                         [f"  0x{kmain + 16:08x} kmain+0x10", "  0x00000010 ?"])
        self.assertEqual(symbols.backtrace("moat: app exited with status 0\n", paths.KERNEL), [])


if __name__ == "__main__":
    unittest.main()
