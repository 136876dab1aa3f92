#!/usr/bin/env python3
"""Check a PCI expansion ROM image against the specifications, without
the firmware's own headers or tools (a second, independent reading).

    romcheck.py FILE [VVVVDDDD [NAME]]

Checks: 55AAh signature, size byte against the file, byte sum zero,
the "PCIR" data structure (vendor and device if given, Ethernet class,
x86 code, last image, image length), the "$PnP" expansion header
(revision, length, byte sum zero, IPL device, a boot entry vector inside
the image, a product name string, starting with NAME if given), and an
initialisation entry at offset 3.  Prints one line per check; exit
status 1 if any failed.

Facts: PCI Firmware Specification 3.0, Plug and Play BIOS Specification
1.0A.
"""
import struct
import sys

failures = 0


def check(what, ok, detail=""):
    global failures
    print(("ok   - " if ok else "FAIL - ") + what +
          (" (" + detail + ")" if detail else ""))
    if not ok:
        failures += 1


def cstring(data, off):
    end = data.find(b"\0", off)
    return data[off:end if end >= 0 else len(data)].decode("ascii", "replace")


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    data = open(sys.argv[1], "rb").read()
    want_id = sys.argv[2] if len(sys.argv) > 2 else None
    want_name = sys.argv[3] if len(sys.argv) > 3 else None

    check("55AA signature", data[:2] == b"\x55\xaa")
    size = data[2] * 512
    check("size byte matches the file", size == len(data),
          "%d units, file %d bytes" % (data[2], len(data)))
    check("byte sum is zero", sum(data[:size]) % 256 == 0,
          "sum %02x" % (sum(data[:size]) % 256))
    # A near or short jump at the initialisation entry.
    check("init entry is a jump", data[3] in (0xe9, 0xeb),
          "opcode %02x" % data[3])

    pcir, pnp = struct.unpack_from("<HH", data, 0x18)
    check("PCIR pointer inside, aligned", pcir + 0x18 <= size and
          pcir % 4 == 0, "%#x" % pcir)
    (sig, vendor, device, _devlist, plen, prev, cls0, cls1, cls2,
     ilen, _crev, ctype, indicator) = struct.unpack_from(
        "<4sHHHHBBBBHHBB", data, pcir)
    check("PCIR signature", sig == b"PCIR")
    if want_id:
        check("PCIR vendor:device", "%04x%04x" % (vendor, device) ==
              want_id.lower(), "%04x:%04x" % (vendor, device))
    check("PCIR length for its revision",
          (prev, plen) in ((0, 0x18), (3, 0x1c)), "rev %d len %#x" %
          (prev, plen))
    check("class Ethernet controller (020000)",
          (cls2, cls1, cls0) == (0x02, 0x00, 0x00),
          "%02x%02x%02x" % (cls2, cls1, cls0))
    check("code type x86", ctype == 0)
    check("last image", indicator & 0x80 != 0)
    check("image length matches", ilen * 512 == size, "%d units" % ilen)

    check("$PnP pointer inside, aligned", pnp + 0x20 <= size and
          pnp % 16 == 0, "%#x" % pnp)
    (sig, rev, plen16, nxt, _r, _csum, _devid, manuf, product, t0, t1, t2,
     ind, bcv, dv, bev) = struct.unpack_from("<4sBBHBBIHHBBBBHHH", data, pnp)
    check("$PnP signature", sig == b"$PnP")
    check("$PnP revision 1", rev == 1)
    check("$PnP byte sum is zero",
          sum(data[pnp:pnp + plen16 * 16]) % 256 == 0 and plen16 > 0,
          "length %d" % plen16)
    check("$PnP single header", nxt == 0)
    check("device type network", t0 == 0x02, "%02x %02x %02x" % (t0, t1, t2))
    check("IPL device", ind & 0x04 != 0, "indicators %02x" % ind)
    check("boot entry vector inside the image", 0 < bev < size,
          "BEV %#x" % bev)
    check("no boot connection vector", bcv == 0 and dv == 0)
    name = cstring(data, product) if 0 < product < size else ""
    check("product name string", len(name) > 0, repr(name))
    if want_name:
        check("product name is " + want_name, name.startswith(want_name),
              repr(name))
    if manuf:
        check("manufacturer string", 0 < manuf < size and
              len(cstring(data, manuf)) > 0)
    return 1 if failures else 0


sys.exit(main())
