# Keel: build, run, debug and test.
#
#   make                 build build/keel.elf and build/keel.iso
#   make DEBUG=1         the same with -Og (easier to step through in GDB)
#   make run             boot the ISO in QEMU (EMU=bochs for Bochs)
#   make debug           boot QEMU stopped and attach GDB
#   make test            every test: kernel tests, boot paths, tools
#   make test-stage STAGE=base|procs|...   one stage's kernel tests and host tests
#   make bench           performance figures
#   make deps            check (as root: install) the Debian packages needed
#   make compile_commands.json   a compilation database for editors
#   make help            this text
#
# CMDLINE='test=base.* dbg=mm' is the kernel command line (of the ISO for
# make run, of the -kernel boot for make debug); DISK=image.img is the disk
# make run and make debug attach (default: $(BUILD)/disk.img, made blank).
# USERSHELL=busybox boots to Debian's BusyBox shell (`busybox sh`, its
# applets in /usr/bin) on every terminal instead of the project's /bin/sh,
# the default (USERSHELL=sh); it adds usershell=busybox to the command line.
# README.md explains all of it.
#
# Stage switches live in config.mk.

include config.mk

# Before building, running or testing anything, check (in a few
# milliseconds) that the Debian packages the project needs are installed;
# tools/deps installs the missing ones when run as root, and otherwise says
# which command to run.  KEEL_DEPS=0 skips the check.
ifeq ($(MAKELEVEL),0)
ifneq ($(KEEL_DEPS),0)
ifneq ($(filter-out clean deps help,$(or $(MAKECMDGOALS),all)),)
ifneq ($(wildcard tools/deps),)
ifneq ($(shell tools/deps --quiet >&2; echo $$?),0)
$(error the packages above are missing)
endif
endif
endif
endif
endif

BUILD   ?= build
DEBUG   ?= 0
EMU     ?= qemu
CMDLINE ?=
# The shell /sbin/init starts (user/sbin/init.c): sh or busybox.  Not make's
# own SHELL.  It reaches init through the kernel command line.
USERSHELL ?=
KCMDLINE := $(strip $(CMDLINE) $(if $(USERSHELL),usershell=$(USERSHELL)))

CC      := gcc
LD      := ld
NM      := nm

CFLAGS  := -m32 -std=gnu11 -ffreestanding -fno-pie -fno-pic -fno-stack-protector \
           -fno-builtin -mgeneral-regs-only -mno-red-zone -fno-asynchronous-unwind-tables \
           -fno-omit-frame-pointer -fno-strict-aliasing \
           -Wall -Wextra -Werror -Wno-unused-parameter \
           -Ikernel/include -I$(BUILD) -MMD -MP -DPIT_HZ=$(PIT_HZ)
ifeq ($(DEBUG),1)
CFLAGS  += -Og -g -DKEEL_DEBUG=1
else
CFLAGS  += -O2 -g
endif
ASFLAGS := -m32 -Ikernel/include -MMD -MP -D__ASSEMBLER__
LDFLAGS := -m elf_i386 -nostdlib -z noexecstack -T kernel/kernel.ld
# 64-bit division and the like come from the compiler's own support library.
LIBGCC  := $(shell $(CC) -m32 -print-libgcc-file-name)

# Stages.  handout/stages/<stage>.mk names the files students write for a
# stage (<stage>_FILES).  A stage switched to "ref" in config.mk is built
# from its prebuilt archive ref/lib<stage>.a instead of those files.
STAGES := procs drivers vfs s5fs vm
include $(wildcard handout/stages/*.mk)
stage_switch_procs   := $(PROCS)
stage_switch_drivers := $(DRIVERS)
stage_switch_vfs     := $(VFS)
stage_switch_s5fs    := $(S5FS)
stage_switch_vm      := $(VM)
REF_STAGES  := $(foreach s,$(STAGES),$(if $(filter ref,$(stage_switch_$(s))),$(s)))
REF_LIBS    := $(foreach s,$(REF_STAGES),ref/lib$(s).a)
REF_EXCLUDE := $(foreach s,$(REF_STAGES),$($(s)_FILES))

KERNEL_SRCS := $(filter-out $(REF_EXCLUDE),$(shell find kernel kshell -name '*.c' -o -name '*.S' | sort))
KERNEL_OBJS := $(patsubst %,$(BUILD)/obj/%.o,$(KERNEL_SRCS))
# Reference archives are linked whole: weak references (proc_start) must pull them in.
LINK_LIBS   := $(if $(REF_LIBS),--whole-archive $(REF_LIBS) --no-whole-archive) $(LIBGCC)

all: $(BUILD)/keel.elf $(BUILD)/keel.iso

# The kernel's table of user test programs (kernel/test/vm/user.c): one
# USER_TEST(id, "vm.user.<name>", "<name>") line per line of
# user/test/TESTS ("<name> [nodiff]"; '#' starts a comment).
USER_TESTS_LIST := $(wildcard user/test/TESTS)
$(BUILD)/gen/user_tests.h: $(USER_TESTS_LIST) Makefile
	@mkdir -p $(dir $@)
	@{ [ -z "$(USER_TESTS_LIST)" ] || sed 's/#.*//' $(USER_TESTS_LIST); } | awk 'NF { id = $$1; \
		gsub(/[^A-Za-z0-9_]/, "_", id); \
		printf "USER_TEST(%s, \"vm.user.%s\", \"%s\")\n", id, $$1, $$1 }' > $@.tmp
	@mv $@.tmp $@

$(BUILD)/obj/kernel/test/vm/user.c.o: $(BUILD)/gen/user_tests.h

$(BUILD)/obj/%.c.o: %.c Makefile config.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/obj/%.S.o: %.S Makefile config.mk
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) $(ASFLAGS) -c $< -o $@

# The kernel is linked twice: the first link has an empty symbol table; the
# function names and addresses of that image become the table of the second.
# The table sits after .text (kernel/kernel.ld), so no function moves.
$(BUILD)/ksyms0.S:
	@mkdir -p $(BUILD)
	@tools/gensyms /dev/null > $@

$(BUILD)/keel.pass1.elf: $(KERNEL_OBJS) $(REF_LIBS) $(BUILD)/obj/ksyms0.o kernel/kernel.ld
	@echo "  LD      $@"
	@$(LD) $(LDFLAGS) -o $@ $(KERNEL_OBJS) $(BUILD)/obj/ksyms0.o $(LINK_LIBS)

$(BUILD)/ksyms.S: $(BUILD)/keel.pass1.elf tools/gensyms $(BUILD)/ksyms-omit.txt
	@$(NM) -n --defined-only $< | tools/gensyms --omit $(BUILD)/ksyms-omit.txt - > $@

# What the symbol table leaves out.  A graded build (KTEST_AUTH_KEY set, see
# mk/course.mk) leaves out every symbol the test harness's objects define,
# and the linker script's symbols of the test table, the benchmark table,
# the symbol table and the harness's state, so that code under test cannot
# find the harness by name.  An ordinary build's list is empty: backtraces
# name every function.  The grader, which links graded kernels itself,
# passes this same file to tools/gensyms.  It is remade with the harness's
# objects, so it always matches the key they were built with.
KSYMS_OMIT_OBJS := $(addprefix $(BUILD)/obj/kernel/,test/ktest.c.o test/kbench.c.o util/sha256.c.o)
KSYMS_OMIT_LD   := ktests_start ktests_end kbench_start kbench_end ksyms_count ksyms_addrs \
                   ksyms_names ktest_state_start ktest_state_end

$(BUILD)/ksyms-omit.txt: $(KSYMS_OMIT_OBJS) Makefile
ifneq ($(KTEST_AUTH_KEY),)
	@{ $(NM) --defined-only $(KSYMS_OMIT_OBJS) | awk 'NF == 3 { print $$3 }'; \
	   printf '%s\n' $(KSYMS_OMIT_LD); } | sort -u > $@
else
	@: > $@
endif

$(BUILD)/obj/ksyms%.o: $(BUILD)/ksyms%.S
	@$(CC) $(ASFLAGS) -c $< -o $@

$(BUILD)/obj/ksyms.o: $(BUILD)/ksyms.S
	@$(CC) $(ASFLAGS) -c $< -o $@

$(BUILD)/keel.elf: $(BUILD)/keel.pass1.elf $(BUILD)/obj/ksyms.o
	@echo "  LD      $@"
	@$(LD) $(LDFLAGS) -o $@ $(KERNEL_OBJS) $(BUILD)/obj/ksyms.o $(LINK_LIBS)
	@grub-file --is-x86-multiboot $@ || { echo "error: $@ is not a Multiboot image" >&2; rm -f $@; exit 1; }
	@$(NM) -n $@ | awk '$$3 == "kmain"' | cmp -s - <($(NM) -n $< | awk '$$3 == "kmain"') \
		|| { echo "error: functions moved between the two links" >&2; rm -f $@; exit 1; }

# The ISO's GRUB menu passes CMDLINE (with USERSHELL's word) to the kernel;
# $(BUILD)/cmdline changes (and the ISO is remade) only when that does.
$(BUILD)/keel.iso: $(BUILD)/keel.elf tools/grub.cfg tools/mkiso $(BUILD)/cmdline
	@echo "  ISO     $@"
	@tools/mkiso $< $@ '$(KCMDLINE)'

$(BUILD)/cmdline: FORCE
	@mkdir -p $(BUILD)
	@echo '$(KCMDLINE)' | cmp -s - $@ || echo '$(KCMDLINE)' > $@

compile_commands.json: $(KERNEL_SRCS)
	bear --output $@ -- $(MAKE) -B $(BUILD)/keel.pass1.elf

clean:
	rm -rf $(BUILD)

# Running, debugging, testing and measuring: the programs are in tools/ and
# README.md explains them.  Each checks first that the Debian packages the
# project needs are installed (tools/deps).

run: $(BUILD)/keel.iso
	@tools/run --emu $(EMU) --build $(BUILD) $(if $(DISK),--disk '$(DISK)')

debug: $(BUILD)/keel.elf
	@tools/debug --build $(BUILD) --cmdline '$(KCMDLINE)' $(if $(DISK),--disk '$(DISK)')

test: all
	@tools/test-all --build $(BUILD)

test-stage: $(BUILD)/keel.elf
	@test -n "$(STAGE)" || { echo "make test-stage: say which, e.g. STAGE=base or STAGE=procs" >&2; exit 2; }
	@tools/test-all --stage '$(STAGE)' --build $(BUILD) $(if $(CMDLINE),--cmdline '$(CMDLINE)')

bench: all
	@tools/bench --build $(BUILD)

deps:
	@tools/deps

# The opening comment of this file.
help:
	@sed -n '1,/^$$/{/^$$/q;s/^# \{0,1\}//;p}' Makefile

.PHONY: all clean run debug test test-stage bench deps help FORCE
SHELL := /bin/bash

-include $(KERNEL_OBJS:.o=.d)
include mk/course.mk
include mk/user.mk
include mk/busybox.mk
include mk/s5tools.mk
