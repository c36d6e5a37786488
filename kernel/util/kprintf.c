/*
 * kprintf and snprintf.
 *
 * One formatter, vformat(), produces characters through a sink callback; the
 * string functions sink into a buffer and kprintf sinks into a small stack
 * buffer that it hands to every console (and to the kernel log) in chunks.
 * Nothing here allocates or sleeps, so kprintf works in interrupt handlers,
 * in panic() and before memory management is up.
 */
#include "util/kprintf.h"
#include "boot/interrupt.h"
#include "util/string.h"

typedef struct sink {
	void (*put)(struct sink *s, char c);
	char *buf;
	size_t size;
	size_t len; /* characters produced so far, stored or not */
} sink_t;

typedef struct spec {
	bool left, zero, plus, space, alt;
	int width;
	int prec; /* -1: none */
	int length; /* 0, 'H' (hh), 'h', 'l', 'L' (ll), 'z' */
} spec_t;

static void emit(sink_t *s, char c)
{
	s->put(s, c);
	s->len++;
}

static void pad(sink_t *s, char c, int n)
{
	for (int i = 0; i < n; i++) {
		emit(s, c);
	}
}

static void format_string(sink_t *s, const spec_t *sp, const char *str)
{
	if (str == NULL) {
		str = "(null)";
	}
	int len = sp->prec >= 0 ? (int)strnlen(str, sp->prec) : (int)strlen(str);
	if (!sp->left) {
		pad(s, ' ', sp->width - len);
	}
	for (int i = 0; i < len; i++) {
		emit(s, str[i]);
	}
	if (sp->left) {
		pad(s, ' ', sp->width - len);
	}
}

static void format_number(sink_t *s, const spec_t *sp, unsigned long long v, bool neg,
			  unsigned base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;
	while (v != 0) {
		tmp[n++] = digits[v % base];
		v /= base;
	}
	/* Precision: the minimum number of digits; 0 with precision 0 prints nothing. */
	int ndigits = n;
	if (sp->prec >= 0) {
		ndigits = MAX(ndigits, sp->prec);
	} else if (ndigits == 0) {
		ndigits = 1;
	}

	char prefix[3];
	int nprefix = 0;
	if (neg) {
		prefix[nprefix++] = '-';
	} else if (sp->plus) {
		prefix[nprefix++] = '+';
	} else if (sp->space) {
		prefix[nprefix++] = ' ';
	}
	if (sp->alt && base == 16 && n > 0) {
		prefix[nprefix++] = '0';
		prefix[nprefix++] = upper ? 'X' : 'x';
	} else if (sp->alt && base == 8 && ndigits <= n) {
		ndigits = n + 1;
	}

	int total = nprefix + ndigits;
	bool zero_pad = sp->zero && !sp->left && sp->prec < 0;
	if (!sp->left && !zero_pad) {
		pad(s, ' ', sp->width - total);
	}
	for (int i = 0; i < nprefix; i++) {
		emit(s, prefix[i]);
	}
	if (zero_pad) {
		pad(s, '0', sp->width - total);
	}
	pad(s, '0', ndigits - n);
	while (n > 0) {
		emit(s, tmp[--n]);
	}
	if (sp->left) {
		pad(s, ' ', sp->width - total);
	}
}

static const char *parse_spec(const char *f, spec_t *sp, va_list *ap)
{
	*sp = (spec_t){.prec = -1};
	for (;; f++) {
		if (*f == '-') {
			sp->left = true;
		} else if (*f == '0') {
			sp->zero = true;
		} else if (*f == '+') {
			sp->plus = true;
		} else if (*f == ' ') {
			sp->space = true;
		} else if (*f == '#') {
			sp->alt = true;
		} else {
			break;
		}
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = true;
			sp->width = -sp->width;
		}
		f++;
	} else {
		while (*f >= '0' && *f <= '9') {
			sp->width = sp->width * 10 + (*f++ - '0');
		}
	}
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			f++;
		} else {
			while (*f >= '0' && *f <= '9') {
				sp->prec = sp->prec * 10 + (*f++ - '0');
			}
		}
	}
	if (f[0] == 'h' && f[1] == 'h') {
		sp->length = 'H';
		f += 2;
	} else if (f[0] == 'l' && f[1] == 'l') {
		sp->length = 'L';
		f += 2;
	} else if (*f == 'h' || *f == 'l' || *f == 'z') {
		sp->length = *f++;
	}
	return f;
}

static long long signed_arg(const spec_t *sp, va_list *ap)
{
	switch (sp->length) {
	case 'L':
		return va_arg(*ap, long long);
	case 'l':
		return va_arg(*ap, long);
	case 'z':
		return va_arg(*ap, ssize_t);
	case 'h':
		return (short)va_arg(*ap, int);
	case 'H':
		return (signed char)va_arg(*ap, int);
	default:
		return va_arg(*ap, int);
	}
}

static unsigned long long unsigned_arg(const spec_t *sp, va_list *ap)
{
	switch (sp->length) {
	case 'L':
		return va_arg(*ap, unsigned long long);
	case 'l':
		return va_arg(*ap, unsigned long);
	case 'z':
		return va_arg(*ap, size_t);
	case 'h':
		return (unsigned short)va_arg(*ap, unsigned);
	case 'H':
		return (unsigned char)va_arg(*ap, unsigned);
	default:
		return va_arg(*ap, unsigned);
	}
}

static void vformat(sink_t *s, const char *fmt, va_list ap_in)
{
	va_list ap;
	va_copy(ap, ap_in);
	for (const char *f = fmt; *f != '\0'; f++) {
		if (*f != '%') {
			emit(s, *f);
			continue;
		}
		spec_t sp;
		f = parse_spec(f + 1, &sp, &ap);
		switch (*f) {
		case 'd':
		case 'i': {
			long long v = signed_arg(&sp, &ap);
			unsigned long long mag = v < 0 ? -(unsigned long long)v : (unsigned long long)v;
			format_number(s, &sp, mag, v < 0, 10, false);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o': {
			/* '+' and ' ' are for signed conversions; C ignores them here. */
			unsigned base = *f == 'u' ? 10 : *f == 'o' ? 8 : 16;
			sp.plus = sp.space = false;
			format_number(s, &sp, unsigned_arg(&sp, &ap), false, base, *f == 'X');
			break;
		}
		case 'p':
			sp.alt = true;
			sp.plus = sp.space = false;
			sp.length = 0;
			format_number(s, &sp, (uintptr_t)va_arg(ap, void *), false, 16, false);
			break;
		case 'c':
			/* Emitted directly: a NUL is a character too. */
			if (!sp.left) {
				pad(s, ' ', sp.width - 1);
			}
			emit(s, (char)va_arg(ap, int));
			if (sp.left) {
				pad(s, ' ', sp.width - 1);
			}
			break;
		case 's':
			format_string(s, &sp, va_arg(ap, const char *));
			break;
		case '%':
			emit(s, '%');
			break;
		case '\0':
			f--; /* a lone '%' at the end: stop at the NUL */
			break;
		default:
			/* Unknown conversion: print it as written so the mistake shows. */
			emit(s, '%');
			emit(s, *f);
			break;
		}
	}
	va_end(ap);
}

static void buffer_put(sink_t *s, char c)
{
	if (s->len + 1 < s->size) {
		s->buf[s->len] = c;
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	sink_t s = {.put = buffer_put, .buf = buf, .size = size};
	vformat(&s, fmt, ap);
	if (size > 0) {
		buf[MIN(s.len, size - 1)] = '\0';
	}
	return (int)s.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* Consoles and the kernel log. */

static console_t *consoles;
char klog_buf[KLOG_SIZE];
uint32_t klog_head;

void console_register(console_t *cn)
{
	console_t **tail = &consoles;
	while (*tail != NULL) {
		tail = &(*tail)->cn_next;
	}
	cn->cn_next = NULL;
	*tail = cn;
}

void kputs_n(const char *str, size_t n)
{
	uint32_t flags = intr_save();
	for (size_t i = 0; i < n; i++) {
		klog_buf[klog_head++ % KLOG_SIZE] = str[i];
	}
	for (console_t *cn = consoles; cn != NULL; cn = cn->cn_next) {
		cn->cn_write(str, n);
	}
	intr_restore(flags);
}

#define CHUNK 128

typedef struct console_sink {
	sink_t s;
	char chunk[CHUNK];
	size_t used;
} console_sink_t;

static void console_put(sink_t *s, char c)
{
	console_sink_t *cs = container_of(s, console_sink_t, s);
	cs->chunk[cs->used++] = c;
	if (cs->used == CHUNK) {
		kputs_n(cs->chunk, cs->used);
		cs->used = 0;
	}
}

int vkprintf(const char *fmt, va_list ap)
{
	console_sink_t cs = {.s = {.put = console_put}};
	vformat(&cs.s, fmt, ap);
	kputs_n(cs.chunk, cs.used);
	return (int)cs.s.len;
}

static void console_write(void *unused, const char *s, size_t n)
{
	kputs_n(s, n);
}

const printer_t kprintf_printer = {.pr_write = console_write};

int pr_printf(const printer_t *pr, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	pr->pr_write(pr->pr_arg, buf, MIN((size_t)n, sizeof(buf) - 1));
	return n;
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vkprintf(fmt, ap);
	va_end(ap);
	return n;
}
