/* The "cxz" compressed format of the firmware's 32-bit payload: written
 * at build time by util/cxz.c, read back by arch/x86/prefix/unpack.S
 * before any C runs.
 *
 * A 16-byte header (little-endian words):
 *
 *   0  magic     CXZ_MAGIC ("CXZ3")
 *   4  out_len   bytes after decompression
 *   8  in_len    bytes of compressed data after the header
 *   12 check     FNV-1a (32-bit) of those in_len bytes
 *
 * then the input, as the x86 call filter (below) left it, as LZ77
 * tokens whose every bit is range coded (the binary adaptive coder
 * that LZMA uses): a bit is coded with the probability, out of
 * 2^CXZ_PROB_BITS, that its context gives a 0 (even at the start), and
 * that probability then moves 1/2^CXZ_PROB_SHIFT of the way towards
 * what the bit was.  The decoder keeps range (starting at 2^32 - 1) and
 * code (the stream's first 4 bytes, big-endian); for each bit, bound =
 * (range >> CXZ_PROB_BITS) * probability: code < bound is a 0 (range =
 * bound), else a 1 (code and range less bound); while range < 2^24,
 * both shift left 8 bits and the next byte goes into code.
 *
 * The state is 1 after a literal or a raw run, 0 after a copy and at
 * the start.  Tokens (context in brackets):
 *
 *   0 [TOKEN+state], 8 bits [LIT tree]    a literal
 *   1 [TOKEN+state], 0 [KIND+state], N [OFFSET], N [LEN]
 *                     copy N[LEN] + 1 bytes from N[OFFSET] back in the
 *                     output; that offset becomes "the last offset"
 *   1, 1 [KIND+state], N [REP_LEN] in state 1: copy N + 1 bytes from
 *                     the last offset
 *   1, 1 [KIND+state], N [RAW_LEN], bytes  in state 0: a raw run of
 *                     N + 1 bytes, each 8 bits (most significant first)
 *                     at even odds, [RAW_BIT] being set back to even
 *                     before each bit (incompressible data costs
 *                     8 bits a byte)
 *
 * A literal is coded most significant bit first down a binary tree:
 * node 1, then 2 * node + bit, the context being node in the table of
 * the top CXZ_LIT_CTX_BITS bits of the byte before (0 at the start).
 * A number N >= 1 of a group: k, the count of bits after its leading 1,
 * in unary (k 1s and a 0, the i-th in [group + CXZ_NUM_MORE + i]), then
 * those bits from the most significant, bit j in [group + CXZ_NUM_BITS
 * + j].  Copies may overlap the bytes they produce (a run).  Decoding
 * stops when out_len bytes have been produced.
 *
 * The x86 call filter makes the many calls (E8, call rel32) and jumps
 * (E9, jmp rel32) to one place look alike: scanning from the start, an
 * E8 or E9 with 4 bytes after it is an operand, and the scan resumes
 * after it; in n bytes of data, an operand v in [-n, n) becomes v plus
 * the offset of the byte after it, turned around within [-n, n) (the
 * absolute target, for a branch inside the data).  What lies outside
 * that window (most of what is not code) stays as it is, so the decoder
 * finds the same operands and subtracts what the encoder added. */
#ifndef X86_CXZ_H
#define X86_CXZ_H

#define CXZ_MAGIC 0x335a5843
#define CXZ_HDR_MAGIC 0
#define CXZ_HDR_OUT_LEN 4
#define CXZ_HDR_IN_LEN 8
#define CXZ_HDR_CHECK 12
#define CXZ_HDR_SIZE 16

#define CXZ_FNV_BASIS 0x811c9dc5
#define CXZ_FNV_PRIME 0x01000193

#define CXZ_X86_CALL 0xe8		/* and E9: the low bit is ignored */

#define CXZ_PROB_BITS 12
#define CXZ_PROB_SHIFT 5
#define CXZ_LIT_CTX_BITS 3

/* Contexts: indices into the table of probabilities */
#define CXZ_CTX_TOKEN 0			/* [2] literal or not, by state */
#define CXZ_CTX_KIND 2			/* [2] new offset or not, by state */
#define CXZ_CTX_RAW_BIT 4		/* even odds, for raw runs */
#define CXZ_CTX_OFFSET 6		/* number groups */
#define CXZ_CTX_LEN (CXZ_CTX_OFFSET + CXZ_NUM_SIZE)
#define CXZ_CTX_RAW_LEN (CXZ_CTX_LEN + CXZ_NUM_SIZE)
#define CXZ_CTX_REP_LEN (CXZ_CTX_RAW_LEN + CXZ_NUM_SIZE)
#define CXZ_CTX_LIT (CXZ_CTX_REP_LEN + CXZ_NUM_SIZE)
#define CXZ_CTX_COUNT (CXZ_CTX_LIT + (256 << CXZ_LIT_CTX_BITS))

/* A number group: */
#define CXZ_NUM_MORE 0			/* [32] */
#define CXZ_NUM_BITS 32			/* [32] */
#define CXZ_NUM_SIZE 64

#endif
