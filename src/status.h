/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * status.h - pidkill's exit statuses: pkill's, plus one.
 */
#ifndef PIDKILL_STATUS_H
#define PIDKILL_STATUS_H

enum {
	STATUS_MATCH = 0,	/* at least one target signaled */
	STATUS_NOMATCH = 1,	/* nothing matched or nothing signaled */
	STATUS_USAGE = 2,	/* bad command line; nothing signaled */
	STATUS_ERROR = 3,	/* fatal error */
	STATUS_ALIVE = 4,	/* targets alive when waiting ran out */
};

#endif /* PIDKILL_STATUS_H */
