/* Linux's errno values: kernel functions return -errno. The values are the app's ABI, kept
   in src/abi/uapi/errno.h, which the libc's errno.h includes too. */
#pragma once

#include <uapi/errno.h>
