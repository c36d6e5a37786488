/*
 * Intrusive circular doubly linked lists.
 *
 * A list is a list_t head; each element embeds a list_link_t and is found from
 * its link with container_of().  An empty list's head points to itself, and
 * so does an unlinked link, so list_link_is_linked() can tell whether an
 * element is on some list.  A zero-filled link (an element fresh from
 * memset() or a zeroed static) counts as unlinked too; a list head, though,
 * must be set up with list_init() or LIST_INITIALIZER before use.  Iterate
 * with a plain for-loop:
 *
 *     for (list_link_t *l = list->l_next; l != list; l = l->l_next) {
 *             proc_t *p = container_of(l, proc_t, p_child_link);
 *             ...
 *     }
 *
 * To remove elements while iterating, save l->l_next before removing l.
 * None of these functions allocate, and none are safe against concurrent
 * use: the caller provides the locking (or masks interrupts).
 */
#ifndef KEEL_UTIL_LIST_H
#define KEEL_UTIL_LIST_H

#include "types.h"

typedef struct list_link {
	struct list_link *l_next;
	struct list_link *l_prev;
} list_link_t;

typedef list_link_t list_t;

#define LIST_INITIALIZER(name)                                                                     \
	{                                                                                          \
		&(name), &(name)                                                                   \
	}

static inline void list_init(list_t *list)
{
	list->l_next = list;
	list->l_prev = list;
}

static inline void list_link_init(list_link_t *link)
{
	link->l_next = link;
	link->l_prev = link;
}

static inline bool list_empty(const list_t *list)
{
	return list->l_next == list;
}

/* Whether 'link' is on a list: false for a link that list_link_init() or
 * list_remove() left, and for a zero-filled one. */
static inline bool list_link_is_linked(const list_link_t *link)
{
	return link->l_next != link && link->l_next != NULL;
}

/* Inserts 'link' just before 'next'. */
static inline void list_insert_before(list_link_t *next, list_link_t *link)
{
	link->l_next = next;
	link->l_prev = next->l_prev;
	next->l_prev->l_next = link;
	next->l_prev = link;
}

static inline void list_insert_head(list_t *list, list_link_t *link)
{
	list_insert_before(list->l_next, link);
}

static inline void list_insert_tail(list_t *list, list_link_t *link)
{
	list_insert_before(list, link);
}

/* Unlinks 'link' from whatever list holds it and leaves it unlinked. */
static inline void list_remove(list_link_t *link)
{
	link->l_prev->l_next = link->l_next;
	link->l_next->l_prev = link->l_prev;
	list_link_init(link);
}

/* Removes and returns the first link, or NULL when the list is empty. */
static inline list_link_t *list_pop_head(list_t *list)
{
	if (list_empty(list)) {
		return NULL;
	}
	list_link_t *link = list->l_next;
	list_remove(link);
	return link;
}

static inline list_link_t *list_head(const list_t *list)
{
	return list_empty(list) ? NULL : list->l_next;
}

static inline list_link_t *list_tail(const list_t *list)
{
	return list_empty(list) ? NULL : list->l_prev;
}

/* The number of elements; walks the list. */
size_t list_length(const list_t *list);

#endif
