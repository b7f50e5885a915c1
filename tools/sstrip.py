# sstrip.py IN OUT: IN, an ELF file, without its section headers and their names, which
# nothing that boots the kernel reads (GRUB and QEMU load it by its program headers; gdb and
# the backtraces read the twin *.sym.elf): OUT ends where its last segment's bytes end.
import struct
import sys


def main(src, dst):
    data = bytearray(open(src, "rb").read())
    wide = data[4] == 2  # ELFCLASS64
    if wide:
        phoff, = struct.unpack_from("<Q", data, 32)
        phentsize, phnum = struct.unpack_from("<HH", data, 54)
        offset, filesz = (8, "<Q"), (32, "<Q")
        sh_fields = (40, "<Q"), (58, "<H"), (60, "<H"), (62, "<H")
    else:
        phoff, = struct.unpack_from("<I", data, 28)
        phentsize, phnum = struct.unpack_from("<HH", data, 42)
        offset, filesz = (4, "<I"), (16, "<I")
        sh_fields = (32, "<I"), (46, "<H"), (48, "<H"), (50, "<H")
    end = phoff + phentsize * phnum
    for i in range(phnum):
        at = phoff + i * phentsize
        off, = struct.unpack_from(offset[1], data, at + offset[0])
        size, = struct.unpack_from(filesz[1], data, at + filesz[0])
        if size:
            end = max(end, off + size)
    for at, fmt in sh_fields:  # e_shoff, e_shentsize, e_shnum, e_shstrndx
        struct.pack_into(fmt, data, at, 0)
    open(dst, "wb").write(bytes(data[:end]))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
