/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * text.c - escaping for output.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/*
 * The length of the valid UTF-8 character at s (at most len bytes) that
 * is not a control character, or 0.  Rejects overlong forms, surrogates
 * and code points above U+10FFFF, as RFC 3629 does.  A backslash that
 * an x follows is escaped too, so that none reads as an escape; any
 * other stays as it is (a pattern's \( or a trailing \ read as typed).
 */
static size_t
utf8_printable(const unsigned char *s, size_t len)
{
	unsigned int cp;
	size_t n, i;

	if (s[0] == '\\')
		return len > 1 && s[1] == 'x' ? 0 : 1;
	if (s[0] >= 0x20 && s[0] < 0x7f)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff ||
	    (cp >= 0x80 && cp <= 0x9f))
		return 0;
	return n;
}

size_t
text_escape(const char *in, size_t len, char *out, size_t size)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t i = 0, o = 0, n;

	if (size == 0)
		return 0;
	while (i < len) {
		n = utf8_printable(s + i, len - i);
		if (n > 0) {
			if (o + n >= size)
				break;
			memcpy(out + o, s + i, n);
			o += n;
			i += n;
			continue;
		}
		if (o + 4 >= size)
			break;
		o += (size_t)snprintf(out + o, size - o, "\\x%02x", s[i]);
		i++;
	}
	out[o] = '\0';
	return o;
}

char *
text_escaped(const char *in)
{
	size_t len = strlen(in), size = len * 4 + 1;
	char *out = malloc(size);

	if (out)
		text_escape(in, len, out, size);
	return out;
}
