/*
 * Helpers shared by the drivers.* tests: a pretend
 * terminal whose output a test can read, and the disk the ATA tests use.
 */
#ifndef KEEL_TEST_DRIVERS_DTEST_H
#define KEEL_TEST_DRIVERS_DTEST_H

#include "drivers/blockdev.h"
#include "drivers/tty.h"
#include "test/spawn.h" /* spawn(), spawn_thread(), reap(), yield_n() */

/* A terminal with no hardware: output is kept in ft_out, input is typed with dtest_type(). */
#define DTEST_TERM_OUT 4096
typedef struct dtest_term {
	tty_t ft_tty;
	char ft_out[DTEST_TERM_OUT + 1]; /* always NUL-terminated */
	size_t ft_len;
	int ft_room_calls; /* how often tty_read() told the driver there is room */
} dtest_term_t;

/* Sets up 'ft' (not registered as a device). */
void dtest_term_init(dtest_term_t *ft, const char *name);

/* Hands each byte of 's' to the terminal, as its driver would. */
void dtest_type(dtest_term_t *ft, const char *s);

/* Forgets the output so far. */
void dtest_term_clear(dtest_term_t *ft);

/*
 * The disk the ATA tests write on: hda, which must be a scratch image
 * (the test runner attaches one).  Fails the test with a message saying how
 * to attach one and returns NULL if there is no disk, or if it is smaller
 * than 'min_blocks'.
 */
blockdev_t *dtest_disk(blocknum_t min_blocks);

/*
 * A pattern for block 'block' of a test run: differs per block, per 'salt'
 * and per boot (so that what an earlier run left on the disk never looks
 * right).  Fills 'buf' with BLOCK_SIZE bytes.
 */
void dtest_pattern(void *buf, blocknum_t block, uint32_t salt);

/* Whether 'buf' holds dtest_pattern(block, salt); reports the first difference. */
bool dtest_check_pattern(const void *buf, blocknum_t block, uint32_t salt);

#endif
