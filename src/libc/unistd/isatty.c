/* isatty.c: is fd a terminal? Asked with TCGETS, which only a tty answers. */
#include "syscall.h"
#include <sys/ioctl.h>
#include <unistd.h>

int isatty(int fd)
{
    /* Linux's struct termios is 36 bytes on x86 (i386 and x86_64); leave room to spare. */
    unsigned char termios[64];

    return __syscall_ret((unsigned long)__syscall(SYS_ioctl, fd, TCGETS, termios)) == 0;
}
