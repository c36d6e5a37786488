/*
 * vmmap_read()/vmmap_write() across two adjacent areas work as one run;
 * a run that reaches a page with no area fails with -EFAULT.
 */
#include "vmtest.h"

KTEST(vm_vmmap_read_write_areas, "vm.vmmap.read_write_areas")
{
	vmmap_t *map = vmmap_create();
	if (!KT_CHECK(map != NULL)) {
		return;
	}
	vmt_area(map, 10, 1);
	vmarea_t *b = NULL;
	KT_CHECK_EQ(vmmap_map(map, NULL, 11, 1, PROT_READ, MAP_SHARED, 0, VMMAP_DIR_LOHI, &b), 0);
	char in[64], out[64];
	for (size_t i = 0; i < sizeof(in); i++) {
		in[i] = (char)('A' + i % 26);
	}
	char *at = (char *)(11 * PAGE_SIZE) - 32;
	KT_CHECK_EQ(vmmap_write(map, at, in, sizeof(in)), 0);
	KT_CHECK_EQ(vmmap_read(map, at, out, sizeof(out)), 0);
	KT_CHECK(memcmp(in, out, sizeof(in)) == 0);
	/* Page 12 has no area. */
	KT_CHECK_EQ(vmmap_read(map, (char *)(12 * PAGE_SIZE) - 8, out, 16), -EFAULT);
	KT_CHECK_EQ(vmmap_write(map, (char *)(12 * PAGE_SIZE) - 8, in, 16), -EFAULT);
	KT_CHECK_EQ(vmmap_read(map, (void *)(9 * PAGE_SIZE), out, 1), -EFAULT);
	vmmap_destroy(map);
}
