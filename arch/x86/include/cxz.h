/* The "cxz" compressed format of the firmware's 32-bit payload: written
 * at build time by util/cxz.c, read back by arch/x86/prefix/unpack.S
 * before any C runs.
 *
 * A 16-byte header (little-endian words):
 *
 *   0  magic     CXZ_MAGIC ("CXZ2")
 *   4  out_len   bytes after decompression
 *   8  in_len    bytes of compressed data after the header
 *   12 check     FNV-1a (32-bit) of those in_len bytes
 *
 * then an LZ77 stream of the input as the x86 call filter (below) left
 * it: one byte stream into which 8-bit control words are interleaved.
 * Control bits are taken most significant first; when a control word
 * is used up, the next byte of the stream at the moment a bit is wanted
 * is the next control word.  Tokens:
 *
 *   0 <byte>                 a literal byte
 *   1 0 G(h + 2) <byte l> G(n)
 *                            copy n bytes from offset h * 256 + l + 1
 *                            back in the output; that offset becomes
 *                            "the last offset"
 *   1 1 G(n)                 after a literal or a raw run: copy n bytes
 *                            from the last offset
 *   1 1 G(n) <n bytes>       after a copy or at the start: a raw run,
 *                            n bytes as they are (incompressible data
 *                            costs a few bytes per run, not a bit a byte)
 *
 * G(v), v >= 2, is an interleaved Elias gamma code: for each bit of v
 * after its leading 1, most significant first, the bit and then 1 if
 * more bits follow or 0 after the last.  Lengths are at least 2.
 * Copies may overlap the bytes they produce (a run).  Decoding stops
 * when out_len bytes have been produced.
 *
 * The x86 call filter makes the many calls to one function look alike:
 * scanning from the start, a byte E8 (call rel32) with 4 bytes after it
 * is an operand, and the scan resumes after it; if the operand's top
 * byte is 00 or FF, its low 24 bits are turned from relative to
 * absolute (adding the offset of the byte after the operand, modulo
 * 2^24).  Neither the E8s nor the top bytes change, so the decoder
 * finds the same operands and subtracts what the encoder added. */
#ifndef X86_CXZ_H
#define X86_CXZ_H

#define CXZ_MAGIC 0x325a5843
#define CXZ_HDR_MAGIC 0
#define CXZ_HDR_OUT_LEN 4
#define CXZ_HDR_IN_LEN 8
#define CXZ_HDR_CHECK 12
#define CXZ_HDR_SIZE 16

#define CXZ_FNV_BASIS 0x811c9dc5
#define CXZ_FNV_PRIME 0x01000193

#define CXZ_X86_CALL 0xe8

#endif
