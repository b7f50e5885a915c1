/* Proves __kernel_vsyscall (AT_SYSINFO) and int $0x80 keep every register but eax, as Linux
 * does: ebx, ecx, edx, esi, edi, ebp and esp come back as they went in, whatever the call
 * (getppid here, with known values in the argument registers), and eax holds the result. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>

struct regs {
    uint32_t eax, ebx, ecx, edx, esi, edi, ebp, esp_moved;
};

/* void regs_call(uint32_t entry, struct regs *out): getppid through entry (0: int $0x80)
   with known values in every other register; what came back goes to *out. */
__asm__(".text\n.globl regs_call\nregs_call:\n"
        " push %ebp\n push %ebx\n push %esi\n push %edi\n"
        " mov 20(%esp), %eax\n push %eax\n" /* entry at 0(%esp) */
        " mov $0x11111111, %ebx\n mov $0x22222222, %ecx\n mov $0x33333333, %edx\n"
        " mov $0x44444444, %esi\n mov $0x55555555, %edi\n mov $0x66666666, %ebp\n"
        " mov %esp, esp_before\n"
        " mov $64, %eax\n" /* getppid */
        " cmpl $0, (%esp)\n je 1f\n call *(%esp)\n jmp 2f\n1: int $0x80\n2:\n"
        " cmp %esp, esp_before\n setne esp_moved\n"
        " push %eax\n mov 32(%esp), %eax\n" /* out */
        " mov %ebx, 4(%eax)\n mov %ecx, 8(%eax)\n mov %edx, 12(%eax)\n mov %esi, 16(%eax)\n"
        " mov %edi, 20(%eax)\n mov %ebp, 24(%eax)\n"
        " movzbl esp_moved, %ecx\n mov %ecx, 28(%eax)\n pop %ecx\n mov %ecx, (%eax)\n"
        " add $4, %esp\n pop %edi\n pop %esi\n pop %ebx\n pop %ebp\n ret\n");
void regs_call(uint32_t entry, struct regs *out);
uint32_t esp_before;
uint8_t esp_moved;

static int check(const char *how, uint32_t entry)
{
    struct regs r;
    regs_call(entry, &r);
    int ok = r.ebx == 0x11111111 && r.ecx == 0x22222222 && r.edx == 0x33333333 &&
             r.esi == 0x44444444 && r.edi == 0x55555555 && r.ebp == 0x66666666 && !r.esp_moved &&
             r.eax == (uint32_t)getppid();
    printf("%s: %s\n", how, ok ? "every register but eax kept, eax the result" : "CHANGED");
    if (!ok)
        printf("  eax=%x ebx=%x ecx=%x edx=%x esi=%x edi=%x ebp=%x esp %s\n", r.eax, r.ebx, r.ecx,
               r.edx, r.esi, r.edi, r.ebp, r.esp_moved ? "moved" : "same");
    return ok;
}

int main(void)
{
    uint32_t sysinfo = (uint32_t)getauxval(AT_SYSINFO);
    int ok = check("int $0x80", 0);
    if (sysinfo)
        ok &= check("__kernel_vsyscall", sysinfo);
    else
        printf("no AT_SYSINFO\n");
    return ok ? 0 : 1;
}
