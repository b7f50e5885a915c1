/* demo.h: the demo's chapters beyond main's, each returning its number of failed checks. */
#pragma once

/* demo_faults.c: privileged instructions, bad memory, ud2, #DE, int3 and a stack overflow,
   each caught as a signal on the alternate stack and survived. */
int demo_faults(void);
/* demo_timer.c: SIGALRM ticks from setitimer interrupting a pure compute loop. */
int demo_timer(void);
/* demo.c: print "ok:"/"FAIL:" and a description; returns 1 on failure. */
int demo_check(int ok, const char *what);
