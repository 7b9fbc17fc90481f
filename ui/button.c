/* Button drawing: shadow, card, icon at the start side, fitted labels.
 * Pressed buttons sink by a sixth of a unit and turn to the accent colour,
 * so a touch is seen even under a finger's edge. */
#include "ui/button.h"

#include "ui/draw.h"
#include "ui/layout.h"

int button_draw(SDL_Renderer *r, struct text *t, const struct theme *th, const struct button *b)
{
	SDL_Rect card = b->rect, inner, icon_box, label_box, sub_box;
	SDL_Color fill = th->button, ink = th->on_button;
	bool rtl = text_rtl(t, b->lang);
	int pad = th->unit, sink = 0, rc = 0, k;
	struct text_style st = { b->lang, b->label_px > 0 ? b->label_px : theme_u(th, 2.4),
		                 TEXT_BOLD | TEXT_WRAP | TEXT_FIT, TEXT_START, TEXT_MIDDLE, ink, 0 };

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

	inner = layout_inset(card, pad);
	if (b->icon >= 0 && b->icon < ICON_COUNT) {
		int side = inner.h < inner.w / 3 ? inner.h : inner.w / 3;
		icon_box = layout_take_start(&inner, side, pad, rtl);
		icon_draw(r, (enum icon)b->icon, icon_box, ink, fill, rtl);
	}
	st.color = ink;
	if (b->sublabel && b->sublabel[0]) {
		/* two thirds for the label, one for the second line */
		label_box = layout_take_top(&inner, inner.h * 3 / 5, 0);
		sub_box = inner;
		st.valign = TEXT_BOTTOM;
		k = text_draw(t, &st, b->label, label_box, NULL);
		rc = k < 0 ? -1 : k;
		st.flags = TEXT_WRAP | TEXT_FIT;
		st.px = st.px * 3 / 5;
		st.valign = TEXT_TOP;
		k = text_draw(t, &st, b->sublabel, sub_box, NULL);
		if (k != 0 && rc >= 0)
			rc = k;
	} else {
		rc = text_draw(t, &st, b->label ? b->label : "", inner, NULL);
	}
	return rc;
}

bool button_hit(const struct button *b, int x, int y)
{
	return b->state != BUTTON_DISABLED && layout_contains(b->rect, x, y);
}
