/*
 * sh: Keel's shell.
 *
 *   sh                 read commands from standard input (a "$ " prompt when
 *                      it is a terminal)
 *   sh FILE [ARGS]     run the script FILE
 *   sh -c CMD          run CMD
 *
 * The grammar, from the loosest binding to the tightest:
 *
 *   list      := and_or ((';' | '&') and_or)* [';' | '&']
 *   and_or    := pipeline (('&&' | '||') pipeline)*
 *   pipeline  := command ('|' command)*
 *   command   := (WORD | '<' WORD | '>' WORD | '>>' WORD)+
 *
 * Words are separated by blanks; '...' quotes literally, "..." quotes with
 * $? expanded, a backslash quotes the next character, '#' at the start of a
 * word starts a comment.  $? is the status of the last pipeline: its last
 * command's exit status, or 128 + the signal that ended it.  The builtins cd
 * and exit run in the shell itself; everything else is a program, found
 * through PATH (default /bin) unless its name has a '/'.  A command ending
 * with '&' runs without being waited for; finished background children are
 * reaped before each new line.  At a terminal, ^C ends the command being
 * run (the shell ignores it and each command starts with the default).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_TOKENS 256
#define MAX_ARGS 64
#define MAX_CMDS 16
#define LINE_MAX_LEN 4096

enum tok_kind { T_WORD, T_PIPE, T_LT, T_GT, T_GTGT, T_SEMI, T_AMP, T_AND, T_OR, T_END };

struct token {
	enum tok_kind kind;
	char *word; /* T_WORD: malloc'd */
};

struct command {
	char *argv[MAX_ARGS + 1];
	int argc;
	char *in, *out; /* redirections, or NULL */
	int append;
};

static int last_status;
static int interactive;

/*
 * An interactive shell ignores the terminal's signal keys (^C, ^\, ^Z
 * reach the terminal's foreground process group, the shell's own) so
 * that they end the command it runs, not the shell; each command starts
 * with them back at their defaults.
 */
static void set_terminal_signals(void (*action)(int))
{
	signal(SIGINT, action);
	signal(SIGQUIT, action);
	signal(SIGTSTP, action);
}

static void reap_background(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

/* Appends c to the growing word *buf (capacity *cap, length *len). */
static void word_add(char **buf, size_t *len, size_t *cap, char c)
{
	if (*len + 2 > *cap) {
		*cap = *cap ? *cap * 2 : 32;
		*buf = realloc(*buf, *cap);
		if (!*buf) {
			fputs("sh: out of memory\n", stderr);
			exit(2);
		}
	}
	(*buf)[(*len)++] = c;
	(*buf)[*len] = '\0';
}

/* $? is kept as STATUS_MARK in a word until the command runs (expand_status). */
#define STATUS_MARK '\x01'

static void word_add_status(char **buf, size_t *len, size_t *cap)
{
	word_add(buf, len, cap, STATUS_MARK);
}

/* The word with each $? replaced by the current status: word itself, or a new string. */
static char *expand_status(char *word)
{
	if (!strchr(word, STATUS_MARK))
		return word;
	char num[16];
	int nlen = snprintf(num, sizeof(num), "%d", last_status);
	size_t marks = 0;
	for (char *p = word; *p; p++)
		marks += *p == STATUS_MARK;
	char *out = malloc(strlen(word) + marks * nlen + 1), *q = out;
	if (!out) {
		fputs("sh: out of memory\n", stderr);
		exit(2);
	}
	for (char *p = word; *p; p++) {
		if (*p == STATUS_MARK)
			q = memcpy(q, num, nlen), q += nlen;
		else
			*q++ = *p;
	}
	*q = '\0';
	return out;
}

/* Splits line into toks; the number of tokens (the last is T_END), or -1 after an error message. */
static int tokenize(const char *line, struct token *toks)
{
	int n = 0;
	const char *p = line;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (n == MAX_TOKENS - 1) {
			fputs("sh: line too long\n", stderr);
			return -1;
		}
		struct token *t = &toks[n];
		t->word = NULL;
		if (*p == '\0' || *p == '#') {
			t->kind = T_END;
			return n + 1;
		}
		if (p[0] == '&' && p[1] == '&') {
			t->kind = T_AND, p += 2;
		} else if (p[0] == '|' && p[1] == '|') {
			t->kind = T_OR, p += 2;
		} else if (p[0] == '>' && p[1] == '>') {
			t->kind = T_GTGT, p += 2;
		} else if (*p == '|') {
			t->kind = T_PIPE, p++;
		} else if (*p == '<') {
			t->kind = T_LT, p++;
		} else if (*p == '>') {
			t->kind = T_GT, p++;
		} else if (*p == ';') {
			t->kind = T_SEMI, p++;
		} else if (*p == '&') {
			t->kind = T_AMP, p++;
		} else {
			char *buf = NULL;
			size_t len = 0, cap = 0;
			word_add(&buf, &len, &cap, 'x'); /* an empty quoted word is still a word */
			len = 0;
			buf[0] = '\0';
			while (*p && !strchr(" \t\n\r|<>;&", *p)) {
				if (*p == '\'') {
					const char *end = strchr(p + 1, '\'');
					if (!end) {
						fputs("sh: unterminated '\n", stderr);
						free(buf);
						return -1;
					}
					for (p++; p < end; p++)
						word_add(&buf, &len, &cap, *p);
					p++;
				} else if (*p == '"') {
					for (p++; *p && *p != '"'; p++) {
						if (*p == '\\' &&
						    (p[1] == '"' || p[1] == '\\' || p[1] == '$'))
							word_add(&buf, &len, &cap, *++p);
						else if (p[0] == '$' && p[1] == '?')
							word_add_status(&buf, &len, &cap), p++;
						else
							word_add(&buf, &len, &cap, *p);
					}
					if (*p != '"') {
						fputs("sh: unterminated \"\n", stderr);
						free(buf);
						return -1;
					}
					p++;
				} else if (*p == '\\' && p[1]) {
					word_add(&buf, &len, &cap, p[1]);
					p += 2;
				} else if (p[0] == '$' && p[1] == '?') {
					word_add_status(&buf, &len, &cap);
					p += 2;
				} else {
					word_add(&buf, &len, &cap, *p++);
				}
			}
			t->kind = T_WORD;
			t->word = buf;
		}
		n++;
	}
}

/* Runs argv[0] through PATH (never returns). */
static void exec_program(char **argv)
{
	if (strchr(argv[0], '/')) {
		execv(argv[0], argv);
	} else {
		const char *path = getenv("PATH");
		if (!path || !*path)
			path = "/bin";
		char full[512];
		int err = ENOENT;
		while (*path) {
			size_t n = strcspn(path, ":");
			if (n + strlen(argv[0]) + 2 <= sizeof(full)) {
				memcpy(full, path, n);
				full[n] = '/';
				strcpy(full + n + 1, argv[0]);
				execv(full, argv);
				if (errno != ENOENT)
					err = errno;
			}
			path += n;
			if (*path == ':')
				path++;
		}
		errno = err;
	}
	if (errno == ENOENT) {
		fprintf(stderr, "sh: %s: not found\n", argv[0]);
		_exit(127);
	}
	fprintf(stderr, "sh: %s: %s\n", argv[0], strerror(errno));
	_exit(126);
}

/* Opens cmd's redirections onto fds 0 and 1; 0, or -1 after a message. */
static int redirect(const struct command *cmd)
{
	if (cmd->in) {
		int fd = open(cmd->in, O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", cmd->in, strerror(errno));
			return -1;
		}
		dup2(fd, 0);
		close(fd);
	}
	if (cmd->out) {
		int flags = O_WRONLY | O_CREAT | (cmd->append ? O_APPEND : O_TRUNC);
		int fd = open(cmd->out, flags, 0644);
		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", cmd->out, strerror(errno));
			return -1;
		}
		dup2(fd, 1);
		close(fd);
	}
	return 0;
}

/* A builtin run in the shell itself: its status, or -1 when argv is not one. */
static int builtin(struct command *cmd)
{
	char **argv = cmd->argv;
	if (strcmp(argv[0], "cd") == 0) {
		const char *dir = argv[1] ? argv[1] : "/";
		if (chdir(dir) < 0) {
			fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
			return 1;
		}
		return 0;
	}
	if (strcmp(argv[0], "exit") == 0) {
		fflush(stdout);
		exit(argv[1] ? atoi(argv[1]) : last_status);
	}
	return -1;
}

static int status_of(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return 1;
}

static int run_commands(struct command *cmds, int n, int background);

/* Runs a pipeline of n commands; its status (waited for unless background). */
static int run_pipeline(struct command *cmds, int n, int background)
{
	char *expanded[MAX_CMDS * (MAX_ARGS + 2)];
	int nexp = 0;
	for (int i = 0; i < n; i++) {
		char **words[MAX_ARGS + 2];
		int nw = 0;
		for (int a = 0; a < cmds[i].argc; a++)
			words[nw++] = &cmds[i].argv[a];
		if (cmds[i].in)
			words[nw++] = &cmds[i].in;
		if (cmds[i].out)
			words[nw++] = &cmds[i].out;
		for (int w = 0; w < nw; w++) {
			char *e = expand_status(*words[w]);
			if (e != *words[w])
				expanded[nexp++] = *words[w] = e;
		}
	}
	int status = run_commands(cmds, n, background);
	for (int i = 0; i < nexp; i++)
		free(expanded[i]);
	return status;
}

/* Runs a pipeline of n commands (words expanded); its status (waited for unless background). */
static int run_commands(struct command *cmds, int n, int background)
{
	if (n == 1 && !background && !cmds[0].in && !cmds[0].out) {
		int st = builtin(&cmds[0]);
		if (st >= 0)
			return st;
	}
	pid_t pids[MAX_CMDS];
	int in = -1;
	fflush(stdout);
	for (int i = 0; i < n; i++) {
		int pfd[2] = {-1, -1};
		if (i + 1 < n && pipe(pfd) < 0) {
			fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
			if (in >= 0)
				close(in);
			n = i;
			break;
		}
		pid_t pid = fork();
		if (pid < 0) {
			fprintf(stderr, "sh: fork: %s\n", strerror(errno));
			if (pfd[0] >= 0)
				close(pfd[0]), close(pfd[1]);
			if (in >= 0)
				close(in);
			n = i;
			break;
		}
		if (pid == 0) {
			if (interactive)
				set_terminal_signals(SIG_DFL);
			if (in >= 0)
				dup2(in, 0), close(in);
			if (pfd[1] >= 0)
				dup2(pfd[1], 1), close(pfd[1]), close(pfd[0]);
			if (redirect(&cmds[i]) < 0)
				_exit(1);
			int st = builtin(&cmds[i]);
			if (st >= 0)
				_exit(st);
			exec_program(cmds[i].argv);
		}
		pids[i] = pid;
		if (in >= 0)
			close(in);
		if (pfd[1] >= 0)
			close(pfd[1]);
		in = pfd[0];
	}
	if (background || n == 0)
		return n == 0 ? 1 : 0;
	int status = 0;
	for (int i = 0; i < n; i++) {
		int ws;
		while (waitpid(pids[i], &ws, 0) < 0 && errno == EINTR)
			;
		if (i == n - 1)
			status = status_of(ws);
	}
	return status;
}

/* Parses one pipeline from toks[*pos]; the number of commands, or -1 after a message. */
static int parse_pipeline(struct token *toks, int *pos, struct command *cmds)
{
	int n = 0;
	for (;;) {
		if (n == MAX_CMDS) {
			fputs("sh: pipeline too long\n", stderr);
			return -1;
		}
		struct command *c = &cmds[n++];
		memset(c, 0, sizeof(*c));
		for (;;) {
			struct token *t = &toks[*pos];
			if (t->kind == T_WORD) {
				if (c->argc == MAX_ARGS) {
					fputs("sh: too many arguments\n", stderr);
					return -1;
				}
				c->argv[c->argc++] = t->word;
				(*pos)++;
			} else if (t->kind == T_LT || t->kind == T_GT || t->kind == T_GTGT) {
				if (toks[*pos + 1].kind != T_WORD) {
					fputs("sh: syntax error: a redirection needs a file name\n",
					      stderr);
					return -1;
				}
				if (t->kind == T_LT)
					c->in = toks[*pos + 1].word;
				else
					c->out = toks[*pos + 1].word, c->append = t->kind == T_GTGT;
				*pos += 2;
			} else {
				break;
			}
		}
		if (c->argc == 0) {
			fputs("sh: syntax error: a missing command\n", stderr);
			return -1;
		}
		if (toks[*pos].kind != T_PIPE)
			return n;
		(*pos)++;
	}
}

/* Finds where the and_or list starting at pos ends; whether it ends with '&'. */
static int ends_in_background(struct token *toks, int pos)
{
	while (toks[pos].kind != T_END && toks[pos].kind != T_SEMI && toks[pos].kind != T_AMP)
		pos++;
	return toks[pos].kind == T_AMP;
}

static void run_line(const char *line)
{
	struct token toks[MAX_TOKENS];
	int ntok = tokenize(line, toks);
	if (ntok < 0) {
		last_status = 2;
		return;
	}
	struct command cmds[MAX_CMDS];
	int pos = 0;
	while (toks[pos].kind != T_END) {
		int background = ends_in_background(toks, pos);
		int skip = 0; /* the previous && or || decided not to run this pipeline */
		for (;;) {
			int n = parse_pipeline(toks, &pos, cmds);
			if (n < 0) {
				last_status = 2;
				goto out;
			}
			if (!skip)
				last_status = run_pipeline(cmds, n, background);
			enum tok_kind k = toks[pos].kind;
			if (k != T_AND && k != T_OR)
				break;
			pos++;
			skip = (k == T_AND) ? last_status != 0 : last_status == 0;
		}
		if (toks[pos].kind == T_SEMI || toks[pos].kind == T_AMP)
			pos++;
		else if (toks[pos].kind != T_END) {
			fputs("sh: syntax error\n", stderr);
			last_status = 2;
			goto out;
		}
	}
out:
	for (int i = 0; i < ntok; i++)
		free(toks[i].word);
}

/*
 * Reads one line of fd into line (NUL-terminated, without its newline) a
 * byte at a time, so that what follows the line stays unread for the
 * commands it runs; 0 at the end of the input.
 */
static int read_line(int fd, char *line, size_t cap)
{
	size_t len = 0;
	char c;
	ssize_t n;
	while ((n = read(fd, &c, 1)) == 1) {
		if (c == '\n')
			break;
		if (len + 1 < cap)
			line[len++] = c;
	}
	line[len] = '\0';
	return n == 1 || len > 0;
}

/* Reads and runs every line of fd. */
static void run_stream(int fd)
{
	char line[LINE_MAX_LEN];
	for (;;) {
		reap_background();
		if (interactive) {
			fputs("$ ", stdout);
			fflush(stdout);
		}
		if (!read_line(fd, line, sizeof(line)))
			break;
		run_line(line);
		fflush(stdout);
	}
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "-c") == 0) {
		run_line(argv[2]);
		return last_status;
	}
	if (argc >= 2) {
		int fd = open(argv[1], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", argv[1], strerror(errno));
			return 127;
		}
		run_stream(fd);
		close(fd);
		return last_status;
	}
	interactive = isatty(0);
	if (interactive)
		set_terminal_signals(SIG_IGN);
	run_stream(0);
	if (interactive)
		fputs("\n", stdout);
	return last_status;
}
