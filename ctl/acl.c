/* Mosquitto ACL files from the role table. */
#include "ctl/acl.h"

#include <stdio.h>
#include <stdlib.h>

/* Requests each role may publish, as bits of enum op. Everything else a
 * role may do is in role_rights below. */
#define BIT(op) (1u << (op))
#define ALL_OPS (BIT(OP_COUNT) - 1)

static unsigned role_ops(enum device_role role)
{
	switch (role) {
	case ROLE_KIOSK:
		return BIT(OP_ISSUE) | BIT(OP_STATUS) | BIT(OP_PRINT);
	case ROLE_CONSOLE:
		/* Every op but the kiosk's own: a worker neither takes tickets nor
		 * reports on printing them. */
		return ALL_OPS & ~(BIT(OP_ISSUE) | BIT(OP_PRINT));
	case ROLE_ADMIN:
		return ALL_OPS;
	default:
		return 0;
	}
}

bool acl_role_may_request(enum device_role role, enum op op)
{
	return (unsigned)op < OP_COUNT && (role_ops(role) >> op & 1u);
}

/* Topic rights beyond requests, per role: "read" or "write", and the topic
 * under fronta/v1/{branch}/. Own presence and own responses are patterns
 * for everyone (see acl_branch_text). */
struct right {
	enum device_role role;
	const char *access;
	const char *topic;
};

static const struct right role_rights[] = {
	{ ROLE_DAEMON, "read", "req/#" },
	{ ROLE_DAEMON, "write", "event" },
	{ ROLE_DAEMON, "write", "state" },
	{ ROLE_DAEMON, "write", "resp/#" },
	{ ROLE_KIOSK, "read", "state" },
	{ ROLE_CONSOLE, "read", "state" },
	{ ROLE_CONSOLE, "read", "event" },
	{ ROLE_DISPLAY, "read", "state" },
	{ ROLE_DISPLAY, "read", "event" },
	{ ROLE_ADMIN, "read", "state" },
	{ ROLE_ADMIN, "read", "event" },
	{ ROLE_ADMIN, "read", "presence/#" },
};

/* Closes an open_memstream and returns its text (which it only knows once
 * closed), or NULL. */
static char *finish(FILE *f, char **buf)
{
	if (fclose(f) != 0) {
		free(*buf);
		return NULL;
	}
	return *buf;
}

char *acl_branch_text(const struct config *cfg)
{
	const char *b = cfg->branch_id;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	fprintf(f,
	        "# Fronta ACL of branch %s, written by `frontactl provision` from the role\n"
	        "# table (docs/protocol.md, \"Security and roles\") and the [devices] of\n"
	        "# %s. Do not edit: change the configuration and provision again.\n"
	        "# Anything not granted here is denied.\n\n",
	        b, cfg->path);
	fprintf(f,
	        "# Every device: its own presence (and will), and the answers to its own\n"
	        "# requests (%%u is the MQTT user name, which is the device id).\n"
	        "pattern write " PROTO_TOPIC_ROOT "/%s/presence/%%u\n"
	        "pattern read " PROTO_TOPIC_ROOT "/%s/resp/%%u/#\n",
	        b, b);
	for (int i = 0; i < cfg->n_devices; i++) {
		const struct device_cfg *d = &cfg->devices[i];
		fprintf(f, "\n# %s\nuser %s\n", config_role_name(d->role), d->id);
		for (int op = 0; op < OP_COUNT; op++)
			if (acl_role_may_request(d->role, (enum op)op))
				fprintf(f, "topic write " PROTO_TOPIC_ROOT "/%s/req/%s\n", b, proto_op_name((enum op)op));
		for (size_t r = 0; r < sizeof role_rights / sizeof role_rights[0]; r++)
			if (role_rights[r].role == d->role)
				fprintf(f, "topic %s " PROTO_TOPIC_ROOT "/%s/%s\n", role_rights[r].access, b,
				        role_rights[r].topic);
	}
	return finish(f, &buf);
}

char *acl_head_office_text(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	fputs("# Fronta head-office ACL, written by `frontactl provision --head-office`.\n"
	      "# Each branch's bridge logs in with its branch id (%u) and may only write\n"
	      "# its own branch's outgoing topics; nothing goes back to a branch.\n"
	      "pattern write " PROTO_TOPIC_ROOT "/%u/event\n"
	      "pattern write " PROTO_TOPIC_ROOT "/%u/state\n"
	      "pattern write " PROTO_TOPIC_ROOT "/%u/presence/#\n"
	      "pattern write " PROTO_TOPIC_ROOT "/%u/bridge\n"
	      "\n# The archiver reads every branch.\n"
	      "user " ACL_ARCHIVER "\n"
	      "topic read " PROTO_TOPIC_ROOT "/+/event\n"
	      "topic read " PROTO_TOPIC_ROOT "/+/state\n"
	      "topic read " PROTO_TOPIC_ROOT "/+/presence/#\n"
	      "topic read " PROTO_TOPIC_ROOT "/+/bridge\n",
	      f);
	return finish(f, &buf);
}
