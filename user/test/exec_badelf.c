/*
 * Keel only: hostile ELF files get ENOEXEC from execve, never a crash: a
 * copy of this program cut after its program headers (its segments run
 * past the end of the file), one whose entry point lies outside every
 * segment, one with a segment in the kernel half, one with a segment of an
 * absurd size.  (Linux accepts some of these and kills the program later:
 * nodiff.)
 */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static char *image;
static size_t image_len;

static void write_exec(const char *path, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	CHECK(fd >= 0);
	write_all(fd, image, len);
	CHECK(close(fd) == 0);
}

static Elf32_Phdr *first_load(void)
{
	Elf32_Ehdr *eh = (Elf32_Ehdr *)image;
	for (int i = 0; i < eh->e_phnum; i++) {
		Elf32_Phdr *ph = (Elf32_Phdr *)(image + eh->e_phoff + i * eh->e_phentsize);
		if (ph->p_type == PT_LOAD && ph->p_filesz > 0)
			return ph;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	(void)argc;
	image = malloc(1 << 20);
	CHECK(image != NULL);
	int fd = open(self_path(argv[0]), O_RDONLY);
	CHECK(fd >= 0);
	ssize_t n;
	while ((n = read(fd, image + image_len, (1 << 20) - image_len)) > 0)
		image_len += n;
	CHECK(close(fd) == 0 && image_len > 4096);
	char *args[] = {"prog", NULL}, *env[] = {NULL};
	Elf32_Ehdr *eh = (Elf32_Ehdr *)image;

	write_exec("cut", 1000);
	CHECK_ERR(execve("cut", args, env), ENOEXEC);

	Elf32_Addr entry = eh->e_entry;
	eh->e_entry = 0x100;
	write_exec("badentry", image_len);
	CHECK_ERR(execve("badentry", args, env), ENOEXEC);
	eh->e_entry = entry;

	Elf32_Phdr *ph = first_load();
	CHECK(ph != NULL);
	Elf32_Phdr saved = *ph;
	ph->p_vaddr = ph->p_paddr = 0xC0000000u;
	write_exec("kernelseg", image_len);
	CHECK_ERR(execve("kernelseg", args, env), ENOEXEC);
	*ph = saved;

	ph->p_memsz = 0xF0000000u;
	write_exec("huge", image_len);
	CHECK_ERR(execve("huge", args, env), ENOEXEC);
	*ph = saved;

	ph->p_offset = 0x7FFFF000u;
	write_exec("offset", image_len);
	CHECK_ERR(execve("offset", args, env), ENOEXEC);
	puts("bad elf: ok");
	return 0;
}
