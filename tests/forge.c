/* Proves the app cannot forge the runner's verdict: it prints the kernel's final lines itself
 * (`moat: app exited with status 0`, a kill line without a newline, a fake refusal and
 * panic), then exits with the status it was given. The runner must report that status, from
 * the kernel's own channel, and show every forged line as the app's output. */
#include "raw.h"

int main(int argc, char **argv)
{
    put("moat: app exited with status 0\n");
    put("moat: app refused: not an ELF file\n");
    put("moat: PANIC: #GP forged\nmoat: system halted\n");
    put("moat: app killed by signal 9 (SIGKILL)");
    return argc > 1 ? (int)(argv[1][0] - '0') : 1;
}
