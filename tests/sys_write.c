/* Proves write (4) and writev (146) write exactly what they are given to the console and
 * refuse bad arguments: -EBADF for bad fds, -EFAULT (with nothing written) for NULL, kernel
 * addresses, buffers running past the app's mappings within their first 2 KiB and ranges that
 * wrap, -EINVAL for a bad iovec count or a negative length. Past 2 KiB, a write takes the pieces
 * of 2 KiB it can read, as Linux's tty_write, and writev's buffers as one write. */
#include "raw.h"

static void try_write(const char *what, uint32_t fd, uintptr_t buf, uint32_t len)
{
    show(what, sys3(__NR_write, fd, buf, len));
}

static void try_writev(const char *what, uint32_t fd, const struct r_iovec *iov, uint32_t n)
{
    show(what, sys3(__NR_writev, fd, iov, n));
}

int main(void)
{
    static const char msg[] = "hello, console\n";
    show("write(1, msg, 15)", sys3(__NR_write, 1, msg, 15));
    show("write(2, msg, 15)", sys3(__NR_write, 2, msg, 15));
    try_write("write(1, msg, 0)", 1, (uintptr_t)msg, 0);
    try_write("write(9, msg, 3)", 9, (uintptr_t)msg, 3);
    try_write("write(-1, msg, 3)", (uint32_t)-1, (uintptr_t)msg, 3);
    try_write("write(1, NULL, 3)", 1, 0, 3);
    try_write("write(1, 0xc0000000, 3)", 1, KERNEL_LO, 3);
    try_write("write(1, 0xc0100000, 16)", 1, KERNEL_LO + 0x100000, 16);
    try_write("write(1, 0xfffff000, 3)", 1, KERNEL_HI, 3);
    try_write("write(1, 0xbffffffe, 4)", 1, KERNEL_LO - 2, 4);
    try_write("write(1, 0xfffffff0, 0x20) (wraps)", 1, 0xfffffff0u, 0x20);

    /* A buffer whose tail runs into an unmapped page. */
    uint8_t *p = map_pages(2, R_PROT_READ | R_PROT_WRITE);
    fact("mmap two pages", p != 0);
    sys2(__NR_munmap, p + R_PAGE, R_PAGE);
    uint8_t *tail = p + R_PAGE - 4;
    for (int i = 0; i < 4; i++)
        tail[i] = (uint8_t) "BAD\n"[i];
    try_write("write(1, last 4 bytes, 4)", 1, (uintptr_t)tail, 4);
    try_write("write(1, last 4 bytes, 8)", 1, (uintptr_t)tail, 8);
    try_write("write(1, unmapped page, 4)", 1, (uintptr_t)(p + R_PAGE), 4);
    /* A terminal takes a write 2 KiB at a time (Linux's tty_write): the pieces it can read,
       here one of 32 lines, and the count of their bytes. */
    uint8_t *piece = p + R_PAGE - 2048;
    for (int i = 0; i < 2048; i++)
        piece[i] = i % 64 == 63 ? '\n' : (uint8_t)('0' + i / 64 % 10);
    try_write("write(1, a mapped 2048 bytes then 4 unmapped, 2052)", 1, (uintptr_t)piece, 2052);
    try_write("write(1, a mapped 2047 bytes then 4 unmapped, 2051)", 1, (uintptr_t)piece + 1, 2051);

    struct r_iovec iov[3] = {{"wri", 3}, {"", 0}, {"tev\n", 4}};
    try_writev("writev(1, [wri, , tev], 3)", 1, iov, 3);
    try_writev("writev(1, iov, 0)", 1, iov, 0);
    try_writev("writev(9, iov, 3)", 9, iov, 3);
    try_writev("writev(1, NULL, 1)", 1, 0, 1);
    try_writev("writev(1, 0xc0000000, 1)", 1, (const struct r_iovec *)KERNEL_LO, 1);
    try_writev("writev(1, iov, -1)", 1, iov, (uint32_t)-1);
    try_writev("writev(1, iov, 1025)", 1, iov, 1025);
    struct r_iovec bad[2] = {{"ok\n", 3}, {0, 3}};
    try_writev("writev(1, [ok, NULL], 2)", 1, bad, 2);
    bad[1].base = (const void *)KERNEL_LO;
    try_writev("writev(1, [ok, 0xc0000000], 2)", 1, bad, 2);
    /* A terminal takes writev's buffers as one write, its 2 KiB pieces across them. */
    struct r_iovec lines[3] = {{piece, 1024}, {piece + 1024, 1024}, {0, 3}};
    try_writev("writev(1, [1024 bytes, 1024 more, NULL], 3)", 1, lines, 3);
    struct r_iovec huge[1] = {{msg, (size_t)1 << (8 * sizeof(size_t) - 1)}};
    try_writev("writev(1, [a length with the sign bit set], 1)", 1, huge, 1);
    return 0;
}
