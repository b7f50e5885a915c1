/* Segment descriptors, and set_thread_area's TLS descriptors in the GDT (tls.c): the i386
   app's way to a TLS base, and an int $0x80 call's in a 64-bit app. */
#pragma once

#include <stdint.h>

/* A GDT descriptor: base, 20-bit limit, access byte (present, DPL, type) and flags nibble. */
static inline uint64_t gdt_desc(uint32_t base, uint32_t limit, uint32_t access, uint32_t flags)
{
    return (uint64_t)(limit & 0xFFFF) | ((uint64_t)(base & 0xFFFFFF) << 16) |
           ((uint64_t)access << 40) | ((uint64_t)((limit >> 16) & 0xF) << 48) |
           ((uint64_t)flags << 52) | ((uint64_t)(base >> 24) << 56);
}

/* The GDT's TLS slots, Linux's three (GDT_ENTRY_TLS_ENTRIES), and the first one's index:
   each width's gdt.c (Linux's layouts: 6 to 8 on i386, 12 to 14 on x86_64). */
#define GDT_TLS_ENTRIES 3
uint64_t *gdt_tls_slots(uint32_t *first);
/* execve: no TLS slot, fs and gs null (and on x86_64 their bases 0), as Linux's flush_thread
   and start_thread leave a new program. */
void tls_exec(void);
