/*
 * A path of MAXPATHLEN bytes or more fails with ENAMETOOLONG, even when
 * every name in it is short; one byte shorter is looked up normally.
 */
#include "vfstest.h"

KTEST(vfs_path_too_long, "vfs.path.too_long")
{
	static char path[MAXPATHLEN + 1];
	for (int i = 0; i < MAXPATHLEN; i += 2) {
		path[i] = '/';
		path[i + 1] = '.';
	}
	path[MAXPATHLEN] = '\0';
	stat_t st;
	KT_CHECK_EQ(do_stat(path, &st), -ENAMETOOLONG);
	path[MAXPATHLEN - 1] = '\0';
	KT_CHECK_EQ(do_stat(path, &st), 0);
}
