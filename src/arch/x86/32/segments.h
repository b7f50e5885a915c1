/* GDT layout and selectors: Linux i386's, so signal frames carry the selectors Linux's do. */
#pragma once

#define GDT_ENTRY_TLS_MIN 6 /* three TLS slots for set_thread_area: 6, 7, 8 */
#define GDT_ENTRY_KERNEL_CS 12
#define GDT_ENTRY_KERNEL_DS 13
#define GDT_ENTRY_USER_CS 14
#define GDT_ENTRY_USER_DS 15
#define GDT_ENTRY_TSS 16
#define GDT_ENTRY_DOUBLEFAULT_TSS 31
#define GDT_ENTRIES 32

#define KERNEL_CS (GDT_ENTRY_KERNEL_CS * 8)                 /* 0x60 */
#define KERNEL_DS (GDT_ENTRY_KERNEL_DS * 8)                 /* 0x68 */
#define USER_CS (GDT_ENTRY_USER_CS * 8 + 3)                 /* 0x73 */
#define USER_DS (GDT_ENTRY_USER_DS * 8 + 3)                 /* 0x7b */
#define TSS_SEL (GDT_ENTRY_TSS * 8)                         /* 0x80 */
#define DOUBLEFAULT_TSS_SEL (GDT_ENTRY_DOUBLEFAULT_TSS * 8) /* 0xf8 */
