/*
 * A file mapped with do_mmap(): on S5FS, a MAP_SHARED mapping shows the
 * file's bytes, a write through it is read back by read(), and the
 * mapping holds the vnode until it is removed; a MAP_PRIVATE mapping's
 * write stays private.  On ramfs, whose files cannot be mapped, do_mmap()
 * fails with -ENODEV.
 */
#include "vfs/fcntl.h"
#include "vfs/vfs.h"
#include "vfs/vfs_syscall.h"
#include "vm/mmap.h"
#include "vmtest.h"

#define PATH "/vmt_mapped"

static void body(void)
{
	vmmap_t *map = vmt_map();
	int fd = do_open(PATH, O_RDWR | O_CREAT);
	if (!KT_CHECK(fd >= 0)) {
		return;
	}
	static char data[PAGE_SIZE + 100];
	for (size_t i = 0; i < sizeof(data); i++) {
		data[i] = (char)('a' + i % 23);
	}
	KT_CHECK_EQ(do_write(fd, data, sizeof(data)), (ssize_t)sizeof(data));
	void *shared = NULL, *priv = NULL;
	int err = do_mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0, &shared);
	ktest_note("root file system: %s", vfs_root_fs->fs_type);
	if (strcmp(vfs_root_fs->fs_type, "s5fs") != 0) {
		KT_CHECK_EQ(err, -ENODEV);
		do_close(fd);
		KT_CHECK_EQ(do_unlink(PATH), 0);
		return;
	}
	if (!KT_CHECK_EQ(err, 0)) {
		do_close(fd);
		do_unlink(PATH);
		return;
	}
	KT_CHECK_EQ(
	    do_mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, PAGE_SIZE, &priv), 0);
	vmarea_t *vma = vmmap_lookup(map, (uintptr_t)shared >> PAGE_SHIFT);
	if (KT_CHECK(vma != NULL)) {
		KT_CHECK(vma->vma_vnode != NULL);
		KT_CHECK_EQ(vma->vma_obj->mo_type, MOBJ_VNODE);
	}
	char buf[8];
	KT_CHECK_EQ(vmmap_read(map, (char *)shared + PAGE_SIZE + 1, buf, 3), 0);
	KT_CHECK(memcmp(buf, data + PAGE_SIZE + 1, 3) == 0);
	KT_CHECK_EQ(vmmap_read(map, priv, buf, 3), 0);
	KT_CHECK(memcmp(buf, data + PAGE_SIZE, 3) == 0);
	/* A write through the shared mapping reaches the file. */
	KT_CHECK_EQ(vmmap_write(map, (char *)shared + 10, "XYZ", 3), 0);
	/* A write through the private one does not. */
	KT_CHECK_EQ(vmmap_write(map, priv, "PRV", 3), 0);
	KT_CHECK_EQ(do_close(fd), 0); /* the mappings keep the file */
	fd = do_open(PATH, O_RDONLY);
	if (KT_CHECK(fd >= 0)) {
		char got[16];
		KT_CHECK_EQ(do_read(fd, got, 13), 13);
		KT_CHECK(memcmp(got + 10, "XYZ", 3) == 0);
		KT_CHECK_EQ(do_lseek(fd, PAGE_SIZE, SEEK_SET), PAGE_SIZE);
		KT_CHECK_EQ(do_read(fd, got, 3), 3);
		KT_CHECK(memcmp(got, data + PAGE_SIZE, 3) == 0);
		do_close(fd);
	}
	KT_CHECK_EQ(do_munmap(shared, 2 * PAGE_SIZE), 0);
	KT_CHECK_EQ(do_munmap(priv, PAGE_SIZE), 0);
	KT_CHECK_EQ(do_unlink(PATH), 0);
}

KTEST(vm_mmap_file, "vm.mmap.file")
{
	vmt_in_proc(body);
}
