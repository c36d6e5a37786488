/* The one list function too long to inline; see util/list.h. */
#include "util/list.h"

size_t list_length(const list_t *list)
{
	size_t n = 0;
	for (const list_link_t *l = list->l_next; l != list; l = l->l_next) {
		n++;
	}
	return n;
}
