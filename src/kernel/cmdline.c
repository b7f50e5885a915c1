/* The kernel command line: its words, its options, and the app's environment. The loader may
   put the kernel's own path first; it matches no option. */
#include "kernel/cmdline.h"
#include "kernel/boot.h"
#include "kernel/string.h"

/* The loader's line, kept where it is (kmain's boot_info, which lives on): not copied. */
static const char *line = "";

/* The kernel's own options, by the text before any '='; every other KEY=VALUE word is the
   app's environment, as Linux hands init the words it does not know. One after another, each
   ended by its 0, the list by an empty one: no table of 8-byte pointers. */
static const char options[] = "norandmaps\0pti\0mds\0debug\0stdin\0init\0onexit\0";

void cmdline_init(const char *s)
{
    line = s;
}

const char *cmdline_word(const char *s, char *out, size_t size)
{
    while (*s == ' ')
        s++;
    if (!*s)
        return NULL;
    size_t n = 0;
    bool quoted = false;
    for (; *s && (quoted || *s != ' '); s++) {
        if (*s == '"') {
            quoted = !quoted;
            continue;
        }
        if (*s == '\\' && s[1])
            s++;
        if (n + 1 < size)
            out[n++] = *s;
    }
    out[n] = 0;
    return s;
}

bool cmdline_has(const char *word)
{
    char w[BOOT_CMDLINE_MAX];
    for (const char *p = line; (p = cmdline_word(p, w, sizeof(w)));)
        if (strcmp(w, word) == 0)
            return true;
    return false;
}

static bool is_env(const char *word)
{
    size_t key = 0;
    while (word[key] && word[key] != '=')
        key++;
    if (!word[key] || key == 0)
        return false;
    for (const char *o = options; *o; o += strlen(o) + 1)
        if (strncmp(word, o, key) == 0 && !o[key])
            return false;
    return true;
}

const char *cmdline_env(const char *p, char *out, size_t size)
{
    while ((p = cmdline_word(p, out, size)))
        if (is_env(out))
            return p;
    return NULL;
}

const char *cmdline_text(void)
{
    return line;
}

bool cmdline_value(const char *key, char *buf, size_t size)
{
    char w[BOOT_CMDLINE_MAX];
    size_t n = strlen(key);
    for (const char *p = line; (p = cmdline_word(p, w, sizeof(w)));)
        if (strncmp(w, key, n) == 0 && w[n] == '=') {
            strlcpy(buf, w + n + 1, size);
            return true;
        }
    return false;
}
