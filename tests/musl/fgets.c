/* Proves musl's stdin reads lines from moat's console: fgets and getchar see the bytes fed
 * to the serial port, in order, and EOF is not required to end a line. */
#include <stdio.h>
#include <string.h>

int main(void)
{
    char line[128];
    for (int i = 0; i < 2; i++) {
        if (!fgets(line, sizeof line, stdin)) {
            printf("fgets failed\n");
            return 1;
        }
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = 0;
        printf("line %d: \"%s\" (%zu chars)\n", i + 1, line, strlen(line));
    }
    int c = getchar();
    printf("then getchar: '%c'\n", c);
    return 0;
}
