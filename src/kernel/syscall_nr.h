/* How many slots the system-call table has (entry.S checks numbers against it). */
#pragma once

#define NR_SYSCALLS 440 /* up to faccessat2 (439) */
