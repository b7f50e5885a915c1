/* Which handlers the syscall entry calls from the table itself (abi/x86_64/syscall_table.S),
   each keeping every register but rax (SYSCALL_KEEPS_REGISTERS, mode/frame.h): entry.S's own
   slots, the not-implemented one, and those of the calls where every instruction counts (the
   bench's getppid, write, and getpid, which its raise makes; read and rt_sigprocmask, which
   every app makes). Every other handler is an ordinary C function: its slot in the table is
   syscall_cold (entry.S), which keeps the registers the C ABI lets a function clobber, once
   for all of them, and finds the handler through two more tables (some 20 instructions more
   for such a call). Each of some two hundred handlers keeping them itself, saving them on
   entry and restoring them at each of its exits, took 5 KiB; the two tables take 1.2 KiB, and
   syscall_cold fits in the entry's page (3.8 KiB off moat64.elf). Assembly reads this too. */
#pragma once

#define SYSCALL_DIRECT_syscall_full_rt_sigreturn ~, 1 /* they drop the return to the entry */
#define SYSCALL_DIRECT_syscall_full_kill ~, 1
#define SYSCALL_DIRECT_syscall_full_tkill ~, 1
#define SYSCALL_DIRECT_syscall_full_tgkill ~, 1
#define SYSCALL_DIRECT_sys_ni_syscall ~, 1
#define SYSCALL_DIRECT_sys_read ~, 1
#define SYSCALL_DIRECT_sys_rt_sigprocmask ~, 1
#define SYSCALL_DIRECT_sys_write ~, 1
#define SYSCALL_DIRECT_sys_getpid ~, 1
#define SYSCALL_DIRECT_sys_getppid ~, 1

/* SYSCALL_DIRECT(entry): 1 for an entry point listed above, else 0. */
#define SYSCALL_DIRECT_PICK(probe, direct, ...) direct
#define SYSCALL_DIRECT_PROBE(...) SYSCALL_DIRECT_PICK(__VA_ARGS__, 0, 0)
#define SYSCALL_DIRECT(entry) SYSCALL_DIRECT_PROBE(SYSCALL_DIRECT_##entry)
