/*
 * vmmap_write() then vmmap_read() of a run of bytes that crosses a page
 * boundary inside one area gives the bytes back; untouched bytes read as
 * zeros.
 */
#include "vmtest.h"

KTEST(vm_vmmap_read_write, "vm.vmmap.read_write")
{
	vmmap_t *map = vmmap_create();
	if (!KT_CHECK(map != NULL)) {
		return;
	}
	vmt_area(map, 50, 3);
	static char in[600], out[700];
	for (size_t i = 0; i < sizeof(in); i++) {
		in[i] = (char)(i * 7 + 1);
	}
	char *at = (char *)(51 * PAGE_SIZE) - 300; /* 300 bytes in page 50, 300 in page 51 */
	KT_CHECK_EQ(vmmap_write(map, at, in, sizeof(in)), 0);
	KT_CHECK_EQ(vmmap_read(map, at - 50, out, sizeof(out)), 0);
	KT_CHECK_EQ(out[0], 0);
	KT_CHECK_EQ(out[49], 0);
	KT_CHECK(memcmp(out + 50, in, sizeof(in)) == 0);
	KT_CHECK_EQ(out[650], 0);
	vmmap_destroy(map);
}
