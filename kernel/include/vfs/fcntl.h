/*
 * Flags of do_open() and the whence of do_lseek(): Linux i386's values, so
 * the VM stage's system calls pass a program's flags straight through.
 */
#ifndef KEEL_VFS_FCNTL_H
#define KEEL_VFS_FCNTL_H

/* The access mode: exactly one of these (O_ACCMODE masks it). */
#define O_RDONLY 00
#define O_WRONLY 01
#define O_RDWR 02
#define O_ACCMODE 03

#define O_CREAT 0100   /* create a regular file if the name is free */
#define O_EXCL 0200    /* with O_CREAT: fail with -EEXIST if the name is taken */
#define O_TRUNC 01000  /* a regular file starts empty (any access mode) */
#define O_APPEND 02000 /* every write goes to the end of the file */

/* do_lseek()'s whence. */
#define SEEK_SET 0 /* from the start of the file */
#define SEEK_CUR 1 /* from the current position */
#define SEEK_END 2 /* from the end of the file */

#endif
