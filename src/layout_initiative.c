#include "layout_initiative.h"

#include <string.h>

#include "layout_blocks.h"
#include "layout_table.h"

/* See layout_initiative.h. */
void goal_initiatives(struct lay *L, const struct goal *goal, size_t g, int parent)
{
	if (goal->ninitiatives == 0)
		return;
	const struct presentation *p = L->p;
	int sect = db_elem(&L->db, ROLE_SECT, parent, NULL);
	blk_heading(L, 2, p->initiatives_title, sect, -1, L->line * 2, goal->line);
	struct lines_opt o = lines_opt_default(L, -1);
	o.space_before = L->line * 0.3;
	o.keep_last = KEEP_ALWAYS;
	blk_text(L, p->goal_initiatives[g], T_BODY_MUTED, sect, &o);

	/* A row per milestone, the initiative's name and status on its first. */
	static const struct tcol cols[] = {
		{"Initiative", ALIGN_LEFT, true},
		{"Status", ALIGN_LEFT, false},
		{"Milestone", ALIGN_LEFT, true},
		{"Due", ALIGN_LEFT, false},
		{"Progress", ALIGN_LEFT, false},
	};
	enum { NCOLS = sizeof cols / sizeof cols[0] };
	size_t rows = 0;
	for (size_t i = 0; i < goal->ninitiatives; i++)
		rows += goal->initiatives[i]->nmilestones ? goal->initiatives[i]->nmilestones : 1;
	struct table t;
	memset(&t, 0, sizeof t);
	t.cols = cols;
	t.ncols = NCOLS;
	t.nrows = rows;
	t.cells = arena_calloc(L->a, rows * NCOLS + 1, sizeof *t.cells);
	size_t row = 0;
	for (size_t i = 0; i < goal->ninitiatives; i++) {
		const struct initiative *in = goal->initiatives[i];
		const struct pres_initiative *pi = &p->initiatives[in->index];
		size_t n = pi->nmilestones ? pi->nmilestones : 1;
		for (size_t k = 0; k < n; k++, row++) {
			struct tcell *c = &t.cells[row * NCOLS];
			for (size_t j = 0; j < NCOLS; j++)
				tcell_text(L, &c[j], "");
			if (k == 0) {
				tcell_text(L, &c[0], in->department ? arena_printf(L->a, "%s (%s)", in->name,
										   in->department)
								    : in->name);
				tcell_text(L, &c[1], pi->status_word);
			}
			c[0].row_head = true;
			c[0].line = in->line;
			if (pi->nmilestones == 0) {
				tcell_text(L, &c[2], pi->summary);
				continue;
			}
			const struct pres_milestone *pm = &pi->milestones[k];
			tcell_text(L, &c[2], pm->text);
			c[2].line = pm->ms->line;
			if (pm->due)
				tcell_text(L, &c[3], pm->due);
			tcell_text(L, &c[4], pm->ms->overdue ? arena_printf(L->a, "%s, %s",
									   pm->status_word,
									   p->overdue_word)
							     : pm->status_word);
		}
	}
	t.parent = sect;
	t.x = L->left;
	t.width = L->width;
	t.band = true;
	t.kind = T_BODY;
	t.space_before = L->line * 0.5;
	table_shape(L, &t);
	table_fit(L, &t, NULL, NULL);
	table_flow(L, &t);

	for (size_t i = 0; i < goal->ninitiatives; i++) {
		const struct initiative *in = goal->initiatives[i];
		if (in->commentary.n == 0)
			continue;
		struct lines_opt h = lines_opt_default(L, -1);
		h.space_before = L->line * 0.8;
		h.keep_last = KEEP_ALWAYS;
		blk_text(L, in->name, T_LABEL, sect, &h);
		for (size_t k = 0; k < in->commentary.n; k++) {
			struct lines_opt po = lines_opt_default(L, -1);
			po.space_before = k ? L->line * 0.4 : L->line * 0.15;
			blk_para(L, &in->commentary.items[k], T_BODY, sect, &po);
		}
	}
}
