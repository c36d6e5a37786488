/*
 * The 8254 programmable interval timer, channel 0 on IRQ 0.  It ticks at
 * PIT_HZ (config.mk, default 100) and counts ticks since boot.
 */
#ifndef KEEL_BOOT_PIT_H
#define KEEL_BOOT_PIT_H

#include "types.h"

extern volatile uint32_t pit_ticks;
extern uint32_t pit_hz;

/* Programs channel 0 for 'hz' interrupts a second and unmasks IRQ 0. */
void pit_init(uint32_t hz);

/*
 * A function called on every tick in interrupt context, after the tick
 * count is updated.  One hook; the scheduler's timed sleep uses it.
 */
void pit_set_tick_hook(void (*hook)(void));

/*
 * Time-stamp counter ticks per millisecond, calibrated against 20 timer
 * ticks (so it takes 20 ticks to run).  For timing what lasts a few tens
 * of milliseconds, too short for the timer alone.  Never 0.
 */
uint64_t pit_tsc_per_ms(void);

#endif
