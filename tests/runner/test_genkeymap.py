# Proves tools/genkeymap.py reads the keymap's list (kernel/defkeymap.txt), refuses a malformed
# line by its number, and packs maps into steps that rebuild them exactly (its unpack is
# kernel/keymap.c's, step for step), each kind of step where it is the shortest; and that the
# default keymap packs to the header the kernel is built with.
import os
import random
import unittest

import genkeymap
from genkeymap import COPY, K_HOLE, LIT, NR_KEYS, SEQ, SKIP
from moatlib import paths

KEYMAP = os.path.join(paths.ROOT, "src", "kernel", "defkeymap.txt")


def parse(text):
    return genkeymap.parse(text.split("\n"), "t.txt")


def keys(*entries):
    """A map's 128 keys: entries, then holes."""
    return list(entries) + [K_HOLE] * (128 - len(entries))


def as_text(maps):
    return "\n".join(f"map {n}\n" + " ".join(f"{e:04x}" for e in ks[:128])
                     for n, ks in maps.items())


def rebuilt(maps):
    packed = genkeymap.pack(maps)
    return packed, genkeymap.unpack(packed, len(maps))


class ParseTest(unittest.TestCase):
    def test_maps(self):
        maps = parse("# a comment\nmap 0  # plain\n" + "0b61 " * 16 + "\n" + "0200 " * 112
                     + "\nmap 7\n" + "0041 " * 128)
        self.assertEqual(list(maps), [0, 7])
        self.assertEqual(maps[0][:17], [0x0B61] * 16 + [K_HOLE])
        self.assertEqual(maps[7][127:], [0x41] + [K_HOLE] * (NR_KEYS - 128))

    def test_errors(self):
        full = "0200 " * 128
        bad = {
            "0200": "t.txt:1: an entry before",
            "map": "t.txt:1: `map N`",
            "map 256": "`map N`",
            "map x": "`map N`",
            f"map 1\n{full}\nmap 1\n{full}": "t.txt:3: the maps' numbers must rise",
            "map 0\n020": "'020' is not a 4-digit hex entry",
            "map 0\n02g0": "not a 4-digit",
            f"map 0\n{full} 0200": "t.txt:2: more than 128 keys",
            "map 0\n0200": "map 0 has 1 keys, not 128",
        }
        for text, why in bad.items():
            with self.subTest(text=text[:20]), self.assertRaisesRegex(genkeymap.KeymapError,
                                                                      why):
                parse(text)


class PackTest(unittest.TestCase):
    def test_each_step(self):
        plain = keys(0x0200, 0x001B, *[0x0101 + i for i in range(10)], 0x0B71, 0x0B77)
        maps = {0: plain + [K_HOLE] * 128,
                1: keys(0x0200, 0x001B, *[0x0101 + i for i in range(10)], 0x0B51, 0x0B57)
                + [K_HOLE] * 128,
                4: keys(0x0200, 0x081B, *[0x0801 + i for i in range(10)], 0x0011, 0x0017)
                + [K_HOLE] * 128}
        packed, out = rebuilt(maps)
        self.assertEqual(out, [e for ks in maps.values() for e in ks])
        kinds, p = set(), 0
        while p < len(packed):                  # walk the steps by their sizes
            kind, n = packed[p] >> 6, (packed[p] & 63) + 1
            kinds.add(kind)
            p += {SKIP: 1, LIT: 2 + n, SEQ: 3}.get(kind) or 2 + bool(packed[p + 1] & 16)
        self.assertEqual(p, len(packed))
        self.assertEqual(kinds, {SKIP, LIT, SEQ, COPY})

    def test_any_maps(self):
        rng = random.Random(7)
        for _ in range(20):
            maps = {n: keys(*[rng.choice([K_HOLE, rng.randrange(0x10000),
                                          0x0B00 | rng.randrange(0x61, 0x7B)])
                              for _ in range(128)]) + [K_HOLE] * 128
                    for n in sorted(rng.sample(range(256), rng.randint(1, 9)))}
            self.assertEqual(parse(as_text(maps)), maps)
            self.assertEqual(rebuilt(maps)[1], [e for ks in maps.values() for e in ks])

    def test_long_runs(self):
        maps = {0: [0x0B61] * 128 + [K_HOLE] * 128, 1: [0x0100 + i for i in range(128)]
                + [K_HOLE] * 128}
        self.assertEqual(rebuilt(maps)[1], [e for ks in maps.values() for e in ks])

    def test_default_keymap(self):
        with open(KEYMAP) as f:
            maps = genkeymap.parse(f, KEYMAP)
        self.assertEqual(list(maps), [0, 1, 2, 4, 5, 8, 12])
        packed, out = rebuilt(maps)
        self.assertEqual(out, [e for ks in maps.values() for e in ks])
        self.assertLess(len(packed), 128 * 2 * len(maps) // 3)
        text = genkeymap.header(maps, packed)
        self.assertIn("defkeymap_maps[] = {0, 1, 2, 4, 5, 8, 12};", text)
        self.assertIn(f"/* {len(packed)} bytes for 1792 */", text)


if __name__ == "__main__":
    unittest.main()
