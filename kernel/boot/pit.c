/*
 * The 8254 timer.  Channel 0 counts down from 1193182 / hz at 1.193182 MHz
 * and raises IRQ 0 each time it wraps.
 */
#include "boot/pit.h"
#include "boot/interrupt.h"
#include "io.h"
#include "test/ktest.h"

#define PIT_FREQ 1193182
#define PIT_CH0 0x40
#define PIT_CMD 0x43

volatile uint32_t pit_ticks;
uint32_t pit_hz;
static void (*tick_hook)(void);

static void pit_interrupt(regs_t *regs)
{
	pit_ticks++;
	ktest_tick();
	if (tick_hook != NULL) {
		tick_hook();
	}
}

void pit_set_tick_hook(void (*hook)(void))
{
	tick_hook = hook;
}

void pit_init(uint32_t hz)
{
	uint32_t divisor = PIT_FREQ / hz;
	pit_hz = hz;
	outb(PIT_CMD, 0x36); /* channel 0, lobyte/hibyte, mode 3 (square wave) */
	outb(PIT_CH0, divisor & 0xff);
	outb(PIT_CH0, divisor >> 8);
	intr_register(IRQ_BASE + IRQ_TIMER, pit_interrupt);
	irq_enable(IRQ_TIMER);
}

uint64_t pit_tsc_per_ms(void)
{
	uint32_t tick = pit_ticks;
	while (pit_ticks == tick) {
	}
	uint64_t start = rdtsc();
	tick = pit_ticks;
	while (pit_ticks - tick < 20) {
	}
	uint64_t per_ms = (rdtsc() - start) * pit_hz / (20 * 1000);
	return per_ms != 0 ? per_ms : 1;
}
