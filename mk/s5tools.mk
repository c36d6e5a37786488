# The S5FS host tools and the disk image (included from the Makefile).
#
#   $(BUILD)/tools/mkfs.s5fs   makes an S5FS image, optionally from a host tree
#   $(BUILD)/tools/fsck.s5fs   checks one (exit status as e2fsck -n's)
#   $(BUILD)/tools/s5dbg       lists, prints, dumps and extracts one
#   $(BUILD)/disk.img          the disk make run and make debug attach: a
#                              $(DISK_SIZE) S5FS made from $(DISK_TREE) (by default
#                              tools/s5fs/disk/; mk/user.mk adds the programs)
#                              and disk.manifest
#   make fuzz-s5fs N=1000      boots N damaged images (tools/hosttests/s5fs.py)
#
# They are host programs, built with the host's compiler and C library; they
# share the on-disk format with the kernel through kernel/include/fs/s5fs_format.h
# (-iquote, so that the kernel's own errno.h and types.h do not shadow the
# host's).  tools/hosttests/s5tools.py tests them.

HOSTCC     ?= cc
HOSTCFLAGS := -std=gnu11 -O2 -Wall -Wextra -Werror -iquote kernel/include -MMD -MP

S5TOOLS      := mkfs.s5fs fsck.s5fs s5dbg
S5TOOLS_BINS := $(addprefix $(BUILD)/tools/,$(S5TOOLS))

$(BUILD)/tools/obj/%.o: tools/s5fs/%.c mk/s5tools.mk
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	@$(HOSTCC) $(HOSTCFLAGS) -c $< -o $@

$(BUILD)/tools/mkfs.s5fs: $(BUILD)/tools/obj/mkfs.o $(BUILD)/tools/obj/s5img.o
$(BUILD)/tools/fsck.s5fs: $(BUILD)/tools/obj/fsck.o $(BUILD)/tools/obj/s5img.o
$(BUILD)/tools/s5dbg: $(BUILD)/tools/obj/s5dbg.o $(BUILD)/tools/obj/s5img.o
$(S5TOOLS_BINS):
	@echo "  HOSTLD  $@"
	@$(HOSTCC) -o $@ $^

S5DISK_TREE := $(shell find tools/s5fs/disk -type f 2>/dev/null)
DISK_TREE   ?= tools/s5fs/disk
DISK_SIZE   ?= 16M

# Remade when its tree, its manifest or the format changes, not each time
# mkfs.s5fs is relinked: what the kernel wrote to it survives until then.
$(BUILD)/disk.img: tools/s5fs/disk.manifest $(S5DISK_TREE) kernel/include/fs/s5fs_format.h \
		   | $(BUILD)/tools/mkfs.s5fs
	@echo "  MKFS    $@"
	@$(BUILD)/tools/mkfs.s5fs -q -s $(DISK_SIZE) -d $(DISK_TREE) -m tools/s5fs/disk.manifest $@

s5tools: $(S5TOOLS_BINS)

# make fuzz-s5fs N=1000 [SEED=S]: N damaged images of a populated tree, each
# booted with the tree walk (tools/hosttests/s5fs.py): no panic, no hang.
N ?= 1000
fuzz-s5fs: $(BUILD)/keel.elf $(S5TOOLS_BINS)
	@tools/hosttests/s5fs.py --kernel $(BUILD)/keel.elf --only fuzz --fuzz $(N) $(if $(SEED),--seed $(SEED))

all: $(S5TOOLS_BINS) $(BUILD)/disk.img
run debug: $(if $(DISK),,$(BUILD)/disk.img)

.PHONY: s5tools fuzz-s5fs

-include $(BUILD)/tools/obj/*.d
