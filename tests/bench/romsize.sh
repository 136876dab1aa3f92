#!/bin/bash
# ROM image sizes for ConnectX-3 (15b3:1003): what the BIOS copies into
# the option-ROM area (the .mrom's stub, from its size byte), the whole
# .mrom as burnt into the adapter's flash, and the .rom, beside iPXE's
# .mrom for the same ID.  Debian ships no iPXE ROM for a ConnectX, so
# iPXE's figure is the documented reference for its bin/15b31003.mrom
# with default features: 86,016 bytes.
#
#   tests/bench/romsize.sh [BIN]      (BIN, the hosted build, is not used)
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
mrom=$top/bin/15b31003.mrom
rom=$top/bin/15b31003.rom
ipxe_mrom=86016

[ -f "$mrom" ] && [ -f "$rom" ] || { echo "romsize: build bin/ first"; exit 1; }
stub=$(( $(od -An -tu1 -j2 -N1 "$mrom") * 512 ))
whole=$(stat -c %s "$mrom")
printf 'romsize: 15b3:1003 .mrom stub the BIOS copies: %6d bytes\n' "$stub"
printf 'romsize: 15b3:1003 .mrom whole:                %6d bytes (iPXE %d, reference; ratio %s)\n' \
	"$whole" "$ipxe_mrom" "$(awk -v a="$whole" -v b="$ipxe_mrom" 'BEGIN { printf "%.2f", a / b }')"
printf 'romsize: 15b3:1003 .rom:                       %6d bytes\n' \
	"$(stat -c %s "$rom")"
