/* The VM stage's set-up. */
#ifndef KEEL_VM_VM_H
#define KEEL_VM_VM_H

/*
 * Makes the VM's slab caches ("vmmap", "vmarea", "anon", "shadow").
 * Called once at boot from vfs_init(), before any test runs; idempotent.
 */
void vm_init(void);

#endif
