# The PC BIOS platform: 32-bit images under bin/ (included by the top
# Makefile, which provides CFLAGS_COMMON and objs).
#
#   make x86            bin/cxboot.lkrn (Linux kernel format: QEMU -kernel,
#                       SYSLINUX, GRUB linux16)
#   make check-qemu     boot it in QEMU and drive its console

X         := bin
X_CFLAGS  := $(CFLAGS_COMMON) -m32 -march=i686 -fno-pie -fno-stack-protector \
	-mno-sse -mno-mmx -mno-red-zone -fno-asynchronous-unwind-tables \
	-Iarch/x86/include
# The real-mode part is code and data at once (RWX), as it must be;
# binutils 2.39 and later would warn about that.
X_LD      := $(LD) -m elf_i386 -nostdlib -static \
	$(shell $(LD) --help 2>/dev/null | grep -o -m1 -- --no-warn-rwx-segments)
OBJCOPY   ?= objcopy
NM        ?= nm

# The platform-independent core, rebuilt for 32 bits, and the platform.
X_CORE_SRCS := $(wildcard src/*.c usr/*.c net/*.c)
X_ARCH_SRCS := $(wildcard arch/x86/core/*.c arch/x86/core/*.S)
X_OBJS      := $(call objs,$(X),$(X_CORE_SRCS) $(X_ARCH_SRCS))

.PHONY: x86 check-qemu
x86: $(X)/cxboot.lkrn

$(X)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(X_CFLAGS) -MMD -MP -c -o $@ $<
$(X)/obj/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(X_CFLAGS) -MMD -MP -c -o $@ $<

$(X)/cxboot.lkrn.elf: $(X)/obj/arch/x86/prefix/lkrnprefix.o $(X_OBJS) \
		arch/x86/scripts/lkrn.lds
	$(X_LD) -T arch/x86/scripts/lkrn.lds -Map $@.map -o $@ \
		$(filter %.o,$^)

# The setup part and the 32-bit part are cut out separately (they are
# linked 1 MiB apart); the 32-bit part is padded to _payload_end so that
# the header's syssize matches the file.
$(X)/%.lkrn: $(X)/%.lkrn.elf
	$(OBJCOPY) -O binary -j .setup $< $@.setup
	$(OBJCOPY) -O binary -R .setup --pad-to=0x$$($(NM) $< | \
		sed -n 's/ [A-Za-z] _payload_end$$//p') $< $@.payload
	cat $@.setup $@.payload > $@
	rm -f $@.setup $@.payload

check-qemu: $(X)/cxboot.lkrn
	tests/qemu/run-all $(X)/cxboot.lkrn

-include $(shell find $(X)/obj -name '*.d' 2>/dev/null)

.PHONY: clean-x86
clean: clean-x86
clean-x86:
	rm -rf $(X)
