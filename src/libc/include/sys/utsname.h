/* sys/utsname.h: uname() and Linux's struct new_utsname (six 65-byte fields). */
#pragma once

struct utsname {
    char sysname[65];
    char nodename[65];
    char release[65];
    char version[65];
    char machine[65];
    char domainname[65];
};

int uname(struct utsname *buf);
