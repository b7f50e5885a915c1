/* Proves exit() in musl runs atexit handlers and flushes stdio before exit_group, so the
 * status and the buffered output both arrive, as on Linux. */
#include <stdio.h>
#include <stdlib.h>

static void last_words(void)
{
    printf("atexit handler ran\n");
}

int main(void)
{
    atexit(last_words);
    printf("unterminated line flushed at exit");
    exit(42);
}
