/* Kernel command-line parsing; see main/cmdline.h. */
#include "main/cmdline.h"
#include "util/string.h"

cmdline_t kernel_cmdline;

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int cmdline_parse(cmdline_t *cl, const char *text)
{
	cl->cl_nargs = 0;
	strlcpy(cl->cl_buf, text != NULL ? text : "", sizeof(cl->cl_buf));
	if (text != NULL && strlen(text) >= sizeof(cl->cl_buf) && !is_space(text[CMDLINE_MAX - 1])) {
		/* Truncated inside a word: drop that partial word (all of it, if it is the only one). */
		size_t end = CMDLINE_MAX - 1;
		while (end > 0 && !is_space(cl->cl_buf[end - 1])) {
			end--;
		}
		cl->cl_buf[end] = '\0';
	}
	char *p = cl->cl_buf;
	while (*p != '\0') {
		while (is_space(*p)) {
			*p++ = '\0';
		}
		if (*p == '\0') {
			break;
		}
		char *word = p;
		while (*p != '\0' && !is_space(*p)) {
			p++;
		}
		if (*p != '\0') {
			*p++ = '\0';
		}
		char *eq = strchr(word, '=');
		if (eq == NULL || eq == word || cl->cl_nargs == CMDLINE_MAX_ARGS) {
			continue; /* a file name or a flag without a value */
		}
		*eq = '\0';
		cl->cl_key[cl->cl_nargs] = word;
		cl->cl_value[cl->cl_nargs] = eq + 1;
		cl->cl_nargs++;
	}
	return cl->cl_nargs;
}

const char *cmdline_get(const cmdline_t *cl, const char *key)
{
	for (int i = cl->cl_nargs - 1; i >= 0; i--) {
		if (strcmp(cl->cl_key[i], key) == 0) {
			return cl->cl_value[i];
		}
	}
	return NULL;
}

long cmdline_get_int(const cmdline_t *cl, const char *key, long dflt)
{
	const char *v = cmdline_get(cl, key);
	if (v == NULL || *v == '\0') {
		return dflt;
	}
	char *end;
	long n = strtol(v, &end, 0);
	return *end == '\0' ? n : dflt;
}
