# Debian's BusyBox on the disk image (included from the Makefile).
#
#   $(BUILD)/busybox/busybox-static.deb   Debian's busybox-static:i386, as
#                                          apt-get download fetched it
#   $(BUILD)/busybox/root/bin/busybox      its /bin/busybox, unpacked with
#                                          dpkg-deb -x: never rebuilt or patched
#   $(BUILD)/busybox/status                "ok VERSION", or "missing: REASON"
#
# The package is downloaded, not installed: `apt-get download` needs the
# i386 architecture known to dpkg (tools/deps adds it) and the i386 package
# index (apt-get update), but no root and no install.  It is fetched once
# and kept; `make busybox-refetch` fetches it again.  When it cannot be
# fetched the build says why, goes on without BusyBox (and tries again on
# the next make), and the BusyBox
# tests (tools/hosttests/busybox.py) fail with the reason in the status
# file: never a silent skip.  BUSYBOX_DEB=file.deb uses a .deb at hand.
#
# The file goes on the disk as /bin/busybox; tools/hosttests/busybox.py
# checks that its bytes are the .deb's.  Each applet that `busybox --list`
# names (run here, on the host) gets a hard link /usr/bin/<applet> to it:
# BusyBox picks the applet from the base name of argv[0], so `/usr/bin/seq
# 3` is `busybox seq 3`.  They sit in /usr/bin so that they do not shadow
# the project's own programs in /bin (PATH=/bin:/usr/bin finds those
# first).  The links are hard links because S5FS has no symbolic links;
# mkfs.s5fs keeps hard links of the staged tree as links of one inode, so
# the 260-odd names cost one copy of the file and one directory entry each.

BUSYBOX_DIR    := $(BUILD)/busybox
BUSYBOX_PKG    := busybox-static:i386
BUSYBOX_DEB    ?= $(BUSYBOX_DIR)/busybox-static.deb
BUSYBOX_STATUS := $(BUSYBOX_DIR)/status

# A status that says "missing" is tried again on every make.
$(BUSYBOX_STATUS): mk/busybox.mk $(if $(shell grep -s '^missing' $(BUSYBOX_STATUS)),FORCE)
	@mkdir -p $(BUSYBOX_DIR)
	@rm -rf $(BUSYBOX_DIR)/root $(BUSYBOX_DIR)/dl
	@if [ ! -s "$(BUSYBOX_DEB)" ]; then \
		echo "  APT     $(BUSYBOX_PKG)"; \
		mkdir -p $(BUSYBOX_DIR)/dl; \
		if (cd $(BUSYBOX_DIR)/dl && apt-get -q download $(BUSYBOX_PKG)) \
			>$(BUSYBOX_DIR)/apt.log 2>&1 && \
		   ls $(BUSYBOX_DIR)/dl/busybox-static_*_i386.deb >/dev/null 2>&1; then \
			mv $(BUSYBOX_DIR)/dl/busybox-static_*_i386.deb $(BUSYBOX_DEB); \
		fi; \
		rm -rf $(BUSYBOX_DIR)/dl; \
	fi; \
	if [ ! -s "$(BUSYBOX_DEB)" ]; then \
		why="apt-get download $(BUSYBOX_PKG) failed: $$(grep -E '^(E|W):' $(BUSYBOX_DIR)/apt.log | head -n 1)"; \
		echo "missing: $$why (see $(BUSYBOX_DIR)/apt.log; dpkg --add-architecture i386 and apt-get update may be needed)" > $@; \
		echo "warning: no BusyBox on the disk image: $$why" >&2; \
	elif dpkg-deb -x "$(BUSYBOX_DEB)" $(BUSYBOX_DIR)/root && \
	     [ -f $(BUSYBOX_DIR)/root/bin/busybox ]; then \
		echo "ok $$(dpkg-deb -f "$(BUSYBOX_DEB)" Version)" > $@; \
	else \
		rm -rf $(BUSYBOX_DIR)/root; \
		echo "missing: dpkg-deb -x $(BUSYBOX_DEB) gave no bin/busybox" > $@; \
		echo "warning: no BusyBox on the disk image: $(BUSYBOX_DEB) has no bin/busybox" >&2; \
	fi

# Run by the rootfs recipe (mk/user.mk): /bin/busybox, when there is one,
# and its applet links in /usr/bin.
BUSYBOX_INSTALL = if [ -f $(BUSYBOX_DIR)/root/bin/busybox ]; then \
	cp $(BUSYBOX_DIR)/root/bin/busybox $(BUILD)/rootfs/bin/busybox && \
	mkdir -p $(BUILD)/rootfs/usr/bin && \
	applets=$$($(BUILD)/rootfs/bin/busybox --list) && \
	for a in $$applets; do \
		[ "$$a" = busybox ] || ln $(BUILD)/rootfs/bin/busybox "$(BUILD)/rootfs/usr/bin/$$a" || exit 1; \
	done; fi

$(BUILD)/rootfs.stamp: $(BUSYBOX_STATUS)

busybox: $(BUSYBOX_STATUS)
	@cat $(BUSYBOX_STATUS)

busybox-refetch:
	@rm -f $(BUSYBOX_DIR)/busybox-static.deb $(BUSYBOX_STATUS)
	@$(MAKE) --no-print-directory busybox

.PHONY: busybox busybox-refetch
