ALTER TABLE "identities" DROP CONSTRAINT "identities_source_submission_id_list_submissions_id_fk";
--> statement-breakpoint
ALTER TABLE "identities" DROP CONSTRAINT "identities_closed_by_submission_id_list_submissions_id_fk";
--> statement-breakpoint
DROP INDEX "persons_region_name_idx";--> statement-breakpoint
-- Rows keep free space on each page, so marking their outcome after a reconciliation is a
-- heap-only update (no index entries rewritten) for 100,000s of rows.
ALTER TABLE "list_submission_rows" SET (fillfactor = 60);
