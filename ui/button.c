/* Button drawing: shadow, card, icon at the start side, fitted labels.
 * Pressed buttons sink by a sixth of a unit and turn to the accent colour,
 * so a touch is seen even under a finger's edge. */
#include "ui/button.h"

#include "ui/draw.h"
#include "ui/layout.h"

/* Where the pictogram, the label and the second line of b go. The
 * pictogram is at most a fifth of the card's width, so the words keep room. */
static void boxes(const struct theme *th, bool rtl, const struct button *b, SDL_Rect card, SDL_Rect *icon_box,
                  SDL_Rect *label_box, SDL_Rect *sub_box)
{
	SDL_Rect inner = layout_inset(card, th->unit);
	*icon_box = (SDL_Rect){ 0, 0, 0, 0 };
	if (b->icon >= 0 && b->icon < ICON_COUNT) {
		int side = inner.h < inner.w / 5 ? inner.h : inner.w / 5;
		*icon_box = layout_take_start(&inner, side, th->unit, rtl);
	}
	if (b->sublabel && b->sublabel[0]) {
		/* three fifths for the label, the rest for the second line */
		*label_box = layout_take_top(&inner, inner.h * 3 / 5, 0);
		*sub_box = inner;
	} else {
		*label_box = inner;
		*sub_box = (SDL_Rect){ 0, 0, 0, 0 };
	}
}

static struct text_style label_style(const struct theme *th, const struct button *b, SDL_Color ink)
{
	struct text_style st = { b->lang, b->label_px > 0 ? b->label_px : theme_u(th, 2.4),
		                 TEXT_BOLD | TEXT_WRAP | TEXT_FIT, TEXT_START, TEXT_MIDDLE, ink, 0 };
	return st;
}

static struct text_style sub_style(const struct theme *th, const struct button *b, SDL_Color ink)
{
	struct text_style st = label_style(th, b, ink);
	st.flags = TEXT_WRAP | TEXT_FIT;
	st.px = b->sub_px > 0 ? b->sub_px : st.px * 3 / 5;
	return st;
}

int button_draw(SDL_Renderer *r, struct text *t, const struct theme *th, const struct button *b)
{
	SDL_Rect card = b->rect, icon_box, label_box, sub_box;
	SDL_Color fill = th->button, ink = th->on_button;
	bool rtl = text_rtl(t, b->lang);
	int sink = 0, rc = 0, k;
	struct text_style st;

	switch (b->state) {
	case BUTTON_PRESSED:
		fill = th->pressed;
		ink = th->on_pressed;
		sink = th->unit / 6 > 1 ? th->unit / 6 : 1;
		break;
	case BUTTON_DISABLED:
		fill = th->disabled;
		ink = th->on_disabled;
		break;
	default:
		break;
	}
	if (b->state == BUTTON_NORMAL || b->state == BUTTON_SELECTED) {
		SDL_Rect sh = card;
		sh.y += th->unit / 4 > 1 ? th->unit / 4 : 1;
		draw_round_rect(r, sh, th->radius, th->shadow);
	}
	card.y += sink;
	draw_round_rect(r, card, th->radius, fill);
	if (b->state == BUTTON_SELECTED)
		draw_round_frame(r, card, th->radius, th->unit / 3 > 2 ? th->unit / 3 : 2, th->accent);
	boxes(th, rtl, b, card, &icon_box, &label_box, &sub_box);
	if (icon_box.w > 0)
		icon_draw(r, (enum icon)b->icon, icon_box, ink, fill, rtl);
	st = label_style(th, b, ink);
	if (b->sublabel && b->sublabel[0]) {
		st.valign = TEXT_BOTTOM;
		k = text_draw(t, &st, b->label, label_box, NULL);
		rc = k < 0 ? -1 : k;
		st = sub_style(th, b, ink);
		st.valign = TEXT_TOP;
		k = text_draw(t, &st, b->sublabel, sub_box, NULL);
		if (k != 0 && rc >= 0)
			rc = k;
	} else {
		rc = text_draw(t, &st, b->label ? b->label : "", label_box, NULL);
	}
	return rc;
}

int button_fit_together(struct text *t, const struct theme *th, struct button *b, int n)
{
	int label_px = 0, sub_px = 0;
	for (int i = 0; i < n; i++) {
		SDL_Rect icon_box, label_box, sub_box;
		struct text_style st = label_style(th, &b[i], th->on_button);
		struct text_metrics m;
		boxes(th, text_rtl(t, b[i].lang), &b[i], b[i].rect, &icon_box, &label_box, &sub_box);
		if (text_measure(t, &st, b[i].label ? b[i].label : "", label_box.w, label_box.h, &m) < 0)
			return -1;
		if (!label_px || m.px < label_px)
			label_px = m.px;
		if (b[i].sublabel && b[i].sublabel[0]) {
			st = sub_style(th, &b[i], th->on_button);
			if (text_measure(t, &st, b[i].sublabel, sub_box.w, sub_box.h, &m) < 0)
				return -1;
			if (!sub_px || m.px < sub_px)
				sub_px = m.px;
		}
	}
	for (int i = 0; i < n; i++) {
		b[i].label_px = label_px;
		b[i].sub_px = sub_px;
	}
	return 0;
}

bool button_hit(const struct button *b, int x, int y)
{
	return b->state != BUTTON_DISABLED && layout_contains(b->rect, x, y);
}
