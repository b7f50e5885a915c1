/* The boot module as a newc cpio archive: Linux's initramfs format. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

/* Does the module start like a newc archive ("070701", or "070702" with checksums)? */
bool cpio_is_archive(const void *data, uint32_t size);
/* Unpack every archive (concatenated ones too) into the tree. Regular files keep their bytes
   where they are, in the module, until changed. NULL, or why the archive is refused and
   at which byte offset. */
const char *cpio_unpack(const uint8_t *data, uint32_t size, uint32_t *at);
