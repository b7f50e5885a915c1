/* Proves musl's malloc, free and realloc work on moat's brk and mmap2/munmap: many blocks
 * of sizes from bytes to megabytes, filled and checked, resized and freed in a shuffled
 * order, several rounds over. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SLOTS = 512, ROUNDS = 6 };

static uint32_t seed = 12345;

static uint32_t rnd(void)
{
    seed = seed * 1103515245u + 12345u;
    return seed >> 8;
}

static size_t pick_size(void)
{
    uint32_t r = rnd() % 100;
    if (r < 70)
        return 1 + rnd() % 256;
    if (r < 95)
        return 256 + rnd() % 16384;
    return 100000 + rnd() % (2 << 20); /* large: served by mmap */
}

static unsigned char *blk[SLOTS];
static size_t len[SLOTS];

static int check(int i)
{
    for (size_t j = 0; j < len[i]; j += 1 + len[i] / 64)
        if (blk[i][j] != (unsigned char)(i + j))
            return 0;
    return len[i] == 0 || blk[i][len[i] - 1] == (unsigned char)(i + len[i] - 1);
}

static void fill(int i, size_t from)
{
    for (size_t j = from; j < len[i]; j++)
        blk[i][j] = (unsigned char)(i + j);
}

int main(void)
{
    int bad = 0;
    size_t peak = 0;
    for (int round = 0; round < ROUNDS; round++) {
        size_t total = 0;
        for (int i = 0; i < SLOTS; i++) {
            len[i] = pick_size();
            blk[i] = malloc(len[i]);
            if (!blk[i]) {
                printf("malloc(%zu) failed\n", len[i]);
                return 1;
            }
            fill(i, 0);
            total += len[i];
        }
        if (total > peak)
            peak = total;
        for (int i = 0; i < SLOTS; i++) {
            int k = (int)(rnd() % SLOTS);
            if (!check(k))
                bad++;
            size_t old = len[k], n = pick_size();
            unsigned char *p = realloc(blk[k], n);
            if (!p) {
                printf("realloc(%zu) failed\n", n);
                return 1;
            }
            blk[k] = p;
            len[k] = n;
            /* the kept prefix must have survived the move */
            for (size_t j = 0; j < (old < n ? old : n); j += 1 + n / 64)
                if (p[j] != (unsigned char)(k + j))
                    bad++;
            fill(k, 0);
        }
        for (int i = 0; i < SLOTS; i++) {
            int k = (i * 7 + round) % SLOTS;
            if (!check(k))
                bad++;
            free(blk[k]);
        }
        printf("round %d done\n", round);
    }
    char *s = calloc(1000, 3);
    int zero = 1;
    for (int i = 0; i < 3000; i++)
        zero &= s[i] == 0;
    free(s);
    printf("calloc zeroed: %s\n", zero ? "yes" : "no");
    printf("corrupted blocks: %d\n", bad);
    printf("peak over 1 MiB: %s\n", peak > (1 << 20) ? "yes" : "no");
    return bad != 0;
}
