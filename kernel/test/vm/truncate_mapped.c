/*
 * Truncating a file that a process maps (open with O_TRUNC) never frees a
 * frame a page table maps: the mapped pages are detached from the file
 * (mm/pframe.h, "Truncating a mapped file").  A MAP_SHARED and a
 * MAP_PRIVATE mapping each keep their frame with the bytes they showed,
 * and those frames stay allocated while the test takes and frees many
 * pages; the file reads as empty, and a write after the truncation goes
 * into a new page, which a new fault on that part of the file maps.  A
 * write through the old shared mapping never reaches the file, even when
 * the area is unmapped (its frame is no longer the file's page).
 */
#include "mm/page.h"
#include "vfs/fcntl.h"
#include "vfs/vfs.h"
#include "vfs/vfs_syscall.h"
#include "vm/mmap.h"
#include "vm/pagefault.h"
#include "vmtest.h"

#define PATH "/vmt_trunc"
#define NALLOC 64

/* Whether the user page at 'va' maps a frame in use; its physical address in *pa. */
static bool mapped_frame(uintptr_t va, paddr_t *pa)
{
	if (pt_lookup(curproc->p_pagedir, va, pa, NULL) < 0) {
		return false;
	}
	return page_allocated(phys_to_virt(*pa));
}

/* Takes and frees NALLOC frames: a frame freed by mistake would be taken again. */
static void churn(paddr_t keep1, paddr_t keep2)
{
	static void *pages[NALLOC];
	size_t n = 0;
	while (n < NALLOC && (pages[n] = page_alloc()) != NULL) {
		KT_CHECK(virt_to_phys(pages[n]) != keep1 && virt_to_phys(pages[n]) != keep2);
		memset(pages[n], 0x5a, PAGE_SIZE);
		n++;
	}
	while (n > 0) {
		page_free(pages[--n]);
	}
}

static void body(void)
{
	vmmap_t *map = vmt_map();
	int fd = do_open(PATH, O_RDWR | O_CREAT);
	if (!KT_CHECK(fd >= 0)) {
		return;
	}
	static char data[2 * PAGE_SIZE];
	for (size_t i = 0; i < sizeof(data); i++) {
		data[i] = (char)('A' + i % 26);
	}
	KT_CHECK_EQ(do_write(fd, data, sizeof(data)), (ssize_t)sizeof(data));
	void *shared = NULL, *priv = NULL;
	int err = do_mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0, &shared);
	if (strcmp(vfs_root_fs->fs_type, "s5fs") != 0) {
		ktest_note("root file system %s: files cannot be mapped", vfs_root_fs->fs_type);
		KT_CHECK_EQ(err, -ENODEV);
		do_close(fd);
		KT_CHECK_EQ(do_unlink(PATH), 0);
		return;
	}
	if (!KT_CHECK_EQ(err, 0) ||
	    !KT_CHECK_EQ(do_mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, PAGE_SIZE, &priv),
			 0)) {
		do_close(fd);
		do_unlink(PATH);
		return;
	}
	uintptr_t s = (uintptr_t)shared, p = (uintptr_t)priv;
	/* Page 0 written through the shared mapping, page 1 read through the private one. */
	KT_CHECK_EQ(vm_pagefault(s, FAULT_USER | FAULT_WRITE), 0);
	KT_CHECK_EQ(vm_pagefault(p, FAULT_USER), 0);
	KT_CHECK_EQ(vm_pagefault(s + PAGE_SIZE, FAULT_USER | FAULT_WRITE), 0);
	paddr_t spa = 0, ppa = 0;
	KT_CHECK(mapped_frame(s, &spa));
	KT_CHECK(mapped_frame(p, &ppa));
	KT_CHECK_EQ(vmmap_write(map, (char *)shared + 5, "shared", 6), 0);
	vmarea_t *vma = vmmap_lookup(map, s >> PAGE_SHIFT);
	mobj_t *fobj = vma != NULL ? vma->vma_obj : NULL;

	int tfd = do_open(PATH, O_RDWR | O_TRUNC);
	if (KT_CHECK(tfd >= 0)) {
		stat_t st;
		KT_CHECK_EQ(do_fstat(tfd, &st), 0);
		KT_CHECK_EQ(st.st_size, 0);
		char c;
		KT_CHECK_EQ(do_read(tfd, &c, 1), 0);
	}
	/* The pages are no longer the file's, but their frames and bytes stay. */
	if (fobj != NULL) {
		KT_CHECK(!pframe_resident(fobj, 0));
		KT_CHECK(!pframe_resident(fobj, 1));
	}
	paddr_t pa;
	KT_CHECK(mapped_frame(s, &pa) && pa == spa);
	KT_CHECK(mapped_frame(p, &pa) && pa == ppa);
	churn(spa, ppa);
	char *sk = phys_to_virt(spa), *pk = phys_to_virt(ppa);
	KT_CHECK(memcmp(sk, data, 5) == 0 && memcmp(sk + 5, "shared", 6) == 0);
	KT_CHECK(memcmp(pk, data + PAGE_SIZE, 16) == 0);
	/* A write through the old shared mapping (this process's page table is the live one). */
	if (KT_CHECK(pt_current() == curproc->p_pagedir)) {
		char *user = (char *)shared;
		user[PAGE_SIZE + 7] = '!';
		KT_CHECK(mapped_frame(s + PAGE_SIZE, &pa) && ((char *)phys_to_virt(pa))[7] == '!');
	}

	/* The file grows again: a new page, which a new fault maps. */
	if (tfd >= 0) {
		KT_CHECK_EQ(do_write(tfd, "new", 3), 3);
		char buf[PAGE_SIZE];
		KT_CHECK_EQ(do_lseek(tfd, 0, SEEK_SET), 0);
		KT_CHECK_EQ(do_read(tfd, buf, sizeof(buf)), 3);
		KT_CHECK(memcmp(buf, "new", 3) == 0);
	}
	pt_unmap(curproc->p_pagedir, s);
	tlb_flush(s);
	KT_CHECK_EQ(vm_pagefault(s, FAULT_USER), 0);
	if (KT_CHECK(mapped_frame(s, &pa))) {
		KT_CHECK(pa != spa);
		KT_CHECK(memcmp(phys_to_virt(pa), "new\0\0", 5) == 0);
	}
	KT_CHECK(page_allocated(sk)); /* the detached page is still its object's */

	KT_CHECK_EQ(do_munmap(shared, 2 * PAGE_SIZE), 0);
	KT_CHECK_EQ(do_munmap(priv, PAGE_SIZE), 0);
	if (tfd >= 0) {
		char buf[8];
		KT_CHECK_EQ(do_lseek(tfd, 0, SEEK_SET), 0);
		KT_CHECK_EQ(do_read(tfd, buf, sizeof(buf)), 3);
		do_close(tfd);
	}
	KT_CHECK_EQ(do_close(fd), 0);
	KT_CHECK_EQ(do_unlink(PATH), 0);
}

KTEST(vm_truncate_mapped, "vm.mmap.truncate_mapped")
{
	vmt_in_proc(body);
}
