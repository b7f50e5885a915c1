/* Proves that AF_INET reaches only the loopback, as on a Linux whose one interface is lo: a
 * TCP connect or a UDP connect or send to any other address is ENETUNREACH (blocking or not),
 * the broadcast and multicast addresses too (lo has no such route, SO_BROADCAST or not), and a
 * socket bound to 0.0.0.0 keeps its name through the refusals. Moat-only: on a machine with a
 * network these addresses lead somewhere; Linux 6.1 in QEMU with only lo up gives this output. */
#define _GNU_SOURCE
#include "report.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static struct sockaddr_in in4(const char *ip, int port)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, ip, &a.sin_addr);
    return a;
}
#define SA(a) ((struct sockaddr *)&(a))

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sockaddr_in far = in4("10.1.2.3", 80), bcast = in4("255.255.255.255", 9),
                       mcast = in4("224.0.0.1", 9), me = in4("0.0.0.0", 0);
    int t = TF(socket(AF_INET, SOCK_STREAM, 0));
    T(connect(t, SA(far), sizeof(far)));
    T(close(t));
    t = TF(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
    T(connect(t, SA(far), sizeof(far)));
    T(connect(t, SA(bcast), sizeof(bcast)));
    T(close(t));
    int u = TF(socket(AF_INET, SOCK_DGRAM, 0));
    T(bind(u, SA(me), sizeof(me)));
    T(connect(u, SA(far), sizeof(far)));
    T(sendto(u, "x", 1, 0, SA(far), sizeof(far)));
    T(sendto(u, "x", 1, 0, SA(mcast), sizeof(mcast)));
    T(sendto(u, "x", 1, 0, SA(bcast), sizeof(bcast)));
    T(connect(u, SA(bcast), sizeof(bcast)));
    int on = 1;
    T(setsockopt(u, SOL_SOCKET, SO_BROADCAST, &on, sizeof(on)));
    T(sendto(u, "x", 1, 0, SA(bcast), sizeof(bcast)));
    struct sockaddr_in a;
    socklen_t len = sizeof(a);
    T(getsockname(u, SA(a), &len));
    char ip[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &a.sin_addr, ip, sizeof(ip));
    printf("still %s, a port %d\n", ip, a.sin_port != 0);
    T(getpeername(u, SA(a), &len));
    T(close(u));
    return 0;
}
