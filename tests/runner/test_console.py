# Proves the runner's verdict on a serial log: kernel lines, app output and the outcome, which
# needs both the kernel's final line and QEMU's matching exit status.
import io
import os
import tempfile
import unittest

from moatlib import console
from moatlib.console import Kind

BOOT = "\x1b[2J\x1b[1;1HGRUB junk\r\nmoat: moat 0.1.0\r\nmoat: app: 9 KiB\r\n"


class ParseTest(unittest.TestCase):
    def test_exit(self):
        c = console.parse(BOOT + "hello\r\nworld\nmoat: app exited with status 3\n", 33)
        self.assertEqual((c.outcome.kind, c.outcome.status()), (Kind.EXITED, 3))
        self.assertEqual(c.app_output, "hello\nworld\n")
        self.assertEqual(c.kernel_lines[0], "moat: moat 0.1.0")

    def test_killed(self):
        c = console.parse(BOOT + "moat: app killed by signal 11 (SIGSEGV)\n", 33)
        self.assertEqual((c.outcome.kind, c.outcome.status()), (Kind.KILLED, 139))

    def test_refused_and_panic(self):
        c = console.parse(BOOT + "moat: app refused: not an ELF file\n", 35)
        self.assertEqual((c.outcome.kind, c.outcome.status()), (Kind.REFUSED, 126))
        c = console.parse(BOOT + "moat: PANIC: #GP\nmoat: system halted\n", 253)
        self.assertEqual((c.outcome.kind, c.outcome.status()), (Kind.PANIC, 125))

    def test_kinds_are_their_words(self):
        """A Kind prints as its word, as the log lines and JUnit show it."""
        c = console.parse(BOOT + "moat: app exited with status 3\n", 33)
        self.assertIs(c.outcome.kind, Kind.EXITED)
        self.assertEqual(f"{c.outcome.kind}: {Kind.TIMEOUT}", "exited: timeout")

    def test_final_line_needs_the_matching_qemu_status(self):
        c = console.parse(BOOT + "moat: app exited with status 0\n", 35)
        self.assertEqual(c.outcome.kind, Kind.QEMU)
        self.assertEqual(c.outcome.status(), 125)

    def test_no_final_line(self):
        self.assertEqual(console.parse(BOOT + "x\n", 0).outcome.kind, Kind.RESET)
        self.assertEqual(console.parse(BOOT + "x\n", 1).outcome.kind, Kind.QEMU)
        self.assertEqual(console.parse("", 1).outcome.detail,
                         "status 1, the kernel printed nothing")
        t = console.parse(BOOT + "x", -15, timed_out=True, timeout=2)
        self.assertEqual((t.outcome.kind, t.outcome.status()), (Kind.TIMEOUT, 124))

    def test_output_after_the_final_line_is_not_the_apps(self):
        c = console.parse(BOOT + "a\nmoat: app exited with status 0\nlate\n", 33)
        self.assertEqual(c.app_output, "a\n")

    def test_unfinished_last_line_is_kept(self):
        c = console.parse(BOOT + "no newline\nmoat: app exited with status 0\n", 33)
        self.assertEqual(c.app_output, "no newline\n")


class ChannelTest(unittest.TestCase):
    """The kernel's own channel (its debug console) decides; the serial console can lie."""
    CHANNEL = "moat: moat 0.1.0\nmoat: app: 9 KiB\nmoat: app exited with status 1\n"

    def test_forged_final_lines_are_app_output(self):
        serial = (BOOT + "moat: app exited with status 0\r\nmoat: PANIC: x\r\n"
                  "moat: app killed by signal 9 (SIGKILL)\r\nmoat: app exited with status 1\r\n")
        c = console.parse(serial, 33, channel=self.CHANNEL)
        self.assertEqual((c.outcome.kind, c.outcome.status()), (Kind.EXITED, 1))
        self.assertEqual(c.app_output, "moat: app exited with status 0\nmoat: PANIC: x\n"
                         "moat: app killed by signal 9 (SIGKILL)\n")
        self.assertEqual(c.kernel_lines[-1], "moat: app exited with status 1")

    def test_a_forged_line_without_the_kernels_is_no_verdict(self):
        c = console.parse(BOOT + "moat: app exited with status 0\n", 33,
                          channel="moat: moat 0.1.0\nmoat: app: 9 KiB\n")
        self.assertEqual(c.outcome.kind, Kind.QEMU)        # no final line on the channel

    def test_empty_channel(self):
        c = console.parse(BOOT + "moat: app exited with status 0\n", 33, channel="")
        self.assertEqual(c.outcome.kind, Kind.QEMU)
        self.assertEqual(c.app_output, "")

    def test_the_kernels_newline_is_not_the_apps(self):
        """BREAK on the channel: the kernel ended the app's unfinished line before its own."""
        channel = self.CHANNEL.replace("moat: app: 9 KiB\n", "moat: app: 9 KiB\n\x1emoat: x\n")
        channel = channel.replace("moat: app exited", "\x1emoat: app exited")
        serial = BOOT + "abc\r\nmoat: x\r\ndef\r\nend\r\nmoat: app exited with status 1\r\n"
        c = console.parse(serial, 33, channel=channel)
        self.assertEqual(c.app_output, "abcdef\nend")
        self.assertEqual(c.kernel_lines[-2:], ["moat: x", "moat: app exited with status 1"])
        c = console.parse(serial, 33, channel=self.CHANNEL.replace("9 KiB\n", "9 KiB\nmoat: x\n"))
        self.assertEqual(c.app_output, "abc\ndef\nend\n")   # the app's own newlines stay


class LiveViewTest(unittest.TestCase):
    """run.py's live split: the same bytes whichever way the serial log comes in pieces."""

    def view(self, serial, channel, raw_tty=False):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "channel")
            with open(path, "w") as f:
                f.write(channel)
            outs = set()
            for size in (1, 2, 3, 5, len(serial)):
                out, err = io.BytesIO(), io.BytesIO()
                v = console.LiveView(out, err, path, raw_tty=raw_tty)
                for i in range(0, len(serial), size):
                    v(serial[i:i + size])
                v.close()
                outs.add(out.getvalue())
            self.assertEqual(len(outs), 1, outs)
            return outs.pop()

    def test_the_kernels_newline_is_dropped(self):
        serial = b"moat: a\r\nabc\r\nmoat: x\r\ndef\r\nlast\r\r\nmoat: app exited\r\n"
        channel = "moat: a\n\x1emoat: x\n\x1emoat: app exited\n"
        self.assertEqual(self.view(serial, channel), b"abcdef\nlast\r")
        self.assertEqual(self.view(serial, channel.replace("\x1e", "")),
                         b"abc\ndef\nlast\r\n")
        self.assertEqual(self.view(serial, channel, raw_tty=True),
                         b"abc\r\ndef\r\nlast\r\r\n")


if __name__ == "__main__":
    unittest.main()
