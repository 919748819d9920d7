-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "claimCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reviewedClaimCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "verdictCount" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Verdict_reviewerId_idx" ON "Verdict"("reviewerId");

-- Fill the counts from the rows already there (lib/services/article-counts.ts keeps them from now on).
UPDATE "Claim" SET "verdictCount" = (SELECT count(*) FROM "Verdict" v WHERE v."claimId" = "Claim"."id");
UPDATE "Article" SET
  "claimCount" = (SELECT count(*) FROM "Claim" c WHERE c."articleId" = "Article"."id" AND c."deletedAt" IS NULL),
  "reviewedClaimCount" = (SELECT count(*) FROM "Claim" c WHERE c."articleId" = "Article"."id" AND c."deletedAt" IS NULL AND c."verdictCount" > 0);
