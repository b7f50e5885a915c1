/* Prints the environment the app was started with, one KEY=VALUE a line, then what getenv()
 * finds for GREETING: moat builds envp from the kernel command line's KEY=VALUE words that
 * are not kernel options, as Linux hands them to init. */
#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int main(void)
{
    int n = 0;
    for (char **e = environ; *e; e++, n++)
        printf("env[%d]=%s\n", n, *e);
    const char *g = getenv("GREETING");
    printf("%d variables; GREETING %s%s\n", n, g ? "is " : "is unset", g ? g : "");
    return 0;
}
