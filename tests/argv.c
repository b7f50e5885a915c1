/* Proves the module's command line reaches main() as argc/argv, Linux style: argv[0] is the
 * ELF's file name, argv[argc] is NULL, and the strings are intact. */
#include "raw.h"

static const char *base_name(const char *path)
{
    const char *b = path;
    for (const char *p = path; *p; p++)
        if (*p == '/')
            b = p + 1;
    return b;
}

int main(int argc, char **argv)
{
    put("argc=");
    put_dec(argc);
    put("\nargv[0]=");
    put(base_name(argv[0]));
    put("\n");
    for (int i = 1; i < argc; i++) {
        put("argv[");
        put_dec(i);
        put("]=");
        put(argv[i]);
        put("\n");
    }
    fact("argv[argc] is NULL", argv[argc] == 0);
    return 0;
}
