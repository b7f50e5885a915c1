#!/usr/bin/env python3
"""Packs the default keymap (src/kernel/defkeymap.txt) into the header the kernel unpacks it
from (kernel/keymap.c), a fifth of its 1.8 KiB.

Usage: genkeymap.py KEYMAP OUT

The keymap is a list of maps: a line `map N` (N: 0 to 255, rising), then its keys 0 to 127 as
4-digit hex entries, K(type, value), 16 to a line; `#` starts a comment. Keys 128 to 255, and
the maps not given, are K_HOLE.

The packed form rebuilds the maps one after the other, each NR_KEYS entries long, as a series
of steps. A step's first byte is its kind (its top two bits) and how many entries it makes, 1
to 64 (its low six bits, less one):
  SKIP  leaves them as holes;
  LIT   a type byte, then each entry's value byte;
  SEQ   a type byte and a value byte: entries with that type and rising values;
  COPY  an op byte: each entry is the same key's in the map (op & 7) maps back, with its
        value's top three bits cleared (op & 8: a control key's), its 0x20 bit flipped (op &
        32: the other case of a letter) and, where op & 16, a new type, the byte after.
The steps are chosen for the fewest bytes (a shortest path over the entries).
"""
import sys

NR_KEYS = 256
K_HOLE = 0x0200
MAX_RUN = 64
SKIP, LIT, SEQ, COPY = range(4)
CTRL, NEW_TYPE, CASE = 8, 16, 32


class KeymapError(Exception):
    """A malformed line in the keymap."""


def parse(lines, path="defkeymap.txt"):
    """{map number: its NR_KEYS entries}; raise KeymapError naming the line of a bad one."""
    maps, keys = {}, None
    for n, line in enumerate(lines, 1):
        fields = line.split("#")[0].split()
        if not fields:
            continue
        where = f"{path}:{n}"
        if fields[0] == "map":
            if len(fields) != 2 or not fields[1].isdigit() or int(fields[1]) > 255:
                raise KeymapError(f"{where}: `map N` with N from 0 to 255")
            if maps and int(fields[1]) <= max(maps):
                raise KeymapError(f"{where}: the maps' numbers must rise")
            keys = maps[int(fields[1])] = []
            continue
        if keys is None:
            raise KeymapError(f"{where}: an entry before the first `map N`")
        for f in fields:
            if len(f) != 4 or any(c not in "0123456789abcdefABCDEF" for c in f):
                raise KeymapError(f"{where}: {f!r} is not a 4-digit hex entry")
            keys.append(int(f, 16))
        if len(keys) > 128:
            raise KeymapError(f"{where}: more than 128 keys in a map")
    for number, keys in maps.items():
        if len(keys) != 128:
            raise KeymapError(f"{path}: map {number} has {len(keys)} keys, not 128")
        keys += [K_HOLE] * (NR_KEYS - 128)
    return maps


def copied(entry, op, new_type):
    """An entry of COPY op made from the same key's entry in an earlier map."""
    value = entry & 0xFF
    if op & CTRL:
        value &= 0x1F
    if op & CASE:
        value ^= 0x20
    return (new_type if op & NEW_TYPE else entry >> 8) << 8 | value


def pack(maps):
    """The packed steps that rebuild maps' entries, one map after the other, as bytes."""
    out = [e for keys in maps.values() for e in keys]
    while out and out[-1] == K_HOLE:        # the holes after the last entry are left as they are
        out.pop()
    size = len(out)
    cost, step = [0] * (size + 1), [None] * (size + 1)

    def consider(i, n, nbytes, head):
        if step[i] is None or nbytes + cost[i + n] < cost[i]:
            cost[i], step[i] = nbytes + cost[i + n], (n, head)

    for i in range(size - 1, -1, -1):
        e, limit = out[i], min(MAX_RUN, size - i)
        run = lambda ok: next((n for n in range(limit) if not ok(i + n)), limit)
        for n in range(1, run(lambda j: out[j] == K_HOLE) + 1):
            consider(i, n, 1, [SKIP << 6])
        for n in range(1, run(lambda j: out[j] >> 8 == e >> 8) + 1):
            consider(i, n, 2 + n, [LIT << 6, e >> 8] + [x & 0xFF for x in out[i:i + n]])
        for n in range(1, run(lambda j: out[j] == e + j - i and (e & 0xFF) + j - i < 256) + 1):
            consider(i, n, 3, [SEQ << 6, e >> 8, e & 0xFF])
        for back in range(1, min(7, i // NR_KEYS) + 1):
            for op in range(back, 64, 8):
                ok = lambda j: out[j] == copied(out[j - back * NR_KEYS], op, e >> 8)
                head = [COPY << 6, op] + ([e >> 8] if op & NEW_TYPE else [])
                for n in range(1, run(ok) + 1):
                    consider(i, n, len(head), head)
    packed, i = [], 0
    while i < size:
        n, head = step[i]
        packed += [head[0] | n - 1] + head[1:]
        i += n
    return bytes(packed)


def unpack(packed, count):
    """count maps' entries, rebuilt from packed: kernel/keymap.c's unpacking, for the test."""
    out, p = [K_HOLE] * (count * NR_KEYS), 0
    o = 0
    while p < len(packed):
        kind, n = packed[p] >> 6, (packed[p] & 63) + 1
        p += 1
        if kind == SKIP:
            o += n
            continue
        op = 0
        if kind == COPY:
            op, p = packed[p], p + 1
        new_type = packed[p] if kind != COPY or op & NEW_TYPE else 0
        p += kind != COPY or bool(op & NEW_TYPE)
        for k in range(n):
            if kind == LIT:
                out[o] = new_type << 8 | packed[p]
                p += 1
            elif kind == SEQ:
                out[o] = new_type << 8 | packed[p] + k
            else:
                out[o] = copied(out[o - (op & 7) * NR_KEYS], op, new_type)
            o += 1
        p += kind == SEQ
    return out


def header(maps, packed):
    """The C header: the maps' numbers, and the packed steps."""
    lines = ["/* Generated by tools/genkeymap.py from kernel/defkeymap.txt; do not edit. */",
             "#pragma once", "", "#include <stdint.h>", "",
             f"#define DEFKEYMAP_COUNT {len(maps)}",
             "static const uint8_t defkeymap_maps[] = {"
             + ", ".join(str(number) for number in maps) + "};",
             f"/* {len(packed)} bytes for {len(maps) * 128 * 2} */",
             "static const uint8_t defkeymap_packed[] = {"]
    for at in range(0, len(packed), 12):
        lines.append("    " + " ".join(f"0x{b:02x}," for b in packed[at:at + 12]))
    return "\n".join(lines + ["};", ""])


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    with open(argv[1]) as f:
        try:
            maps = parse(f, argv[1])
        except KeymapError as e:
            sys.exit(f"genkeymap: {e}")
    packed = pack(maps)
    assert unpack(packed, len(maps)) == [e for keys in maps.values() for e in keys]
    with open(argv[2], "w") as f:
        f.write(header(maps, packed))


if __name__ == "__main__":
    main(sys.argv)
