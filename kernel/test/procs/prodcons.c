/*
 * A bounded buffer shared by several producers and consumers, built from a
 * mutex and two wait queues.  Every item produced must be consumed exactly
 * once, and the buffer must never over- or underflow.
 */
#include "proc/kmutex.h"
#include "test/spawn.h"
#include "test/ktest.h"
#include "util/bitmap.h"

#define NPRODUCERS 3
#define NCONSUMERS 4
#define PER_PRODUCER 120
#define NITEMS (NPRODUCERS * PER_PRODUCER)
#define BUFSIZE 5
#define STOP (-1)

static struct {
	kmutex_t lock;
	ktqueue_t not_full;
	ktqueue_t not_empty;
	int items[BUFSIZE];
	int head, count;
	int max_count;
} bb;

static uint32_t consumed[BITMAP_WORDS(NITEMS)];
static int duplicates;
static int nconsumed;

static void bb_put(int item)
{
	kmutex_lock(&bb.lock);
	while (bb.count == BUFSIZE) {
		kmutex_unlock(&bb.lock);
		sched_sleep_on(&bb.not_full);
		kmutex_lock(&bb.lock);
	}
	bb.items[(bb.head + bb.count) % BUFSIZE] = item;
	bb.count++;
	bb.max_count = MAX(bb.max_count, bb.count);
	sched_wakeup_on(&bb.not_empty);
	kmutex_unlock(&bb.lock);
}

static int bb_get(void)
{
	kmutex_lock(&bb.lock);
	while (bb.count == 0) {
		kmutex_unlock(&bb.lock);
		sched_sleep_on(&bb.not_empty);
		kmutex_lock(&bb.lock);
	}
	int item = bb.items[bb.head];
	bb.head = (bb.head + 1) % BUFSIZE;
	bb.count--;
	sched_wakeup_on(&bb.not_full);
	kmutex_unlock(&bb.lock);
	return item;
}

static void *producer(long id, void *unused)
{
	for (int i = 0; i < PER_PRODUCER; i++) {
		bb_put((int)id * PER_PRODUCER + i);
		if (i % 7 == 0) {
			sched_yield();
		}
	}
	return NULL;
}

static void *consumer(long id, void *unused)
{
	int mine = 0;
	for (;;) {
		int item = bb_get();
		if (item == STOP) {
			return (void *)(long)mine;
		}
		if (item < 0 || item >= NITEMS || bitmap_test(consumed, item)) {
			duplicates++;
		} else {
			bitmap_set(consumed, item);
		}
		nconsumed++;
		mine++;
	}
}

KTEST(prodcons, "procs.sync.producer_consumer")
{
	kmutex_init(&bb.lock);
	sched_queue_init(&bb.not_full);
	sched_queue_init(&bb.not_empty);
	bb.head = bb.count = bb.max_count = 0;
	for (size_t i = 0; i < ARRAY_SIZE(consumed); i++) {
		consumed[i] = 0;
	}
	duplicates = nconsumed = 0;

	proc_t *cons[NCONSUMERS], *prods[NPRODUCERS];
	for (int i = 0; i < NCONSUMERS; i++) {
		cons[i] = spawn("consumer", consumer, i, NULL);
		if (cons[i] == NULL) {
			return;
		}
	}
	for (int i = 0; i < NPRODUCERS; i++) {
		prods[i] = spawn("producer", producer, i, NULL);
		if (prods[i] == NULL) {
			return;
		}
	}
	for (int i = 0; i < NPRODUCERS; i++) {
		reap(prods[i]->p_pid);
	}
	for (int i = 0; i < NCONSUMERS; i++) {
		bb_put(STOP);
	}
	int total = 0;
	for (int i = 0; i < NCONSUMERS; i++) {
		total += reap(cons[i]->p_pid);
	}
	KT_CHECK_EQ(duplicates, 0);
	KT_CHECK_EQ(nconsumed, NITEMS);
	KT_CHECK_EQ(total, NITEMS);
	KT_CHECK_EQ(bitmap_count_set(consumed, NITEMS), NITEMS);
	KT_CHECK(bb.max_count <= BUFSIZE);
	KT_CHECK_EQ(bb.max_count, BUFSIZE); /* the buffer did fill up */
	KT_CHECK_EQ(bb.count, 0);
}
