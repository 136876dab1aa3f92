#!/usr/bin/env python3
"""Read the Mellanox ROM-info block of an expansion ROM image without the
build's own tools, and the device ID of its first image's PCI data
structure.

    mlxinfo.py FILE

Prints one line: "tags=N pcir=DDDD devid=DDDD product=PP version=X.Y.Z
port=N proto=N" where N after tags= counts the "mlxsign:" tags in the
whole file (flint takes each as a ROM), and the other fields come from
the three little-endian dwords after the first tag: product dword 0
[31:16], version major dword 0 [7:0], minor dword 1 [23:16], subminor
dword 1 [15:0], device ID dword 2 [31:16], port [15:12], protocol [7:0].

Facts: mstflint (mlxfwops) GetExpRomVersion; PCI Firmware Specification
3.0 for the PCIR structure.
"""
import struct
import sys

TAG = b"mlxsign:"


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    data = open(sys.argv[1], "rb").read()
    pcir = struct.unpack_from("<H", data, 0x18)[0]
    if data[pcir:pcir + 4] != b"PCIR":
        print("no PCIR structure")
        return 1
    pcir_dev = struct.unpack_from("<H", data, pcir + 6)[0]
    tags = data.count(TAG)
    at = data.find(TAG)
    if at < 0:
        print("tags=0 pcir=%04x" % pcir_dev)
        return 1
    dw0, dw1, dw2 = struct.unpack_from("<III", data, at + len(TAG))
    print("tags=%d pcir=%04x devid=%04x product=%02x version=%d.%d.%d "
          "port=%d proto=%d" % (tags, pcir_dev, dw2 >> 16, dw0 >> 16,
                                dw0 & 0xff, (dw1 >> 16) & 0xff,
                                dw1 & 0xffff, (dw2 >> 12) & 0xf,
                                dw2 & 0xff))
    return 0


if __name__ == "__main__":
    sys.exit(main())
