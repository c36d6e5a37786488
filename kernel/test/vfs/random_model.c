/*
 * A seeded random sequence of a few thousand file operations (create,
 * write at an offset, truncate, read back, unlink, rename, mkdir, rmdir,
 * stat) on a small set of names, each checked against a model the test
 * keeps: the result of every call (success or the exact error) and the
 * contents of every file.  The seed is printed; boot with vfs_seed=N to
 * replay a failure.
 */
#include "boot/pit.h"
#include "main/cmdline.h"
#include "vfstest.h"

#define RM_DIRS 3  /* VT_DIR itself, and two subdirectories d0 and d1 */
#define RM_NAMES 4 /* f0 .. f3 in each */
#define RM_SLOTS (RM_DIRS * RM_NAMES)
#define RM_MAXLEN 1500
#define RM_OPS 3000

typedef struct rm_model {
	bool dir_exists[RM_DIRS];
	bool exists[RM_SLOTS];
	size_t len[RM_SLOTS];
	uint8_t data[RM_SLOTS][RM_MAXLEN];
} rm_model_t;

static rm_model_t model;
static uint8_t buf[RM_MAXLEN + 16];
static uint32_t rm_state;

static uint32_t rm_rand(void)
{
	rm_state ^= rm_state << 13;
	rm_state ^= rm_state >> 17;
	rm_state ^= rm_state << 5;
	return rm_state;
}

static void rm_dir_path(int dir, char *path, size_t size)
{
	if (dir == 0) {
		snprintf(path, size, VT_DIR);
	} else {
		snprintf(path, size, VT_DIR "/d%d", dir - 1);
	}
}

static void rm_path(int slot, char *path, size_t size)
{
	char dir[16];
	rm_dir_path(slot / RM_NAMES, dir, sizeof(dir));
	snprintf(path, size, "%s/f%d", dir, slot % RM_NAMES);
}

static bool rm_dir_empty(int dir)
{
	for (int n = 0; n < RM_NAMES; n++) {
		if (model.exists[dir * RM_NAMES + n]) {
			return false;
		}
	}
	return true;
}

/* One random operation; false (with a note) when the kernel and the model disagree. */
static bool rm_step(int step)
{
	char path[32], path2[32];
	int slot = (int)(rm_rand() % RM_SLOTS), dir = slot / RM_NAMES;
	rm_path(slot, path, sizeof(path));
	bool dir_ok = model.dir_exists[dir];
	long got = 0, want = 0;
	int op = (int)(rm_rand() % 8);
	switch (op) {
	case 0: { /* write at an offset, creating the file */
		size_t off = rm_rand() % 1000, n = 1 + rm_rand() % 500;
		for (size_t i = 0; i < n; i++) {
			buf[i] = (uint8_t)rm_rand();
		}
		int fd = do_open(path, O_WRONLY | O_CREAT);
		want = dir_ok ? 0 : -ENOENT;
		got = fd < 0 ? fd : 0;
		if (fd >= 0) {
			got = do_lseek(fd, (off_t)off, SEEK_SET) == (off_t)off &&
				      do_write(fd, buf, n) == (ssize_t)n
				  ? 0
				  : -EIO;
			do_close(fd);
			if (!model.exists[slot]) {
				model.len[slot] = 0;
			}
			if (model.len[slot] < off) {
				memset(model.data[slot] + model.len[slot], 0,
				       off - model.len[slot]);
			}
			memcpy(model.data[slot] + off, buf, n);
			model.len[slot] = MAX(model.len[slot], off + n);
			model.exists[slot] = true;
		}
		break;
	}
	case 1: { /* truncate */
		int fd = do_open(path, O_WRONLY | O_TRUNC);
		want = model.exists[slot] ? 0 : -ENOENT;
		got = fd < 0 ? fd : 0;
		if (fd >= 0) {
			do_close(fd);
			model.len[slot] = 0;
		}
		break;
	}
	case 2: /* read back and compare */
	case 3: {
		ssize_t n = vt_readfile(path, (char *)buf, sizeof(buf));
		want = model.exists[slot] ? (long)model.len[slot] : -ENOENT;
		got = n;
		if (n >= 0 && n == want && memcmp(buf, model.data[slot], (size_t)n) != 0) {
			ktest_note("step %d: %s has the wrong contents", step, path);
			return false;
		}
		break;
	}
	case 4: /* unlink */
		got = do_unlink(path);
		want = model.exists[slot] ? 0 : -ENOENT;
		model.exists[slot] = false;
		break;
	case 5: { /* rename to another slot */
		int to = (int)(rm_rand() % RM_SLOTS);
		rm_path(to, path2, sizeof(path2));
		got = do_rename(path, path2);
		if (!model.exists[slot] || !model.dir_exists[to / RM_NAMES]) {
			want = -ENOENT;
		} else if (to != slot) {
			model.exists[to] = true;
			model.len[to] = model.len[slot];
			memcpy(model.data[to], model.data[slot], model.len[slot]);
			model.exists[slot] = false;
		}
		break;
	}
	case 6: { /* mkdir or rmdir of a subdirectory */
		int d = 1 + (int)(rm_rand() % (RM_DIRS - 1));
		rm_dir_path(d, path2, sizeof(path2));
		if (rm_rand() % 2 == 0) {
			got = do_mkdir(path2);
			want = model.dir_exists[d] ? -EEXIST : 0;
			model.dir_exists[d] = true;
		} else {
			got = do_rmdir(path2);
			want = !model.dir_exists[d] ? -ENOENT : !rm_dir_empty(d) ? -ENOTEMPTY : 0;
			if (want == 0) {
				model.dir_exists[d] = false;
			}
		}
		snprintf(path, sizeof(path), "%s", path2);
		break;
	}
	default: { /* stat */
		got = vt_size(path);
		want = model.exists[slot] ? (long)model.len[slot] : -ENOENT;
		break;
	}
	}
	if (got != want) {
		ktest_note("step %d: op %d on %s gave %ld, the model says %ld", step, op, path, got,
			   want);
		return false;
	}
	return true;
}

KTEST_SLOW(vfs_random_model, "vfs.random.model", 60000)
{
	if (!vt_begin()) {
		return;
	}
	long seed = cmdline_get_int(&kernel_cmdline, "vfs_seed", 0);
	if (seed == 0) {
		seed = (long)((pit_ticks * 2654435761u) & 0x7fffffff) | 1;
	}
	rm_state = (uint32_t)seed;
	ktest_note("vfs.random.model: seed %lu (boot with vfs_seed=%lu to replay)",
		   (unsigned long)(uint32_t)seed, (unsigned long)(uint32_t)seed);
	memset(&model, 0, sizeof(model));
	model.dir_exists[0] = true;
	int step;
	for (step = 0; step < RM_OPS; step++) {
		if (!rm_step(step)) {
			break;
		}
	}
	KT_CHECK_EQ(step, RM_OPS);
	vt_end();
}
