/* Signals: Linux's numbers and codes, and what happens when the app faults. */
#pragma once

#include <mode/frame.h>
#include <stdint.h>

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define NSIG 64

/* si_code values */
#define SI_KERNEL 0x80
#define ILL_ILLOPN 2
#define FPE_INTDIV 1
#define FPE_FLTDIV 3
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define TRAP_BRKPT 1
#define TRAP_TRACE 2

const char *sig_name(int sig);
/* The app caused a synchronous fault. */
void sig_fault(struct trap_frame *f, int sig, int code, uint32_t addr);
