/* stdio_impl.h (internal): what a FILE holds, and the helpers the stdio files share. */
#pragma once

#include <stddef.h>
#include <stdio.h>

#define F_EOF 1u /* read() returned 0; sticky until clearerr(), as in musl */
#define F_ERR 2u /* a read() or write() failed */

struct moat_file {
    int fd;
    unsigned flags;     /* F_EOF, F_ERR */
    int line_buffered;  /* 1 yes, 0 no, -1 not known yet (ask the fd at the first write) */
    unsigned char *buf; /* the write buffer, or the read buffer for an input stream */
    size_t size;        /* 0: unbuffered */
    size_t wlen;        /* bytes in buf waiting to be written */
    size_t rpos, rlen;  /* read buffer: next byte, bytes held */
    int unget;          /* ungetc's byte + 1, or 0 when none (so 0 is the initial state) */
};

/* Writes all n bytes to f's fd; -1 (and F_ERR) on an error. */
int __stdio_write(FILE *f, const void *p, size_t n);
/* Writes out f's buffered bytes; 0, or EOF on an error. */
int __stdio_flush(FILE *f);
/* fwrite's core: buffers or writes n bytes, flushing through the last '\n' when line
 * buffered; returns how many bytes were taken. */
size_t __fwritex(const unsigned char *s, size_t n, FILE *f);
