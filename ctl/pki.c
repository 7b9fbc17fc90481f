/* Keys and X.509 certificates for the branch broker, with libcrypto, so
 * provisioning needs no openssl command line and no configuration file. */
#include "ctl/pki.h"

#include <arpa/inet.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"

void pki_pair_free(struct pki_pair *p)
{
	if (!p)
		return;
	if (p->key) {
		OPENSSL_cleanse(p->key, strlen(p->key));
		free(p->key);
	}
	free(p->cert);
	p->key = p->cert = NULL;
}

static void ssl_err(char *err, size_t errlen, const char *what)
{
	unsigned long e = ERR_get_error();
	char buf[256] = "";
	if (e)
		ERR_error_string_n(e, buf, sizeof buf);
	snprintf(err, errlen, "%s%s%s", what, e ? ": " : "", buf);
	ERR_clear_error();
}

static bool is_ip(const char *host)
{
	unsigned char buf[16];
	return inet_pton(AF_INET, host, buf) == 1 || inet_pton(AF_INET6, host, buf) == 1;
}

bool pki_is_valid_host(const char *host)
{
	size_t n = host ? strlen(host) : 0;
	if (n == 0 || n > 253)
		return false;
	if (is_ip(host))
		return true;
	if (host[0] == '-' || host[0] == '.' || host[n - 1] == '.')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = host[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
		      c == '.'))
			return false;
		if (c == '.' && host[i + 1] == '.')
			return false;
	}
	return true;
}

static time_t now_s(void)
{
	return (time_t)(clock_now_ms() / 1000);
}

static char *bio_text(BIO *b)
{
	char *data, *s;
	long n = BIO_get_mem_data(b, &data);
	if (n < 0 || !(s = malloc((size_t)n + 1)))
		return NULL;
	memcpy(s, data, (size_t)n);
	s[n] = '\0';
	return s;
}

static char *key_pem(EVP_PKEY *k)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *s = NULL;
	if (b && PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL) == 1)
		s = bio_text(b);
	if (b) {
		char *data;
		long n = BIO_get_mem_data(b, &data);
		if (n > 0)
			OPENSSL_cleanse(data, (size_t)n);
	}
	BIO_free(b);
	return s;
}

static char *cert_pem(X509 *x)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *s = NULL;
	if (b && PEM_write_bio_X509(b, x) == 1)
		s = bio_text(b);
	BIO_free(b);
	return s;
}

static EVP_PKEY *read_key(const char *pem)
{
	BIO *b = pem ? BIO_new_mem_buf(pem, -1) : NULL;
	EVP_PKEY *k = b ? PEM_read_bio_PrivateKey(b, NULL, NULL, NULL) : NULL;
	BIO_free(b);
	return k;
}

static X509 *read_cert(const char *pem)
{
	BIO *b = pem ? BIO_new_mem_buf(pem, -1) : NULL;
	X509 *x = b ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
	BIO_free(b);
	return x;
}

static int add_ext(X509 *x, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX ctx;
	X509_EXTENSION *e;
	int ok;
	X509V3_set_ctx(&ctx, issuer, x, NULL, NULL, 0);
	e = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
	if (!e)
		return -1;
	ok = X509_add_ext(x, e, -1);
	X509_EXTENSION_free(e);
	return ok == 1 ? 0 : -1;
}

/* A certificate for key with subject cn, valid from now (less an hour, for
 * machines whose clocks differ a little) for days; self-signed when issuer
 * is NULL. */
static X509 *new_cert(EVP_PKEY *key, const char *cn, int days, X509 *issuer)
{
	X509 *x = X509_new();
	X509_NAME *name;
	BIGNUM *bn = BN_new();
	time_t now = now_s();
	if (!x || !bn || X509_set_version(x, 2) != 1)
		goto fail;
	/* A random 127-bit serial: unique without keeping a counter. */
	if (BN_rand(bn, 127, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY) != 1 ||
	    !BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)))
		goto fail;
	if (!X509_time_adj_ex(X509_getm_notBefore(x), 0, -3600, &now) ||
	    !X509_time_adj_ex(X509_getm_notAfter(x), days, 0, &now))
		goto fail;
	name = X509_get_subject_name(x);
	if (X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, (const unsigned char *)"Fronta", -1, -1, 0) != 1 ||
	    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, (const unsigned char *)cn, -1, -1, 0) != 1)
		goto fail;
	if (X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : name) != 1 || X509_set_pubkey(x, key) != 1)
		goto fail;
	BN_free(bn);
	return x;
fail:
	BN_free(bn);
	X509_free(x);
	return NULL;
}

static int finish_pair(EVP_PKEY *key, X509 *x, struct pki_pair *out, char *err, size_t errlen)
{
	out->key = key_pem(key);
	out->cert = cert_pem(x);
	if (!out->key || !out->cert) {
		pki_pair_free(out);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

int pki_make_ca(const char *cn, int days, struct pki_pair *out, char *err, size_t errlen)
{
	EVP_PKEY *key = EVP_EC_gen("P-256");
	X509 *x = NULL;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (!key) {
		ssl_err(err, errlen, "cannot make a key");
		goto done;
	}
	x = new_cert(key, cn, days, NULL);
	if (!x || add_ext(x, x, NID_basic_constraints, "critical,CA:TRUE,pathlen:0") != 0 ||
	    add_ext(x, x, NID_key_usage, "critical,keyCertSign,cRLSign") != 0 ||
	    add_ext(x, x, NID_subject_key_identifier, "hash") != 0 ||
	    X509_sign(x, key, EVP_sha256()) <= 0) {
		ssl_err(err, errlen, "cannot make the CA certificate");
		goto done;
	}
	rc = finish_pair(key, x, out, err, errlen);
done:
	X509_free(x);
	EVP_PKEY_free(key);
	return rc;
}

int pki_make_server(const struct pki_pair *ca, const char *host, int days, struct pki_pair *out, char *err,
                    size_t errlen)
{
	EVP_PKEY *ca_key = read_key(ca->key), *key = NULL;
	X509 *ca_cert = read_cert(ca->cert), *x = NULL;
	char san[400];
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (!ca_key || !ca_cert) {
		ssl_err(err, errlen, "the CA key or certificate cannot be read");
		goto done;
	}
	if (!pki_is_valid_host(host)) {
		snprintf(err, errlen, "\"%s\" is not a host name or address", host);
		goto done;
	}
	snprintf(san, sizeof san, "%s:%s", is_ip(host) ? "IP" : "DNS", host);
	/* The loopback names, unless host is one of them already. */
	if (strcmp(host, "localhost") != 0)
		strcat(san, ",DNS:localhost");
	if (strcmp(host, "127.0.0.1") != 0)
		strcat(san, ",IP:127.0.0.1");
	if (strcmp(host, "::1") != 0)
		strcat(san, ",IP:::1");
	key = EVP_EC_gen("P-256");
	if (!key) {
		ssl_err(err, errlen, "cannot make a key");
		goto done;
	}
	x = new_cert(key, host, days, ca_cert);
	if (!x || add_ext(x, ca_cert, NID_basic_constraints, "critical,CA:FALSE") != 0 ||
	    add_ext(x, ca_cert, NID_key_usage, "critical,digitalSignature") != 0 ||
	    add_ext(x, ca_cert, NID_ext_key_usage, "serverAuth") != 0 ||
	    add_ext(x, ca_cert, NID_subject_alt_name, san) != 0 ||
	    add_ext(x, ca_cert, NID_subject_key_identifier, "hash") != 0 ||
	    add_ext(x, ca_cert, NID_authority_key_identifier, "keyid:always") != 0 ||
	    X509_sign(x, ca_key, EVP_sha256()) <= 0) {
		ssl_err(err, errlen, "cannot make the server certificate");
		goto done;
	}
	rc = finish_pair(key, x, out, err, errlen);
done:
	X509_free(x);
	X509_free(ca_cert);
	EVP_PKEY_free(key);
	EVP_PKEY_free(ca_key);
	return rc;
}

/* 0 if x stays valid for min_days more days, else 1 with why. */
static int check_expiry(X509 *x, const char *what, int min_days, char *why, size_t whylen)
{
	time_t when = now_s() + (time_t)min_days * 86400;
	if (X509_cmp_time(X509_get0_notAfter(x), &when) <= 0) {
		snprintf(why, whylen, "%s expires within %d days", what, min_days);
		return 1;
	}
	return 0;
}

int pki_check_ca(const struct pki_pair *ca, int min_days, char *why, size_t whylen)
{
	EVP_PKEY *key = read_key(ca->key);
	X509 *x = read_cert(ca->cert);
	int rc = -1;
	if (!key || !x) {
		snprintf(why, whylen, "the CA %s cannot be read", key ? "certificate" : "key");
		goto done;
	}
	if (X509_check_private_key(x, key) != 1) {
		snprintf(why, whylen, "the CA key does not belong to the CA certificate");
		goto done;
	}
	rc = check_expiry(x, "the CA certificate", min_days, why, whylen);
done:
	ERR_clear_error();
	X509_free(x);
	EVP_PKEY_free(key);
	return rc;
}

int pki_check_server(const struct pki_pair *ca, const struct pki_pair *server, const char *host, int min_days,
                     char *why, size_t whylen)
{
	X509 *ca_cert = read_cert(ca->cert), *x = read_cert(server->cert);
	EVP_PKEY *key = read_key(server->key);
	X509_STORE *store = X509_STORE_new();
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	int rc = -1;

	if (!ca_cert || !x || !key || !store || !ctx) {
		snprintf(why, whylen, "the server %s cannot be read", !x ? "certificate" : "key");
		goto done;
	}
	rc = 1;
	if (X509_check_private_key(x, key) != 1) {
		snprintf(why, whylen, "the server key does not belong to the server certificate");
		goto done;
	}
	if (X509_STORE_add_cert(store, ca_cert) != 1 || X509_STORE_CTX_init(ctx, store, x, NULL) != 1) {
		snprintf(why, whylen, "cannot check the server certificate");
		goto done;
	}
	X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx), now_s());
	if (X509_verify_cert(ctx) != 1) {
		snprintf(why, whylen, "the server certificate is not valid with this CA: %s",
		         X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx)));
		goto done;
	}
	if ((is_ip(host) ? X509_check_ip_asc(x, host, 0) : X509_check_host(x, host, 0, 0, NULL)) != 1) {
		snprintf(why, whylen, "the server certificate does not name %s", host);
		goto done;
	}
	rc = check_expiry(x, "the server certificate", min_days, why, whylen);
done:
	ERR_clear_error();
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(store);
	X509_free(ca_cert);
	X509_free(x);
	EVP_PKEY_free(key);
	return rc;
}

int pki_fingerprint(const char *cert_pem_text, char *out, size_t cap)
{
	X509 *x = read_cert(cert_pem_text);
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	size_t used;
	int rc = -1;
	if (!x || X509_digest(x, EVP_sha256(), md, &n) != 1)
		goto done;
	if (cap < 7 + 3 * (size_t)n)
		goto done;
	used = (size_t)snprintf(out, cap, "SHA256 ");
	for (unsigned int i = 0; i < n; i++)
		used += (size_t)snprintf(out + used, cap - used, i ? ":%02X" : "%02X", md[i]);
	rc = 0;
done:
	X509_free(x);
	return rc;
}

int pki_not_after(const char *cert_pem_text, char *out, size_t cap)
{
	X509 *x = read_cert(cert_pem_text);
	struct tm tm;
	int rc = -1;
	if (x && cap >= 11 && ASN1_TIME_to_tm(X509_get0_notAfter(x), &tm) == 1 &&
	    strftime(out, cap, "%Y-%m-%d", &tm) == 10)
		rc = 0;
	X509_free(x);
	return rc;
}
