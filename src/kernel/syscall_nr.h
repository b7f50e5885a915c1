/* How many slots the system-call table has (entry.S checks numbers against it). */
#pragma once

#define NR_SYSCALLS 451 /* up to set_mempolicy_home_node (450), Linux 6.1's last */
