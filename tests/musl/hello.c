/* Proves an unmodified static musl program starts on moat (set_thread_area, set_tid_address,
 * auxv, ioctl for line buffering) and its printf and argv work as on Linux. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    const char *name = strrchr(argv[0], '/');
    printf("hello from musl, argc=%d, argv[0]=%s\n", argc, name ? name + 1 : argv[0]);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=\"%s\" (%zu chars)\n", i, argv[i], strlen(argv[i]));
    printf("%5d|%-5d|%05.1f|%x|%o|%c|%s|%%\n", 42, -7, 3.14159, 0xbeef, 8, 'z', "str");
    return 0;
}
