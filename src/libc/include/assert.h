/* assert.h: assert(), which may be re-included with a different NDEBUG (so no #pragma once). */
#undef assert

#ifdef NDEBUG
#define assert(x) ((void)0)
#else
#define assert(x) ((void)((x) || (__assert_fail(#x, __FILE__, __LINE__, __func__), 0)))
#endif

#ifndef __cplusplus
#define static_assert _Static_assert
#endif

_Noreturn void __assert_fail(const char *expr, const char *file, int line, const char *func);
