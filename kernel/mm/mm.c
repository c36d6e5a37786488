/* Memory management start-up, in dependency order. */
#include "mm/mm.h"
#include "boot/multiboot.h"
#include "mm/kmalloc.h"
#include "mm/kstack.h"
#include "mm/page.h"
#include "mm/pagetable.h"
#include "mm/pframe.h"
#include "mm/slab.h"

void mm_init(const multiboot_info_t *mbi)
{
	page_init(mbi);
	pt_init();
	slab_init();
	kmalloc_init();
	kstack_init();
	pframe_init(); /* the page-frame cache's own slab cache exists before any test counts */
}
