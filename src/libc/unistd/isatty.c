/* isatty.c: is fd a terminal? Asked with TCGETS, which only a tty answers. */
#include "syscall.h"
#include <sys/ioctl.h>
#include <unistd.h>

int isatty(int fd)
{
    /* Linux i386's struct termios is 36 bytes; leave room to spare. */
    unsigned char termios[64];

    return __syscall_ret((unsigned long)__syscall(SYS_ioctl, fd, TCGETS, termios)) == 0;
}
