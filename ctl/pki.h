/* The branch's small certificate authority, on libcrypto: a CA of its own
 * and the broker's server certificate signed by it. Everything is PEM text
 * in memory; the caller decides where (and with which file mode) it goes. */
#ifndef FRONTA_PKI_H
#define FRONTA_PKI_H

#include <stdbool.h>
#include <stddef.h>

/* A key and its certificate, PEM. Free with pki_pair_free. */
struct pki_pair {
	char *key;
	char *cert;
};

void pki_pair_free(struct pki_pair *p);

/* True if host can be put in a certificate: a DNS name (letters, digits,
 * '-', '.') or an IPv4/IPv6 address. */
bool pki_is_valid_host(const char *host);

/* Makes a new CA: a P-256 key and a self-signed certificate with common
 * name cn, valid for days from now. Returns 0 with out filled (caller
 * frees), or -1 with err. */
int pki_make_ca(const char *cn, int days, struct pki_pair *out, char *err, size_t errlen);

/* Makes a server key and certificate for host, signed by ca, valid for
 * days. Its subjectAltName names host (DNS or IP) and this machine's
 * loopback names (localhost, 127.0.0.1, ::1), so programs on the broker's
 * own machine can check it too. Returns 0 with out filled (caller frees),
 * or -1 with err. */
int pki_make_server(const struct pki_pair *ca, const char *host, int days, struct pki_pair *out, char *err,
                    size_t errlen);

/* Whether ca (key and certificate) is usable for at least min_days more
 * days. Returns 0 if so, 1 if it should be replaced (why says why), -1 if
 * it cannot be read at all (why says why). */
int pki_check_ca(const struct pki_pair *ca, int min_days, char *why, size_t whylen);

/* Whether server (key and certificate) is signed by ca's certificate,
 * names host, and stays valid for at least min_days more days. Returns 0,
 * 1 (replace it; why says why), or -1 (unreadable; why). */
int pki_check_server(const struct pki_pair *ca, const struct pki_pair *server, const char *host, int min_days,
                     char *why, size_t whylen);

/* The last day a PEM certificate is valid, "YYYY-MM-DD" (UTC) in out
 * (at least 11 bytes). Returns 0, or -1. */
int pki_not_after(const char *cert_pem, char *out, size_t cap);

/* "SHA256 AB:CD:..." of a PEM certificate, for people comparing what they
 * installed. Returns 0, or -1. */
int pki_fingerprint(const char *cert_pem, char *out, size_t cap);

#endif
