/*
 * Helpers shared by the s5fs.* tests.
 *
 * The runner boots these tests with a fresh S5FS image as hda (made by
 * mkfs.s5fs from tools/s5fs/disk/), so the root is S5FS.  Tests that write
 * work below VT_DIR ("/t", see ../vfs/vfstest.h) and remove it at the end;
 * the leak check between tests writes the page-frame cache back, so the
 * disk is consistent (fsck-clean) after every test.
 *
 * Tests of bad disks never damage hda: they mount a second S5FS on an
 * overlay device "s5t" whose reads come from hda except for the blocks the
 * test changed (s5t_poke()), and whose writes stay in memory.
 */
#ifndef KEEL_TEST_S5FS_S5TEST_H
#define KEEL_TEST_S5FS_S5TEST_H

#include "../vfs/vfstest.h"
#include "fs/s5fs.h"
#include "mm/pframe.h"

/* Checks that the root is S5FS and makes VT_DIR; false (test failed) if not. */
bool s5t_begin(void);
/* vt_end(), then writes the cache back. */
void s5t_end(void);

/* The root's S5FS. */
s5fs_t *s5t_fs(void);
/* Free blocks and free inodes, as the superblock counts them. */
uint32_t s5t_free_blocks(void);
uint32_t s5t_free_inodes(void);
/* st_blocks of 'path' (512-byte units), or -errno. */
long s5t_blocks(const char *path);
/* Fills buf with a pattern that depends on 'seed' and on each byte's offset 'pos'. */
void s5t_pattern(char *buf, size_t len, uint32_t pos, uint32_t seed);
/* Whether buf holds that pattern. */
bool s5t_pattern_ok(const char *buf, size_t len, uint32_t pos, uint32_t seed);

/*
 * The overlay device "s5t" over hda.  s5t_overlay_begin() writes the
 * cache back (so hda holds everything) and registers it; s5t_poke()
 * changes 'len' bytes at 'off' of block 'block' in the overlay only;
 * s5t_peek() reads them (through the overlay).  s5t_mount() mounts it
 * into 'fs' (its why[] on failure), s5t_umount() unmounts;
 * s5t_overlay_end() unregisters and frees the overlay.
 */
bool s5t_overlay_begin(void);
void s5t_poke(uint32_t block, uint32_t off, const void *data, size_t len);
void s5t_peek(uint32_t block, uint32_t off, void *data, size_t len);
void s5t_poke32(uint32_t block, uint32_t off, uint32_t value);
int s5t_mount(fs_t *fs, char *why, size_t size);
void s5t_umount(fs_t *fs);
void s5t_overlay_end(void);

/*
 * Mounts the overlay, does one thing with entry 'name' of its root, and
 * unmounts it: S5T_LOOKUP looks it up, S5T_READ reads its first 8 KiB,
 * S5T_CREATE creates it, S5T_WRITE creates it and writes 64 KiB, S5T_WALK
 * reads every entry of the root.  Returns the operation's error (0 if it
 * worked, 1 if mounting failed) and sets *reports to how many corruption
 * reports the file system made meanwhile.
 */
enum { S5T_LOOKUP, S5T_READ, S5T_CREATE, S5T_WRITE, S5T_WALK };
int s5t_overlay_try(const char *name, int what, uint32_t *reports);

/* Inode 'ino' of hda as the superblock and table say: block and byte offset. */
uint32_t s5t_inode_block(uint32_t ino);
uint32_t s5t_inode_off(uint32_t ino);

#endif
