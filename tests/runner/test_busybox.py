# Proves a real, unmodified static glibc program runs on moat, on both widths: Debian's
# busybox-static, i386 on moat.elf and amd64 on moat64.elf, fetched once into build/busybox/
# and build/busybox64/, runs its applets from a --files tree with the output they give on Linux
# (the outputs below are Linux's, i386 and x86_64) and without a single "not implemented" line.
import gzip
import hashlib
import io
import os
import re
import subprocess
import sys
import tarfile
import unittest

from moatlib import arch, linux, paths

RUN = os.path.join(paths.ROOT, "tools", "run.py")
TREE = os.path.join(paths.ROOT, "tests", "files", "tree")
MOTD = "moat file tree\nsecond line\n"
# (argv[1..], expected stdout, stdin's bytes); all exit 0. cat and cp copy with sendfile
# (i386's sendfile64, x86_64's sendfile); date -s sets the clock (clock_settime); mkfifo and
# mknod make their nodes with mknodat; ln and link make hard links (linkat, link); poweroff -f
# ends the app with reboot(2) (status 0); ionice, env, chroot and sh's exec run /bin/busybox (the
# tree's link to /init) by execve, and an applet by name runs /proc/self/exe; pidof and mount
# read /proc, readlink, ls and awk its fd folder and maps, sysctl -w writes the host name there;
# start-stop-daemon -c runs a program as nobody (/etc/passwd's) after setgroups, setgid and
# setuid: id says so, the shell (the tree's /bin/sh) may not write /etc/motd, and setpriv finds
# no capability but the bounding set's; su does the same, its log (an AF_UNIX datagram to
# /dev/log, which nothing has bound) dropped, as logger's is;
# stty sets the console raw (TCSETS); hwclock sets /dev/rtc0 from the system clock
# (RTC_SET_TIME) and the system clock from it (RTC_RD_TIME, settimeofday); gunzip -c and sh -s read stdin as the pipe it is (not a
# terminal); mount puts a tmpfs over /tmp (mount(2)), a devtmpfs and a ramfs too, binds /etc there read-only (MS_BIND,
# then MS_REMOUNT|MS_BIND|MS_RDONLY) and the whole tree there (MS_BIND|MS_REC), and umount takes /proc away; nproc --all
# counts sysfs's cpuN folders (the runner's /sys, which moat mounts), ls lists its network
# devices, cttyhack finds the console there (ttyS0) and opens it for cat; mdev -s finds null and
# loop0 through /sys/dev's char and block folders and makes their nodes where the tree's
# etc/mdev.conf says, in /proc, which refuses new names: its two messages show it found both;
# lsmod reads an empty /proc/modules, and
# sysctl sets modules_disabled to the 1 it is; ip shows lo's link, address, routes and rules (netlink's
# dumps, and SIOCGIFINDEX for a device named), sets lo up (SIOCSIFFLAGS), as it is, sets its mtu
# and txqueuelen and takes it down (SIOCSIF*), and takes lo's address away (RTM_DELADDR: del,
# flush); ifconfig sets lo's address, netmask, mtu and
# txqueuelen as they are and sets it up, and changes its mtu and takes it down (SIOCSIF*); ifconfig,
# route, netstat and arp read /proc/net (lo's counters, no route but the local table's, no unix
# socket, no neighbour; ifconfig's lines are Linux's but its inet6 one: moat has no IPv6, as a
# Linux booted with ipv6.disable=1); losetup finds a free loop device (/dev/loop-control), lists
# the bound ones (none) and binds one read-only at an offset, and blockdev reads a disk's sector
# size and its size (0: none bound); chvt switches to tty2 (VT_ACTIVATE, VT_WAITACTIVE on
# /dev/tty0, as /dev/console is no VT), deallocvt frees the VTs it may, and stty shows a VT's
# own settings (Linux's for a VT, which differ from the console's); dumpkmap and loadkmap read
# and load the keyboard's maps (test_keymaps). The network applets' cases are REFUSED's and
# TIMED's, with the VTs' refusals.
# None: the width's machine (WIDTHS).
ROUTES = "Kernel IP routing table\nDestination     Gateway         Genmask         "
LO_LINK = "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n"
AS_NOBODY = ["start-stop-daemon", "-S", "-c", "nobody", "-n", "none", "-a"]
CASES = [
    (["echo", "hello", "moat"], "hello moat\n"),
    (["seq", "3"], "1\n2\n3\n"),
    (["uname", "-m"], None),
    (["uname", "-sr"], "Linux 6.1.0-moat\n"),
    (["date", "+%Z"], "UTC\n"),
    (["date", "-s", "2030-01-02 03:04:05", "+%F %H:%M"], "2030-01-02 03:04\n"),
    (["sh", "-c", "echo $((6*7))"], "42\n"),
    (["sh", "-c", "echo hi > /tmp/x; read l < /tmp/x; echo $l"], "hi\n"),
    (["cat", "/etc/issue"], MOTD),
    (["wc", "-l", "/etc/motd"], "2 /etc/motd\n"),
    (["sha256sum", "/etc/motd"],
     "f30f6f74b9f456c618fe0706ad8b178237f172083eb32c05ada73bab7569c484  /etc/motd\n"),
    (["ls", "-1", "/etc"], "config\ngroup\nissue\nmdev.conf\nmotd\npasswd\n"),
    (["find", "/etc", "-name", "motd"], "/etc/motd\n"),
    (["mkdir", "-p", "/tmp/a/b/c"], ""),
    (["cp", "/etc/motd", "/tmp/m"], ""),
    (["mkfifo", "/tmp/fifo"], ""),
    (["fallocate", "-l", "10000", "/tmp/f"], ""),
    (["ionice", "-c", "2", "-n", "3", "/bin/busybox", "ionice"], "best-effort: prio 3\n"),
    (["env", "-i", "A=1", "/bin/busybox", "env"], "A=1\n"),
    (["sh", "-c", "exec /bin/busybox echo exec from sh"], "exec from sh\n"),
    (["chroot", "/", "/bin/busybox", "echo", "in the root"], "in the root\n"),
    (["mknod", "/tmp/null", "c", "1", "3"], ""),
    (["ln", "/etc/motd", "/etc/motd2"], ""),
    (["link", "/etc/issue", "/tmp/issue"], ""),
    (["poweroff", "-f"], ""),
    (["readlink", "/proc/self/exe"], "/init\n"),
    (["sh", "-c", "cat /etc/motd"], MOTD),
    (["env", "A=1", "env"], "A=1\n"),
    (["pidof", "busybox"], "1\n"),
    (["readlink", "/proc/self/fd/1"], "/dev/console\n"),
    (["ls", "-1", "/proc/self/fd"], "0\n1\n2\n3\n"),
    (["awk", "/stack/ { print $6 }", "/proc/self/maps"], "[stack]\n"),
    (["sysctl", "-w", "kernel.hostname=box"], "kernel.hostname = box\n"),
    (["sysctl", "-w", "kernel.modules_disabled=1"], "kernel.modules_disabled = 1\n"),
    (["lsmod"], "Module                  Size  Used by    Not tainted\n"),
    (["mount"], "rootfs on / type rootfs (rw)\nproc on /proc type proc "
     "(rw,nosuid,nodev,noexec,relatime)\nsysfs on /sys type sysfs "
     "(rw,nosuid,nodev,noexec,relatime)\n"),
    (["gunzip", "-c"], "unpacked\n", gzip.compress(b"unpacked\n", mtime=0)),
    (["printf", "no newline"], "no newline"),
    (["stty", "-F", "/dev/console", "raw"], ""),
    (AS_NOBODY + ["/bin/busybox", "--", "id"],
     "uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n"),
    (AS_NOBODY + ["/bin/sh", "--", "-c", "exec 2>/dev/null; echo x > /etc/motd; echo $?"], "1\n"),
    (AS_NOBODY + ["/bin/busybox", "--", "setpriv", "-d"],
     "uid: 65534\neuid: 65534\ngid: 65534\negid: 65534\nSupplementary groups: 65534\n"
     "no_new_privs: 0\nInheritable capabilities: [none]\nAmbient capabilities: [none]\n"
     "Capability bounding set: chown,dac_override,dac_read_search,fowner,fsetid,kill,setgid,"
     "setuid,setpcap,linux_immutable,net_bind_service,net_broadcast,net_admin,net_raw,ipc_lock,"
     "ipc_owner,sys_module,sys_rawio,sys_chroot,sys_ptrace,sys_pacct,sys_admin,sys_boot,sys_nice,"
     "sys_resource,sys_time,sys_tty_config,mknod,lease,audit_write,audit_control,setfcap,"
     "mac_override,mac_admin,syslog,wake_alarm,block_suspend,audit_read,cap_38,cap_39,cap_40\n"),
    (["su", "nobody", "-c", "id"], "uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n"),
    (["logger", "-t", "moat", "to nobody"], ""),
    (["hwclock", "-w", "-u"], ""),
    (["hwclock", "-s", "-u"], ""),
    (["sh", "-s"], "from stdin\n", b"echo from stdin\n"),
    (["mount", "-t", "tmpfs", "-o", "mode=700", "none", "/tmp"], ""),
    (["mount", "-o", "bind,ro", "/etc", "/tmp"], ""),
    (["mount", "--rbind", "/", "/tmp"], ""),
    (["mount", "-t", "devtmpfs", "devtmpfs", "/tmp"], ""),
    (["mount", "-t", "ramfs", "-o", "mode=700", "none", "/tmp"], ""),
    (["umount", "/proc"], ""),
    (["nproc", "--all"], "1\n"),
    (["ls", "/sys/class/net"], "lo\n"),
    (["cttyhack", "cat", "/sys/class/tty/console/active"], "ttyS0\n"),
    (["mdev", "-s"], "mdev: can't create '/proc/mdev-null': No such file or directory\n"
     "mdev: can't create '/proc/mdev-loop0': No such file or directory\n"),
    (["ip", "link"], LO_LINK + "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"),
    (["ip", "-4", "addr", "show", "lo"], LO_LINK + "    inet 127.0.0.1/8 scope host lo\n"
     "       valid_lft forever preferred_lft forever\n"),
    (["ip", "route", "show", "table", "local"],
     "local 127.0.0.0/8 dev lo scope host  src 127.0.0.1 \n"
     "local 127.0.0.1 dev lo scope host  src 127.0.0.1 \n"
     "broadcast 127.255.255.255 dev lo scope link  src 127.0.0.1 \n"),
    (["ip", "route"], ""),
    (["ip", "rule"], "0:\tfrom all lookup local \n32766:\tfrom all lookup main \n"
     "32767:\tfrom all lookup default \n"),
    (["ip", "link", "set", "lo", "up"], ""),
    (["ip", "link", "set", "lo", "mtu", "1500", "qlen", "500"], ""),
    (["ip", "link", "set", "lo", "down"], ""),
    (["ip", "addr", "del", "127.0.0.1/8", "dev", "lo"], ""),
    (["ip", "addr", "flush", "dev", "lo"], ""),
    (["ifconfig", "lo", "127.0.0.1", "netmask", "255.0.0.0", "up"], ""),
    (["ifconfig", "lo", "mtu", "65536", "txqueuelen", "1000"], ""),
    (["ifconfig", "lo", "mtu", "9000", "down"], ""),
    (["ifconfig", "lo"], "lo        Link encap:Local Loopback  \n"
     "          inet addr:127.0.0.1  Mask:255.0.0.0\n"
     "          UP LOOPBACK RUNNING  MTU:65536  Metric:1\n"
     "          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n"
     "          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n"
     "          collisions:0 txqueuelen:1000 \n"
     "          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n\n"),
    (["route", "-n"], ROUTES + "Flags Metric Ref    Use Iface\n"),
    (["netstat", "-rn"], ROUTES + "Flags   MSS Window  irtt Iface\n"),
    (["netstat", "-x"], "Active UNIX domain sockets (w/o servers)\n"
     "Proto RefCnt Flags       Type       State         I-Node Path\n"),
    (["arp", "-a"], ""),
    (["losetup", "-f"], "/dev/loop0\n"),
    (["losetup", "-a"], ""),
    (["losetup", "-r", "-o", "2", "-f", "/etc/motd"], ""),
    (["blockdev", "--getss", "/dev/loop1"], "512\n"),
    (["blockdev", "--getsz", "/dev/loop0"], "0\n"),
    (["chvt", "2"], ""),
    (["deallocvt"], ""),
    (["stty", "-F", "/dev/tty5"], "speed 38400 baud; line = 0;\nintr = ^C; quit = ^\\; erase = ^?; "
     "kill = ^U; eof = ^D; eol = <undef>;\neol2 = <undef>; swtch = <undef>; start = ^Q; stop = ^S; "
     "susp = ^Z; rprnt = ^R;\nwerase = ^W; lnext = ^V; flush = ^O; min = 1; time = 0;\n"
     "-brkint -imaxbel iutf8\n"),
]
# The network applets reach the loopback (AF_INET): a port nobody listens on refuses them with
# Linux's words, and they end with status 1, as on Linux. So do the VT applets that ask what a
# VT without a screen or a keyboard has not (Linux's dummy console): a VT never allocated may not
# be freed (EBUSY, as Linux's vt_busy says), no key has a scan code (ENODEV) and no font loads
# (ENOSYS; the font is a PSF1 one of 256 blank 8x16 glyphs); loadkmap refuses what is no keymap.
# An entry with stdin gives its status too: ip adding lo's own address again (Alpine's loopback
# script does) is told it exists and ends with status 2, as on Linux.
PSF = bytes([0x36, 0x04, 0, 16]) + bytes(256 * 16)
REFUSED = [
    (["wget", "-O-", "http://127.0.0.1:1/"], "Connecting to 127.0.0.1:1 (127.0.0.1:1)\n"
     "wget: can't connect to remote host (127.0.0.1): Connection refused\n"),
    (["nc", "127.0.0.1", "1"], "nc: can't connect to remote host (127.0.0.1): Connection refused\n"),
    (["telnet", "127.0.0.1", "1"],
     "telnet: can't connect to remote host (127.0.0.1): Connection refused\n"),
    (["deallocvt", "2"], "deallocvt: VT_DISALLOCATE: Device or resource busy\n"),
    (["setkeycodes", "e001", "1"],
     "setkeycodes: can't set SCANCODE 81 to KEYCODE 1: No such device\n"),
    (["loadfont"], "loadfont: KDFONTOP: Function not implemented\n", PSF, 1),
    (["loadkmap"], "loadkmap: not a valid binary keymap\n", b"notakeymap\n", 1),
    (["ip", "addr", "add", "127.0.0.1/8", "dev", "lo", "brd", "+", "scope", "host"],
     "ip: RTNETLINK answers: File exists\n", b"", 2),
]
# dumpkmap's keymap (its magic, which maps it writes, and their keys 0 to 127): Linux's default
# one, as this host's Linux 6.18 writes it, byte for byte.
DEFAULT_KEYMAP_SHA256 = "5ec034829c1ca49bbac9c3cdf7a7cc157b929f372c43a8f99674e4680d7f8c53"
# ping and traceroute over the loopback (raw ICMP sockets: the kernel's echo replies, and ICMP's
# port unreachable for traceroute's UDP probes), with the times (which differ run to run) as T;
# traceroute's probes hold a struct timeval, so they are 8 bytes shorter on i386 ({size}).
TIMED = [
    (["ping", "-c", "2", "127.0.0.5"], "PING 127.0.0.5 (127.0.0.5): 56 data bytes\n"
     "64 bytes from 127.0.0.5: seq=0 ttl=64 time=T ms\n"
     "64 bytes from 127.0.0.5: seq=1 ttl=64 time=T ms\n\n--- 127.0.0.5 ping statistics ---\n"
     "2 packets transmitted, 2 packets received, 0% packet loss\n"
     "round-trip min/avg/max = T/T/T ms\n"),
    (["traceroute", "-n", "127.0.0.1"], "traceroute to 127.0.0.1 (127.0.0.1), 30 hops max, "
     "{size} byte packets\n 1  127.0.0.1  T ms  T ms  T ms\n"),
    (["traceroute", "-I", "-n", "127.0.0.1"], "traceroute to 127.0.0.1 (127.0.0.1), 30 hops max, "
     "{size} byte packets\n 1  127.0.0.1  T ms  T ms  T ms\n"),
]
# Each width's Debian package, where it is fetched to, and Linux's machine name.
WIDTHS = {"i386": ("busybox-static:i386", os.path.join(paths.BUILD, "busybox"), "i686\n"),
          "x86_64": ("busybox-static", os.path.join(paths.BUILD, "busybox64"), "x86_64\n")}


def busybox(width):
    """The width's busybox binary, fetched (once) if it is not there yet."""
    pkg, folder, _ = WIDTHS[width]
    (path,), why = linux.deb_files(pkg, "./bin/busybox", folder, ["bin/busybox"])
    assert not why, why
    return path


class Applets:
    width = None

    def setUp(self):
        arch.skip_without_kernel(self, self.width)

    def test_applets(self):
        for args, out, *stdin in CASES:
            with self.subTest(args=args):
                p = self.run_applet(args, b"".join(stdin))
                self.assertEqual(p.stdout.decode(), WIDTHS[self.width][2] if out is None
                                 else out)

    def test_refused(self):
        for args, out, *rest in REFUSED:
            with self.subTest(args=args):
                p = self.run_applet(args, *rest) if rest else self.run_applet(args, status=1)
                self.assertEqual(p.stdout.decode(), out)

    def test_timed(self):
        for args, out in TIMED:
            with self.subTest(args=args):
                p = self.run_applet(args)
                self.assertEqual(re.sub(r"\d+\.\d{3}", "T", p.stdout.decode()),
                                 out.replace("{size}", "38" if self.width == "i386" else "46"))

    def test_keymaps(self):
        """dumpkmap writes the default keymap (KDGKBENT), and loadkmap runs through one (here
        the default one with the plain map's a made b). loadkmap ignores what its KDSKBENT calls
        return, and with no fork a second applet cannot read the maps back in the same boot:
        tests/keymap proves what the calls do."""
        keymap = self.run_applet(["dumpkmap"]).stdout
        self.assertEqual(hashlib.sha256(keymap).hexdigest(), DEFAULT_KEYMAP_SHA256)
        plain_a = 7 + 256 + 2 * 30              # the magic, the maps' flags, then map 0's keys
        changed = keymap[:plain_a] + b"b" + keymap[plain_a + 1:]
        self.assertEqual(self.run_applet(["loadkmap"], changed).stdout, b"")

    def test_binary_stdout(self):
        """stdout carries any bytes exactly: CR, NUL, and no newline of the kernel's."""
        p = self.run_applet(["gzip", "-c", "/etc/motd"])
        self.assertEqual(gzip.decompress(p.stdout), MOTD.encode())
        p = self.run_applet(["tar", "cf", "-", "-C", "/", "etc"])
        with tarfile.open(fileobj=io.BytesIO(p.stdout)) as t:
            self.assertEqual(t.extractfile("etc/motd").read(), MOTD.encode())

    def test_stdout_closed_early(self):
        """`run.py run ... | head -1`: once the reader is gone the app's output is dropped, and
        run.py still ends with the app's status, no traceback on stderr."""
        p = subprocess.Popen([sys.executable, RUN, "run", "--no-build", "--arch", self.width,
                              "--files", TREE, busybox(self.width), "seq", "200000"],
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
        self.assertEqual(p.stdout.readline(), b"1\n")
        p.stdout.close()
        err = p.communicate(timeout=60)[1].decode()
        self.assertEqual(p.returncode, 0, err[-1500:])
        self.assertNotIn("Traceback", err)
        # 2>&1 | head -1: the reader takes the kernel's first line, and both streams are gone
        p = subprocess.Popen([sys.executable, RUN, "run", "--no-build", "--arch", self.width,
                              "--files", TREE, busybox(self.width), "seq", "200000"],
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT)
        self.assertTrue(p.stdout.readline().startswith(b"moat: "))
        p.stdout.close()
        p.wait(timeout=60)
        self.assertEqual(p.returncode, 0)

    def run_applet(self, args, stdin=b"", status=0):
        p = subprocess.run([sys.executable, RUN, "run", "--no-build", "--arch", self.width,
                            "--files", TREE, busybox(self.width), *args],
                           capture_output=True, timeout=60, input=stdin)
        err = p.stderr.decode()
        self.assertEqual(p.returncode, status, err[-1500:])
        self.assertNotIn("not implemented", err)
        return p


class BusyboxTest(Applets, unittest.TestCase):
    width = "i386"


class Busybox64Test(Applets, unittest.TestCase):
    width = "x86_64"


if __name__ == "__main__":
    unittest.main()
