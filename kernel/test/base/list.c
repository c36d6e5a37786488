/*
 * Intrusive lists keep order and links.  base.list.basic inserts at the head
 * and the tail and checks the order forwards and backwards, the length,
 * list_head()/list_tail(), and list_link_is_linked() before, during and
 * after membership.  base.list.remove removes from the middle, the ends and
 * while iterating, and pops until the list is empty.
 */
#include "util/list.h"
#include "test/ktest.h"
#include "util/string.h"

typedef struct item {
	int it_value;
	list_link_t it_link;
} item_t;

static item_t *item_of(list_link_t *l)
{
	return container_of(l, item_t, it_link);
}

/*
 * Checks that 'list' holds exactly want[0..n) in order, walking both ways
 * and checking each link's back pointer.
 */
static void check_order(list_t *list, const int *want, size_t n)
{
	KT_CHECK_EQ(list_length(list), n);
	KT_CHECK_EQ(list_empty(list), n == 0);
	size_t i = 0;
	for (list_link_t *l = list->l_next; l != list; l = l->l_next) {
		if (i >= n || item_of(l)->it_value != want[i] || l->l_next->l_prev != l) {
			ktest_fail("forward walk differs at position %zu", i);
			return;
		}
		i++;
	}
	KT_CHECK_EQ(i, n);
	for (list_link_t *l = list->l_prev; l != list; l = l->l_prev) {
		if (i == 0 || item_of(l)->it_value != want[i - 1]) {
			ktest_fail("backward walk differs at position %zu", i);
			return;
		}
		i--;
	}
	KT_CHECK_EQ(i, 0);
}

KTEST(list_basic, "base.list.basic")
{
	list_t list;
	list_init(&list);
	item_t it[5];
	for (int i = 0; i < 5; i++) {
		it[i].it_value = i;
		list_link_init(&it[i].it_link);
		KT_CHECK(!list_link_is_linked(&it[i].it_link));
	}
	/* A zero-filled link (fresh from memset) is not on any list either. */
	item_t zeroed;
	memset(&zeroed, 0, sizeof(zeroed));
	KT_CHECK(!list_link_is_linked(&zeroed.it_link));
	list_insert_tail(&list, &zeroed.it_link);
	KT_CHECK(list_link_is_linked(&zeroed.it_link));
	list_remove(&zeroed.it_link);
	KT_CHECK(!list_link_is_linked(&zeroed.it_link));
	check_order(&list, NULL, 0);
	KT_CHECK(list_head(&list) == NULL);
	KT_CHECK(list_tail(&list) == NULL);

	list_insert_tail(&list, &it[2].it_link);            /* 2 */
	list_insert_head(&list, &it[1].it_link);            /* 1 2 */
	list_insert_tail(&list, &it[3].it_link);            /* 1 2 3 */
	list_insert_head(&list, &it[0].it_link);            /* 0 1 2 3 */
	list_insert_before(&it[3].it_link, &it[4].it_link); /* 0 1 2 4 3 */
	static const int want[] = {0, 1, 2, 4, 3};
	check_order(&list, want, 5);
	KT_CHECK(list_head(&list) == &it[0].it_link);
	KT_CHECK(list_tail(&list) == &it[3].it_link);
	for (int i = 0; i < 5; i++) {
		KT_CHECK(list_link_is_linked(&it[i].it_link));
	}

	/* A list initialized statically behaves the same. */
	static list_t slist = LIST_INITIALIZER(slist);
	KT_CHECK(list_empty(&slist));
	list_remove(&it[4].it_link);
	list_insert_tail(&slist, &it[4].it_link);
	KT_CHECK_EQ(list_length(&slist), 1);
	KT_CHECK_EQ(list_length(&list), 4);
	list_remove(&it[4].it_link);
	KT_CHECK(list_empty(&slist));
	KT_CHECK(!list_link_is_linked(&it[4].it_link));
}

KTEST(list_remove, "base.list.remove")
{
	list_t list;
	list_init(&list);
	item_t it[6];
	for (int i = 0; i < 6; i++) {
		it[i].it_value = i;
		list_link_init(&it[i].it_link);
		list_insert_tail(&list, &it[i].it_link);
	}
	list_remove(&it[3].it_link); /* the middle */
	KT_CHECK(!list_link_is_linked(&it[3].it_link));
	static const int want1[] = {0, 1, 2, 4, 5};
	check_order(&list, want1, 5);
	list_remove(&it[0].it_link); /* the head */
	list_remove(&it[5].it_link); /* the tail */
	static const int want2[] = {1, 2, 4};
	check_order(&list, want2, 3);

	/* Removing the even values while iterating, saving the next link first. */
	list_insert_tail(&list, &it[0].it_link);
	list_insert_head(&list, &it[5].it_link); /* 5 1 2 4 0 */
	list_link_t *next;
	for (list_link_t *l = list.l_next; l != &list; l = next) {
		next = l->l_next;
		if (item_of(l)->it_value % 2 == 0) {
			list_remove(l);
		}
	}
	static const int want3[] = {5, 1};
	check_order(&list, want3, 2);

	/* Pop in order until empty. */
	list_insert_tail(&list, &it[3].it_link); /* 5 1 3 */
	static const int popped[] = {5, 1, 3};
	for (size_t i = 0; i < ARRAY_SIZE(popped); i++) {
		list_link_t *l = list_pop_head(&list);
		if (!KT_CHECK(l != NULL)) {
			return;
		}
		KT_CHECK_EQ(item_of(l)->it_value, popped[i]);
		KT_CHECK(!list_link_is_linked(l));
	}
	KT_CHECK(list_pop_head(&list) == NULL);
	KT_CHECK(list_empty(&list));
	KT_CHECK_EQ(list_length(&list), 0);
}
