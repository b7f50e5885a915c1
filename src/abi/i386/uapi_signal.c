/* The signal calls' structures, between the kernel's forms and Linux i386's: struct sigaction,
   stack_t and siginfo_t. */
#include "abi/i386/uapi.h"
#include "kernel/abi.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"

int abi_sigaction_from_user(uaddr_t uact, struct sig_action *act)
{
    struct sigaction_32 a;
    if (copy_from_user(&a, uact, sizeof(a)))
        return -EFAULT;
    *act = (struct sig_action){.handler = a.handler,
                               .flags = a.flags,
                               .restorer = a.restorer,
                               .mask = a.mask[0] | (sigset_k)a.mask[1] << 32};
    return 0;
}

int abi_sigaction_to_user(uaddr_t uact, const struct sig_action *act)
{
    /* An address's low half, as Linux's ptr_to_compat: an int $0x80 call in a 64-bit app */
    struct sigaction_32 a = {.handler = (uint32_t)act->handler,
                             .flags = (uint32_t)act->flags,
                             .restorer = (uint32_t)act->restorer,
                             .mask = {(uint32_t)act->mask, (uint32_t)(act->mask >> 32)}};
    return copy_to_user(uact, &a, sizeof(a));
}

int abi_sigaltstack_from_user(uaddr_t uss, struct sig_altstack *ss)
{
    struct sigaltstack_32 s;
    if (copy_from_user(&s, uss, sizeof(s)))
        return -EFAULT;
    *ss = (struct sig_altstack){.sp = s.sp, .size = s.size, .flags = (word_t)s.flags};
    return 0;
}

int abi_sigaltstack_to_user(uaddr_t uss, const struct sig_altstack *ss)
{
    struct sigaltstack_32 s = {
        .sp = (uint32_t)ss->sp, .flags = (int32_t)ss->flags, .size = (uint32_t)ss->size};
    return copy_to_user(uss, &s, sizeof(s));
}

int abi_siginfo_to_user(uaddr_t uinfo, const struct sig_info *info)
{
    struct siginfo_32 si = {.signo = info->signo, .err = info->err, .code = info->code};
    for (int i = 0; i < 5; i++)
        si.words[i] = info->words[i];
    return copy_to_user(uinfo, &si, sizeof(si));
}

int abi_siginfo_from_user(uaddr_t uinfo, struct sig_info *info)
{
    struct siginfo_32 si;
    if (copy_from_user(&si, uinfo, offsetof(struct siginfo_32, zero)))
        return -EFAULT;
    info->signo = si.signo, info->err = si.err, info->code = si.code;
    for (int i = 0; i < 5; i++)
        info->words[i] = si.words[i];
    return 0;
}

int abi_siginfo_check_tail(uaddr_t uinfo)
{
    struct siginfo_32 si;
    if (copy_from_user(si.zero, uinfo + offsetof(struct siginfo_32, zero), sizeof(si.zero)))
        return -EFAULT;
    for (size_t i = 0; i < sizeof(si.zero) / sizeof(si.zero[0]); i++)
        if (si.zero[i])
            return -E2BIG;
    return 0;
}
