/* Names the privileged instruction behind an app's #GP. */
#pragma once

#include <mode/types.h>
#include <stddef.h>
#include <stdint.h>

/* The name of the privileged instruction at the app's eip ("cli", "mov to cr3", "int $0x21"),
   written into buf; NULL when the bytes there are not one. */
const char *insn_privileged(uaddr_t ip, char *buf, size_t size);
