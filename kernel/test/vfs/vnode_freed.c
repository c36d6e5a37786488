/*
 * A vnode lives only while it is referenced: opening a file makes one
 * resident, closing the last descriptor frees it.
 */
#include "vfstest.h"

KTEST(vfs_vnode_freed, "vfs.vnode.freed")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "x"), 0);
	int resident = vnode_count();
	int fd = do_open(VT_DIR "/f", O_RDONLY);
	int fd2 = do_dup(fd);
	KT_CHECK_EQ(vnode_count(), resident + 1);
	KT_CHECK_EQ(do_close(fd), 0);
	KT_CHECK_EQ(vnode_count(), resident + 1);
	KT_CHECK_EQ(do_close(fd2), 0);
	KT_CHECK_EQ(vnode_count(), resident);
	vt_end();
}
