/* The chime: two struck tones a major third apart (E5 then C5, a doorbell's
 * "ding-dong"), each a fundamental with two softer overtones, a 4 ms attack
 * so that it does not click, and an exponential decay. Soft enough not to
 * startle a room that hears it every few minutes, clear enough to turn heads. */
#include "display/chime.h"

#include <math.h>
#include <stdlib.h>

#define TONE_GAP_S  0.42     /* the second tone starts here */
#define LENGTH_S    1.5
#define ATTACK_S    0.004
#define DECAY_S     0.38     /* amplitude falls to 1/e in this time */
#define FADE_S      0.12     /* the tail goes to exact silence */

static const double tones[2] = { 659.26, 523.25 };   /* E5, C5 */
static const double partials[3][2] = { { 1.0, 1.0 }, { 2.0, 0.32 }, { 3.0, 0.12 } };   /* ratio, weight */

int chime_length_ms(void) { return (int)(LENGTH_S * 1000); }

static double tone_at(double f, double t)
{
	double v = 0, env;
	if (t < 0)
		return 0;
	env = t < ATTACK_S ? t / ATTACK_S : exp(-(t - ATTACK_S) / DECAY_S);
	for (int p = 0; p < 3; p++)
		/* higher partials fade sooner, as on a real bell */
		v += partials[p][1] * sin(2 * M_PI * f * partials[p][0] * t) * exp(-t * (partials[p][0] - 1) * 2.5);
	return v * env;
}

int16_t *chime_make(int rate, size_t *n)
{
	size_t len;
	double *mix, peak = 0;
	int16_t *out;
	if (rate < 8000 || rate > 96000 || !n)
		return NULL;
	len = (size_t)(LENGTH_S * rate);
	mix = malloc(len * sizeof *mix);
	out = malloc(len * sizeof *out);
	if (!mix || !out) {
		free(mix);
		free(out);
		return NULL;
	}
	for (size_t i = 0; i < len; i++) {
		double t = (double)i / rate, fade = 1;
		if (t > LENGTH_S - FADE_S)
			fade = (LENGTH_S - t) / FADE_S;
		mix[i] = (tone_at(tones[0], t) + 0.9 * tone_at(tones[1], t - TONE_GAP_S)) * fade;
		if (fabs(mix[i]) > peak)
			peak = fabs(mix[i]);
	}
	for (size_t i = 0; i < len; i++)
		out[i] = (int16_t)lround(mix[i] / peak * CHIME_PEAK * 32767);
	free(mix);
	*n = len;
	return out;
}
