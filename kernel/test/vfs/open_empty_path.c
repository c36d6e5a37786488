/*
 * The empty path names nothing: ENOENT, with or without O_CREAT.
 */
#include "vfstest.h"

KTEST(vfs_open_empty_path, "vfs.open.empty_path")
{
	KT_CHECK_EQ(do_open("", O_RDONLY), -ENOENT);
	KT_CHECK_EQ(do_open("", O_RDWR | O_CREAT), -ENOENT);
}
