#!/bin/bash
# Build the firmware's decompressor as an i386 Linux program (see
# cxz-decode.S) at OUT; exit status 1 with the compiler's first line of
# complaint if this machine cannot build one.
#
#   tests/qemu/cxz-decoder.sh OUT
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$1
${CC:-gcc} -m32 -nostdlib -static -no-pie -I. -Iarch/x86/include \
	-Wl,--defsym=_text=0,--defsym=_end=0,--defsym=_payload_size=0 \
	-Wl,--defsym=__bss_start=0,--defsym=__bss_end=0 \
	-Wl,--defsym=_payload_end=0,--defsym=_reloc_room=0 \
	-o "$out" tests/qemu/cxz-decode.S 2>"$out.log" ||
	{ head -1 "$out.log"; rm -f "$out.log"; exit 1; }
rm -f "$out.log"
