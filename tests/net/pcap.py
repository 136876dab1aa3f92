#!/usr/bin/env python3
"""Decode what a net test captured with tcpdump -w (classic pcap,
Ethernet), printing plain lines that the shell tests grep.

  pcap.py dhcp FILE    options of the client's first DHCPDISCOVER, one
                       line each: "opt N str TEXT", "opt N list A B C"
                       (option 55) or "opt N hex HEX"
  pcap.py tftp FILE    the first read request and how it was served:
                       "rrq NAME k=v ...", "oack k=v ...",
                       "data N" (DATA packets), "acks N", "maxsize N"
                       (largest DATA payload), "maxrun N" (most DATA
                       packets the server sent between two client packets)
  pcap.py rrqs FILE    every read request: "rrq NAME k=v ..." each
  pcap.py iscsi FILE   every iSCSI PDU (server TCP ports 3260-3269; each
                       direction's stream put back in order): "CONN DIR
                       OPCODE TTT LENGTH", CONN numbering the connections
                       from 0 in the order they began, DIR "i" from the
                       initiator or "t", OPCODE without the immediate bit
                       and TTT in hex, LENGTH that of the data segment
"""

import struct
import sys


def frames(path):
    with open(path, "rb") as f:
        head = f.read(24)
        if len(head) < 24:
            return
        magic = struct.unpack("<I", head[:4])[0]
        if magic in (0xA1B2C3D4, 0xA1B23C4D):
            endian = "<"
        elif magic in (0xD4C3B2A1, 0x4D3CB2A1):
            endian = ">"
        else:
            sys.exit("%s: not a classic pcap file" % path)
        while True:
            rec = f.read(16)
            if len(rec) < 16:
                return
            incl = struct.unpack(endian + "IIII", rec)[2]
            yield f.read(incl)


def udp_packets(path):
    """Yield (src ip, src port, dst ip, dst port, payload, length) of
    IPv4/UDP; the payload may be cut short by the capture's snap length,
    the length is the one on the wire."""
    for fr in frames(path):
        if len(fr) < 14 + 20 + 8 or fr[12:14] != b"\x08\x00":
            continue
        ip = fr[14:]
        ihl = (ip[0] & 15) * 4
        if ip[9] != 17 or len(ip) < ihl + 8:
            continue
        src = ".".join(str(b) for b in ip[12:16])
        dst = ".".join(str(b) for b in ip[16:20])
        sport, dport, ulen = struct.unpack(">HHH", ip[ihl:ihl + 6])
        yield src, sport, dst, dport, ip[ihl + 8:ihl + ulen], ulen - 8


def tcp_segments(path, ports):
    """Yield (conn key, from_server, flags, seq, payload) of IPv4/TCP
    to or from the given server ports."""
    for fr in frames(path):
        if len(fr) < 14 + 20 + 20 or fr[12:14] != b"\x08\x00":
            continue
        ip = fr[14:]
        ihl = (ip[0] & 15) * 4
        if ip[9] != 6:
            continue
        total = struct.unpack(">H", ip[2:4])[0]
        tcp = ip[ihl:total]
        sport, dport, seq = struct.unpack(">HHI", tcp[:8])
        hlen = (tcp[12] >> 4) * 4
        if sport in ports:
            key, server = (ip[16:20], dport, ip[12:16], sport), True
        elif dport in ports:
            key, server = (ip[12:16], sport, ip[16:20], dport), False
        else:
            continue
        yield key, server, tcp[13], seq, tcp[hlen:]


def cmd_iscsi(path):
    conns = {}      # key -> [number, {direction: [next seq, bytes]}]
    streams = []
    for key, server, flags, seq, data in tcp_segments(path, range(3260, 3270)):
        if flags & 0x02:          # SYN: a new connection
            if not server:
                conns[key] = [len(conns), {}]
            conns[key][1][server] = [seq + 1, b""]
            continue
        if key not in conns or server not in conns[key][1]:
            continue
        st = conns[key][1][server]
        if seq == st[0] and data:     # in order; resent data is skipped
            st[0] += len(data)
            st[1] += data
            streams.append((conns[key][0], server))
    done = set()
    for number, server in streams:
        if (number, server) in done:
            continue
        done.add((number, server))
        key = [k for k, v in conns.items() if v[0] == number][0]
        buf = conns[key][1][server][1]
        while len(buf) >= 48:
            dlen = int.from_bytes(buf[5:8], "big")
            ttt = buf[20:24].hex()
            print("%d %s 0x%02x 0x%s %d" % (number, "t" if server else "i",
                                             buf[0] & 0x3f, ttt, dlen))
            buf = buf[48 + buf[4] * 4 + dlen + (-dlen % 4):]


def dhcp_options(opts):
    i = 0
    while i < len(opts):
        code = opts[i]
        if code == 0:
            i += 1
            continue
        if code == 255 or i + 1 >= len(opts):
            return
        n = opts[i + 1]
        yield code, opts[i + 2:i + 2 + n]
        i += 2 + n


def show_option(code, val):
    if code == 55:
        return "opt 55 list " + " ".join(str(b) for b in val)
    if val and all(32 <= b < 127 for b in val):
        return "opt %d str %s" % (code, val.decode())
    return "opt %d hex %s" % (code, val.hex())


def cmd_dhcp(path):
    for _, sport, _, dport, p, _ in udp_packets(path):
        if sport != 68 or dport != 67 or len(p) < 240 or p[0] != 1:
            continue
        if p[236:240] != b"\x63\x82\x53\x63":
            continue
        opts = list(dhcp_options(p[240:]))
        if (53, b"\x01") not in opts:
            continue
        for code, val in opts:
            print(show_option(code, val))
        return
    sys.exit("no DHCPDISCOVER in %s" % path)


def cmd_xids(path):
    """The transaction ID of every DHCPDISCOVER, one per line."""
    for _, sport, _, dport, p, _ in udp_packets(path):
        if sport == 68 and dport == 67 and len(p) >= 240 and p[0] == 1:
            if (53, b"\x01") in list(dhcp_options(p[240:])):
                print(p[4:8].hex())


def tftp_options(fields):
    return " ".join("%s=%s" % (fields[i].lower(), fields[i + 1])
                    for i in range(0, len(fields) - 1, 2))


def rrq_line(p):
    fields = [s.decode(errors="replace") for s in p[2:].split(b"\0")[:-1]]
    return "rrq %s %s" % (fields[0], tftp_options(fields[2:]))


def cmd_rrqs(path):
    for _, _, _, dport, p, _ in udp_packets(path):
        if dport == 69 and p[:2] == b"\0\1":
            print(rrq_line(p))


def cmd_tftp(path):
    client = None          # (ip, port) that sent the first RRQ
    data = acks = maxsize = run = maxrun = 0
    for src, sport, dst, dport, p, n in udp_packets(path):
        if len(p) < 2:
            continue
        op = struct.unpack(">H", p[:2])[0]
        if client is None:
            if dport == 69 and op == 1:
                client = (src, sport)
                print(rrq_line(p))
            continue
        if (src, sport) == client:
            if op == 4:
                acks += 1
            run = 0
        elif (dst, dport) == client:
            if op == 6:
                fields = [s.decode(errors="replace")
                          for s in p[2:].split(b"\0")[:-1]]
                print("oack %s" % tftp_options(fields))
            elif op == 3:
                data += 1
                maxsize = max(maxsize, n - 4)
                run += 1
                maxrun = max(maxrun, run)
    if client is None:
        sys.exit("no TFTP read request in %s" % path)
    print("data %d" % data)
    print("acks %d" % acks)
    print("maxsize %d" % maxsize)
    print("maxrun %d" % maxrun)


def main():
    cmds = {"dhcp": cmd_dhcp, "tftp": cmd_tftp, "rrqs": cmd_rrqs,
            "xids": cmd_xids, "iscsi": cmd_iscsi}
    if len(sys.argv) != 3 or sys.argv[1] not in cmds:
        sys.exit("usage: pcap.py dhcp|tftp|rrqs|xids|iscsi FILE")
    cmds[sys.argv[1]](sys.argv[2])


if __name__ == "__main__":
    main()
