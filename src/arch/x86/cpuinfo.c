/* /proc/cpuinfo's text for the one CPU, in Linux's layout (arch/x86/kernel/cpu/proc.c), from
   CPUID: its names, and the flags Linux names for the feature bits of leaves 1, 7 and
   0x80000001. */
#include "arch/x86/cpu.h"
#include "kernel/proc.h"
#include "kernel/string.h"

/* Each register's flag names in bit order, '|' after each (an empty name: a bit Linux does
   not show): one string per register rather than 32 pointers. */
static const char leaf1_edx[] = "fpu|vme|de|pse|tsc|msr|pae|mce|cx8|apic||sep|mtrr|pge|mca|cmov|"
                                "pat|pse36|pn|clflush||dts|acpi|mmx|fxsr|sse|sse2|ss|ht|tm|ia64|"
                                "pbe|";
static const char ext_edx[] = "|||||||||||syscall||||||||mp|nx||mmxext|||fxsr_opt|pdpe1gb|"
                              "rdtscp||lm|3dnowext|3dnow|";
static const char leaf1_ecx[] = "pni|pclmulqdq|dtes64|monitor|ds_cpl|vmx|smx|est|tm2|ssse3|cid|"
                                "sdbg|fma|cx16|xtpr|pdcm||pcid|dca|sse4_1|sse4_2|x2apic|movbe|"
                                "popcnt|tsc_deadline_timer|aes|xsave||avx|f16c|rdrand|hypervisor|";
static const char ext_ecx[] = "lahf_lm|cmp_legacy|svm|extapic|cr8_legacy|abm|sse4a|misalignsse|"
                              "3dnowprefetch|osvw|ibs|xop|skinit|wdt||lwp|fma4|tce||nodeid_msr|"
                              "|tbm|topoext|";
static const char leaf7_ebx[] = "fsgsbase|tsc_adjust||bmi1|hle|avx2||smep|bmi2|erms|invpcid|rtm|"
                                "||mpx||avx512f|avx512dq|rdseed|adx|smap|avx512ifma||clflushopt|"
                                "clwb||||avx512cd|sha_ni|avx512bw|avx512vl|";
static const char leaf7_ecx[] = "|avx512vbmi|umip|pku|ospke||avx512_vbmi2||gfni|vaes|vpclmulqdq|"
                                "avx512_vnni|avx512_bitalg||avx512_vpopcntdq||la57||||||rdpid|";

static void add_flags(uint32_t bits, const char *names)
{
    for (int bit = 0; *names; bit++) {
        const char *end = names;
        while (*end != '|')
            end++;
        if ((bits & (1u << bit)) && end > names && end - names < 23) {
            char name[24];
            uint32_t n = (uint32_t)(end - names);
            memcpy(name, names, n);
            name[n] = 0;
            proc_put(" %s", name);
        }
        names = end + 1;
    }
}

void cpu_info_text(void)
{
    uint32_t r[4], vendor[4] = {0}, brand[13] = {0}, l1[4], l7[4] = {0}, ext[4] = {0};
    cpuid(0, 0, r);
    uint32_t max_leaf = r[0];
    vendor[0] = r[1], vendor[1] = r[3], vendor[2] = r[2];
    cpuid(1, 0, l1);
    if (max_leaf >= 7)
        cpuid(7, 0, l7);
    cpuid(0x80000000, 0, r);
    uint32_t max_ext = r[0];
    if (max_ext >= 0x80000001)
        cpuid(0x80000001, 0, ext);
    if (max_ext >= 0x80000004)
        for (uint32_t i = 0; i < 3; i++)
            cpuid(0x80000002 + i, 0, brand + i * 4);
    uint32_t virt_bits = 32;
    if (max_ext >= 0x80000008) {
        cpuid(0x80000008, 0, r);
        virt_bits = (r[0] >> 8) & 0xFF;
    }
    uint32_t family = (l1[0] >> 8) & 0xF, model = (l1[0] >> 4) & 0xF;
    if (family == 0xF)
        family += (l1[0] >> 20) & 0xFF;
    if (family >= 6)
        model |= ((l1[0] >> 16) & 0xF) << 4;
    const char *name = (const char *)brand;
    while (*name == ' ')
        name++;
    proc_put("processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n"
             "model name\t: %s\nstepping\t: %u\n",
             (const char *)vendor, family, model, *name ? name : "unknown", l1[0] & 0xF);
    proc_put("physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\ncpu cores\t: 1\napicid\t\t: 0\n"
             "initial apicid\t: 0\nfpu\t\t: yes\nfpu_exception\t: yes\n");
    proc_put("cpuid level\t: %u\nwp\t\t: yes\nflags\t\t:", max_leaf);
    add_flags(l1[3], leaf1_edx);
    add_flags(ext[3], ext_edx);
    add_flags(l1[2], leaf1_ecx);
    add_flags(ext[2], ext_ecx);
    add_flags(l7[1], leaf7_ebx);
    add_flags(l7[2], leaf7_ecx);
    proc_put("\nclflush size\t: %u\ncache_alignment\t: 64\naddress sizes\t: %u bits physical, "
             "%u bits virtual\npower management:\n\n",
             ((l1[1] >> 8) & 0xFF) * 8, cpu.phys_bits, virt_bits);
}
