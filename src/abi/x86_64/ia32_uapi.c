/* The i386 ABI's structure conversions, compiled again for the x86_64 kernel under the names
   ia32_* (ia32_names.h): what x86_64's abi_* turn to for a system call made by int $0x80
   (ia32.h). One translation unit, so that one list renames them all. */
#include "abi/x86_64/ia32_names.h"

#include "../i386/uapi_fs.c"
#include "../i386/uapi_io.c"
#include "../i386/uapi_ipc.c"
#include "../i386/uapi_proc.c"
#include "../i386/uapi_signal.c"
#include "../i386/uapi_time.c"
