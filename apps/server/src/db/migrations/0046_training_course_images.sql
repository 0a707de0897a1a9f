CREATE TABLE "training_course_images" (
	"course_id" uuid NOT NULL,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_course_images_course_id_name_pk" PRIMARY KEY("course_id","name")
);
--> statement-breakpoint
ALTER TABLE "training_course_images" ADD CONSTRAINT "training_course_images_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE cascade ON UPDATE no action;