-- AlterTable
ALTER TABLE "Source" ADD COLUMN "accessedAt" TEXT;
ALTER TABLE "Source" ADD COLUMN "archiveUrl" TEXT;
