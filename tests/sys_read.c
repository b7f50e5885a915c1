/* Proves read (3) on fd 0 blocks until console input arrives and returns it intact, and
 * refuses bad arguments without consuming input: -EBADF for bad fds, -EFAULT for NULL,
 * kernel addresses, a wrapping range, a buffer running past the mappings and a read-only
 * page (the kernel must honour page protection when it writes for the app). */
#include "raw.h"

static char buf[64];

/* Read until n bytes or a newline have arrived; a console may hand them over piecemeal. */
static int32_t read_line(uint32_t n)
{
    uint32_t got = 0;
    while (got < n) {
        int32_t r = sys3(__NR_read, 0, buf + got, n - got);
        if (r <= 0)
            return r;
        got += (uint32_t)r;
        if (buf[got - 1] == '\n')
            break;
    }
    buf[got] = 0;
    return (int32_t)got;
}

int main(void)
{
    show("read(0, buf, 0)", sys3(__NR_read, 0, buf, 0));
    show("read(9, buf, 4)", sys3(__NR_read, 9, buf, 4));
    show("read(-1, buf, 4)", sys3(__NR_read, -1, buf, 4));
    show("read(0, 0xc0000000, 4)", sys3(__NR_read, 0, KERNEL_LO, 4));
    show("read(0, 0xfffff000, 4)", sys3(__NR_read, 0, KERNEL_HI, 4));
    show("read(0, 0xfffffff0, 0x20) (wraps)", sys3(__NR_read, 0, 0xfffffff0u, 0x20));

    show("first line length", read_line(6));
    put(buf);

    uint8_t *p = map_pages(2, R_PROT_READ | R_PROT_WRITE);
    sys2(__NR_munmap, p + R_PAGE, R_PAGE);
    uint8_t *ro = map_pages(1, R_PROT_READ);
    fact("mappings made", p && ro);
    show("read(0, NULL, 4)", sys3(__NR_read, 0, 0, 4));
    show("read(0, last 4 bytes, 8)", sys3(__NR_read, 0, p + R_PAGE - 4, 8));
    show("read(0, read-only page, 4)", sys3(__NR_read, 0, ro, 4));
    fact("read-only page untouched", ro[0] == 0 && ro[1] == 0);

    show("second line length", read_line(sizeof buf - 1));
    put(buf);
    return 0;
}
