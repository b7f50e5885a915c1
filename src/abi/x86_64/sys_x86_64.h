/* The entry points of src/abi/x86_64/syscall.tbl that src/kernel/syscalls.h does not declare:
   the calls whose x86_64 form differs from the 32-bit ABI's (an offset in one register, a
   structure size implied), and arch_prctl, which only x86_64 has. Each takes its Linux
   arguments in order as register words and returns a value or -errno. */
#pragma once

#include <mode/types.h>

/* sys_x86_64.c: on top of the generic handlers */
sword_t sys_x86_64_mmap(uaddr_t addr, word_t len, word_t prot, word_t flags, word_t fd, word_t off);
sword_t sys_x86_64_pread64(word_t fd, uaddr_t buf, word_t count, word_t pos);
sword_t sys_x86_64_pwrite64(word_t fd, uaddr_t buf, word_t count, word_t pos);
sword_t sys_x86_64_truncate(uaddr_t path, word_t len);
sword_t sys_x86_64_ftruncate(word_t fd, word_t len);
sword_t sys_x86_64_fallocate(word_t fd, word_t mode, word_t off, word_t len);
sword_t sys_x86_64_statfs(uaddr_t path, uaddr_t buf);
sword_t sys_x86_64_fstatfs(word_t fd, uaddr_t buf);
/* The slots in entry.S of the calls that rewrite the whole frame or deliver a signal to it:
   they complete the frame, then call rt_sigreturn's, kill's, tkill's and tgkill's handlers,
   which, not being the table's entry points, need not keep the app's registers
   (mode/frame.h), and leave by iretq. */
sword_t syscall_full_rt_sigreturn(void);
sword_t syscall_full_kill(uint32_t pid, uint32_t sig);
sword_t syscall_full_tkill(uint32_t tid, uint32_t sig);
sword_t syscall_full_tgkill(uint32_t tgid, uint32_t tid, uint32_t sig);
/* arch_prctl.c */
sword_t sys_arch_prctl(word_t option, word_t arg2);
