/* How many slots the system-call table has (entry.S checks numbers against it). */
#pragma once

#define NR_SYSCALLS 404 /* up to clock_gettime64 (403) */
