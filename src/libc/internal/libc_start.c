/* libc_start.c: the C half of _start: finds argv, envp and auxv, runs main, exits. */
#include "libc.h"
#include <stdlib.h>
#include <unistd.h>

char **environ;
size_t *__auxv;

int main(int argc, char **argv, char **envp);
_Noreturn void __libc_start(long *sp);

/* sp points at argc; argv[], NULL, envp[], NULL and the auxv pairs follow it. */
_Noreturn void __libc_start(long *sp)
{
    int argc = (int)sp[0];
    char **argv = (char **)(sp + 1);
    char **envp = argv + argc + 1;
    char **p = envp;

    while (*p)
        p++;
    environ = envp;
    __auxv = (size_t *)(p + 1);
    exit(main(argc, argv, envp));
}
