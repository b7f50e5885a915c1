/* getrandom: a ChaCha20 generator, as Linux's crng. Its key comes from RDSEED or RDRAND where
   the CPU has them (fresh words are mixed in on every call), else from the TSC's jitter and
   the RTC, and it erases its key after each use (fast key erasure). */
#include "kernel/random.h"
#include "arch/x86/entropy.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

#define GRND_NONBLOCK 1u
#define GRND_RANDOM 2u
#define GRND_INSECURE 4u

static uint32_t key[8];
static uint64_t counter;
static enum entropy_source source;

static uint32_t rotl(uint32_t v, int n)
{
    return v << n | v >> (32 - n);
}

#define QR(a, b, c, d)                                                                             \
    (a += b, d = rotl(d ^ a, 16), c += d, b = rotl(b ^ c, 12), a += b, d = rotl(d ^ a, 8), c += d, \
     b = rotl(b ^ c, 7))

/* A double round's quarter rounds, each one's four words a nibble apiece (a in the lowest):
   the four columns, then the four diagonals. One quarter round run from this, not eight
   written out (about 350 bytes; getrandom is no hot path). */
static const uint16_t quarters[8] = {0xC840, 0xD951, 0xEA62, 0xFB73,
                                     0xFA50, 0xCB61, 0xD872, 0xE943};

/* One ChaCha20 block (RFC 8439) of the key, the counter and a zero nonce. */
static void chacha20_block(uint32_t out[16])
{
    uint32_t in[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
    memcpy(&in[4], key, sizeof(key));
    in[12] = (uint32_t)counter, in[13] = (uint32_t)(counter >> 32);
    counter++;
    memcpy(out, in, sizeof(in));
    for (int i = 0; i < 10 * 8; i++) {
        uint32_t q = quarters[i % 8];
        uint32_t *a = &out[q & 15], *b = &out[q >> 4 & 15], *c = &out[q >> 8 & 15];
        uint32_t *d = &out[q >> 12];
        QR(*a, *b, *c, *d);
    }
    for (int i = 0; i < 16; i++)
        out[i] += in[i];
}

/* Mix the CPU's fresh words into the key; false when it has none to give. */
static bool mix_hardware(void)
{
    for (int i = 0; i < 8; i++) {
        uint32_t v;
        if (!entropy_u32(source, &v))
            return false;
        key[i] ^= v;
    }
    return true;
}

void random_init(void)
{
    source = entropy_detect();
    if (mix_hardware()) {
        klog("random: ChaCha20 keyed from %s", source == ENTROPY_RDSEED ? "RDSEED" : "RDRAND");
        return;
    }
    source = ENTROPY_NONE;
    /* The TSC's low bits jitter with the timer's and the UART's interrupts. */
    uint64_t t = time_realtime_ns();
    key[0] ^= (uint32_t)t, key[1] ^= (uint32_t)(t >> 32);
    for (int i = 0; i < 64; i++) {
        key[i % 8] = rotl(key[i % 8], 7) ^ (uint32_t)rdtsc();
        uint32_t block[16];
        chacha20_block(block);
        key[(i + 1) % 8] ^= block[i % 16];
    }
    /* the format of the line above: the linker keeps one copy */
    klog("random: ChaCha20 keyed from %s", "the TSC and the RTC (no RDSEED or RDRAND): weak");
}

/* A new key, so that what was handed out cannot be recomputed; block is erased. */
static void rekey(uint32_t block[16])
{
    chacha20_block(block);
    memcpy(key, block, sizeof(key));
    memset(block, 0, 64);
}

sword_t sys_getrandom(uaddr_t buf, word_t count, uint32_t flags)
{
    if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE) ||
        (flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
        return -EINVAL;
    /* The generator is keyed at boot, so it never blocks and GRND_NONBLOCK has nothing to
       refuse. */
    if (count > MAX_RW_COUNT)
        count = MAX_RW_COUNT;
    if (source != ENTROPY_NONE)
        (void)mix_hardware();
    uint32_t done = 0, block[16];
    while (done < count) {
        if (done && done % 4096 == 0 && sig_deliverable())
            break; /* as Linux: a long read stops for a signal, with what it has */
        chacha20_block(block);
        word_t n = count - done < sizeof(block) ? count - done : sizeof(block);
        if (copy_to_user(buf + done, block, n)) {
            if (!done)
                done = (uint32_t)-EFAULT;
            break;
        }
        done += (uint32_t)n;
    }
    rekey(block);
    return (int32_t)done;
}

void random_fill(void *buf, uint32_t n)
{
    uint32_t block[16];
    chacha20_block(block);
    memcpy(buf, block, n);
    rekey(block);
}
