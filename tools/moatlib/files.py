# files.py: a folder and an app packed into one newc cpio archive, moat's file tree.
"""The archive holds DIR's files, folders and symlinks (owned by root, with their own
permission bits and times), the app as /init, and whatever of /dev's devices and /tmp DIR
lacks, so that every tree has /dev/console, /dev/tty, /dev/null, /dev/zero, /dev/full,
/dev/random, /dev/urandom, a /tmp and a /sys (where moat mounts a sysfs, as Linux's init
would)."""
import os
import stat


DEVICES = [("console", 0o020600, (5, 1)), ("tty", 0o020666, (5, 0)),
           ("null", 0o020666, (1, 3)), ("zero", 0o020666, (1, 5)), ("full", 0o020666, (1, 7)),
           ("random", 0o020666, (1, 8)), ("urandom", 0o020666, (1, 9)),
           ("ttyS0", 0o020600, (4, 64)), ("rtc0", 0o020600, (253, 0)), ("watchdog", 0o020600, (10, 130)),
           ("loop-control", 0o020600, (10, 237))] + [
    (f"loop{i}", 0o060600, (7, i)) for i in range(8)] + [
    (f"tty{i}", 0o020600, (4, i)) for i in range(64)]


def cpio_newc(entries):
    """A newc archive from (name, mode, rdev, data, mtime): linux.cpio_newc with times."""
    out = bytearray()
    for ino, (name, mode, rdev, data, mtime) in enumerate(
            entries + [("TRAILER!!!", 0, (0, 0), b"", 0)], 1):
        fields = [ino, mode, 0, 0, 1, mtime, len(data), 0, 0, rdev[0], rdev[1],
                  len(name.encode()) + 1, 0]
        out += b"070701" + "".join(f"{v:08X}" for v in fields).encode() + name.encode() + b"\0"
        out += b"\0" * (-len(out) % 4) + data
        out += b"\0" * (-len(out) % 4)
    return bytes(out)


def tree_entries(root):
    """(name, mode, rdev, data, mtime) for everything under root, parents first."""
    entries = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in dirnames + sorted(filenames):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            st = os.lstat(path)
            perm, mtime = stat.S_IMODE(st.st_mode), int(st.st_mtime)
            if stat.S_ISLNK(st.st_mode):
                entries.append((rel, stat.S_IFLNK | 0o777, (0, 0), os.readlink(path).encode(),
                                mtime))
            elif stat.S_ISDIR(st.st_mode):
                entries.append((rel, stat.S_IFDIR | perm, (0, 0), b"", mtime))
            elif stat.S_ISREG(st.st_mode):
                with open(path, "rb") as f:
                    entries.append((rel, stat.S_IFREG | perm, (0, 0), f.read(), mtime))
            # sockets, fifos and device files in DIR are left out
    return sorted(entries, key=lambda e: e[0].split("/"))


def pack(out, app, root=None):
    """Write the archive to out: root's tree (if any), the app as /init, /dev, /tmp and /sys."""
    entries = tree_entries(root) if root else []
    names = {e[0] for e in entries}
    extra = []
    if "dev" not in names:
        extra.append(("dev", 0o040755, (0, 0), b"", 0))
    if "tmp" not in names:
        extra.append(("tmp", 0o041777, (0, 0), b"", 0))
    if "sys" not in names:
        extra.append(("sys", 0o040555, (0, 0), b"", 0))
    for name, mode, rdev in DEVICES:
        if "dev/" + name not in names:
            extra.append(("dev/" + name, mode, rdev, b"", 0))
    with open(app, "rb") as f:
        init = [("init", 0o100755, (0, 0), f.read(), int(os.stat(app).st_mtime))]
    with open(out, "wb") as f:
        f.write(cpio_newc(entries + extra + init))
