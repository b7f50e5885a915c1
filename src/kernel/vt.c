/* The virtual terminals, as a Linux's under its dummy console (no screen, no keyboard): a VT
   takes what is written to it and shows it nowhere, a read waits for a key that never comes,
   and each VT keeps its own terminal settings. The VT ioctls switch among them and free them
   (busybox's chvt, deallocvt) or let the app switch a VT itself (VT_PROCESS, by signals, as a
   display server does), and the keyboard's (keymap.c) and the font's answer as there. Rare
   calls, built for size. */
#include "kernel/vt.h"
#include "kernel/abi.h"
#include "kernel/cputime.h"
#include "kernel/cred.h"
#include "kernel/dev.h"
#include "kernel/errno.h"
#include "kernel/keymap.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

#define KIOCSOUND 0x4B2F
#define KDMKTONE 0x4B30
#define KDGETLED 0x4B31
#define KDSETLED 0x4B32
#define KDGKBTYPE 0x4B33
#define KDSETMODE 0x4B3A
#define KDGETMODE 0x4B3B
#define KDGKBMODE 0x4B44
#define KDSKBMODE 0x4B45
#define KDGKBENT 0x4B46
#define KDSKBENT 0x4B47
#define KDGETKEYCODE 0x4B4C
#define KDSETKEYCODE 0x4B4D
#define KDSIGACCEPT 0x4B4E
#define KDGKBMETA 0x4B62
#define KDSKBMETA 0x4B63
#define KDGKBLED 0x4B64
#define KDSKBLED 0x4B65
#define KDFONTOP 0x4B72
#define FIONREAD 0x541B
#define VT_OPENQRY 0x5600
#define VT_GETMODE 0x5601
#define VT_SETMODE 0x5602
#define VT_GETSTATE 0x5603
#define VT_RELDISP 0x5605
#define VT_ACTIVATE 0x5606
#define VT_WAITACTIVE 0x5607
#define VT_DISALLOCATE 0x5608
#define VT_LOCKSWITCH 0x560B
#define VT_UNLOCKSWITCH 0x560C
#define VT_GETHIFONTMASK 0x560D
enum { KB_101 = 2, KD_TEXT = 0, KD_GRAPHICS = 1, KD_TEXT1 = 3, K_UNICODE = 3, K_OFF = 4 };
enum { K_METABIT = 3, K_ESCPREFIX = 4 };
enum { KD_FONT_OP_GET = 1, KD_FONT_OP_COPY = 3 };
enum { VT_PROCESS = 1, VT_ACKACQ = 2 };
enum { ICANON = 0x2, VTIME = 5, VMIN = 6 };

/* Each VT by its number (0 unused: tty0 opens the foreground one). What follows users is
   zeroed when the VT is allocated (Linux's reset_vc), and the zeroed table is each VT's start:
   the keyboard's mode is kept as its difference from K_UNICODE (a UTF-8 Linux's). */
static struct vt {
    struct termios_k tio;
    uint32_t users; /* its open files: Linux's vt_in_use */
    /* The keyboard's, kept when the VT is freed (Linux's kbd_table): its lock flags (bits 0-2)
       and their defaults (4-6), as KDSKBLED sets them; whether its LEDs show fixed_leds, not the
       flags (KDSETLED); whether its meta key sets the high bit (K_METABIT), not an ESC. */
    uint8_t kbled;
    bool leds_fixed, metabit;
    uint8_t kbmode, kdmode;
    uint8_t newvt; /* in VT_PROCESS mode, the VT a switch waits to go to (0: none) */
    struct {       /* struct vt_mode: VT_AUTO or VT_PROCESS, and the signals of the latter */
        uint8_t mode, waitv;
        int16_t relsig, acqsig, frsig;
    } mode;
} vts[VT_COUNT];
static uint64_t allocated = 2; /* bit n: VT n, with tty1 always */
static uint8_t fg = 1;         /* the foreground VT */
static uint8_t fixed_leds;     /* the LEDs KDSETLED last fixed, for any VT (Linux's ledioctl) */
static bool switch_locked;     /* VT_LOCKSWITCH: VT_ACTIVATE allocates but does not switch */

/* The settings of a VT that no file holds open (Linux's TTY_DRIVER_RESET_TERMIOS): its
   tty_std_termios, with IUTF8 for the UTF-8 keyboard. */
static const struct termios_k vt_std = {
    .iflag = 0x100 | 0x400 | 0x4000,    /* ICRNL IXON IUTF8 */
    .oflag = 0x1 | 0x4,                 /* OPOST ONLCR */
    .cflag = 0xF | 0x30 | 0x80 | 0x400, /* B38400 CS8 CREAD HUPCL */
    /* ISIG ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN */
    .lflag = 0x1 | 0x2 | 0x8 | 0x10 | 0x20 | 0x200 | 0x800 | 0x8000,
    .cc = {3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22},
};

bool vt_is(const struct vnode *n)
{
    return S_ISCHR(n->mode) && n->rdev_major == DEV_TTYS && n->rdev_minor < VT_COUNT;
}

/* Linux's reset_vc: text mode, the UTF-8 keyboard, VT_AUTO. */
static void vt_reset(struct vt *vt)
{
    memset(&vt->kbmode, 0, sizeof(*vt) - offsetof(struct vt, kbmode));
}

/* Linux's vc_allocate (its vc_init's reset_vc and vt_reset_keyboard: the lock flags back to
   their defaults, the LEDs showing them). */
static void vt_allocate(word_t n)
{
    struct vt *vt = &vts[n];
    if (!(allocated >> n & 1)) {
        vt_reset(vt);
        vt->kbled = (uint8_t)((vt->kbled & 0x70) | vt->kbled >> 4);
        vt->leds_fixed = false;
    }
    allocated |= 1ull << n;
}

/* Raise a VT_PROCESS VT's signal, as Linux's kill_pid for the VT's owner, which is the app: 0
   does nothing, and false for a signal that is none (its owner "gone"). */
static bool vt_signal(int16_t sig)
{
    if ((uint16_t)sig > NSIG)
        return false;
    if (sig)
        sig_send(sig, SI_KERNEL, 0);
    return true;
}

/* Linux's complete_change_console: n is in front, and told so if in VT_PROCESS mode. */
static void vt_switched(uint8_t n)
{
    fg = n;
    if (vts[n].mode.mode == VT_PROCESS && !vt_signal(vts[n].mode.acqsig))
        vt_reset(&vts[n]);
}

/* Linux's change_console: a VT in VT_PROCESS mode in front is asked to let go (relsig; the
   switch waits for its VT_RELDISP), and one in graphics mode keeps its place. */
static void vt_switch(uint8_t n)
{
    struct vt *front = &vts[fg];
    if (n == fg)
        return;
    if (front->mode.mode == VT_PROCESS) {
        front->newvt = n;
        if (vt_signal(front->mode.relsig))
            return;
        vt_reset(front);
    }
    if (front->kdmode == KD_TEXT)
        vt_switched(n);
}

/* May a VT be freed? Not the foreground one or one held open; nor, as Linux's vt_busy has it
   (its vc_is_sel of no VT's selection), one that is not allocated. (tty1 is never freed, but
   VT_DISALLOCATE of it says 0 when it is not busy.) */
static bool vt_busy(word_t n)
{
    return !(allocated >> n & 1) || vts[n].users || n == fg;
}

void vt_open(struct file *f)
{
    if (f->flags & O_PATH)
        return;
    uint8_t n = f->node->rdev_minor ? (uint8_t)f->node->rdev_minor : fg;
    f->vt = n;
    vt_allocate(n);
    if (!vts[n].users++)
        vts[n].tio = vt_std;
}

void vt_release(const struct file *f)
{
    if (f->vt)
        vts[f->vt].users--;
}

struct termios_k *vt_termios(const struct file *f)
{
    return &vts[f->vt].tio;
}

int32_t vt_read(const struct file *f, uint32_t len)
{
    const struct termios_k *t = &vts[f->vt].tio;
    /* VMIN 0 without ICANON: the read ends when VTIME's tenths of a second pass (n_tty's) */
    int32_t tenths = t->lflag & ICANON || t->cc[VMIN] ? -1 : t->cc[VTIME];
    if (!len || !tenths)
        return 0;
    if (f->flags & O_NONBLOCK)
        return -EAGAIN;
    uint64_t until = time_monotonic_ns() + (uint64_t)tenths * 100000000u;
    while (!sig_deliverable()) {
        if (tenths > 0 && time_monotonic_ns() >= until)
            return 0;
        cputime_wait();
    }
    return -ERESTARTSYS;
}

int32_t vt_ioctl(const struct file *f, uint32_t request, word_t arg)
{
    struct vt *vt = &vts[f->vt];
    bool perm = capable(CAP_SYS_TTY_CONFIG); /* the app's terminal is the console, never a VT */
    uint32_t op[8];
    switch (request) {
    case KDGKBTYPE: {
        uint8_t type = KB_101;
        return copy_to_user(arg, &type, 1);
    }
    case KDGKBLED:
        return copy_to_user(arg, &vt->kbled, 1);
    case KDGETLED: { /* the foreground VT's, as its keyboard shows them */
        uint8_t leds = vts[fg].leds_fixed ? fixed_leds : vts[fg].kbled & 7;
        return copy_to_user(arg, &leds, 1);
    }
    case KDGKBMETA:
        return put_user_u32(arg, vt->metabit ? K_METABIT : K_ESCPREFIX);
    case VT_GETHIFONTMASK: { /* no font, so no 512-glyph one */
        uint16_t mask = 0;
        return copy_to_user(arg, &mask, 2);
    }
    case KDGETMODE:
        return put_user_u32(arg, vt->kdmode);
    case KDGKBMODE:
        return put_user_u32(arg, vt->kbmode ^ K_UNICODE);
    case KDGKBENT:
    case KDSKBENT:
        return keymap_ioctl(request, arg, !vt->kbmode, perm);
    case FIONREAD: /* no key is ever waiting */
        return put_user_u32(arg, 0);
    case KDGETKEYCODE: /* with no keyboard, no key's code (getkeycode's ENODEV) */
    case KDSETKEYCODE:
        if (copy_from_user(op, arg, 8))
            return -EFAULT;
        return request == KDSETKEYCODE && !perm ? -EPERM : -ENODEV;
    case KDFONTOP: /* struct console_font_op: five ints and a pointer; the screen has no font */
        if (copy_from_user(op, arg, 16 + 2 * abi_long_size()))
            return -EFAULT;
        if (!perm && op[0] != KD_FONT_OP_GET)
            return -EPERM;
        /* COPY is gone (Linux 5.10); SET, GET and SET_DEFAULT need text mode */
        return op[0] == KD_FONT_OP_COPY || (op[0] < KD_FONT_OP_COPY && vt->kdmode != KD_TEXT)
                   ? -EINVAL
                   : -ENOSYS;
    case VT_GETMODE:
        return copy_to_user(arg, &vt->mode, sizeof(vt->mode));
    case VT_OPENQRY: { /* the first VT nothing holds open */
        int32_t n = 1;
        while (n < VT_COUNT && vts[n].users)
            n++;
        return put_user_u32(arg, n < VT_COUNT ? (uint32_t)n : UINT32_MAX); /* -1: none */
    }
    case VT_GETSTATE: {     /* struct vt_stat: v_active, v_signal (untouched), v_state */
        uint16_t state = 1; /* bit 0: tty0, always open; bit n: VT n is */
        for (uint32_t n = 1; n < 16; n++)
            state |= (uint16_t)((vts[n].users != 0) << n);
        uint16_t active = fg;
        return copy_to_user(arg, &active, 2) ?: copy_to_user(arg + 4, &state, 2);
    }
    case VT_DISALLOCATE:
        if (arg >= VT_COUNT)
            return -ENXIO;
        if (!arg) { /* every VT that may be freed */
            for (word_t n = 2; n < VT_COUNT; n++)
                if (!vt_busy(n))
                    allocated &= ~(1ull << n);
            return 0;
        }
        if (vt_busy(arg))
            return -EBUSY;
        allocated &= ~(arg > 1 ? 1ull << arg : 0);
        return 0;
    }
    if (!perm) { /* the rest change the VTs */
        static const uint16_t changes[] = {
            KIOCSOUND,     KDMKTONE,      KDSETLED,        KDSETMODE,  KDSKBMODE,
            KDSKBMETA,     KDSKBLED,      VT_SETMODE,      VT_RELDISP, VT_ACTIVATE,
            VT_WAITACTIVE, VT_LOCKSWITCH, VT_UNLOCKSWITCH, KDSIGACCEPT};
        for (uint32_t i = 0; i < sizeof(changes) / sizeof(changes[0]); i++)
            if (request == changes[i])
                return -EPERM;
        return -ENOTTY;
    }
    switch (request) {
    case KIOCSOUND: /* no speaker */
    case KDMKTONE:
        return 0;
    case KDSETLED: /* 0-7 fixed for this VT, or its lock flags shown again */
        vt->leds_fixed = (uint32_t)arg < 8;
        if (vt->leds_fixed)
            fixed_leds = (uint8_t)arg;
        return 0;
    case KDSKBMETA: /* Linux 6.1's asks for permission (6.18's does not) */
        if ((uint32_t)arg != K_METABIT && (uint32_t)arg != K_ESCPREFIX)
            return -EINVAL;
        vt->metabit = (uint32_t)arg == K_METABIT;
        return 0;
    case KDSKBLED:
        if (arg & ~(word_t)0x77)
            return -EINVAL;
        vt->kbled = (uint8_t)arg;
        return 0;
    case KDSIGACCEPT: /* the signal for the keyboard's spawn key, which never comes: as Linux's,
                         EPERM without CAP_KILL too */
        if (!capable(CAP_KILL))
            return -EPERM;
        return !arg || arg > NSIG || arg == SIGKILL ? -EINVAL : 0;
    case VT_LOCKSWITCH:
    case VT_UNLOCKSWITCH:
        switch_locked = request == VT_LOCKSWITCH;
        return 0;
    case KDSETMODE: /* KD_TEXT0 and KD_TEXT1 are text mode */
        if (arg > KD_TEXT1)
            return -EINVAL;
        vt->kdmode = arg == KD_GRAPHICS;
        return 0;
    case KDSKBMODE: /* Linux's vt_do_kdskbmode takes the mode as an unsigned int */
        if ((uint32_t)arg > K_OFF)
            return -EINVAL;
        vt->kbmode = (uint8_t)(arg ^ K_UNICODE);
        return 0;
    case VT_SETMODE: { /* the app is the VT's owner, whose signals it gets */
        __typeof__(vt->mode) mode;
        if (copy_from_user(&mode, arg, sizeof(mode)))
            return -EFAULT;
        if (mode.mode > VT_PROCESS)
            return -EINVAL;
        mode.frsig = 0;
        vt->mode = mode;
        vt->newvt = 0;
        return 0;
    }
    case VT_RELDISP: /* Linux's vt_reldisp: a VT_PROCESS VT lets a switch go on, or not */
        if (vt->mode.mode != VT_PROCESS)
            return -EINVAL;
        if (!vt->newvt) /* no switch waits: only the acquired VT's acknowledgement */
            return (uint32_t)arg == VT_ACKACQ ? 0 : -EINVAL;
        if ((uint32_t)arg) {
            vt_allocate(vt->newvt);
            vt_switched(vt->newvt);
        }
        vt->newvt = 0;
        return 0;
    /* Allocate it and switch, at once (Linux's switch is a work item's, after the call). */
    case VT_ACTIVATE:
    case VT_WAITACTIVE:
        if (!arg || arg >= VT_COUNT)
            return -ENXIO;
        if (request == VT_ACTIVATE) {
            vt_allocate(arg);
            if (!switch_locked)
                vt_switch((uint8_t)arg);
            return 0;
        }
        if (arg == fg)
            return 0;
        sig_wait(); /* for a switch that only this app could make */
        return -EINTR;
    }
    return -ENOTTY;
}
