/* ctype.c: the character classes of the "C" locale, ASCII only. */
#include <ctype.h>

int isdigit(int c)
{
    return (unsigned)c - '0' < 10;
}

int islower(int c)
{
    return (unsigned)c - 'a' < 26;
}

int isupper(int c)
{
    return (unsigned)c - 'A' < 26;
}

int isalpha(int c)
{
    return islower(c) || isupper(c);
}

int isalnum(int c)
{
    return isalpha(c) || isdigit(c);
}

int isxdigit(int c)
{
    return isdigit(c) || (unsigned)(c | 32) - 'a' < 6;
}

int isspace(int c)
{
    return c == ' ' || (unsigned)c - '\t' < 5;
}

int isprint(int c)
{
    return (unsigned)c - 0x20 < 0x5f;
}

int tolower(int c)
{
    return isupper(c) ? c | 32 : c;
}

int toupper(int c)
{
    return islower(c) ? c & 0x5f : c;
}
