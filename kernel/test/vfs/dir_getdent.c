/*
 * do_getdent() lists every entry of a directory exactly once, '.' and '..'
 * included, with the right inode numbers and types, then returns 0.
 */
#include "vfstest.h"

KTEST(vfs_dir_getdent, "vfs.dir.getdent")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(VT_DIR "/sub"), 0);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/file", "x"), 0);
	KT_CHECK_EQ(do_mknod(VT_DIR "/dev", S_IFCHR, DEVID_ZERO), 0);
	const char *names[] = {".", "..", "sub", "file", "dev"};
	const uint8_t types[] = {DT_DIR, DT_DIR, DT_DIR, DT_REG, DT_CHR};
	int seen[5] = {0};
	int fd = do_open(VT_DIR, O_RDONLY);
	dirent_t d;
	int n = 0, ret;
	while ((ret = do_getdent(fd, &d)) > 0) {
		n++;
		for (int i = 0; i < 5; i++) {
			if (strcmp(d.d_name, names[i]) == 0) {
				seen[i]++;
				KT_CHECK_EQ(d.d_type, types[i]);
				char path[32];
				snprintf(path, sizeof(path), VT_DIR "/%s", names[i]);
				KT_CHECK_EQ((long)d.d_ino, vt_ino(path));
			}
		}
	}
	KT_CHECK_EQ(ret, 0);
	KT_CHECK_EQ(n, 5);
	for (int i = 0; i < 5; i++) {
		KT_CHECK_EQ(seen[i], 1);
	}
	KT_CHECK_EQ(do_getdent(fd, &d), 0);
	KT_CHECK_EQ(do_lseek(fd, 0, SEEK_SET), 0);
	KT_CHECK_EQ(do_getdent(fd, &d), 1);
	vt_end();
}
