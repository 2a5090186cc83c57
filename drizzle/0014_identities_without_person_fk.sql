ALTER TABLE "identities" DROP CONSTRAINT "identities_person_id_persons_id_fk";
--> statement-breakpoint
-- Identities and snapshot members name persons without a foreign key (their bulk writes are a
-- county's whole registry); what keeps those references valid is that a person is never deleted.
-- A person who leaves the registry keeps the record and the history.
CREATE OR REPLACE FUNCTION persons_refuse_delete() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'persons are never deleted: a person who leaves the registry keeps the record and the history';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER persons_never_deleted
  BEFORE DELETE ON persons
  FOR EACH STATEMENT EXECUTE FUNCTION persons_refuse_delete();
