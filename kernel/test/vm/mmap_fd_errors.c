/*
 * do_mmap() of a file: -EBADF for a descriptor that is not open, -EACCES
 * for a file not open for reading, and -EACCES for MAP_SHARED with
 * PROT_WRITE on a file not open for writing; -ENODEV for a directory and
 * a device, which cannot be mapped.
 */
#include "vfs/fcntl.h"
#include "vfs/vfs_syscall.h"
#include "vm/mmap.h"
#include "vmtest.h"

static void body(void)
{
	void *r = NULL;
	KT_CHECK_EQ(do_mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, 17, 0, &r), -EBADF);
	KT_CHECK_EQ(do_mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, -1, 0, &r), -EBADF);
	int fd = do_open("/vmt_file", O_RDWR | O_CREAT);
	if (!KT_CHECK(fd >= 0)) {
		return;
	}
	KT_CHECK_EQ(do_close(fd), 0);
	int wr = do_open("/vmt_file", O_WRONLY);
	int rd = do_open("/vmt_file", O_RDONLY);
	int dir = do_open("/", O_RDONLY);
	int dev = do_open("/dev/null", O_RDWR);
	KT_CHECK(wr >= 0 && rd >= 0 && dir >= 0 && dev >= 0);
	KT_CHECK_EQ(do_mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, wr, 0, &r), -EACCES);
	KT_CHECK_EQ(do_mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, rd, 0, &r),
		    -EACCES);
	KT_CHECK_EQ(do_mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, dir, 0, &r), -ENODEV);
	KT_CHECK_EQ(do_mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, dev, 0, &r), -ENODEV);
	KT_CHECK_EQ(vmmap_count(vmt_map()), 0);
	do_close(wr);
	do_close(rd);
	do_close(dir);
	do_close(dev);
	KT_CHECK_EQ(do_unlink("/vmt_file"), 0);
}

KTEST(vm_mmap_fd_errors, "vm.mmap.fd_errors")
{
	vmt_in_proc(body);
}
