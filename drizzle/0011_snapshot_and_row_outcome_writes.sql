ALTER TABLE "snapshot_members" DROP CONSTRAINT "snapshot_members_snapshot_id_registry_snapshots_id_fk";
--> statement-breakpoint
ALTER TABLE "snapshot_members" DROP CONSTRAINT "snapshot_members_person_id_persons_id_fk";
--> statement-breakpoint
-- A reconciliation records an outcome on every row of the month's lists (400,000 for a county).
-- With free space on each page the row is updated in place (HOT: outcome and note are not
-- indexed) instead of a new row version plus index entries elsewhere: about 4x faster on
-- PostgreSQL and PGlite (docs/benchmarks.md). New submissions' pages get the free space.
ALTER TABLE "list_submission_rows" SET (fillfactor = 50);
