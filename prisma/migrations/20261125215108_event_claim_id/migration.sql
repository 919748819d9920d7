-- AlterTable
ALTER TABLE "Event" ADD COLUMN "claimId" TEXT;

-- CreateIndex
CREATE INDEX "Event_claimId_id_idx" ON "Event"("claimId", "id");

-- Earlier events name their claim in the payload: copy it into the column.
UPDATE "Event" SET "claimId" = "entityId" WHERE "type" IN ('claim.created', 'claim.updated', 'claim.deleted');
UPDATE "Event" SET "claimId" = json_extract("payload", '$.claim.id') WHERE "type" IN ('verdict.updated', 'adjudication.updated');
UPDATE "Event" SET "claimId" = json_extract("payload", '$.claimId') WHERE "type" IN ('comment.created', 'comment.updated', 'comment.deleted');
