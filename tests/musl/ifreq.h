/* The interface ioctls' struct ifreq, as the tests of lo fill and read it. */
#pragma once
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>

static struct ifreq q;

/* q naming name, with the int v at its union (an mtu, a txqueuelen, a metric, flags). */
static struct ifreq *num(const char *name, int v)
{
    memset(&q, 0, sizeof(q));
    strcpy(q.ifr_name, name);
    q.ifr_mtu = v;
    return &q;
}

/* lo's flags, mtu and txqueuelen, as the gets on fd tell them. */
static void lo_gets(int fd, int *flags, int *mtu, int *qlen)
{
    ioctl(fd, SIOCGIFFLAGS, num("lo", 0));
    *flags = (unsigned short)q.ifr_flags;
    ioctl(fd, SIOCGIFMTU, num("lo", 0));
    *mtu = q.ifr_mtu;
    ioctl(fd, SIOCGIFTXQLEN, num("lo", 0));
    *qlen = q.ifr_qlen;
}
