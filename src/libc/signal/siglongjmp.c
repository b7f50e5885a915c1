/* siglongjmp.c: longjmp that first restores the mask sigsetjmp saved (if it saved one). */
#include <setjmp.h>
#include <signal.h>

_Noreturn void siglongjmp(sigjmp_buf env, int val)
{
    if (env->__fl)
        sigprocmask(SIG_SETMASK, &env->__ss, 0);
    longjmp(env, val);
}
