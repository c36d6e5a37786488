# The userland (included from the Makefile): static i386 programs built with
# musl, and the tree build/disk.img is made from.
#
#   user/bin/<prog>.c    -> $(BUILD)/user/root/bin/<prog>
#   user/sbin/init.c     -> $(BUILD)/user/root/sbin/init
#   user/test/<name>.c   -> $(BUILD)/user/root/usr/test/<name>  (listed in user/test/TESTS)
#   user/bench/<name>.c  -> $(BUILD)/user/root/usr/bench/<name>  (tools/bench runs them)
#   user/lib/*.c         -> $(BUILD)/user/libcheck.a, the tests' helpers (check.h)
#   $(BUILD)/rootfs      tools/s5fs/disk/ with the programs added: the tree
#                        mkfs.s5fs copies into $(BUILD)/disk.img
#
# The same binaries run on Keel and on this Linux host (tools/hosttests/vm.py
# compares their output).  Nothing is stripped: GDB finds their symbols in
# $(BUILD)/user/root.

UCC      := i386-linux-musl-gcc
UCFLAGS  := -static -Os -g -Wall -Wextra -Werror -std=gnu11 -Iuser/lib -MMD -MP
UROOT    := $(BUILD)/user/root
UOBJ     := $(BUILD)/user/obj

USER_LIB_SRCS  := $(wildcard user/lib/*.c)
USER_LIB       := $(BUILD)/user/libcheck.a
USER_BIN_NAMES := $(patsubst user/bin/%.c,%,$(wildcard user/bin/*.c))
USER_TEST_NAMES := $(patsubst user/test/%.c,%,$(wildcard user/test/*.c))
USER_BENCH_NAMES := $(patsubst user/bench/%.c,%,$(wildcard user/bench/*.c))
USER_PROGS := $(addprefix $(UROOT)/bin/,$(USER_BIN_NAMES)) $(UROOT)/sbin/init \
	      $(addprefix $(UROOT)/usr/test/,$(USER_TEST_NAMES)) \
	      $(addprefix $(UROOT)/usr/bench/,$(USER_BENCH_NAMES))

$(UOBJ)/%.o: user/%.c mk/user.mk
	@mkdir -p $(dir $@)
	@echo "  UCC     $<"
	@$(UCC) $(UCFLAGS) -c $< -o $@

$(USER_LIB): $(patsubst user/%.c,$(UOBJ)/%.o,$(USER_LIB_SRCS))
	@rm -f $@
	@ar rcs $@ $^

$(UROOT)/bin/%: $(UOBJ)/bin/%.o $(USER_LIB)
	@mkdir -p $(dir $@)
	@$(UCC) -static -g -o $@ $< $(USER_LIB)

$(UROOT)/sbin/%: $(UOBJ)/sbin/%.o $(USER_LIB)
	@mkdir -p $(dir $@)
	@$(UCC) -static -g -o $@ $< $(USER_LIB)

$(UROOT)/usr/test/%: $(UOBJ)/test/%.o $(USER_LIB)
	@mkdir -p $(dir $@)
	@$(UCC) -static -g -o $@ $< $(USER_LIB)

$(UROOT)/usr/bench/%: $(UOBJ)/bench/%.o $(USER_LIB)
	@mkdir -p $(dir $@)
	@$(UCC) -static -g -o $@ $< $(USER_LIB)

# Every line of TESTS names a program here, and every program is listed.
$(BUILD)/user/tests.ok: user/test/TESTS $(wildcard user/test/*.c)
	@mkdir -p $(dir $@)
	@sed 's/#.*//' user/test/TESTS | awk 'NF { print $$1 }' | sort > $@.listed
	@printf '%s\n' $(USER_TEST_NAMES) | sort > $@.built
	@diff -u --label 'user/test/TESTS' --label 'user/test/*.c' $@.listed $@.built >&2 \
		|| { echo "error: user/test/TESTS and user/test/*.c disagree" >&2; exit 1; }
	@touch $@

# The staged tree: the fixed files and the programs.
$(BUILD)/rootfs.stamp: $(USER_PROGS) $(shell find tools/s5fs/disk -type f) $(BUILD)/user/tests.ok
	@rm -rf $(BUILD)/rootfs
	@mkdir -p $(BUILD)/rootfs
	@cp -R tools/s5fs/disk/. $(BUILD)/rootfs/
	@cp -R $(UROOT)/. $(BUILD)/rootfs/
	@$(BUSYBOX_INSTALL)
	@touch $@

.SECONDARY: $(patsubst user/%.c,$(UOBJ)/%.o,$(wildcard user/*/*.c))

user: $(USER_PROGS) $(BUILD)/user/tests.ok

all: user
$(BUILD)/disk.img: $(BUILD)/rootfs.stamp

.PHONY: user

-include $(shell find $(UOBJ) -name '*.d' 2>/dev/null)

DISK_TREE := $(BUILD)/rootfs
DISK_SIZE := 16M
