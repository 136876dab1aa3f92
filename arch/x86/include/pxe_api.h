/* The PXE API as a network bootstrap program (NBP) sees it: the PXENV+
 * and !PXE structures, the opcodes, the status codes and every
 * parameter block, laid out byte for byte as the PXE 2.1 specification
 * and the gPXE/iPXE FILE extensions define them.  All fields are
 * little-endian except IP addresses and UDP ports, which are in network
 * order as on the wire. */
#ifndef X86_PXE_API_H
#define X86_PXE_API_H
#include <stdint.h>
#include <stddef.h>

/* A real-mode far pointer as it lies in memory: offset, then segment. */
struct segoff16 {
	uint16_t offset;
	uint16_t segment;
} __attribute__((packed));

/* A segment as !PXE describes it to a protected-mode caller. */
struct segdesc {
	uint16_t segment_address;
	uint32_t physical_address;
	uint16_t seg_size;
} __attribute__((packed));

#define PXE_MAC_ADDR_LEN 16

/* ---- Entry points ---- */

/* Call results (AX on return) */
#define PXENV_EXIT_SUCCESS 0x0000
#define PXENV_EXIT_FAILURE 0x0001

/* INT 1Ah with AX = PXENV_INSTALL_CHECK answers AX = PXENV_INSTALLED,
 * CF clear and ES:BX pointing at the PXENV+ structure. */
#define PXENV_INSTALL_CHECK 0x5650
#define PXENV_INSTALLED 0x564e

struct s_PXENV {
	uint8_t Signature[6];           /* "PXENV+" */
	uint16_t Version;               /* 0x0201 */
	uint8_t Length;
	uint8_t Checksum;               /* bytes of Length sum to 0 */
	struct segoff16 RMEntry;
	uint32_t PMOffset;              /* deprecated: 0 */
	uint16_t PMSelector;
	uint16_t StackSeg;
	uint16_t StackSize;
	uint16_t BC_CodeSeg;
	uint16_t BC_CodeSize;
	uint16_t BC_DataSeg;
	uint16_t BC_DataSize;
	uint16_t UNDIDataSeg;
	uint16_t UNDIDataSize;
	uint16_t UNDICodeSeg;
	uint16_t UNDICodeSize;
	struct segoff16 PXEPtr;         /* the !PXE structure */
} __attribute__((packed));

struct s_PXE {
	uint8_t Signature[4];           /* "!PXE" */
	uint8_t StructLength;
	uint8_t StructCksum;            /* bytes of StructLength sum to 0 */
	uint8_t StructRev;              /* 0 */
	uint8_t reserved_1;
	struct segoff16 UNDIROMID;
	struct segoff16 BaseROMID;
	struct segoff16 EntryPointSP;   /* real mode, 16-bit stack */
	struct segoff16 EntryPointESP;  /* 32-bit stack */
	struct segoff16 StatusCallout;
	uint8_t reserved_2;
	uint8_t SegDescCnt;             /* 7 */
	uint16_t FirstSelector;
	struct segdesc Stack;
	struct segdesc UNDIData;
	struct segdesc UNDICode;
	struct segdesc UNDICodeWrite;
	struct segdesc BC_Data;
	struct segdesc BC_Code;
	struct segdesc BC_CodeWrite;
} __attribute__((packed));

/* ---- Status codes (the Status word of every parameter block) ---- */

#define PXENV_STATUS_SUCCESS 0x00
#define PXENV_STATUS_FAILURE 0x01
#define PXENV_STATUS_BAD_FUNC 0x02
#define PXENV_STATUS_UNSUPPORTED 0x03
#define PXENV_STATUS_KEEP_UNDI 0x04
#define PXENV_STATUS_KEEP_ALL 0x05
#define PXENV_STATUS_OUT_OF_RESOURCES 0x06
#define PXENV_STATUS_ARP_TIMEOUT 0x11
#define PXENV_STATUS_UDP_CLOSED 0x18
#define PXENV_STATUS_UDP_OPEN 0x19
#define PXENV_STATUS_TFTP_CLOSED 0x1a
#define PXENV_STATUS_TFTP_OPEN 0x1b
#define PXENV_STATUS_MCOPY_PROBLEM 0x20
#define PXENV_STATUS_TFTP_CANNOT_ARP_ADDRESS 0x30
#define PXENV_STATUS_TFTP_OPEN_TIMEOUT 0x32
#define PXENV_STATUS_TFTP_UNKNOWN_OPCODE 0x33
#define PXENV_STATUS_TFTP_READ_TIMEOUT 0x35
#define PXENV_STATUS_TFTP_ERROR_OPCODE 0x36
#define PXENV_STATUS_TFTP_CANNOT_OPEN_CONNECTION 0x38
#define PXENV_STATUS_TFTP_CANNOT_READ_FROM_CONNECTION 0x39
#define PXENV_STATUS_TFTP_TOO_MANY_PACKAGES 0x3a
#define PXENV_STATUS_TFTP_FILE_NOT_FOUND 0x3b
#define PXENV_STATUS_TFTP_ACCESS_VIOLATION 0x3c
#define PXENV_STATUS_TFTP_NO_MCAST_ADDRESS 0x3d
#define PXENV_STATUS_TFTP_NO_FILESIZE 0x3e
#define PXENV_STATUS_TFTP_INVALID_PACKET_SIZE 0x3f
#define PXENV_STATUS_DHCP_TIMEOUT 0x51
#define PXENV_STATUS_DHCP_NO_IP_ADDRESS 0x52
#define PXENV_STATUS_DHCP_NO_BOOTFILE_NAME 0x53
#define PXENV_STATUS_DHCP_BAD_IP_ADDRESS 0x54
#define PXENV_STATUS_UNDI_INVALID_FUNCTION 0x60
#define PXENV_STATUS_UNDI_MEDIATEST_FAILED 0x61
#define PXENV_STATUS_UNDI_CANNOT_INIT_NIC_FOR_MCAST 0x62
#define PXENV_STATUS_UNDI_CANNOT_INITIALIZE_NIC 0x63
#define PXENV_STATUS_UNDI_CANNOT_INITIALIZE_PHY 0x64
#define PXENV_STATUS_UNDI_CANNOT_READ_CONFIG_DATA 0x65
#define PXENV_STATUS_UNDI_CANNOT_READ_INIT_DATA 0x66
#define PXENV_STATUS_UNDI_BAD_MAC_ADDRESS 0x67
#define PXENV_STATUS_UNDI_BAD_EEPROM_CHECKSUM 0x68
#define PXENV_STATUS_UNDI_ERROR_SETTING_ISR 0x69
#define PXENV_STATUS_UNDI_INVALID_STATE 0x6a
#define PXENV_STATUS_UNDI_TRANSMIT_ERROR 0x6b
#define PXENV_STATUS_UNDI_INVALID_PARAMETER 0x6c
#define PXENV_STATUS_BINL_CANCELED_BY_KEYSTROKE 0xa0
#define PXENV_STATUS_BINL_NO_PXE_SERVER 0xa1
#define PXENV_STATUS_NOT_AVAILABLE_IN_PMODE 0xa2
#define PXENV_STATUS_NOT_AVAILABLE_IN_RMODE 0xa3
#define PXENV_STATUS_LOADER_NO_FREE_BASE_MEMORY 0xc0

/* ---- Opcodes (BX at the PXENV+ entry, the first stack word at !PXE) */

#define PXENV_START_UNDI 0x0000
#define PXENV_UNDI_STARTUP 0x0001
#define PXENV_UNDI_CLEANUP 0x0002
#define PXENV_UNDI_INITIALIZE 0x0003
#define PXENV_UNDI_RESET_ADAPTER 0x0004
#define PXENV_UNDI_SHUTDOWN 0x0005
#define PXENV_UNDI_OPEN 0x0006
#define PXENV_UNDI_CLOSE 0x0007
#define PXENV_UNDI_TRANSMIT 0x0008
#define PXENV_UNDI_SET_MCAST_ADDRESS 0x0009
#define PXENV_UNDI_SET_STATION_ADDRESS 0x000a
#define PXENV_UNDI_SET_PACKET_FILTER 0x000b
#define PXENV_UNDI_GET_INFORMATION 0x000c
#define PXENV_UNDI_GET_STATISTICS 0x000d
#define PXENV_UNDI_CLEAR_STATISTICS 0x000e
#define PXENV_UNDI_INITIATE_DIAGS 0x000f
#define PXENV_UNDI_FORCE_INTERRUPT 0x0010
#define PXENV_UNDI_GET_MCAST_ADDRESS 0x0011
#define PXENV_UNDI_GET_NIC_TYPE 0x0012
#define PXENV_UNDI_GET_IFACE_INFO 0x0013
#define PXENV_UNDI_ISR 0x0014
#define PXENV_STOP_UNDI 0x0015
/* The specification gives GET_STATE the number of STOP_UNDI; a call
 * with it is taken as STOP_UNDI, which NBPs use when they unload us. */
#define PXENV_UNDI_GET_STATE 0x0015
#define PXENV_TFTP_OPEN 0x0020
#define PXENV_TFTP_CLOSE 0x0021
#define PXENV_TFTP_READ 0x0022
#define PXENV_TFTP_READ_FILE 0x0023
#define PXENV_TFTP_GET_FSIZE 0x0025
#define PXENV_UDP_OPEN 0x0030
#define PXENV_UDP_CLOSE 0x0031
#define PXENV_UDP_READ 0x0032
#define PXENV_UDP_WRITE 0x0033
#define PXENV_UNLOAD_STACK 0x0070
#define PXENV_GET_CACHED_INFO 0x0071
#define PXENV_RESTART_TFTP 0x0073
#define PXENV_START_BASE 0x0075
#define PXENV_STOP_BASE 0x0076
/* gPXE/iPXE extensions */
#define PXENV_FILE_OPEN 0x00e0
#define PXENV_FILE_CLOSE 0x00e1
#define PXENV_FILE_SELECT 0x00e2
#define PXENV_FILE_READ 0x00e3
#define PXENV_GET_FILE_SIZE 0x00e4
#define PXENV_FILE_EXEC 0x00e5
#define PXENV_FILE_API_CHECK 0x00e6
#define PXENV_FILE_EXIT_HOOK 0x00e7
#define PXENV_FILE_CMDLINE 0x00e8
#define PXENV_FILE_MIN 0x00e0
#define PXENV_FILE_MAX 0x00ef

/* ---- Preboot ---- */

struct s_PXENV_STATUS_ONLY {          /* every call with no parameters */
	uint16_t Status;
} __attribute__((packed));

struct s_PXENV_START_UNDI {
	uint16_t Status;
	uint16_t AX, BX, DX, DI, ES;   /* as the ROM's init entry had them */
} __attribute__((packed));

struct s_PXENV_UNLOAD_STACK {
	uint16_t Status;
	uint8_t reserved[10];
} __attribute__((packed));

#define PXENV_PACKET_TYPE_DHCP_DISCOVER 1
#define PXENV_PACKET_TYPE_DHCP_ACK 2
#define PXENV_PACKET_TYPE_CACHED_REPLY 3

struct s_PXENV_GET_CACHED_INFO {
	uint16_t Status;
	uint16_t PacketType;
	uint16_t BufferSize;   /* 0: point Buffer at ours */
	struct segoff16 Buffer;
	uint16_t BufferLimit;  /* out: room behind Buffer */
} __attribute__((packed));

/* The packet buffer the spec calls BOOTPLAYER: a BOOTP header and up
 * to 1024 bytes of options (magic cookie included). */
#define PXE_BOOTP_VEND_LEN 1024
#define PXE_BOOTPLAYER_LEN (236 + PXE_BOOTP_VEND_LEN)

/* ---- TFTP ---- */

struct s_PXENV_TFTP_OPEN {
	uint16_t Status;
	uint32_t ServerIPAddress;
	uint32_t GatewayIPAddress;
	uint8_t FileName[128];
	uint16_t TFTPPort;             /* network order */
	uint16_t PacketSize;           /* asked; out: granted */
} __attribute__((packed));

struct s_PXENV_TFTP_READ {
	uint16_t Status;
	uint16_t PacketNumber;         /* out */
	uint16_t BufferSize;           /* out: bytes in this packet */
	struct segoff16 Buffer;
} __attribute__((packed));

struct s_PXENV_TFTP_READ_FILE {
	uint16_t Status;
	uint8_t FileName[128];
	uint32_t BufferSize;           /* in: room; out: file size */
	uint32_t Buffer;               /* physical address */
	uint32_t ServerIPAddress;
	uint32_t GatewayIPAddress;
	uint32_t McastIPAddress;
	uint16_t TFTPClntPort;
	uint16_t TFTPSrvPort;
	uint16_t TFTPOpenTimeOut;
	uint16_t TFTPReopenDelay;
} __attribute__((packed));

struct s_PXENV_TFTP_GET_FSIZE {
	uint16_t Status;
	uint32_t ServerIPAddress;
	uint32_t GatewayIPAddress;
	uint8_t FileName[128];
	uint32_t FileSize;             /* out */
} __attribute__((packed));

/* ---- UDP ---- */

struct s_PXENV_UDP_OPEN {
	uint16_t Status;
	uint32_t src_ip;               /* our address; 0 keeps it */
} __attribute__((packed));

struct s_PXENV_UDP_READ {
	uint16_t Status;
	uint32_t src_ip;               /* out */
	uint32_t dest_ip;              /* in: 0 any; out */
	uint16_t s_port;               /* out */
	uint16_t d_port;               /* in: 0 any; out */
	uint16_t buffer_size;          /* in: room; out: length */
	struct segoff16 buffer;
} __attribute__((packed));

struct s_PXENV_UDP_WRITE {
	uint16_t Status;
	uint32_t ip;
	uint32_t gw;
	uint16_t src_port;             /* 0: the spec's default, 2069 */
	uint16_t dst_port;
	uint16_t buffer_size;
	struct segoff16 buffer;
} __attribute__((packed));

#define PXE_UDP_DEFAULT_SRC_PORT 2069

/* ---- UNDI ---- */

#define PXE_MAXNUM_MCADDR 8

struct s_PXENV_UNDI_MCAST_ADDRESS {
	uint16_t MCastAddrCount;
	uint8_t McastAddr[PXE_MAXNUM_MCADDR][6];
} __attribute__((packed));

struct s_PXENV_UNDI_INITIALIZE {
	uint16_t Status;
	uint32_t ProtocolIni;
	uint8_t reserved[8];
} __attribute__((packed));

struct s_PXENV_UNDI_RESET {
	uint16_t Status;
	struct s_PXENV_UNDI_MCAST_ADDRESS R_Mcast_Buf;
} __attribute__((packed));

/* Receive filter bits */
#define FLTR_DIRECTED 0x0001
#define FLTR_BRDCST 0x0002
#define FLTR_PRMSCS 0x0004
#define FLTR_SRC_RTG 0x0008

struct s_PXENV_UNDI_OPEN {
	uint16_t Status;
	uint16_t OpenFlag;
	uint16_t PktFilter;
	struct s_PXENV_UNDI_MCAST_ADDRESS R_Mcast_Buf;
} __attribute__((packed));

/* Protocol of a frame to send or received */
#define P_UNKNOWN 0                    /* media header already there */
#define P_IP 1
#define P_ARP 2
#define P_RARP 3
#define P_OTHER 4
#define XMT_DESTADDR 0
#define XMT_BROADCAST 1
#define PXE_MAX_DATA_BLKS 8

struct s_PXENV_UNDI_TBD {
	uint16_t ImmedLength;
	struct segoff16 Xmit;
	uint16_t DataBlkCount;
	struct {
		uint8_t TDPtrType;             /* 1: TDDataPtr is SEG:OFF */
		uint8_t TDRsvdByte;
		uint16_t TDDataLen;
		struct segoff16 TDDataPtr;
	} __attribute__((packed)) DataBlock[PXE_MAX_DATA_BLKS];
} __attribute__((packed));

struct s_PXENV_UNDI_TRANSMIT {
	uint16_t Status;
	uint8_t Protocol;
	uint8_t XmitFlag;
	struct segoff16 DestAddr;
	struct segoff16 TBD;
	uint32_t Reserved[2];
} __attribute__((packed));

struct s_PXENV_UNDI_SET_MCAST_ADDRESS {
	uint16_t Status;
	struct s_PXENV_UNDI_MCAST_ADDRESS R_Mcast_Buf;
} __attribute__((packed));

struct s_PXENV_UNDI_SET_STATION_ADDRESS {
	uint16_t Status;
	uint8_t StationAddress[PXE_MAC_ADDR_LEN];
} __attribute__((packed));

struct s_PXENV_UNDI_SET_PACKET_FILTER {
	uint16_t Status;
	uint8_t filter;                /* a byte here, a word in OPEN */
} __attribute__((packed));

#define ETHER_TYPE 1                   /* hardware type (RFC 1700) */

struct s_PXENV_UNDI_GET_INFORMATION {
	uint16_t Status;
	uint16_t BaseIo;
	uint16_t IntNumber;
	uint16_t MaxTranUnit;
	uint16_t HwType;
	uint16_t HwAddrLen;
	uint8_t CurrentNodeAddress[PXE_MAC_ADDR_LEN];
	uint8_t PermNodeAddress[PXE_MAC_ADDR_LEN];
	uint16_t ROMAddress;
	uint16_t RxBufCt;
	uint16_t TxBufCt;
} __attribute__((packed));

struct s_PXENV_UNDI_GET_STATISTICS {
	uint16_t Status;
	uint32_t XmtGoodFrames;
	uint32_t RcvGoodFrames;
	uint32_t RcvCRCErrors;
	uint32_t RcvResourceErrors;
} __attribute__((packed));

struct s_PXENV_UNDI_GET_MCAST_ADDRESS {
	uint16_t Status;
	uint32_t InetAddr;
	uint8_t MediaAddr[PXE_MAC_ADDR_LEN];
} __attribute__((packed));

#define PCI_NIC 2
#define PnP_NIC 3
#define CardBus_NIC 4

struct pxe_pci_nic_info {
	uint16_t Vendor_ID;
	uint16_t Dev_ID;
	uint8_t Base_Class;
	uint8_t Sub_Class;
	uint8_t Prog_Intf;
	uint8_t Rev;
	uint16_t BusDevFunc;
	uint16_t SubVendor_ID;
	uint16_t SubDevice_ID;
} __attribute__((packed));

struct pxe_pnp_nic_info {
	uint32_t EISA_Dev_ID;
	uint8_t Base_Class;
	uint8_t Sub_Class;
	uint8_t Prog_Intf;
	uint16_t CardSelNum;
} __attribute__((packed));

struct s_PXENV_UNDI_GET_NIC_TYPE {
	uint16_t Status;
	uint8_t NicType;
	union {
		struct pxe_pci_nic_info pci;
		struct pxe_pci_nic_info cardbus;
		struct pxe_pnp_nic_info pnp;
	} __attribute__((packed)) info;
} __attribute__((packed));

/* Service flags of GET_IFACE_INFO (NDIS 2.0) */
#define SUPPORTED_BROADCAST 0x0001
#define SUPPORTED_MULTICAST 0x0002
#define SUPPORTED_GROUP 0x0004
#define SUPPORTED_PROMISCUOUS 0x0008
#define SUPPORTED_SET_STATION_ADDRESS 0x0010
#define SUPPORTED_DIAGNOSTICS 0x0040
#define SUPPORTED_RESET 0x0400
#define SUPPORTED_OPEN_CLOSE 0x0800
#define SUPPORTED_IRQ 0x1000

struct s_PXENV_UNDI_GET_IFACE_INFO {
	uint16_t Status;
	uint8_t IfaceType[16];          /* "DIX+802.3" for Ethernet */
	uint32_t LinkSpeed;             /* bits per second */
	uint32_t ServiceFlags;
	uint32_t Reserved[4];
} __attribute__((packed));

#define PXE_UNDI_GET_STATE_STARTED 1
#define PXE_UNDI_GET_STATE_INITIALIZED 2
#define PXE_UNDI_GET_STATE_OPENED 3

struct s_PXENV_UNDI_GET_STATE {
	uint16_t Status;
	uint8_t UNDIstate;
} __attribute__((packed));

/* FuncFlag in */
#define PXENV_UNDI_ISR_IN_START 1
#define PXENV_UNDI_ISR_IN_PROCESS 2
#define PXENV_UNDI_ISR_IN_GET_NEXT 3
/* FuncFlag out */
#define PXENV_UNDI_ISR_OUT_OURS 0       /* after START */
#define PXENV_UNDI_ISR_OUT_NOT_OURS 1
#define PXENV_UNDI_ISR_OUT_DONE 0       /* after PROCESS / GET_NEXT */
#define PXENV_UNDI_ISR_OUT_TRANSMIT 2
#define PXENV_UNDI_ISR_OUT_RECEIVE 3
#define PXENV_UNDI_ISR_OUT_BUSY 4
/* PktType */
#define P_DIRECTED 0
#define P_BROADCAST 1
#define P_MULTICAST 2

struct s_PXENV_UNDI_ISR {
	uint16_t Status;
	uint16_t FuncFlag;
	uint16_t BufferLength;
	uint16_t FrameLength;
	uint16_t FrameHeaderLength;
	struct segoff16 Frame;
	uint8_t ProtType;
	uint8_t PktType;
} __attribute__((packed));

/* ---- The gPXE/iPXE FILE extensions ---- */

struct s_PXENV_FILE_OPEN {
	uint16_t Status;
	uint16_t FileHandle;            /* out */
	struct segoff16 FileName;       /* a URI, NUL-terminated */
	uint32_t Reserved;
} __attribute__((packed));

struct s_PXENV_FILE_CLOSE {
	uint16_t Status;
	uint16_t FileHandle;
} __attribute__((packed));

#define RDY_READ 0x0001

struct s_PXENV_FILE_SELECT {
	uint16_t Status;
	uint16_t FileHandle;
	uint16_t Ready;                 /* out: RDY_READ or 0 */
} __attribute__((packed));

struct s_PXENV_FILE_READ {
	uint16_t Status;
	uint16_t FileHandle;
	uint16_t BufferSize;            /* in: room; out: read (0 at end) */
	struct segoff16 Buffer;
} __attribute__((packed));

struct s_PXENV_GET_FILE_SIZE {
	uint16_t Status;
	uint16_t FileHandle;
	uint32_t FileSize;
} __attribute__((packed));

struct s_PXENV_FILE_EXEC {
	uint16_t Status;
	struct segoff16 Command;
} __attribute__((packed));

/* FILE_API_CHECK's magic numbers and who we say we are */
#define PXE_API_CHECK_MAGIC_IN 0x91d447b2
#define PXE_API_CHECK_MAGIC_OUT 0xe9c17b20
#define PXE_API_CHECK_PROVIDER 0x45585067   /* what iPXE answers */

struct s_PXENV_FILE_API_CHECK {
	uint16_t Status;
	uint16_t Size;
	uint32_t Magic;
	uint32_t Provider;
	uint32_t APIMask;               /* bit n: opcode PXENV_FILE_MIN + n */
	uint32_t Flags;
} __attribute__((packed));

struct s_PXENV_FILE_EXIT_HOOK {
	uint16_t Status;
	struct segoff16 Hook;
} __attribute__((packed));

struct s_PXENV_FILE_CMDLINE {
	uint16_t Status;
	uint16_t BufferSize;            /* in: room; out: length with NUL */
	struct segoff16 Buffer;
} __attribute__((packed));

/* ---- Layout checks: sizes and offsets from the specification ---- */

#define PXE_CHECK_SIZE(type, size) \
	_Static_assert(sizeof(struct type) == (size), #type " size")
#define PXE_CHECK_AT(type, field, at) \
	_Static_assert(offsetof(struct type, field) == (at), #type "." #field)

PXE_CHECK_SIZE(segoff16, 4);
PXE_CHECK_SIZE(segdesc, 8);
PXE_CHECK_SIZE(s_PXENV, 0x2c);
PXE_CHECK_AT(s_PXENV, Checksum, 9);
PXE_CHECK_AT(s_PXENV, RMEntry, 0x0a);
PXE_CHECK_AT(s_PXENV, StackSeg, 0x14);
PXE_CHECK_AT(s_PXENV, UNDICodeSeg, 0x24);
PXE_CHECK_AT(s_PXENV, PXEPtr, 0x28);
PXE_CHECK_SIZE(s_PXE, 0x58);
PXE_CHECK_AT(s_PXE, UNDIROMID, 0x08);
PXE_CHECK_AT(s_PXE, EntryPointSP, 0x10);
PXE_CHECK_AT(s_PXE, EntryPointESP, 0x14);
PXE_CHECK_AT(s_PXE, StatusCallout, 0x18);
PXE_CHECK_AT(s_PXE, SegDescCnt, 0x1d);
PXE_CHECK_AT(s_PXE, FirstSelector, 0x1e);
PXE_CHECK_AT(s_PXE, Stack, 0x20);
PXE_CHECK_AT(s_PXE, BC_CodeWrite, 0x50);
PXE_CHECK_SIZE(s_PXENV_START_UNDI, 12);
PXE_CHECK_SIZE(s_PXENV_UNLOAD_STACK, 12);
PXE_CHECK_SIZE(s_PXENV_GET_CACHED_INFO, 12);
PXE_CHECK_AT(s_PXENV_GET_CACHED_INFO, Buffer, 6);
PXE_CHECK_SIZE(s_PXENV_TFTP_OPEN, 142);
PXE_CHECK_AT(s_PXENV_TFTP_OPEN, FileName, 10);
PXE_CHECK_AT(s_PXENV_TFTP_OPEN, TFTPPort, 138);
PXE_CHECK_SIZE(s_PXENV_TFTP_READ, 10);
PXE_CHECK_SIZE(s_PXENV_TFTP_READ_FILE, 158);
PXE_CHECK_AT(s_PXENV_TFTP_READ_FILE, BufferSize, 130);
PXE_CHECK_AT(s_PXENV_TFTP_READ_FILE, McastIPAddress, 146);
PXE_CHECK_SIZE(s_PXENV_TFTP_GET_FSIZE, 142);
PXE_CHECK_AT(s_PXENV_TFTP_GET_FSIZE, FileSize, 138);
PXE_CHECK_SIZE(s_PXENV_UDP_OPEN, 6);
PXE_CHECK_SIZE(s_PXENV_UDP_READ, 20);
PXE_CHECK_AT(s_PXENV_UDP_READ, buffer, 16);
PXE_CHECK_SIZE(s_PXENV_UDP_WRITE, 20);
PXE_CHECK_AT(s_PXENV_UDP_WRITE, buffer_size, 14);
PXE_CHECK_SIZE(s_PXENV_UNDI_MCAST_ADDRESS, 50);
PXE_CHECK_SIZE(s_PXENV_UNDI_INITIALIZE, 14);
PXE_CHECK_SIZE(s_PXENV_UNDI_RESET, 52);
PXE_CHECK_SIZE(s_PXENV_UNDI_OPEN, 56);
PXE_CHECK_SIZE(s_PXENV_UNDI_TBD, 72);
PXE_CHECK_AT(s_PXENV_UNDI_TBD, DataBlock, 8);
PXE_CHECK_SIZE(s_PXENV_UNDI_TRANSMIT, 20);
PXE_CHECK_AT(s_PXENV_UNDI_TRANSMIT, TBD, 8);
PXE_CHECK_SIZE(s_PXENV_UNDI_SET_STATION_ADDRESS, 18);
PXE_CHECK_SIZE(s_PXENV_UNDI_SET_PACKET_FILTER, 3);
PXE_CHECK_SIZE(s_PXENV_UNDI_GET_INFORMATION, 50);
PXE_CHECK_AT(s_PXENV_UNDI_GET_INFORMATION, CurrentNodeAddress, 12);
PXE_CHECK_AT(s_PXENV_UNDI_GET_INFORMATION, ROMAddress, 44);
PXE_CHECK_SIZE(s_PXENV_UNDI_GET_STATISTICS, 18);
PXE_CHECK_SIZE(s_PXENV_UNDI_GET_MCAST_ADDRESS, 22);
PXE_CHECK_SIZE(s_PXENV_UNDI_GET_NIC_TYPE, 17);
PXE_CHECK_AT(s_PXENV_UNDI_GET_NIC_TYPE, info, 3);
PXE_CHECK_SIZE(s_PXENV_UNDI_GET_IFACE_INFO, 42);
PXE_CHECK_AT(s_PXENV_UNDI_GET_IFACE_INFO, LinkSpeed, 18);
PXE_CHECK_SIZE(s_PXENV_UNDI_GET_STATE, 3);
PXE_CHECK_SIZE(s_PXENV_UNDI_ISR, 16);
PXE_CHECK_AT(s_PXENV_UNDI_ISR, Frame, 10);
PXE_CHECK_AT(s_PXENV_UNDI_ISR, ProtType, 14);
PXE_CHECK_SIZE(s_PXENV_FILE_OPEN, 12);
PXE_CHECK_SIZE(s_PXENV_FILE_CLOSE, 4);
PXE_CHECK_SIZE(s_PXENV_FILE_SELECT, 6);
PXE_CHECK_SIZE(s_PXENV_FILE_READ, 10);
PXE_CHECK_SIZE(s_PXENV_GET_FILE_SIZE, 8);
PXE_CHECK_SIZE(s_PXENV_FILE_EXEC, 6);
PXE_CHECK_SIZE(s_PXENV_FILE_API_CHECK, 20);
PXE_CHECK_SIZE(s_PXENV_FILE_EXIT_HOOK, 6);
PXE_CHECK_SIZE(s_PXENV_FILE_CMDLINE, 8);

#endif
