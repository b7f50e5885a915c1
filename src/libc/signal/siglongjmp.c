/* siglongjmp.c: longjmp that first restores the mask sigsetjmp saved (if it saved one). */
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>

/* Where arch/ARCH/sigsetjmp.S writes them: 24 and 28 on i386, 64 and 72 on x86_64. */
_Static_assert(offsetof(struct __jmp_buf_tag, __fl) == sizeof(__jmp_buf), "jmp_buf's __fl");
_Static_assert(offsetof(struct __jmp_buf_tag, __ss) == sizeof(__jmp_buf) + sizeof(long),
               "jmp_buf's __ss");

_Noreturn void siglongjmp(sigjmp_buf env, int val)
{
    if (env->__fl)
        sigprocmask(SIG_SETMASK, &env->__ss, 0);
    longjmp(env, val);
}
