/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * text.h - showing bytes from processes and users safely.
 *
 * A process name, a command line, a pidfile name or a pattern is bytes
 * that anyone may have chosen.  Shown, it must not forge a line (a
 * newline), move the cursor (an escape sequence), pass for another name
 * (a backslash) or make JSON invalid (a byte that is not UTF-8).  Valid UTF-8 stays as it is.
 */
#ifndef PIDKILL_TEXT_H
#define PIDKILL_TEXT_H

#include <stddef.h>

/*
 * Copy the len bytes at in to out (size bytes, NUL-terminated, cut at a
 * character boundary when short), with every control character (C0,
 * DEL, C1), every byte that is not part of valid UTF-8 and the backslash
 * itself (so that a name holding "\x0a" is not read as one holding a
 * newline) written as \xHH.  Returns the length written.
 */
size_t text_escape(const char *in, size_t len, char *out, size_t size);

/* text_escape of a string into a new allocation (NULL if out of memory) */
char *text_escaped(const char *in);

#endif /* PIDKILL_TEXT_H */
