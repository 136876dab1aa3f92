# libFuzzer harnesses (tests/fuzz/fuzz_*.c), included by the top
# Makefile.  The core is compiled again by clang, freestanding as
# always, with coverage, ASan and UBSan, and linked with the host C
# library like the sanitizer build; libFuzzer supplies main().
#
#   make fuzzers                  every harness, as bin-linux-fuzz/fuzz_*
#   tests/fuzz/run-all [SECONDS]  build and run each for a short while

F         := bin-linux-fuzz
FUZZ_CC   ?= clang
FUZZ_SAN  := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
# Recursive, so that clang is asked only when a fuzz target is built.
FUZZ_INC   = $(shell $(FUZZ_CC) -print-resource-dir)/include
FUZZ_CFLAGS = -std=gnu11 -Wall -Wextra -Wno-unused-parameter \
	-Wno-unknown-attributes -O1 -g -I. -Iinclude -Iarch/linux/include \
	-ffreestanding -nostdinc -isystem $(FUZZ_INC) \
	-fno-strict-aliasing -fno-common -DVERSION='"$(VERSION)"' \
	-DHOSTED_LIBC $(FUZZ_SAN) $(FUZZ_COV)
FUZZ_COV  := -fsanitize=fuzzer-no-link
# The string functions serve libFuzzer itself too: coverage there would
# only be noise, and slow every copy down.
$(F)/obj/src/string.o: FUZZ_COV :=

# The protocol code and what it needs (not the SAN layer, whose
# platform side is absent); the heap is the host's, I/O
# buffers come from the hosted DMA region.
FUZZ_CORE := $(filter-out src/malloc.c src/san.c,$(wildcard src/*.c net/*.c)) \
	usr/script_parse.c usr/params.c usr/parseopt.c \
	arch/linux/libc_malloc.c arch/linux/dma.c arch/linux/syscall.c
FUZZ_OBJS := $(patsubst %.c,$(F)/obj/%.o,$(FUZZ_CORE)) \
	$(F)/obj/tests/fuzz/common.o
FUZZERS   := $(patsubst tests/fuzz/%.c,$(F)/%,\
	$(wildcard tests/fuzz/fuzz_*.c))

.PHONY: fuzzers
fuzzers: $(FUZZERS)

$(FUZZERS): $(F)/%: $(F)/obj/tests/fuzz/%.o $(FUZZ_OBJS)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^

# The harnesses are held to -Werror; the core already is, by gcc.
$(F)/obj/tests/fuzz/%.o: tests/fuzz/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Werror -MMD -MP -c -o $@ $<
$(F)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

-include $(shell find $(F) -name '*.d' 2>/dev/null)
