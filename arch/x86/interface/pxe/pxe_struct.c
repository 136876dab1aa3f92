/* The PXENV+ and !PXE structures an NBP finds us by. */
#include <string.h>
#include <pxe.h>

uint8_t pxe_checksum(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint8_t sum = 0;

	while (len--)
		sum += *p++;
	return -sum;
}

static void pxe_segdesc(struct segdesc *d, uint16_t seg, uint16_t size)
{
	d->segment_address = seg;
	d->physical_address = (uint32_t)seg << 4;
	d->seg_size = size;
}

void pxe_fill_structs(struct s_PXENV *pxenv, struct s_PXE *pxe,
		      struct segoff16 pxe_at, const struct pxe_layout *l)
{
	memset(pxenv, 0, sizeof(*pxenv));
	memcpy(pxenv->Signature, "PXENV+", 6);
	pxenv->Version = 0x0201;
	pxenv->Length = sizeof(*pxenv);
	pxenv->RMEntry = l->pxenv_entry;
	pxenv->StackSeg = l->stack_seg;
	pxenv->StackSize = l->stack_size;
	/* We are base code and UNDI at once: both are our segments. */
	pxenv->BC_CodeSeg = pxenv->UNDICodeSeg = l->code_seg;
	pxenv->BC_CodeSize = pxenv->UNDICodeSize = l->code_size;
	pxenv->BC_DataSeg = pxenv->UNDIDataSeg = l->data_seg;
	pxenv->BC_DataSize = pxenv->UNDIDataSize = l->data_size;
	pxenv->PXEPtr = pxe_at;
	pxenv->Checksum = pxe_checksum(pxenv, sizeof(*pxenv));

	memset(pxe, 0, sizeof(*pxe));
	memcpy(pxe->Signature, "!PXE", 4);
	pxe->StructLength = sizeof(*pxe);
	pxe->EntryPointSP = l->pxe_entry;
	pxe->SegDescCnt = 7;
	pxe_segdesc(&pxe->Stack, l->stack_seg, l->stack_size);
	pxe_segdesc(&pxe->UNDIData, l->data_seg, l->data_size);
	pxe_segdesc(&pxe->UNDICode, l->code_seg, l->code_size);
	pxe_segdesc(&pxe->UNDICodeWrite, l->code_seg, l->code_size);
	pxe_segdesc(&pxe->BC_Data, l->data_seg, l->data_size);
	pxe_segdesc(&pxe->BC_Code, l->code_seg, l->code_size);
	pxe_segdesc(&pxe->BC_CodeWrite, l->code_seg, l->code_size);
	pxe->StructCksum = pxe_checksum(pxe, sizeof(*pxe));
}
