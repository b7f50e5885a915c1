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

#ifdef IA32_COMPAT
/* For int $0x80 in a 64-bit app the kernel's sig_info has x86_64's union, and its fields
   move between the layouts one by one, as Linux's copy_siginfo_{from,to}_user32 move them by
   siginfo_layout() (sig_layout): each field's i386 word, its x86_64 word, and how a 32-bit value
   widens (a pointer is zero-extended, a long sign-extended; si_addr_lsb is a short). */
enum { END, WORD, PTR, LONG, SHORT }; /* END: a layout's list stops there */
/* 2 bytes, not 3: from (up to 4), to (up to 6) and how fit in 9 bits. */
struct field_move {
    uint16_t from : 3, to : 3, how : 3;
};
/* Each of sig_layout()'s layouts in its order, each ended by END: one list, not rows of the
   longest's 6 (82 bytes, not 132). A rare path (int $0x80's siginfo), so layout() walks it. */
static const struct field_move layouts[] = {
    {0, 0, WORD}, {1, 1, WORD},  {0},                             /* kill: pid, uid */
    {0, 0, WORD}, {1, 1, WORD},  {2, 2, WORD}, {0},               /* rt: si_int */
    {0, 0, WORD}, {1, 1, WORD},  {2, 2, WORD}, {0},               /* timer: si_int */
    {0, 0, LONG}, {1, 2, WORD},  {0},                             /* poll: band, fd */
    {0, 0, PTR},  {0},                                            /* fault: addr */
    {0, 0, PTR},  {1, 2, SHORT}, {0},                             /* mceerr: addr_lsb */
    {0, 0, PTR},  {2, 4, PTR},   {3, 6, PTR},  {0},               /* bnderr: bounds */
    {0, 0, PTR},  {2, 4, WORD},  {0},                             /* pkuerr: pkey */
    {0, 0, PTR},  {1, 2, PTR},   {2, 4, WORD}, {3, 5, WORD}, {0}, /* perf */
    {0, 0, WORD}, {1, 1, WORD},  {2, 2, WORD}, {3, 4, LONG}, {4, 6, LONG}, {0}, /* chld */
    {0, 0, PTR},  {1, 2, WORD},  {2, 3, WORD}, {0},                             /* sys */
};

static const struct field_move *layout(uint32_t sig, int32_t code)
{
    const struct field_move *m = layouts;
    for (int n = sig_layout(sig, code); n; m++)
        if (m->how == END)
            n--;
    return m;
}
#endif

int abi_siginfo_to_user(uaddr_t uinfo, const struct sig_info *info)
{
    struct siginfo_32 si = {.signo = info->signo, .err = info->err, .code = info->code};
#ifdef IA32_COMPAT /* a wide value's low half, as Linux's ptr_to_compat */
    for (const struct field_move *m = layout((uint32_t)info->signo, info->code); m->how; m++)
        si.words[m->from] = info->words[m->to] & (m->how == SHORT ? 0xFFFF : 0xFFFFFFFF);
#else
    for (int i = 0; i < 5; i++)
        si.words[i] = info->words[i];
#endif
    return copy_to_user(uinfo, &si, sizeof(si));
}

int abi_siginfo_from_user(uaddr_t uinfo, uint32_t sig, struct sig_info *info)
{
    struct siginfo_32 si;
    if (copy_from_user(&si, uinfo, offsetof(struct siginfo_32, zero)))
        return -EFAULT;
    sig_info_clear(info, (int32_t)sig, si.code);
    info->err = si.err;
#ifdef IA32_COMPAT
    for (const struct field_move *m = layout(sig, si.code); m->how; m++) {
        uint32_t v = si.words[m->from];
        info->words[m->to] = m->how == SHORT ? v & 0xFFFF : v;
        if (m->how == LONG || m->how == PTR)
            info->words[m->to + 1] = m->how == LONG && (int32_t)v < 0 ? 0xFFFFFFFF : 0;
    }
#else
    for (int i = 0; i < 5; i++)
        info->words[i] = si.words[i];
#endif
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
