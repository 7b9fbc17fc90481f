/* The role table of docs/protocol.md ("Security and roles") as mosquitto
 * ACL files: who may publish and subscribe to what, per device. MQTT does
 * not tell frontad who sent a request, so these files are the only wall
 * between a kiosk and the call button. */
#ifndef FRONTA_ACL_H
#define FRONTA_ACL_H

#include <stdbool.h>

#include "core/config.h"
#include "core/proto.h"

/* True if a device of role may publish requests of op (the role table). */
bool acl_role_may_request(enum device_role role, enum op op);

/* The ACL file of a branch broker for cfg's [devices]. Returns malloc'd
 * text (caller frees), or NULL if out of memory. */
char *acl_branch_text(const struct config *cfg);

/* The ACL file of the head office: each branch's bridge (user name = branch
 * id) writes its own branch's outgoing topics; the archiver reads them
 * all. Returns malloc'd text, or NULL if out of memory. */
char *acl_head_office_text(void);

/* The head office's reading user. */
#define ACL_ARCHIVER "archiver"

#endif
