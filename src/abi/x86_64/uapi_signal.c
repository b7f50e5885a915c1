/* The signal calls' structures, between the kernel's forms and Linux x86_64's: struct sigaction,
   stack_t and siginfo_t. */
#include "abi/x86_64/ia32.h"
#include "abi/x86_64/uapi.h"
#include "kernel/abi.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/uaccess.h"

/* The kernel's sig_info is siginfo_t's head on x86_64 too: signo, errno, code, then (aligned
   to 8 by its si_addr) the union's first bytes, which the conversions copy as bytes. */
#define INFO_UNION_BYTES sizeof(((struct sig_info *)0)->words)
_Static_assert(offsetof(struct sig_info, code) == offsetof(struct siginfo_64, code) &&
                   offsetof(struct sig_info, words) == offsetof(struct siginfo_64, bytes) &&
                   offsetof(struct sig_info, fault.addr) ==
                       offsetof(struct siginfo_64, fault.addr) &&
                   INFO_UNION_BYTES <= sizeof(((struct siginfo_64 *)0)->bytes),
               "sig_info is siginfo_t's head");

int abi_sigaction_from_user(uaddr_t uact, struct sig_action *act)
{
    IA32_CONVERT(sigaction_from_user, uact, act);
    struct sigaction_64 a;
    if (copy_from_user(&a, uact, sizeof(a)))
        return -EFAULT;
    *act = (struct sig_action){
        .handler = a.handler, .flags = a.flags, .restorer = a.restorer, .mask = a.mask};
    return 0;
}

int abi_sigaction_to_user(uaddr_t uact, const struct sig_action *act)
{
    IA32_CONVERT(sigaction_to_user, uact, act);
    struct sigaction_64 a = {
        .handler = act->handler, .flags = act->flags, .restorer = act->restorer, .mask = act->mask};
    return copy_to_user(uact, &a, sizeof(a));
}

int abi_sigaltstack_from_user(uaddr_t uss, struct sig_altstack *ss)
{
    IA32_CONVERT(sigaltstack_from_user, uss, ss);
    struct sigaltstack_64 s;
    if (copy_from_user(&s, uss, sizeof(s)))
        return -EFAULT;
    /* ss_flags is an int: Linux reads its 32 bits, and so does sigaltstack's check */
    *ss = (struct sig_altstack){.sp = s.sp, .size = s.size, .flags = (uint32_t)s.flags};
    return 0;
}

int abi_sigaltstack_to_user(uaddr_t uss, const struct sig_altstack *ss)
{
    IA32_CONVERT(sigaltstack_to_user, uss, ss);
    struct sigaltstack_64 s = {.sp = ss->sp, .flags = (int32_t)ss->flags, .size = ss->size};
    return copy_to_user(uss, &s, sizeof(s));
}

int abi_siginfo_to_user(uaddr_t uinfo, const struct sig_info *info)
{
    IA32_CONVERT(siginfo_to_user, uinfo, info);
    struct siginfo_64 si;
    memset(&si, 0, sizeof(si));
    si.signo = info->signo, si.err = info->err, si.code = info->code;
    memcpy(si.bytes, info->words, INFO_UNION_BYTES);
    return copy_to_user(uinfo, &si, sizeof(si));
}

/* What the kernel keeps is the union's first INFO_UNION_BYTES; Linux's kernel_siginfo keeps
   all 32 (si_utime and si_stime of _sigchld, si_pkey and the bounds of _sigfault reach
   past 20 bytes). */
int abi_siginfo_from_user(uaddr_t uinfo, uint32_t sig, struct sig_info *info)
{
    IA32_CONVERT(siginfo_from_user, uinfo, sig, info);
    struct siginfo_64 si;
    if (copy_from_user(&si, uinfo, offsetof(struct siginfo_64, zero)))
        return -EFAULT;
    info->signo = (int32_t)sig, info->err = si.err, info->code = si.code;
    memcpy(info->words, si.bytes, INFO_UNION_BYTES);
    return 0;
}

int abi_siginfo_check_tail(uaddr_t uinfo)
{
    IA32_CONVERT(siginfo_check_tail, uinfo);
    struct siginfo_64 si;
    if (copy_from_user(si.zero, uinfo + offsetof(struct siginfo_64, zero), sizeof(si.zero)))
        return -EFAULT;
    for (size_t i = 0; i < sizeof(si.zero); i++)
        if (si.zero[i])
            return -E2BIG;
    return 0;
}
