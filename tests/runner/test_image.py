# Proves `run.py image` makes a shippable appliance: one file that plain QEMU boots on SeaBIOS
# and on OVMF (UEFI), as a CD and as a raw disk, with the app's argv and environment, and that
# powers the machine off by itself when the app ends (no test device, no run.py).
import os
import subprocess
import sys
import tempfile
import unittest

from moatlib import console, paths

RUN = os.path.join(paths.ROOT, "tools", "run.py")
OVMF = "/usr/share/ovmf/OVMF.fd"
BOOTS = {
    "bios-cd": ["qemu-system-i386", "-cdrom", "{}"],
    "bios-disk": ["qemu-system-i386", "-drive", "file={},format=raw"],
    "uefi-cd": ["qemu-system-x86_64", "-bios", OVMF, "-cdrom", "{}"],
    "uefi-disk": ["qemu-system-x86_64", "-bios", OVMF, "-drive", "file={},format=raw"],
}


@unittest.skipUnless(os.path.exists(paths.KERNEL), "needs the built kernel (run.py build)")
class ImageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(paths.TMP, exist_ok=True)
        cls.dir = tempfile.TemporaryDirectory(dir=paths.TMP)
        cls.image = os.path.join(cls.dir.name, "app.img")
        p = subprocess.run([sys.executable, RUN, "image", "--no-build", "-o", cls.image,
                            "--env", "GREETING=hello world", os.path.join(paths.TEST_ELFS,
                                                                          "env.elf")],
                           capture_output=True, timeout=120)
        assert p.returncode == 0, p.stderr.decode()

    @classmethod
    def tearDownClass(cls):
        cls.dir.cleanup()

    def test_boots_everywhere_and_powers_off(self):
        for name, cmd in BOOTS.items():
            with self.subTest(boot=name):
                cmd = [w.format(self.image) for w in cmd]
                # -nodefaults: no NIC, so OVMF does not spend seconds on a network boot
                p = subprocess.run(cmd + ["-nodefaults", "-m", "256M", "-serial", "stdio",
                                          "-display", "none", "-no-reboot"],
                                   capture_output=True, timeout=90,
                                   cwd=self.dir.name)
                log = console.clean(p.stdout.decode("utf-8", "replace"))
                self.assertEqual(p.returncode, 0, log[-2000:])      # powered off
                self.assertIn("env[0]=GREETING=hello world\n1 variables; GREETING is hello "
                              "world\nmoat: app exited with status 0\n", log)


if __name__ == "__main__":
    unittest.main()
