#!/usr/bin/env python3
"""Read an iSCSI Boot Firmware Table without the firmware's own code (a
second, independent reading) and print it as Linux's iscsi_ibft shows
it under /sys/firmware/ibft, one "DIR/NAME=VALUE" line per attribute
that Linux would show, in byte order (LC_ALL=C sort):

    ibftshow.py FILE

FILE holds the table from its first byte (what "cxboot --ibft FILE"
writes).  Checks the table on the way (signature, revision 1, length,
byte sum zero, each structure's id, version, length and 8-byte
alignment, strings inside the table and followed by a NUL) and exits
with status 1, naming the first fault, if one fails.  A test compares
these lines with what Linux in the guest prints of the same table.

Facts: iBFT specification 1.03 (offsets, lengths, structure ids);
Linux drivers/firmware/iscsi_ibft.c (attribute names, which attributes
are shown and how values are formatted).
"""
import ipaddress
import struct
import sys

HEADER_LEN = 48
KINDS = {2: ("initiator", 74), 3: ("ethernet", 102), 4: ("target", 54)}


class Bad(Exception):
    pass


def need(cond, what):
    if not cond:
        raise Bad(what)


def u16(t, off):
    return struct.unpack_from("<H", t, off)[0]


def ip(t, off):
    """The address at off, or None when all zero or ::ffff:0.0.0.0."""
    raw = t[off:off + 16]
    if raw == bytes(16) or raw == bytes(10) + b"\xff\xff" + bytes(4):
        return None
    if raw[:12] == bytes(10) + b"\xff\xff":
        return str(ipaddress.IPv4Address(raw[12:]))
    return str(ipaddress.IPv6Address(raw))


def string(t, off, what):
    length, where = u16(t, off), u16(t, off + 2)
    if length == 0:
        return None
    need(where + length < len(t), what + " outside the table")
    need(t[where + length] == 0, what + " not followed by a NUL")
    return t[where:where + length].decode("latin-1")


def initiator(t, o, out):
    for name, off in (("isns-server", 6), ("slp-server", 22),
                      ("pri-radius-server", 38),
                      ("sec-radius-server", 54)):
        out[name] = ip(t, o + off)
    out["initiator-name"] = string(t, o + 70, "initiator name")


def ethernet(t, o, out):
    prefix = t[o + 22]
    out["ip-addr"] = ip(t, o + 6)
    if prefix:
        out["prefix-len"] = str(prefix)
        mask = (0xffffffff << (32 - prefix)) & 0xffffffff
        out["subnet-mask"] = str(ipaddress.IPv4Address(mask))
    out["origin"] = str(t[o + 23])
    out["gateway"] = ip(t, o + 24)
    out["primary-dns"] = ip(t, o + 40)
    out["secondary-dns"] = ip(t, o + 56)
    out["dhcp"] = ip(t, o + 72)
    out["vlan"] = str(u16(t, o + 88))
    out["mac"] = ":".join("%02x" % b for b in t[o + 90:o + 96])
    if u16(t, o + 100):
        out["hostname"] = string(t, o + 98, "host name")


def target(t, o, out):
    out["ip-addr"] = ip(t, o + 6) or ip_zero(t, o + 6)
    out["port"] = str(u16(t, o + 22))
    out["lun"] = "".join("%x" % b for b in t[o + 24:o + 32])
    out["chap-type"] = str(t[o + 32])
    out["nic-assoc"] = str(t[o + 33])
    out["target-name"] = string(t, o + 34, "target name")
    if u16(t, o + 38):
        out["chap-name"] = string(t, o + 38, "CHAP name")
        out["chap-secret"] = string(t, o + 42, "CHAP secret") or ""
    if u16(t, o + 46):
        out["rev-chap-name"] = string(t, o + 46, "reverse CHAP name")
        out["rev-chap-name-secret"] = (
            string(t, o + 50, "reverse CHAP secret") or "")


def ip_zero(t, off):
    """Linux shows a target's address even when it is zero."""
    raw = t[off:off + 16]
    if raw[:12] == bytes(10) + b"\xff\xff":
        return str(ipaddress.IPv4Address(raw[12:]))
    return str(ipaddress.IPv6Address(raw))


def show(t):
    need(len(t) >= HEADER_LEN + 18, "shorter than a table header")
    need(t[:4] == b"iBFT", "no iBFT signature")
    length = struct.unpack_from("<I", t, 4)[0]
    need(length <= len(t), "length %d beyond the file" % length)
    t = t[:length]
    need(t[8] == 1, "revision %d, not 1" % t[8])
    need(sum(t) % 256 == 0, "bytes do not sum to zero")
    lines = {
        "acpi_header/signature": "iBFT",
        "acpi_header/oem_id": t[10:16].decode("latin-1").split("\0")[0],
        "acpi_header/oem_table_id":
            t[16:24].decode("latin-1").split("\0")[0],
    }
    c = HEADER_LEN
    need(t[c] == 1 and t[c + 1] == 1, "no control structure at 48")
    need(u16(t, c + 2) >= 18 and t[c + 4] == 0, "bad control header")
    for slot in range(c + 8, c + u16(t, c + 2), 2):
        o = u16(t, slot)
        if not o:
            continue
        need(o % 8 == 0, "structure at %d not 8-byte aligned" % o)
        need(t[o] in KINDS, "unknown structure id %d at %d" % (t[o], o))
        kind, size = KINDS[t[o]]
        need(t[o + 1] == 1, "%s version %d" % (kind, t[o + 1]))
        need(u16(t, o + 2) == size, "%s length %d" % (kind, u16(t, o + 2)))
        need(o + size <= length, "%s past the end" % kind)
        name = kind if kind == "initiator" else "%s%d" % (kind, t[o + 4])
        out = {"index": str(t[o + 4]), "flags": str(t[o + 5])}
        {"initiator": initiator, "ethernet": ethernet,
         "target": target}[kind](t, o, out)
        for key, value in out.items():
            if value is not None:
                lines[name + "/" + key] = value
    return sorted("%s=%s" % kv for kv in lines.items())


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: ibftshow.py FILE")
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    try:
        print("\n".join(show(data)))
    except Bad as e:
        print("ibftshow: %s: %s" % (sys.argv[1], e), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
