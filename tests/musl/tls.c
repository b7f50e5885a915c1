/* Proves musl's thread pointer works on moat: __thread variables (reached through %gs and
 * the set_thread_area descriptor) keep their initial values and take writes. */
#include <stdio.h>

static __thread int counter = 41;
static __thread char tag[8] = "tls";
static __thread long zeroed;

int main(void)
{
    counter++;
    tag[3] = '!';
    printf("counter=%d tag=%s zeroed=%ld\n", counter, tag, zeroed);
    int *p = &counter;
    *p += 100;
    printf("through a pointer: %d\n", counter);
    return 0;
}
