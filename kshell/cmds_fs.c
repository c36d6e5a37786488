/*
 * The kernel shell's file commands, and its redirection.
 *
 *   ls [-a] [-l] [PATH...]   the entries of each directory, in directory
 *                            order, one a line ('.' and '..' only with -a);
 *                            a PATH that is not a directory is printed as
 *                            given.  With -l each line is
 *                                TYPE+PERMISSIONS LINKS SIZE NAME
 *                            as in "-rw-r--r--  1        6 f", where SIZE is
 *                            "MAJOR, MINOR" for a device special file.
 *                            With several PATHs each directory's list
 *                            follows a line "PATH:".
 *   cat [FILE...]            prints each file; with no FILE, the input
 *                            (the terminal until ^D, or a `< FILE`); a
 *                            FILE that is also the redirected output is
 *                            refused ("cat: F: input file is output file")
 *   hexdump FILE             the bytes of FILE as `hexdump -C` shows them:
 *                            offset, 16 bytes in hex, the same as text;
 *                            "*" stands for lines equal to the one above
 *   touch FILE...            creates each FILE that does not exist (empty);
 *                            one that exists is left as it is
 *   mkdir DIR...             makes directories
 *   rmdir DIR...             removes empty directories
 *   rm FILE...               removes names of files (not of directories)
 *   ln OLD NEW               makes NEW another name (a hard link) of OLD
 *                            (an error reads "ln: OLD -> NEW: ENAME")
 *   mv OLD NEW               renames OLD to NEW (rename: an existing NEW
 *                            is replaced; NEW is never a directory to move
 *                            into)
 *   cd [DIR]                 makes DIR (default "/") the shell's current
 *                            directory
 *   pwd                      prints the current directory
 *   stat PATH...             one line per file: its path, type, inode,
 *                            size, links, blocks and (device files) device
 *
 * Each one is a thin layer over the VFS's calls (vfs/vfs_syscall.h:
 * do_open(), do_getdent(), do_mkdir(), ...), so what it shows is what the
 * VFS stage's code does.  An error prints the command, the path and the
 * error's name on the terminal, as "mkdir: /a/b: ENOENT", and the command
 * goes on with its next argument; its status is then 1.  Before the VFS
 * works (vfs_init() mounted no root) every command says so and fails.
 *
 * A shell is a process: `cd` changes its process's current directory, so
 * each terminal's shell has its own, and relative paths start there.
 *
 * Redirection: kshell_redirect() opens the file a `<`, `>` or `>>` names in
 * the shell's process and kshell_unredirect() closes it after the command
 * (kshell.h; the line parser in kshell/kshell.c calls them).
 */
#include "drivers/dev.h"
#include "errno.h"
#include "kshell/kshell.h"
#include "util/string.h"
#include "vfs/fcntl.h"
#include "vfs/stat.h"
#include "vfs/vfs.h"
#include "vfs/vfs_syscall.h"

/* Room for a path typed at the prompt plus one name. */
#define FS_PATH_MAX (KSHELL_LINE_MAX + NAME_LEN + 2)
#define FS_CHUNK 256

/* Prints "CMD: PATH: ENAME" on the terminal; returns the command status 1. */
static int fs_fail(kshell_t *ks, const char *cmd, const char *path, int err)
{
	kshell_eprintf(ks, "%s: %s: %s\n", cmd, path, errno_name(err));
	return 1;
}

/* Whether there is a file system to use; if not, says so. */
static bool fs_ready(kshell_t *ks, const char *cmd)
{
	if (vfs_root_vnode() != NULL) {
		return true;
	}
	kshell_eprintf(ks, "%s: no file system (the VFS did not start)\n", cmd);
	return false;
}

/* Prints a usage line; returns the command status 1. */
static int fs_usage(kshell_t *ks, const char *usage)
{
	kshell_eprintf(ks, "usage: %s\n", usage);
	return 1;
}

/* Redirection. */

int kshell_redirect(kshell_t *ks, const char *op, const char *path)
{
	if (vfs_root_vnode() == NULL) {
		kshell_eprintf(ks, "kshell: %s: no file system for redirection\n", path);
		return -ENOSYS;
	}
	bool in = op[0] == '<';
	int flags = O_RDONLY;
	if (!in) {
		flags = O_WRONLY | O_CREAT | (strcmp(op, ">>") == 0 ? O_APPEND : O_TRUNC);
	}
	int fd = do_open(path, flags);
	if (fd < 0) {
		kshell_eprintf(ks, "kshell: %s: %s\n", path, errno_name(fd));
		return fd;
	}
	if (in) {
		if (ks->ks_in_file) {
			do_close(ks->ks_in_fd);
		}
		ks->ks_in_file = true;
		ks->ks_in_fd = fd;
	} else {
		if (ks->ks_out_file) {
			do_close(ks->ks_out_fd);
		}
		ks->ks_out_file = true;
		ks->ks_out_fd = fd;
	}
	return 0;
}

void kshell_unredirect(kshell_t *ks)
{
	if (ks->ks_in_file) {
		do_close(ks->ks_in_fd);
		ks->ks_in_file = false;
	}
	if (ks->ks_out_file) {
		do_close(ks->ks_out_fd);
		ks->ks_out_file = false;
	}
}

/* ls */

/* "drwxr-xr-x": the type letter and the permission bits of a mode. */
static void fs_mode_string(mode_t mode, char out[11])
{
	out[0] = S_ISDIR(mode) ? 'd' : S_ISCHR(mode) ? 'c' : S_ISBLK(mode) ? 'b' : '-';
	const char *rwx = "rwxrwxrwx";
	for (int i = 0; i < 9; i++) {
		out[1 + i] = (mode & (0400 >> i)) ? rwx[i] : '-';
	}
	out[10] = '\0';
}

static void ls_print(kshell_t *ks, const char *name, const stat_t *st, bool lng)
{
	if (!lng) {
		kshell_printf(ks, "%s\n", name);
		return;
	}
	char mode[11], size[24];
	fs_mode_string(st->st_mode, mode);
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode)) {
		snprintf(size, sizeof(size), "%u, %u", DEVID_MAJOR(st->st_rdev),
			 DEVID_MINOR(st->st_rdev));
	} else {
		snprintf(size, sizeof(size), "%ld", (long)st->st_size);
	}
	kshell_printf(ks, "%s %2u %8s %s\n", mode, (unsigned)st->st_nlink, size, name);
}

static bool is_dot_name(const char *name)
{
	return strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
}

/* Lists the open directory fd, whose path is 'path'. */
static int ls_dir(kshell_t *ks, int fd, const char *path, bool lng, bool all)
{
	dirent_t d;
	int got;
	while ((got = do_getdent(fd, &d)) > 0) {
		if (!all && is_dot_name(d.d_name)) {
			continue;
		}
		stat_t st;
		if (lng) {
			char child[FS_PATH_MAX];
			size_t len = strlen(path);
			snprintf(child, sizeof(child), "%s%s%s", path,
				 len > 0 && path[len - 1] == '/' ? "" : "/", d.d_name);
			int err = do_stat(child, &st);
			if (err < 0) {
				fs_fail(ks, "ls", child, err);
				continue;
			}
		}
		ls_print(ks, d.d_name, &st, lng);
	}
	return got < 0 ? fs_fail(ks, "ls", path, got) : 0;
}

static int ls_path(kshell_t *ks, const char *path, bool lng, bool all, bool header)
{
	stat_t st;
	int err = do_stat(path, &st);
	if (err < 0) {
		return fs_fail(ks, "ls", path, err);
	}
	if (!S_ISDIR(st.st_mode)) {
		ls_print(ks, path, &st, lng);
		return 0;
	}
	int fd = do_open(path, O_RDONLY);
	if (fd < 0) {
		return fs_fail(ks, "ls", path, fd);
	}
	if (header) {
		kshell_printf(ks, "%s:\n", path);
	}
	int status = ls_dir(ks, fd, path, lng, all);
	do_close(fd);
	return status;
}

static int cmd_ls(kshell_t *ks, int argc, char **argv)
{
	bool lng = false, all = false;
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		for (const char *f = argv[i] + 1; *f != '\0'; f++) {
			if (*f == 'l') {
				lng = true;
			} else if (*f == 'a') {
				all = true;
			} else {
				return fs_usage(ks, "ls [-a] [-l] [PATH...]");
			}
		}
	}
	if (!fs_ready(ks, argv[0])) {
		return 1;
	}
	if (i == argc) {
		return ls_path(ks, ".", lng, all, false);
	}
	int status = 0;
	bool header = argc - i > 1;
	for (; i < argc; i++) {
		status |= ls_path(ks, argv[i], lng, all, header);
	}
	return status;
}

/* cat and hexdump */

/* Whether descriptor fd is the same file as the shell's redirected output. */
static bool is_output_file(kshell_t *ks, int fd)
{
	stat_t in, out;
	if (!ks->ks_out_file || do_fstat(fd, &in) < 0 || do_fstat(ks->ks_out_fd, &out) < 0) {
		return false;
	}
	return S_ISREG(in.st_mode) && in.st_dev == out.st_dev && in.st_ino == out.st_ino;
}

static int cat_input(kshell_t *ks)
{
	char buf[FS_CHUNK];
	ssize_t n;
	while ((n = kshell_read(ks, buf, sizeof(buf))) > 0) {
		ssize_t w = kshell_write(ks, buf, n);
		if (w < 0) {
			return fs_fail(ks, "cat", "(output)", w);
		}
	}
	return n < 0 ? fs_fail(ks, "cat", "(input)", n) : 0;
}

static int cat_file(kshell_t *ks, const char *path)
{
	int fd = do_open(path, O_RDONLY);
	if (fd < 0) {
		return fs_fail(ks, "cat", path, fd);
	}
	int status = 0;
	if (is_output_file(ks, fd)) {
		kshell_eprintf(ks, "cat: %s: input file is output file\n", path);
		status = 1;
	}
	char buf[FS_CHUNK];
	ssize_t n = 0;
	while (status == 0 && (n = do_read(fd, buf, sizeof(buf))) > 0) {
		ssize_t w = kshell_write(ks, buf, n);
		if (w < 0) {
			status = fs_fail(ks, "cat", "(output)", w);
		}
	}
	if (status == 0 && n < 0) {
		status = fs_fail(ks, "cat", path, n);
	}
	do_close(fd);
	return status;
}

static int cmd_cat(kshell_t *ks, int argc, char **argv)
{
	if (argc == 1) {
		return cat_input(ks); /* the terminal needs no file system */
	}
	if (!fs_ready(ks, argv[0])) {
		return 1;
	}
	int status = 0;
	for (int i = 1; i < argc; i++) {
		status |= cat_file(ks, argv[i]);
	}
	return status;
}

/* One line of `hexdump -C`: 'n' (1 to 16) bytes at offset 'off'. */
static void hexdump_line(kshell_t *ks, off_t off, const uint8_t *b, size_t n)
{
	char line[96];
	size_t at = snprintf(line, sizeof(line), "%08lx  ", (unsigned long)off);
	for (size_t j = 0; j < 16; j++) {
		if (j < n) {
			at += snprintf(line + at, sizeof(line) - at, "%02x ", b[j]);
		} else {
			at += snprintf(line + at, sizeof(line) - at, "   ");
		}
		if (j == 7) {
			line[at++] = ' ';
		}
	}
	line[at++] = ' ';
	line[at++] = '|';
	for (size_t j = 0; j < n; j++) {
		line[at++] = b[j] >= 0x20 && b[j] < 0x7f ? (char)b[j] : '.';
	}
	line[at++] = '|';
	line[at] = '\0';
	kshell_printf(ks, "%s\n", line);
}

static int cmd_hexdump(kshell_t *ks, int argc, char **argv)
{
	if (argc != 2) {
		return fs_usage(ks, "hexdump FILE");
	}
	if (!fs_ready(ks, argv[0])) {
		return 1;
	}
	int fd = do_open(argv[1], O_RDONLY);
	if (fd < 0) {
		return fs_fail(ks, "hexdump", argv[1], fd);
	}
	uint8_t line[16], prev[16];
	off_t off = 0;
	bool have_prev = false, squeezed = false;
	ssize_t n;
	int status = 0;
	/* Fill whole lines of 16 (a read may return fewer bytes). */
	for (;;) {
		size_t got = 0;
		n = 0;
		while (got < sizeof(line) &&
		       (n = do_read(fd, line + got, sizeof(line) - got)) > 0) {
			got += n;
		}
		if (got == 0) {
			break;
		}
		if (have_prev && got == sizeof(line) && memcmp(line, prev, sizeof(line)) == 0) {
			if (!squeezed) {
				kshell_printf(ks, "*\n");
				squeezed = true;
			}
		} else {
			hexdump_line(ks, off, line, got);
			squeezed = false;
		}
		memcpy(prev, line, sizeof(prev));
		have_prev = true;
		off += got;
		if (n <= 0) {
			break;
		}
	}
	if (n < 0) {
		status = fs_fail(ks, "hexdump", argv[1], n);
	}
	kshell_printf(ks, "%08lx\n", (unsigned long)off);
	do_close(fd);
	return status;
}

/* Commands that apply one call to each argument. */

typedef int (*fs_path_call_t)(const char *path);

/* Keel keeps no file times: touching a file that exists (even a directory) does nothing. */
static int touch_one(const char *path)
{
	stat_t st;
	if (do_stat(path, &st) == 0) {
		return 0;
	}
	int fd = do_open(path, O_RDONLY | O_CREAT);
	return fd < 0 ? fd : do_close(fd);
}

static int for_each_path(kshell_t *ks, int argc, char **argv, fs_path_call_t call,
			 const char *usage)
{
	if (argc < 2) {
		return fs_usage(ks, usage);
	}
	if (!fs_ready(ks, argv[0])) {
		return 1;
	}
	int status = 0;
	for (int i = 1; i < argc; i++) {
		int err = call(argv[i]);
		if (err < 0) {
			status = fs_fail(ks, argv[0], argv[i], err);
		}
	}
	return status;
}

static int cmd_mkdir(kshell_t *ks, int argc, char **argv)
{
	return for_each_path(ks, argc, argv, do_mkdir, "mkdir DIR...");
}

static int cmd_rmdir(kshell_t *ks, int argc, char **argv)
{
	return for_each_path(ks, argc, argv, do_rmdir, "rmdir DIR...");
}

static int cmd_rm(kshell_t *ks, int argc, char **argv)
{
	return for_each_path(ks, argc, argv, do_unlink, "rm FILE...");
}

static int cmd_touch(kshell_t *ks, int argc, char **argv)
{
	return for_each_path(ks, argc, argv, touch_one, "touch FILE...");
}

/* Two paths: ln and mv.  An error names both: "mv: OLD -> NEW: ENAME". */
static int two_paths(kshell_t *ks, int argc, char **argv, int (*call)(const char *, const char *),
		     const char *usage)
{
	if (argc != 3) {
		return fs_usage(ks, usage);
	}
	if (!fs_ready(ks, argv[0])) {
		return 1;
	}
	int err = call(argv[1], argv[2]);
	if (err < 0) {
		kshell_eprintf(ks, "%s: %s -> %s: %s\n", argv[0], argv[1], argv[2],
			       errno_name(err));
		return 1;
	}
	return 0;
}

static int cmd_ln(kshell_t *ks, int argc, char **argv)
{
	return two_paths(ks, argc, argv, do_link, "ln OLD NEW");
}

static int cmd_mv(kshell_t *ks, int argc, char **argv)
{
	return two_paths(ks, argc, argv, do_rename, "mv OLD NEW");
}

/* The current directory. */

static int cmd_cd(kshell_t *ks, int argc, char **argv)
{
	if (argc > 2) {
		return fs_usage(ks, "cd [DIR]");
	}
	if (!fs_ready(ks, argv[0])) {
		return 1;
	}
	const char *path = argc == 2 ? argv[1] : "/";
	int err = do_chdir(path);
	return err < 0 ? fs_fail(ks, "cd", path, err) : 0;
}

static int cmd_pwd(kshell_t *ks, int argc, char **argv)
{
	if (argc != 1) {
		return fs_usage(ks, "pwd");
	}
	if (!fs_ready(ks, argv[0])) {
		return 1;
	}
	char buf[KSHELL_LINE_MAX * 2];
	int err = do_getcwd(buf, sizeof(buf));
	if (err < 0) {
		return fs_fail(ks, "pwd", ".", err);
	}
	kshell_printf(ks, "%s\n", buf);
	return 0;
}

static int cmd_stat(kshell_t *ks, int argc, char **argv)
{
	if (argc < 2) {
		return fs_usage(ks, "stat PATH...");
	}
	if (!fs_ready(ks, argv[0])) {
		return 1;
	}
	int status = 0;
	for (int i = 1; i < argc; i++) {
		stat_t st;
		int err = do_stat(argv[i], &st);
		if (err < 0) {
			status = fs_fail(ks, "stat", argv[i], err);
			continue;
		}
		char mode[11], dev[32] = "";
		fs_mode_string(st.st_mode, mode);
		if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
			snprintf(dev, sizeof(dev), " device %u:%u", DEVID_MAJOR(st.st_rdev),
				 DEVID_MINOR(st.st_rdev));
		}
		kshell_printf(ks, "%s: %s %s inode %u size %ld links %u blocks %u%s\n", argv[i],
			      vnode_type_name(st.st_mode), mode, (unsigned)st.st_ino,
			      (long)st.st_size, (unsigned)st.st_nlink, (unsigned)st.st_blocks, dev);
	}
	return status;
}

void kshell_fs_commands_init(void)
{
	kshell_add_command("ls", cmd_ls, "ls [-a] [-l] [PATH...]: lists directories");
	kshell_add_command("cat", cmd_cat, "cat [FILE...]: prints files (or the input)");
	kshell_add_command("hexdump", cmd_hexdump, "hexdump FILE: the bytes of FILE in hex");
	kshell_add_command("touch", cmd_touch, "touch FILE...: creates empty files");
	kshell_add_command("mkdir", cmd_mkdir, "mkdir DIR...: makes directories");
	kshell_add_command("rmdir", cmd_rmdir, "rmdir DIR...: removes empty directories");
	kshell_add_command("rm", cmd_rm, "rm FILE...: removes files");
	kshell_add_command("ln", cmd_ln, "ln OLD NEW: makes NEW a hard link to OLD");
	kshell_add_command("mv", cmd_mv, "mv OLD NEW: renames OLD to NEW");
	kshell_add_command("cd", cmd_cd, "cd [DIR]: changes this shell's directory");
	kshell_add_command("pwd", cmd_pwd, "pwd: prints this shell's directory");
	kshell_add_command("stat", cmd_stat, "stat PATH...: type, inode, size, links");
}
