/* display_audio: questions the sound test asks of what SDL's disk audio
 * driver wrote (raw signed 16-bit mono samples at RATE Hz).
 *   display_audio segments RAW RATE            the sounding parts: "start_s length_s" a line
 *   display_audio find RAW RATE REF FROM_S     where REF sounds in RAW, at or after FROM_S:
 *                                               prints "at START_S END_S corr C" (C: how alike their
 *                                               loudness over time is, -1..1); exit 0 if C >= 0.95
 *   display_audio peak RAW RATE FROM_S TO_S    the loudest sample between the two times
 * REF is a WAV file (what espeak-ng --stdout writes) or the word "chime" (the
 * display's own chime, made by the same code). Silence is |sample| < 64;
 * parts closer than 120 ms count as one. Exit 2 on errors. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "display/chime.h"

#define QUIET 64

struct pcm {
	int16_t *s;
	size_t n;
};

static int read_all(const char *path, unsigned char **buf, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 1 << 20, n = 0;
	unsigned char *b;
	if (!f)
		return -1;
	b = malloc(cap);
	while (b) {
		size_t k = fread(b + n, 1, cap - n, f);
		n += k;
		if (k == 0)
			break;
		if (n == cap) {
			unsigned char *nb = realloc(b, cap * 2);
			if (!nb) {
				free(b);
				b = NULL;
				break;
			}
			b = nb;
			cap *= 2;
		}
	}
	fclose(f);
	if (!b)
		return -1;
	*buf = b;
	*len = n;
	return 0;
}

static uint32_t le32(const unsigned char *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }

/* Raw samples, or a WAV's data chunk (16-bit mono expected). */
static int load(const char *path, bool wav, struct pcm *out)
{
	unsigned char *b;
	size_t len, off = 0, dlen;
	if (read_all(path, &b, &len) != 0)
		return -1;
	dlen = len;
	if (wav) {
		/* espeak-ng writes the sizes as 0x7fffffff when it streams: trust the file's length */
		off = 12;
		while (off + 8 <= len && memcmp(b + off, "data", 4) != 0)
			off += 8 + le32(b + off + 4);
		if (off + 8 > len) {
			free(b);
			return -1;
		}
		off += 8;
		dlen = len - off;
	}
	out->n = dlen / 2;
	out->s = malloc(out->n * sizeof *out->s + 1);
	for (size_t i = 0; out->s && i < out->n; i++)
		out->s[i] = (int16_t)(b[off + 2 * i] | b[off + 2 * i + 1] << 8);
	free(b);
	return out->s ? 0 : -1;
}

/* The sounding stretch of p: first and one past last loud sample. */
static void trim(const struct pcm *p, size_t *a, size_t *z)
{
	*a = 0;
	*z = p->n;
	while (*a < p->n && abs(p->s[*a]) < QUIET)
		(*a)++;
	while (*z > *a && abs(p->s[*z - 1]) < QUIET)
		(*z)--;
}

static int segments(const struct pcm *x, int rate)
{
	size_t gap = (size_t)rate * 120 / 1000, i = 0;
	while (i < x->n) {
		size_t start, last;
		while (i < x->n && abs(x->s[i]) < QUIET)
			i++;
		if (i >= x->n)
			break;
		start = last = i;
		while (i < x->n && i - last < gap) {
			if (abs(x->s[i]) >= QUIET)
				last = i;
			i++;
		}
		printf("%.3f %.3f\n", (double)start / rate, (double)(last + 1 - start) / rate);
	}
	return 0;
}

/* Loudness of x from `at`, one value per window of w samples, n windows. */
static void envelope(const int16_t *x, size_t len, size_t at, size_t w, size_t n, double *out)
{
	for (size_t k = 0; k < n; k++) {
		double e = 0;
		for (size_t i = 0; i < w; i++) {
			size_t j = at + k * w + i;
			double v = j < len ? x[j] : 0;
			e += v * v;
		}
		out[k] = sqrt(e / (double)w);
	}
}

/* Pearson correlation of two series. */
static double pearson(const double *a, const double *b, size_t n)
{
	double ma = 0, mb = 0, sab = 0, saa = 0, sbb = 0;
	for (size_t i = 0; i < n; i++) {
		ma += a[i];
		mb += b[i];
	}
	ma /= (double)n;
	mb /= (double)n;
	for (size_t i = 0; i < n; i++) {
		sab += (a[i] - ma) * (b[i] - mb);
		saa += (a[i] - ma) * (a[i] - ma);
		sbb += (b[i] - mb) * (b[i] - mb);
	}
	return saa > 0 && sbb > 0 ? sab / sqrt(saa * sbb) : 0;
}

/* Tries each onset of sound in x from `from`, in order, until one matches:
 * REF's first loud sample put there (give or take one window), loudness
 * over time compared in 10 ms windows. Samples themselves differ: espeak-ng carries its voice's state
 * from one utterance to the next, so a sentence said after another is the
 * same speech but not the same numbers. */
static int find(const struct pcm *x, int rate, const struct pcm *ref, double from_s)
{
	size_t ra, rz, i = (size_t)(from_s * rate), quiet = (size_t)rate, best_at = 0, w = (size_t)rate / 100, n;
	double best = -2, *er, *ex;
	trim(ref, &ra, &rz);
	if (rz <= ra + w) {
		fprintf(stderr, "display_audio: the reference is silent\n");
		return 2;
	}
	n = (rz - ra) / w;
	er = malloc(n * sizeof *er);
	ex = malloc(n * sizeof *ex);
	if (!er || !ex)
		return 2;
	envelope(ref->s, ref->n, ra, w, n, er);
	for (; i < x->n; i++) {
		if (abs(x->s[i]) < QUIET) {
			quiet++;
			continue;
		}
		if (quiet >= w) {
			for (long lag = -(long)w; lag <= (long)w; lag += (long)w / 4) {
				long at = (long)i + lag;
				double c;
				if (at < 0)
					continue;
				envelope(x->s, x->n, (size_t)at, w, n, ex);
				c = pearson(er, ex, n);
				if (c > best) {
					best = c;
					best_at = (size_t)at;
				}
			}
			if (best >= 0.95)
				break;   /* the first place it sounds, not the best of several */
		}
		quiet = 0;
	}
	printf("at %.3f %.3f corr %.4f\n", (double)best_at / rate, (double)(best_at + rz - ra) / rate, best);
	free(er);
	free(ex);
	return best >= 0.95 ? 0 : 1;
}

int main(int argc, char **argv)
{
	struct pcm x, ref;
	int rate, rc;
	if (argc < 4 || (strcmp(argv[1], "segments") != 0 && !(strcmp(argv[1], "find") == 0 && argc >= 6) &&
	                 !(strcmp(argv[1], "peak") == 0 && argc >= 6))) {
		fprintf(stderr, "usage: display_audio segments RAW RATE | find RAW RATE REF.wav|chime FROM_S | "
		                "peak RAW RATE FROM_S TO_S\n");
		return 2;
	}
	rate = atoi(argv[3]);
	if (rate < 8000 || load(argv[2], false, &x) != 0) {
		fprintf(stderr, "display_audio: cannot read %s\n", argv[2]);
		return 2;
	}
	if (strcmp(argv[1], "segments") == 0) {
		rc = segments(&x, rate);
	} else if (strcmp(argv[1], "peak") == 0) {
		size_t from = (size_t)(atof(argv[4]) * rate), to = (size_t)(atof(argv[5]) * rate);
		int peak = 0;
		for (size_t i = from; i < to && i < x.n; i++)
			if (abs(x.s[i]) > peak)
				peak = abs(x.s[i]);
		printf("%d\n", peak);
		rc = 0;
	} else {
		if (strcmp(argv[4], "chime") == 0) {
			ref.s = chime_make(rate, &ref.n);
			if (!ref.s)
				return 2;
		} else if (load(argv[4], true, &ref) != 0) {
			fprintf(stderr, "display_audio: cannot read the WAV file %s\n", argv[4]);
			return 2;
		}
		rc = find(&x, rate, &ref, atof(argv[5]));
		free(ref.s);
	}
	free(x.s);
	return rc;
}
