# files.py: a folder and an app packed into one newc cpio archive, moat's file tree.
"""The archive holds DIR's files, folders and symlinks (owned by root, with their own
permission bits), the app as /init, and whatever of /dev's devices and /tmp DIR lacks, so
that every tree has /dev/console, /dev/null, /dev/zero, /dev/full, /dev/random,
/dev/urandom and a /tmp."""
import os
import stat

from .linux import cpio_newc

DEVICES = [("console", 0o020600, (5, 1)), ("null", 0o020666, (1, 3)),
           ("zero", 0o020666, (1, 5)), ("full", 0o020666, (1, 7)),
           ("random", 0o020666, (1, 8)), ("urandom", 0o020666, (1, 9))]


def tree_entries(root):
    """(name, mode, rdev, data) for everything under root, parents first."""
    entries = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in dirnames + sorted(filenames):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            st = os.lstat(path)
            perm = stat.S_IMODE(st.st_mode)
            if stat.S_ISLNK(st.st_mode):
                entries.append((rel, stat.S_IFLNK | 0o777, (0, 0), os.readlink(path).encode()))
            elif stat.S_ISDIR(st.st_mode):
                entries.append((rel, stat.S_IFDIR | perm, (0, 0), b""))
            elif stat.S_ISREG(st.st_mode):
                with open(path, "rb") as f:
                    entries.append((rel, stat.S_IFREG | perm, (0, 0), f.read()))
            # sockets, fifos and device files in DIR are left out
    return sorted(entries, key=lambda e: e[0].split("/"))


def pack(out, app, root=None):
    """Write the archive to out: root's tree (if any), the app as /init, /dev and /tmp."""
    entries = tree_entries(root) if root else []
    names = {e[0] for e in entries}
    extra = []
    if "dev" not in names:
        extra.append(("dev", 0o040755, (0, 0), b""))
    if "tmp" not in names:
        extra.append(("tmp", 0o041777, (0, 0), b""))
    for name, mode, rdev in DEVICES:
        if "dev/" + name not in names:
            extra.append(("dev/" + name, mode, rdev, b""))
    with open(app, "rb") as f:
        init = [("init", 0o100755, (0, 0), f.read())]
    with open(out, "wb") as f:
        f.write(cpio_newc(entries + extra + init))
