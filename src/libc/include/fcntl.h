/* fcntl.h: open() and its flags (Linux's x86 values). */
#pragma once

#include <sys/types.h>

#define O_RDONLY 00
#define O_WRONLY 01
#define O_RDWR 02
#define O_ACCMODE 03
#define O_CREAT 0100
#define O_EXCL 0200
#define O_NOCTTY 0400
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_NONBLOCK 04000
/* A 32-bit app asks for large files; a 64-bit one has them (0, as in musl and glibc). */
#ifdef __x86_64__
#define O_LARGEFILE 0
#else
#define O_LARGEFILE 0100000
#endif
#define O_DIRECTORY 0200000
#define O_CLOEXEC 02000000

int open(const char *path, int flags, ...);
