# paths.py: where the source tree and the build outputs are.
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(ROOT, "build")
KERNEL = os.path.join(BUILD, "moat.elf")
TESTS = os.path.join(ROOT, "tests")
TEST_ELFS = os.path.join(BUILD, "tests")
HOST_TESTS = os.path.join(BUILD, "tests", "host")
APPS = os.path.join(BUILD, "app")
LOGS = os.path.join(BUILD, "test-logs")
TMP = os.path.join(BUILD, "tmp")


def rel(path):
    """path relative to the source tree when inside it, for messages."""
    r = os.path.relpath(path, ROOT)
    return path if r.startswith("..") else r


def kernel():
    """The built kernel."""
    return KERNEL
