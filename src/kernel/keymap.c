/* The keyboard's maps, as Linux's keyboard.c keeps them: up to 256 maps (one for each set of
   modifiers held) of NR_KEYS entries, K(type, value), shared by all the VTs. They start as
   Linux's defkeymap (kernel/defkeymap.txt, packed by tools/genkeymap.py to 503 bytes) and are
   unpacked at the first call. With no keyboard no key ever looks one up; the maps only answer
   KDGKBENT and keep what KDSKBENT sets. Rare calls, built for size. */
#include "kernel/keymap.h"
#include "defkeymap.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/kmalloc.h"
#include "kernel/uaccess.h"

#define KDGKBENT 0x4B46
#define NR_KEYS 256
enum { K_HOLE = 0x200, K_SAK = 0x20F, K_ALLOCATED = 0x27E, K_NOSUCHMAP = 0x27F };
enum { NR_TYPES = 15, SKIP = 0, LIT = 1, SEQ = 2, COPY = 3, CTRL = 8, NEW_TYPE = 16, CASE = 32 };

/* Each entry is kept XORed with K_HOLE, so that zeroed memory is holes: a new map's and the
   unpacked maps' unset keys. */
static uint16_t *maps[256];
static uint16_t defmaps[DEFKEYMAP_COUNT][NR_KEYS];
/* Linux's keymap_count: the default maps and those made since, less those made and freed
   again (a default map freed still counts). Past MAX_NR_OF_USER_KEYMAPS, 256, a new map takes
   CAP_SYS_RESOURCE. */
static uint32_t keymap_count = DEFKEYMAP_COUNT;

/* The highest value of each type that KDSKBENT takes (Linux's max_vals, as 6.18's): the
   special keys' handlers, the keypad's keys, the dead keys' accents... */
static const uint8_t max_vals[NR_TYPES] = {255, 255, 19, 19,  26, 255, 3, 8,
                                           255, 25,  8,  255, 8,  255, 10};

/* The steps tools/genkeymap.py describes, into defmaps (map after map). */
static void unpack(void)
{
    uint16_t *o = defmaps[0];
    for (const uint8_t *p = defkeymap_packed; p < defkeymap_packed + sizeof(defkeymap_packed);) {
        uint32_t kind = *p >> 6, n = (*p++ & 63u) + 1, op = kind == COPY ? *p++ : NEW_TYPE;
        if (kind == SKIP) {
            o += n;
            continue;
        }
        uint32_t type = op & NEW_TYPE ? *p++ : 0;
        for (uint32_t k = 0; k < n; k++, o++) {
            /* a LIT's or SEQ's value byte is a COPY's entry with a new type */
            uint32_t e = kind == COPY  ? o[-(int32_t)(op & 7) * NR_KEYS] ^ K_HOLE
                         : kind == LIT ? p[k]
                                       : *p + k;
            uint32_t lo = (e & (op & CTRL ? 0x1F : 0xFF)) ^ (op & CASE);
            *o = (uint16_t)(((op & NEW_TYPE ? type : e >> 8) << 8 | lo) ^ K_HOLE);
        }
        p += kind == LIT ? n : kind == SEQ;
    }
    for (uint32_t i = 0; i < DEFKEYMAP_COUNT; i++)
        maps[defkeymap_maps[i]] = defmaps[i];
}

/* Linux's vt_do_kdsk_ioctl, vt_kdgkbent and vt_kdskbent. */
int32_t keymap_ioctl(uint32_t request, word_t arg, bool unicode, bool perm)
{
    struct {
        uint8_t table, index;
        uint16_t value;
    } e;
    if (copy_from_user(&e, arg, sizeof(e)))
        return -EFAULT;
    if (!maps[0]) /* map 0 is never freed */
        unpack();
    uint16_t *map = maps[e.table], value = e.value;
    uint32_t type = value >> 8;
    if (request == KDGKBENT) {
        if (!map)
            value = e.index ? K_HOLE : K_NOSUCHMAP;
        else if ((value = map[e.index] ^ K_HOLE) >> 8 >= NR_TYPES && !unicode)
            value = K_HOLE; /* a Unicode entry, which the mode has not */
        return copy_to_user(arg + 2, &value, 2);
    }
    if (!perm)
        return -EPERM;
    if (!e.index && value == K_NOSUCHMAP) { /* free the map (not map 0) */
        if (e.table && map) {
            maps[e.table] = NULL;
            if (map[0] == (K_ALLOCATED ^ K_HOLE)) { /* not a default map */
                kfree(map, NR_KEYS * 2);
                keymap_count--;
            }
        }
        return 0;
    }
    if (type < NR_TYPES ? (value & 0xFF) > max_vals[type] : !unicode)
        return -EINVAL;
    if (!e.index) /* entry 0 only checks the value */
        return 0;
    if (!map) {
        if (keymap_count >= 256 && !capable(CAP_SYS_RESOURCE))
            return -EPERM;
        if (!(map = kmalloc(NR_KEYS * 2)))
            return -ENOMEM;
        keymap_count++;
        map[0] = K_ALLOCATED ^ K_HOLE;
        maps[e.table] = map;
    }
    uint16_t *entry = &map[e.index], old = *entry ^ K_HOLE;
    if (old != value && (old == K_SAK || value == K_SAK) && !capable(CAP_SYS_ADMIN))
        return -EPERM; /* the secure attention key */
    *entry = value ^ K_HOLE;
    return 0;
}
