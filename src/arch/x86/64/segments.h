/* GDT layout and selectors: Linux x86_64's, so signal frames carry the selectors Linux's do,
   and sysret's fixed arithmetic on STAR finds them (user ss = STAR.sysret + 8, user cs + 16). */
#pragma once

#define GDT_ENTRY_KERNEL_CS 2
#define GDT_ENTRY_KERNEL_DS 3
#define GDT_ENTRY_USER32_CS 4 /* left empty: no 32-bit code in ring 3 (no compat mode) */
#define GDT_ENTRY_USER_DS 5
#define GDT_ENTRY_USER_CS 6
#define GDT_ENTRY_TSS 8      /* 16 bytes: two entries */
#define GDT_ENTRY_TLS_MIN 12 /* three TLS slots for set_thread_area (int $0x80): 12, 13, 14 */
#define GDT_ENTRIES 16

#define KERNEL_CS (GDT_ENTRY_KERNEL_CS * 8)     /* 0x10 */
#define KERNEL_DS (GDT_ENTRY_KERNEL_DS * 8)     /* 0x18 */
#define USER32_CS (GDT_ENTRY_USER32_CS * 8 + 3) /* 0x23: STAR's sysret base */
#define USER_DS (GDT_ENTRY_USER_DS * 8 + 3)     /* 0x2b */
#define USER_CS (GDT_ENTRY_USER_CS * 8 + 3)     /* 0x33 */
#define TSS_SEL (GDT_ENTRY_TSS * 8)             /* 0x40 */
