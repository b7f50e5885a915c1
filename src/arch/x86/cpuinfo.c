/* /proc/cpuinfo's text for the one CPU, in Linux's layout (arch/x86/kernel/cpu/proc.c), from
   CPUID: its names, and the flags Linux names for the feature bits of leaves 1, 7 and
   0x80000001. */
#include "arch/x86/cpu.h"
#include "kernel/proc.h"
#include "kernel/string.h"

/* Each register's flag names in bit order, in the order the flags are listed: leaf 1's edx,
   0x80000001's edx, leaf 1's ecx, 0x80000001's ecx, leaf 7's ebx and ecx, each list ended by a
   0. One string rather than 32 pointers a register, and no separators: a name starts at a
   capital (its first letter, shown in lower case), at '@' (it begins "avx512") or at ':' (it
   begins with the digit that follows), and '?' is a bit Linux does not name. */
static const char flag_names[] =
    "FpuVmeDePseTscMsrPaeMceCx8Apic?SepMtrrPgeMcaCmovPatPse36PnClflush"
    "?DtsAcpiMmxFxsrSseSse2SsHtTmIa64Pbe\0"
    "???????????Syscall???????MpNx?Mmxext??Fxsr_optPdpe1gbRdtscp?Lm:3dnowext:3dnow\0"
    "PniPclmulqdqDtes64MonitorDs_cplVmxSmxEstTm2Ssse3CidSdbgFmaCx16"
    "XtprPdcm?PcidDcaSse4_1Sse4_2X2apicMovbePopcntTsc_deadline_timer"
    "AesXsave?AvxF16cRdrandHypervisor\0"
    "Lahf_lmCmp_legacySvmExtapicCr8_legacyAbmSse4aMisalignsse"
    ":3dnowprefetchOsvwIbsXopSkinitWdt?LwpFma4Tce?Nodeid_msr?TbmTopoext\0"
    "FsgsbaseTsc_adjust?Bmi1HleAvx2?SmepBmi2ErmsInvpcidRtm??Mpx?@f@dq"
    "RdseedAdxSmap@ifma?ClflushoptClwb???@cdSha_ni@bw@vl\0"
    "?@vbmiUmipPkuOspke?@_vbmi2?GfniVaesVpclmulqdq@_vnni@_bitalg?@_vpopcntdq?La57?????Rdpid";

/* The flags of one register's list that bits has; what follows the list. */
__attribute__((noinline)) static const char *add_flags(uint32_t bits, const char *names)
{
    char name[24];
    uint32_t n = 0;
    int bit = -1;
    for (;; names++) {
        char c = *names;
        if (c && (uint8_t)(c - ':') > 'Z' - ':') { /* not a name's start: one of its characters */
            name[n++] = c;
            continue;
        }
        if (n && (bits >> bit & 1)) { /* the name before ends here */
            name[n] = 0;
            proc_put(" %s", name);
        }
        if (!c)
            return names + 1;
        bit++;
        n = 0;
        if (c == '@')
            n = (uint32_t)strlcpy(name, "avx512", 7);
        else if (c >= 'A')
            name[n++] = (char)(c | 0x20); /* the capital in lower case */
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
             "model name\t: %s\nstepping\t: %u\n"
             "physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\ncpu cores\t: 1\napicid\t\t: 0\n"
             "initial apicid\t: 0\nfpu\t\t: yes\nfpu_exception\t: yes\n"
             "cpuid level\t: %u\nwp\t\t: yes\nflags\t\t:",
             (const char *)vendor, family, model, *name ? name : "unknown", l1[0] & 0xF, max_leaf);
    const uint32_t regs[] = {l1[3], ext[3], l1[2], ext[2], l7[1], l7[2]};
    const char *names = flag_names;
    for (uint32_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
        names = add_flags(regs[i], names);
    proc_put("\nclflush size\t: %u\ncache_alignment\t: 64\naddress sizes\t: %u bits physical, "
             "%u bits virtual\npower management:\n\n",
             ((l1[1] >> 8) & 0xFF) * 8, cpu.phys_bits, virt_bits);
}
