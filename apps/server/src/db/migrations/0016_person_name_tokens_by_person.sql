-- A query of several words ("hiro tanaka") reads its page from the rarest word's entries and checks the other
-- words per person: `person_id = $1 AND token >= $2 AND token < $3`. With the token in the index that check is
-- index-only (it was a heap visit per token row). modules/org/people-search.ts.
DROP INDEX "person_name_tokens_person_idx";--> statement-breakpoint
CREATE INDEX "person_name_tokens_person_idx" ON "person_name_tokens" ("person_id", "token");
