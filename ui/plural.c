/* Plural-Forms: a recursive-descent parser into a small tree, and its
 * evaluator. The grammar is gettext's (C's precedence for the operators it
 * allows); nesting is limited so that hostile headers cannot exhaust the stack. */
#include "ui/plural.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NODES 256
#define MAX_DEPTH 48

enum op { OP_NUM, OP_N, OP_NOT, OP_MUL, OP_DIV, OP_MOD, OP_ADD, OP_SUB, OP_LT, OP_LE, OP_GT, OP_GE,
          OP_EQ, OP_NE, OP_AND, OP_OR, OP_COND };

struct node {
	enum op op;
	int a, b, c;             /* operands: node indexes */
	unsigned long val;       /* OP_NUM */
};

struct plural {
	int nplurals;
	int root;
	int n_nodes;
	struct node nodes[];
};

struct parser {
	const char *s;           /* expression text, ends at ';' or NUL */
	size_t pos;
	struct node nodes[MAX_NODES];
	int n_nodes;
	int depth;
	char *err;
	size_t errlen;
	bool failed;
};

static int fail(struct parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct parser *p, const char *fmt, ...)
{
	va_list ap;
	if (!p->failed && p->err && p->errlen) {
		va_start(ap, fmt);
		vsnprintf(p->err, p->errlen, fmt, ap);
		va_end(ap);
	}
	p->failed = true;
	return -1;
}

static void skip_space(struct parser *p)
{
	while (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' || p->s[p->pos] == '\n' || p->s[p->pos] == '\r')
		p->pos++;
}

/* Consumes tok if it comes next (after spaces). A one-character operator
 * does not match the start of a two-character one ("<" in "<="). */
static bool accept(struct parser *p, const char *tok)
{
	size_t n = strlen(tok);
	skip_space(p);
	if (strncmp(p->s + p->pos, tok, n) != 0)
		return false;
	if (n == 1 && (tok[0] == '<' || tok[0] == '>' || tok[0] == '!') && p->s[p->pos + 1] == '=')
		return false;
	if (n == 1 && (tok[0] == '&' || tok[0] == '|'))
		return false;
	p->pos += n;
	return true;
}

static int add_node(struct parser *p, enum op op, int a, int b, int c, unsigned long val)
{
	if (p->failed)
		return -1;
	if (p->n_nodes >= MAX_NODES)
		return fail(p, "plural expression too long");
	p->nodes[p->n_nodes] = (struct node){ op, a, b, c, val };
	return p->n_nodes++;
}

static int parse_cond(struct parser *p);

static int parse_primary(struct parser *p)
{
	char c;
	skip_space(p);
	c = p->s[p->pos];
	if (c == '(') {
		int e;
		p->pos++;
		e = parse_cond(p);
		if (e < 0)
			return -1;
		if (!accept(p, ")"))
			return fail(p, "missing ')' at column %zu of the plural expression", p->pos + 1);
		return e;
	}
	if (c == 'n' && !isalnum((unsigned char)p->s[p->pos + 1]) && p->s[p->pos + 1] != '_') {
		p->pos++;
		return add_node(p, OP_N, -1, -1, -1, 0);
	}
	if (isdigit((unsigned char)c)) {
		unsigned long v = 0;
		while (isdigit((unsigned char)p->s[p->pos])) {
			if (v > 100000000UL)
				return fail(p, "number too large in the plural expression");
			v = v * 10 + (unsigned long)(p->s[p->pos] - '0');
			p->pos++;
		}
		return add_node(p, OP_NUM, -1, -1, -1, v);
	}
	if (c == '\0' || c == ';')
		return fail(p, "the plural expression ends too early");
	return fail(p, "unexpected '%c' at column %zu of the plural expression", c, p->pos + 1);
}

static int parse_unary(struct parser *p)
{
	int e;
	if (++p->depth > MAX_DEPTH)
		return fail(p, "plural expression nested too deeply");
	if (accept(p, "!")) {
		e = parse_unary(p);
		e = e < 0 ? -1 : add_node(p, OP_NOT, e, -1, -1, 0);
	} else {
		e = parse_primary(p);
	}
	p->depth--;
	return e;
}

/* One precedence level of left-associative binary operators. */
struct level {
	const char *tok[4];
	enum op op[4];
	int (*next)(struct parser *p);
};

static int parse_binary(struct parser *p, const struct level *lv)
{
	int left = lv->next(p);
	for (;;) {
		int i, right;
		if (left < 0)
			return -1;
		for (i = 0; i < 4 && lv->tok[i]; i++)
			if (accept(p, lv->tok[i]))
				break;
		if (i == 4 || !lv->tok[i])
			return left;
		right = lv->next(p);
		if (right < 0)
			return -1;
		left = add_node(p, lv->op[i], left, right, -1, 0);
	}
}

static int parse_mul(struct parser *p)
{
	static const struct level lv = { { "*", "/", "%", NULL }, { OP_MUL, OP_DIV, OP_MOD, 0 }, parse_unary };
	return parse_binary(p, &lv);
}

static int parse_add(struct parser *p)
{
	static const struct level lv = { { "+", "-", NULL, NULL }, { OP_ADD, OP_SUB, 0, 0 }, parse_mul };
	return parse_binary(p, &lv);
}

static int parse_rel(struct parser *p)
{
	static const struct level lv = { { "<=", ">=", "<", ">" }, { OP_LE, OP_GE, OP_LT, OP_GT }, parse_add };
	return parse_binary(p, &lv);
}

static int parse_eq(struct parser *p)
{
	static const struct level lv = { { "==", "!=", NULL, NULL }, { OP_EQ, OP_NE, 0, 0 }, parse_rel };
	return parse_binary(p, &lv);
}

static int parse_and(struct parser *p)
{
	static const struct level lv = { { "&&", NULL, NULL, NULL }, { OP_AND, 0, 0, 0 }, parse_eq };
	return parse_binary(p, &lv);
}

static int parse_or(struct parser *p)
{
	static const struct level lv = { { "||", NULL, NULL, NULL }, { OP_OR, 0, 0, 0 }, parse_and };
	return parse_binary(p, &lv);
}

static int parse_cond(struct parser *p)
{
	int c, a, b;
	if (++p->depth > MAX_DEPTH)
		return fail(p, "plural expression nested too deeply");
	c = parse_or(p);
	if (c >= 0 && accept(p, "?")) {
		a = parse_cond(p);
		if (a < 0)
			return -1;
		if (!accept(p, ":"))
			return fail(p, "missing ':' after '?' in the plural expression");
		b = parse_cond(p);
		c = b < 0 ? -1 : add_node(p, OP_COND, c, a, b, 0);
	}
	p->depth--;
	return c;
}

static unsigned long eval(const struct node *nodes, int i, unsigned long n, bool *bad)
{
	const struct node *e = &nodes[i];
	unsigned long a, b;
	switch (e->op) {
	case OP_NUM: return e->val;
	case OP_N: return n;
	case OP_NOT: return !eval(nodes, e->a, n, bad);
	case OP_COND:
		return eval(nodes, e->a, n, bad) ? eval(nodes, e->b, n, bad) : eval(nodes, e->c, n, bad);
	case OP_AND: return eval(nodes, e->a, n, bad) && eval(nodes, e->b, n, bad);
	case OP_OR: return eval(nodes, e->a, n, bad) || eval(nodes, e->b, n, bad);
	default: break;
	}
	a = eval(nodes, e->a, n, bad);
	b = eval(nodes, e->b, n, bad);
	switch (e->op) {
	case OP_MUL: return a * b;
	case OP_DIV:
	case OP_MOD:
		if (b == 0) {
			*bad = true;
			return 0;
		}
		return e->op == OP_DIV ? a / b : a % b;
	case OP_ADD: return a + b;
	case OP_SUB: return a - b;
	case OP_LT: return a < b;
	case OP_LE: return a <= b;
	case OP_GT: return a > b;
	case OP_GE: return a >= b;
	case OP_EQ: return a == b;
	case OP_NE: return a != b;
	default: return 0;
	}
}

/* Finds "name" followed by optional spaces and '=' in s, as a whole word. */
static const char *find_assignment(const char *s, const char *name)
{
	size_t n = strlen(name);
	for (const char *q = s; (q = strstr(q, name)) != NULL; q += n) {
		const char *r = q + n;
		if (q > s && (isalnum((unsigned char)q[-1]) || q[-1] == '_'))
			continue;
		while (*r == ' ' || *r == '\t')
			r++;
		if (*r == '=')
			return r + 1;
	}
	return NULL;
}

struct plural *plural_parse(const char *forms, char *err, size_t errlen)
{
	struct parser *p;
	struct plural *rule = NULL;
	const char *np, *ex;
	long nplurals;
	char *end;

	if (err && errlen)
		err[0] = '\0';
	if (!forms) {
		if (err && errlen)
			snprintf(err, errlen, "no Plural-Forms");
		return NULL;
	}
	np = find_assignment(forms, "nplurals");
	ex = find_assignment(forms, "plural");
	if (!np || !ex) {
		if (err && errlen)
			snprintf(err, errlen, "Plural-Forms needs \"nplurals=N; plural=EXPRESSION;\"");
		return NULL;
	}
	while (*np == ' ')
		np++;
	nplurals = strtol(np, &end, 10);
	if (end == np || nplurals < 1 || nplurals > PLURAL_MAX) {
		if (err && errlen)
			snprintf(err, errlen, "nplurals must be a number from 1 to %d", PLURAL_MAX);
		return NULL;
	}
	p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->s = ex;
	p->err = err;
	p->errlen = errlen;
	p->depth = 0;
	{
		int root = parse_cond(p);
		skip_space(p);
		if (root >= 0 && p->s[p->pos] != ';' && p->s[p->pos] != '\0')
			root = fail(p, "unexpected '%c' at column %zu of the plural expression", p->s[p->pos],
			            p->pos + 1);
		if (root < 0)
			goto done;
		rule = malloc(sizeof *rule + (size_t)p->n_nodes * sizeof(struct node));
		if (!rule)
			goto done;
		rule->nplurals = (int)nplurals;
		rule->root = root;
		rule->n_nodes = p->n_nodes;
		memcpy(rule->nodes, p->nodes, (size_t)p->n_nodes * sizeof(struct node));
	}
	/* A rule that points outside the declared forms is a translator's
	 * mistake best caught when the file is read, not when a number shows. */
	for (unsigned long n = 0; n <= 1000; n++) {
		bool bad = false;
		unsigned long v = eval(rule->nodes, rule->root, n, &bad);
		if (bad || v >= (unsigned long)nplurals) {
			if (err && errlen) {
				if (bad)
					snprintf(err, errlen, "the plural expression divides by zero for n=%lu", n);
				else
					snprintf(err, errlen, "the plural expression gives %lu for n=%lu, but nplurals=%ld",
					         v, n, nplurals);
			}
			free(rule);
			rule = NULL;
			break;
		}
	}
done:
	free(p);
	return rule;
}

struct plural *plural_germanic(void)
{
	return plural_parse("nplurals=2; plural=(n != 1);", NULL, 0);
}

void plural_free(struct plural *p) { free(p); }

int plural_count(const struct plural *p) { return p ? p->nplurals : 1; }

int plural_index(const struct plural *p, unsigned long n)
{
	bool bad = false;
	unsigned long v;
	if (!p)
		return n == 1 ? 0 : 1;
	v = eval(p->nodes, p->root, n, &bad);
	return bad || v >= (unsigned long)p->nplurals ? 0 : (int)v;
}
