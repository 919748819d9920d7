-- AlterTable
ALTER TABLE "Verdict" ADD COLUMN "rationaleDoc" TEXT;
