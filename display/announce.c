/* The announcer's worker: SDL audio (queued, not a callback: the worker
 * paces itself by what is still queued), espeak-ng synthesis into memory,
 * the chime, the volume. One announcement plays to its end before the
 * next starts, so calls made in the same second are heard one by one. */
#include "display/announce.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <espeak-ng/speak_lib.h>

#include "core/clock.h"
#include "core/log.h"
#include "display/chime.h"

#define GAP_MS      250     /* between the chime and the speech, and between two languages */
#define TAIL_MS     700     /* after an announcement, before the next chime */
#define POLL_MS     10      /* how often the worker looks at what is still queued */

struct job_node {
	struct announce_job job;
	struct job_node *next;
};

struct announcer {
	struct announcer_options o;
	SDL_Thread *thread;
	SDL_mutex *lock;
	SDL_cond *cond;
	struct job_node *head, *tail;
	int n_waiting;          /* nodes from head to tail */
	SDL_atomic_t stop;
	/* the worker's own, untouched by the SDL thread */
	SDL_AudioDeviceID dev;
	int rate;
	bool espeak_ok;
	int16_t *chime;
	size_t chime_n;
	int16_t *pcm;           /* speech being synthesized */
	size_t pcm_n, pcm_cap;
	bool pcm_failed;
	char voiceless[8][CONFIG_LANG_LEN];   /* languages already reported without a voice */
};

static Uint32 event_type;

Uint32 announcer_event_type(void) { return event_type; }

static void push(unsigned code, unsigned id)
{
	SDL_Event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = event_type;
	ev.user.code = (Sint32)code;
	ev.user.data1 = (void *)(uintptr_t)id;
	if (SDL_PushEvent(&ev) != 1)
		log_warn("display: SDL's event queue refused an announcement event (%s)", SDL_GetError());
}

/* espeak-ng calls this during espeak_Synth with the next samples. */
static int on_samples(short *wav, int n, espeak_EVENT *events)
{
	struct announcer *a = events ? events->user_data : NULL;
	if (!a || !wav || n <= 0)
		return 0;
	if (a->pcm_n + (size_t)n > a->pcm_cap) {
		size_t cap = (a->pcm_cap ? a->pcm_cap : 65536);
		int16_t *p;
		while (cap < a->pcm_n + (size_t)n)
			cap *= 2;
		p = realloc(a->pcm, cap * sizeof *p);
		if (!p) {
			a->pcm_failed = true;
			return 1;   /* stop synthesis */
		}
		a->pcm = p;
		a->pcm_cap = cap;
	}
	memcpy(a->pcm + a->pcm_n, wav, (size_t)n * sizeof *wav);
	a->pcm_n += (size_t)n;
	return 0;
}

static void start_speech(struct announcer *a)
{
	int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, a->o.espeak_data, espeakINITIALIZE_DONT_EXIT);
	if (rate <= 0) {
		log_warn("display: espeak-ng could not start (is espeak-ng-data installed?): calls get the chime only");
		return;
	}
	espeak_SetSynthCallback(on_samples);
	a->rate = rate;
	a->espeak_ok = true;
}

static void open_audio(struct announcer *a)
{
	SDL_AudioSpec want, have;
	if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
		log_warn("display: no sound (%s): calls are shown, not heard", SDL_GetError());
		return;
	}
	memset(&want, 0, sizeof want);
	want.freq = a->rate;
	want.format = AUDIO_S16SYS;
	want.channels = 1;
	want.samples = 2048;
	/* No changes allowed: SDL converts to what the device takes, and the
	 * samples queued are exactly the ones made here. */
	a->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
	if (!a->dev) {
		log_warn("display: no sound device (%s): calls are shown, not heard", SDL_GetError());
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
		return;
	}
	SDL_PauseAudioDevice(a->dev, 0);
	log_info("display: sound through %s at %d Hz%s", SDL_GetCurrentAudioDriver(), a->rate,
	         a->espeak_ok ? ", speech by espeak-ng" : "");
}

/* Waits until everything queued has been handed to the device, or stop. */
static void wait_played(struct announcer *a)
{
	while (SDL_GetQueuedAudioSize(a->dev) > 0 && !SDL_AtomicGet(&a->stop))
		SDL_Delay(POLL_MS);
}

static void queue_scaled(struct announcer *a, const int16_t *s, size_t n)
{
	int16_t buf[4096];
	long gain = a->o.volume < 0 ? 0 : a->o.volume > 100 ? 100 : a->o.volume;
	while (n > 0) {
		size_t k = n < 4096 ? n : 4096;
		for (size_t i = 0; i < k; i++)
			buf[i] = (int16_t)((long)s[i] * gain / 100);
		if (SDL_QueueAudio(a->dev, buf, (Uint32)(k * sizeof *buf)) != 0) {
			log_warn("display: sound queue: %s", SDL_GetError());
			return;
		}
		s += k;
		n -= k;
	}
}

static void queue_silence(struct announcer *a, int ms)
{
	int16_t zero[1024] = { 0 };
	size_t n = (size_t)a->rate * (size_t)ms / 1000;
	while (n > 0) {
		size_t k = n < 1024 ? n : 1024;
		SDL_QueueAudio(a->dev, zero, (Uint32)(k * sizeof *zero));
		n -= k;
	}
}

static bool voiceless_noted(struct announcer *a, const char *lang)
{
	for (int i = 0; i < 8; i++) {
		if (strcmp(a->voiceless[i], lang) == 0)
			return true;
		if (!a->voiceless[i][0]) {
			snprintf(a->voiceless[i], sizeof a->voiceless[i], "%s", lang);
			return false;
		}
	}
	return true;
}

/* Synthesizes p into a->pcm. Returns 0, or -1 (no voice, error). */
static int synthesize(struct announcer *a, const struct announce_part *p)
{
	espeak_ERROR e;
	if (espeak_SetVoiceByName(p->lang) != EE_OK) {
		if (!voiceless_noted(a, p->lang))
			log_warn("display: espeak-ng has no voice for \"%s\": calls in it are spoken in the first language only",
			         p->lang);
		return -1;
	}
	espeak_SetParameter(espeakRATE, ANNOUNCE_RATE_WPM, 0);
	a->pcm_n = 0;
	a->pcm_failed = false;
	e = espeak_Synth(p->text, strlen(p->text) + 1, 0, POS_CHARACTER, 0,
	                 espeakCHARS_UTF8 | espeakPHONEMES | espeakENDPAUSE, NULL, a);
	if (e != EE_OK || a->pcm_failed || a->pcm_n == 0) {
		log_warn("display: espeak-ng could not say \"%s\" in %s", p->text, p->lang);
		return -1;
	}
	return 0;
}

/* A job that will not be heard is reported started and finished at once,
 * so that the board does not wait for it. */
static void pass_over(const struct announce_job *job)
{
	push(ANNOUNCE_STARTED, job->id);
	push(ANNOUNCE_FINISHED, job->id);
}

static void play(struct announcer *a, const struct announce_job *job)
{
	char said[1400];
	size_t len = 0;
	int64_t late = clock_mono_ms() - job->queued_ms;
	if (a->dev && late > ANNOUNCE_LATE_MS)
		log_warn("display: announcement of %s skipped: its turn came %.0f s after the call", job->label,
		         (double)late / 1000);
	if (!a->dev || late > ANNOUNCE_LATE_MS) {
		pass_over(job);
		return;
	}
	wait_played(a);
	if (SDL_AtomicGet(&a->stop))
		return;
	push(ANNOUNCE_STARTED, job->id);
	said[0] = '\0';
	if (a->o.chime && a->chime) {
		queue_scaled(a, a->chime, a->chime_n);
		len += (size_t)snprintf(said + len, sizeof said - len, "chime %.2f s", (double)a->chime_n / a->rate);
	}
	for (int i = 0; a->o.speech && a->espeak_ok && i < job->n_parts && len < sizeof said; i++) {
		if (synthesize(a, &job->parts[i]) != 0)
			continue;
		if (len > 0 || i > 0)
			queue_silence(a, GAP_MS);
		queue_scaled(a, a->pcm, a->pcm_n);
		len += (size_t)snprintf(said + len, sizeof said - len, "%s%s %.2f s \"%s\"", len ? "; " : "",
		                        job->parts[i].lang, (double)a->pcm_n / a->rate, job->parts[i].text);
	}
	queue_silence(a, TAIL_MS);
	wait_played(a);
	log_info("display: announced %s: %s", job->label, said[0] ? said : "nothing to play");
	push(ANNOUNCE_FINISHED, job->id);
}

static int worker(void *arg)
{
	struct announcer *a = arg;
	a->rate = 22050;
	if (a->o.speech)
		start_speech(a);
	if (a->o.chime || a->o.speech)
		open_audio(a);
	if (a->dev && a->o.chime && !(a->chime = chime_make(a->rate, &a->chime_n)))
		log_warn("display: no memory for the chime");
	for (;;) {
		struct job_node *n;
		SDL_LockMutex(a->lock);
		while (!a->head && !SDL_AtomicGet(&a->stop))
			SDL_CondWait(a->cond, a->lock);
		n = a->head;
		if (n && !SDL_AtomicGet(&a->stop)) {
			a->head = n->next;
			if (!a->head)
				a->tail = NULL;
			a->n_waiting--;
		} else {
			n = NULL;
		}
		SDL_UnlockMutex(a->lock);
		if (!n)
			break;
		play(a, &n->job);
		free(n);
	}
	if (a->dev) {
		SDL_CloseAudioDevice(a->dev);
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
	}
	if (a->espeak_ok)
		espeak_Terminate();
	return 0;
}

struct announcer *announcer_new(const struct announcer_options *o)
{
	struct announcer *a;
	if (!event_type) {
		Uint32 t = SDL_RegisterEvents(1);
		if (t == (Uint32)-1)
			return NULL;
		event_type = t;
	}
	a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	a->o = *o;
	a->lock = SDL_CreateMutex();
	a->cond = SDL_CreateCond();
	if (!a->lock || !a->cond)
		goto fail;
	a->thread = SDL_CreateThread(worker, "announcer", a);
	if (!a->thread)
		goto fail;
	return a;
fail:
	log_error("display: cannot start the announcer: %s", SDL_GetError());
	if (a->lock)
		SDL_DestroyMutex(a->lock);
	if (a->cond)
		SDL_DestroyCond(a->cond);
	free(a);
	return NULL;
}

int announcer_say(struct announcer *a, const struct announce_job *job)
{
	struct job_node *n = calloc(1, sizeof *n), *dropped = NULL;
	if (!n)
		return -1;
	n->job = *job;
	n->job.queued_ms = clock_mono_ms();
	SDL_LockMutex(a->lock);
	if (a->tail)
		a->tail->next = n;
	else
		a->head = n;
	a->tail = n;
	if (++a->n_waiting > ANNOUNCE_QUEUE_MAX) {   /* the oldest goes; n stays */
		dropped = a->head;
		a->head = dropped->next;
		a->n_waiting--;
	}
	SDL_CondSignal(a->cond);
	SDL_UnlockMutex(a->lock);
	if (dropped) {
		log_warn("display: announcement of %s skipped: %d more calls wait to be announced", dropped->job.label,
		         ANNOUNCE_QUEUE_MAX);
		pass_over(&dropped->job);
		free(dropped);
	}
	return 0;
}

void announcer_free(struct announcer *a)
{
	if (!a)
		return;
	SDL_LockMutex(a->lock);
	SDL_AtomicSet(&a->stop, 1);
	SDL_CondSignal(a->cond);
	SDL_UnlockMutex(a->lock);
	SDL_WaitThread(a->thread, NULL);
	while (a->head) {
		struct job_node *n = a->head;
		a->head = n->next;
		free(n);
	}
	SDL_DestroyMutex(a->lock);
	SDL_DestroyCond(a->cond);
	free(a->chime);
	free(a->pcm);
	free(a);
}
