CREATE TABLE "pledge_reminders" (
	"person_id" uuid NOT NULL,
	"pledge_id" uuid NOT NULL,
	"reminded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pledge_reminders_person_id_pledge_id_pk" PRIMARY KEY("person_id","pledge_id")
);
--> statement-breakpoint
ALTER TABLE "training_assignments" ADD COLUMN "overdue_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pledge_reminders" ADD CONSTRAINT "pledge_reminders_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledge_reminders" ADD CONSTRAINT "pledge_reminders_pledge_id_pledge_documents_id_fk" FOREIGN KEY ("pledge_id") REFERENCES "public"."pledge_documents"("id") ON DELETE cascade ON UPDATE no action;