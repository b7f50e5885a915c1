/* Proves that a raw socket that socket() could not finish for want of memory leaves nothing
 * behind: with the frames all taken (a raw socket's queue with SO_RCVBUFFORCE), a socket's own
 * object free and the class of its node used up (raw binds take it), socket(AF_INET, SOCK_RAW)
 * fails after naming the socket; the sockets made once memory is back, one reusing that object,
 * then send. A name left in the raw list made the reused socket its own successor, and its
 * send walked the list forever. (x86_64's sizes: the socket 512 bytes, its node and an address
 * 256; on i386 the socket and the address share a class, and socket() fails before naming.) */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#define POOL 600
#define FILL 2000 /* 64 KiB packets: more than the machine's 64 MiB */

static unsigned char big[65515], back[70000];

int main(void)
{
    struct sockaddr_in lo = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    static int pool[POOL];
    for (int i = 0; i < POOL; i++)
        if ((pool[i] = socket(AF_INET, SOCK_RAW, 99)) < 0)
            return perror("socket"), 1;
    int victim = socket(AF_INET, SOCK_RAW, 99), filler = socket(AF_INET, SOCK_RAW, 98);
    int v = 0x7fffffff;
    if (victim < 0 || filler < 0 || setsockopt(filler, SOL_SOCKET, SO_RCVBUFFORCE, &v, sizeof(v)))
        return perror("filler"), 1;
    for (int i = 0; i < FILL; i++)
        sendto(filler, big, sizeof(big), 0, (struct sockaddr *)&lo, sizeof(lo));
    close(victim);
    for (int i = 0; i < POOL && !bind(pool[i], (struct sockaddr *)&lo, sizeof(lo)); i++)
        ;
    int s = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP); /* fails on x86_64: ENOMEM */
    while (recv(filler, back, sizeof(back), MSG_DONTWAIT) > 0)
        ;
    if (s >= 0)
        close(s);
    int a = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), b = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
    unsigned char icmp[8] = {13, 0, 0xf2, 0xff, 0, 0, 0, 0}; /* a timestamp request */
    printf("sends: %zd %zd\n", sendto(a, icmp, sizeof(icmp), 0, (struct sockaddr *)&lo, sizeof(lo)),
           sendto(b, icmp, sizeof(icmp), 0, (struct sockaddr *)&lo, sizeof(lo)));
    printf("received: %zd %zd\n", recv(a, back, sizeof(back), MSG_DONTWAIT),
           recv(b, back, sizeof(back), MSG_DONTWAIT));
    return 0;
}
