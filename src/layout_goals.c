#include "layout_parts.h"

#include "layout_blocks.h"
#include "layout_card.h"
#include "layout_initiative.h"

/* One section per goal, following the one before on the same page where
 * it fits (its heading always with its first card): a kicker, the goal's
 * name, its statement, its counts, then a card per measure and its
 * initiatives. */
void part_goals(struct lay *L)
{
	const struct report *r = L->r;
	for (size_t g = 0; g < r->ngoals; g++) {
		const struct goal *goal = &r->goals[g];
		int sect = db_elem(&L->db, ROLE_SECT, L->root, NULL);
		db_outline(&L->db, goal->name, 0, L->goal_dest[g]);
		struct lines_opt k = lines_opt_default(L, -1);
		k.keep_inside = k.keep_last = KEEP_ALWAYS;
		k.dest = L->goal_dest[g];
		k.space_before = L->line * 3;
		blk_text(L, L->p->goal_kicker, T_LABEL, sect, &k);
		blk_heading(L, 1, goal->name, sect, -1, L->line * 0.2, goal->line);
		if (goal->statement.nruns > 0) {
			struct lines_opt o = lines_opt_default(L, -1);
			o.space_before = L->line * 0.4;
			o.keep_last = KEEP_ALWAYS;
			blk_para(L, &goal->statement, T_LEAD, sect, &o);
		}
		if (goal->nmeasures == 0) {
			struct lines_opt o = lines_opt_default(L, -1);
			o.space_before = L->line * 0.5;
			blk_text(L, L->p->no_measures, T_BODY_MUTED, sect, &o);
		} else {
			status_chips(L, &L->p->goal_counts[g], sect, L->line * 0.5, KEEP_ALWAYS);
			for (size_t i = 0; i < goal->nmeasures; i++)
				card_measure(L, goal->measures[i], sect, L->line * (i ? 1.6 : 1.0));
		}
		goal_initiatives(L, goal, g, sect);
	}
}
