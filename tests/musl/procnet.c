/* Proves /proc/net as Linux's: a link to self/net, the titles of its files (arp, dev, raw,
 * route, tcp, udp, unix), and the program's own sockets in tcp, udp and unix as their state
 * changes: a TCP listener with a connection waiting, accepted, carrying bytes and shut one way
 * (FIN_WAIT2 and CLOSE_WAIT), a bound UDP socket with a datagram queued and a connected one,
 * and AF_UNIX sockets unnamed, named by a path or in the abstract namespace, listening,
 * connected, waiting for accept, and a pair. Each line is found by its addresses or its inode,
 * which print as the socket's name; what depends on the machine (an ephemeral port, the uid,
 * a datagram's memory, the kernel's pointers and timers) prints as what it is compared with.
 * Also on Linux, among the host's own sockets. */
#define _GNU_SOURCE
#include "report.h"
#include <arpa/inet.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define PORT 47001 /* the listener's; the UDP socket's is the next */
#define MAXSOCKS 16

static struct {
    const char *name;
    unsigned long ino;
    unsigned port; /* its own port (AF_INET), or 0 */
} socks[MAXSOCKS];
static int nsocks;

static void known(const char *name, int fd)
{
    struct stat st;
    struct sockaddr_in a;
    socklen_t len = sizeof(a);
    if (fstat(fd, &st))
        printf("fstat(%s): %s\n", name, errname(errno));
    socks[nsocks].name = name;
    socks[nsocks].ino = st.st_ino;
    if (!getsockname(fd, (struct sockaddr *)&a, &len) && a.sin_family == AF_INET)
        socks[nsocks].port = ntohs(a.sin_port);
    nsocks++;
}

static const char *ino_name(unsigned long ino)
{
    static char buf[24];
    for (int i = 0; i < nsocks; i++)
        if (ino && socks[i].ino == ino)
            return socks[i].name;
    snprintf(buf, sizeof(buf), "%lu", ino);
    return buf;
}

/* A port, as the name of the socket that holds it where it is an ephemeral one. */
static const char *port_name(unsigned port)
{
    static char buf[2][24];
    static int k;
    k ^= 1;
    for (int i = 0; i < nsocks; i++)
        if (socks[i].port == port && port != PORT && port != PORT + 1) {
            snprintf(buf[k], sizeof(buf[k]), "<%s's>", socks[i].name);
            return buf[k];
        }
    snprintf(buf[k], sizeof(buf[k]), "%04X", port);
    return buf[k];
}

static char text[65536];

static const char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(text, 1, sizeof(text) - 1, f) : 0;
    if (!f)
        printf("%s: %s\n", path, errname(errno));
    else
        fclose(f);
    text[n] = 0;
    return text;
}

/* The first n lines of a file, as they are (a title's trailing blanks shown by a bar). */
static void title(const char *path, int n)
{
    const char *p = slurp(path);
    printf("%s:\n", path);
    for (int i = 0; i < n && *p; i++) {
        const char *e = strchr(p, '\n');
        int len = e ? (int)(e - p) : (int)strlen(p);
        printf("  %.*s|\n", len, p);
        p += len + (e != NULL);
    }
}

/* The line of tcp or udp whose ports are these, its fields shown up to the inode (udp: and its
 * drops). */
static void inet_line(const char *what, const char *file, unsigned lport, unsigned rport)
{
    char *save, *line = strtok_r((char *)slurp(file), "\n", &save);
    int found = 0;
    for (line = strtok_r(NULL, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        unsigned sl, la, lp, ra, rp, st, tx, rx, tr, rt, uid, to;
        unsigned long when, ino, ref, drops = 0;
        char ptr[32];
        if (sscanf(line, "%u: %x:%x %x:%x %x %x:%x %x:%lx %x %u %u %lu %lu %31s %lu", &sl, &la, &lp,
                   &ra, &rp, &st, &tx, &rx, &tr, &when, &rt, &uid, &to, &ino, &ref, ptr,
                   &drops) < 14 ||
            lp != lport || rp != rport)
            continue;
        found = 1;
        printf("%s: %08X:%s %08X:%s %02X %08X:%s %02X:%08lX %08X uid%s %u %s", what, la,
               port_name(lp), ra, port_name(rp), st, tx,
               strstr(file, "udp") && rx ? "(its datagram's memory)"
                                         : (sprintf(ptr, "%08X", rx), ptr),
               tr, when, rt, uid == geteuid() ? "" : "(not mine)", to, ino_name(ino));
        printf(strstr(file, "udp") ? " drops %lu\n" : "\n", drops);
    }
    if (!found)
        printf("%s: no line\n", what);
}

/* The line of unix whose inode is the socket's (or, for 0, whose path is path), from its
 * RefCount on. */
static void unix_line(const char *what, unsigned long ino, const char *path)
{
    char *save, *line = strtok_r((char *)slurp("/proc/net/unix"), "\n", &save);
    int found = 0;
    for (line = strtok_r(NULL, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        unsigned ref, proto, flags, type, st;
        unsigned long lino;
        char name[128] = "", *p = strchr(line, ':');
        if (!p ||
            sscanf(p + 1, "%x %x %x %x %x %lu %127s", &ref, &proto, &flags, &type, &st, &lino,
                   name) < 6 ||
            lino != ino || (!ino && strcmp(name, path)))
            continue;
        found = 1;
        printf("%s: %08X %08X %08X %04X %02X %s%s%s\n", what, ref, proto, flags, type, st,
               ino_name(lino), name[0] ? " " : "", name);
    }
    if (!found)
        printf("%s: no line\n", what);
}

static void unix_of(const char *what, int fd, const char *path)
{
    struct stat st;
    fstat(fd, &st);
    unix_line(what, st.st_ino, path);
}

static int tcp_fd(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    return fd;
}

int main(void)
{
    char link[32] = "";
    printf("readlink(/proc/net) = %zd %s\n", readlink("/proc/net", link, sizeof(link) - 1), link);
    title("/proc/net/arp", 1);
    title("/proc/net/dev", 2);
    title("/proc/net/raw", 1);
    title("/proc/net/route", 1);
    title("/proc/net/tcp", 1);
    title("/proc/net/udp", 1);
    title("/proc/net/unix", 1);
    title("/proc/self/net/tcp", 1);

    struct sockaddr_in at = {
        .sin_family = AF_INET, .sin_port = htons(PORT), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    int l = tcp_fd();
    T(bind(l, (struct sockaddr *)&at, sizeof(at)));
    known("tcp_bound", l);
    inet_line("bound, no listen", "/proc/net/tcp", PORT, 0);
    T(listen(l, 4));
    socks[nsocks - 1].name = "listener";
    inet_line("listener", "/proc/net/tcp", PORT, 0);
    int c = tcp_fd();
    T(connect(c, (struct sockaddr *)&at, sizeof(at)));
    known("client", c);
    unsigned eph = socks[nsocks - 1].port;
    inet_line("listener, a connection waiting", "/proc/net/tcp", PORT, 0);
    inet_line("waiting for accept", "/proc/net/tcp", PORT, eph);
    inet_line("client", "/proc/net/tcp", eph, PORT);
    int s = accept(l, NULL, NULL);
    known("server", s);
    inet_line("listener, none waiting", "/proc/net/tcp", PORT, 0);
    inet_line("server", "/proc/net/tcp", PORT, eph);
    char buf[8];
    T(write(c, "hello", 5));
    usleep(20000);
    inet_line("server, 5 bytes unread", "/proc/net/tcp", PORT, eph);
    T(read(s, buf, sizeof(buf)));
    T(shutdown(c, SHUT_WR));
    T(read(s, buf, sizeof(buf))); /* the end: Linux counts the FIN until it is read */
    usleep(250000);               /* past Linux's longest delayed ACK (of the FIN) */
    inet_line("server after the client's FIN", "/proc/net/tcp", PORT, eph);
    inet_line("client after its FIN", "/proc/net/tcp", eph, PORT);

    int u = socket(AF_INET, SOCK_DGRAM, 0);
    inet_line("udp unbound", "/proc/net/udp", 0, 0);
    struct sockaddr_in ut = {.sin_family = AF_INET, .sin_port = htons(PORT + 1)};
    T(bind(u, (struct sockaddr *)&ut, sizeof(ut)));
    known("udp", u);
    inet_line("udp bound", "/proc/net/udp", PORT + 1, 0);
    int v = socket(AF_INET, SOCK_DGRAM, 0);
    ut.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    T(connect(v, (struct sockaddr *)&ut, sizeof(ut)));
    known("udp_sender", v);
    T(send(v, "abc", 3, 0));
    inet_line("udp, a datagram queued", "/proc/net/udp", PORT + 1, 0);
    inet_line("udp connected", "/proc/net/udp", socks[nsocks - 1].port, PORT + 1);

    /* More listeners than moat's 8 KiB of text holds: every line of tcp still whole. */
    int many[64], whole = 1;
    for (int i = 0; i < 64; i++)
        if ((many[i] = socket(AF_INET, SOCK_STREAM, 0)) < 0 || listen(many[i], 1))
            printf("listener %d: %s\n", i, errname(errno));
    const char *t = slurp("/proc/net/tcp");
    for (const char *e; *t; t = e + 1)
        if (!(e = strchr(t, '\n')) || e - t != 149)
            whole = 0, e = t + strlen(t) - 1;
    printf("64 more listeners: every line of tcp whole, in 149 columns: %s\n",
           whole ? "yes" : "no");
    for (int i = 0; i < 64; i++)
        close(many[i]);

    const char *path = "procnet.sock"; /* in the working directory */
    unlink(path);
    int x = socket(AF_UNIX, SOCK_STREAM, 0);
    known("unix_stream", x);
    unix_of("unnamed stream", x, "");
    int y = socket(AF_UNIX, SOCK_DGRAM, 0);
    known("unix_dgram", y);
    unix_of("unnamed datagram", y, "");
    struct sockaddr_un un = {.sun_family = AF_UNIX};
    strcpy(un.sun_path, path);
    T(bind(x, (struct sockaddr *)&un, sizeof(un)));
    T(listen(x, 4));
    unix_of("listening", x, "");
    int z = socket(AF_UNIX, SOCK_STREAM, 0);
    known("unix_client", z);
    T(connect(z, (struct sockaddr *)&un, sizeof(un)));
    unix_of("connected client", z, "");
    unix_line("waiting for accept", 0, path);
    int w = accept(x, NULL, NULL);
    known("unix_server", w);
    unix_of("accepted", w, "");
    unix_of("listening, none waiting", x, "");
    int sv[2];
    T(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
    known("pair0", sv[0]);
    unix_of("a pair's end", sv[0], "");
    struct sockaddr_un ab = {.sun_family = AF_UNIX, .sun_path = "\0pro\0net"};
    int q = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    known("unix_seqpacket", q);
    T(bind(q, (struct sockaddr *)&ab, offsetof(struct sockaddr_un, sun_path) + 8));
    unix_of("abstract, a NUL inside", q, "");
    T(close(z));
    unix_of("accepted, its peer closed", w, "");
    unlink(path);
    return 0;
}
