/* The i386 ABI's conversions (src/abi/i386/uapi_*.c) as the x86_64 kernel links them for int $0x80
   (ia32_uapi.c): each abi_* under the name ia32_*, beside x86_64's own. */
#pragma once

#define IA32_COMPAT 1 /* the i386 sources see they build int $0x80's conversions */

#define abi_dirent64_to_user ia32_dirent64_to_user
#define abi_iovec_from_user ia32_iovec_from_user
#define abi_itimerval_from_user ia32_itimerval_from_user
#define abi_itimerval_to_user ia32_itimerval_to_user
#define abi_long_to_user ia32_long_to_user
#define abi_pollfd_from_user ia32_pollfd_from_user
#define abi_pollfd_revents_to_user ia32_pollfd_revents_to_user
#define abi_rlimit64_from_user ia32_rlimit64_from_user
#define abi_rlimit64_to_user ia32_rlimit64_to_user
#define abi_rlimit_from_user ia32_rlimit_from_user
#define abi_rlimit_to_user ia32_rlimit_to_user
#define abi_rusage_to_user ia32_rusage_to_user
#define abi_sel_args_from_user ia32_sel_args_from_user
#define abi_sigaction_from_user ia32_sigaction_from_user
#define abi_sigaction_to_user ia32_sigaction_to_user
#define abi_sigaltstack_from_user ia32_sigaltstack_from_user
#define abi_sigaltstack_to_user ia32_sigaltstack_to_user
#define abi_siginfo_check_tail ia32_siginfo_check_tail
#define abi_siginfo_from_user ia32_siginfo_from_user
#define abi_siginfo_to_user ia32_siginfo_to_user
#define abi_sigset_argpack_from_user ia32_sigset_argpack_from_user
#define abi_stat64_to_user ia32_stat64_to_user
#define abi_statfs64_to_user ia32_statfs64_to_user
#define abi_statx_to_user ia32_statx_to_user
#define abi_sysinfo_to_user ia32_sysinfo_to_user
#define abi_termios_to_user ia32_termios_to_user
#define abi_termios_from_user ia32_termios_from_user
#define abi_timespec_from_user ia32_timespec_from_user
#define abi_timespec_to_user ia32_timespec_to_user
#define abi_timeval_from_user ia32_timeval_from_user
#define abi_timeval_to_user ia32_timeval_to_user
#define abi_timezone_to_user ia32_timezone_to_user
#define abi_tms_to_user ia32_tms_to_user
#define abi_utsname_to_user ia32_utsname_to_user
#define abi_winsize_to_user ia32_winsize_to_user
#define abi_robust_list_head_size ia32_robust_list_head_size
