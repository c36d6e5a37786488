/*
 * A file written in odd-sized pieces across page boundaries reads back
 * byte for byte, in one read and in pieces.
 */
#include "vfstest.h"

KTEST(vfs_write_pages, "vfs.write.pages")
{
	if (!vt_begin()) {
		return;
	}
	int fd = do_open(VT_DIR "/f", O_RDWR | O_CREAT);
	static char data[3 * 4096 + 1], back[3 * 4096 + 1];
	for (size_t i = 0; i < sizeof(data); i++) {
		data[i] = (char)(i * 7 + i / 4096);
	}
	size_t done = 0;
	for (size_t piece = 1; done < sizeof(data); piece = piece * 3 + 1) {
		size_t n = MIN(piece, sizeof(data) - done);
		KT_CHECK_EQ(do_write(fd, data + done, n), (ssize_t)n);
		done += n;
	}
	KT_CHECK_EQ(vt_size(VT_DIR "/f"), (long)sizeof(data));
	KT_CHECK_EQ(do_lseek(fd, 0, SEEK_SET), 0);
	KT_CHECK_EQ(do_read(fd, back, sizeof(back)), (ssize_t)sizeof(back));
	KT_CHECK(memcmp(data, back, sizeof(data)) == 0);
	KT_CHECK_EQ(do_lseek(fd, 4095, SEEK_SET), 4095);
	KT_CHECK_EQ(do_read(fd, back, 2), 2);
	KT_CHECK(back[0] == data[4095] && back[1] == data[4096]);
	vt_end();
}
