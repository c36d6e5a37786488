/* Helpers for the drivers.* tests; see dtest.h. */
#include "dtest.h"
#include "io.h"
#include "test/ktest.h"
#include "util/hash.h"
#include "util/list.h"
#include "util/string.h"

static void term_output(tty_t *tty, const char *buf, size_t n)
{
	dtest_term_t *ft = tty->tt_driver;
	for (size_t i = 0; i < n && ft->ft_len < DTEST_TERM_OUT; i++) {
		ft->ft_out[ft->ft_len++] = buf[i];
	}
	ft->ft_out[ft->ft_len] = '\0';
}

static void term_input_room(tty_t *tty)
{
	dtest_term_t *ft = tty->tt_driver;
	ft->ft_room_calls++;
}

static const tty_ops_t term_ops = {
    .output = term_output,
    .input_room = term_input_room,
};

void dtest_term_init(dtest_term_t *ft, const char *name)
{
	memset(ft, 0, sizeof(*ft));
	tty_init(&ft->ft_tty, name, &term_ops, ft);
}

void dtest_type(dtest_term_t *ft, const char *s)
{
	for (; *s != '\0'; s++) {
		tty_receive_char(&ft->ft_tty, *s);
	}
}

void dtest_term_clear(dtest_term_t *ft)
{
	ft->ft_len = 0;
	ft->ft_out[0] = '\0';
}

blockdev_t *dtest_disk(blocknum_t min_blocks)
{
	blockdev_t *bd = blockdev_lookup_name("hda");
	if (bd == NULL) {
		ktest_fail("no disk hda: boot QEMU with a scratch disk image, e.g. "
			   "-drive file=scratch.img,format=raw,if=ide,index=0 (16 MiB or more)");
		return NULL;
	}
	if (bd->bd_nblocks < min_blocks) {
		ktest_fail("hda has %u blocks; this test needs %u (use a 16 MiB image)",
			   bd->bd_nblocks, min_blocks);
		return NULL;
	}
	return bd;
}

static uint32_t boot_salt;

void dtest_pattern(void *buf, blocknum_t block, uint32_t salt)
{
	if (boot_salt == 0) {
		boot_salt = (uint32_t)rdtsc() | 1;
	}
	uint32_t *w = buf;
	for (uint32_t i = 0; i < BLOCK_SIZE / 4; i++) {
		w[i] = hash_mix32(boot_salt ^ salt * 0x9e3779b1u ^ block * 0x85ebca77u ^ i * 0xc2b2ae3du);
	}
}

bool dtest_check_pattern(const void *buf, blocknum_t block, uint32_t salt)
{
	uint32_t expect[BLOCK_SIZE / 4];
	dtest_pattern(expect, block, salt);
	const uint32_t *w = buf;
	for (uint32_t i = 0; i < BLOCK_SIZE / 4; i++) {
		if (w[i] != expect[i]) {
			ktest_fail("block %u, word %u: 0x%08x, expected 0x%08x", block, i, w[i],
				   expect[i]);
			return false;
		}
	}
	return true;
}
