/* The ELF loader: maps each PT_LOAD segment of a checked image with its own permissions. */
#include "kernel/abi.h"
#include "kernel/elf.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/string.h"
#include "kernel/vfs.h"
#include "kernel/vm.h"

static uint32_t seg_prot(uint32_t flags)
{
    return (flags & PF_R ? PROT_READ : 0) | (flags & PF_W ? PROT_WRITE : 0) |
           (flags & PF_X ? PROT_EXEC : 0);
}

/* Map a segment's pages; a page shared with an earlier segment gets both's rights. */
static int load_segment(const struct elf_source *src, const struct elf_phdr *ph)
{
    uint32_t prot = seg_prot(ph->flags);
    uaddr_t start = ph->vaddr & PAGE_MASK, end = page_round_up(ph->vaddr + ph->memsz);
    for (uaddr_t va = start; va < end; va += PAGE_SIZE) {
        uint32_t old;
        if (vm_query(va, 0, &old)) {
            vm_protect(va, old | prot);
        } else if (mm_map_zero(va, PAGE_SIZE, prot)) {
            return -ENOMEM;
        }
    }
    /* Copy through the kernel's own mapping of each frame: the app's rights (say, read-only)
       do not apply. */
    for (word_t done = 0; done < ph->filesz;) {
        uaddr_t va = ph->vaddr + done;
        uint64_t pa;
        word_t n = PAGE_SIZE - (va & ~PAGE_MASK);
        if (n > ph->filesz - done)
            n = ph->filesz - done;
        vm_query(va & PAGE_MASK, &pa, 0);
        uint8_t *dst = (uint8_t *)vm_frame(KMAP_COPY, pa) + (va & ~PAGE_MASK);
        if (src->image)
            memcpy(dst, src->image + ph->offset + done, n);
        else
            vfs_read(src->node, ph->offset + done, dst, (uint32_t)n);
        done += n;
    }
    return 0;
}

int elf_load(const struct elf_ehdr *eh, const struct elf_phdr *ph, const struct elf_source *src,
             struct elf_image *out)
{
    *out = (struct elf_image){.entry = eh->entry, .phent = sizeof(*ph), .phnum = eh->phnum};
    struct mm_image_run *run = mm.image;
    memset(mm.image, 0, sizeof(mm.image));
    mm.start_code = ~(uaddr_t)0, mm.end_code = mm.start_data = mm.end_data = 0;
    for (int i = 0; i < eh->phnum; i++)
        if (ph[i].type == PT_LOAD && ph[i].memsz)
            out->pages +=
                (page_round_up(ph[i].vaddr + ph[i].memsz) - (ph[i].vaddr & PAGE_MASK)) / PAGE_SIZE;
    for (int i = 0; i < eh->phnum; i++, ph++) {
        if (ph->type == PT_PHDR)
            out->phdr = ph->vaddr;
        if (ph->type != PT_LOAD || ph->memsz == 0)
            continue;
        if (load_segment(src, ph))
            return -ENOMEM;
        if (ph->filesz && run < mm.image + MM_IMAGE_RUNS) /* as Linux's elf_map maps it */
            *run++ =
                (struct mm_image_run){ph->vaddr & PAGE_MASK, page_round_up(ph->vaddr + ph->filesz),
                                      ph->offset - (ph->vaddr & ~PAGE_MASK)};
        if (!out->phdr && eh->phoff >= ph->offset && eh->phoff - ph->offset < ph->filesz)
            out->phdr = ph->vaddr + (eh->phoff - ph->offset);
        uaddr_t file_end = ph->vaddr + ph->filesz; /* /proc/self/stat's spans, as Linux's */
        if (ph->flags & PF_X) {                    /* load_elf_binary counts them */
            mm.start_code = ph->vaddr < mm.start_code ? ph->vaddr : mm.start_code;
            mm.end_code = file_end > mm.end_code ? file_end : mm.end_code;
        }
        mm.start_data = ph->vaddr > mm.start_data ? ph->vaddr : mm.start_data;
        mm.end_data = file_end > mm.end_data ? file_end : mm.end_data;
        if (ph->vaddr + ph->memsz > out->end)
            out->end = ph->vaddr + ph->memsz;
    }
    return 0;
}
