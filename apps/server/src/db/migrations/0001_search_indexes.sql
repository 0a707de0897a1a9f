DROP INDEX "audit_actor_at_idx";--> statement-breakpoint
DROP INDEX "audit_target_idx";--> statement-breakpoint
DROP INDEX "audit_action_at_idx";--> statement-breakpoint
CREATE INDEX "people_name_ja_prefix_idx" ON "people" USING btree ("name_ja" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "people_name_en_prefix_idx" ON "people" USING btree (lower("name_en") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "audit_actor_seq_idx" ON "audit_events" USING btree ("actor_id","seq");--> statement-breakpoint
CREATE INDEX "audit_target_seq_idx" ON "audit_events" USING btree ("target_type","target_id","seq");--> statement-breakpoint
CREATE INDEX "audit_action_seq_idx" ON "audit_events" USING btree ("action","seq");