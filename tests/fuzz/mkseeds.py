#!/usr/bin/env python3
"""Write seed inputs for the fuzz harnesses.

  mkseeds.py OUTDIR [PCAPDIR]

OUTDIR/<name>/ gets a few valid inputs per harness (dhcp, tftp, ipv4,
dns, tcp, http, iscsi, uri, settings), built here from the RFCs' formats.  If
PCAPDIR is given and exists, the DHCP, TFTP and IPv4 packets of every
capture under it (classic pcap or pcapng, Ethernet) are added as further
seeds.

Harness inputs that carry packets are records: ctl (1 byte), length
(2 bytes, big-endian), data; see tests/fuzz/fuzz.h and each harness
for what ctl means.
"""

import hashlib
import os
import struct
import sys

OUR_MAC = bytes([2, 0, 0, 0, 0, 10])
PEER_MAC = bytes([2, 0, 0, 0, 0, 2])
BCAST_MAC = b"\xff" * 6


def ip(n):
    return bytes([198, 18, 0, n])


OUR_IP = ip(10)
PEER_IP = ip(2)


def rec(ctl, data):
    return bytes([ctl]) + struct.pack(">H", len(data)) + data


def write(outdir, name, data):
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, name), "wb") as f:
        f.write(data)


# ---- DHCP (RFC 2131, 2132, 3396) ----

def opt(code, data):
    return bytes([code, len(data)]) + data


def bootp(op=2, yiaddr=b"\0" * 4, siaddr=b"\0" * 4, sname=b"",
          file=b"", options=b"", xid=b"\x12\x34\x56\x78"):
    pkt = bytes([op, 1, 6, 0]) + xid + b"\0" * 4
    pkt += b"\0" * 4 + yiaddr + siaddr + b"\0" * 4
    pkt += OUR_MAC + b"\0" * 10
    pkt += sname.ljust(64, b"\0") + file.ljust(128, b"\0")
    return pkt + b"\x63\x82\x53\x63" + options + b"\xff"


def lease_options(msg_type, server=1):
    return (opt(53, bytes([msg_type])) + opt(54, ip(server)) +
            opt(51, struct.pack(">I", 3600)) +
            opt(1, bytes([255, 255, 255, 0])) + opt(3, ip(1)) +
            opt(6, ip(1) + ip(3)) + opt(12, b"client") +
            opt(15, b"example.test") + opt(17, b"iscsi:198.18.0.4::::iqn.x") +
            opt(175, opt(8, b"\1") + opt(1, b"\xff") + opt(235, b"\0\1\0")) +
            opt(209, b"pxelinux.cfg/default") + opt(210, b"tftp://198.18.0.2/"))


def dhcp_seeds(out):
    offer = bootp(yiaddr=OUR_IP, siaddr=PEER_IP, file=b"pxelinux.0",
                  options=lease_options(2))
    ack = bootp(yiaddr=OUR_IP, siaddr=PEER_IP, file=b"pxelinux.0",
                options=lease_options(5))
    nak = bootp(options=opt(53, b"\6") + opt(54, ip(1)))
    proxy_offer = bootp(siaddr=PEER_IP, options=(
        opt(53, b"\2") + opt(54, ip(5)) + opt(60, b"PXEClient") +
        opt(43, opt(6, b"\x08") + opt(71, b"\x80\x00\x00\x00")) +
        opt(67, b"undionly.kpxe\0")))
    proxy_ack = bootp(siaddr=PEER_IP, options=(
        opt(53, b"\5") + opt(54, ip(5)) + opt(60, b"PXEClient") +
        opt(67, b"boot.ipxe")))
    overloaded = bootp(yiaddr=OUR_IP, options=(
        opt(52, b"\3") + opt(53, b"\5") + opt(54, ip(1))),
        file=opt(67, b"boot/over.ipxe") + opt(12, b"b") + b"\xff",
        sname=opt(66, b"198.18.0.2") + b"\0\0\xff")
    split = bootp(yiaddr=OUR_IP, options=(
        opt(53, b"\5") + opt(54, ip(1)) +
        opt(175, opt(8, b"\1") + b"\xb0") + opt(175, b"\1\1") +
        opt(12, b"a" * 255) + opt(12, b"b" * 20) +
        opt(43, opt(6, b"\x08") + b"\x47\x09")))

    # Sender in ctl bits 4-5: 0 = .1:67, 1 = .5:67, 2 = .5:4011.
    write(out, "dora", rec(0, offer) + rec(3, ack))
    write(out, "proxy", rec(0, offer) + rec(0x10, proxy_offer) +
          rec(3, ack) + rec(0x23, proxy_ack))
    write(out, "proxy-silent", rec(0x10, proxy_offer) + rec(0, offer) +
          rec(3, ack))
    write(out, "nak", rec(0, offer) + rec(5, nak) + rec(5, offer) +
          rec(5, ack))
    write(out, "overloaded", rec(0, overloaded.replace(
        opt(53, b"\5"), opt(53, b"\2"))) + rec(3, overloaded))
    write(out, "split", rec(0, split))
    write(out, "bad-magic", rec(0, offer[:236] + b"\0\0\0\0" + offer[240:]))
    write(out, "short", rec(0, offer[:241]))


# ---- TFTP (RFC 1350, 2347, 2348, 2349, 7440) ----

def oack(**opts):
    body = b""
    for name, value in opts.items():
        body += name.encode() + b"\0" + str(value).encode() + b"\0"
    return b"\0\6" + body


def data(block, payload):
    return struct.pack(">HH", 3, block & 0xffff) + payload


def error(code, text):
    return struct.pack(">HH", 5, code) + text + b"\0"


def tftp_seeds(out):
    # ctl bits 3-4 choose the sender: 0 = server port 1069, 1 = server
    # port 2000, 2 = server port 69, 3 = another host.
    write(out, "oack", rec(0, oack(blksize=1432, tsize=3000, windowsize=4)) +
          rec(0, data(1, b"a" * 1432)) + rec(0, data(2, b"b" * 1432)) +
          rec(0, data(3, b"c" * 136)))
    write(out, "plain", rec(0, data(1, b"x" * 512)) +
          rec(3, data(2, b"y" * 100)))
    write(out, "error", rec(0, error(1, b"File not found")))
    write(out, "reorder", rec(0, oack(blksize=8, tsize=40, windowsize=2)) +
          rec(0, data(2, b"2" * 8)) + rec(0, data(1, b"1" * 8)) +
          rec(1, data(2, b"2" * 8)) + rec(3, data(3, b"3" * 8)) +
          rec(4, data(5, b"5" * 8)) + rec(4, data(4, b"4" * 8)) +
          rec(0, data(5, b"5" * 8)) + rec(0, data(6, b"")))
    write(out, "stranger", rec(0, oack(blksize=512, tsize=600)) +
          rec(0x18, data(1, b"s" * 512)) + rec(0x08, data(1, b"t" * 512)) +
          rec(0, data(1, b"u" * 512)) + rec(5, data(2, b"v" * 88)))
    write(out, "bad-oack", rec(0, oack(blksize=65464)))
    write(out, "timeout", rec(0, oack(tsize=1024)) +
          rec(6, data(1, b"w" * 512)) + rec(7, data(2, b"z" * 512)))


# ---- Ethernet, ARP, IPv4 ----

def checksum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack(">%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return struct.pack(">H", ~s & 0xffff)


def eth(dest, proto, payload):
    return dest + PEER_MAC + struct.pack(">H", proto) + payload


def ipv4(proto, payload, src=PEER_IP, dest=OUR_IP, ident=1, frags=0,
         options=b""):
    hlen = 20 + len(options)
    hdr = struct.pack(">BBHHHBB", 0x40 | hlen // 4, 0, hlen + len(payload),
                      ident, frags, 64, proto) + b"\0\0" + src + dest
    hdr += options
    return hdr[:10] + checksum(hdr) + hdr[12:] + payload


def udp(sport, dport, payload, src=PEER_IP, dest=OUR_IP, with_sum=True):
    length = 8 + len(payload)
    head = struct.pack(">HHHH", sport, dport, length, 0)
    if not with_sum:
        return head + payload
    pseudo = src + dest + struct.pack(">BBH", 0, 17, length)
    return head[:6] + checksum(pseudo + head + payload) + payload


def icmp_echo(kind, ident, seq, payload):
    head = struct.pack(">BBHHH", kind, 0, 0, ident, seq)
    return head[:2] + checksum(head + payload) + head[4:] + payload


def arp(op, tha, tpa, sha=PEER_MAC, spa=PEER_IP):
    return struct.pack(">HHBBH", 1, 0x0800, 6, 4, op) + sha + spa + tha + tpa


def ipv4_seeds(out):
    to_us = 0x30     # fix checksums, header from the peer to us
    frame_ip = lambda p: eth(OUR_MAC, 0x0800, p)
    dgram = udp(4000, 7777, bytes(range(40)), with_sum=False)
    frags = [ipv4(17, dgram[0:16], ident=7, frags=0x2000),
             ipv4(17, dgram[16:32], ident=7, frags=0x2000 | 2),
             ipv4(17, dgram[32:], ident=7, frags=4)]

    write(out, "arp-request", rec(to_us, eth(BCAST_MAC, 0x0806,
                                             arp(1, b"\0" * 6, OUR_IP))))
    write(out, "arp-reply", rec(to_us, eth(OUR_MAC, 0x0806,
                                           arp(2, OUR_MAC, OUR_IP))))
    write(out, "ping", rec(to_us, frame_ip(ipv4(1, icmp_echo(
        8, 1, 1, b"0123456789abcdef")))) + rec(to_us, eth(
            OUR_MAC, 0x0806, arp(2, OUR_MAC, OUR_IP))))
    write(out, "pong", rec(to_us, frame_ip(ipv4(1, icmp_echo(
        0, 1, 1, bytes(range(24)))))))
    write(out, "udp", rec(to_us, frame_ip(ipv4(17, udp(
        4000, 7777, b"hello")))) + rec(to_us, frame_ip(ipv4(17, udp(
            4000, 69, b"\0\1file\0octet\0")))))
    write(out, "fragments", b"".join(rec(to_us, frame_ip(f))
                                     for f in reversed(frags)))
    write(out, "fragment-timeout", rec(to_us, frame_ip(frags[0])) +
          rec(to_us | 7, frame_ip(frags[1])) +
          rec(to_us, frame_ip(frags[2])))
    write(out, "fragment-overlap", rec(to_us, frame_ip(
        ipv4(17, dgram[0:24], ident=8, frags=0x2000))) +
        rec(to_us, frame_ip(ipv4(17, dgram[16:], ident=8, frags=2))))
    write(out, "fragment-queue", b"".join(
        rec(to_us | 0x08, frame_ip(ipv4(17, b"q" * 8, ident=i,
                                         frags=0x2000 | i)))
        for i in range(40)))
    write(out, "broadcast", rec(0x10, eth(BCAST_MAC, 0x0800, ipv4(
        17, udp(68, 7777, b"x", dest=ip(255)), dest=ip(255)))))
    write(out, "ip-options", rec(to_us, frame_ip(ipv4(
        17, udp(1, 7777, b"opt"), options=b"\x94\x04\0\0"))))
    write(out, "runt", rec(0, OUR_MAC + PEER_MAC + b"\x08"))


# ---- DNS (RFC 1035): replies to the harness's last query (ctl bit 3):
# flags and answer count, then the answers ----

def rr(owner, rtype, rdata, ttl=300):
    return owner + struct.pack(">HHIH", rtype, 1, ttl, len(rdata)) + rdata


def dns_seeds(out):
    a = rr(b"\xc0\x0c", 1, ip(2))
    alias = rr(b"\xc0\x0c", 5, b"\3mid\7example\4test\0")
    write(out, "answer", rec(0x08, b"\x81\x80\0\1" + a))
    write(out, "answer-short", rec(0x08, b"\x81\x80\0\1" + a + b"\0"))
    write(out, "nxdomain", rec(0x08, b"\x81\x83\0\0") +
          rec(0x08, b"\x81\x83\0\0") + rec(0x08, b"\x81\x80\0\1" + a))
    write(out, "cname", rec(0x08, b"\x81\x80\0\1" + alias) +
          rec(0x08, b"\x81\x80\0\1" + a))
    write(out, "chain", rec(0x08, b"\x81\x80\0\2" + alias +
                            rr(b"\3mid\7example\4test\0", 1, ip(3))))
    write(out, "truncated", rec(0x08, b"\x83\x80\0\0"))
    write(out, "servfail", rec(0x08, b"\x81\x82\0\0") +
          rec(0x18, b"\x81\x80\0\1" + a))
    write(out, "late", rec(0x0d, b"\x81\x80\0\1" + a) +
          rec(0x38, b"\x81\x80\0\1" + a))
    write(out, "cancel", rec(0x88, b"\x81\x83\0\0"))


# ---- URIs and settings ----

URIS = [
    b"tftp://198.18.0.1/boot/pxelinux.0",
    b"http://user:pw@host:8080/a/b?x=1#frag",
    b"iscsi:198.18.0.1::::iqn.2007-08.x:y",
    b"http://[fe80::1]:8080/x",
    b"ftp://j%40x:p%3aw%25@h%2Dst/a%20b?c%20d#e%20f",
    b"file:///boot/x.efi",
    b"http://boot.example/a/b/c/d;p?q\0../../../g",
    b"http://a/b/c/d;p?q\0g;x?y#s",
    b"tftp://198.18.0.2/\0.././//./x/../y?#",
    b"data:text/plain,hi?there#f\0//other/p",
    b"HTTP://H:80\0?q",
]

SETTINGS = [
    b"ip\x00198.18.0.99\x00${fz/ip} ${fz.sub/hostname} ${net0/mac}",
    b"175.8:uint8\x000x7f\x00${fz/175.8} ${netX/mac:hexhyp}",
    b"fz.tmp/foo:hex\x0001:02:ff\x00${${fz.sub/hostname}} ${unknown}",
    b"net0/filename\x00http://x/${fz/ip}\x00${net0.dhcp/filename:hex}",
    b"uuid:uuid\x00c0ffee00-0000-4000-8000-000000000001\x00${uuid}",
    b"61:hexhyp\x0001-02-03\x00${fz.sub/61:hexraw}${fz.sub/61:uuid}",
    b"x:int16\x00-32768\x00${x:int32}${",
    b"12.1:ipv4\x00255.255.255.255\x00$${{}}}",
]


SCRIPTS = [
    b"#!ipxe\r\n:start echo ${net0/mac:hexhyp} || goto start\n",
    b"#!gpxe\nset a b \\\ncontinued\n  :l2\ndhcp && goto l2 ||\n",
    b"echo \"a  b\" 'c' ; # comment || x\n:x exit 3\nlast\\",
]


def text_seeds(out, items):
    for i, item in enumerate(items):
        write(out, "seed%02d" % i, item)


# ---- captures ----

def frames(path):
    """Ethernet frames of a classic pcap or pcapng file."""
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 24:
        return
    magic = raw[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1",
                 b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = "<" if magic[0] in (0xd4, 0x4d) else ">"
        if struct.unpack(e + "I", raw[20:24])[0] != 1:
            return
        pos = 24
        while pos + 16 <= len(raw):
            incl = struct.unpack(e + "I", raw[pos + 8:pos + 12])[0]
            yield raw[pos + 16:pos + 16 + incl]
            pos += 16 + incl
    elif magic == b"\x0a\x0d\x0d\x0a":
        e, links, pos = "<", [], 0
        while pos + 12 <= len(raw):
            if raw[pos:pos + 4] == b"\x0a\x0d\x0d\x0a":
                e = "<" if raw[pos + 8:pos + 12] == b"\x4d\x3c\x2b\x1a" \
                    else ">"
                links = []
            btype, blen = struct.unpack(e + "II", raw[pos:pos + 8])
            if blen < 12:
                return
            body = raw[pos + 8:pos + blen - 4]
            if btype == 1:
                links.append(struct.unpack(e + "H", body[:2])[0])
            elif btype == 6 and len(body) >= 20:
                iface, _, _, cap = struct.unpack(e + "IIII", body[:16])
                if iface < len(links) and links[iface] == 1:
                    yield body[20:20 + cap]
            elif btype == 3 and links and links[0] == 1:
                yield body[4:]
            pos += blen


def udp_of(frame):
    """(src ip, sport, dest ip, dport, payload) of an IPv4/UDP frame."""
    if len(frame) < 34 or frame[12:14] != b"\x08\x00":
        return None
    hlen = (frame[14] & 15) * 4
    if frame[23] != 17 or len(frame) < 14 + hlen + 8:
        return None
    u = frame[14 + hlen:]
    sport, dport, length = struct.unpack(">HHH", u[:6])
    return frame[26:30], sport, frame[30:34], dport, u[8:max(length, 8)]


def to_us(frame):
    """The frame as if sent to us: our MAC and, for IPv4, our address
    (the harness fills in the checksums)."""
    frame = bytearray(OUR_MAC + frame[6:])
    if len(frame) >= 34 and frame[12:14] == b"\x08\x00":
        frame[30:34] = OUR_IP
    return bytes(frame)


def capture_seeds(outdir, pcapdir):
    for top, _, files in os.walk(pcapdir):
        for name in sorted(files):
            if not name.endswith((".pcap", ".pcapng")):
                continue
            try:
                got = list(frames(os.path.join(top, name)))
            except (OSError, struct.error):
                continue
            tag = hashlib.sha1(name.encode()).hexdigest()[:8]
            add_capture(outdir, tag, got)


def add_capture(outdir, tag, got):
    """Seeds from one capture: its frames for ipv4, each BOOTP packet
    and the conversation's replies for dhcp, and for tftp what servers
    sent in each transfer plus any odd packet on its own."""
    bootp_recs, transfers = b"", []
    client = None
    for i in range(0, min(len(got), 64), 8):
        write(os.path.join(outdir, "ipv4"), "cap-%s-%d" % (tag, i),
              b"".join(rec(0x30, to_us(f)[:4000]) for f in got[i:i + 8]))
    for frame in got:
        u = udp_of(frame)
        if not u:
            continue
        src, sport, dest, dport, payload = u
        name = "cap-" + hashlib.sha1(payload).hexdigest()[:12]
        if {sport, dport} & {67, 68, 4011} and len(payload) >= 240:
            write(os.path.join(outdir, "dhcp"), name, rec(0, payload))
            if payload[0] == 2:
                bootp_recs += rec(0x20 if sport == 4011 else 0, payload)
        elif dport == 69 and payload[:2] == b"\0\1":
            client = (src, sport)
            transfers.append(b"")
        elif client and (dest, dport) == client:
            transfers[-1] += rec(0, payload)
        elif len(payload) >= 2 and payload[0] == 0 and \
                payload[1] in (2, 5, 6):
            write(os.path.join(outdir, "tftp"), name, rec(0, payload))
    if bootp_recs:
        write(os.path.join(outdir, "dhcp"), "cap-%s-all" % tag, bootp_recs)
    for i, recs in enumerate(transfers[:8]):
        if recs:
            write(os.path.join(outdir, "tftp"), "cap-%s-%d" % (tag, i),
                  recs[:6000])


def seg(seq, ack, flags, payload=b"", options=b"", win=1024):
    """A record body for fuzz_tcp: sequence and acknowledgement relative
    to each side's first, flags, data offset, window, options, data."""
    hlen = 20 + len(options)
    return (struct.pack(">IIBBH", seq, ack, flags, (hlen // 4) << 4, win) +
            options + payload)


def tcp_seeds(out):
    syn_ack = seg(0, 1, 0x12, options=bytes([2, 4, 5, 0xb4, 1, 3, 3, 2,
                                             4, 2, 1, 1]))
    write(out, "in-order", rec(0, syn_ack) + rec(0x20, seg(1, 19, 0x10,
          b"HTTP/1.1 200 OK\r\n")) + rec(0, seg(20, 19, 0x11)))
    write(out, "out-of-order", rec(0, syn_ack) +
          rec(0, seg(101, 1, 0x10, b"b" * 100)) +
          rec(0, seg(301, 1, 0x10, b"d" * 100)) +
          rec(0, seg(1, 1, 0x10, b"a" * 100)) +
          rec(0, seg(201, 1, 0x18, b"c" * 100)))
    write(out, "reset", rec(0, syn_ack) + rec(0, seg(1, 1, 0x04)))
    write(out, "refused", rec(0, seg(0, 1, 0x14)))
    write(out, "close", rec(0, syn_ack) + rec(0x40, seg(1, 2, 0x11)))
    write(out, "timeout", rec(0, syn_ack) + rec(0x25, seg(1, 1, 0x10)))


def http_seeds(out):
    write(out, "length", rec(0, b"HTTP/1.1 200 OK\r\nContent-Length: 5"
                                 b"\r\n\r\nhello"))
    write(out, "chunked", rec(0, b"HTTP/1.1 200 OK\r\nTransfer-Encoding: "
                                  b"chunked\r\n\r\n5;x=y\r\nhel") +
          rec(1, b"lo\r\n0\r\nTrailer: 1\r\n\r\n"))
    write(out, "redirect", rec(0, b"HTTP/1.1 302 Found\r\nLocation: /x"
                                   b"\r\nContent-Length: 0\r\n\r\n"))
    write(out, "close", rec(0, b"HTTP/1.0 200 OK\r\n\r\nuntil close"))
    write(out, "continue", rec(0, b"HTTP/1.1 100 Continue\r\n\r\n"
                                   b"HTTP/1.1 404 Not Found\r\n"
                                   b"Content-Length: 3\r\n\r\nabc"))


# ---- iSCSI (RFC 7143): what a target says to fuzz_iscsi's session ----

def bhs(op, flags, itt, data=b"", fields=b"", statsn=0, byte2=0, byte3=0):
    """A target PDU: fields are bytes 20..47 after StatSN is put in."""
    h = bytes([op, flags, byte2, byte3, 0]) + struct.pack(">I", len(data))[1:]
    h += b"\0" * 8 + struct.pack(">I", itt)
    rest = bytearray(fields.ljust(28, b"\0"))
    rest[4:8] = struct.pack(">I", statsn)
    pad = b"\0" * (-len(data) % 4)
    return h + bytes(rest) + data + pad


def login_rsp(flags, text, statsn, cls=0, detail=0):
    fields = bytearray(28)
    fields[16] = cls
    fields[17] = detail
    return bhs(0x23, flags, 0, text, bytes(fields), statsn)


def data_in(itt, payload, statsn, offset=0, final=True):
    fields = bytearray(28)
    fields[0:4] = b"\xff" * 4
    fields[20:24] = struct.pack(">I", offset)
    return bhs(0x25, 0x81 if final else 0, itt, payload, bytes(fields),
               statsn)


def iscsi_seeds(out):
    logged_in = (rec(0, login_rsp(0x81, b"AuthMethod=None\0", 0)) +
                 rec(0, login_rsp(0x87, b"InitialR2T=Yes\0ImmediateData=No"
                                        b"\0MaxRecvDataSegmentLength=512\0",
                                  1)))
    inquiry = bytes(36)
    capacity = struct.pack(">II", 0xff, 512)
    ready = (logged_in + rec(0, data_in(1, inquiry, 2)) +
             rec(0, bhs(0x21, 0x80, 2, statsn=3)) +
             rec(0, data_in(3, capacity, 4)))
    write(out, "login", logged_in)
    write(out, "read", ready + rec(0x08 | 0x20, data_in(4, b"r" * 512, 5,
                                                        final=False)) +
          rec(0, data_in(4, b"s" * 512, 6, offset=512)))
    r2t = bytearray(28)
    r2t[0:4] = struct.pack(">I", 0x77)
    r2t[24:28] = struct.pack(">I", 1024)
    write(out, "write", ready + rec(0x10 | 0x20, bhs(0x31, 0x80, 4, b"",
                                                     bytes(r2t), 5)) +
          rec(0, bhs(0x21, 0x80, 4, statsn=5)))
    sense = struct.pack(">H", 18) + bytes([0x70, 0, 6]) + bytes(9) + \
        bytes([0x29, 0]) + bytes(4)
    write(out, "unit-attention", logged_in + rec(0, data_in(1, inquiry, 2)) +
          rec(0, bhs(0x21, 0x80, 2, sense, statsn=3, byte3=2)) +
          rec(0, bhs(0x21, 0x80, 3, statsn=4)))
    nop = bytearray(28)
    nop[0:4] = struct.pack(">I", 0x1234)
    write(out, "nop", ready + rec(0, bhs(0x20, 0x80, 0xffffffff, b"ping",
                                         bytes(nop), 5)))
    event = bytearray(28)
    event[16] = 1
    write(out, "async-logout", ready +
          rec(0, bhs(0x32, 0x80, 0xffffffff, b"", bytes(event), 5)) +
          rec(0, bhs(0x26, 0x80, 5, statsn=6)))
    write(out, "reject", ready + rec(0x08, bhs(0x3f, 0x80, 0xffffffff,
                                               bytes(48), byte2=4)))
    write(out, "chap", rec(0, login_rsp(0x00, b"AuthMethod=CHAP\0", 0)) +
          rec(0, login_rsp(0x00, b"CHAP_A=5\0CHAP_I=1\0CHAP_C=0x0102\0", 1)))
    write(out, "redirect", rec(0, login_rsp(0x00, b"TargetAddress=198.18.0.3"
                                                  b":3261,1\0", 0, cls=1,
                                            detail=1)))
    write(out, "refused", rec(0, login_rsp(0x00, b"", 0, cls=2, detail=1)))


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: mkseeds.py OUTDIR [PCAPDIR]")
    out = sys.argv[1]
    dhcp_seeds(os.path.join(out, "dhcp"))
    tftp_seeds(os.path.join(out, "tftp"))
    ipv4_seeds(os.path.join(out, "ipv4"))
    dns_seeds(os.path.join(out, "dns"))
    tcp_seeds(os.path.join(out, "tcp"))
    http_seeds(os.path.join(out, "http"))
    iscsi_seeds(os.path.join(out, "iscsi"))
    text_seeds(os.path.join(out, "uri"), URIS)
    text_seeds(os.path.join(out, "settings"), SETTINGS)
    text_seeds(os.path.join(out, "script"), SCRIPTS)
    if len(sys.argv) == 3 and os.path.isdir(sys.argv[2]):
        capture_seeds(out, sys.argv[2])


if __name__ == "__main__":
    main()
