/* The small ext2 image tests/musl/ext2.c and ext2_bad.c mount: 128 blocks of 1 KiB, 32 inodes
 * in one group, the table at block 5; a root (block 9) with hello (inode 11, block 10), a hard
 * link to it, a fast symlink, /dev/null's node and sub (inode 12, block 11), whose big (inode
 * 15) has 12 direct blocks, an indirect one (block 24) and a hole at its end. */
#pragma once

#include <stdint.h>
#include <string.h>

static uint8_t img[128 * 1024]; /* 128 blocks of 1 KiB */

static void put16(uint32_t at, uint16_t v)
{
    memcpy(img + at, &v, 2);
}

static void put32(uint32_t at, uint32_t v)
{
    memcpy(img + at, &v, 4);
}

/* Inode ino (the table is at block 5, 128 bytes each). */
static void inode(uint32_t ino, uint16_t mode, uint16_t uid, uint16_t gid, uint32_t size,
                  uint16_t links, const uint32_t *blocks, uint32_t nblocks, uint32_t sectors)
{
    uint32_t at = 5 * 1024 + (ino - 1) * 128;
    put16(at, mode);
    put16(at + 2, uid);
    put32(at + 4, size);
    put32(at + 8, 1600000000);  /* atime */
    put32(at + 12, 1600000001); /* ctime */
    put32(at + 16, 1600000002); /* mtime */
    put16(at + 24, gid);
    put16(at + 26, links);
    put32(at + 28, sectors);
    for (uint32_t i = 0; i < nblocks; i++)
        put32(at + 40 + 4 * i, blocks[i]);
}

/* A directory block: its entries (ino, type, name), the last one to the block's end. */
static void dir_block(uint32_t block, const uint32_t *inos, const uint8_t *types,
                      const char *const *names, int n)
{
    uint32_t at = block * 1024, off = 0;
    for (int i = 0; i < n; i++) {
        uint32_t len = (uint32_t)strlen(names[i]), rec = (8 + len + 3) & ~3u;
        if (i == n - 1)
            rec = 1024 - off;
        put32(at + off, inos[i]);
        put16(at + off + 4, (uint16_t)rec);
        img[at + off + 6] = (uint8_t)len;
        img[at + off + 7] = types[i];
        memcpy(img + at + off + 8, names[i], len);
        off += rec;
    }
}

static void make_image(void)
{
    uint32_t sb = 1024;  /* the superblock */
    put32(sb + 0, 32);   /* inodes */
    put32(sb + 4, 128);  /* blocks */
    put32(sb + 12, 102); /* free blocks */
    put32(sb + 16, 17);  /* free inodes */
    put32(sb + 20, 1);   /* the first data block */
    put32(sb + 32, 8192);
    put32(sb + 36, 8192);
    put32(sb + 40, 32); /* inodes per group */
    put16(sb + 54, 0xFFFF);
    put16(sb + 56, 0xEF53);
    put16(sb + 58, 1);  /* clean */
    put16(sb + 60, 1);  /* errors: continue */
    put32(sb + 76, 1);  /* dynamic revision */
    put32(sb + 84, 11); /* the first ordinary inode */
    put16(sb + 88, 128);
    put32(sb + 96, 2); /* filetype */
    uint32_t gd = 2 * 1024;
    put32(gd + 0, 3); /* block bitmap */
    put32(gd + 4, 4); /* inode bitmap */
    put32(gd + 8, 5); /* inode table */
    put16(gd + 12, 102);
    put16(gd + 14, 17);
    put16(gd + 16, 2);                                            /* folders */
    img[3 * 1024] = img[3 * 1024 + 1] = img[3 * 1024 + 2] = 0xFF; /* blocks 1-25 used */
    img[3 * 1024 + 3] = 0x01;
    img[4 * 1024] = 0xFF; /* inodes 1-15 used, and none past 32 */
    img[4 * 1024 + 1] = 0x7F;
    memset(img + 4 * 1024 + 4, 0xFF, 1020);

    uint32_t root[] = {9}, sub[] = {11}, hello[] = {10};
    inode(2, 040755, 0, 0, 1024, 3, root, 1, 2);
    inode(11, 0100640, 1000, 100, 16, 2, hello, 1, 2);
    memcpy(img + 10 * 1024, "hello from ext2\n", 16);
    inode(12, 040700, 0, 0, 1024, 2, sub, 1, 2);
    uint32_t link[] = {0x6c6c6568, 0x6f}; /* "hello": a fast symlink's target in the block list */
    inode(13, 0120777, 0, 0, 5, 1, link, 2, 0);
    uint32_t null[] = {0x0103};
    inode(14, 020666, 0, 0, 0, 1, null, 1, 0);
    uint32_t big[13];
    for (int i = 0; i < 12; i++) {
        big[i] = 12 + i;
        memset(img + (12 + i) * 1024, 'a' + i, 1024);
    }
    big[12] = 24; /* the indirect block: idx 12 at block 25, idx 13 a hole */
    put32(24 * 1024, 25);
    memset(img + 25 * 1024, 'M', 1024);
    inode(15, 0100644, 0, 0, 14 * 1024 - 10, 1, big, 13, 28);

    const char *rn[] = {".", "..", "hello", "hard", "link", "null", "sub"};
    uint32_t ri[] = {2, 2, 11, 11, 13, 14, 12};
    uint8_t rt[] = {2, 2, 1, 1, 7, 3, 2};
    dir_block(9, ri, rt, rn, 7);
    const char *sn[] = {".", "..", "big"};
    uint32_t si[] = {12, 2, 15};
    uint8_t st[] = {2, 2, 1};
    dir_block(11, si, st, sn, 3);
}
