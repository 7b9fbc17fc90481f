/* Mosquitto 2.0 password hashes ($7$: PBKDF2-HMAC-SHA512, base64) and
 * random device passwords. */
#include "ctl/pwhash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

/* mosquitto_passwd's own choices (src/password_mosq.h): a 12-byte salt,
 * 101 iterations, SHA-512. The iteration count is low, but our passwords
 * are 192 random bits, so no amount of hashing would make guessing one any
 * harder; the broker pays this cost on every connect. */
#define SALT_LEN 12
#define ITERATIONS 101
#define HASH_LEN 64

static int random_bytes(unsigned char *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = getrandom(buf + got, n - got, 0);
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

int pwhash_generate(char out[PWHASH_PASSWORD_LEN])
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	unsigned char r[24];
	int n = 0;
	if (random_bytes(r, sizeof r) != 0)
		return -1;
	/* 24 bytes = 32 groups of 6 bits, one character each. */
	for (size_t i = 0; i < sizeof r; i += 3) {
		unsigned v = (unsigned)r[i] << 16 | (unsigned)r[i + 1] << 8 | r[i + 2];
		for (int k = 3; k >= 0; k--)
			out[n++] = alphabet[(v >> (6 * k)) & 63];
	}
	out[n] = '\0';
	OPENSSL_cleanse(r, sizeof r);
	return 0;
}

static int derive(const char *password, const unsigned char *salt, size_t salt_len, int iterations,
                  unsigned char hash[HASH_LEN])
{
	return PKCS5_PBKDF2_HMAC(password, (int)strlen(password), salt, (int)salt_len, iterations, EVP_sha512(),
	                         HASH_LEN, hash) == 1
	           ? 0
	           : -1;
}

int pwhash_make(const char *password, char *out, size_t cap)
{
	unsigned char salt[SALT_LEN], hash[HASH_LEN];
	unsigned char salt64[4 * ((SALT_LEN + 2) / 3) + 1], hash64[4 * ((HASH_LEN + 2) / 3) + 1];
	int n;
	if (!password || random_bytes(salt, sizeof salt) != 0 || derive(password, salt, sizeof salt, ITERATIONS, hash) != 0)
		return -1;
	EVP_EncodeBlock(salt64, salt, sizeof salt);
	EVP_EncodeBlock(hash64, hash, sizeof hash);
	OPENSSL_cleanse(hash, sizeof hash);
	n = snprintf(out, cap, "$7$%d$%s$%s", ITERATIONS, (const char *)salt64, (const char *)hash64);
	return n > 0 && (size_t)n < cap ? 0 : -1;
}

/* Decodes standard base64 (with padding) into out; returns the length, or
 * -1. */
static int decode64(const char *s, size_t len, unsigned char *out, size_t cap)
{
	unsigned char buf[256];
	int n;
	size_t pad = 0;
	if (len == 0 || len % 4 || len / 4 * 3 > sizeof buf)
		return -1;
	n = EVP_DecodeBlock(buf, (const unsigned char *)s, (int)len);
	if (n < 0)
		return -1;
	while (pad < 2 && s[len - 1 - pad] == '=')
		pad++;
	n -= (int)pad;  /* EVP_DecodeBlock counts padding as zero bytes */
	if (n < 0 || (size_t)n > cap)
		return -1;
	memcpy(out, buf, (size_t)n);
	return n;
}

bool pwhash_check(const char *password, const char *hash)
{
	unsigned char salt[64], want[HASH_LEN], got[HASH_LEN];
	const char *p, *salt_end;
	char *end;
	long iterations;
	int salt_len;
	bool same;

	if (!password || !hash || strncmp(hash, "$7$", 3) != 0)
		return false;
	iterations = strtol(hash + 3, &end, 10);
	if (end == hash + 3 || *end != '$' || iterations < 1 || iterations > 10000000)
		return false;
	p = end + 1;
	salt_end = strchr(p, '$');
	if (!salt_end)
		return false;
	salt_len = decode64(p, (size_t)(salt_end - p), salt, sizeof salt);
	if (salt_len <= 0 || decode64(salt_end + 1, strlen(salt_end + 1), want, sizeof want) != HASH_LEN)
		return false;
	if (derive(password, salt, (size_t)salt_len, (int)iterations, got) != 0)
		return false;
	same = CRYPTO_memcmp(got, want, HASH_LEN) == 0;
	OPENSSL_cleanse(got, sizeof got);
	return same;
}

bool pwhash_is_valid_password(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 1 || n > 255)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}
