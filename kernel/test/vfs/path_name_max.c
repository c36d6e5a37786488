/*
 * A name of exactly NAME_LEN bytes works (create, find, list); one byte
 * more fails with ENAMETOOLONG, as the last name and in the middle.
 */
#include "vfstest.h"

KTEST(vfs_path_name_max, "vfs.path.name_max")
{
	if (!vt_begin()) {
		return;
	}
	char path[64], longer[64], middle[80];
	char name[NAME_LEN + 2];
	memset(name, 'n', NAME_LEN);
	name[NAME_LEN] = '\0';
	snprintf(path, sizeof(path), VT_DIR "/%s", name);
	KT_CHECK_EQ(vt_mkfile(path, "x"), 0);
	KT_CHECK(vt_ino(path) >= 0);
	int fd = do_open(VT_DIR, O_RDONLY);
	dirent_t d;
	bool listed = false;
	while (do_getdent(fd, &d) > 0) {
		listed |= strcmp(d.d_name, name) == 0;
	}
	KT_CHECK(listed);
	do_close(fd);
	name[NAME_LEN] = 'n';
	name[NAME_LEN + 1] = '\0';
	snprintf(longer, sizeof(longer), VT_DIR "/%s", name);
	KT_CHECK_EQ(do_open(longer, O_RDWR | O_CREAT), -ENAMETOOLONG);
	KT_CHECK_EQ(do_mkdir(longer), -ENAMETOOLONG);
	KT_CHECK_EQ(vt_ino(longer), -ENAMETOOLONG);
	snprintf(middle, sizeof(middle), VT_DIR "/%s/x", name);
	KT_CHECK_EQ(vt_ino(middle), -ENAMETOOLONG);
	vt_end();
}
