/* What x86_64's side of the ABI needs of int $0x80 (ia32.c). */
#pragma once

#include <mode/abi.h>

/* At the top of each of x86_64's abi_* conversions: an int $0x80 call's structures are
   i386's, so the call goes to i386's conversion, linked as ia32_* (ia32_uapi.c). */
#define IA32_CONVERT(name, ...)                                                                    \
    do {                                                                                           \
        extern __typeof__(abi_##name) ia32_##name;                                                 \
        if (ia32_call)                                                                             \
            return ia32_##name(__VA_ARGS__);                                                       \
    } while (0)
