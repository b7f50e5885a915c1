/* unistd.h: POSIX fd I/O, process identity, the break, sleeping and alarm(). */
#pragma once

#include <sys/types.h>

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

extern char **environ;

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int close(int fd);
off_t lseek(int fd, off_t off, int whence);
_Noreturn void _exit(int status);

int brk(void *addr);
void *sbrk(intptr_t increment);

pid_t getpid(void);
pid_t gettid(void);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);

int isatty(int fd);
unsigned sleep(unsigned seconds);
unsigned alarm(unsigned seconds);
int pause(void);
int usleep(useconds_t usec);

long syscall(long nr, ...);
