/* Proves ioctl (54) presents fds 0-2 as a terminal: TCGETS and TIOCGWINSZ succeed there,
 * any other request gives -ENOTTY, a bad fd -EBADF, and a bad result pointer -EFAULT. */
#include "raw.h"

enum { TCGETS = 0x5401, TIOCGWINSZ = 0x5413, TCSETS = 0x5402 };

static uint8_t termios[64];
static uint16_t winsize[4];

int main(void)
{
    show("ioctl(0, TCGETS)", sys3(__NR_ioctl, 0, TCGETS, termios));
    show("ioctl(1, TCGETS)", sys3(__NR_ioctl, 1, TCGETS, termios));
    show("ioctl(2, TCGETS)", sys3(__NR_ioctl, 2, TCGETS, termios));
    show("ioctl(0, TIOCGWINSZ)", sys3(__NR_ioctl, 0, TIOCGWINSZ, winsize));
    show("ioctl(1, TIOCGWINSZ)", sys3(__NR_ioctl, 1, TIOCGWINSZ, winsize));
    show("ioctl(2, TIOCGWINSZ)", sys3(__NR_ioctl, 2, TIOCGWINSZ, winsize));
    show("ioctl(1, 0x1234)", sys3(__NR_ioctl, 1, 0x1234, termios));
    show("ioctl(1, 0)", sys3(__NR_ioctl, 1, 0, termios));
    show("ioctl(3, TCGETS)", sys3(__NR_ioctl, 3, TCGETS, termios));
    show("ioctl(-1, TIOCGWINSZ)", sys3(__NR_ioctl, -1, TIOCGWINSZ, winsize));
    show("ioctl(1, TCGETS, NULL)", sys3(__NR_ioctl, 1, TCGETS, 0));
    show("ioctl(1, TIOCGWINSZ, 0xc0000000)", sys3(__NR_ioctl, 1, TIOCGWINSZ, KERNEL_LO));
    show("ioctl(1, TCGETS, 0xffffffe0) (wraps)", sys3(__NR_ioctl, 1, TCGETS, 0xffffffe0u));
    return 0;
}
