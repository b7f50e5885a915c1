/* Proves personality(2) as Linux's: it returns the old persona and keeps the new one, unless
 * asked 0xffffffff (a query); PER_LINUX32 makes uname's machine i686 (an x86_64 kernel's
 * compat name; i386's own), and ADDR_NO_RANDOMIZE is kept for the programs run next. */
#define _GNU_SOURCE
#include "report.h"
#include <stdio.h>
#include <sys/personality.h>
#include <sys/utsname.h>

int main(void)
{
    struct utsname u;
    T(personality(0xffffffff));
    T(personality(PER_LINUX32));
    T(personality(0xffffffff));
    uname(&u);
    printf("machine under PER_LINUX32: %s\n", u.machine);
    T(personality(ADDR_NO_RANDOMIZE));
    T(personality(0xffffffff));
    T(personality(PER_LINUX));
    return 0;
}
